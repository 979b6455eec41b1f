// Opens the graph the configuration names: the Neo4j server at NEO4J_URI, or the embedded
// one (started here). Used by the server and by every CLI command; one driver per process.

import type { Driver } from 'neo4j-driver';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createDriver } from './driver';
import { EmbeddedNeo4j, startEmbeddedNeo4j } from './embedded';
import { applySchema } from './migrations';
import { createDb, Db } from './run';

export interface OpenGraph {
  db: Db;
  driver: Driver;
  /** bolt:// URI of the database in use. */
  uri: string;
  /** Closes the driver and stops the embedded Neo4j if one was started. Idempotent. */
  close(): Promise<void>;
}

export interface OpenGraphOptions {
  /** Transaction timeout; defaults to the configured QUERY_TIMEOUT_MS (long batch jobs pass more). */
  queryTimeoutMs?: number;
}

/** How long to keep retrying a Neo4j server that is still starting (docker compose). */
const CONNECT_TIMEOUT_MS = 120_000;

/**
 * Starts or connects to Neo4j, waits until it answers and applies the schema
 * (constraints and indexes, idempotent).
 * @throws EmbeddedNeo4jError when the embedded database cannot run here (no Java, ...).
 */
export async function openGraph(config: Config, logger: Logger, options: OpenGraphOptions = {}): Promise<OpenGraph> {
  let embedded: EmbeddedNeo4j | null = null;
  let driver: Driver | null = null;
  try {
    let uri: string;
    if (config.neo4j.mode === 'embedded') {
      logger.info('starting the embedded Neo4j', { dataDir: config.neo4j.dataDir });
      embedded = await startEmbeddedNeo4j({
        dataDir: config.neo4j.dataDir,
        port: config.neo4j.port,
        javaHome: config.neo4j.javaHome,
        pageCacheMiB: config.neo4j.pageCacheMiB,
        log: (line) => logger.debug('neo4j', { line }),
      });
      uri = embedded.uri;
      driver = createDriver({ uri });
    } else {
      uri = config.neo4j.uri;
      driver = createDriver({ uri, user: config.neo4j.user, password: config.neo4j.password });
    }
    await waitForNeo4j(driver, logger);
    const db = createDb(driver, {
      database: config.database,
      queryTimeoutMs: options.queryTimeoutMs ?? config.queryTimeoutMs,
    });
    await applySchema(db);
    logger.info('schema applied', { uri });

    const openDriver = driver;
    const openEmbedded = embedded;
    let closing: Promise<void> | null = null;
    return {
      db,
      driver: openDriver,
      uri,
      close: () =>
        (closing ??= (async () => {
          await openDriver.close();
          await openEmbedded?.stop();
        })()),
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
