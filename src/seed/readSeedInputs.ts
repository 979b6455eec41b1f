// Reads the seed builder's inputs from disk: the domain snapshot (seeds/domain/*.json) and the
// curation files (seeds/curation/*.json). The only file I/O on the build side besides the CLI.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  CURATION_FILES,
  DOMAIN_FILES,
  type DomainSnapshot,
  type Places,
  type SeedCuration,
} from './domainTypes';
import { readPlaces } from './readPlaces';

/** Reads and parses one JSON file, naming the file in any error. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `${file} is missing` : `${file} cannot be read (${code ?? String(error)})`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

async function readAll<K extends string>(
  directory: string,
  files: Record<K, string>,
): Promise<Record<K, unknown>> {
  const keys = Object.keys(files) as K[];
  const values = await Promise.all(keys.map((key) => readJsonFile(path.join(directory, files[key]))));
  return Object.fromEntries(keys.map((key, index) => [key, values[index]])) as Record<K, unknown>;
}

/**
 * Reads seeds/domain and seeds/curation under `seedsDirectory`, and the coordinates of the
 * places seeds/curation/locations.json names (readPlaces). The JSON is trusted to have the
 * documented shape (buildSeeds checks the parts it relies on and validateSeeds checks its
 * output); a missing or unparsable file throws an Error naming it.
 */
export async function readSeedInputs(
  seedsDirectory: string,
): Promise<{ domain: DomainSnapshot; curation: SeedCuration; places: Places }> {
  const [domain, curation] = await Promise.all([
    readAll(path.join(seedsDirectory, 'domain'), DOMAIN_FILES),
    readAll(path.join(seedsDirectory, 'curation'), CURATION_FILES),
  ]);
  const typedCuration = curation as SeedCuration;
  const places = await readPlaces(typedCuration.locations);
  return { domain: domain as DomainSnapshot, curation: typedCuration, places };
}
