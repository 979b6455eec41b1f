// `npm run seed`: validates seeds/*.json and loads them into Neo4j (NEO4J_URI, or the
// embedded database with its persistent data folder). Running it twice changes nothing.

import { parseConfig } from '../config';
import { openGraph } from '../db/connect';
import { seedGraph } from '../db/seedGraph';
import { createLogger } from '../logger';
import { readSeedDataset } from '../seed/readSeedDataset';
import { runCommand } from './runCommand';

async function main(): Promise<number> {
  const config = parseConfig(process.env);
  // Validate before touching the database: a bad file writes nothing.
  const dataset = await readSeedDataset(config.seedsDir);
  const graph = await openGraph(config, createLogger('warn'), { queryTimeoutMs: 300_000 });
  try {
    const summary = await seedGraph(graph.db, dataset);
    process.stdout.write(
      `Seeded dataset ${summary.version}: ${summary.nodes} nodes, ${summary.relationships} seeded relationships\n`,
    );
    return 0;
  } finally {
    await graph.close();
  }
}

runCommand(main);
