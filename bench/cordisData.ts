// Synthetic CORDIS projects exports of any size, in the export's exact format with its quirks
// (docs/connectors.md): a byte-order mark, CRLF, decimal commas in project.csv and points in
// organization.csv, timestamps in date columns, unescaped quotes and `;` in text, pre-wrapped
// objectives, bare empties, EL/UK country codes, euroSciVoc paths with and without the leading
// slash. Rows are made from their index, so every run writes the same files; every row says it is
// synthetic. Written as a folder, streamed file by file, or zipped (with an extra folder level)
// by zipFolder. Used by bench:connect and by the connector's integration tests.

import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import yazl from 'yazl';

export interface SyntheticExportOptions {
  /** horizon: the Horizon Europe header; h2020: Horizon 2020's, with keywords. */
  programme: 'horizon' | 'h2020';
  projects: number;
  /** Organisation rows per project (on average; the coordinator always). */
  organisationRows: number;
  /** euroSciVoc rows per project. */
  euroSciVocRows: number;
  /** Distinct organisations (PICs) the rows draw from. */
  organisations: number;
  /** The first grant id; ids count up from it (different programmes need different ranges). */
  firstGrantId: number;
  /** One project in this many names personalised medicine in its text (default 40). */
  pmEvery?: number;
}

/** The countries of the synthetic organisations, in the export's codes (EL, UK), by PIC % length. */
export const COUNTRIES = [
  'DE',
  'FR',
  'ES',
  'IT',
  'EL',
  'UK',
  'NL',
  'BE',
  'SE',
  'PL',
  'PT',
  'AT',
  'IE',
  'FI',
  'DK',
  'CZ',
];
const ROLES = ['participant', 'participant', 'participant', 'thirdParty', 'associatedPartner'];
const SUBJECTS: ReadonlyArray<readonly [code: string, path: string, title: string]> = [
  [
    '/21/33/5029300',
    'medical and health sciences/health sciences/personalized medicine',
    'personalized medicine',
  ],
  ['/21/30/213', 'medical and health sciences/clinical medicine/cardiology', 'cardiology'],
  ['/21/30/71', 'medical and health sciences/clinical medicine/oncology', 'oncology'],
  ['/20/28/447', 'engineering and technology/chemical engineering/microreactor', 'microreactor'],
  ['/25/51/6001', 'agricultural sciences/agriculture, forestry, and fisheries/soil science', 'soil science'],
  [
    '/10/12/33',
    'natural sciences/computer and information sciences/artificial intelligence',
    'artificial intelligence',
  ],
];

const HORIZON_HEADER =
  'id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;legalBasis;topics;ecSignatureDate;frameworkProgramme;masterCall;subCall;fundingScheme;nature;objective;contentUpdateDate;rcn;grantDoi';
const H2020_HEADER =
  'id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;legalBasis;topics;ecSignatureDate;frameworkProgramme;masterCall;subCall;fundingScheme;nature;objective;contentUpdateDate;rcn;grantDoi;keywords';
const ORGANISATION_HEADER =
  'projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active';
const EUROSCIVOC_HEADER = 'projectID;euroSciVocCode;euroSciVocPath;euroSciVocTitle;euroSciVocDescription';
const TOPICS_HEADER = 'projectID;topic;title';

function header(columns: string): string {
  return `"${columns.split(';').join('";"')}"`;
}

function row(fields: ReadonlyArray<string | null>): string {
  return fields.map((field) => (field === null ? '' : `"${field}"`)).join(';');
}

/** The synthetic objective of project `index`, with the format's quirks on some rows. */
function objective(index: number, pm: boolean): string {
  const subject = pm
    ? 'Synthetic row. Personalised medicine tailors prevention and treatment to each patient'
    : 'Synthetic row. The consortium studies materials, energy and data';
  if (index % 7 === 3) return `${subject}; the so-called "omics" era; a new "paradigm" of care.`;
  return `${subject} in work package ${index % 9} over ${24 + (index % 36)} months.`;
}

/** project.csv's line of project `index`. */
function projectLine(options: SyntheticExportOptions, index: number): string {
  const id = String(options.firstGrantId + index);
  const pm = index % (options.pmEvery ?? 40) === 0;
  const year = (options.programme === 'horizon' ? 2021 : 2014) + (index % 6);
  const start = index % 11 === 5 ? `${year}-03-01 00:00:00` : `${year}-03-01`;
  const cost = `${1_000_000 + (index % 997) * 1_000},5`;
  const call =
    options.programme === 'horizon' ? `HORIZON-HLTH-${year}-DISEASE-0${index % 9}` : `H2020-SC1-${year}`;
  const topic = `${call}-0${index % 5}`;
  const text = objective(index, pm);
  const fields: Array<string | null> = [
    id,
    `SYN${index}`,
    index % 3 === 0 ? 'CLOSED' : 'SIGNED',
    `Synthetic row ${index}: ${pm ? 'personalised medicine for chronic disease' : 'advanced materials'}`,
    start,
    `${year + 3}-02-28`,
    cost,
    cost,
    options.programme === 'horizon' ? 'HORIZON.2.1' : 'H2020-EU.3.1.',
    topic,
    `${year}-01-15`,
    options.programme === 'horizon' ? 'HORIZON' : 'H2020',
    call,
    call,
    'RIA',
    null,
    text,
    '2024-01-15 10:00:00',
    String(900_000 + index),
    `10.3030/${id}`,
  ];
  if (options.programme === 'h2020') fields.push(pm ? 'personalised medicine, prevention' : 'materials');
  const line = row(fields);
  // Every 101st objective arrives pre-wrapped, with its inner quotes doubled.
  if (index % 101 === 50) return line.replace(`"${text}"`, `""${text.replaceAll('"', '""')}""`);
  return line;
}

/** organization.csv's lines of project `index`. */
function organisationLines(options: SyntheticExportOptions, index: number): string[] {
  const id = String(options.firstGrantId + index);
  const count = Math.max(1, options.organisationRows + ((index % 3) - 1));
  const lines: string[] = [];
  for (let k = 0; k < count; k += 1) {
    const pic = 990_000_000 + ((index * 7 + k * 13) % options.organisations);
    const country = COUNTRIES[pic % COUNTRIES.length]!;
    lines.push(
      row([
        id,
        `SYN${index}`,
        String(pic),
        k % 2 === 0 ? `${country}${pic}` : null,
        `SYNTHETIC ORGANISATION ${pic}`,
        `SO${pic % 1000}`,
        pic % 4 === 0 ? 'true' : 'false',
        ['HES', 'REC', 'PRC', 'PUB', 'OTH'][pic % 5]!,
        `Synthetic street ${pic % 100}`,
        String(10_000 + (pic % 80_000)),
        `SYNTHETIC CITY ${pic % 500}`,
        country,
        `${country}${pic % 10}`,
        pic % 9 === 0 ? null : `${(40 + (pic % 200) / 10).toFixed(4)},${((pic % 300) / 10).toFixed(4)}`,
        null,
        null,
        '2024-01-15 10:00:00',
        String(800_000 + index * 10 + k),
        String(k + 1),
        k === 0 ? 'coordinator' : ROLES[(index + k) % ROLES.length]!,
        `${100_000 + (pic % 5000) * 10}.5`,
        `${100_000 + (pic % 5000) * 10}.5`,
        `${120_000 + (pic % 5000) * 10}`,
        'false',
        null,
      ]),
    );
  }
  return lines;
}

/** euroSciVoc.csv's lines of project `index` (the personalised-medicine tag on the PM projects and a few others). */
function euroSciVocLines(options: SyntheticExportOptions, index: number): string[] {
  const id = String(options.firstGrantId + index);
  const pm = index % (options.pmEvery ?? 40) === 0;
  const lines: string[] = [];
  for (let k = 0; k < options.euroSciVocRows; k += 1) {
    const subject = pm && k === 0 ? SUBJECTS[0]! : SUBJECTS[1 + ((index + k) % (SUBJECTS.length - 1))]!;
    // Some exports write the path with a leading slash.
    const path = index % 2 === 0 ? `/${subject[1]}` : subject[1];
    lines.push(row([id, subject[0], path, subject[2], null]));
  }
  // A classifier's stray tag: an engineering project tagged personalised medicine.
  if (!pm && index % 97 === 13)
    lines.push(row([id, SUBJECTS[0]![0], SUBJECTS[0]![1], SUBJECTS[0]![2], null]));
  return lines;
}

async function writeLines(file: string, first: string, lines: (index: number) => string[], count: number) {
  const stream = createWriteStream(file);
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(first);
  for (let index = 0; index < count; index += 1) {
    const text = lines(index);
    if (text.length > 0) await write(`${text.join('\r\n')}\r\n`);
  }
  stream.end();
  await once(stream, 'finish');
}

/** Writes a synthetic export into `folder` (created); returns the files' total size in bytes. */
export async function writeSyntheticExport(folder: string, options: SyntheticExportOptions): Promise<number> {
  await fs.mkdir(folder, { recursive: true });
  const projectHeader = options.programme === 'horizon' ? HORIZON_HEADER : H2020_HEADER;
  await writeLines(
    path.join(folder, 'project.csv'),
    `\ufeff${header(projectHeader)}\r\n`,
    (index) => [projectLine(options, index)],
    options.projects,
  );
  await writeLines(
    path.join(folder, 'organization.csv'),
    `${header(ORGANISATION_HEADER)}\r\n`,
    (index) => organisationLines(options, index),
    options.projects,
  );
  await writeLines(
    path.join(folder, 'euroSciVoc.csv'),
    `${header(EUROSCIVOC_HEADER)}\r\n`,
    (index) => euroSciVocLines(options, index),
    options.projects,
  );
  await writeLines(
    path.join(folder, 'topics.csv'),
    `${header(TOPICS_HEADER)}\r\n`,
    (index) => {
      const line = projectLine(options, index);
      const topic = line.split('";"')[9]!;
      return [row([String(options.firstGrantId + index), topic, `Synthetic topic title ${topic}`])];
    },
    options.projects,
  );
  let size = 0;
  for (const name of await fs.readdir(folder)) size += (await fs.stat(path.join(folder, name))).size;
  return size;
}

/** Zips every file of `folder` into `zipFile`, under `inner/` (the extra folder level some zips have). */
export async function zipFolder(folder: string, zipFile: string, inner = ''): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of (await fs.readdir(folder)).sort())
    zip.addFile(path.join(folder, name), inner === '' ? name : `${inner}/${name}`);
  zip.end();
  const out = createWriteStream(zipFile);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}
