// The composition root: configuration -> Neo4j (embedded or server) -> schema -> seeds when
// the graph is empty -> HTTP server. Nothing else creates a driver for the server.

import { authenticatorFromConfig } from './auth/fromConfig';
import type { Config } from './config';
import { openGraph } from './db/connect';
import type { Db } from './db/run';
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

/** Starts everything the configuration asks for and serves. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const graph = await openGraph(config, logger);
  try {
    const { db } = graph;
    if (config.seedOnStart && (await loadedDatasetVersion(db)) === null) {
      const summary = await seedGraph(db, await readSeedDataset(config.seedsDir));
      logger.info('graph was empty: seeded', { ...summary });
    }

    const limits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const { httpServer, apollo } = await createHttpApp({
      db,
      limits,
      logger,
      introspection: config.introspection,
      requestTimeoutMs: config.requestTimeoutMs,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      maxResponseBytes: config.maxResponseBytes,
      authenticate: authenticatorFromConfig(config.auth, db),
    });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;

    let stopping: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      db,
      stop: () =>
        (stopping ??= (async () => {
          await apollo.stop();
          await graph.close();
        })()),
    };
  } catch (error) {
    await graph.close();
    throw error;
  }
}
