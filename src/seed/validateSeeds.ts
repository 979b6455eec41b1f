// Validates the seed files (seeds/<key>.json as parsed JSON) against the contract in
// seedRecords.ts: shapes, enums, ids, references between files, link rules and sources.
// Pure; never throws on malformed input, it reports it. assertValidSeeds throws instead.

import worldCountries from 'world-countries';
import { DERIVATION_RULES_BY_ID } from './derivationRules';
import { DISEASE_AREA_RULE } from './diseaseAreas';
import type { SeedFileKey } from './loadSeedFiles';
import {
  CALL_KINDS,
  DERIVED_LINK_TYPES,
  FUNDER_KINDS,
  LINKABLE_LABELS,
  PARTNER_ROLES,
  PROVENANCES,
  SEED_FILE_KEYS,
  SRIA_AREA_KINDS,
  STAGE_LEVELS,
  type DerivedLinkType,
  type LinkableLabel,
  type SeedDataset,
} from './seedRecords';

/** One problem found in the seed files. */
export type SeedValidationIssue = {
  /** The file at fault, e.g. "seeds/funders.json". */
  file: string;
  /** Position of the record in the file's array; null for whole-file problems and the manifest. */
  index: number | null;
  /** The record's id when it has a readable one. */
  id: string | null;
  /** Path of the field inside the record, e.g. "partners[1].organisationId"; null when the record itself is at fault. */
  field: string | null;
  reason: string;
  /** All of the above in one line. */
  message: string;
};

/** Thrown by assertValidSeeds; `errors` lists every problem, `message` the first few. */
export class SeedValidationError extends Error {
  readonly errors: readonly SeedValidationIssue[];

  constructor(errors: readonly SeedValidationIssue[]) {
    const shown = errors.slice(0, 20).map((error) => `  - ${error.message}`);
    const more = errors.length > shown.length ? [`  ... and ${errors.length - shown.length} more`] : [];
    super([`The seed files have ${errors.length} error(s):`, ...shown, ...more].join('\n'));
    this.name = 'SeedValidationError';
    this.errors = errors;
  }
}

/** Path of a seed file as messages name it. */
export function seedFilePath(key: SeedFileKey): string {
  return `seeds/${key}.json`;
}

function formatIssue(
  file: string,
  index: number | null,
  id: string | null,
  field: string | null,
  reason: string,
): string {
  const record = index === null ? '' : ` record ${index}${id === null ? '' : ` (id "${id}")`}`;
  const where = field === null ? '' : ` field "${field}"`;
  return `${file}${record}${where}: ${reason}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}...` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Checks -----------------------------------------------------------------------------------

/** Where a check reports: the field path, plus a way to ask for a cross-file reference. */
type At = {
  path: string;
  report: (reason: string) => void;
  child: (suffix: string) => At;
  reference: (target: SeedFileKey, value: string) => void;
};

type Check = (value: unknown, at: At) => void;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_CODE_PATTERN = /^[A-Z]{2}$/;
const KNOWN_COUNTRY_CODES: ReadonlySet<string> = new Set(worldCountries.map((country) => country.cca2));

const text: Check = (value, at) => {
  if (typeof value !== 'string' || value.trim() === '')
    at.report(`expected a non-empty string, received ${describe(value)}`);
};

const bool: Check = (value, at) => {
  if (typeof value !== 'boolean') at.report(`expected true or false, received ${describe(value)}`);
};

function nullable(check: Check): Check {
  return (value, at) => {
    if (value !== null) check(value, at);
  };
}

function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): Check {
  return (value, at) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      at.report(
        `expected an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, received ${describe(value)}`,
      );
    }
  };
}

function numberIn(min: number, max: number): Check {
  return (value, at) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      at.report(`expected a number from ${min} to ${max}, received ${describe(value)}`);
    }
  };
}

const year = integer(1900, 2100);
const count = integer(0);
const amountEur = numberIn(0, Number.MAX_SAFE_INTEGER);

const confidence: Check = (value, at) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    at.report(`expected a confidence with 0 < c <= 1, received ${describe(value)}`);
  }
};

function oneOf(values: readonly string[]): Check {
  return (value, at) => {
    if (typeof value !== 'string' || !values.includes(value))
      at.report(`expected one of ${values.join(', ')}, received ${describe(value)}`);
  };
}

/** ISO date as published: YYYY-MM-DD or a month only, YYYY-MM. */
const isoDate: Check = (value, at) => {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value) : null;
  if (match === null) {
    at.report(`expected an ISO date YYYY-MM-DD or YYYY-MM, received ${describe(value)}`);
    return;
  }
  const month = Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  const date = new Date(Date.UTC(Number(match[1]), month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day)
    at.report(`expected a real calendar date, received ${describe(value)}`);
};

const isoDateTime: Check = (value, at) => {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    at.report(`expected an ISO timestamp like 2026-11-29T00:00:00.000Z, received ${describe(value)}`);
  }
};

const slugId: Check = (value, at) => {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    at.report(`expected a lower-case slug id (letters, digits, single hyphens), received ${describe(value)}`);
  }
};

const isoCode: Check = (value, at) => {
  if (typeof value !== 'string' || !ISO_CODE_PATTERN.test(value)) {
    at.report(`expected an ISO 3166-1 alpha-2 code (two upper-case letters), received ${describe(value)}`);
  } else if (!KNOWN_COUNTRY_CODES.has(value)) {
    at.report(`expected an assigned ISO 3166-1 alpha-2 code, received ${describe(value)}`);
  }
};

/** A reference to a record of `target` (an id there, or an ISO code for countries). */
function ref(target: SeedFileKey): Check {
  const shape = target === 'countries' ? isoCode : slugId;
  return (value, at) => {
    let bad = false;
    shape(value, {
      ...at,
      report: (reason) => {
        bad = true;
        at.report(reason);
      },
    });
    if (!bad && typeof value === 'string') at.reference(target, value);
  };
}

function list(check: Check, options: { nonEmpty?: boolean; unique?: boolean } = {}): Check {
  return (value, at) => {
    if (!Array.isArray(value)) {
      at.report(`expected an array, received ${describe(value)}`);
      return;
    }
    if (options.nonEmpty === true && value.length === 0)
      at.report('expected at least one item, received an empty array');
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      const itemAt = at.child(`[${index}]`);
      check(item, itemAt);
      if (options.unique === true && typeof item === 'string') {
        const first = seen.get(item);
        if (first !== undefined) itemAt.report(`duplicate of item ${first}`);
        else seen.set(item, index);
      }
    });
  };
}

const url: Check = (value, at) => {
  let ok = typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
  if (ok) {
    try {
      new URL(value as string);
    } catch {
      ok = false;
    }
  }
  if (!ok) at.report(`expected an http(s) URL, received ${describe(value)}`);
};

const sources = list(url, { nonEmpty: true, unique: true });

type Fields = Record<string, Check>;

/** Checks an object's fields: each listed field present and valid, no other fields. */
function object(fields: Fields): Check {
  return (value, at) => {
    if (!isRecord(value)) {
      at.report(`expected an object, received ${describe(value)}`);
      return;
    }
    for (const [name, check] of Object.entries(fields)) {
      const fieldAt = at.child(at.path === '' ? name : `.${name}`);
      if (!(name in value)) fieldAt.report('is missing');
      else check(value[name], fieldAt);
    }
    for (const name of Object.keys(value)) {
      if (!(name in fields))
        at.child(at.path === '' ? name : `.${name}`).report(
          'is not a field of this record (unexpected field)',
        );
    }
  };
}

// --- Record specifications --------------------------------------------------------------------

const sourced: Fields = { id: slugId, sources, uncertain: bool, notes: nullable(text) };

const partner = object({
  organisationId: ref('organisations'),
  role: oneOf(PARTNER_ROLES),
  asNamed: list(text, { nonEmpty: true, unique: true }),
});

const RECORD_FIELDS: Record<Exclude<SeedFileKey, 'manifest'>, Fields> = {
  programmes: {
    ...sourced,
    name: text,
    shortName: text,
    startYear: nullable(year),
    budgetEur: nullable(amountEur),
    budgetNote: nullable(text),
    fundersCount: nullable(count),
    countriesCount: nullable(count),
    regionsCount: nullable(count),
    description: nullable(text),
    memberFunderIds: list(ref('funders'), { unique: true }),
  },
  countries: {
    id: isoCode,
    code: isoCode,
    name: text,
    officialName: text,
    latitude: numberIn(-90, 90),
    longitude: numberIn(-180, 180),
    continent: text,
    subregion: text,
    sources,
  },
  regions: {
    id: slugId,
    name: text,
    countryCode: ref('countries'),
    subdivisionCode: nullable(text),
    latitude: nullable(numberIn(-90, 90)),
    longitude: nullable(numberIn(-180, 180)),
    sources,
  },
  funders: {
    ...sourced,
    name: text,
    acronym: nullable(text),
    kind: oneOf(FUNDER_KINDS),
    countryCode: nullable(ref('countries')),
    regionId: nullable(ref('regions')),
    programmeIds: list(ref('programmes'), { unique: true }),
    callIds: list(ref('calls'), { unique: true }),
    roles: list(text),
    headquartersLatitude: nullable(numberIn(-90, 90)),
    headquartersLongitude: nullable(numberIn(-180, 180)),
  },
  calls: {
    ...sourced,
    kind: oneOf(CALL_KINDS),
    programmeId: nullable(ref('programmes')),
    year: nullable(year),
    title: text,
    shortTitle: nullable(text),
    publicationDate: nullable(isoDate),
    infoDay: nullable(isoDate),
    preProposalDeadline: nullable(isoDate),
    fullProposalDeadline: nullable(isoDate),
    budgetEur: nullable(amountEur),
    budgetNote: nullable(text),
    ecCofunded: nullable(bool),
    secretariatFunderId: nullable(ref('funders')),
    fundersCount: nullable(count),
    countriesCount: nullable(count),
    regionsCount: nullable(count),
    participatingCountryCodes: list(ref('countries'), { unique: true }),
    participatingRegionIds: list(ref('regions'), { unique: true }),
    eligiblePreProposals: nullable(count),
    invitedFullProposals: nullable(count),
    fundedProjectsCount: nullable(count),
    fundingGrantedEur: nullable(amountEur),
    researchGroupsCount: nullable(count),
    fundedCountriesCount: nullable(count),
    description: nullable(text),
  },
  organisations: {
    id: slugId,
    name: text,
    countryCode: ref('countries'),
    aliases: list(text, { nonEmpty: true, unique: true }),
    sources,
  },
  projects: {
    ...sourced,
    acronym: text,
    title: nullable(text),
    programmeId: nullable(ref('programmes')),
    callId: nullable(ref('calls')),
    referenceNumber: nullable(text),
    startDate: nullable(isoDate),
    endDate: nullable(isoDate),
    startYear: nullable(year),
    year: nullable(year),
    yearBasis: nullable(oneOf(['START_DATE', 'CALL_YEAR'])),
    durationMonths: nullable(integer(1, 240)),
    fundingEur: nullable(amountEur),
    fundingNote: nullable(text),
    funderIds: list(ref('funders'), { unique: true }),
    partners: list(partner),
    partnerCountryCodes: list(ref('countries'), { unique: true }),
    unnamedPartners: list(text, { unique: true }),
    diseaseArea: nullable(text),
    keywords: list(text),
    description: nullable(text),
  },
  objectives: {
    id: slugId,
    order: integer(1),
    shortName: text,
    description: text,
    textVerified: bool,
    sources,
  },
  valueChainStages: {
    id: slugId,
    name: text,
    order: nullable(numberIn(0, 100)),
    level: oneOf(STAGE_LEVELS),
    parentId: nullable(ref('valueChainStages')),
    description: text,
    namesUsed: list(text),
    inferred: bool,
    inferenceNote: nullable(text),
    sources,
  },
  sriaAreas: {
    id: slugId,
    order: integer(1),
    name: text,
    kind: oneOf(SRIA_AREA_KINDS),
    description: text,
    stageIds: list(ref('valueChainStages'), { unique: true }),
    sources,
  },
  knowledgeGaps: {
    id: slugId,
    shortName: text,
    description: text,
    namedIn: list(text),
    inferred: bool,
    notes: nullable(text),
    sources,
  },
  links: {
    fromLabel: oneOf(LINKABLE_LABELS),
    fromId: slugId,
    type: oneOf(DERIVED_LINK_TYPES),
    toLabel: oneOf(LINKABLE_LABELS),
    toId: slugId,
    provenance: oneOf(PROVENANCES),
    rule: text,
    confidence,
    evidence: text,
  },
  // Disease areas: the ICD-10 chapters and the links of src/seed/diseaseAreas.ts.
  diseaseAreas: {
    id: slugId,
    code: (value, at) => {
      if (typeof value !== 'string' || !/^[A-Z][A-Z_]*$/.test(value)) {
        at.report(`expected an UPPER_SNAKE code, received ${describe(value)}`);
      }
    },
    chapter: text,
    name: text,
    icd10Range: text,
    terms: list(text, { nonEmpty: true, unique: true }),
    sources,
  },
  diseaseAreaLinks: {
    projectId: ref('projects'),
    diseaseAreaId: ref('diseaseAreas'),
    provenance: oneOf(['INFERRED']),
    rule: oneOf([DISEASE_AREA_RULE]),
    confidence,
    evidence: text,
  },
};

const MANIFEST_FIELDS: Fields = {
  version: (value, at) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}\.\d+$/.test(value))
      at.report(`expected a version YYYY-MM-DD.N, received ${describe(value)}`);
  },
  compiledFrom: text,
  builtAt: isoDateTime,
};

/** The seed file holding each linkable label. */
const LABEL_FILES: Record<LinkableLabel, SeedFileKey> = {
  Project: 'projects',
  Call: 'calls',
  KnowledgeGap: 'knowledgeGaps',
  Objective: 'objectives',
  ValueChainStage: 'valueChainStages',
  SriaArea: 'sriaAreas',
};

/** The (from, to) labels each derived link type may join (DESIGN.md graph model). */
const LINK_ENDS: Record<DerivedLinkType, ReadonlyArray<readonly [LinkableLabel, LinkableLabel]>> = {
  ADVANCES: [['Project', 'Objective']],
  AT_STAGE: [
    ['Project', 'ValueChainStage'],
    ['KnowledgeGap', 'ValueChainStage'],
  ],
  ADDRESSES: [['Project', 'KnowledgeGap']],
  IN_AREA: [['KnowledgeGap', 'SriaArea']],
  SERVES: [['KnowledgeGap', 'Objective']],
  TARGETS: [['Call', 'KnowledgeGap']],
};

type RecordContext = {
  report: (field: string | null, reason: string) => void;
  reference: (field: string, target: SeedFileKey, value: string) => void;
};

/** Cross-field rules of a record, run after its fields passed their own checks. */
const RECORD_RULES: Partial<
  Record<SeedFileKey, (record: Record<string, unknown>, context: RecordContext) => void>
> = {
  countries(record, context) {
    if (record.id !== record.code)
      context.report(
        'code',
        `expected the code to equal the id ${describe(record.id)}, received ${describe(record.code)}`,
      );
  },
  projects(record, context) {
    if ((record.year === null) !== (record.yearBasis === null)) {
      context.report(
        'yearBasis',
        `expected yearBasis to be null exactly when year is null (year is ${describe(record.year)}), received ${describe(record.yearBasis)}`,
      );
    }
    if (record.yearBasis === 'START_DATE' && record.year !== record.startYear) {
      context.report(
        'year',
        `expected year to equal startYear ${describe(record.startYear)} when yearBasis is START_DATE, received ${describe(record.year)}`,
      );
    }
    if (Array.isArray(record.partners)) {
      const seen = new Map<string, number>();
      record.partners.forEach((item, index) => {
        if (!isRecord(item) || typeof item.organisationId !== 'string') return;
        const first = seen.get(item.organisationId);
        if (first !== undefined)
          context.report(
            `partners[${index}].organisationId`,
            `duplicate of partners[${first}]; one membership per organisation`,
          );
        else seen.set(item.organisationId, index);
      });
    }
  },
  valueChainStages(record, context) {
    if (record.level === 'SUB' && record.parentId === null)
      context.report('parentId', 'expected a parent stage for a SUB stage, received null');
    if (record.level !== 'SUB' && record.parentId !== null)
      context.report(
        'parentId',
        `expected null for a ${String(record.level)} stage, received ${describe(record.parentId)}`,
      );
    if (record.parentId === record.id) context.report('parentId', 'a stage cannot be its own parent');
  },
  links(record, context) {
    const type = record.type as DerivedLinkType;
    const from = record.fromLabel as LinkableLabel;
    const to = record.toLabel as LinkableLabel;
    const allowed = LINK_ENDS[type];
    if (!allowed.some(([a, b]) => a === from && b === to)) {
      context.report(
        'type',
        `expected ${type} to join ${allowed.map(([a, b]) => `${a} -> ${b}`).join(' or ')}, received ${from} -> ${to}`,
      );
    }
    context.reference('fromId', LABEL_FILES[from], record.fromId as string);
    context.reference('toId', LABEL_FILES[to], record.toId as string);
    const rule = DERIVATION_RULES_BY_ID.get(record.rule as string);
    if (rule === undefined) {
      context.report(
        'rule',
        `expected the id of a rule in src/seed/derivationRules.ts, received ${describe(record.rule)}`,
      );
    } else if (rule.provenance !== record.provenance) {
      context.report(
        'provenance',
        `expected ${rule.provenance} (the provenance of rule ${rule.id}), received ${describe(record.provenance)}`,
      );
    }
  },
};

// --- The validator ----------------------------------------------------------------------------

type PendingReference = {
  file: SeedFileKey;
  index: number;
  id: string | null;
  field: string;
  target: SeedFileKey;
  value: string;
};

/**
 * Validates parsed seed files, keyed by SEED_FILE_KEYS (extra keys are ignored). Checks each
 * file's shape (types, required fields, no unknown fields, enum values, dates, ISO country
 * codes, confidence range, http(s) sources), id uniqueness, every reference resolving to a
 * record of the right file, the endpoints, rule and provenance of every derived link, and that
 * no (from, type, to) link appears twice. Returns every problem found (empty when valid);
 * never throws, whatever `files` is.
 */
export function validateSeeds(files: unknown): SeedValidationIssue[] {
  const issues: SeedValidationIssue[] = [];
  const push = (
    file: string,
    index: number | null,
    id: string | null,
    field: string | null,
    reason: string,
  ): void => {
    issues.push({ file, index, id, field, reason, message: formatIssue(file, index, id, field, reason) });
  };
  if (!isRecord(files)) {
    push(
      'seeds/',
      null,
      null,
      null,
      `expected an object with one entry per seed file (${SEED_FILE_KEYS.join(', ')}), received ${describe(files)}`,
    );
    return issues;
  }

  const ids = new Map<SeedFileKey, Set<string>>();
  const pending: PendingReference[] = [];

  for (const key of SEED_FILE_KEYS) {
    const file = seedFilePath(key);
    const value = files[key];
    if (value === undefined) {
      push(file, null, null, null, 'is missing');
      continue;
    }
    if (key === 'manifest') {
      const at = makeAt(file, null, null, '', push, () => undefined);
      object(MANIFEST_FIELDS)(value, at);
      continue;
    }
    const known = new Set<string>();
    ids.set(key, known);
    if (!Array.isArray(value)) {
      push(file, null, null, null, `expected an array of records, received ${describe(value)}`);
      continue;
    }
    const firstIndexOfId = new Map<string, number>();
    const linkKeys = new Map<string, number>();
    value.forEach((record: unknown, index) => {
      const id = isRecord(record) && typeof record.id === 'string' ? record.id : null;
      let recordIssues = 0;
      const count = (
        file2: string,
        index2: number | null,
        id2: string | null,
        field: string | null,
        reason: string,
      ): void => {
        recordIssues += 1;
        push(file2, index2, id2, field, reason);
      };
      const recordPending: PendingReference[] = [];
      const at = makeAt(file, index, id, '', count, (target, referenced, path) => {
        recordPending.push({ file: key, index, id, field: path, target, value: referenced });
      });
      object(RECORD_FIELDS[key])(record, at);
      pending.push(...recordPending);
      if (id !== null) {
        const first = firstIndexOfId.get(id);
        if (first !== undefined) push(file, index, id, 'id', `duplicate id; record ${first} has the same id`);
        else firstIndexOfId.set(id, index);
        known.add(id);
      }
      // Cross-field rules assume well-typed fields, so they run only on records that passed.
      const rules = RECORD_RULES[key];
      if (recordIssues === 0 && rules !== undefined && isRecord(record)) {
        rules(record, {
          report: (field, reason) => push(file, index, id, field, reason),
          reference: (field, target, referenced) =>
            pending.push({ file: key, index, id, field, target, value: referenced }),
        });
      }
      if (key === 'links' && recordIssues === 0 && isRecord(record)) {
        const linkKey = `${String(record.fromLabel)}:${String(record.fromId)}|${String(record.type)}|${String(record.toLabel)}:${String(record.toId)}`;
        const first = linkKeys.get(linkKey);
        if (first !== undefined)
          push(
            file,
            index,
            null,
            null,
            `duplicate link ${linkKey}; record ${first} already joins the same nodes with the same type`,
          );
        else linkKeys.set(linkKey, index);
      }
    });
  }

  for (const reference of pending) {
    const targetIds = ids.get(reference.target);
    // A missing or malformed target file was reported already; do not repeat it per reference.
    if (targetIds === undefined || !Array.isArray(files[reference.target])) continue;
    if (!targetIds.has(reference.value)) {
      push(
        seedFilePath(reference.file),
        reference.index,
        reference.id,
        reference.field,
        `refers to ${JSON.stringify(reference.value)}, which is not an id in ${seedFilePath(reference.target)}`,
      );
    }
  }
  return issues;
}

function makeAt(
  file: string,
  index: number | null,
  id: string | null,
  path: string,
  push: (file: string, index: number | null, id: string | null, field: string | null, reason: string) => void,
  onReference: (target: SeedFileKey, value: string, path: string) => void,
): At {
  return {
    path,
    report: (reason) => push(file, index, id, path === '' ? null : path, reason),
    child: (suffix) => makeAt(file, index, id, `${path}${suffix}`, push, onReference),
    reference: (target, value) => onReference(target, value, path),
  };
}

/**
 * Validates like validateSeeds and returns the files typed as a SeedDataset; throws a
 * SeedValidationError listing every problem when there is any.
 */
export function assertValidSeeds(files: unknown): SeedDataset {
  const errors = validateSeeds(files);
  if (errors.length > 0) throw new SeedValidationError(errors);
  return files as SeedDataset;
}
