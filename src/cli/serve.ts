// `npm start`: starts Neo4j (embedded unless NEO4J_URI is set), seeds an empty graph and
// serves the API until SIGINT or SIGTERM.

import { ConfigError, parseConfig } from '../config';
import { EmbeddedNeo4jError } from '../db/embedded';
import { createLogger } from '../logger';
import { startApp } from '../main';
import { SeedValidationError } from '../seed/validateSeeds';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  process.stdout.write(`PerMed Graph is serving ${app.url} (playground: open it in a browser)\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second signal means "now": the embedded Neo4j exits on its own when our stdin closes.
      process.exit(130);
    }
    stopping = true;
    logger.info('stopping', { signal });
    // Draining requests and Neo4j's checkpoint take seconds; never hang on them.
    setTimeout(() => {
      logger.error('shutdown took longer than 60 s; exiting anyway');
      process.exit(1);
    }, 60_000).unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedNeo4jError || error instanceof SeedValidationError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nPerMed Graph failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
