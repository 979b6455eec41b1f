// Import runs in the graph and their undo. An import commits in batches; its ImportRun node
// is RUNNING until the last batch commits (then COMMITTED). A run that fails, or is found
// RUNNING after a crash, is rolled back from its own audit events: created records are
// deleted, updated ones get their previous values back, links their previous properties.

import type { AuditEventModel } from './audit';
import { cypherInt, type Db, type WriteTransaction } from './run';

export type ImportRunStatus = 'RUNNING' | 'COMMITTED' | 'ROLLED_BACK';

/** What an ImportRun node records. */
export interface ImportRunRecord {
  id: string;
  file: string;
  kind: string;
  format: string;
  sha256: string;
  actor: string;
  /** The importing process, `<host>:<pid>`: recovery at start-up tells a crashed run from a live one by it. */
  owner: string;
  /** Last sign of life of the importing process (ISO 8601), renewed with every committed batch. */
  heartbeatAt: string;
  status: ImportRunStatus;
  startedAt: string;
  finishedAt: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** First and last data version of the run's batches; null before the first commit. */
  firstDataVersion: number | null;
  lastDataVersion: number | null;
}

/** An audit event of a run with what undo needs beyond the public fields. */
export type UndoEvent = Pick<
  AuditEventModel,
  | 'id'
  | 'action'
  | 'entityLabel'
  | 'entityId'
  | 'relatedLabel'
  | 'relatedId'
  | 'relationship'
  | 'previous'
  | 'dataVersion'
  | 'source'
> & {
  previousStamp: string | null;
};

const RUNNING_IMPORTS = `MATCH (r:ImportRun {status: 'RUNNING'})
RETURN r.id AS id, r.file AS file, r.startedAt AS startedAt, r.owner AS owner, r.heartbeatAt AS heartbeatAt
ORDER BY r.startedAt`;

/** A run found RUNNING; owner and heartbeatAt are null for runs recorded before they existed. */
export interface RunningImport {
  id: string;
  file: string;
  startedAt: string;
  owner: string | null;
  heartbeatAt: string | null;
}

/** Runs that started and neither committed nor rolled back (interrupted, or still going). */
export async function runningImports(db: Db): Promise<RunningImport[]> {
  return db.read(RUNNING_IMPORTS);
}

/** Renews a run's heartbeat, inside a batch's transaction so that it commits with the batch. */
export async function touchImportRun(tx: WriteTransaction, id: string, at: string): Promise<void> {
  await tx.run('MATCH (r:ImportRun {id: $id}) SET r.heartbeatAt = $at', { id, at });
}

/** Records a run as RUNNING. */
export async function startImportRun(db: Db, run: ImportRunRecord): Promise<void> {
  await db.write('CREATE (r:ImportRun) SET r = $run', { run });
}

/** Marks a run COMMITTED with its counts; a run that changed nothing leaves no node. */
export async function finishImportRun(
  db: Db,
  id: string,
  result: Pick<
    ImportRunRecord,
    'created' | 'updated' | 'unchanged' | 'rows' | 'firstDataVersion' | 'lastDataVersion'
  >,
): Promise<void> {
  if (result.created + result.updated === 0) {
    await db.write('MATCH (r:ImportRun {id: $id}) DELETE r', { id });
    return;
  }
  await db.write(
    `MATCH (r:ImportRun {id: $id}) SET r += $result, r.status = 'COMMITTED', r.finishedAt = $at`,
    {
      id,
      result,
      at: new Date().toISOString(),
    },
  );
}

const RUN_EVENTS_PAGE = `MATCH (e:AuditEvent {importRunId: $runId})
RETURN e.id AS id, e.action AS action, e.entityLabel AS entityLabel, e.entityId AS entityId,
       e.relatedLabel AS relatedLabel, e.relatedId AS relatedId, e.relationship AS relationship,
       e.previous AS previous, e.previousStamp AS previousStamp, e.dataVersion AS dataVersion,
       e.source AS source
ORDER BY e.dataVersion DESC, e.id
LIMIT $limit`;

/** The newest audit events of a run (undo works through them newest first, page by page). */
export async function importRunEvents(
  runner: WriteTransaction,
  runId: string,
  limit: number,
): Promise<UndoEvent[]> {
  return runner.run<UndoEvent>(RUN_EVENTS_PAGE, { runId, limit: cypherInt(limit) });
}

/** Deletes audit events once undone. */
export async function deleteAuditEvents(tx: WriteTransaction, ids: readonly string[]): Promise<void> {
  await tx.run('UNWIND $ids AS id MATCH (e:AuditEvent {id: id}) DELETE e', { ids });
}

/**
 * Deletes a record the run created (label from the audit event, one of the importable ones),
 * and the Identifier nodes only it carried.
 */
export async function deleteCreated(
  tx: WriteTransaction,
  label: 'Funder' | 'Call' | 'Organisation' | 'Project',
  ids: readonly string[],
): Promise<void> {
  await tx.run(
    `UNWIND $ids AS id MATCH (n:${label} {id: id})
     OPTIONAL MATCH (n)-[:HAS_IDENTIFIER]->(i:Identifier)
     WITH n, collect(i) AS identifiers
     DETACH DELETE n
     WITH identifiers UNWIND identifiers AS i
     WITH DISTINCT i WHERE NOT EXISTS { (i)<-[:HAS_IDENTIFIER]-() }
     DELETE i`,
    { ids },
  );
}

/** Puts back the bookkeeping properties an update overwrote (updatedAt, importFile, ...). */
export async function restoreStamp(
  tx: WriteTransaction,
  label: 'Funder' | 'Call' | 'Organisation' | 'Project',
  id: string,
  stamp: Record<string, unknown>,
): Promise<void> {
  await tx.run(`MATCH (n:${label} {id: $id}) SET n += $stamp`, { id, stamp });
}

/** Restores a project link's properties, or removes a link the run created. */
export async function restoreProjectLink(
  tx: WriteTransaction,
  type: 'ADDRESSES' | 'AT_STAGE' | 'ADVANCES',
  targetLabel: string,
  projectId: string,
  targetId: string,
  previous: Record<string, unknown> | null,
): Promise<void> {
  if (!['KnowledgeGap', 'ValueChainStage', 'Objective'].includes(targetLabel)) {
    throw new TypeError(
      `restoreProjectLink expects a gap, stage or objective label, received ${targetLabel}`,
    );
  }
  const match = `MATCH (:Project {id: $projectId})-[r:${type}]->(:${targetLabel} {id: $targetId})`;
  if (previous === null) await tx.run(`${match} DELETE r`, { projectId, targetId });
  else await tx.run(`${match} SET r = $previous`, { projectId, targetId, previous });
}

/** Marks a run ROLLED_BACK. */
export async function markRolledBack(db: Db, id: string): Promise<void> {
  await db.write(`MATCH (r:ImportRun {id: $id}) SET r.status = 'ROLLED_BACK', r.finishedAt = $at`, {
    id,
    at: new Date().toISOString(),
  });
}

/**
 * How many import runs the graph records per status, whatever process ran them (imports
 * run in the CLI, so the server's metrics read them here rather than count them itself).
 */
export async function importRunCounts(db: Db): Promise<Record<ImportRunStatus, number>> {
  const rows = await db.read<{ status: ImportRunStatus; runs: number }>(
    'MATCH (run:ImportRun) RETURN run.status AS status, count(run) AS runs',
  );
  const counts: Record<ImportRunStatus, number> = { RUNNING: 0, COMMITTED: 0, ROLLED_BACK: 0 };
  for (const row of rows) if (row.status in counts) counts[row.status] = row.runs;
  return counts;
}

/** A run's status and input, or null when there is no such run. */
export async function importRunStatus(
  db: Db,
  id: string,
): Promise<{ status: ImportRunStatus; file: string } | null> {
  const [run] = await db.read<{ status: ImportRunStatus; file: string }>(
    'MATCH (r:ImportRun {id: $id}) RETURN r.status AS status, r.file AS file',
    { id },
  );
  return run ?? null;
}
