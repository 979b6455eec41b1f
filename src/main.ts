// The composition root: configuration -> Neo4j (embedded or server) -> driver -> schema
// -> seeds when the graph is empty -> HTTP server. Nothing else creates a driver.

import type { Driver } from 'neo4j-driver';
import type { Config } from './config';
import { createDriver } from './db/driver';
import { EmbeddedNeo4j, startEmbeddedNeo4j } from './db/embedded';
import { applySchema } from './db/migrations';
import { createDb, Db } from './db/run';
import { loadedDatasetVersion, seedGraph } from './db/seedGraph';
import { createHttpApp } from './http/app';
import type { Logger } from './logger';
import { readSeedDataset } from './seed/readSeedDataset';

export interface RunningApp {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  db: Db;
  /** Stops accepting requests, drains them, closes the driver and the embedded Neo4j. */
  stop(): Promise<void>;
}

/** How long to keep retrying a Neo4j server that is still starting (docker compose). */
const CONNECT_TIMEOUT_MS = 120_000;

/** Starts everything the configuration asks for and serves. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  let embedded: EmbeddedNeo4j | null = null;
  let driver: Driver | null = null;
  try {
    let uri: string;
    let auth: { user?: string; password?: string } = {};
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
    } else {
      uri = config.neo4j.uri;
      auth = { user: config.neo4j.user, password: config.neo4j.password };
    }

    driver = createDriver({ uri, ...auth });
    await waitForNeo4j(driver, logger);
    const db = createDb(driver, { database: config.database, queryTimeoutMs: config.queryTimeoutMs });
    await applySchema(db);
    logger.info('schema applied', { uri });

    if (config.seedOnStart && (await loadedDatasetVersion(db)) === null) {
      const summary = await seedGraph(db, await readSeedDataset(config.seedsDir));
      logger.info('graph was empty: seeded', { ...summary });
    }

    const limits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const { app, httpServer, apollo } = await createHttpApp({ db, limits, logger, introspection: config.introspection });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    void app;
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    const url = `http://${host}:${port}/graphql`;

    const openDriver = driver;
    const openEmbedded = embedded;
    let stopping: Promise<void> | null = null;
    return {
      url,
      port,
      db,
      stop: () =>
        (stopping ??= (async () => {
          await apollo.stop();
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
