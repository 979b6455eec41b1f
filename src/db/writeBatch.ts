// The one way an accepted change enters the graph: a write batch. One write transaction that
// first takes the next data version, then runs the caller's work with an audit writer bound to
// that version, then derives again the inferred links of every project and call the audited
// writes changed in a way a rule reads (src/db/batchDerivation.ts); the caller rolls the whole
// batch back (version included) by throwing RollBack.

import { writeAuditEvents, type AuditEntry } from './audit';
import { BatchDerivation, DERIVATION_AUDIT_SOURCE_PREFIX, type DerivationTargets } from './batchDerivation';
import { emptyDerivationSummary, type DerivationSummary } from '../derivation';
import type { DerivationOrigin } from '../model';
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
  /**
   * The origin the links this batch derives are written with (Derivation.origin): by default
   * "import" in an import run (connectors included) and "curation" outside one; `npm run
   * derive` passes "derive".
   */
  derivationOrigin?: Exclude<DerivationOrigin, 'seed'>;
}

/** What the work of a batch is handed. */
export interface WriteBatch {
  readonly tx: WriteTransaction;
  /** ISO 8601 time of the batch, also the new data version's lastChangedAt. */
  readonly at: string;
  /** The data version this batch commits as. */
  readonly dataVersion: number;
  /**
   * Writes one AuditEvent per entry in this batch's transaction (none for an empty list). The
   * entries are also how the batch learns what to derive again: a project created, or one whose
   * rule-read fields (RULE_READ_PROJECT_FIELDS), call, programme or CURATED links changed; a
   * call created, deleted or changed in a rule-read field (RULE_READ_CALL_FIELDS).
   */
  audit(entries: readonly AuditEntry[]): Promise<void>;
  /**
   * Derives again now, in this transaction, what the entries audited so far changed (and the
   * projects and calls of `also`), writing the changed INFERRED links with their audit events;
   * returns what it did. writeBatch calls it once more after `work` returns, so a batch that
   * commits never skips it; call it yourself before throwing RollBack to know what a real run
   * would derive (a dry run), or to derive named records (`npm run derive`).
   */
  derive(also?: DerivationTargets): Promise<DerivationSummary>;
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

/**
 * How a batch ended: committed with its data version, or rolled back by a RollBack; either way
 * with what derivation did (or, rolled back, would have done) in it.
 */
export type BatchOutcome<T> = (
  { committed: true; result: T; dataVersion: number } | { committed: false; result: T; dataVersion: null }
) & { derived: DerivationSummary };

/**
 * Runs `work` in one write transaction that first raises the data version and ends by deriving
 * again what the audited writes changed. The batch commits when `work` returns; a RollBack
 * thrown by `work` undoes everything and its result is returned with committed false; any
 * other error undoes everything and is rethrown. The driver may run `work` again on a
 * transient error, so `work` must have no effects outside the transaction.
 */
export async function writeBatch<T>(
  db: Db,
  options: WriteBatchOptions,
  work: (batch: WriteBatch) => Promise<T>,
): Promise<BatchOutcome<T>> {
  let derivation: BatchDerivation | null = null;
  try {
    return await db.writeTransaction(async (tx): Promise<BatchOutcome<T>> => {
      const at = new Date().toISOString();
      const dataVersion = await bumpDataVersion(tx, at);
      const importRunId = options.importRunId ?? null;
      const context = { actor: options.actor, at, dataVersion, source: options.source, importRunId };
      const origin = options.derivationOrigin ?? (importRunId === null ? 'curation' : 'import');
      const derivedContext = { ...context, source: `${DERIVATION_AUDIT_SOURCE_PREFIX}${options.source}` };
      const batchDerivation = new BatchDerivation(origin, (entries) =>
        writeAuditEvents(tx, derivedContext, entries),
      );
      derivation = batchDerivation;
      const audit = async (entries: readonly AuditEntry[]) => {
        await writeAuditEvents(tx, context, entries);
        batchDerivation.note(entries);
      };
      const derive = (also?: DerivationTargets) => batchDerivation.derive(tx, also);
      const result = await work({ tx, at, dataVersion, audit, derive });
      if (batchDerivation.pending) await batchDerivation.derive(tx);
      return { committed: true, result, dataVersion, derived: batchDerivation.summary };
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    const derived = (derivation as BatchDerivation | null)?.summary ?? emptyDerivationSummary();
    return { committed: false, result: error.result as T, dataVersion: null, derived };
  }
}
