// Compares a GraphQL answer with its floor's answer, so the bench only ever compares two
// ways of fetching the same data.

/** Plain JSON data: what both answers become before they are compared. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON round trip: drops undefined, turns driver maps and GraphQL objects into plain data. */
export function normaliseAnswer(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json;
}

/**
 * The path of the first place where `actual` and `expected` differ, with both values
 * there, e.g. `$.projects.nodes[3].funders: 2 items vs 3 items`; null when they are equal.
 * Object keys are compared as sets (their order does not matter), arrays in order.
 */
export function firstDifference(actual: Json, expected: Json, path = '$'): string | null {
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected))
      return `${path}: ${describe(actual)} vs ${describe(expected)}`;
    if (actual.length !== expected.length)
      return `${path}: ${actual.length} items vs ${expected.length} items`;
    for (let i = 0; i < actual.length; i += 1) {
      const difference = firstDifference(actual[i] as Json, expected[i] as Json, `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (isObject(actual) || isObject(expected)) {
    if (!isObject(actual) || !isObject(expected))
      return `${path}: ${describe(actual)} vs ${describe(expected)}`;
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
    for (const key of keys) {
      if (!(key in actual) || !(key in expected)) {
        return `${path}.${key}: ${key in actual ? describe(actual[key] as Json) : 'missing'} vs ${
          key in expected ? describe(expected[key] as Json) : 'missing'
        }`;
      }
      const difference = firstDifference(actual[key] as Json, expected[key] as Json, `${path}.${key}`);
      if (difference) return difference;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${describe(actual)} vs ${describe(expected)}`;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: Json): string {
  if (Array.isArray(value)) return `${value.length} items`;
  if (isObject(value)) return 'an object';
  return JSON.stringify(value);
}
