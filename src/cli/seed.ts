// `npm run seed`: validates seeds/*.json and loads them into Neo4j (NEO4J_URI, or the
// embedded database with its persistent data folder). Running it twice changes nothing.

import { ConfigError, parseConfig } from '../config';
import { openGraph } from '../db/connect';
import { EmbeddedNeo4jError } from '../db/embedded';
import { seedGraph } from '../db/seedGraph';
import { createLogger } from '../logger';
import { readSeedDataset } from '../seed/readSeedDataset';
import { SeedValidationError } from '../seed/validateSeeds';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // Validate before touching the database: a bad file writes nothing.
  const dataset = await readSeedDataset(config.seedsDir);
  const graph = await openGraph(config, createLogger('warn'), { queryTimeoutMs: 300_000 });
  try {
    const summary = await seedGraph(graph.db, dataset);
    process.stdout.write(
      `Seeded dataset ${summary.version}: ${summary.nodes} nodes, ${summary.relationships} seeded relationships\n`,
    );
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof EmbeddedNeo4jError || error instanceof SeedValidationError;
  process.stderr.write(`\n${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n\n`);
  process.exit(1);
});
