// `npm start`: starts Neo4j (embedded unless NEO4J_URI is set), seeds an empty graph and
// serves the API until SIGINT or SIGTERM: then it drains in-flight requests, stops Neo4j
// cleanly and exits 0. A second signal exits at once (128 + the signal's number).

import os from 'node:os';
import { ConfigError, parseConfig } from '../config';
import { EmbeddedNeo4jError } from '../db/embedded';
import { createLogger } from '../logger';
import { startApp, type RunningApp } from '../main';
import { SeedValidationError } from '../seed/validateSeeds';

/** Longest clean shutdown: draining requests (Apollo gives them 10 s) plus Neo4j's checkpoint. */
const SHUTDOWN_TIMEOUT_MS = 60_000;

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  let app: RunningApp | null = null;
  let stopping: NodeJS.Signals | null = null;

  const shutDown = (running: RunningApp, signal: NodeJS.Signals) => {
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.stop().then(
      () => {
        logger.info('stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping !== null) {
      // A second signal means "now". The embedded Neo4j exits on its own when our stdin closes.
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(128 + (os.constants.signals[signal] ?? 0));
    }
    stopping = signal;
    logger.info('stopping: draining requests, then stopping Neo4j', { signal });
    // During start-up the app is stopped as soon as it is up (it holds Neo4j until then).
    if (app !== null) shutDown(app, signal);
  };
  // Installed before start-up so that a signal never kills the process half-started. Apollo's
  // own signal handlers are off (stopOnTerminationSignals: false in src/http/app.ts).
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  app = await startApp(config, logger);
  if (stopping !== null) {
    shutDown(app, stopping);
    return;
  }
  process.stdout.write(`PerMed Graph is serving ${app.url} (playground: open it in a browser)\n`);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof EmbeddedNeo4jError ||
    error instanceof SeedValidationError
  ) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(
      `\nPerMed Graph failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
