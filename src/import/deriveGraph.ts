// `npm run derive`: the whole graph derived again with the rule book, every call's TARGETS then
// every project's gaps, stages, objectives and disease areas, in write batches (the same
// derivation as every import and mutation, src/db/batchDerivation.ts) under an import run: a
// batch that changes something commits with its audit events and one data version, one that
// changes nothing rolls back; a failure, or a crash found at the next start-up, undoes the run.

import { randomUUID } from 'node:crypto';
import { finishImportRun, touchImportRun } from '../db/imports';
import { allCallIds, derivableCounts, projectIdsAfter } from '../db/derivedLinks';
import type { Db } from '../db/run';
import { RollBack, writeBatch } from '../db/writeBatch';
import type { DerivationTargets } from '../db/batchDerivation';
import {
  changeCount,
  emptyDerivationSummary,
  mergeSummaries,
  RULE_BOOK_VERSION,
  ruleBookFingerprint,
  type DerivationSummary,
} from '../derivation';
import { rollbackImportRun } from './rollbackImport';
import { beginImportRun, RunHeartbeat } from './writeFile';

/** The ImportRun's file and kind of a derive run, and its audit source ("derivation:derive"). */
export const DERIVE_RUN = 'derive';

/**
 * Projects (or calls) per write batch by default: 5,000 projects placed anew (45,000 links) used
 * about 7.4 s of Neo4j CPU against 1.7-2.1 s per 1,000 (2026-12-07, load 8), and fit the embedded
 * 1 GiB heap; see docs/benchmarks.md.
 */
export const DEFAULT_DERIVE_BATCH_SIZE = 5000;

export interface DeriveOptions {
  /** The audit actor, e.g. cli:alice. */
  actor: string;
  /** Derive and report, write nothing: every batch rolls back. */
  dryRun?: boolean;
  /** Projects (or calls) per write batch (default DEFAULT_DERIVE_BATCH_SIZE). */
  batchSize?: number;
  /** Told after each batch; throwing from it stops the run and undoes what it committed. */
  onProgress?: (progress: DeriveProgress) => void;
}

export interface DeriveProgress {
  phase: 'calls' | 'projects';
  /** Calls or projects derived so far in this phase, and in all. */
  done: number;
  total: number;
}

export type DeriveStatus = 'derived' | 'unchanged' | 'dry-run';

export interface DeriveReport {
  status: DeriveStatus;
  dryRun: boolean;
  /** The import run; after a real run that changed nothing no ImportRun node is left. */
  runId: string;
  ruleBookVersion: string;
  /** What was (in a dry run: would be) added, changed and removed, per rule and per target. */
  derived: DerivationSummary;
  /** Write batches run, and those that committed (each raised the data version once). */
  batches: number;
  committedBatches: number;
  /** Data versions of the first and last committed batch; null when none committed. */
  firstDataVersion: number | null;
  lastDataVersion: number | null;
  durationMs: number;
}

/**
 * Derives the whole graph again: calls first (projects read their calls' targets), then
 * projects in id order. CURATED links are read, never written. Throws ImportFileError while
 * another import run is RUNNING; any other failure is rethrown after the batches already
 * committed have been undone (rollbackImportRun).
 */
export async function deriveGraph(db: Db, options: DeriveOptions): Promise<DeriveReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_DERIVE_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new TypeError(
      `deriveGraph expects batchSize to be a positive integer, received ${String(batchSize)}`,
    );
  const dryRun = options.dryRun === true;
  const runId = randomUUID();
  const progress = options.onProgress ?? (() => undefined);
  const totals = await derivableCounts(db);
  if (!dryRun)
    await beginImportRun(db, {
      id: runId,
      file: DERIVE_RUN,
      kind: DERIVE_RUN,
      format: `rule book ${RULE_BOOK_VERSION}`,
      sha256: ruleBookFingerprint(),
      actor: options.actor,
      rows: totals.projects + totals.calls,
    });
  const run = new DeriveRun(db, runId, options.actor, dryRun);
  try {
    const callIds = await allCallIds(db);
    for (let start = 0; start < callIds.length; start += batchSize) {
      const ids = callIds.slice(start, start + batchSize);
      await run.batch({ callIds: ids });
      progress({ phase: 'calls', done: start + ids.length, total: callIds.length });
    }
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids = await projectIdsAfter(db, after, batchSize);
      if (ids.length === 0) break;
      await run.batch({ projectIds: ids });
      done += ids.length;
      after = ids[ids.length - 1]!;
      progress({ phase: 'projects', done, total: Math.max(done, totals.projects) });
    }
  } catch (error) {
    if (!dryRun) await rollbackImportRun(db, runId, options.actor);
    throw error;
  }
  const { derived } = run;
  if (!dryRun)
    await finishImportRun(db, runId, {
      rows: derived.projects + derived.calls,
      created: derived.totals.added,
      updated: derived.totals.changed + derived.totals.removed,
      unchanged: 0,
      firstDataVersion: run.firstDataVersion,
      lastDataVersion: run.lastDataVersion,
    });
  return {
    status: dryRun ? 'dry-run' : changeCount(derived) === 0 ? 'unchanged' : 'derived',
    dryRun,
    runId,
    ruleBookVersion: RULE_BOOK_VERSION,
    derived,
    batches: run.batches,
    committedBatches: run.committedBatches,
    firstDataVersion: run.firstDataVersion,
    lastDataVersion: run.lastDataVersion,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The batches of one derive run: what they derived, their data versions and the run's heartbeat. */
class DeriveRun {
  readonly derived = emptyDerivationSummary();
  batches = 0;
  committedBatches = 0;
  firstDataVersion: number | null = null;
  lastDataVersion: number | null = null;
  private readonly heartbeat: RunHeartbeat;

  constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly actor: string,
    private readonly dryRun: boolean,
  ) {
    this.heartbeat = new RunHeartbeat(db, runId, dryRun);
  }

  /** Derives `targets` in one write batch, committed only when it changed a link. */
  async batch(targets: DerivationTargets): Promise<void> {
    const outcome = await writeBatch(
      this.db,
      { actor: this.actor, source: DERIVE_RUN, importRunId: this.runId, derivationOrigin: 'derive' },
      async (batch) => {
        if (!this.dryRun) await touchImportRun(batch.tx, this.runId, batch.at);
        const summary = await batch.derive(targets);
        if (this.dryRun || changeCount(summary) === 0) throw new RollBack(null);
        return null;
      },
    );
    this.batches += 1;
    await this.heartbeat.after(outcome.committed);
    mergeSummaries(this.derived, outcome.derived);
    if (outcome.committed) {
      this.committedBatches += 1;
      this.firstDataVersion ??= outcome.dataVersion;
      this.lastDataVersion = outcome.dataVersion;
    }
  }
}
