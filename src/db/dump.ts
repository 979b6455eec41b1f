// Reads the whole dataset for /export/dump.jsonl: counts per label and relationship type,
// then every data node and every relationship between data nodes, in keyset pages by id
// so that memory stays bounded. Bookkeeping nodes (versions, audit, imports, keys) stay out.

import { ENTITY_LABELS } from '../model';
import { cypherInt, type Db } from './run';

/**
 * The labels a dump holds: the entities, then the Identifier nodes that organisations and
 * funders carry (HAS_IDENTIFIER {source, confidence}), so that identifiers travel with the data.
 */
export const DUMP_LABELS = [...ENTITY_LABELS, 'Identifier'] as const;
export type DumpLabel = (typeof DUMP_LABELS)[number];

/** A data node: its label, id and every stored property (id included). */
export interface DumpNode {
  label: DumpLabel;
  id: string;
  properties: Record<string, unknown>;
}

/** A relationship from a data node to another, with its stored properties. */
export interface DumpRelationship {
  type: string;
  start: { label: DumpLabel; id: string };
  end: { label: DumpLabel; id: string };
  properties: Record<string, unknown>;
}

export interface DumpCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/** The label of a node among the data labels, in Cypher over `n` (each data node has exactly one). */
const DATA_LABEL = 'head([label IN labels(x) WHERE label IN $labels])';

const RELATIONSHIP_COUNTS = `MATCH (a)-[r]->(b)
WHERE any(label IN labels(a) WHERE label IN $labels) AND any(label IN labels(b) WHERE label IN $labels)
RETURN type(r) AS type, count(r) AS count ORDER BY type`;

const NODE_COUNTS = `MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN head([label IN labels(n) WHERE label IN $labels]) AS label, count(n) AS count`;

/** Node and relationship counts of the data labels (bookkeeping excluded); two statements. */
export async function readDumpCounts(db: Db): Promise<DumpCounts> {
  const labels = [...DUMP_LABELS];
  const [nodes, relationships] = await Promise.all([
    db.read<{ label: string; count: number }>(NODE_COUNTS, { labels }),
    db.read<{ type: string; count: number }>(RELATIONSHIP_COUNTS, { labels }),
  ]);
  const byLabel = new Map(nodes.map((row) => [row.label, row.count]));
  return {
    nodes: Object.fromEntries(labels.map((label) => [label, byLabel.get(label) ?? 0])),
    relationships: Object.fromEntries(relationships.map((row) => [row.type, row.count])),
  };
}

function nodesPageCypher(label: DumpLabel): string {
  return `MATCH (n:${label}) WHERE $after IS NULL OR n.id > $after
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.id LIMIT $limit`;
}

function relationshipsPageCypher(label: DumpLabel): string {
  return `MATCH (n:${label}) WHERE $after IS NULL OR n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, COLLECT {
  MATCH (n)-[r]->(x) WHERE any(label IN labels(x) WHERE label IN $labels)
  RETURN {type: type(r), label: ${DATA_LABEL}, id: x.id, properties: properties(r)} AS out
  ORDER BY type(r), x.id
} AS out`;
}

/**
 * Every node of the data labels, label by label (in DUMP_LABELS order), by id within a
 * label; one statement per page of `pageSize` nodes (an index-ordered range on the id
 * uniqueness constraint).
 */
export async function* dumpNodes(db: Db, pageSize = 500): AsyncGenerator<DumpNode> {
  for (const label of DUMP_LABELS) {
    let after: string | null = null;
    for (;;) {
      const rows: Array<{ id: string; properties: Record<string, unknown> }> = await db.read(
        nodesPageCypher(label),
        {
          after,
          limit: cypherInt(pageSize),
        },
      );
      for (const row of rows) yield { label, id: row.id, properties: row.properties };
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]!.id;
    }
  }
}

/**
 * Every relationship between two data nodes, grouped by start node (labels in
 * DUMP_LABELS order, ids ascending), then by type and end id; one statement per page of
 * `pageSize` start nodes.
 */
export async function* dumpRelationships(db: Db, pageSize = 500): AsyncGenerator<DumpRelationship> {
  const labels = [...DUMP_LABELS];
  for (const label of DUMP_LABELS) {
    let after: string | null = null;
    for (;;) {
      const rows: Array<{
        id: string;
        out: Array<{ type: string; label: DumpLabel; id: string; properties: Record<string, unknown> }>;
      }> = await db.read(relationshipsPageCypher(label), { after, limit: cypherInt(pageSize), labels });
      for (const row of rows) {
        for (const out of row.out) {
          yield {
            type: out.type,
            start: { label, id: row.id },
            end: { label: out.label, id: out.id },
            properties: out.properties,
          };
        }
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]!.id;
    }
  }
}
