// Validates the seed files (seeds/<key>.json as parsed JSON) against the record specs of src/model
// (each property's stored zod schema), then references between files, link rules and sources.
// Pure; never throws on malformed input, it reports it. assertValidSeeds throws instead.

import type { z } from 'zod';
import { DERIVATION_RULES_BY_ID, DISEASE_AREA_RULE } from '../derivation';
import type { SeedFileKey } from './loadSeedFiles';
import {
  CALL_FIELDS,
  COUNTRY_FIELDS,
  DERIVED_LINK_FIELDS,
  DISEASE_AREA_FIELDS,
  DISEASE_AREA_LINK_FIELDS,
  describeStored as describe,
  FUNDER_FIELDS,
  KNOWLEDGE_GAP_FIELDS,
  MANIFEST_FIELDS,
  OBJECTIVE_FIELDS,
  oneOf,
  ORGANISATION_FIELDS,
  PROGRAMME_FIELDS,
  PROJECT_FIELDS,
  REGION_FIELDS,
  SEED_FILE_KEYS,
  SRIA_AREA_FIELDS,
  storedFields,
  VALUE_CHAIN_STAGE_FIELDS,
  type DerivedLinkType,
  type FieldSpec,
  type LinkableLabel,
  type ReferenceLabel,
  type SeedDataset,
} from '../model';

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

/** The seed file holding the records a reference column names. */
const REFERENCE_FILES: Record<ReferenceLabel, SeedFileKey> = {
  Programme: 'programmes',
  Funder: 'funders',
  Call: 'calls',
  Region: 'regions',
  Organisation: 'organisations',
  Project: 'projects',
  KnowledgeGap: 'knowledgeGaps',
  ValueChainStage: 'valueChainStages',
  Objective: 'objectives',
};

/** The path suffix of a zod issue path: [1, 'role'] is "[1].role". */
function suffixOf(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

/** The schema of one value of a property (a list's item), to judge each reference on its own. */
function itemSchema(spec: FieldSpec): z.ZodType {
  let schema = spec.stored as z.ZodType & { unwrap?: () => z.ZodType; element?: z.ZodType };
  if (schema.def.type === 'nullable' && schema.unwrap !== undefined) schema = schema.unwrap();
  if (schema.def.type === 'array' && schema.element !== undefined) schema = schema.element;
  return schema;
}

/**
 * The check of one property: its stored schema's issues, reported at their paths (items of a
 * list in order), then the references its well-formed values make: country codes to countries
 * (but in countries itself), ids with a `ref` to the file of that label.
 */
function fieldCheck(spec: FieldSpec, file: SeedFileKey, target?: SeedFileKey): Check {
  const schema = spec.stored as z.ZodType;
  const item = itemSchema(spec);
  const referenced =
    target ??
    (spec.kind === 'country' && file !== 'countries'
      ? 'countries'
      : spec.ref === undefined
        ? undefined
        : REFERENCE_FILES[spec.ref]);
  const nested = (spec.fields ?? []).map((field) => [field, fieldCheck(field, file)] as const);
  return (value, at) => {
    const result = schema.safeParse(value);
    const issues = result.success ? [] : [...result.error.issues];
    // An item's own issues and the duplicate of it read together, item by item, as before zod.
    issues.sort((a, b) => position(a.path) - position(b.path));
    for (const issue of issues) {
      const issueAt = issue.path.length === 0 ? at : at.child(suffixOf(issue.path));
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          issueAt.child(`.${key}`).report('is not a field of this record (unexpected field)');
      } else issueAt.report(issue.message);
    }
    const values = spec.list === true ? (Array.isArray(value) ? value : []) : [value];
    values.forEach((one, index) => {
      const oneAt = spec.list === true ? at.child(`[${index}]`) : at;
      if (referenced !== undefined && typeof one === 'string' && item.safeParse(one).success)
        oneAt.reference(referenced, one);
      // Nested records (project partners): each field's own references, without its issues again.
      if (isRecord(one))
        for (const [field, check] of nested)
          if (field.name in one) check(one[field.name], silent(oneAt.child(`.${field.name}`)));
    });
  };
}

function position(path: readonly PropertyKey[]): number {
  return typeof path[0] === 'number' ? path[0] : -1;
}

/** An At that passes references on and drops reports (they were reported by the outer schema). */
function silent(at: At): At {
  return { ...at, report: () => undefined, child: (suffix) => silent(at.child(suffix)) };
}

type Fields = Record<string, Check>;

/** The checks of a record's stored properties, in declaration order. */
function checksOf(specs: readonly FieldSpec[], file: SeedFileKey): Fields {
  return Object.fromEntries(storedFields(specs).map((spec) => [spec.name, fieldCheck(spec, file)]));
}

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

const RECORD_FIELDS: Record<Exclude<SeedFileKey, 'manifest'>, Fields> = {
  programmes: checksOf(PROGRAMME_FIELDS, 'programmes'),
  countries: checksOf(COUNTRY_FIELDS, 'countries'),
  regions: checksOf(REGION_FIELDS, 'regions'),
  funders: checksOf(FUNDER_FIELDS, 'funders'),
  calls: checksOf(CALL_FIELDS, 'calls'),
  organisations: checksOf(ORGANISATION_FIELDS, 'organisations'),
  projects: checksOf(PROJECT_FIELDS, 'projects'),
  objectives: checksOf(OBJECTIVE_FIELDS, 'objectives'),
  valueChainStages: checksOf(VALUE_CHAIN_STAGE_FIELDS, 'valueChainStages'),
  sriaAreas: checksOf(SRIA_AREA_FIELDS, 'sriaAreas'),
  knowledgeGaps: checksOf(KNOWLEDGE_GAP_FIELDS, 'knowledgeGaps'),
  links: checksOf(DERIVED_LINK_FIELDS, 'links'),
  diseaseAreas: checksOf(DISEASE_AREA_FIELDS, 'diseaseAreas'),
  // Disease-area links are made by one rule only (src/derivation/diseaseAreaRule.ts), so narrower here.
  diseaseAreaLinks: {
    ...checksOf(DISEASE_AREA_LINK_FIELDS, 'diseaseAreaLinks'),
    diseaseAreaId: fieldCheck(DISEASE_AREA_LINK_FIELDS[1], 'diseaseAreaLinks', 'diseaseAreas'),
    provenance: fieldCheck(oneOf('provenance', ['INFERRED'], '', { required: true }), 'diseaseAreaLinks'),
    rule: fieldCheck(oneOf('rule', [DISEASE_AREA_RULE], '', { required: true }), 'diseaseAreaLinks'),
  },
};

const MANIFEST_CHECKS: Fields = checksOf(MANIFEST_FIELDS, 'manifest');

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
        `expected the id of a rule in src/derivation/derivationRules.ts, received ${describe(record.rule)}`,
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
      object(MANIFEST_CHECKS)(value, at);
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
