// Batch reads for relationship fields: one Cypher statement answers a field for many
// parent ids at once (UNWIND $keys), so loaders can resolve a whole page in one round trip.

import type { DerivationModel, EntityLabel, NodeModels } from './models';
import { cypherInt, type Db, type Params } from './run';
import type { Provenance } from '../model';

/**
 * A relationship field read from the `from` side. `pattern` starts at the bound node
 * `from` and names the other end `to` (and the relationship `r` when its properties
 * are read), e.g. `(from)-[:FUNDS]->(to:Project)`.
 */
export interface RelationSpec<From extends EntityLabel, To extends EntityLabel> {
  /** The batch function's name, also its loader's, e.g. projectsByFunderId. */
  name: string;
  from: From;
  to: To;
  pattern: string;
  /** ORDER BY over `to` (and `r`), always ending in a unique key for a stable order. */
  orderBy: string;
}

/**
 * Orders relationship fields share, over `to`. Cypher sorts null first in a descending
 * order, so "newest first" puts records without a year last explicitly, as lists do;
 * names sort alphabetically (ignoring case), as list sorts do.
 */
export const NEWEST_FIRST = 'to.year IS NULL, to.year DESC';
export const NEWEST_CALLS_FIRST = `${NEWEST_FIRST}, to.id`;
export const NEWEST_PROJECTS_FIRST = `${NEWEST_FIRST}, toLower(to.acronym), to.id`;
export const BY_NAME = 'toLower(to.name), to.id';

/** A relation whose relationship carries a derivation (provenance, rule, confidence, evidence). */
export interface DerivedRelationSpec<From extends EntityLabel, To extends EntityLabel> extends RelationSpec<
  From,
  To
> {
  derived: true;
}

/** Declares a derived relation; its links are listed most confident first. */
export function derivedRelation<From extends EntityLabel, To extends EntityLabel>(
  spec: Omit<DerivedRelationSpec<From, To>, 'derived' | 'orderBy'>,
): DerivedRelationSpec<From, To> {
  return { ...spec, orderBy: 'r.confidence DESC, to.id', derived: true };
}

export interface DerivationFilter {
  provenance?: Provenance | null;
  minConfidence?: number | null;
}

/** One item of a derived relation: the other end and how the link was derived. */
export interface DerivedRow<To extends EntityLabel> {
  node: NodeModels[To];
  derivation: DerivationModel;
}

/** One item of a relation whose relationship properties are read as well. */
export interface RelationshipRow<To extends EntityLabel> {
  node: NodeModels[To];
  relationship: Record<string, unknown>;
}

/** A statement for Db.read: Cypher text and its parameters. */
export interface Statement {
  cypher: string;
  params: Params;
}

/**
 * The derived-link predicate, written once for every reader of derived links (relation
 * batches, list filters, networks, the planner): a link passes when the filter's provenance
 * is null or equal to the link's, and its minConfidence null or at most the link's confidence.
 * `r` names the relationship; `prefix` goes before the parameter names ($provenance,
 * $minConfidence) where one statement filters several relations with their own values.
 */
export function derivationPredicate(r = 'r', prefix = ''): string {
  const provenance = `$${prefix}provenance`;
  const minConfidence = `$${prefix}minConfidence`;
  return (
    `(${provenance} IS NULL OR ${r}.provenance = ${provenance}) AND ` +
    `(${minConfidence} IS NULL OR ${r}.confidence >= ${minConfidence})`
  );
}

/** The parameters of derivationPredicate (no prefix); an unset threshold is null: no filter. */
export function derivationParams(filter: DerivationFilter): Params {
  return { provenance: filter.provenance ?? null, minConfidence: filter.minConfidence ?? null };
}

/**
 * The frame of every relation batch: for each key, bind `from`, match the spec's pattern,
 * keep only the links passing derivationPredicate when `filtered`, and reduce the matches to
 * one `value` with the `reduce` lines. Rows come back as {key, value}, one per key that exists.
 */
function relationBatchCypher(
  spec: RelationSpec<EntityLabel, EntityLabel>,
  filtered: boolean,
  reduce: readonly string[],
): string {
  return [
    'UNWIND $keys AS key',
    'CALL (key) {',
    `  MATCH (from:${spec.from} {id: key})`,
    `  MATCH ${spec.pattern}`,
    ...(filtered ? [`  WHERE ${derivationPredicate()}`] : []),
    ...reduce.map((line) => `  ${line}`),
    '}',
    'RETURN key, value',
  ].join('\n');
}

/** The other ends (each once) of each key, in the spec's order, at most `limit`. */
export function relatedNodesStatement(
  spec: RelationSpec<EntityLabel, EntityLabel>,
  keys: readonly string[],
  limit: number,
): Statement {
  const cypher = relationBatchCypher(spec, false, [
    'WITH DISTINCT to',
    `ORDER BY ${spec.orderBy}`,
    'LIMIT $limit',
    'RETURN collect(to {.*}) AS value',
  ]);
  return { cypher, params: { keys, limit: cypherInt(limit) } };
}

/** The other ends of each key with the relationship's properties (one item per relationship). */
export function relatedWithRelationshipStatement(
  spec: RelationSpec<EntityLabel, EntityLabel>,
  keys: readonly string[],
  limit: number,
): Statement {
  const cypher = relationBatchCypher(spec, false, [
    'WITH to, r',
    `ORDER BY ${spec.orderBy}`,
    'LIMIT $limit',
    'RETURN collect({node: to {.*}, relationship: properties(r)}) AS value',
  ]);
  return { cypher, params: { keys, limit: cypherInt(limit) } };
}

/** The derived links of each key that pass `filter`, with their derivation, at most `limit`. */
export function derivedLinksStatement(
  spec: DerivedRelationSpec<EntityLabel, EntityLabel>,
  keys: readonly string[],
  filter: DerivationFilter,
  limit: number,
): Statement {
  const cypher = relationBatchCypher(spec, true, [
    'WITH to, r',
    `ORDER BY ${spec.orderBy}`,
    'LIMIT $limit',
    'RETURN collect({',
    '  node: to {.*},',
    '  derivation: {provenance: r.provenance, rule: r.rule, confidence: r.confidence, evidence: r.evidence,',
    '               curator: r.curator, curatedAt: toString(r.curatedAt), ruleBookVersion: r.ruleBookVersion,',
    '               origin: r.origin}',
    '}) AS value',
  ]);
  return { cypher, params: { keys, ...derivationParams(filter), limit: cypherInt(limit) } };
}

/**
 * How many distinct nodes each key reaches; a derived relation counts only the links passing
 * `filter` (its parameters are passed either way, null when unset).
 */
export function relatedCountsStatement(
  spec: RelationSpec<EntityLabel, EntityLabel> | DerivedRelationSpec<EntityLabel, EntityLabel>,
  keys: readonly string[],
  filter: DerivationFilter,
): Statement {
  const cypher = relationBatchCypher(spec, 'derived' in spec, ['RETURN count(DISTINCT to) AS value']);
  return { cypher, params: { keys, ...derivationParams(filter) } };
}

function keyedResult<T>(keys: readonly string[], rows: Array<{ key: string; value: T }>, fallback: T): T[] {
  const byKey = new Map(rows.map((row) => [row.key, row.value]));
  return keys.map((key) => byKey.get(key) ?? fallback);
}

/** For each key, the nodes at the other end (at most `limit`), in the spec's order. */
export async function relatedNodes<From extends EntityLabel, To extends EntityLabel>(
  db: Db,
  spec: RelationSpec<From, To>,
  keys: readonly string[],
  limit: number,
): Promise<Array<NodeModels[To][]>> {
  const { cypher, params } = relatedNodesStatement(spec, keys, limit);
  return keyedResult(keys, await db.read<{ key: string; value: NodeModels[To][] }>(cypher, params), []);
}

/** For each key, the other ends together with the relationship's properties. */
export async function relatedWithRelationship<From extends EntityLabel, To extends EntityLabel>(
  db: Db,
  spec: RelationSpec<From, To>,
  keys: readonly string[],
  limit: number,
): Promise<Array<RelationshipRow<To>[]>> {
  const { cypher, params } = relatedWithRelationshipStatement(spec, keys, limit);
  return keyedResult(keys, await db.read<{ key: string; value: RelationshipRow<To>[] }>(cypher, params), []);
}

/** For each key, the derived links that pass `filter`, most confident first, at most `limit`. */
export async function derivedLinks<From extends EntityLabel, To extends EntityLabel>(
  db: Db,
  spec: DerivedRelationSpec<From, To>,
  keys: readonly string[],
  filter: DerivationFilter,
  limit: number,
): Promise<Array<DerivedRow<To>[]>> {
  const { cypher, params } = derivedLinksStatement(spec, keys, filter, limit);
  return keyedResult(keys, await db.read<{ key: string; value: DerivedRow<To>[] }>(cypher, params), []);
}

/** For each key, how many distinct nodes the relation reaches (derived relations honour `filter`). */
export async function relatedCounts<From extends EntityLabel, To extends EntityLabel>(
  db: Db,
  spec: RelationSpec<From, To> | DerivedRelationSpec<From, To>,
  keys: readonly string[],
  filter: DerivationFilter = {},
): Promise<number[]> {
  const { cypher, params } = relatedCountsStatement(spec, keys, filter);
  return keyedResult(keys, await db.read<{ key: string; value: number }>(cypher, params), 0);
}

/** Nodes of one label by id, in the order of `ids`; null where there is none. */
export async function nodesById<L extends EntityLabel>(
  db: Db,
  label: L,
  ids: readonly string[],
): Promise<Array<NodeModels[L] | null>> {
  const rows = await db.read<{ key: string; value: NodeModels[L] }>(
    `MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS key, n {.*} AS value`,
    { ids },
  );
  return keyedResult<NodeModels[L] | null>(ids, rows, null);
}
