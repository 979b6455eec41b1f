// The CORDIS connector's source: a projects export (zip or folder, and optionally the publications
// export) checked whole before anything is written, then read file by file as records: scope
// signals first (euroSciVoc, topics, legal bases), then projects with their scope, their subjects,
// organisations and partnerships, and publications. Files stream row by row; what is kept between
// files is per project (ids, scope signals, topic titles), never a file.

import {
  connectorDataset,
  type ConnectorDataset,
  ConnectorInputError,
  type ConnectorRecord,
  type ConnectorSource,
  type MalformedRow,
  type ReadContext,
} from '../source';
import type { ConnectorLabel, ConnectorLinkShape, DatasetId } from '../../model';
import { CORDIS_FILES, CORDIS_FILES_NOT_READ, type CordisFileKey } from './cordisFormat';
import { openCordisInput, type CordisInput } from './cordisInput';
import {
  euroSciVocRow,
  legalBasisRow,
  organizationRow,
  projectRow,
  publicationRow,
  topicRow,
  type OrganizationRow,
  type ProjectRow,
} from './cordisRows';
import { isUnderPersonalisedMedicine, scopeOfProject, SCOPE_RULE_IDS } from './cordisScope';
import { CordisValueError } from './cordisValues';
import {
  callOf,
  callRecords,
  CORDIS_PROGRAMMES,
  FUNDER_CONSORTIUM_GRANTS,
  organisationRecords,
  partnershipRecords,
  programmeRecords,
  projectRecords,
  publicationRecords,
  subjectRecords,
  type CordisProgrammeKey,
} from './mapCordis';
import { readCordisFile, type CordisRow } from './readCordisFile';

/** The dataset of each programme's export (DATASET_SPECS describes them: name, licence, attribution). */
export const CORDIS_DATASET_IDS: Readonly<Record<CordisProgrammeKey, DatasetId>> = {
  horizon: 'CORDIS_HORIZON_EUROPE',
  h2020: 'CORDIS_HORIZON_2020',
};

export type CordisScope = 'pm' | 'all';

export interface CordisSourceOptions {
  /** The framework programme; by default the one project.csv names. */
  programme?: CordisProgrammeKey;
  /** pm (default): personalised-medicine projects by the scope rules; all: every project. */
  scope?: CordisScope;
}

/** More malformed rows than this share of a file's rows refuses the input. */
export const MALFORMED_SHARE_REFUSED = 0.01;

const LABELS: readonly ConnectorLabel[] = [
  'Programme',
  'Call',
  'Project',
  'Subject',
  'Organisation',
  'Output',
];
const SHAPES: readonly ConnectorLinkShape[] = [
  { type: 'PART_OF', from: 'Call', to: 'Programme' },
  { type: 'PART_OF', from: 'Project', to: 'Programme' },
  { type: 'FUNDED', from: 'Call', to: 'Project' },
  { type: 'FUNDS', from: 'Funder', to: 'Project' },
  { type: 'HAS_SUBJECT', from: 'Project', to: 'Subject' },
  { type: 'BROADER', from: 'Subject', to: 'Subject' },
  { type: 'PARTNER_IN', from: 'Organisation', to: 'Project' },
  { type: 'PARTNER_IN', from: 'Funder', to: 'Project' },
  { type: 'LOCATED_IN', from: 'Organisation', to: 'Country' },
  { type: 'HAS_PARTNER_IN', from: 'Project', to: 'Country' },
  { type: 'HAS_OUTPUT', from: 'Project', to: 'Output' },
];

const PROGRAMME_BY_FILE_VALUE = new Map<string, CordisProgrammeKey>(
  Object.entries(CORDIS_PROGRAMMES).map(([key, programme]) => [
    programme.frameworkProgramme,
    key as CordisProgrammeKey,
  ]),
);

/** Opens a CORDIS export; the caller closes the result. Refuses a missing path or a file that is no zip. */
export async function openCordisSource(
  paths: readonly string[],
  options: CordisSourceOptions = {},
): Promise<ConnectorSource & { close(): void }> {
  const input = await openCordisInput(paths);
  return new CordisSource(input, options);
}

/** A file pass: the rows of one file in its typed form; rows that cannot be read are reported and skipped. */
type Parser<T> = (row: CordisRow) => T;

class CordisSource implements ConnectorSource {
  readonly name = 'cordis';
  readonly labels = LABELS;
  readonly shapes = SHAPES;
  private programme: CordisProgrammeKey | null;
  private readonly scope: CordisScope;
  /**
   * PICs of the funder consortia's partners, found by check() (an organisation is emitted at its
   * first row, which may come before its consortium row); null until check() ran.
   */
  private consortiumPics: ReadonlySet<string> | null = null;
  /** Bytes of the files a pass reads, and of those it finished. */
  private passBytes = 0;
  private doneBytes = 0;

  constructor(
    private readonly input: CordisInput,
    options: CordisSourceOptions,
  ) {
    this.programme = options.programme ?? null;
    this.scope = options.scope ?? 'pm';
  }

  get inputName(): string {
    return this.input.name;
  }

  get format(): string {
    return this.input.format;
  }

  get sha256(): string {
    return this.input.sha256;
  }

  get dataset(): ConnectorDataset {
    const newest = Math.max(...[...this.input.entries.values()].map((entry) => entry.modified.getTime()));
    return connectorDataset(
      CORDIS_DATASET_IDS[this.programme ?? 'horizon'],
      Number.isFinite(newest) ? new Date(newest).toISOString().slice(0, 10) : null,
    );
  }

  close(): void {
    this.input.close();
  }

  async check(context: ReadContext): Promise<void> {
    const missing = (Object.keys(CORDIS_FILES) as CordisFileKey[]).filter(
      (key) => CORDIS_FILES[key].required && !this.input.entries.has(CORDIS_FILES[key].name),
    );
    if (missing.length > 0) {
      const found = [...this.input.entries.keys()].join(', ') || 'no CSV file';
      throw new ConnectorInputError(
        `${this.input.name} is not a CORDIS projects export: it has no ${missing.map((key) => CORDIS_FILES[key].name).join(', ')} (found: ${found})`,
        'MISSING_FILE',
      );
    }
    this.startPass(['euroSciVoc', 'topics', 'legalBasis', 'project', 'organization', 'projectPublications']);
    const programmes = new Set<CordisProgrammeKey>();
    await this.checkFile('euroSciVoc', euroSciVocRow, context);
    await this.checkFile('topics', topicRow, context);
    await this.checkFile('legalBasis', legalBasisRow, context);
    await this.checkFile('project', (row) => this.programmeOf(projectRow(row), programmes), context);
    const consortium = new Set<string>();
    await this.checkFile(
      'organization',
      (row) => this.consortiumOf(organizationRow(row), consortium),
      context,
    );
    this.consortiumPics = consortium;
    await this.checkFile('projectPublications', publicationRow, context);
    if (programmes.size > 1)
      throw new ConnectorInputError(
        `project.csv mixes framework programmes (${[...programmes].join(', ')}); give one export at a time`,
        'WRONG_PROGRAMME',
      );
    const [found] = programmes;
    if (this.programme !== null && found !== undefined && found !== this.programme)
      throw new ConnectorInputError(
        `project.csv holds ${CORDIS_PROGRAMMES[found].frameworkProgramme} projects, not ${CORDIS_PROGRAMMES[this.programme].frameworkProgramme} as --programme ${this.programme} says`,
        'WRONG_PROGRAMME',
      );
    this.programme ??= found ?? null;
  }

  /** Collects the PICs of the partners of FUNDER_CONSORTIUM_GRANTS (which may be our funders). */
  private consortiumOf(row: OrganizationRow, pics: Set<string>): OrganizationRow {
    if (FUNDER_CONSORTIUM_GRANTS.includes(row.projectId)) pics.add(row.pic);
    return row;
  }

  /** The project's programme, collected; a value the connector does not read makes the row malformed. */
  private programmeOf(project: ProjectRow, programmes: Set<CordisProgrammeKey>): ProjectRow {
    const key = PROGRAMME_BY_FILE_VALUE.get(project.frameworkProgramme);
    if (key === undefined)
      throw new CordisValueError(
        `column "frameworkProgramme": expected HORIZON or H2020, received "${project.frameworkProgramme}"`,
      );
    programmes.add(key);
    return project;
  }

  private async checkFile<T>(key: CordisFileKey, parse: Parser<T>, context: ReadContext): Promise<void> {
    let rows = 0;
    let malformed = 0;
    for await (const row of this.rows(key, parse, context, () => (malformed += 1))) {
      void row;
      rows += 1;
    }
    const all = rows + malformed;
    if (all > 0 && malformed / all > MALFORMED_SHARE_REFUSED) {
      const share = ((100 * malformed) / all).toFixed(1);
      throw new ConnectorInputError(
        `${CORDIS_FILES[key].name}: ${malformed} of ${all} rows (${share}%) cannot be read, more than the ${
          100 * MALFORMED_SHARE_REFUSED
        }% the connector accepts; the first ones are listed below`,
        'TOO_MANY_MALFORMED',
      );
    }
  }

  /** Declares the files a pass reads, for the progress line's share of bytes. */
  private startPass(keys: readonly CordisFileKey[]): void {
    this.passBytes = keys.reduce(
      (sum, key) => sum + (this.input.entries.get(CORDIS_FILES[key].name)?.size ?? 0),
      0,
    );
    this.doneBytes = 0;
  }

  /** The typed rows of a file (none when an optional file is absent). */
  private async *rows<T>(
    key: CordisFileKey,
    parse: Parser<T>,
    context: ReadContext,
    onMalformed: () => void = () => undefined,
  ): AsyncGenerator<T> {
    const spec = CORDIS_FILES[key];
    const entry = this.input.entries.get(spec.name);
    if (entry === undefined) return;
    const malformed = (row: MalformedRow) => {
      onMalformed();
      context.malformed(row);
    };
    const events = {
      malformed,
      progress: (bytes: number, rows: number) =>
        context.progress({
          file: spec.name,
          rows,
          bytes: this.doneBytes + bytes,
          totalBytes: this.passBytes,
        }),
    };
    for await (const row of readCordisFile(entry, spec, events)) {
      let value: T;
      try {
        value = parse(row);
      } catch (error) {
        if (!(error instanceof CordisValueError)) throw error;
        malformed({ file: spec.name, line: row.line, code: 'BAD_VALUE', reason: error.message });
        continue;
      }
      yield value;
    }
    this.doneBytes += entry.size;
  }

  async *read(context: ReadContext): AsyncIterable<ConnectorRecord> {
    const programme = CORDIS_PROGRAMMES[this.programme ?? 'horizon'];
    const datasetUrl = this.dataset.url;
    const datasetId = CORDIS_DATASET_IDS[this.programme ?? 'horizon'];
    for (const name of this.input.entries.keys())
      if ((CORDIS_FILES_NOT_READ as readonly string[]).includes(name))
        context.list('files not read', { file: name });
    this.startPass([
      'euroSciVoc',
      'topics',
      'legalBasis',
      'project',
      'euroSciVoc',
      'organization',
      'projectPublications',
    ]);

    // Scope signals and the facts projects take from other files, per project id.
    const pmTags = new Map<string, string[]>();
    for await (const tag of this.rows('euroSciVoc', euroSciVocRow, context)) {
      if (!isUnderPersonalisedMedicine(tag.code)) continue;
      const code = `/${tag.code.join('/')} ${tag.title}`;
      pmTags.set(tag.projectId, [...(pmTags.get(tag.projectId) ?? []), code]);
    }
    const topicTitles = new Map<string, Map<string, string>>();
    for await (const topic of this.rows('topics', topicRow, context)) {
      const titles = topicTitles.get(topic.projectId) ?? new Map<string, string>();
      if (topic.title !== null) titles.set(topic.topic, topic.title);
      topicTitles.set(topic.projectId, titles);
    }
    const legalBases = new Map<string, string>();
    for await (const basis of this.rows('legalBasis', legalBasisRow, context))
      if (basis.title !== null && (basis.main || !legalBases.has(basis.projectId)))
        legalBases.set(basis.projectId, basis.title);

    yield* programmeRecords(programme, datasetUrl);
    const projects = new Set<string>();
    const calls = new Set<string>();
    for await (const project of this.rows('project', projectRow, context)) {
      const titles = topicTitles.get(project.id) ?? new Map<string, string>();
      const topics = [...new Set([...project.topics, ...titles.keys()])];
      const scope = scopeOfProject({ ...project, topics }, pmTags.get(project.id) ?? []);
      for (const rule of scope.rules) context.tally('scope rules', rule);
      if (scope.weak) context.tally('scope', 'taken in by a euroSciVoc tag alone (weak)');
      if (this.scope === 'pm' && !scope.inScope) {
        context.tally('scope', 'out of scope');
        continue;
      }
      context.tally(
        'scope',
        scope.inScope ? 'personalised medicine' : 'outside personalised medicine (--scope all)',
      );
      projects.add(project.id);
      const call = callOf(project);
      if (call !== null && !calls.has(call)) {
        calls.add(call);
        yield* callRecords(call, project.masterCall, programme, datasetUrl);
      }
      yield* projectRecords(
        { ...project, topics },
        { scope, topicTitles: [...titles.values()], legalBasisTitle: legalBases.get(project.id) ?? null },
        programme,
      );
    }
    pmTags.clear();
    topicTitles.clear();
    legalBases.clear();

    const subjects = new Set<string>();
    for await (const tag of this.rows('euroSciVoc', euroSciVocRow, context))
      if (projects.has(tag.projectId)) yield* subjectRecords(tag, subjects, datasetUrl);

    const organisations = new Set<string>();
    const countries = new Set<string>();
    const consortium = this.consortiumPics;
    if (consortium === null) throw new TypeError('CordisSource.read expects check() to have run first');
    for await (const row of this.rows('organization', organizationRow, context)) {
      if (!projects.has(row.projectId)) continue;
      if (!organisations.has(row.pic)) {
        organisations.add(row.pic);
        yield* organisationRecords(row, datasetId, datasetUrl, consortium.has(row.pic));
      }
      yield* partnershipRecords(row, countries);
    }

    const outputs = new Set<string>();
    for await (const row of this.rows('projectPublications', publicationRow, context))
      if (projects.has(row.projectId)) yield* publicationRecords(row, outputs, datasetUrl);
    for (const rule of SCOPE_RULE_IDS) context.tally('scope rules', rule, 0);
  }
}
