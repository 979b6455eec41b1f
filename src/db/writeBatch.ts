// The one way an accepted change enters the graph: a write batch. One write transaction that
// first takes the next data version, then runs the caller's work with an audit writer bound to
// that version; the caller rolls the whole batch back (version included) by throwing RollBack.

import { writeAuditEvents, type AuditEntry } from './audit';
import type { Db, WriteTransaction } from './run';
import { bumpDataVersion } from './stats';

/** Who writes a batch and through what; every audit event of the batch carries it. */
export interface WriteBatchOptions {
  /** The audit actor: key:<id>, jwt:<subject> or cli:<user>. */
  actor: string;
  /** The audit source: "graphql" for mutations, "import:<file name>" for imports. */
  source: string;
  /** The import run the batch belongs to; null (the default) outside imports. */
  importRunId?: string | null;
}

/** What the work of a batch is handed. */
export interface WriteBatch {
  readonly tx: WriteTransaction;
  /** ISO 8601 time of the batch, also the new data version's lastChangedAt. */
  readonly at: string;
  /** The data version this batch commits as. */
  readonly dataVersion: number;
  /** Writes one AuditEvent per entry in this batch's transaction (none for an empty list). */
  audit(entries: readonly AuditEntry[]): Promise<void>;
}

/**
 * Thrown by a batch's work to roll the batch back: a dry run, or a batch that turned out to
 * change nothing (so the data version moves only when the graph does). `result` is handed
 * back to the caller of writeBatch.
 */
export class RollBack<T> extends Error {
  constructor(readonly result: T) {
    super('write batch rolled back');
    this.name = 'RollBack';
  }
}

/** How a batch ended: committed with its data version, or rolled back by a RollBack. */
export type BatchOutcome<T> =
  { committed: true; result: T; dataVersion: number } | { committed: false; result: T; dataVersion: null };

/**
 * Runs `work` in one write transaction that first raises the data version. The batch commits
 * when `work` returns; a RollBack thrown by `work` undoes everything and its result is returned
 * with committed false; any other error undoes everything and is rethrown. The driver may run
 * `work` again on a transient error, so `work` must have no effects outside the transaction.
 */
export async function writeBatch<T>(
  db: Db,
  options: WriteBatchOptions,
  work: (batch: WriteBatch) => Promise<T>,
): Promise<BatchOutcome<T>> {
  try {
    return await db.writeTransaction(async (tx): Promise<BatchOutcome<T>> => {
      const at = new Date().toISOString();
      const dataVersion = await bumpDataVersion(tx, at);
      const context = {
        actor: options.actor,
        at,
        dataVersion,
        source: options.source,
        importRunId: options.importRunId ?? null,
      };
      const audit = (entries: readonly AuditEntry[]) => writeAuditEvents(tx, context, entries);
      const result = await work({ tx, at, dataVersion, audit });
      return { committed: true, result, dataVersion };
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return { committed: false, result: error.result as T, dataVersion: null };
  }
}
