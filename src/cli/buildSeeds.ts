// `npm run seeds:build`: rebuilds seeds/<key>.json from seeds/domain and seeds/curation,
// validates the result and writes the files; prints the domain inconsistencies it noticed.
// Usage: node dist/src/cli/buildSeeds.js [seedsDirectory]  (default: the repository's seeds/)

import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import worldCountries from 'world-countries';
import { auditDomain, formatDomainIssue } from '../seed/auditDomain';
import { buildSeeds } from '../seed/buildSeeds';
import { seedFileName, seedFileText } from '../seed/loadSeedFiles';
import { readSeedInputs } from '../seed/readSeedInputs';
import { SEED_FILE_KEYS, type SeedDataset } from '../model';
import { assertValidSeeds } from '../seed/validateSeeds';

/** Counts per seed file, for the summary line. */
function summary(dataset: SeedDataset): string {
  return SEED_FILE_KEYS.filter((key) => key !== 'manifest')
    .map((key) => `${key} ${(dataset[key] as unknown[]).length}`)
    .join(', ');
}

async function main(argv: readonly string[]): Promise<void> {
  // dist/src/cli/buildSeeds.js -> repository root three levels up.
  const seedsDirectory = path.resolve(argv[0] ?? path.join(__dirname, '..', '..', '..', 'seeds'));
  const { domain, curation, places } = await readSeedInputs(seedsDirectory);
  for (const issue of auditDomain(domain)) console.warn(`domain: ${formatDomainIssue(issue)}`);
  const dataset = buildSeeds(domain, curation, worldCountries, places);
  assertValidSeeds(dataset);
  for (const key of SEED_FILE_KEYS) {
    await writeFile(path.join(seedsDirectory, seedFileName(key)), seedFileText(dataset[key]), 'utf8');
  }
  console.log(`seeds ${dataset.manifest.version} written to ${seedsDirectory}: ${summary(dataset)}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
