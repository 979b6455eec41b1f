// Reads seeds/*.json and validates them: the one way seed data enters the application.

import { loadSeedFiles } from './loadSeedFiles';
import type { SeedDataset } from '../model';
import { assertValidSeeds } from './validateSeeds';

/**
 * Loads and validates the dataset in `directory`.
 * @throws SeedValidationError naming file, record and field of every problem; nothing is read further.
 */
export async function readSeedDataset(directory: string): Promise<SeedDataset> {
  return assertValidSeeds(await loadSeedFiles(directory));
}
