// Reading URL query parameters for the /export routes (networks and tables): the values of
// a parameter (repeated or comma-separated), a single or required one, and text read as an
// integer, a number, a boolean or one of a closed list. Each refusal is BadUserInputError
// naming the parameter; the checks of the values read (bounds, ids, codes) are those of
// src/resolvers/arguments.ts, shared with GraphQL.

import { BadUserInputError } from '../errors';

/** A parsed query string (Express's req.query). */
export type Query = Record<string, unknown>;

/** Every value of a parameter, repeated or comma-separated, trimmed, blanks left out; null when absent. */
export function parameterValues(query: Query, name: string): string[] | null {
  const raw = query[name];
  if (raw === undefined) return null;
  return (Array.isArray(raw) ? raw : [raw]).flatMap((value) => {
    if (typeof value !== 'string') throw new BadUserInputError(name, 'must be plain text');
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  });
}

/** The one value of a parameter; null when absent. */
export function singleValue(query: Query, name: string): string | null {
  const list = parameterValues(query, name);
  if (list === null) return null;
  if (list.length !== 1) throw new BadUserInputError(name, `must be given once, got ${list.length} values`);
  return list[0]!;
}

/** The one value of a parameter that must be given. */
export function requiredValue(query: Query, name: string): string {
  const value = singleValue(query, name);
  if (value === null) throw new BadUserInputError(name, 'is required');
  return value;
}

/**
 * Text read as an integer; `int32` also refuses what a GraphQL Int cannot hold (the table
 * filters, typed by the schema); without it the range is the argument check's to refuse
 * with its bounds (a network's limit=5000 says "from 1 to 1000").
 */
export function integerText(text: string, name: string, int32 = false): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || (int32 && (value > 2 ** 31 - 1 || value < -(2 ** 31)))) {
    throw new BadUserInputError(name, `must be an integer, got "${text}"`);
  }
  return value;
}

/** Text read as a finite number. */
export function numberText(text: string, name: string): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value))
    throw new BadUserInputError(name, `must be a number, got "${text}"`);
  return value;
}

/** Text read as true or false. */
export function booleanText(text: string, name: string): boolean {
  if (text !== 'true' && text !== 'false')
    throw new BadUserInputError(name, `must be true or false, got "${text}"`);
  return text === 'true';
}

/** Text read as one of `allowed` (upper case), in any case; errors list the values lower case. */
export function choiceText<T extends string>(text: string, name: string, allowed: readonly T[]): T {
  const upper = text.toUpperCase() as T;
  if (!allowed.includes(upper)) {
    throw new BadUserInputError(
      name,
      `must be one of ${allowed.map((item) => item.toLowerCase()).join(', ')}, got "${text}"`,
    );
  }
  return upper;
}
