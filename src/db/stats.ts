// Cypher of `stats`: node and relationship counts, the loaded dataset's version, and the
// data version that every write batch (seeding, an import, a mutation) increases.

import { NODE_LABELS } from './migrations';
import { RELATIONSHIP_TYPES } from './networks';
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
export const BOOKKEEPING_LABELS = ['Dataset', 'SourceDataset', 'AuditEvent', 'ImportRun', 'ApiKey'] as const;

/** Labels of the data, counted one by one: `MATCH (n:Label) RETURN count(n)` is read from the count store. */
export const COUNTED_LABELS = NODE_LABELS.filter((label) => label !== 'Dataset' && label !== 'SourceDataset');

/** Relationship types of the model; `MATCH ()-[r:TYPE]->() RETURN count(r)` is read from the count store too. */
export const COUNTED_RELATIONSHIP_TYPES = [...RELATIONSHIP_TYPES, 'IN_DISEASE_AREA'] as const;

// One count-store lookup per label and type instead of a scan of every node (audit events
// included) and relationship: at 100,000 synthetic projects the scans took 111 ms against 5 ms
// on the seed graph (issue 11). One short statement: a UNION of 28 counts was 2.2 KB, and a
// Bolt message over about 1,400 bytes waits ~40 ms for a delayed ACK (issue 11). Labels and
// types cannot be parameters; both lists are constants.
const NODE_COUNT_MAP = COUNTED_LABELS.map((label) => `${label}: COUNT{(:${label})}`).join(', ');
const RELATIONSHIP_COUNT_MAP = COUNTED_RELATIONSHIP_TYPES.map(
  (type) => `${type}: COUNT{()-[:${type}]->()}`,
).join(', ');
export const STORE_COUNTS = `RETURN {${NODE_COUNT_MAP}} AS nodes,\n{${RELATIONSHIP_COUNT_MAP}} AS relationships`;

/** The data version and epoch alone: one lookup through the Dataset id constraint's index. */
const DATA_VERSION = 'MATCH (d:Dataset {id: $id}) RETURN d.dataVersion AS dataVersion, d.epoch AS epoch';

const DATASET = `MATCH (d:Dataset {id: $id})
RETURN d.version AS version, d.seededAt AS seededAt, d.dataVersion AS dataVersion, d.lastChangedAt AS lastChangedAt`;

/**
 * Increments the data version in the caller's write transaction and returns the new value.
 * The first SET takes the Dataset node's write lock before the version is read, so
 * concurrent batches are serialised and no increment is lost. A database's first batch gives it
 * its epoch, a random id that tells this database from any other at the same data version.
 */
export const BUMP_DATA_VERSION = `MERGE (d:Dataset {id: $id})
SET d.versionLock = true
WITH d
SET d.dataVersion = coalesce(d.dataVersion, 0) + 1, d.lastChangedAt = $at, d.epoch = coalesce(d.epoch, randomUUID())
REMOVE d.versionLock
RETURN d.dataVersion AS dataVersion`;

/**
 * Gives a database written before epochs existed its epoch (idempotent; nothing without a
 * Dataset node, whose first write batch gives one). Under the Dataset node's lock, so that two
 * processes starting at once agree on one.
 */
const ENSURE_EPOCH = `MATCH (d:Dataset {id: $id}) WHERE d.epoch IS NULL
SET d.versionLock = true
WITH d
SET d.epoch = coalesce(d.epoch, randomUUID())
REMOVE d.versionLock`;

/** Runs ENSURE_EPOCH (at every start, after the schema). */
export async function ensureDataEpoch(db: Db): Promise<void> {
  await db.write(ENSURE_EPOCH, { id: DATASET_ID });
}

/** Runs BUMP_DATA_VERSION in `tx`; `at` is the batch's ISO timestamp. */
export async function bumpDataVersion(tx: WriteTransaction, at: string): Promise<number> {
  const [row] = await tx.run<{ dataVersion: number }>(BUMP_DATA_VERSION, { id: DATASET_ID, at });
  if (row === undefined)
    throw new TypeError('bumpDataVersion expected the Dataset node to be merged, received no row');
  return row.dataVersion;
}

/** The data version and the epoch of the database it was read from. */
export interface DataVersionRead {
  /** The database's random id ('' before its first write batch). */
  epoch: string;
  /** Write batches committed so far (0 before the first). */
  version: number;
}

/**
 * The data version with the database's epoch, read per request by the response and analytics
 * caches: one index lookup, about as cheap as a statement gets.
 */
export async function readVersion(db: Db): Promise<DataVersionRead> {
  const [row] = await db.read<{ dataVersion: number | null; epoch: string | null }>(DATA_VERSION, {
    id: DATASET_ID,
  });
  return { epoch: row?.epoch ?? '', version: row?.dataVersion ?? 0 };
}

/** The number of write batches committed so far (0 before the first). */
export async function readDataVersion(db: Db): Promise<number> {
  return (await readVersion(db)).version;
}

/**
 * Rows of a name -> count map, largest count first, then by name (code-unit order, as Cypher
 * orders strings); zero counts left out.
 */
function largestFirst<K extends string>(
  key: K,
  counts: Record<string, number>,
): Array<Record<K, string> & { count: number }> {
  return Object.entries(counts)
    .map(([name, count]) => ({ [key]: name, count }) as Record<K, string> & { count: number })
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

/** Counts everything from the count store; two small statements, neither of which scans the graph. */
export async function readStats(db: Db): Promise<StatsModel> {
  const [[counts], dataset] = await Promise.all([
    db.read<{ nodes: Record<string, number>; relationships: Record<string, number> }>(STORE_COUNTS),
    db.read<{
      version: string | null;
      seededAt: string | null;
      dataVersion: number | null;
      lastChangedAt: string | null;
    }>(DATASET, { id: DATASET_ID }),
  ]);
  return {
    datasetVersion: dataset[0]?.version ?? null,
    seededAt: dataset[0]?.seededAt ?? null,
    dataVersion: dataset[0]?.dataVersion ?? 0,
    lastChangedAt: dataset[0]?.lastChangedAt ?? null,
    nodes: largestFirst('label', counts?.nodes ?? {}),
    relationships: largestFirst('type', counts?.relationships ?? {}),
  };
}
