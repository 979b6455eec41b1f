// `npm run seed`: validates seeds/*.json and loads them into Neo4j (NEO4J_URI, or the
// embedded database with its persistent data folder). Running it twice changes nothing.

import { ConfigError, parseConfig } from '../config';
import { createDriver } from '../db/driver';
import { EmbeddedNeo4j, EmbeddedNeo4jError, startEmbeddedNeo4j } from '../db/embedded';
import { applySchema } from '../db/migrations';
import { createDb } from '../db/run';
import { seedGraph } from '../db/seedGraph';
import { readSeedDataset } from '../seed/readSeedDataset';
import { SeedValidationError } from '../seed/validateSeeds';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  // Validate before touching the database: a bad file writes nothing.
  const dataset = await readSeedDataset(config.seedsDir);
  let embedded: EmbeddedNeo4j | null = null;
  let uri: string;
  let auth = {};
  if (config.neo4j.mode === 'embedded') {
    embedded = await startEmbeddedNeo4j({ dataDir: config.neo4j.dataDir, javaHome: config.neo4j.javaHome });
    uri = embedded.uri;
  } else {
    uri = config.neo4j.uri;
    auth = { user: config.neo4j.user, password: config.neo4j.password };
  }
  const driver = createDriver({ uri, ...auth });
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: 300_000 });
    await applySchema(db);
    const summary = await seedGraph(db, dataset);
    process.stdout.write(
      `Seeded dataset ${summary.version}: ${summary.nodes} nodes, ${summary.relationships} seeded relationships\n`,
    );
  } finally {
    await driver.close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof EmbeddedNeo4jError || error instanceof SeedValidationError;
  process.stderr.write(`\n${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n\n`);
  process.exit(1);
});
