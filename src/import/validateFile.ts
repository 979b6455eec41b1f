// The read and validate steps of an import: the file's rows read and validated one by one
// (types, required columns, duplicates within the file), collecting what they reference.
// Every pass reads the file again, so memory stays bounded by one batch, not the file.

import type { Hash } from 'node:crypto';
import { fieldsOf, type ImportKind } from '../model';
import type { ReferenceLabel } from '../model';
import type { ImportProgress, IssueLog } from './importReport';
import { nameKey } from './planImport';
import { ImportFileError, newDigest, readRows, type ImportFormat } from './readRows';
import type { ValidRecord } from '../model';
import {
  organisationReferencesOf,
  referencesOf,
  validateRecord,
  type FieldIssue,
} from '../model/validateRecord';

/** The file being imported and how to read it. */
export interface ImportSource {
  file: string;
  /** The file's base name, as issues and audit events name it. */
  name: string;
  format: ImportFormat;
  encoding: string;
  kind: ImportKind;
}

/** One row of the file, validated. */
export interface ValidatedRow {
  row: number;
  record: ValidRecord;
  issues: FieldIssue[];
}

/** Reads the file's rows and validates each (`digest` sees every byte; `onHeader` the CSV header). */
export async function* validatedRows(
  source: ImportSource,
  options: { digest?: Hash; onHeader?: (header: string[]) => void } = {},
): AsyncGenerator<ValidatedRow> {
  const { file, format, encoding, kind } = source;
  for await (const row of readRows(file, format, { ...options, encoding })) {
    const { record, issues } = validateRecord(kind, row.values, 'row');
    yield { row: row.row, record, issues };
  }
}

/** What the validate step learnt about a file. */
export interface FileSummary {
  rows: number;
  /** SHA-256 of the bytes read, so that the write step can tell whether the file changed since. */
  sha256: string;
  /** Ids the rows reference in their well-formed columns, by label (rows with issues too). */
  references: Map<ReferenceLabel, Set<string>>;
  /** True when rows name organisations (or are organisations), which the check step then matches. */
  needsOrganisations: boolean;
}

/**
 * Pass 1: every row on its own (types, required columns, duplicates), and what it references.
 * Issues go to `issues`; throws ImportFileError for a header with unknown or missing columns.
 */
export async function validateFile(
  source: ImportSource,
  issues: IssueLog,
  progress: (progress: ImportProgress) => void,
): Promise<FileSummary> {
  const { kind } = source;
  const digest = newDigest();
  const seen = new Map<string, number>();
  const references = new Map<ReferenceLabel, Set<string>>();
  let needsOrganisations = kind === 'organisations';
  let rows = 0;
  for await (const { row, record, issues: rowIssues } of validatedRows(source, {
    digest,
    onHeader: headerCheck(source),
  })) {
    rows += 1;
    for (const issue of rowIssues) issues.add(row, issue.column, issue.reason);
    if (rowIssues.length === 0) {
      const key = rowKey(kind, record);
      const first = key === null ? undefined : seen.get(key);
      if (first !== undefined)
        issues.add(
          row,
          kind === 'links' ? 'targetId' : 'id',
          `duplicates row ${first}; a file may give each record once`,
        );
      else if (key !== null) seen.set(key, row);
    }
    // A row with a format issue still has its well-formed columns checked against the graph
    // (checkFile), so that one report lists both kinds of issue: the record holds only the
    // columns that passed, so what they reference is collected whatever else is wrong.
    for (const reference of referencesOf(kind, record)) {
      const ids = references.get(reference.label) ?? new Set<string>();
      ids.add(reference.id);
      references.set(reference.label, ids);
    }
    if (organisationReferencesOf(record).length > 0) needsOrganisations = true;
    if (rows % 1000 === 0) progress({ phase: 'validate', rows, totalRows: null });
  }
  progress({ phase: 'validate', rows, totalRows: rows });
  return { rows, sha256: digest.digest('hex'), references, needsOrganisations };
}

/** Refuses a header that names columns the kind does not have, or lacks a required one. */
function headerCheck({ kind, name }: ImportSource): (header: string[]) => void {
  const fields = fieldsOf(kind);
  const columns = new Set(fields.map((field) => field.name));
  return (header) => {
    const unknown = header.filter((column) => !columns.has(column));
    const missing = fields
      .filter((field) => field.required === true && !header.includes(field.name))
      .map((field) => field.name);
    if (unknown.length > 0)
      throw new ImportFileError(
        name,
        `the header names columns that ${kind} files do not have: ${unknown.join(', ')} (expected some of ${[...columns].join(', ')})`,
      );
    if (missing.length > 0)
      throw new ImportFileError(
        name,
        `the header lacks required columns of ${kind} files: ${missing.join(', ')}`,
      );
  };
}

/** The key that must be unique within a file (a duplicate row is rejected). */
export function rowKey(kind: ImportKind, record: ValidRecord): string | null {
  if (kind === 'links')
    return `${String(record.projectId)}|${String(record.type)}|${String(record.targetId)}`;
  if (
    kind === 'organisations' &&
    record.id === undefined &&
    typeof record.name === 'string' &&
    typeof record.countryCode === 'string'
  ) {
    return `name:${nameKey(record.name, record.countryCode)}`;
  }
  return typeof record.id === 'string' ? record.id : null;
}
