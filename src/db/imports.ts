// Import runs in the graph: one ImportRun node per committed file import, named by the
// records it wrote (their importRunId) and by its audit events.

import type { WriteTransaction } from './run';

/** What an ImportRun node records. */
export interface ImportRunRecord {
  id: string;
  file: string;
  kind: string;
  format: string;
  sha256: string;
  actor: string;
  startedAt: string;
  finishedAt: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dataVersion: number;
}

const CREATE_IMPORT_RUN = 'CREATE (r:ImportRun) SET r = $run';

/** Records a committed import run in the caller's transaction. */
export async function writeImportRun(tx: WriteTransaction, run: ImportRunRecord): Promise<void> {
  await tx.run(CREATE_IMPORT_RUN, { run });
}
