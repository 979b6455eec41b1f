// The one module of argument checks, for every resolver and /export route: bounded integers,
// fractions (confidences, weights), years, id lists and references, codes and cursors. Each
// check returns the value to use and throws BadUserInputError naming the argument as the
// caller spells it (a GraphQL path such as "filter.minConfidence", or a query parameter
// such as "minConfidence") and what is wrong with it. The bounds are named once, in BOUNDS.

import { BadUserInputError } from '../errors';
import type { ListArgs, ListSpec } from '../db/listQuery';
import type { EntityLabel } from '../db/models';
import { type EntityRef, RELATIONSHIP_TYPES, type RelationshipType } from '../db/networks';
import { ENTITY_LABELS } from '../model';
import {
  cursorScope,
  decodeCursor,
  PageArgumentError,
  pageSize as checkedPageSize,
  type PageLimits,
} from '../db/pagination';
import type { DerivationFilter } from '../db/relations';
import { kindOfLabel } from '../db/search';
import { subjectFilterValues } from '../db/subjects';
import { DEFAULT_RELATED, MAX_RELATED } from './relationCaps';

export { MAX_RELATED } from './relationCaps';

/** An integer argument's range and its value when the caller leaves it out (the SDL default). */
export interface IntegerBound {
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
}

/** Largest node limit of a network (and of a network's ranking). */
export const MAX_NETWORK_NODES = 1000;
/** Largest number of values in one list filter of a network. */
export const MAX_FILTER_VALUES = 100;
/** Longest id, code or filter text a caller may send, in characters. */
export const MAX_TEXT_LENGTH = 200;
/** Years a year argument may name. */
export const YEARS = { min: 1900, max: 2100 } as const;

/**
 * The integer arguments' bounds, by what they bound. Fallbacks repeat the SDL defaults so
 * that an in-process call without the argument gets what a GraphQL caller gets.
 */
export const BOUNDS = {
  /** `first` of a paged relationship field, e.g. Funder.projects(first:): priced by the cost model at MAX_RELATED. */
  relatedFirst: { min: 0, max: MAX_RELATED, fallback: DEFAULT_RELATED },
  /** `limit` of a projected network (co-funding, collaboration, bipartite). */
  networkLimit: { min: 1, max: MAX_NETWORK_NODES, fallback: 200 },
  /** `limit` of a neighbourhood. */
  neighbourhoodLimit: { min: 1, max: MAX_NETWORK_NODES, fallback: 100 },
  /** `hops` of a neighbourhood. */
  hops: { min: 1, max: 3, fallback: 1 },
  /** `maxLength` of Query.shortestPaths. */
  pathLength: { min: 1, max: 10, fallback: 6 },
  /** `first` of Query.shortestPaths and Network.shortestPaths. */
  paths: { min: 1, max: 100, fallback: 10 },
  /** `first` of Network.ranking. */
  ranking: { min: 0, max: MAX_NETWORK_NODES, fallback: 10 },
  /** `first` of NetworkNode.edges and NetworkNode.neighbours: a node has fewer ties than the network has nodes. */
  nodeTies: { min: 0, max: MAX_NETWORK_NODES, fallback: 10 },
  /** `first` of the ranked gap lists (white spots, recommendations). */
  ranked: { min: 0, max: 500, fallback: 10 },
  /** `top` of a portfolio profile. */
  profileTop: { min: 0, max: 50, fallback: 3 },
} as const satisfies Record<string, IntegerBound>;

/**
 * Checks an integer argument within `bound`; null or undefined gives the bound's fallback.
 * @throws BadUserInputError "must be an integer from <min> to <max>, got <value>".
 */
export function boundedInteger(value: number | null | undefined, name: string, bound: IntegerBound): number {
  const result = value ?? bound.fallback;
  if (!Number.isInteger(result) || result < bound.min || result > bound.max) {
    throw new BadUserInputError(
      name,
      `must be an integer from ${bound.min} to ${bound.max}, got ${String(value)}`,
    );
  }
  return result;
}

/** Checks a relationship field's `first` (at most MAX_RELATED, the most the cost model prices). */
export function relatedLimit(first: number | null | undefined): number {
  return boundedInteger(first, 'first', BOUNDS.relatedFirst);
}

/**
 * Checks a number from 0 to 1 (a confidence or a weight); null or undefined stay null.
 * @throws BadUserInputError "must be between 0 and 1, got <value>" (NaN included).
 */
export function fraction(value: number | null | undefined, name: string): number | null {
  if (value === null || value === undefined) return null;
  if (!(value >= 0 && value <= 1)) throw new BadUserInputError(name, `must be between 0 and 1, got ${value}`);
  return value;
}

/**
 * Checks the provenance and confidence arguments of a derived-link field, or of a list
 * filter when `path` is the input's argument path (e.g. "filter.", so errors name
 * "filter.minConfidence").
 */
export function derivationFilter(
  args: { provenance?: DerivationFilter['provenance']; minConfidence?: number | null },
  path = '',
): DerivationFilter {
  const minConfidence = fraction(args.minConfidence, `${path}minConfidence`);
  return { provenance: args.provenance ?? null, minConfidence };
}

/** Checks a year argument; null or undefined stay null. */
export function year(value: number | null | undefined, name: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < YEARS.min || value > YEARS.max) {
    throw new BadUserInputError(name, `must be a year from ${YEARS.min} to ${YEARS.max}, got ${value}`);
  }
  return value;
}

/**
 * Checks that a network filter's years are in order, naming `from` ("must not be after
 * <to> (2024 > 2020)"). The gap filters word the same refusal on the later year
 * (yearToNotBefore); both wordings are pinned by the API's tests.
 */
export function yearsInOrder(yearFrom: number | null, yearTo: number | null, from: string, to: string): void {
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) {
    throw new BadUserInputError(from, `must not be after ${to} (${yearFrom} > ${yearTo})`);
  }
}

/** Checks that a gap filter's `yearTo` is not before its `yearFrom`, naming `<path>.yearTo`. */
export function yearToNotBefore(
  path: string,
  filter: { yearFrom?: number | null; yearTo?: number | null },
): void {
  const { yearFrom, yearTo } = filter;
  if (yearFrom === null || yearFrom === undefined || yearTo === null || yearTo === undefined) return;
  if (yearFrom > yearTo) {
    throw new BadUserInputError(`${path}.yearTo`, `must not be before yearFrom (${yearFrom}), got ${yearTo}`);
  }
}

/**
 * Checks a list of ids or codes of a filter: at least one and at most MAX_FILTER_VALUES
 * values, each 1 to MAX_TEXT_LENGTH characters after trimming, passed through `normalise`
 * (which may refuse a value). Null or undefined stay null.
 */
export function idList(
  values: readonly string[] | null | undefined,
  name: string,
  normalise: (value: string) => string = (value) => value,
): string[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw new BadUserInputError(name, 'must name at least one value when given');
  if (values.length > MAX_FILTER_VALUES) {
    throw new BadUserInputError(name, `must name at most ${MAX_FILTER_VALUES} values, got ${values.length}`);
  }
  return values.map((value) => {
    const trimmed = value.trim();
    if (!trimmed || trimmed.length > MAX_TEXT_LENGTH) {
      throw new BadUserInputError(name, `values must be 1 to ${MAX_TEXT_LENGTH} characters, got "${value}"`);
    }
    return normalise(trimmed);
  });
}

/** Checks ISO 3166-1 alpha-2 country codes (any case), returned upper case. */
export function countryCodes(values: readonly string[] | null | undefined, name: string): string[] | null {
  return idList(values, name, (code) => {
    if (!/^[A-Za-z]{2}$/.test(code)) {
      throw new BadUserInputError(name, `must be ISO 3166-1 alpha-2 codes, got "${code}"`);
    }
    return code.toUpperCase();
  });
}

/** Checks codes of a closed list (any case), returned upper case; `what` names them, e.g. "call kinds". */
export function codes<C extends string>(
  values: readonly string[] | null | undefined,
  name: string,
  allowed: readonly C[],
  what: string,
): C[] | null {
  return idList(values, name, (code) => {
    const upper = code.toUpperCase();
    if (!(allowed as readonly string[]).includes(upper)) {
      throw new BadUserInputError(name, `must be ${what} among ${allowed.join(', ')}, got "${code}"`);
    }
    return upper;
  }) as C[] | null;
}

/**
 * Checks EuroSciVoc subjects of a filter (codes such as /21/33/5029300 or label paths), returned
 * in the forms the subject filter compares (src/db/subjects.ts subjectFilterValues).
 */
export function subjectList(values: readonly string[] | null | undefined, name: string): string[] | null {
  const checked = idList(values, name, (value) => {
    if (value.replace(/\//g, '').trim() === '')
      throw new BadUserInputError(name, `must name a subject, got "${value}"`);
    return value;
  });
  return checked === null ? null : subjectFilterValues(checked);
}

/** Checks a provenance argument (CURATED or INFERRED); null or undefined stay null. */
export function provenance(value: string | null | undefined, name: string): DerivationFilter['provenance'] {
  if (value === null || value === undefined) return null;
  if (value !== 'CURATED' && value !== 'INFERRED') {
    throw new BadUserInputError(name, `must be CURATED or INFERRED, got ${String(value)}`);
  }
  return value;
}

/** The label of an EntityKind, e.g. FUNDER -> Funder; null for an unknown kind. */
export function labelOfKind(kind: string): EntityLabel | null {
  return ENTITY_LABELS.find((label) => kindOfLabel(label) === kind) ?? null;
}

/** Checks an EntityRef argument: a known kind and an id of 1 to MAX_TEXT_LENGTH characters. */
export function entityRef(ref: { kind: string; id: string }, name: string): EntityRef {
  const label = labelOfKind(ref.kind);
  if (!label) throw new BadUserInputError(`${name}.kind`, `must be an entity kind, got ${ref.kind}`);
  const id = ref.id.trim();
  if (!id || id.length > MAX_TEXT_LENGTH) {
    throw new BadUserInputError(`${name}.id`, `must be 1 to ${MAX_TEXT_LENGTH} characters`);
  }
  return { label, id };
}

/** Checks a list of entity kinds (null: any kind; an empty list is refused) and returns their labels. */
export function entityKinds(kinds: readonly string[] | null | undefined, name: string): EntityLabel[] | null {
  if (!kinds) return null;
  if (kinds.length === 0) throw new BadUserInputError(name, 'must name at least one kind when given');
  return [...new Set(kinds)].map((kind) => {
    const label = labelOfKind(kind);
    if (!label) throw new BadUserInputError(name, `must be entity kinds, got ${kind}`);
    return label;
  });
}

/** Checks a list of relationship types (null: every type, given as []). */
export function relationshipTypes(
  types: readonly string[] | null | undefined,
  name: string,
): RelationshipType[] {
  if (!types) return [];
  return [...new Set(types)].map((type) => {
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
      throw new BadUserInputError(
        name,
        `must be relationship types among ${RELATIONSHIP_TYPES.join(', ')}, got ${type}`,
      );
    }
    return type as RelationshipType;
  });
}

/**
 * Checks ids against the values an answer knows (e.g. the stage columns of a matrix).
 * @throws BadUserInputError "unknown <what> "a", "b"".
 */
export function knownValues(
  ids: readonly string[] | null | undefined,
  name: string,
  known: Iterable<string>,
  what: string,
): void {
  if (!ids) return;
  const set = new Set(known);
  const unknown = ids.filter((id) => !set.has(id));
  if (unknown.length) {
    throw new BadUserInputError(name, `unknown ${what} ${unknown.map((id) => `"${id}"`).join(', ')}`);
  }
}

/** Checks the text of a search: 1 to MAX_TEXT_LENGTH characters after trimming. */
export function searchText(text: string, name = 'text'): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT_LENGTH) {
    throw new BadUserInputError(
      name,
      `must be 1 to ${MAX_TEXT_LENGTH} characters after trimming, got ${trimmed.length}`,
    );
  }
  return trimmed;
}

/** The data layer's page checks (src/db/pagination.ts) with their refusal as the public error. */
function publicPageCheck<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof PageArgumentError) throw new BadUserInputError(error.argument, error.reason);
    throw error;
  }
}

/**
 * Checks `first` against the page limits (PAGE_SIZE and MAX_PAGE_SIZE; absent: the default).
 * @throws BadUserInputError "must be an integer from 0 to <max>, got <first>".
 */
export function pageSize(first: number | null | undefined, limits: PageLimits, name = 'first'): number {
  return publicPageCheck(() => checkedPageSize(first, limits, name));
}

/**
 * Checks the page arguments of a list, `first` then `after` (a cursor this list issued in
 * this sort order, with a sort value of the sort's type), and returns the arguments as given.
 * @throws BadUserInputError naming `first` or `after`.
 */
export function pageArguments<L extends EntityLabel, Filter, SortField extends string>(
  spec: ListSpec<L, Filter, SortField>,
  args: ListArgs<Filter, SortField>,
  limits: PageLimits,
): ListArgs<Filter, SortField> {
  pageSize(args.first, limits);
  const { after, sort } = args;
  if (after) {
    const scope = cursorScope(spec.name, sort.field, sort.direction);
    publicPageCheck(() => decodeCursor(scope, after, spec.sorts[sort.field]?.type));
  }
  return args;
}
