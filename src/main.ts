// The composition root: configuration -> Neo4j (embedded or server, supervised) -> schema ->
// undo of crashed imports -> seeds when the graph is empty -> HTTP server. Nothing else
// creates a driver for the server.

import v8 from 'node:v8';
import { authenticatorFromConfig } from './auth/fromConfig';
import { type Config, NODE_HEAP_SHARE } from './config';
import { openGraph } from './db/connect';
import type { Db } from './db/run';
import type { DatabaseSupervisor } from './db/supervisor';
import { loadedDatasetVersion, seedGraph } from './db/seedGraph';
import { type AnalyticsPrewarm, createHttpApp } from './http/app';
import { RedisBudgets } from './http/redisBudgets';
import { recordNeo4jRestart, recordNeo4jState } from './http/metrics';
import { recoverInterruptedImports } from './import/recoverImports';
import type { Logger } from './logger';
import { readSeedDataset } from './seed/readSeedDataset';

export interface RunningApp {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  db: Db;
  /** Neo4j's state: onStateChange((state) => ...) for metrics, status() for probes. */
  supervisor: DatabaseSupervisor;
  /** Settles when the background computation of shared analytics under way has ended (bench, tests). */
  analyticsReady(): Promise<void>;
  /** Stops accepting requests, drains them, closes the driver and stops the embedded Neo4j cleanly. */
  stop(): Promise<void>;
}

/** How long start-up waits for the shared budget store before serving with per-process budgets. */
const BUDGET_STORE_WAIT_MS = 5000;

/** Starts everything the configuration asks for and serves. */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  logHeapLimit(config, logger);
  const graph = await openGraph(config, logger, { restart: true });
  let prewarm: AnalyticsPrewarm | null = null;
  let budgets: RedisBudgets | null = null;
  try {
    const { db, supervisor } = graph;
    // Before anything is served: no half-applied import may be visible (docs/import.md).
    await recoverInterruptedImports(db, {
      exclusive: config.neo4j.mode === 'embedded',
      actor: 'server',
      logger,
    });
    if (config.seedOnStart && (await loadedDatasetVersion(db)) === null) {
      const summary = await seedGraph(db, await readSeedDataset(config.seedsDir));
      logger.info('graph was empty: seeded', { ...summary });
    }

    // neo4j_up and neo4j_restarts_total follow the supervisor (every return to up is a recovery).
    recordNeo4jState(supervisor.status().state === 'up');
    supervisor.onStateChange((state) => {
      recordNeo4jState(state === 'up');
      if (state === 'up') recordNeo4jRestart();
    });

    if (config.budgetStore.kind === 'redis') {
      budgets = new RedisBudgets({
        url: config.budgetStore.url,
        leasePercent: config.budgetStore.leasePercent,
        windowSeconds: config.protection.rateLimit.windowSeconds,
        logger,
      });
      // Serving starts either way: without Redis each process budgets alone until it answers.
      await budgets.ready(BUDGET_STORE_WAIT_MS);
    }

    const limits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const { httpServer, apollo, analyticsPrewarm } = await createHttpApp({
      db,
      limits,
      logger,
      planner: config.queryPlanner,
      introspection: config.introspection,
      databaseStatus: () => supervisor.status(),
      requestTimeoutMs: config.requestTimeoutMs,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      maxResponseBytes: config.maxResponseBytes,
      publicUrl: config.publicUrl,
      responseCache: config.responseCache.enabled ? { maxBytes: config.responseCache.maxBytes } : null,
      authenticate: authenticatorFromConfig(config.auth, db),
      protection: config.protection,
      ...(budgets && { budgets }),
      // The first coverage answer after start-up took 2.9 s at 30,000 projects (bench:scale).
      prewarmAnalytics: config.analyticsPrewarm.enabled,
      prewarmIntervalMs: config.analyticsPrewarm.intervalMs,
      memory: config.memory,
    });
    prewarm = analyticsPrewarm;
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
      supervisor,
      analyticsReady: () => analyticsPrewarm?.ready() ?? Promise.resolve(),
      stop: () =>
        (stopping ??= (async () => {
          await apollo.stop();
          await analyticsPrewarm?.stop();
          await budgets?.close();
          await graph.close();
        })()),
    };
  } catch (error) {
    await prewarm?.stop();
    await budgets?.close();
    await graph.close();
    throw error;
  }
}

/**
 * Says so when Node may grow its heap past MEMORY_LIMIT_MIB: the caches keep to their shares,
 * but garbage is collected only as the heap nears its limit, so a limit above the memory the
 * process has lets it grow until the container is killed.
 */
function logHeapLimit(config: Config, logger: Logger): void {
  const mib = 1024 * 1024;
  const heapLimitMiB = Math.round(v8.getHeapStatistics().heap_size_limit / mib);
  const memoryLimitMiB = config.memory.limitBytes / mib;
  if (heapLimitMiB > memoryLimitMiB) {
    logger.info("Node's heap limit is above MEMORY_LIMIT_MIB", {
      heapLimitMiB,
      memoryLimitMiB,
      hint: `start node with --max-old-space-size=${Math.floor(memoryLimitMiB * NODE_HEAP_SHARE)} (docs/operations.md#memory)`,
    });
  }
}
