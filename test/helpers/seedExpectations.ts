// The seed dataset the integration run loaded (seeds/*.json), and the orderings the API
// promises, so that API tests derive their expected answers from the data itself.

import { parseConfig } from '../../src/config';
import { readSeedDataset } from '../../src/seed/readSeedDataset';
import type { SeedDataset } from '../../src/model';

let dataset: Promise<SeedDataset> | undefined;

/** seeds/*.json as globalSetup loaded them (read and validated once per test file). */
export function seedData(): Promise<SeedDataset> {
  dataset ??= readSeedDataset(parseConfig(process.env).seedsDir);
  return dataset;
}

export type SortValue = string | number | null | undefined;
export type Direction = 'ASC' | 'DESC';

/** Compares as Cypher compares strings and numbers (code units, numerically). */
export function compareValues(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One sort key: the value it reads and its direction; missing values sort last both ways. */
export type SortKey<T> = readonly [key: (record: T) => SortValue, direction: Direction];

/** `records` sorted by `keys` in turn, ties broken by id ascending (as every API order ends). */
export function orderBy<T extends { id: string }>(
  records: readonly T[],
  keys: ReadonlyArray<SortKey<T>>,
): T[] {
  return [...records].sort((a, b) => {
    for (const [key, direction] of keys) {
      const x = key(a);
      const y = key(b);
      const xMissing = x === null || x === undefined;
      const yMissing = y === null || y === undefined;
      if (xMissing !== yMissing) return xMissing ? 1 : -1;
      if (!xMissing && !yMissing) {
        const order = compareValues(x, y);
        if (order !== 0) return direction === 'ASC' ? order : -order;
      }
    }
    return compareValues(a.id, b.id);
  });
}

/**
 * The ids of `records` in list order: by `key` in `direction` with missing values last
 * both ways, ties broken by id ascending (the keyset order of src/db/listQuery.ts).
 */
export function expectedOrder<T extends { id: string }>(
  records: readonly T[],
  key: (record: T) => SortValue,
  direction: Direction,
): string[] {
  return orderBy(records, [[key, direction]]).map((record) => record.id);
}

/** The key of alphabetical order, which ignores case: "CatSalut" sorts before "CDTI", not after "CSO-MOH". */
export function alphabetical(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toLowerCase();
}

/** Records whose id is in `ids`, sorted by id: for comparing sets of records. */
export function idsOf(records: ReadonlyArray<{ id: string }>): string[] {
  return records.map((record) => record.id).sort(compareValues);
}

/** Counts each value of a list: `tally(['a', 'b', 'a'])` is Map { a => 2, b => 1 }. */
export function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
