// Import coercion: a CSV cell (text) or a JSON value into the typed value of a column, by the
// column's kind and bounds, through a zod schema per kind. Pure; every failure is a reason naming
// what was expected and what was received (zod's own messages never reach a user).

import { z } from 'zod';
import { isKnownCountryCode } from './countries';
import { LIST_SEPARATOR, type FieldSpec } from './fields';
import { ID_PATTERN } from './stored';
import type { OrganisationReference } from './states';
import { parseIdentifier, type GivenIdentifier } from './identifiers';

/** The outcome of coercing one value. `absent` means "not given" (an empty cell). */
export type Coerced = { ok: true; value: unknown } | { ok: false; reason: string } | { absent: true };

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

// Every issue a schema below raises says what was expected ("expected X"); coerceField adds what
// was received. An issue whose params say `whole` is a complete reason already.
const whole = { whole: true };

function wholeReason(ctx: z.RefinementCtx, reason: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: reason, params: whole });
  return z.NEVER;
}

/** Decimal text or a number, then a check on the number (integers, amounts, confidences). */
function numeric(pattern: RegExp, expected: string, valid: (value: number) => boolean): z.ZodType {
  return z
    .union([z.number(), z.string().trim().regex(pattern).transform(Number)], { error: expected })
    .pipe(z.number().refine(valid, { error: expected }));
}

function dateSchema(monthAllowed: boolean): z.ZodType {
  const expected = monthAllowed
    ? 'expected a date YYYY-MM-DD (or a month YYYY-MM)'
    : 'expected a date YYYY-MM-DD';
  return z
    .string({ error: expected })
    .trim()
    .superRefine((text, ctx) => {
      const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
      if (match === null || (match[3] === undefined && !monthAllowed)) {
        ctx.addIssue({ code: 'custom', message: expected });
        return;
      }
      const year = Number(match[1]);
      const month = Number(match[2]);
      const day = match[3] === undefined ? 1 : Number(match[3]);
      const date = new Date(Date.UTC(year, month - 1, day));
      if (year < 1900 || year > 2100 || month < 1 || month > 12 || date.getUTCDate() !== day)
        ctx.addIssue({ code: 'custom', message: 'expected a real calendar date from 1900 to 2100' });
    });
}

const ORGANISATION_EXPECTED =
  'expected an organisation id (org-...) or a name with its country code in brackets, e.g. "Lund University [SE]"';

/** `org-some-id` or `Name [CC]`. */
const organisationText = z
  .string({ error: ORGANISATION_EXPECTED })
  .trim()
  .transform((text, ctx): OrganisationReference => {
    const named = /^(.*\S)\s*\[([A-Za-z]{2})\]$/.exec(text);
    if (named) {
      const code = named[2]!.toUpperCase();
      if (!isKnownCountryCode(code)) {
        return wholeReason(
          ctx,
          `expected an assigned ISO 3166-1 alpha-2 country code in brackets, received "[${named[2]}]"`,
        );
      }
      return { name: named[1]!, countryCode: code };
    }
    if (ID_PATTERN.test(text)) return { id: text };
    ctx.addIssue({ code: 'custom', message: ORGANISATION_EXPECTED });
    return z.NEVER;
  });

/** The text forms; JSON may also give {id} or {name, countryCode}, read as the text they stand for. */
const organisationSchema = z.unknown().transform((raw, ctx): OrganisationReference => {
  let text: unknown = raw;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    if (typeof record.id === 'string') text = record.id;
    else if (typeof record.name === 'string' && typeof record.countryCode === 'string')
      text = `${record.name} [${record.countryCode}]`;
    else
      return wholeReason(
        ctx,
        `${ORGANISATION_EXPECTED}, received an object without id or name and countryCode`,
      );
  }
  const parsed = organisationText.safeParse(text);
  return parsed.success ? parsed.data : wholeReason(ctx, reasonOf(parsed.error, text));
});

/** `SCHEME:value`; JSON may also give {scheme, value}, read as the text it stands for. */
const identifierSchema = z.unknown().transform((raw, ctx): GivenIdentifier => {
  let text: unknown = raw;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    text = `${String(record.scheme)}:${String(record.value)}`;
  }
  if (typeof text !== 'string')
    return wholeReason(ctx, `expected SCHEME:value (e.g. PIC:999991722), received ${describeValue(raw)}`);
  const parsed = parseIdentifier(text.trim());
  return parsed.ok ? parsed.identifier : wholeReason(ctx, `${parsed.reason}, received ${describeValue(raw)}`);
});

function inputSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'text':
      return z
        .string({ error: 'expected text' })
        .trim()
        .superRefine((text, ctx) => {
          if (text.length > MAX_TEXT_LENGTH)
            wholeReason(ctx, `expected at most ${MAX_TEXT_LENGTH} characters, received ${text.length}`);
        });
    case 'id': {
      const expected =
        'expected an id of lower-case letters, digits and single hyphens (e.g. project-permanens)';
      return z
        .string({ error: expected })
        .trim()
        .regex(ID_PATTERN, { error: expected })
        .max(200, { error: expected });
    }
    case 'integer': {
      const min = spec.min ?? 0;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      const expected = `expected a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`;
      return numeric(
        /^-?\d+$/,
        expected,
        (value) => Number.isSafeInteger(value) && value >= min && value <= max,
      );
    }
    case 'amount':
      // Plain decimal euros: 1500000 or 1500000.50; no thousands separators or currency signs.
      return numeric(
        /^\d+(?:\.\d+)?$/,
        'expected an amount in euros, digits with an optional decimal point (e.g. 1500000 or 249999.50)',
        (value) => Number.isFinite(value) && value >= 0 && value <= 1e13,
      );
    case 'confidence':
      return numeric(
        /^\d*\.?\d+$/,
        'expected a confidence greater than 0 and at most 1',
        (value) => Number.isFinite(value) && value > 0 && value <= 1,
      );
    case 'boolean':
      return z.union(
        [
          z.boolean(),
          z
            .string()
            .trim()
            .toLowerCase()
            .pipe(z.enum(['true', 'yes', '1', 'false', 'no', '0']))
            .transform((word) => word === 'true' || word === 'yes' || word === '1'),
        ],
        { error: 'expected true or false' },
      );
    case 'date':
      return dateSchema(spec.monthAllowed === true);
    case 'enum': {
      const values = spec.values ?? [];
      const expected = `expected one of ${values.join(', ')}`;
      return z
        .string({ error: expected })
        .trim()
        .refine((value) => values.includes(value), { error: expected });
    }
    case 'country':
      return z
        .string({ error: 'expected an ISO 3166-1 alpha-2 country code (e.g. DE)' })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code (e.g. DE)', abort: true })
        .refine(isKnownCountryCode, { error: 'expected an assigned ISO 3166-1 alpha-2 country code' });
    case 'url':
      return z
        .string({ error: 'expected an http(s) URL' })
        .trim()
        .refine(
          (text) => {
            try {
              const url = new URL(text);
              return url.protocol === 'http:' || url.protocol === 'https:';
            } catch {
              return false;
            }
          },
          { error: 'expected an http(s) URL' },
        );
    case 'organisation':
      return organisationSchema;
    case 'identifier':
      return identifierSchema;
    case 'number':
    case 'timestamp':
    case 'code':
    case 'object':
      throw new TypeError(
        `coerceField expects an import column, received the seeds-only ${spec.kind} field "${spec.name}"`,
      );
  }
}

// Schemas are built once per spec (specs are constants; tests may make their own).
const SCHEMAS = new WeakMap<FieldSpec, z.ZodType>();

/** The zod schema that coerces one value (one list item) of a column. */
export function inputSchemaOf(spec: FieldSpec): z.ZodType {
  let schema = SCHEMAS.get(spec);
  if (schema === undefined) {
    schema = inputSchema(spec);
    SCHEMAS.set(spec, schema);
  }
  return schema;
}

function reasonOf(error: z.ZodError, raw: unknown): string {
  const issue = error.issues[0];
  if (issue === undefined) return `expected a valid value, received ${describeValue(raw)}`;
  if (issue.code === 'custom' && (issue.params as { whole?: boolean } | undefined)?.whole === true)
    return issue.message;
  return `${issue.message}, received ${describeValue(raw)}`;
}

type One = { ok: true; value: unknown } | { ok: false; reason: string };

function coerceOne(spec: FieldSpec, raw: unknown): One {
  const result = inputSchemaOf(spec).safeParse(raw);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, reason: reasonOf(result.error, raw) };
}

/**
 * Coerces a value from a CSV cell (text) or a JSON document. Empty text, null and
 * undefined are `absent`; lists accept a `;`-separated text or an array, and drop
 * empty items.
 * @throws TypeError for a seeds-only field (it is no import column).
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
