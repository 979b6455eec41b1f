// The write batch of one curation mutation: versioned and audited as "graphql"; a mutation
// that changes nothing rolls back (throws `unchanged`) and answers with the current version.

import type { WriteStamp } from '../db/curation';
import type { Db } from '../db/run';
import { registerDataset } from '../db/sourceDatasets';
import { readDataVersion } from '../db/stats';
import { RollBack, writeBatch, type WriteBatch } from '../db/writeBatch';

/** The result of one curation write (a GraphQL mutation). */
export interface CurationResult {
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DELETED';
  changedFields: string[];
  /** The data version after the write (the current one when nothing changed). */
  dataVersion: number;
  /** For links: the link's properties before, as JSON text. */
  previous: string | null;
}

/** What a mutation's work answers; the batch adds the data version. */
export type CurationChange = Omit<CurationResult, 'dataVersion'>;

/** What a mutation's work is handed: the batch, and the stamp its written nodes carry. */
export interface CurationBatch extends WriteBatch {
  readonly stamp: WriteStamp;
}

/** Rolls the mutation's batch back as UNCHANGED; `previous` is the link's state, when there is one. */
export function unchanged(previous: string | null = null): never {
  throw new RollBack<CurationChange>({ outcome: 'UNCHANGED', changedFields: [], previous });
}

/**
 * Runs one mutation's `work` in a write batch with the next data version; when `work` calls
 * `unchanged`, nothing is written and the result carries the current data version instead.
 */
export async function inCurationBatch(
  db: Db,
  actor: string,
  work: (batch: CurationBatch) => Promise<CurationChange>,
): Promise<CurationResult> {
  const outcome = await writeBatch(db, { actor, source: 'graphql' }, async (batch) => {
    const change = await work({
      ...batch,
      stamp: {
        at: batch.at,
        actor,
        origin: 'curation',
        importFile: null,
        importRunId: null,
        dataset: 'USER_IMPORT',
      },
    });
    // Records a mutation writes belong to the users' dataset (src/model/sourceDatasets.ts).
    await registerDataset(batch.tx, 'USER_IMPORT', { versionDate: batch.at.slice(0, 10), at: batch.at });
    return change;
  });
  if (outcome.committed) return { ...outcome.result, dataVersion: outcome.dataVersion };
  return { ...outcome.result, dataVersion: await readDataVersion(db) };
}
