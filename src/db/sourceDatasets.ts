// Cypher of the dataset facet: one SourceDataset node per loaded dataset (its terms from
// src/model and the version date of the last load), the `datasets` property writes add to,
// and the filter predicate lists use. Counts per dataset are read only when asked for.

import { DATASET_IDS, DATASET_SPECS, ENTITY_LABELS, type DatasetId } from '../model';
import type { EntityLabel } from './models';
import type { Db, WriteTransaction } from './run';

/** A loaded dataset as the graph records it. */
export interface SourceDatasetModel {
  id: DatasetId;
  name: string;
  publisher: string;
  homepage: string | null;
  licence: string;
  licenceUrl: string | null;
  attribution: string;
  /** The version (release or export) date of the last load, YYYY-MM-DD. */
  versionDate: string;
  /** The release's own name when it has one, e.g. v1.55; null otherwise. */
  release: string | null;
  /** When it was last loaded (ISO 8601). */
  loadedAt: string;
}

/**
 * Cypher over node `n` that adds `$dataset` to its `datasets` (each once; a null parameter
 * leaves them as they are): a record reached from two datasets keeps both.
 */
export const ADD_DATASET = `CASE WHEN $dataset IS NULL OR $dataset IN coalesce(n.datasets, []) THEN n.datasets
  ELSE coalesce(n.datasets, []) + $dataset END`;

/** The list filter `datasets`: the record came from one of `$datasets`. */
export const FROM_DATASETS = 'any(dataset IN coalesce(n.datasets, []) WHERE dataset IN $datasets)';

const REGISTER = `MERGE (d:SourceDataset {id: $id})
SET d += $terms, d.versionDate = $versionDate, d.release = $release, d.loadedAt = $at`;

/**
 * Records that `id` was loaded, in the caller's write transaction: its terms (from
 * DATASET_SPECS), the version date of what was loaded and when. Idempotent per load.
 */
export async function registerDataset(
  tx: Pick<WriteTransaction, 'run'>,
  id: DatasetId,
  load: { versionDate: string; release?: string | null; at: string },
): Promise<void> {
  if (!DATASET_IDS.includes(id))
    throw new TypeError(`registerDataset expects a dataset id, received ${String(id)}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(load.versionDate))
    throw new TypeError(
      `registerDataset expects a versionDate YYYY-MM-DD, received ${String(load.versionDate)}`,
    );
  const { name, publisher, homepage, licence, licenceUrl, attribution } = DATASET_SPECS[id];
  await tx.run(REGISTER, {
    id,
    terms: { name, publisher, homepage, licence, licenceUrl, attribution },
    versionDate: load.versionDate,
    release: load.release ?? null,
    at: load.at,
  });
}

/** The loaded datasets, in DATASET_IDS order. One statement. */
export async function readSourceDatasets(db: Db): Promise<SourceDatasetModel[]> {
  const rows = await db.read<{ dataset: SourceDatasetModel }>(
    'MATCH (d:SourceDataset) RETURN d {.*} AS dataset',
  );
  const rank = (id: DatasetId) => DATASET_IDS.indexOf(id);
  return rows
    .map((row) => ({
      ...row.dataset,
      // Neo4j stores no null property: the curated data's absent homepage and licence URL read as null.
      homepage: row.dataset.homepage ?? null,
      licenceUrl: row.dataset.licenceUrl ?? null,
      release: row.dataset.release ?? null,
    }))
    .filter((dataset) => DATASET_IDS.includes(dataset.id))
    .sort((a, b) => rank(a.id) - rank(b.id));
}

/** The statement counting a dataset's records per entity label; exported for tests. */
export function datasetRecordCountsCypher(): string {
  // Labels cannot be parameters: one count per constant entity label.
  return `RETURN {${ENTITY_LABELS.map(
    (label) => `${label}: COUNT { MATCH (n:${label}) WHERE $dataset IN coalesce(n.datasets, []) }`,
  ).join(', ')}} AS counts`;
}

/**
 * How many records of each entity label came from `dataset` (labels without any left out).
 * Scans each label once: read only when a client asks for the counts.
 */
export async function datasetRecordCounts(
  db: Db,
  dataset: DatasetId,
): Promise<Array<{ label: EntityLabel; count: number }>> {
  const [row] = await db.read<{ counts: Record<string, number> }>(datasetRecordCountsCypher(), { dataset });
  return ENTITY_LABELS.map((label) => ({ label, count: row?.counts[label] ?? 0 })).filter(
    (row) => row.count > 0,
  );
}
