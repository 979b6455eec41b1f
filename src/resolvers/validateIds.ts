// The one check of id arguments and filters, for every resolver and /export route: each id
// must name a record of its kind (ignoring case, so "JTC2024" is jtc2024 and "de" is DE);
// an unknown one is refused with BAD_USER_INPUT naming the field and the nearest valid ids.

import type { EntityLabel } from '../db/models';
import { existingIds, knownIds } from '../db/knownIds';
import type { Db } from '../db/run';
import { BadUserInputError } from '../errors';
import { nearestIds } from './nearestIds';

/** How errors name a kind of record. */
export const KIND_WORDS: Readonly<Record<EntityLabel, string>> = {
  Programme: 'programme',
  Funder: 'funder',
  Call: 'call',
  Project: 'project',
  Organisation: 'organisation',
  Country: 'country code',
  Region: 'region',
  Objective: 'objective',
  ValueChainStage: 'value-chain stage',
  SriaArea: 'SRIA area',
  KnowledgeGap: 'knowledge gap',
};

/** An unknown id: BAD_USER_INPUT with the field, the unknown ids and the suggestions in extensions. */
export class UnknownIdError extends BadUserInputError {
  constructor(
    argument: string,
    label: EntityLabel | readonly EntityLabel[],
    unknown: readonly string[],
    suggestions: readonly string[],
  ) {
    const listed = unknown.map((id) => `"${id}"`).join(', ');
    const hint = suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
    const plural = unknown.length > 1 ? 's' : '';
    const kinds = (typeof label === 'string' ? [label] : label).map((one) => `${KIND_WORDS[one]}${plural}`);
    super(argument, `unknown ${kinds.join(' or ')} ${listed}${hint}`, {
      unknownIds: [...unknown],
      suggestions: [...suggestions],
    });
    this.name = 'UnknownIdError';
  }
}

/**
 * The stored ids of `ids` (matched ignoring case, in the given order, duplicates kept once),
 * checked against `known`, the ids of every record of `label`.
 * @throws UnknownIdError naming `argument`, every unknown id and up to three ids nearest the first.
 */
export function matchIds(
  argument: string,
  label: EntityLabel | readonly EntityLabel[],
  ids: readonly string[],
  known: readonly string[],
): string[] {
  const byLowerCase = new Map(known.map((id) => [id.toLowerCase(), id]));
  const matched: string[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const stored = byLowerCase.get(id.trim().toLowerCase());
    if (stored === undefined) unknown.push(id);
    else if (!matched.includes(stored)) matched.push(stored);
  }
  if (unknown.length > 0)
    throw new UnknownIdError(argument, label, unknown, nearestIds(unknown[0] as string, known));
  return matched;
}

/** One id field to check: its name in errors (e.g. filter.calls, call), its kind and its ids (null: not given). */
export interface IdField {
  argument: string;
  label: EntityLabel;
  ids: readonly string[] | null | undefined;
}

/**
 * Checks several id fields against the graph and returns each field's stored ids, null where
 * the field was not given. One statement looks the given ids up by index; only when one is not
 * found so (another case, or unknown) does a second read every id of its kind, to match it
 * ignoring case or to suggest the nearest.
 * @throws UnknownIdError for the first field holding an unknown id.
 */
export async function checkIds<K extends string>(
  db: Db,
  fields: Readonly<Record<K, IdField>>,
): Promise<Record<K, string[] | null>> {
  const entries = Object.entries(fields) as Array<[K, IdField]>;
  const given = new Map<EntityLabel, string[]>();
  for (const [, { label, ids }] of entries) {
    if (ids !== null && ids !== undefined) given.set(label, [...(given.get(label) ?? []), ...ids]);
  }
  const found = await existingIds(db, given);
  const missing = [...given].filter(([label, ids]) => {
    const stored = new Set((found.get(label) ?? []).map((id) => id.toLowerCase()));
    return ids.some((id) => !stored.has(id.trim().toLowerCase()));
  });
  const known =
    missing.length > 0
      ? new Map([
          ...found,
          ...(await knownIds(
            db,
            missing.map(([label]) => label),
          )),
        ])
      : found;
  const result = {} as Record<K, string[] | null>;
  for (const [key, field] of entries) {
    const { argument, label, ids } = field;
    result[key] =
      ids === null || ids === undefined ? null : matchIds(argument, label, ids, known.get(label) ?? []);
  }
  return result;
}

/**
 * The stored ids of `ids` when each names a record of one of `labels` (e.g. a funder or a
 * knowledge gap in a bipartite network), matched ignoring case, in the given order, each once:
 * one statement of index seeks, and a second reading every id of those labels only when one
 * is not found so (another case, or unknown).
 * @throws UnknownIdError naming `argument`, the unknown ids and up to three nearest ids.
 */
export async function matchIdsOfLabels(
  db: Db,
  argument: string,
  labels: readonly EntityLabel[],
  ids: readonly string[],
): Promise<string[]> {
  const found = await existingIds(db, new Map(labels.map((label) => [label, ids])));
  const stored = new Map<string, string>();
  for (const label of labels) for (const id of found.get(label) ?? []) stored.set(id.toLowerCase(), id);
  if (ids.every((id) => stored.has(id.trim().toLowerCase()))) {
    return [...new Set(ids.map((id) => stored.get(id.trim().toLowerCase()) as string))];
  }
  const known = await knownIds(db, labels);
  return matchIds(
    argument,
    labels,
    ids,
    labels.flatMap((label) => known.get(label) ?? []),
  );
}

/** Which filter fields of a list hold ids of which kind (`ids` itself selects records and is not checked). */
export type FilterIdFields<F> = Partial<Record<keyof F & string, EntityLabel>>;

/**
 * A list or network filter with every id field checked and replaced by the stored ids.
 * `path` prefixes field names in errors ("filter." gives "filter.calls").
 */
export async function checkFilterIds<F extends object>(
  db: Db,
  filter: F | null | undefined,
  idFields: FilterIdFields<F>,
  names: (field: keyof F & string) => string = (field) => `filter.${field}`,
): Promise<F | null | undefined> {
  if (!filter) return filter;
  const fields = {} as Record<string, IdField>;
  for (const [field, label] of Object.entries(idFields) as Array<[keyof F & string, EntityLabel]>) {
    const value = (filter as Record<string, unknown>)[field];
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) {
      throw new TypeError(`checkFilterIds expects ${field} to be a list, received ${typeof value}`);
    }
    fields[field] = { argument: names(field), label, ids: value as string[] };
  }
  if (Object.keys(fields).length === 0) return filter;
  const checked = await checkIds(db, fields);
  return { ...filter, ...checked };
}

/** The id fields of each list's filter. */
export const LIST_ID_FIELDS = {
  funders: {
    countries: 'Country',
    regions: 'Region',
    calls: 'Call',
    programmes: 'Programme',
    gaps: 'KnowledgeGap',
  },
  calls: { programmes: 'Programme', funders: 'Funder', countries: 'Country', gaps: 'KnowledgeGap' },
  projects: {
    calls: 'Call',
    programmes: 'Programme',
    funders: 'Funder',
    countries: 'Country',
    organisations: 'Organisation',
    stages: 'ValueChainStage',
    objectives: 'Objective',
    gaps: 'KnowledgeGap',
  },
  organisations: { countries: 'Country', projects: 'Project', calls: 'Call' },
  countries: { codes: 'Country', calls: 'Call' },
  regions: { countries: 'Country' },
  objectives: { gaps: 'KnowledgeGap' },
  valueChainStages: { parents: 'ValueChainStage', areas: 'SriaArea' },
  knowledgeGaps: { areas: 'SriaArea', stages: 'ValueChainStage', objectives: 'Objective', calls: 'Call' },
} as const satisfies Record<string, Record<string, EntityLabel>>;
