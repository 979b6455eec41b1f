// Plans the write of one entity record against its current state: fills in what follows
// from other columns (partners from organisation references, partner countries, a project's
// year), then compares field by field. The outcome is created, updated or unchanged, with
// the changed fields and their previous values. Pure; shared by imports and curation.

import {
  identifierKey,
  sortIdentifiers,
  type DatasetId,
  type EntityState,
  type GivenIdentifier,
  type IdentifierRecord,
  type PartnerState,
  type ValidRecord,
} from '../model';

export type PlanOutcome = 'created' | 'updated' | 'unchanged';

export interface EntityPlan {
  id: string;
  outcome: PlanOutcome;
  /** Columns whose value changes (all given columns for a creation). */
  fields: string[];
  /** Their values before; null for a creation. */
  previous: Record<string, unknown> | null;
  /** Their values after. */
  values: Record<string, unknown>;
  /** The complete record to write (every given column, derived ones included). */
  record: ValidRecord;
}

/** What planning needs to know about the rest of the graph. */
export interface PlanLookups {
  /** Year of a call, or null. */
  callYear(id: string): number | null;
  /** Country of an organisation (existing or new in this batch), or null. */
  organisationCountry(id: string): string | null;
}

/** Fields whose order carries no meaning: compared as sets. */
const SET_FIELDS = new Set([
  'programmeIds',
  'callIds',
  'participatingCountryCodes',
  'funderIds',
  'partnerCountryCodes',
  'partners',
]);

/**
 * Completes a project record: `partners` (resolved organisation ids with roles, coordinator
 * first) replaces coordinator/partners; `partnerCountryCodes` gains the partners' countries;
 * startYear follows startDate; year and yearBasis follow startYear or the call's year.
 * `partners` here are the resolved ids of the record's organisation references.
 */
export function completeProject(
  record: ValidRecord,
  resolved: { coordinator: string | null; partners: string[]; names: Map<string, string[]> } | null,
  existing: EntityState | null,
  lookups: PlanLookups,
): ValidRecord {
  const out: ValidRecord = { ...record };
  delete out.coordinator;
  delete out.partners;
  if (resolved !== null) {
    const byId = new Map<string, PartnerState>();
    if (resolved.coordinator !== null)
      byId.set(resolved.coordinator, { organisationId: resolved.coordinator, role: 'COORDINATOR' });
    for (const id of resolved.partners)
      if (!byId.has(id)) byId.set(id, { organisationId: id, role: 'PARTNER' });
    for (const partner of byId.values()) {
      const names = resolved.names.get(partner.organisationId);
      if (names !== undefined) partner.asNamed = names;
    }
    out.partners = [...byId.values()];
  }
  if (resolved !== null || record.partnerCountryCodes !== undefined) {
    const codes = new Set<string>(
      (record.partnerCountryCodes as string[] | null | undefined) ??
        (existing?.partnerCountryCodes as string[] | undefined) ??
        [],
    );
    for (const partner of (out.partners as PartnerState[] | undefined) ?? []) {
      const code = lookups.organisationCountry(partner.organisationId);
      if (code !== null) codes.add(code);
    }
    out.partnerCountryCodes = [...codes].sort();
  }
  if (typeof record.startDate === 'string' && record.startYear === undefined)
    out.startYear = Number(record.startDate.slice(0, 4));
  if (out.startYear !== undefined || out.callId !== undefined || existing === null) {
    const startYear =
      out.startYear !== undefined
        ? (out.startYear as number | null)
        : ((existing?.startYear as number | null | undefined) ?? null);
    const callId =
      out.callId !== undefined
        ? (out.callId as string | null)
        : ((existing?.callId as string | null | undefined) ?? null);
    const callYear = callId === null ? null : lookups.callYear(callId);
    out.year = startYear ?? callYear;
    out.yearBasis = startYear !== null ? 'START_DATE' : callYear !== null ? 'CALL_YEAR' : null;
  }
  return out;
}

/** Compares a completed record with the entity's current state (null: it does not exist). */
export function planEntity(record: ValidRecord, existing: EntityState | null): EntityPlan {
  const id = record.id;
  if (typeof id !== 'string')
    throw new TypeError(`planEntity expects a record with a string id, received ${typeof id}`);
  const given = Object.keys(record).filter((field) => field !== 'id');
  if (existing === null) {
    const values: Record<string, unknown> = {};
    for (const field of given) values[field] = record[field];
    return { id, outcome: 'created', fields: given, previous: null, values, record };
  }
  const fields: string[] = [];
  const previous: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const field of given) {
    const before = comparable(field, existing[field]);
    const after = comparable(field, record[field]);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      fields.push(field);
      previous[field] = existing[field] ?? null;
      values[field] = record[field];
    }
  }
  return { id, outcome: fields.length === 0 ? 'unchanged' : 'updated', fields, previous, values, record };
}

/**
 * A record's given identifiers completed for the write: one the record already carries keeps its
 * source and confidence, a new one takes `source` (the dataset writing it) and the given
 * confidence, else 1 (whoever writes it states it of this record). A record that gives no
 * identifiers is returned as it is.
 */
export function completeIdentifiers(
  record: ValidRecord,
  existing: EntityState | null,
  source: DatasetId,
): ValidRecord {
  if (record.identifiers === undefined) return record;
  const held = new Map(
    ((existing?.identifiers as IdentifierRecord[] | undefined) ?? []).map((identifier) => [
      identifierKey(identifier),
      identifier,
    ]),
  );
  const given = (record.identifiers as GivenIdentifier[] | null) ?? [];
  const identifiers = given.map((identifier): IdentifierRecord => {
    const before = held.get(identifierKey(identifier));
    return {
      scheme: identifier.scheme,
      value: identifier.value,
      source: identifier.source ?? before?.source ?? source,
      confidence: identifier.confidence ?? before?.confidence ?? 1,
    };
  });
  return { ...record, identifiers: sortIdentifiers(identifiers) };
}

/** A value in a form where equal meaning gives equal JSON. */
function comparable(field: string, value: unknown): unknown {
  if (field === 'identifiers') {
    return ((value as IdentifierRecord[] | null | undefined) ?? [])
      .map((identifier) => `${identifierKey(identifier)}|${identifier.source}|${identifier.confidence}`)
      .sort();
  }
  if (value === undefined || value === null) return SET_FIELDS.has(field) ? [] : null;
  if (Array.isArray(value) && value.length === 0 && !SET_FIELDS.has(field)) return null;
  if (field === 'partners' && Array.isArray(value)) {
    return (value as PartnerState[]).map((partner) => `${partner.organisationId}:${partner.role}`).sort();
  }
  if (SET_FIELDS.has(field) && Array.isArray(value)) return [...(value as string[])].sort();
  return value;
}

/** The country-code columns of a record; their Country nodes must exist before it is written. */
const COUNTRY_CODE_FIELDS = ['countryCode', 'participatingCountryCodes', 'partnerCountryCodes'] as const;

/** The country codes a record names (each of COUNTRY_CODE_FIELDS, as given). */
export function countryCodesOf(record: ValidRecord): string[] {
  return COUNTRY_CODE_FIELDS.flatMap((field) => {
    const value = record[field];
    return typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
  });
}

/** True when a link as stored is already the curated link asked for (writing it again changes nothing). */
export function sameCuratedLink(
  before: { provenance: string; confidence: number; evidence: string } | null,
  link: { confidence: number; evidence: string },
): boolean {
  return (
    before !== null &&
    before.provenance === 'CURATED' &&
    before.confidence === link.confidence &&
    before.evidence === link.evidence
  );
}
