// Entity tables (funders, calls, organisations, projects) in the columns of the import
// templates, so that a downloaded table goes back in through `npm run import` unchanged.
// Pure: entity states in (as src/db/curation.ts reads them for imports), CSV text out.

import { stringify } from 'csv-stringify/sync';
import {
  identifierKey,
  LIST_SEPARATOR,
  type IdentifierRecord,
  type EntityDef,
  type EntityState,
  type FieldSpec,
  type PartnerState,
} from '../model';

/** The byte-order mark that makes Excel read a CSV file as UTF-8 (`?bom=1`). */
export const UTF8_BOM = '\uFEFF';

// CRLF as RFC 4180 says; the import's csv-parse reads either.
const CSV_OPTIONS = { record_delimiter: 'windows' as const };

/** The header row: the import columns of the kind, in the templates' order. */
export function entityCsvHeader(def: EntityDef): string {
  return stringify([def.fields.map((field) => field.name)], CSV_OPTIONS);
}

/**
 * Rows of entity states in the import columns: lists joined with ";", booleans
 * true/false, numbers as plain digits, absent values as empty cells (which an import reads
 * as "not given"). A project's `coordinator` and `partners` are organisation ids taken
 * from its partnerships (`partners` state, roles COORDINATOR and PARTNER).
 * @throws TypeError when a state lacks its id, or a list item holds the separator ";"
 * (the cell could not be read back as the same list).
 */
export function entityCsvRows(def: EntityDef, states: readonly EntityState[]): string {
  if (states.length === 0) return '';
  return stringify(
    states.map((state) => def.fields.map((field) => cell(field, valueOf(field, state)))),
    CSV_OPTIONS,
  );
}

function valueOf(field: FieldSpec, state: EntityState): unknown {
  if (typeof state.id !== 'string')
    throw new TypeError(`entityCsvRows expects states with a string id, received ${typeof state.id}`);
  // Identifiers as SCHEME:value, the form the import reads back (source and confidence stay in the graph).
  if (field.kind === 'identifier')
    return ((state[field.name] as IdentifierRecord[] | undefined) ?? []).map(identifierKey);
  if (field.kind !== 'organisation') return state[field.name];
  const partners = (state.partners as PartnerState[] | undefined) ?? [];
  const ids = (role: PartnerState['role']): string[] =>
    partners
      .filter((partner) => partner.role === role)
      .map((partner) => partner.organisationId)
      .sort();
  if (field.list === true) return ids('PARTNER');
  // A second coordinator would be read back as a partner; the seeds name at most one.
  return ids('COORDINATOR')[0] ?? null;
}

function cell(field: FieldSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const text = scalar(item);
        if (text.includes(LIST_SEPARATOR)) {
          throw new TypeError(
            `entityCsvRows: an item of "${field.name}" contains "${LIST_SEPARATOR}" and cannot be listed: ${text}`,
          );
        }
        return text;
      })
      .join(LIST_SEPARATOR);
  }
  return scalar(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`entityCsvRows expects text, numbers and booleans, received ${typeof value}`);
}
