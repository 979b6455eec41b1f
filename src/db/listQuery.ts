// Builds and runs the paginated, filtered list queries behind every top-level list:
// constant Cypher fragments per filter field, values always passed as parameters,
// keyset pagination on (sort value, id), and a count query run only on demand.

import type { ConnectionModel, EntityLabel, NodeModels } from './models';
import { decodeCursor, encodeCursor, pageSize, PageLimits } from './pagination';
import { cypherInt, Db, Params } from './run';
import { UnreachableCaseError } from '../errors';
import { textFilterTerms } from '../search/searchQuery';

export type Direction = 'ASC' | 'DESC';

/** How one sort field orders nodes; `expression` reads the node as `n`. */
export interface SortOption {
  /** Text sorts are alphabetical, hence toLower(): "CatSalut" sorts before "CDTI", not after "CSO-MOH". */
  expression: string;
  /** Decides the sentinel that puts nodes without a value last in either direction. */
  type: 'string' | 'number';
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
}

export interface ListArgs<Filter, SortField extends string> {
  filter?: Filter | null;
  sort: { field: SortField; direction: Direction };
  first?: number | null;
  after?: string | null;
}

const RESERVED_PARAMS = new Set(['_limit', '_afterValue', '_afterId', '_nullSort']);

/** The WHERE clause and parameters of a filter; shared by the page and count queries. */
export function filterClause<L extends EntityLabel, Filter, SortField extends string>(
  spec: ListSpec<L, Filter, SortField>,
  filter: Filter | null | undefined,
): { predicates: string[]; params: Params } {
  const predicates: string[] = [];
  const params: Params = { ...spec.defaultParams };
  if (!filter) return { predicates, params };
  for (const key of Object.keys(spec.filters) as Array<keyof Filter & string>) {
    const value = filter[key];
    if (value === null || value === undefined) continue;
    if (RESERVED_PARAMS.has(key)) throw new TypeError(`Filter field "${key}" clashes with a reserved parameter`);
    predicates.push(`(${spec.filters[key]})`);
    params[key] = normaliseValue(spec, key, value);
  }
  return { predicates, params };
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

/** One page's statement and how its rows become a connection (listNodes runs it; the planner extends it). */
export interface PageQuery<T> {
  cypher: string;
  params: Params;
  /** The connection of the rows the statement returned (`node`, `sortValue`), with a lazy totalCount. */
  toConnection(rows: Array<{ node: T; sortValue: string | number }>): ConnectionModel<T>;
}

/**
 * The statement of one page of a list. `projection` is the Cypher expression returned as
 * `node`, over the list's node `n`; the planner passes one that reads nested fields too.
 * @throws BadUserInputError when `first` or `after` is invalid (see pagination.ts).
 */
export function pageQuery<L extends EntityLabel, Filter, SortField extends string>(
  db: Db,
  spec: ListSpec<L, Filter, SortField>,
  args: ListArgs<Filter, SortField>,
  limits: PageLimits,
  projection: { cypher: string; params: Params } = { cypher: 'n {.*}', params: {} },
): PageQuery<NodeModels[L]> {
  const sortOption = spec.sorts[args.sort.field];
  if (!sortOption) throw new TypeError(`${spec.name}: unknown sort field ${String(args.sort.field)}`);
  const direction = args.sort.direction;
  const scope = `${spec.name}:${args.sort.field}:${direction}`;
  const size = pageSize(args.first, limits);
  const position = args.after ? decodeCursor(scope, args.after, sortOption.type) : null;
  const { predicates, params } = filterClause(spec, args.filter);

  const comparator = direction === 'ASC' ? '>' : '<';
  const cypher = [
    `MATCH (n:${spec.label})`,
    predicates.length ? `WHERE ${predicates.join(' AND ')}` : '',
    `WITH n, coalesce(${sortOption.expression}, $_nullSort) AS sortValue`,
    position
      ? `WHERE sortValue ${comparator} $_afterValue OR (sortValue = $_afterValue AND n.id > $_afterId)`
      : '',
    `ORDER BY sortValue ${direction}, n.id ASC`,
    'LIMIT $_limit',
    `RETURN ${projection.cypher} AS node, sortValue`,
  ]
    .filter(Boolean)
    .join('\n');

  return {
    cypher,
    params: {
      ...projection.params,
      ...params,
      _nullSort: nullSentinel(sortOption, direction),
      _afterValue: position?.value ?? null,
      _afterId: position?.id ?? null,
      _limit: cypherInt(size + 1),
    },
    toConnection(rows) {
      const pageRows = rows.slice(0, size);
      const edges = pageRows.map((row) => ({
        cursor: encodeCursor(scope, { value: row.sortValue, id: row.node.id }),
        node: row.node,
      }));
      let total: Promise<number> | null = null;
      return {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: {
          hasNextPage: rows.length > size,
          hasPreviousPage: position !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        totalCount: () => (total ??= countNodes(db, spec, predicates, params)),
      };
    },
  };
}

/** Runs one page of a list and returns it as a connection with a lazy totalCount. */
export async function listNodes<L extends EntityLabel, Filter, SortField extends string>(
  db: Db,
  spec: ListSpec<L, Filter, SortField>,
  args: ListArgs<Filter, SortField>,
  limits: PageLimits,
): Promise<ConnectionModel<NodeModels[L]>> {
  const query = pageQuery(db, spec, args, limits);
  return query.toConnection(await db.read<{ node: NodeModels[L]; sortValue: string | number }>(query.cypher, query.params));
}

async function countNodes<L extends EntityLabel, Filter, SortField extends string>(
  db: Db,
  spec: ListSpec<L, Filter, SortField>,
  predicates: string[],
  params: Params,
): Promise<number> {
  const where = predicates.length ? `WHERE ${predicates.join(' AND ')}` : '';
  const rows = await db.read<{ total: number }>(`MATCH (n:${spec.label}) ${where} RETURN count(n) AS total`, params);
  return rows[0]?.total ?? 0;
}
