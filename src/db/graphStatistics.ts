// The largest lists the graph holds: for a relationship read from one end, the most other
// ends any node has (its largest degree); for a property a list filter matches, the most
// nodes that share one value. Read once per data version for the query price (issue 19).

import type { Db } from './run';

/**
 * A relationship list to measure: `pattern` starts at the bound node `from` (a node of label
 * `from`) and names the other end `to`, as a RelationSpec's pattern does, e.g.
 * `(from)-[:PARTICIPATES_IN]->(to:Call)`.
 */
export interface DegreeQuery {
  /** The name the largest degree is returned under, e.g. Funder.calls. */
  key: string;
  from: string;
  pattern: string;
}

/** A property to group a label's nodes by, e.g. Funder.countryCode. */
export interface GroupQuery {
  key: string;
  label: string;
  property: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// (from)-[r:TYPE]->(to:Label), (from)<-[:TYPE]-(to:Label): one relationship, both ends named.
const ONE_HOP = /^\(from\)(<?)-\[\w*:([A-Z_]+)\]-(>?)\(to:([A-Za-z]+)\)$/;

function assertName(what: string, value: string): void {
  // Labels, types and properties cannot be parameters; these come from code, never from a request.
  if (!NAME.test(value))
    throw new TypeError(`${what} expected a plain name, received ${JSON.stringify(value)}`);
}

/**
 * The degree pattern of a one-hop relationship without the label of its far end,
 * `(from)-[:TYPE]->()`, which Neo4j answers from the node's degree store (GetDegree: one
 * db hit per node) instead of expanding every relationship (two hits per relationship and a
 * label check); null for a pattern of another shape.
 */
export function unlabelledDegreePattern(pattern: string): string | null {
  const match = ONE_HOP.exec(pattern);
  if (!match) return null;
  const [, inward, type, outward] = match;
  if (Boolean(inward) === Boolean(outward)) return null;
  return `(from)${inward}-[:${type}]-${outward}()`;
}

/**
 * One statement per `from` label: the largest count of each pattern over the label's nodes.
 * A one-hop pattern whose type and direction no other query of the label shares is counted
 * without its far end's label (its degree; at least the labelled count, so still an upper
 * bound, and one db hit per node); the shared ones (a call's funders, countries and regions
 * are all PARTICIPATES_IN) are counted with it, so that each stays exact.
 */
export function largestDegreeStatements(
  queries: readonly DegreeQuery[],
): Array<{ from: string; cypher: string; keys: string[] }> {
  const byLabel = new Map<string, DegreeQuery[]>();
  for (const query of queries) {
    assertName('largestDegreeStatements: from', query.from);
    if (!query.pattern.startsWith('(from)')) {
      throw new TypeError(
        `largestDegreeStatements expected a pattern from (from), received ${query.pattern}`,
      );
    }
    byLabel.set(query.from, [...(byLabel.get(query.from) ?? []), query]);
  }
  return [...byLabel].map(([from, group]) => {
    const shared = new Map<string, Set<string>>();
    for (const query of group) {
      const unlabelled = unlabelledDegreePattern(query.pattern);
      if (unlabelled) shared.set(unlabelled, (shared.get(unlabelled) ?? new Set()).add(query.pattern));
    }
    const columns = group.map((query, index) => {
      const unlabelled = unlabelledDegreePattern(query.pattern);
      const counted = unlabelled && shared.get(unlabelled)!.size === 1 ? unlabelled : query.pattern;
      return `max(COUNT { MATCH ${counted} }) AS d${index}`;
    });
    return {
      from,
      cypher: `MATCH (from:${from})\nRETURN ${columns.join(', ')}`,
      keys: group.map((q) => q.key),
    };
  });
}

/** The largest degree of each query (0 when the label has no nodes), by key. */
export async function readLargestDegrees(
  db: Db,
  queries: readonly DegreeQuery[],
): Promise<Record<string, number>> {
  const largest: Record<string, number> = {};
  for (const statement of largestDegreeStatements(queries)) {
    const [row] = await db.read<Record<string, number | null>>(statement.cypher);
    statement.keys.forEach((key, index) => {
      largest[key] = Math.max(largest[key] ?? 0, row?.[`d${index}`] ?? 0);
    });
  }
  return largest;
}

/** The statement of one group query: the most nodes of the label sharing one value of the property. */
export function largestGroupStatement(query: GroupQuery): string {
  assertName('largestGroupStatement: label', query.label);
  assertName('largestGroupStatement: property', query.property);
  return `MATCH (n:${query.label}) WHERE n.${query.property} IS NOT NULL
WITH n.${query.property} AS value, count(*) AS nodes
RETURN max(nodes) AS largest`;
}

/** The largest group of each query (0 when no node has the property), by key. */
export async function readLargestGroups(
  db: Db,
  queries: readonly GroupQuery[],
): Promise<Record<string, number>> {
  const largest: Record<string, number> = {};
  for (const query of queries) {
    const [row] = await db.read<{ largest: number | null }>(largestGroupStatement(query));
    largest[query.key] = row?.largest ?? 0;
  }
  return largest;
}
