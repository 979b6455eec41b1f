// The value types of import columns and mutation inputs, and their coercion from CSV text
// or JSON values into plain typed values. Pure; every failure is a reason naming what was
// expected and what was received.

import worldCountries from 'world-countries';

/** Labels a reference column may point at (an existing node's id). */
export const REFERENCE_LABELS = [
  'Programme',
  'Funder',
  'Call',
  'Region',
  'Organisation',
  'Project',
  'KnowledgeGap',
  'ValueChainStage',
  'Objective',
] as const;
export type ReferenceLabel = (typeof REFERENCE_LABELS)[number];

export type FieldKind =
  | 'text'
  | 'id'
  | 'integer'
  | 'amount'
  | 'confidence'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'country'
  | 'url'
  | 'organisation';

/** One column of an import kind (and one field of its mutation input). */
export interface FieldSpec {
  /** Column name in CSV, key in JSON, field of the GraphQL input. */
  name: string;
  kind: FieldKind;
  /** A list: `;`-separated in CSV, an array in JSON. */
  list?: boolean;
  /** Needed in every import row and when a mutation creates the record. */
  required?: boolean;
  /** The value is the id of an existing node with this label. */
  ref?: ReferenceLabel;
  /** Allowed values of an enum. */
  values?: readonly string[];
  /** Inclusive bounds of an integer. */
  min?: number;
  max?: number;
  /** Dates: a month only (YYYY-MM) is accepted too. */
  monthAllowed?: boolean;
  /** What the column holds, for docs/import.md and the templates. */
  description: string;
}

/**
 * A partner organisation as an import names it: by id (`org-lund-university`) or by name
 * and country (`Lund University [SE]`), which organisation matching resolves.
 */
export type OrganisationReference = { id: string } | { name: string; countryCode: string };

/** The outcome of coercing one value. `absent` means "not given" (an empty cell). */
export type Coerced = { ok: true; value: unknown } | { ok: false; reason: string } | { absent: true };

/** Separator of list items inside one CSV cell. */
export const LIST_SEPARATOR = ';';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KNOWN_COUNTRY_CODES: ReadonlySet<string> = new Set(worldCountries.map((country) => country.cca2));
const MAX_TEXT_LENGTH = 20_000;

/** A value for messages: quoted and shortened text, or its type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}...` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** True when `code` is an assigned ISO 3166-1 alpha-2 code (world-countries). */
export function isKnownCountryCode(code: string): boolean {
  return KNOWN_COUNTRY_CODES.has(code);
}

/**
 * Coerces a value from a CSV cell (text) or a JSON document. Empty text, null and
 * undefined are `absent`; lists accept a `;`-separated text or an array, and drop
 * empty items.
 */
export function coerceField(spec: FieldSpec, raw: unknown): Coerced {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
    return { absent: true };
  if (spec.list === true) {
    const items = Array.isArray(raw)
      ? raw
      : typeof raw === 'string'
        ? raw.split(LIST_SEPARATOR).map((item) => item.trim())
        : null;
    if (items === null)
      return {
        ok: false,
        reason: `expected a list (items separated by "${LIST_SEPARATOR}"), received ${describeValue(raw)}`,
      };
    const values: unknown[] = [];
    const seen = new Set<string>();
    for (const [index, item] of items.entries()) {
      if (item === null || item === undefined || (typeof item === 'string' && item.trim() === '')) continue;
      const one = coerceOne(spec, item);
      if (!one.ok) return { ok: false, reason: `item ${index + 1}: ${one.reason}` };
      const key = JSON.stringify(one.value);
      if (seen.has(key))
        return { ok: false, reason: `item ${index + 1}: ${describeValue(item)} is listed twice` };
      seen.add(key);
      values.push(one.value);
    }
    return { ok: true, value: values };
  }
  if (Array.isArray(raw)) return { ok: false, reason: `expected one value, received a list` };
  return coerceOne(spec, raw);
}

type One = { ok: true; value: unknown } | { ok: false; reason: string };

function coerceOne(spec: FieldSpec, raw: unknown): One {
  const text = typeof raw === 'string' ? raw.trim() : null;
  const fail = (expected: string): One => ({
    ok: false,
    reason: `expected ${expected}, received ${describeValue(raw)}`,
  });
  switch (spec.kind) {
    case 'text':
      if (text === null) return fail('text');
      if (text.length > MAX_TEXT_LENGTH)
        return {
          ok: false,
          reason: `expected at most ${MAX_TEXT_LENGTH} characters, received ${text.length}`,
        };
      return { ok: true, value: text };
    case 'id':
      if (text === null || !ID_PATTERN.test(text) || text.length > 200) {
        return fail('an id of lower-case letters, digits and single hyphens (e.g. project-permanens)');
      }
      return { ok: true, value: text };
    case 'integer': {
      const value =
        typeof raw === 'number' ? raw : text !== null && /^-?\d+$/.test(text) ? Number(text) : NaN;
      const min = spec.min ?? 0;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        return fail(`a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
      }
      return { ok: true, value };
    }
    case 'amount': {
      // Plain decimal euros: 1500000 or 1500000.50; no thousands separators or currency signs.
      const value =
        typeof raw === 'number' ? raw : text !== null && /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value) || value < 0 || value > 1e13) {
        return fail('an amount in euros, digits with an optional decimal point (e.g. 1500000 or 249999.50)');
      }
      return { ok: true, value };
    }
    case 'confidence': {
      const value =
        typeof raw === 'number' ? raw : text !== null && /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value) || value <= 0 || value > 1)
        return fail('a confidence greater than 0 and at most 1');
      return { ok: true, value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const lower = text?.toLowerCase();
      if (lower === 'true' || lower === 'yes' || lower === '1') return { ok: true, value: true };
      if (lower === 'false' || lower === 'no' || lower === '0') return { ok: true, value: false };
      return fail('true or false');
    }
    case 'date':
      return coerceDate(text, spec.monthAllowed === true, raw);
    case 'enum': {
      const values = spec.values ?? [];
      if (text === null || !values.includes(text)) return fail(`one of ${values.join(', ')}`);
      return { ok: true, value: text };
    }
    case 'country': {
      const code = text?.toUpperCase() ?? null;
      if (code === null || !/^[A-Z]{2}$/.test(code))
        return fail('an ISO 3166-1 alpha-2 country code (e.g. DE)');
      if (!isKnownCountryCode(code)) return fail('an assigned ISO 3166-1 alpha-2 country code');
      return { ok: true, value: code };
    }
    case 'url': {
      if (text === null) return fail('an http(s) URL');
      try {
        const url = new URL(text);
        if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, value: text };
      } catch {
        // falls through to the message below
      }
      return fail('an http(s) URL');
    }
    case 'organisation':
      return coerceOrganisation(raw);
  }
}

function coerceDate(text: string | null, monthAllowed: boolean, raw: unknown): One {
  const match = text === null ? null : /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  const expected = monthAllowed ? 'a date YYYY-MM-DD (or a month YYYY-MM)' : 'a date YYYY-MM-DD';
  if (match === null || (match[3] === undefined && !monthAllowed))
    return { ok: false, reason: `expected ${expected}, received ${describeValue(raw)}` };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || date.getUTCDate() !== day) {
    return {
      ok: false,
      reason: `expected a real calendar date from 1900 to 2100, received ${describeValue(raw)}`,
    };
  }
  return { ok: true, value: text };
}

/** `org-some-id`, or `Name [CC]`; JSON may also give {id} or {name, countryCode}. */
function coerceOrganisation(raw: unknown): One {
  const expected =
    'an organisation id (org-...) or a name with its country code in brackets, e.g. "Lund University [SE]"';
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    if (typeof record.id === 'string') return coerceOrganisation(record.id);
    if (typeof record.name === 'string' && typeof record.countryCode === 'string') {
      return coerceOrganisation(`${record.name} [${record.countryCode}]`);
    }
    return {
      ok: false,
      reason: `expected ${expected}, received an object without id or name and countryCode`,
    };
  }
  if (typeof raw !== 'string')
    return { ok: false, reason: `expected ${expected}, received ${describeValue(raw)}` };
  const text = raw.trim();
  const named = /^(.*\S)\s*\[([A-Za-z]{2})\]$/.exec(text);
  if (named) {
    const code = named[2]!.toUpperCase();
    if (!isKnownCountryCode(code))
      return {
        ok: false,
        reason: `expected an assigned ISO 3166-1 alpha-2 country code in brackets, received "[${named[2]}]"`,
      };
    return { ok: true, value: { name: named[1]!, countryCode: code } satisfies OrganisationReference };
  }
  if (ID_PATTERN.test(text)) return { ok: true, value: { id: text } satisfies OrganisationReference };
  return { ok: false, reason: `expected ${expected}, received ${describeValue(raw)}` };
}
