// Start-up recovery of imports: a run left RUNNING by a process that died is undone before the
// server serves or a command works, so no half-applied import is ever visible after a restart.

import os from 'node:os';
import { runningImports, type RunningImport } from '../db/imports';
import type { Db } from '../db/run';
import type { Logger } from '../logger';
import { rollbackImportRun } from './rollbackImport';

/**
 * A run whose importing process has not renewed its heartbeat for this long is taken as
 * crashed. Imports renew it with every batch and at least every 10 s (a batch of 500 rows
 * commits in well under a second, see docs/benchmarks.md), so 2 minutes is a wide margin.
 */
export const STALE_HEARTBEAT_MS = 120_000;

/** The owner recorded on an import run: this host and process. */
export function importOwner(): string {
  return `${os.hostname()}:${process.pid}`;
}

export interface RecoveryOptions {
  /**
   * True when no other process can be using the database (the embedded Neo4j, whose store
   * lock this process holds): every RUNNING run is then a crashed one.
   */
  exclusive: boolean;
  /** Audit actor of the rollback, e.g. server or cli:alice. */
  actor: string;
  logger: Logger;
  /** The clock, for tests (default Date.now). */
  now?: () => number;
}

export interface RecoveryOutcome {
  /** Runs undone, with the number of writes each had committed. */
  rolledBack: Array<RunningImport & { undone: number }>;
  /** Runs left alone because another live process is still importing them. */
  live: RunningImport[];
}

/**
 * Undoes every import run that a crashed process left RUNNING. With a shared Neo4j server
 * (NEO4J_URI) a run is crashed when its owner was this host and that process is gone, or
 * when its heartbeat is older than STALE_HEARTBEAT_MS; a live run is left to its process.
 */
export async function recoverInterruptedImports(db: Db, options: RecoveryOptions): Promise<RecoveryOutcome> {
  const outcome: RecoveryOutcome = { rolledBack: [], live: [] };
  const now = options.now ?? Date.now;
  for (const run of await runningImports(db)) {
    if (!options.exclusive && isAlive(run, now())) {
      options.logger.warn('an import run is in progress in another process; left alone', { ...run });
      outcome.live.push(run);
      continue;
    }
    const undone = await rollbackImportRun(db, run.id, options.actor);
    options.logger.warn(
      'rolled back an import run interrupted by a crash; import the file again to apply it',
      {
        ...run,
        undone,
      },
    );
    outcome.rolledBack.push({ ...run, undone });
  }
  return outcome;
}

function isAlive(run: RunningImport, now: number): boolean {
  const [host, pid] = (run.owner ?? '').split(':');
  if (host === os.hostname() && pid !== undefined && !processExists(Number(pid))) return false;
  const beat = run.heartbeatAt === null ? Number.NaN : Date.parse(run.heartbeatAt);
  return Number.isFinite(beat) && now - beat < STALE_HEARTBEAT_MS;
}

function processExists(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  // Recovery runs before this process imports anything: a run "of ours" is from an earlier
  // process that had the same pid (in a container every server is pid 1).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
