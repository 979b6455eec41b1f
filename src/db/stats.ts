// Cypher of `stats`: node and relationship counts, the loaded dataset's version, and the
// data version that every write batch (seeding, an import, a mutation) increases.

import type { Db, WriteTransaction } from './run';

export interface StatsModel {
  datasetVersion: string | null;
  seededAt: string | null;
  /** Number of write batches committed so far (0 before the first). */
  dataVersion: number;
  /** When the last write batch committed (ISO 8601); null before the first. */
  lastChangedAt: string | null;
  nodes: Array<{ label: string; count: number }>;
  relationships: Array<{ type: string; count: number }>;
}

/** The one Dataset node that records which seed version is loaded. */
export const DATASET_ID = 'permed-graph';

/** Labels of bookkeeping nodes (versions, audit trail, import runs, API keys), not data. */
export const BOOKKEEPING_LABELS = ['Dataset', 'AuditEvent', 'ImportRun', 'ApiKey'] as const;

const NODE_COUNTS = `
MATCH (n) WHERE NOT (n:Dataset OR n:AuditEvent OR n:ImportRun OR n:ApiKey)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY count DESC, label`;

const RELATIONSHIP_COUNTS = `
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY count DESC, type`;

const DATASET = `MATCH (d:Dataset {id: $id})
RETURN d.version AS version, d.seededAt AS seededAt, d.dataVersion AS dataVersion, d.lastChangedAt AS lastChangedAt`;

/**
 * Increments the data version in the caller's write transaction and returns the new value.
 * The first SET takes the Dataset node's write lock before the version is read, so
 * concurrent batches are serialised and no increment is lost.
 */
export const BUMP_DATA_VERSION = `MERGE (d:Dataset {id: $id})
SET d.versionLock = true
WITH d
SET d.dataVersion = coalesce(d.dataVersion, 0) + 1, d.lastChangedAt = $at
REMOVE d.versionLock
RETURN d.dataVersion AS dataVersion`;

/** Runs BUMP_DATA_VERSION in `tx`; `at` is the batch's ISO timestamp. */
export async function bumpDataVersion(tx: WriteTransaction, at: string): Promise<number> {
  const [row] = await tx.run<{ dataVersion: number }>(BUMP_DATA_VERSION, { id: DATASET_ID, at });
  if (row === undefined) throw new TypeError('bumpDataVersion expected the Dataset node to be merged, received no row');
  return row.dataVersion;
}

/** Counts everything; three small statements, each a scan of the count store or the graph. */
export async function readStats(db: Db): Promise<StatsModel> {
  const [nodes, relationships, dataset] = await Promise.all([
    db.read<{ label: string; count: number }>(NODE_COUNTS),
    db.read<{ type: string; count: number }>(RELATIONSHIP_COUNTS),
    db.read<{ version: string | null; seededAt: string | null; dataVersion: number | null; lastChangedAt: string | null }>(
      DATASET,
      { id: DATASET_ID },
    ),
  ]);
  return {
    datasetVersion: dataset[0]?.version ?? null,
    seededAt: dataset[0]?.seededAt ?? null,
    dataVersion: dataset[0]?.dataVersion ?? 0,
    lastChangedAt: dataset[0]?.lastChangedAt ?? null,
    nodes,
    relationships,
  };
}
