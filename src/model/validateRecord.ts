// Validates one import row or mutation input against its kind: types, required columns,
// cross-column rules (dates in order, a country unless EU body), and lists the references
// the record makes, so the caller can check them against the graph. Pure.

import { coerceField } from './coerce';
import { fieldsOf } from './entities';
import type { FieldSpec } from './fields';
import type { ImportKind, ReferenceLabel } from './kinds';
import { PROJECT_LINK_TYPES, type ProjectLinkType } from './provenance';
import type { OrganisationReference, ValidRecord } from './states';

/** One problem with one column of one record. */
export interface FieldIssue {
  column: string;
  reason: string;
}

/**
 * row: an import row, a whole record (required columns must be there; empty means not given).
 * patch: a mutation input (only given fields are checked; null clears an optional field).
 */
export type ValidationMode = 'row' | 'patch';

export interface Validation {
  record: ValidRecord;
  issues: FieldIssue[];
}

/** A reference to an existing node that a record makes. */
export interface Reference {
  column: string;
  label: ReferenceLabel;
  id: string;
}

/** Checks every column of `raw` (CSV text or JSON values) against the kind's columns. */
export function validateRecord(
  kind: ImportKind,
  raw: Readonly<Record<string, unknown>>,
  mode: ValidationMode,
): Validation {
  const fields = fieldsOf(kind);
  const byName = new Map(fields.map((field) => [field.name, field]));
  const record: ValidRecord = {};
  const issues: FieldIssue[] = [];
  for (const column of Object.keys(raw)) {
    if (!byName.has(column))
      issues.push({
        column,
        reason: `is not a column of ${kind} (expected one of ${fields.map((f) => f.name).join(', ')})`,
      });
  }
  for (const field of fields) {
    if (!(field.name in raw)) {
      if (mode === 'row' && field.required === true)
        issues.push({ column: field.name, reason: 'is required' });
      continue;
    }
    const value = raw[field.name];
    if (mode === 'patch' && value === null) {
      if (field.required === true)
        issues.push({ column: field.name, reason: 'is required and cannot be cleared' });
      else record[field.name] = null;
      continue;
    }
    const coerced = coerceField(field, value);
    if ('absent' in coerced) {
      if (field.required === true) issues.push({ column: field.name, reason: 'is required' });
      else if (mode === 'patch') record[field.name] = null;
    } else if (!coerced.ok) {
      issues.push({ column: field.name, reason: coerced.reason });
    } else {
      record[field.name] = coerced.value;
    }
  }
  if (issues.length === 0) issues.push(...crossColumnIssues(kind, record, mode));
  return { record, issues };
}

function crossColumnIssues(kind: ImportKind, record: ValidRecord, mode: ValidationMode): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (kind === 'funders' && mode === 'row' && record.countryCode === undefined && record.kind !== 'EU_BODY') {
    issues.push({ column: 'countryCode', reason: 'is required unless kind is EU_BODY' });
  }
  if (kind === 'projects') {
    const start = typeof record.startDate === 'string' ? record.startDate : null;
    const end = typeof record.endDate === 'string' ? record.endDate : null;
    if (start !== null && end !== null && end < start)
      issues.push({ column: 'endDate', reason: `${end} is before startDate ${start}` });
    if (
      start !== null &&
      typeof record.startYear === 'number' &&
      Number(start.slice(0, 4)) !== record.startYear
    ) {
      issues.push({ column: 'startYear', reason: `${record.startYear} disagrees with startDate ${start}` });
    }
  }
  return issues;
}

/** The existing nodes a valid record refers to by id (organisation references excepted). */
export function referencesOf(kind: ImportKind, record: ValidRecord): Reference[] {
  const references: Reference[] = [];
  for (const field of fieldsOf(kind)) {
    const value = record[field.name];
    if (field.ref === undefined || value === undefined || value === null) continue;
    for (const id of Array.isArray(value) ? value : [value])
      references.push({ column: field.name, label: field.ref, id: String(id) });
  }
  if (kind === 'links' && typeof record.type === 'string' && typeof record.targetId === 'string') {
    references.push({
      column: 'targetId',
      label: PROJECT_LINK_TYPES[record.type as ProjectLinkType],
      id: record.targetId,
    });
  }
  return references;
}

/** The partner organisations a project record names, with the column naming each. */
export function organisationReferencesOf(
  record: ValidRecord,
): Array<{ column: string; reference: OrganisationReference }> {
  const found: Array<{ column: string; reference: OrganisationReference }> = [];
  if (record.coordinator !== undefined && record.coordinator !== null) {
    found.push({ column: 'coordinator', reference: record.coordinator as OrganisationReference });
  }
  for (const reference of (record.partners as OrganisationReference[] | null | undefined) ?? [])
    found.push({ column: 'partners', reference });
  return found;
}

/** The columns of a kind by name (for error messages and templates). */
export function fieldSpec(kind: ImportKind, column: string): FieldSpec | undefined {
  return fieldsOf(kind).find((field) => field.name === column);
}
