// `npm run seed`: validates seeds/*.json and loads them into Neo4j (NEO4J_URI, or the
// embedded database with its persistent data folder). Running it twice changes nothing.

import { parseConfig } from '../config';
import { seedGraph } from '../db/seedGraph';
import { readSeedDataset } from '../seed/readSeedDataset';
import { openCommandGraph } from './openCommandGraph';
import { runCommand, UsageError } from './runCommand';

async function main(): Promise<number> {
  const stray = process.argv.slice(2);
  if (stray.length > 0) {
    throw new UsageError(`npm run seed takes no arguments, received ${JSON.stringify(stray.join(' '))}`);
  }
  const config = parseConfig(process.env);
  // Validate before touching the database: a bad file writes nothing.
  const dataset = await readSeedDataset(config.seedsDir);
  const graph = await openCommandGraph(config, 300_000);
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
