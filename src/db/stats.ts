// Cypher of `stats`: node and relationship counts, and the loaded dataset's version.

import type { Db } from './run';

export interface StatsModel {
  datasetVersion: string | null;
  seededAt: string | null;
  nodes: Array<{ label: string; count: number }>;
  relationships: Array<{ type: string; count: number }>;
}

/** The one Dataset node that records which seed version is loaded. */
export const DATASET_ID = 'permed-graph';

const NODE_COUNTS = `
MATCH (n) WHERE NOT n:Dataset
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY count DESC, label`;

const RELATIONSHIP_COUNTS = `
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY count DESC, type`;

const DATASET = 'MATCH (d:Dataset {id: $id}) RETURN d.version AS version, d.seededAt AS seededAt';

/** Counts everything; three small statements, each a scan of the count store or the graph. */
export async function readStats(db: Db): Promise<StatsModel> {
  const [nodes, relationships, dataset] = await Promise.all([
    db.read<{ label: string; count: number }>(NODE_COUNTS),
    db.read<{ type: string; count: number }>(RELATIONSHIP_COUNTS),
    db.read<{ version: string | null; seededAt: string | null }>(DATASET, { id: DATASET_ID }),
  ]);
  return {
    datasetVersion: dataset[0]?.version ?? null,
    seededAt: dataset[0]?.seededAt ?? null,
    nodes,
    relationships,
  };
}
