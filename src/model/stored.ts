// Stored values: the zod schema of each kind of property as the seeds and the graph hold it,
// with the seed validator's messages ("expected X, received Y"; zod's own wording never shows).

import { z } from 'zod';
import { isKnownCountryCode } from './countries';

/** Lower-case letters and digits in words joined by single hyphens, e.g. project-permanens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A value for seed messages: quoted and shortened text, or its type. */
export function describeStored(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}...` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** The message of a value that is not `what`; a key left out of a nested object is "missing". */
function expecting(what: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is missing' : `expected ${what}, received ${describeStored(issue.input)}`;
}

export const storedText = z
  .string({ error: expecting('a non-empty string') })
  .refine((value) => value.trim() !== '', { error: expecting('a non-empty string') });

export const storedId = z
  .string({ error: expecting('a lower-case slug id (letters, digits, single hyphens)') })
  .regex(ID_PATTERN, { error: expecting('a lower-case slug id (letters, digits, single hyphens)') });

export function storedInteger(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const error = expecting(`an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
  return z
    .number({ error })
    .refine((value) => Number.isInteger(value) && value >= min && value <= max, { error });
}

export function storedNumber(min: number, max: number) {
  const error = expecting(`a number from ${min} to ${max}`);
  return z
    .number({ error })
    .refine((value) => Number.isFinite(value) && value >= min && value <= max, { error });
}

export const storedConfidence = z
  .number({ error: expecting('a confidence with 0 < c <= 1') })
  .refine((value) => Number.isFinite(value) && value > 0 && value <= 1, {
    error: expecting('a confidence with 0 < c <= 1'),
  });

export const storedBoolean = z.boolean({ error: expecting('true or false') });

/** ISO date as published: YYYY-MM-DD or a month only, YYYY-MM (the seeds keep what sources say). */
export const storedDate = z
  .string({ error: expecting('an ISO date YYYY-MM-DD or YYYY-MM') })
  .superRefine((value, ctx) => {
    const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
    if (match === null) {
      ctx.addIssue({
        code: 'custom',
        message: expecting('an ISO date YYYY-MM-DD or YYYY-MM')({ input: value }),
      });
      return;
    }
    const month = Number(match[2]);
    const day = match[3] === undefined ? 1 : Number(match[3]);
    const date = new Date(Date.UTC(Number(match[1]), month - 1, day));
    if (month < 1 || month > 12 || date.getUTCDate() !== day)
      ctx.addIssue({ code: 'custom', message: expecting('a real calendar date')({ input: value }) });
  });

export const storedTimestamp = z
  .string({ error: expecting('an ISO timestamp like 2026-11-29T00:00:00.000Z') })
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/.test(value) && !Number.isNaN(Date.parse(value)),
    { error: expecting('an ISO timestamp like 2026-11-29T00:00:00.000Z') },
  );

export const storedCountry = z
  .string({ error: expecting('an ISO 3166-1 alpha-2 code (two upper-case letters)') })
  .regex(/^[A-Z]{2}$/, {
    error: expecting('an ISO 3166-1 alpha-2 code (two upper-case letters)'),
    abort: true,
  })
  .refine(isKnownCountryCode, { error: expecting('an assigned ISO 3166-1 alpha-2 code') });

/** True when `text` is an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

export const storedUrl = z.string({ error: expecting('an http(s) URL') }).refine(isHttpUrl, {
  error: expecting('an http(s) URL'),
});

export interface ListOptions {
  /** At least one item. */
  nonEmpty?: boolean;
  /** No text item twice (reported at the second one). */
  unique?: boolean;
}

export function storedList<T>(item: z.ZodType<T>, options: ListOptions): z.ZodType<T[]> {
  const list = z.array(item, { error: expecting('an array') });
  if (options.nonEmpty !== true && options.unique !== true) return list;
  // `when`: an empty list and duplicates are reported even when an item is malformed (as the
  // seed validator always did), and never when the value is no list at all.
  return list.superRefine(
    (items, ctx) => {
      if (options.nonEmpty === true && items.length === 0)
        ctx.addIssue({ code: 'custom', message: 'expected at least one item, received an empty array' });
      if (options.unique !== true) return;
      const seen = new Map<unknown, number>();
      items.forEach((value, index) => {
        if (typeof value !== 'string') return;
        const first = seen.get(value);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [index], message: `duplicate of item ${first}` });
        else seen.set(value, index);
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
}

/** One of `values`. */
export function storedEnum(values: readonly [string, ...string[]]) {
  return z.enum(values, { error: expecting(`one of ${values.join(', ')}`) });
}

/** Text of a fixed shape; `expected` names it in messages. */
export function storedCode(pattern: RegExp, expected: string) {
  return z.string({ error: expecting(expected) }).regex(pattern, { error: expecting(expected) });
}

/** A record with exactly these properties: a missing one and an unexpected one are issues. */
export function storedObject(shape: Record<string, z.ZodType>): z.ZodType {
  return z.strictObject(shape, { error: expecting('an object') });
}
