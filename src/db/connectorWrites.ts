// Cypher of the connector runner (src/connectors/runner.ts): the stored state of a batch's nodes
// and relationships, and their writes inside a write batch. Labels and relationship types are
// checked against the connector vocabulary of src/model (never taken from a file); every value
// is a parameter. Nodes keep their bookkeeping (updatedAt, importRunId, sort keys, search
// properties) as every other write path does.

import {
  isConnectorLabel,
  isConnectorLinkShape,
  linkShapeKey,
  type ConnectorLabel,
  type ConnectorLinkShape,
} from '../model';
import { ensureCountries, type WriteStamp } from './curation';
import { deleteOrphanIdentifiers, ensureIdentifiers } from './identifiers';
import type { WriteTransaction } from './run';
import { refreshSearchProperties, SEARCHABLE_LABELS, withoutSearchProperties } from './searchIndex';
import { setSortKeysClause } from './sortKeys';

function assertLabel(label: string): asserts label is ConnectorLabel {
  if (!isConnectorLabel(label))
    throw new TypeError(`expected a label a connector may write, received ${JSON.stringify(label)}`);
}

function assertShape(shape: ConnectorLinkShape): void {
  if (!isConnectorLinkShape(shape))
    throw new TypeError(
      `expected a relationship shape a connector may write, received ${linkShapeKey(shape)}`,
    );
}

/** Properties of stored nodes by id (search-only properties left out); absent ids are missing. */
export async function connectorNodeStates(
  tx: WriteTransaction,
  label: ConnectorLabel,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  assertLabel(label);
  if (ids.length === 0) return new Map();
  const rows = await tx.run<{ id: string; props: Record<string, unknown> }>(
    `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id, properties(n) AS props`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, withoutSearchProperties(row.props)]));
}

/** A node as the runner writes it: the properties to set (null removes one). */
export interface ConnectorNodeRow {
  id: string;
  props: Record<string, unknown>;
}

/**
 * Creates or updates nodes of one label: SET the given properties and the write stamp, then
 * the stored sort keys and search properties. Returns how many nodes were written.
 */
export async function writeConnectorNodes(
  tx: WriteTransaction,
  label: ConnectorLabel,
  rows: readonly ConnectorNodeRow[],
  stamp: WriteStamp,
): Promise<void> {
  assertLabel(label);
  if (rows.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row
MERGE (n:${label} {id: row.id})
SET n += row.props, n.updatedAt = $at, n.lastChangedBy = $actor, n.importFile = $importFile,
    n.importRunId = $importRunId${setSortKeysClause(label)}`,
    { ...stamp, rows },
  );
  if ((SEARCHABLE_LABELS as readonly string[]).includes(label))
    await refreshSearchProperties(
      tx,
      label,
      rows.map((row) => row.id),
    );
}

/** Properties put back by an undo (null removes one), then the node's sort keys and search properties. */
export async function restoreConnectorNode(
  tx: WriteTransaction,
  label: string,
  id: string,
  previous: Record<string, unknown>,
): Promise<void> {
  assertLabel(label);
  await tx.run(`MATCH (n:${label} {id: $id}) SET n += $previous${setSortKeysClause(label)}`, {
    id,
    previous,
  });
  if ((SEARCHABLE_LABELS as readonly string[]).includes(label))
    await refreshSearchProperties(tx, label, [id]);
}

/**
 * Deletes nodes an undone run created, with their relationships (Country nodes it needed
 * included) and the Identifier nodes only they carried.
 */
export async function deleteConnectorNodes(
  tx: WriteTransaction,
  label: string,
  ids: readonly string[],
): Promise<void> {
  if (label !== 'Country') assertLabel(label);
  const [held] = await tx.run<{ keys: string[] }>(
    `UNWIND $ids AS id MATCH (:${label} {id: id})-[:HAS_IDENTIFIER]->(i:Identifier) RETURN collect(DISTINCT i.id) AS keys`,
    { ids },
  );
  await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) DETACH DELETE n`, { ids });
  // Identifiers only these nodes carried go with them.
  await deleteOrphanIdentifiers(tx, held?.keys ?? []);
}

/** One relationship by the ids of its ends. */
export interface ConnectorLinkKey {
  from: string;
  to: string;
}

/** `from|to`, the key of a relationship of a known shape. */
export function linkKey(link: ConnectorLinkKey): string {
  return `${link.from}|${link.to}`;
}

/** Properties of the stored relationships of one shape, by linkKey; absent ones are missing. */
export async function connectorLinkStates(
  tx: WriteTransaction,
  shape: ConnectorLinkShape,
  keys: readonly ConnectorLinkKey[],
): Promise<Map<string, Record<string, unknown>>> {
  assertShape(shape);
  if (keys.length === 0) return new Map();
  // Both ends by their id index, then the relationship between them (Expand(Into), from the end
  // of fewer relationships): left to itself, the planner at times found one end and expanded all
  // of its relationships, which for a Subject, Call or Country is thousands per key
  // (bench:connect at 10,000 projects: HAS_SUBJECT states 9.7 s of a run's 54.8 s of statements).
  const rows = await tx.run<{ from: string; to: string; props: Record<string, unknown> }>(
    `UNWIND $keys AS key
MATCH (a:${shape.from} {id: key.from})-[r:${shape.type}]->(b:${shape.to} {id: key.to})
USING INDEX a:${shape.from}(id)
USING INDEX b:${shape.to}(id)
RETURN a.id AS from, b.id AS to, properties(r) AS props`,
    { keys },
  );
  return new Map(rows.map((row) => [linkKey(row), row.props]));
}

/** A relationship as the runner writes it: its ends and the properties to set (null removes one). */
export interface ConnectorLinkRow extends ConnectorLinkKey {
  props: Record<string, unknown>;
}

/**
 * Creates or updates relationships of one shape (one per pair of ends). Missing Country ends
 * are made first (from world-countries) and returned, so that the caller audits their creation;
 * any other missing end is a caller's mistake and throws, so that the batch rolls back rather
 * than silently dropping a relationship.
 */
export async function writeConnectorLinks(
  tx: WriteTransaction,
  shape: ConnectorLinkShape,
  rows: readonly ConnectorLinkRow[],
  stamp: WriteStamp,
): Promise<{ createdCountries: string[] }> {
  assertShape(shape);
  if (rows.length === 0) return { createdCountries: [] };
  if (shape.to === 'Identifier')
    await ensureIdentifiers(
      tx,
      rows.map((row) => row.to),
    );
  let createdCountries: string[] = [];
  if (shape.to === 'Country') {
    const codes = [...new Set(rows.map((row) => row.to))];
    const held = await tx.run<{ id: string }>(
      'UNWIND $codes AS code MATCH (c:Country {id: code}) RETURN c.id AS id',
      {
        codes,
      },
    );
    const present = new Set(held.map((row) => row.id));
    createdCountries = codes.filter((code) => !present.has(code));
    await ensureCountries(tx, createdCountries, stamp.at);
  }
  const [result] = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
MATCH (a:${shape.from} {id: row.from}), (b:${shape.to} {id: row.to})
MERGE (a)-[r:${shape.type}]->(b)
ON CREATE SET r.origin = $origin
SET r += row.props, r.importRunId = $importRunId
RETURN count(r) AS written`,
    { ...stamp, rows },
  );
  const written = result?.written ?? 0;
  if (written !== rows.length) {
    throw new TypeError(
      `writeConnectorLinks expects both ends of every ${linkShapeKey(shape)} to exist, ` +
        `received ${rows.length} relationships of which ${written} could be written`,
    );
  }
  return { createdCountries };
}

/** Puts a relationship's properties back (an update undone), or deletes it (a creation undone). */
export async function restoreConnectorLink(
  tx: WriteTransaction,
  shape: ConnectorLinkShape,
  key: ConnectorLinkKey,
  previous: Record<string, unknown> | null,
): Promise<void> {
  assertShape(shape);
  const match = `MATCH (:${shape.from} {id: $from})-[r:${shape.type}]->(:${shape.to} {id: $to})`;
  if (previous === null) await tx.run(`${match} DELETE r`, { ...key });
  else await tx.run(`${match} SET r = $previous`, { ...key, previous });
  if (previous === null && shape.to === 'Identifier') await deleteOrphanIdentifiers(tx, [key.to]);
}

/**
 * Ids of the nodes of `label` whose `datasets` list names `dataset` (what an earlier run of
 * that dataset wrote), a page at a time in id order after `after`.
 */
export async function datasetNodeIds(
  tx: WriteTransaction,
  label: ConnectorLabel,
  dataset: string,
  after: string,
  limit: number,
): Promise<string[]> {
  assertLabel(label);
  const rows = await tx.run<{ id: string }>(
    `MATCH (n:${label}) WHERE n.id > $after AND $dataset IN n.datasets
RETURN n.id AS id ORDER BY n.id LIMIT toInteger($limit)`,
    { dataset, after, limit },
  );
  return rows.map((row) => row.id);
}

/** How many relationships of one shape `dataset` wrote (their `dataset` property). */
export async function datasetLinkCount(
  tx: WriteTransaction,
  shape: ConnectorLinkShape,
  dataset: string,
): Promise<number> {
  assertShape(shape);
  const [row] = await tx.run<{ links: number }>(
    `MATCH (:${shape.from})-[r:${shape.type}]->(:${shape.to}) WHERE r.dataset = $dataset RETURN count(r) AS links`,
    { dataset },
  );
  return row?.links ?? 0;
}
