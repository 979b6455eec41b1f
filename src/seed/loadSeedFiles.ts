// Reads the built dataset, seeds/<key>.json for every SEED_FILE_KEYS key, as unvalidated JSON
// so that validateSeeds can judge it; the seed loader and the staleness test start here.

import * as path from 'node:path';
import { readJsonFile } from './readSeedInputs';
import { SEED_FILE_KEYS } from '../model';

/** One of the seed file keys; the file is `seeds/<key>.json`. */
export type SeedFileKey = (typeof SEED_FILE_KEYS)[number];

/** The file name of a seed key, e.g. "funders.json". */
export function seedFileName(key: SeedFileKey): string {
  return `${key}.json`;
}

/** The committed text of a seed file: 2-space JSON with a trailing newline. */
export function seedFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Reads every seed file from `directory` (usually the repository's seeds/) and returns the
 * parsed JSON per key, unvalidated. Throws an Error naming the file when one is missing or is
 * not valid JSON; throws a TypeError when `directory` is not a non-empty string.
 */
export async function loadSeedFiles(directory: string): Promise<Record<SeedFileKey, unknown>> {
  if (typeof directory !== 'string' || directory === '') {
    throw new TypeError(
      `loadSeedFiles expected a directory path, received ${directory === '' ? 'an empty string' : typeof directory}`,
    );
  }
  const values = await Promise.all(
    SEED_FILE_KEYS.map((key) => readJsonFile(path.join(directory, seedFileName(key)))),
  );
  return Object.fromEntries(SEED_FILE_KEYS.map((key, index) => [key, values[index]])) as Record<
    SeedFileKey,
    unknown
  >;
}
