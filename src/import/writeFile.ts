// Pass 3 of an import: the file written in batches, each its own write batch (versioned and
// audited, and deriving again the links of the projects and calls it changes), under a RUNNING
// import run with a heartbeat. Any failure undoes what earlier
// batches committed (rollbackImportRun), so a file is imported all-or-nothing; a dry run, and
// a batch that changes nothing, roll their batch back.

import {
  finishImportRun,
  runningImports,
  startImportRun,
  touchImportRun,
  type ImportRunRecord,
} from '../db/imports';
import type { Db } from '../db/run';
import { registerDataset } from '../db/sourceDatasets';
import { emptyDerivationSummary, mergeSummaries, type DerivationSummary } from '../derivation';
import { RollBack, writeBatch } from '../db/writeBatch';
import { addCounts, emptyCounts, type ImportCounts, type ImportProgress } from './importReport';
import type { OrganisationResolution } from './planImport';
import { importOwner } from './recoverImports';
import { ImportFileError, newDigest } from './readRows';
import { rollbackImportRun } from './rollbackImport';
import type { FileSummary, ImportSource } from './validateFile';
import { validatedRows } from './validateFile';
import type { ValidRecord } from '../model';
import { writeImportBatch, type ImportBatchJob, type ImportBatchResult } from './writeImportBatch';

/** Most time between heartbeats of a running import (see STALE_HEARTBEAT_MS in recoverImports). */
const HEARTBEAT_INTERVAL_MS = 10_000;

/** How pass 3 runs. */
export interface WriteOptions {
  runId: string;
  actor: string;
  dryRun: boolean;
  batchSize: number;
  progress: (progress: ImportProgress) => void;
  /** How the check step resolved organisation names (null when no row names one). */
  resolution: OrganisationResolution | null;
}

/** What pass 3 wrote: the counts of every batch and the data versions of the committed ones. */
export interface WrittenFile extends ImportCounts {
  /** The first and last committed batch's data version; null when no batch committed. */
  firstDataVersion: number | null;
  lastDataVersion: number | null;
  /** The links the batches derived (a dry run: would derive), per rule and target. */
  derived: DerivationSummary;
}

/**
 * Writes a checked file. Throws ImportFileError while another run is RUNNING (one import at a
 * time) or when the file changed since it was validated; any error is rethrown after the
 * batches already committed have been undone.
 */
export async function writeFile(
  db: Db,
  source: ImportSource,
  summary: FileSummary,
  options: WriteOptions,
): Promise<WrittenFile> {
  if (!options.dryRun) await startRun(db, source, summary, options);
  const writer = new BatchWriter(db, source, options);
  try {
    const digest = newDigest();
    let batch: ValidRecord[] = [];
    let written = 0;
    const flush = async () => {
      await writer.write(batch);
      written += batch.length;
      batch = [];
      options.progress({ phase: 'write', rows: written, totalRows: summary.rows });
    };
    for await (const { record } of validatedRows(source, { digest })) {
      batch.push(record);
      if (batch.length >= options.batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    if (digest.digest('hex') !== summary.sha256)
      throw new ImportFileError(
        source.name,
        'the file changed while it was being imported; nothing was written',
      );
  } catch (error) {
    if (!options.dryRun) await rollbackImportRun(db, options.runId, options.actor);
    throw error;
  }
  if (!options.dryRun) await finishRun(db, options.runId, summary.rows, writer.totals);
  return writer.totals;
}

/** Records the run as RUNNING, unless another run is (then throws ImportFileError). */
async function startRun(db: Db, source: ImportSource, summary: FileSummary, options: WriteOptions) {
  await beginImportRun(db, {
    id: options.runId,
    file: source.name,
    kind: source.kind,
    format: source.format,
    sha256: summary.sha256,
    actor: options.actor,
    rows: summary.rows,
  });
}

/** What a run states when it starts; the rest of its ImportRun record follows. */
export type ImportRunStart = Pick<
  ImportRunRecord,
  'id' | 'file' | 'kind' | 'format' | 'sha256' | 'actor' | 'rows'
>;

/**
 * Records a run as RUNNING, owned by this process, unless another run is (then throws
 * ImportFileError naming it: one import at a time). Shared by file imports and connectors.
 */
export async function beginImportRun(db: Db, run: ImportRunStart): Promise<void> {
  const [other] = await runningImports(db);
  if (other !== undefined) {
    throw new ImportFileError(
      run.file,
      `import run ${other.id} (${other.file}, started ${other.startedAt}) has not finished; wait for it, or roll it back with npm run import -- --recover`,
    );
  }
  const startedAt = new Date().toISOString();
  await startImportRun(db, {
    ...run,
    owner: importOwner(),
    heartbeatAt: startedAt,
    status: 'RUNNING',
    startedAt,
    finishedAt: null,
    created: 0,
    updated: 0,
    unchanged: 0,
    firstDataVersion: null,
    lastDataVersion: null,
  });
}

/** Marks the run COMMITTED with its counts (a run that changed nothing leaves no node). */
async function finishRun(db: Db, runId: string, rows: number, totals: WrittenFile): Promise<void> {
  await finishImportRun(db, runId, {
    rows,
    created: totals.created,
    updated: totals.updated,
    unchanged: totals.unchanged,
    firstDataVersion: totals.firstDataVersion,
    lastDataVersion: totals.lastDataVersion,
  });
  // Once per run, after its last commit, not in every batch: at load 30 on two cores each
  // statement of a batch took 0.5 to 1.3 s against the batch's 15 s timeout. A crash just
  // before leaves the records listing USER_IMPORT; the next import registers it.
  if (totals.created + totals.updated > 0) {
    const at = new Date().toISOString();
    await db.writeTransaction((tx) =>
      registerDataset(tx, 'USER_IMPORT', { versionDate: at.slice(0, 10), at }),
    );
  }
}

/** Writes the batches of one run in turn, keeping the totals and the run's heartbeat. */
class BatchWriter {
  readonly totals: WrittenFile = {
    ...emptyCounts(),
    firstDataVersion: null,
    lastDataVersion: null,
    derived: emptyDerivationSummary(),
  };
  /** Partner organisations created by committed batches. */
  private readonly created = new Set<string>();
  private readonly heartbeat: RunHeartbeat;

  constructor(
    private readonly db: Db,
    private readonly source: ImportSource,
    private readonly options: WriteOptions,
  ) {
    this.heartbeat = new RunHeartbeat(db, options.runId, options.dryRun);
  }

  async write(records: readonly ValidRecord[]): Promise<void> {
    const { runId, actor, dryRun, resolution } = this.options;
    const job: ImportBatchJob = {
      resolution,
      kind: this.source.kind,
      file: this.source.name,
      runId,
      actor,
      created: this.created,
    };
    const outcome = await writeBatch(
      this.db,
      { actor, source: `import:${this.source.name}`, importRunId: runId },
      async (batch): Promise<ImportBatchResult> => {
        if (!dryRun) await touchImportRun(batch.tx, runId, batch.at);
        const result = await writeImportBatch(batch, job, records);
        // Derived here rather than at commit, so that a dry run reports the links too.
        await batch.derive();
        if (dryRun || result.counts.created + result.counts.updated === 0) throw new RollBack(result);
        return result;
      },
    );
    await this.heartbeat.after(outcome.committed);
    // Only now, after the commit (or the planned rollback), do the batch's effects count.
    for (const id of outcome.result.stubs) this.created.add(id);
    addCounts(this.totals, outcome.result.counts);
    mergeSummaries(this.totals.derived, outcome.derived);
    if (outcome.committed) {
      this.totals.firstDataVersion ??= outcome.dataVersion;
      this.totals.lastDataVersion = outcome.dataVersion;
    }
  }
}

/**
 * Keeps a RUNNING run's heartbeat fresh: a committed batch renews it inside its own
 * transaction (touchImportRun); a long stretch of batches that change nothing commits
 * nothing, so every HEARTBEAT_INTERVAL_MS the heartbeat is renewed on its own.
 */
export class RunHeartbeat {
  private last = Date.now();

  constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly dryRun: boolean,
  ) {}

  /** Called after each batch, committed (it renewed the heartbeat itself) or not. */
  async after(committed: boolean): Promise<void> {
    if (committed) {
      this.last = Date.now();
      return;
    }
    if (this.dryRun || Date.now() - this.last <= HEARTBEAT_INTERVAL_MS) return;
    const at = new Date().toISOString();
    await this.db.writeTransaction((tx) => touchImportRun(tx, this.runId, at));
    this.last = Date.now();
  }
}
