// What an import tells its caller: options, progress, the issues found (file, row, column,
// reason) and the report with its counts and samples; the tallies the write step keeps.

import type { DerivationSummary } from '../derivation';
import type { ImportKind } from '../model';
import type { ImportFormat } from './readRows';

export interface ImportOptions {
  /** What the file holds; by default from the file (JSON "kind") or its name. */
  kind?: ImportKind | null;
  /** Plan everything, report it, write nothing. */
  dryRun?: boolean;
  /** The file's text encoding, a WHATWG label such as latin1 (default utf-8: invalid bytes are refused). */
  encoding?: string;
  /** Who imports: the audit actor id, e.g. cli:alice or key:<id>. */
  actor: string;
  /** Rows per write transaction (default 500); Neo4j holds one batch's changes at a time. */
  batchSize?: number;
  /** Issues kept in the report (default 1000); all are counted. */
  maxIssues?: number;
  /** Told how far each pass is; throwing from it aborts the import and undoes what was written. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'validate' | 'check' | 'write';
  rows: number;
  /** Rows in the file, known after the first pass. */
  totalRows: number | null;
}

/** One rejected value or row: file, row, column and reason. */
export interface ImportIssue {
  file: string;
  /** CSV or JSON Lines line number (the header is line 1), or JSON record number; null for the file. */
  row: number | null;
  column: string | null;
  reason: string;
  /** All of the above in one line. */
  message: string;
}

export type ImportStatus = 'imported' | 'unchanged' | 'rejected' | 'dry-run';

export interface ImportReport {
  file: string;
  kind: ImportKind | null;
  format: ImportFormat | null;
  status: ImportStatus;
  dryRun: boolean;
  /** Id of this run; committed runs are ImportRun nodes and the source of what they wrote. */
  runId: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows with at least one issue (any rejects the whole file). */
  rejected: number;
  /** Organisations created because a project named a partner that matched none. */
  organisationsCreated: number;
  /**
   * The organisations the import creates (a dry run: would create) for partner names that
   * matched none, by name as the file gives it: the first 20, sorted by id.
   */
  organisationsToCreate: Array<{ id: string; name: string; countryCode: string }>;
  /**
   * The links the rule book derived for the rows' projects and calls (a dry run: would derive):
   * added, changed and removed per rule and per target, the first ones in full, and the
   * projects it placed nowhere, with why.
   */
  derived: DerivationSummary;
  issues: ImportIssue[];
  issueCount: number;
  /** Up to 20 ids per outcome, for the dry run's listing; updates carry their changed fields. */
  samples: ImportSamples;
  /** Data version the import committed as; null when nothing was written. */
  dataVersion: number | null;
  durationMs: number;
}

export interface ImportSamples {
  created: string[];
  updated: Array<{ id: string; fields: string[] }>;
  unchanged: string[];
}

/** Ids kept per outcome in the report's samples. */
const SAMPLE_SIZE = 20;

/** What writing some rows did: outcomes counted, the first ids of each sampled. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  samples: ImportSamples;
}

export function emptyCounts(): ImportCounts {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    organisationsCreated: 0,
    samples: { created: [], updated: [], unchanged: [] },
  };
}

/** Counts one record's outcome into `counts`, sampling its id (and changed fields) while there is room. */
export function tally(
  counts: ImportCounts,
  outcome: 'created' | 'updated' | 'unchanged',
  id: string,
  fields: string[],
): void {
  counts[outcome] += 1;
  const samples = counts.samples;
  if (outcome === 'updated' && samples.updated.length < SAMPLE_SIZE) samples.updated.push({ id, fields });
  if (outcome === 'created' && samples.created.length < SAMPLE_SIZE) samples.created.push(id);
  if (outcome === 'unchanged' && samples.unchanged.length < SAMPLE_SIZE) samples.unchanged.push(id);
}

/** Adds a committed batch's counts to the totals (samples up to SAMPLE_SIZE each). */
export function addCounts(totals: ImportCounts, counts: ImportCounts): void {
  totals.created += counts.created;
  totals.updated += counts.updated;
  totals.unchanged += counts.unchanged;
  totals.organisationsCreated += counts.organisationsCreated;
  for (const id of counts.samples.created)
    if (totals.samples.created.length < SAMPLE_SIZE) totals.samples.created.push(id);
  for (const update of counts.samples.updated)
    if (totals.samples.updated.length < SAMPLE_SIZE) totals.samples.updated.push(update);
  for (const id of counts.samples.unchanged)
    if (totals.samples.unchanged.length < SAMPLE_SIZE) totals.samples.unchanged.push(id);
}

/** The issues of one file: all counted, the first `max` kept, with the rows that have any. */
export class IssueLog {
  readonly kept: ImportIssue[] = [];
  count = 0;
  readonly rows = new Set<number>();

  constructor(
    private readonly file: string,
    private readonly max: number,
  ) {}

  add(row: number | null, column: string | null, reason: string): void {
    this.count += 1;
    if (row !== null) this.rows.add(row);
    if (this.kept.length >= this.max) return;
    const where = [row === null ? null : `row ${row}`, column === null ? null : `column "${column}"`]
      .filter(Boolean)
      .join(', ');
    this.kept.push({
      file: this.file,
      row,
      column,
      reason,
      message: `${this.file}${where ? ` ${where}` : ''}: ${reason}`,
    });
  }
}
