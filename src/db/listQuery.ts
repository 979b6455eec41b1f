// Builds and runs the paginated, filtered list queries behind every top-level list:
// constant Cypher fragments per filter field, values always passed as parameters,
// keyset pagination on (sort value, id) served by a stored sort key's index where there is
// one, and the page and count queries each run only when their fields are selected.

import type { ConnectionModel, EntityLabel, NodeModels } from './models';
import { cursorScope, decodeCursor, encodeCursor, pageSize, type PageLimits } from './pagination';
import { cypherInt, type Db, type Params } from './run';
import { UnreachableCaseError } from '../errors';
import { textFilterTerms } from '../search/searchQuery';
import type { StoredSortKey } from './sortKeys';
import { countStatement, type FilterCount } from './countQuery';

export type Direction = 'ASC' | 'DESC';

/** How one sort field orders nodes; `expression` reads the node as `n`. */
export interface SortOption {
  /** Text sorts are alphabetical, hence toLower(): "CatSalut" sorts before "CDTI", not after "CSO-MOH". */
  expression: string;
  /** Decides the sentinel that puts nodes without a value last in either direction. */
  type: 'string' | 'number';
  /**
   * Stored sort keys (src/db/sortKeys.ts) by direction, served by a composite (key, id) index.
   * An ASC key holds `coalesce(expression, sentinel)`; a DESC key (numbers only) holds its
   * negation, so that the key's ascending order is the descending sort. Cursors stay the same.
   */
  stored?: Partial<Record<Direction, StoredSortKey>>;
}

/**
 * The predicate of every list's `text` filter: the record holds each word of the text, as a
 * stem or as the start of a word, under the analyzer of search (src/search/normaliseText.ts),
 * so "leukemia", "Leukaemia" and "leukaem" find the same records. `$text` is the list of
 * {word, stem} that textFilterTerms gives; the node's search properties are kept by every writer.
 */
export const TEXT_MATCHES = `all(term IN $text WHERE
  (' ' + coalesce(n.searchText, '') + ' ') CONTAINS (' ' + term.stem + ' ')
  OR (' ' + coalesce(n.searchWords, '')) CONTAINS (' ' + term.word))`;

/**
 * A list's query plan. `filters` maps each filter field to a Cypher predicate over `n`
 * that reads the field's value as `$<field>`; fields left null or undefined are skipped.
 * A `text` field is analysed (textFilterTerms) before it is passed; its predicate is TEXT_MATCHES.
 */
export interface ListSpec<L extends EntityLabel, Filter, SortField extends string> {
  /** Name used in cursors and errors, e.g. "funders". */
  name: string;
  label: L;
  filters: { [K in keyof Filter]-?: string };
  sorts: Record<SortField, SortOption>;
  /** Parameters some predicates read even when their own field is unset. */
  defaultParams?: Params;
  /** Filter fields holding ISO country codes: upper-cased, so "de" finds Germany too. */
  countryCodeFields?: ReadonlyArray<keyof Filter & string>;
  /** Counts starting from a filter field's nodes (src/db/countQuery.ts); the first set in `filters` order drives. */
  counts?: { [K in keyof Filter]?: FilterCount };
}

export interface ListArgs<Filter, SortField extends string> {
  filter?: Filter | null;
  sort: { field: SortField; direction: Direction };
  first?: number | null;
  after?: string | null;
}

const RESERVED_PARAMS = new Set(['_limit', '_afterValue', '_afterKey', '_afterId', '_nullSort']);

/** The WHERE clause and parameters of a filter; shared by the page and count queries. */
export function filterClause<L extends EntityLabel, Filter, SortField extends string>(
  spec: ListSpec<L, Filter, SortField>,
  filter: Filter | null | undefined,
): { predicates: string[]; params: Params; fields: Array<keyof Filter & string> } {
  const predicates: string[] = [];
  const fields: Array<keyof Filter & string> = [];
  const params: Params = { ...spec.defaultParams };
  if (!filter) return { predicates, params, fields };
  for (const key of Object.keys(spec.filters) as Array<keyof Filter & string>) {
    const value = filter[key];
    if (value === null || value === undefined) continue;
    if (RESERVED_PARAMS.has(key))
      throw new TypeError(`Filter field "${key}" clashes with a reserved parameter`);
    predicates.push(`(${spec.filters[key]})`);
    fields.push(key);
    params[key] = normaliseValue(spec, key, value);
  }
  return { predicates, params, fields };
}

function normaliseValue<L extends EntityLabel, Filter, SortField extends string>(
  spec: ListSpec<L, Filter, SortField>,
  key: keyof Filter & string,
  value: unknown,
): unknown {
  if (key === 'text' && typeof value === 'string') return textFilterTerms(value);
  if (spec.countryCodeFields?.includes(key) && Array.isArray(value)) {
    return value.map((code: unknown) => (typeof code === 'string' ? code.trim().toUpperCase() : code));
  }
  return value;
}

function nullSentinel(option: SortOption, direction: Direction): string | number {
  // Sorting missing values as the extreme of the order keeps them last both ways.
  switch (option.type) {
    case 'string':
      return direction === 'ASC' ? '\uffff' : '';
    case 'number':
      return direction === 'ASC' ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
    default:
      throw new UnreachableCaseError(option.type);
  }
}

/** The Cypher of one page and the parameters it needs besides the filter's. */
interface PageStatement {
  /**
   * From the list's nodes to the page's rows in page order, `n` and `sortKey` bound (and `_total`
   * carried when counted), before the LIMIT: a MATCH of the label then WHERE/WITH/ORDER BY, or a
   * CALL subquery that binds `n` itself.
   */
  cypher: string;
  params: Params;
  /** The sort value of a row (what cursors carry), from the statement's `sortKey` column. */
  sortValueOf(sortKey: string | number): string | number;
}

/** A page ordered by `coalesce(expression, sentinel)`: every matching node is read and sorted. */
function expressionPage(
  label: string,
  option: SortOption,
  direction: Direction,
  predicates: string[],
  hasCursor: boolean,
  carried: string,
): PageStatement {
  const comparator = direction === 'ASC' ? '>' : '<';
  const cypher = [
    `MATCH (n:${label})`,
    predicates.length ? `WHERE ${predicates.join(' AND ')}` : '',
    `WITH n, ${carried}coalesce(${option.expression}, $_nullSort) AS sortKey`,
    hasCursor
      ? `WHERE sortKey ${comparator} $_afterValue OR (sortKey = $_afterValue AND n.id > $_afterId)`
      : '',
    `ORDER BY sortKey ${direction}, n.id ASC`,
  ];
  return {
    cypher: cypher.filter(Boolean).join('\n'),
    params: { _nullSort: nullSentinel(option, direction) },
    sortValueOf: (key) => key,
  };
}

/**
 * A page ordered by a stored key: the composite (key, id) index yields the nodes in page
 * order, so a page reads about `first` index entries whatever the list's length.
 *
 * After a cursor (key k, id i) the page is the nodes with key k and an id after i, then those
 * with a key after k: two seeks of the index, each in index order and cut at the page's limit,
 * then the page taken from their at most 2 x (first + 1) rows. One seek `key >= k` filtered by
 * the id read every node of key k before the cursor: projects share a year, so a cursor a third
 * into 100,000 synthetic projects read 8,000 index entries to return 50 (issue 20). The seek
 * conditions are not an OR: the planner splits an OR into a union of two seeks, which loses the
 * index order (and seeks every id after the cursor's), so each page sorted all of them again.
 */
function storedKeyPage(
  label: string,
  key: StoredSortKey,
  direction: Direction,
  predicates: string[],
  hasCursor: boolean,
  carried: string,
): PageStatement {
  const k = `n.${key.property}`;
  const order = `ORDER BY ${k} ASC, n.id ASC`;
  const negated = direction === 'DESC';
  const sortValueOf = (value: string | number) => (negated ? -(value as number) || 0 : value);
  if (!hasCursor) {
    return {
      cypher: [
        `MATCH (n:${label})`,
        `WHERE ${[`${k} IS NOT NULL`, 'n.id IS NOT NULL', ...predicates].join(' AND ')}`,
        `WITH n, ${carried}${k} AS sortKey`,
        order,
      ].join('\n'),
      params: {},
      sortValueOf,
    };
  }
  const seek = (conditions: string[]) =>
    [
      `  MATCH (n:${label})`,
      `  WHERE ${[...conditions, ...predicates].join(' AND ')}`,
      `  WITH n ${order}`,
      '  LIMIT $_limit',
      '  RETURN n',
    ].join('\n');
  return {
    cypher: [
      'CALL {',
      seek([`${k} = $_afterKey`, 'n.id > $_afterId']),
      '  UNION ALL',
      seek([`${k} > $_afterKey`, 'n.id IS NOT NULL']),
      '}',
      `WITH n, ${carried}${k} AS sortKey`,
      order,
    ].join('\n'),
    params: {},
    sortValueOf,
  };
}

/** A row of a page statement: the node, its sort key, and the list's total when the statement counts it. */
export interface PageRow<T> {
  node: T;
  sortKey: string | number;
  total?: number;
}

/** One page's statement and how its rows become a connection (listNodes runs it; the planner extends it). */
export interface PageQuery<T> {
  cypher: string;
  params: Params;
  /**
   * The connection of the rows the statement returned. Its totalCount is the rows' `total` when
   * the statement counted (withTotal) and returned a row, else one count statement on first use.
   */
  toConnection(rows: Array<PageRow<T>>): ConnectionModel<T>;
  /** The number of items matching the filter across all pages (one count statement, once). */
  totalCount(): Promise<number>;
}

/** The projection of a page whose nodes carry all their properties (what the loaders read). */
export const ALL_PROPERTIES = { calls: '', cypher: 'n {.*}', params: {} } as const;

/**
 * The statement of one page of a list. `projection` is the Cypher expression returned as
 * `node`, over the list's node `n`, after its `calls` (the planner's CALL subqueries for nested
 * fields, run on the page's rows only, after LIMIT).
 * Sorts with a stored key read the page from its (key, id) index; others sort every match.
 * `withTotal` counts the list's matches in the same statement (a subquery run once, before the
 * page), so a selection of totalCount and the page is one statement, not two.
 * @throws PageArgumentError when `first` or `after` is invalid (see pagination.ts).
 */
export function pageQuery<L extends EntityLabel, Filter, SortField extends string>(
  db: Db,
  spec: ListSpec<L, Filter, SortField>,
  args: ListArgs<Filter, SortField>,
  limits: PageLimits,
  projection: { calls: string; cypher: string; params: Params } = ALL_PROPERTIES,
  withTotal = false,
): PageQuery<NodeModels[L]> {
  const sortOption = spec.sorts[args.sort.field];
  if (!sortOption) throw new TypeError(`${spec.name}: unknown sort field ${String(args.sort.field)}`);
  const direction = args.sort.direction;
  const scope = cursorScope(spec.name, args.sort.field, direction);
  const size = pageSize(args.first, limits);
  const position = args.after ? decodeCursor(scope, args.after, sortOption.type) : null;
  const { predicates, params, fields } = filterClause(spec, args.filter);
  const stored = sortOption.stored?.[direction];
  if (stored && direction === 'DESC' && sortOption.type !== 'number') {
    throw new TypeError(
      `${spec.name}: a stored DESC sort key needs a number sort, received ${sortOption.type}`,
    );
  }

  const hasCursor = position !== null;
  const carried = withTotal ? '_total, ' : '';
  const page = stored
    ? storedKeyPage(spec.label, stored, direction, predicates, hasCursor, carried)
    : expressionPage(spec.label, sortOption, direction, predicates, hasCursor, carried);
  // A DESC key holds the negated value, so the cursor's value is negated to seek it.
  const negate = position !== null && stored !== undefined && direction === 'DESC';
  const afterKey = negate ? -(position.value as number) : (position?.value ?? null);
  let total: Promise<number> | null = null;
  const totalCount = () => (total ??= countNodes(db, countStatement(spec, fields, params)));
  return {
    cypher: [
      withTotal ? `CALL { ${countStatement(spec, fields, params, '_total').cypher} }` : '',
      page.cypher,
      'LIMIT $_limit',
      projection.calls,
      `RETURN ${projection.cypher} AS node, sortKey${withTotal ? ', _total AS total' : ''}`,
    ]
      .filter(Boolean)
      .join('\n'),
    params: {
      ...projection.params,
      ...params,
      ...page.params,
      ...(stored ? { _afterKey: afterKey } : { _afterValue: position?.value ?? null }),
      _afterId: position?.id ?? null,
      _limit: cypherInt(size + 1),
    },
    toConnection(rows) {
      // An empty page (past the end) has no row to carry the total: it is counted on its own.
      const counted = rows[0]?.total;
      if (withTotal && counted !== undefined) total ??= Promise.resolve(counted);
      const edges = rows.slice(0, size).map((row) => ({
        cursor: encodeCursor(scope, { value: page.sortValueOf(row.sortKey), id: row.node.id }),
        node: row.node,
      }));
      const pageInfo = {
        hasNextPage: rows.length > size,
        hasPreviousPage: position !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      };
      return {
        edges: async () => edges,
        nodes: async () => edges.map((edge) => edge.node),
        pageInfo: async () => pageInfo,
        totalCount,
      };
    },
    totalCount,
  };
}

/**
 * Runs one page of a list and returns it as a connection whose page and totalCount are
 * each read on first use: a selection of totalCount alone costs only the count. Arguments
 * (`first`, `after`, the sort) are checked at once, whatever is selected.
 */
export async function listNodes<L extends EntityLabel, Filter, SortField extends string>(
  db: Db,
  spec: ListSpec<L, Filter, SortField>,
  args: ListArgs<Filter, SortField>,
  limits: PageLimits,
): Promise<ConnectionModel<NodeModels[L]>> {
  const query = pageQuery(db, spec, args, limits);
  let page: Promise<ConnectionModel<NodeModels[L]>> | null = null;
  const loadPage = () =>
    (page ??= db
      .read<PageRow<NodeModels[L]>>(query.cypher, query.params)
      .then((rows) => query.toConnection(rows)));
  return {
    edges: async () => (await loadPage()).edges(),
    nodes: async () => (await loadPage()).nodes(),
    pageInfo: async () => (await loadPage()).pageInfo(),
    totalCount: query.totalCount,
  };
}

async function countNodes(db: Db, { cypher, params }: { cypher: string; params: Params }): Promise<number> {
  const rows = await db.read<{ total: number }>(cypher, params);
  return rows[0]?.total ?? 0;
}
