// Opens the graph the configuration names: the Neo4j server at NEO4J_URI, or the embedded
// one (started here). Used by the server and by every CLI command; one driver per process.

import type { Driver } from 'neo4j-driver';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDriver } from './driver';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from './embedded';
import { DatabaseSupervisor, type SupervisedTarget } from './supervisor';
import { applySchema } from './migrations';
import { ensureDataEpoch } from './stats';
import { createDb, type Db } from './run';

export interface OpenGraph {
  db: Db;
  /** The driver in use now (the supervisor replaces it after Neo4j restarts). */
  readonly driver: Driver;
  /** bolt:// URI of the database in use. */
  readonly uri: string;
  /** Watches Neo4j: its state, transitions (onStateChange) and restarts. */
  supervisor: DatabaseSupervisor;
  /** Closes the driver and stops the embedded Neo4j cleanly if one was started. Idempotent. */
  close(): Promise<void>;
}

export interface OpenGraphOptions {
  /** Transaction timeout; defaults to the configured QUERY_TIMEOUT_MS (long batch jobs pass more). */
  queryTimeoutMs?: number;
  /**
   * Restart the embedded Neo4j when it dies (default false: a one-shot command fails fast with
   * DATABASE_UNAVAILABLE instead; the server passes true).
   */
  restart?: boolean;
}

/** How long to keep retrying a Neo4j server that is still starting (docker compose). */
const CONNECT_TIMEOUT_MS = 120_000;
/** Restart attempts that reuse the dead Neo4j's port before a free one is picked. */
const SAME_PORT_ATTEMPTS = 2;

/**
 * Starts or connects to Neo4j, waits until it answers, applies the schema (constraints and
 * indexes, idempotent) and puts it under a DatabaseSupervisor that gates every statement.
 * @throws EmbeddedNeo4jError when the embedded database cannot run here (no Java, ...).
 */
export async function openGraph(
  config: Config,
  logger: Logger,
  options: OpenGraphOptions = {},
): Promise<OpenGraph> {
  let embedded: EmbeddedNeo4j | null = null;
  let driver: Driver | null = null;
  try {
    let target: SupervisedTarget;
    if (config.neo4j.mode === 'embedded') {
      const settings = config.neo4j;
      logger.info('starting the embedded Neo4j', { dataDir: settings.dataDir });
      const start = (port: number) =>
        startEmbeddedNeo4j({
          dataDir: settings.dataDir,
          port,
          javaHome: settings.javaHome,
          pageCacheMiB: settings.pageCacheMiB,
          log: (line) => logger.debug('neo4j', { line }),
        });
      embedded = await start(settings.port);
      const firstPort = embedded.port;
      target = {
        kind: 'embedded',
        embedded,
        uri: embedded.uri,
        // The same port first (clients of a pinned NEO4J_EMBEDDED_PORT keep working); if it is
        // still taken, any free one: the supervisor gives the server a new driver either way.
        restart: (attempt) => start(settings.port > 0 || attempt <= SAME_PORT_ATTEMPTS ? firstPort : 0),
        createDriver: (uri, poolSize) => createDriver({ uri, maxConnectionPoolSize: poolSize }),
      };
    } else {
      const settings = config.neo4j;
      target = {
        kind: 'server',
        embedded: null,
        uri: settings.uri,
        createDriver: (uri, poolSize) =>
          createDriver({
            uri,
            user: settings.user,
            password: settings.password,
            maxConnectionPoolSize: poolSize,
          }),
      };
    }
    driver = target.createDriver(target.uri);
    await waitForNeo4j(driver, logger);
    await driver.close();
    driver = null;

    const supervisor = new DatabaseSupervisor(target, { logger, restart: options.restart ?? false });
    const db = createDb(() => supervisor.driver(), {
      database: config.database,
      queryTimeoutMs: options.queryTimeoutMs ?? config.queryTimeoutMs,
      availability: supervisor,
    });
    try {
      await applySchema(db);
      await ensureDataEpoch(db);
    } catch (error) {
      await supervisor.stop();
      throw error;
    }
    logger.info('schema applied', { uri: target.uri });

    let closing: Promise<void> | null = null;
    return {
      db,
      get driver() {
        return supervisor.driver();
      },
      get uri() {
        return target.uri;
      },
      supervisor,
      close: () => (closing ??= supervisor.stop()),
    };
  } catch (error) {
    await driver?.close();
    await embedded?.stop();
    throw error;
  }
}

async function waitForNeo4j(driver: Driver, logger: Logger): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await driver.getServerInfo();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.info('waiting for Neo4j', { attempt, error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
