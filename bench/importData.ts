// The synthetic project file of the import benchmark (also bench:scale's data sets) and the
// docs/benchmarks.md section that reports it. Rows are made from their index, so every run
// imports the same file.

import fs from 'node:fs';

/** Marks the import benchmark's own section of docs/benchmarks.md (other sections are left alone). */
export const IMPORT_SECTION_START =
  '<!-- import-bench:start (written by npm run bench:import; edits inside are overwritten) -->';
export const IMPORT_SECTION_END = '<!-- import-bench:end -->';

export const SYNTHETIC_COLUMNS = [
  'id',
  'acronym',
  'title',
  'callId',
  'startDate',
  'endDate',
  'fundingEur',
  'funderIds',
  'coordinator',
  'partners',
  'keywords',
  'diseaseArea',
  'sources',
] as const;

/** Seeded calls and funders the synthetic rows refer to (they exist in seeds/*.json). */
const CALLS = ['jtc2018', 'jtc2019', 'jtc2020', 'jtc2021', 'jtc2022', 'jtc2024', 'jtc2025', 'jtc2026'];
const FUNDERS = ['isciii-es', 'anr-fr', 'hrb-ie', 'rcn-no', 'vinnova-se', 'fwf-at'];
const COUNTRIES = [
  'DE',
  'FR',
  'ES',
  'IT',
  'SE',
  'NO',
  'IE',
  'AT',
  'BE',
  'NL',
  'PL',
  'PT',
  'FI',
  'DK',
  'CZ',
  'HU',
  'SI',
  'EE',
  'LV',
  'LT',
];

/**
 * The CSV cells of synthetic project `index` (0-based). Partners come from a pool of
 * `organisations` invented institutes named "Synthetic Institute N [CC]", so matching sees
 * each name many times; everything else varies with the index.
 */
export function syntheticProjectRow(index: number, organisations: number): string[] {
  if (!Number.isInteger(index) || index < 0)
    throw new TypeError(`syntheticProjectRow expects a non-negative integer index, received ${index}`);
  const n = String(index + 1).padStart(6, '0');
  const organisation = (k: number) => {
    const id = (index * 7 + k * 13) % organisations;
    return `Synthetic Institute ${id} [${COUNTRIES[id % COUNTRIES.length]}]`;
  };
  const year = 2018 + (index % 8);
  return [
    `bench-project-${n}`,
    `SYN${n}`,
    `Synthetic project ${n} on stratified treatment`,
    CALLS[index % CALLS.length]!,
    `${year + 1}-0${1 + (index % 9)}-01`,
    `${year + 4}-0${1 + (index % 9)}-01`,
    String(100_000 + (index % 50) * 5_000),
    `${FUNDERS[index % FUNDERS.length]!};${FUNDERS[(index + 1) % FUNDERS.length]!}`,
    organisation(0),
    `${organisation(1)};${organisation(2)}`,
    'synthetic; benchmark; stratification',
    'oncology',
    'https://www.eppermed.eu/',
  ];
}

/** One CSV line (cells quoted when they need it). */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\n;]/.test(cell) && !cell.includes('"') ? `"${cell}"` : /["\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')}\n`;
}

/** The institutes the partners of a file of `rows` projects are drawn from: one per 50 projects, at least 10. */
export function syntheticOrganisationPool(rows: number): number {
  return Math.max(10, Math.round(rows / 50));
}

/** Writes the synthetic file of `rows` projects to `file`, streamed (100,000 rows are 28.5 MiB). */
export async function writeSyntheticProjectsFile(file: string, rows: number): Promise<void> {
  const organisations = syntheticOrganisationPool(rows);
  const out = fs.createWriteStream(file);
  const finished = new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.once('finish', () => resolve());
  });
  out.write(csvLine(SYNTHETIC_COLUMNS));
  for (let index = 0; index < rows; index += 1) {
    if (!out.write(csvLine(syntheticProjectRow(index, organisations))))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished;
}

/** Replaces the import section of docs/benchmarks.md, appending it when absent; other text is kept. */
export function replaceImportSection(existing: string | null, section: string): string {
  if (existing === null) return `# Benchmarks\n\n${section}\n`;
  const start = existing.indexOf(IMPORT_SECTION_START);
  const end = existing.indexOf(IMPORT_SECTION_END);
  if (start < 0 && end < 0) return `${existing.replace(/\s*$/, '')}\n\n${section}\n`;
  if (start < 0 || end < start)
    throw new TypeError(
      'replaceImportSection expects one import-bench:start marker followed by one import-bench:end marker',
    );
  return existing.slice(0, start) + section + existing.slice(end + IMPORT_SECTION_END.length);
}
