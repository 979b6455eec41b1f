// Computes the shared analytics of each data version in the background (the gap projection
// behind coverage and gap answers, the default network projections, and from them the graph
// statistics the query price rests on), after start-up and after every change of the data
// version, so that the first reader does not pay for them.

import type { Db } from '../db/run';
import { readDataVersion } from '../db/stats';
import type { Logger } from '../logger';
import { sharedDefaultWhiteSpots, sharedGapProjection } from './gaps';
import { type GraphStatistics, readGraphStatistics } from './graphStatistics';
import { prewarmedNetworkRequests, sharedNetwork } from './networks';
import type { AnalyticsScope } from './sharedPerVersion';

/** How often the data version is read to notice writes, also those of other processes (one index lookup). */
export const PREWARM_INTERVAL_MS = 5_000;

export interface AnalyticsPrewarmOptions {
  db: Db;
  /** The memo the requests read (src/cache/versionedCache.ts VersionedMemo). */
  analytics: NonNullable<AnalyticsScope['analytics']>;
  /**
   * A read of the version the memo is keyed by: the server's shared data-version reads, which
   * count the database's epoch in (src/cache/cacheVersions.ts); default: the plain data version.
   */
  readVersion?: () => Promise<number>;
  logger: Logger;
  /** Between two reads of the data version (default PREWARM_INTERVAL_MS). */
  intervalMs?: number;
  /**
   * Receives each version's graph statistics (src/resolvers/graphStatistics.ts), read last,
   * from the analytics just warmed; without it they are not read.
   */
  onStatistics?: (statistics: GraphStatistics) => void;
}

export interface AnalyticsPrewarm {
  /** Settles when the warming under way, if any, has ended (at start-up: the first version's). */
  ready(): Promise<void>;
  /**
   * Stops: no computation starts any more and the statement in flight is terminated (its
   * session is closed); settles when the running warming has ended. Idempotent.
   */
  stop(): Promise<void>;
  /** The data versions warmed so far, oldest first (for tests and logs). */
  readonly warmed: readonly number[];
}

/** One computation of a version's analytics: a name for logs and the shared computation to start. */
interface PrewarmTask {
  name: string;
  run(scope: AnalyticsScope & { db: Db }): Promise<unknown>;
}

function tasks(onStatistics: AnalyticsPrewarmOptions['onStatistics']): PrewarmTask[] {
  return [
    { name: 'gapProjection', run: (scope) => sharedGapProjection(scope) },
    // Its coverage matrix is the default coverageMatrix's too; pure CPU, no statement (gaps.ts).
    { name: 'whiteSpots', run: (scope) => sharedDefaultWhiteSpots(scope) },
    ...prewarmedNetworkRequests().map((request) => ({
      name: `network ${request.kind} ${request.basis}`,
      run: (scope: AnalyticsScope & { db: Db }) => sharedNetwork(scope, request, false),
    })),
    ...(onStatistics
      ? [
          {
            name: 'graphStatistics',
            run: async (scope: AnalyticsScope & { db: Db }) => onStatistics(await readGraphStatistics(scope)),
          },
        ]
      : []),
  ];
}

/**
 * Starts the prewarm: reads the data version now and every `intervalMs`; for each version not
 * yet warmed, runs the tasks one at a time through the same memo and keys as the resolvers, so
 * a request asking meanwhile awaits the running computation instead of starting its own, and a
 * result is kept only while its version is the newest (the memo refuses older ones). Reads are
 * never held back: requests do not wait for the prewarm, only share what it has started.
 */
export function startAnalyticsPrewarm(options: AnalyticsPrewarmOptions): AnalyticsPrewarm {
  const { analytics, logger } = options;
  const intervalMs = options.intervalMs ?? PREWARM_INTERVAL_MS;
  if (!Number.isInteger(intervalMs) || intervalMs < 1) {
    throw new TypeError(`startAnalyticsPrewarm expects intervalMs >= 1, received ${String(intervalMs)}`);
  }
  const shutdown = new AbortController();
  // Bounded by the query timeout per statement, and by stop(), which terminates the one in flight.
  const db = options.db.withScope({ signal: shutdown.signal, deadline: Number.MAX_SAFE_INTEGER });
  const warmed: number[] = [];
  const readVersion = options.readVersion ?? (() => readDataVersion(db));
  let timer: NodeJS.Timeout | null = null;

  async function warm(version: number): Promise<void> {
    const scope = { db, analytics, dataVersion: async () => version };
    const started = performance.now();
    for (const task of tasks(options.onStatistics)) {
      if (shutdown.signal.aborted) return;
      // A request has read a newer version: this one's results would not be kept (next tick warms it).
      if (analytics.stats().version > version) return;
      try {
        await task.run(scope);
      } catch (error) {
        // A failed task is forgotten by the memo; the first request that asks computes it again.
        if (!shutdown.signal.aborted)
          logger.warn('analytics prewarm task failed', { task: task.name, version, error: String(error) });
      }
    }
    if (shutdown.signal.aborted) return;
    warmed.push(version);
    logger.info('analytics prewarmed', { version, ms: Math.round(performance.now() - started) });
  }

  // While Neo4j is down every tick fails: one warning when that starts, not one per tick.
  let failing = false;

  async function tick(): Promise<void> {
    try {
      const version = await readVersion();
      failing = false;
      if (warmed.at(-1) !== version) await warm(version);
    } catch (error) {
      if (!shutdown.signal.aborted && !failing)
        logger.warn('analytics prewarm could not read the data version', { error: String(error) });
      failing = true;
    } finally {
      if (!shutdown.signal.aborted) {
        timer = setTimeout(() => (running = tick()), intervalMs);
        // The prewarm never keeps the process alive on its own.
        timer.unref();
      }
    }
  }

  let running = tick();
  return {
    warmed,
    ready: () => running,
    stop: async () => {
      shutdown.abort(new Error('the analytics prewarm was stopped'));
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
