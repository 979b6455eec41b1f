// importFile: the library entry point of bulk imports, in steps over the file read afresh
// each time: validate every row (validateFile.ts), check references and match organisations
// against the graph (checkFile.ts), then plan and write in batches (writeFile.ts, planning in
// planImport.ts), each its own transaction, under a RUNNING import run; if any batch fails,
// the run is undone from its audit events, so a file is imported all-or-nothing with memory
// bounded by the batch size. A dry run rolls every batch back.

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/run';
import { emptyDerivationSummary } from '../derivation';
import { checkFile } from './checkFile';
import { DEFAULT_ENCODING } from './decodeText';
import { IssueLog, type ImportOptions, type ImportReport, type ImportStatus } from './importReport';
import type { OrganisationResolution } from './planImport';
import { formatOf, kindOf, type SourceRow } from './readRows';
import { validateFile, type ImportSource } from './validateFile';
import { writeFile, type WrittenFile } from './writeFile';

/**
 * Imports one file. Returns a report; a rejected file (any bad row) writes nothing and
 * lists every issue. Throws ImportFileError for a file that cannot be read as its kind, or
 * while another run is RUNNING (one import at a time); any error during the writes is
 * rethrown after the batches already committed have been undone.
 */
export async function importFile(db: Db, file: string, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const name = path.basename(file);
  const format = formatOf(file);
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  const kind = await kindOf(file, options.kind ?? null, encoding);
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new TypeError(
      `importFile expects batchSize to be a positive integer, received ${String(batchSize)}`,
    );
  const source: ImportSource = { file, name, format, encoding, kind };
  const issues = new IssueLog(name, options.maxIssues ?? 1000);
  const progress = options.onProgress ?? (() => undefined);
  const runId = randomUUID();
  const dryRun = options.dryRun === true;
  let resolution: OrganisationResolution | null = null;
  const report = (status: ImportStatus, rows: number, counts?: WrittenFile, dataVersion?: number | null) =>
    importReport(source, { runId, dryRun, started, issues, resolution }, status, rows, counts, dataVersion);

  const summary = await validateFile(source, issues, progress);
  if (summary.rows === 0) {
    issues.add(null, null, 'the file has no rows');
    return report('rejected', summary.rows);
  }
  resolution = await checkFile(db, source, summary, issues, progress);
  if (issues.count > 0) return report('rejected', summary.rows);
  const written = await writeFile(db, source, summary, {
    runId,
    actor: options.actor,
    dryRun,
    batchSize,
    progress,
    resolution,
  });
  if (dryRun) return report('dry-run', summary.rows, written);
  const status = written.created + written.updated === 0 ? 'unchanged' : 'imported';
  return report(status, summary.rows, written, written.lastDataVersion);
}

/** Organisations named in the report per import. */
const ORGANISATIONS_NAMED = 20;

/** The report of a run in any state; counts are zero and dataVersion null until something is written. */
function importReport(
  source: ImportSource,
  run: {
    runId: string;
    dryRun: boolean;
    started: number;
    issues: IssueLog;
    resolution: OrganisationResolution | null;
  },
  status: ImportStatus,
  rows: number,
  counts: WrittenFile | undefined,
  dataVersion: number | null = null,
): ImportReport {
  return {
    file: source.name,
    kind: source.kind,
    format: source.format,
    status,
    dryRun: run.dryRun,
    runId: run.runId,
    rows,
    created: counts?.created ?? 0,
    updated: counts?.updated ?? 0,
    unchanged: counts?.unchanged ?? 0,
    rejected: run.issues.rows.size,
    organisationsCreated: counts?.organisationsCreated ?? 0,
    organisationsToCreate:
      status === 'rejected' || run.resolution === null
        ? []
        : [...run.resolution.toCreate]
            .map(([id, organisation]) => ({ id, ...organisation }))
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .slice(0, ORGANISATIONS_NAMED),
    derived: counts?.derived ?? emptyDerivationSummary(),
    issues: run.issues.kept,
    issueCount: run.issues.count,
    samples: counts?.samples ?? { created: [], updated: [], unchanged: [] },
    dataVersion: status === 'imported' ? dataVersion : null,
    durationMs: Math.round(performance.now() - run.started),
  };
}

export { ImportFileError } from './readRows';
export type { ImportIssue, ImportOptions, ImportProgress, ImportReport, ImportStatus } from './importReport';
export type { SourceRow };
