// The process's Prometheus metrics (prom-client) and the typed functions that feed them:
// GraphQL requests and refusals (fed by the protection plugin), Neo4j state and restarts
// (fed by the supervisor), import runs (read from the graph at scrape time).

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The one registry /metrics exposes. */
export const metricsRegistry = new Registry();

/** How a GraphQL request ended; `refused_*` ones never reached a resolver. */
export type RequestOutcome =
  'success' | 'error' | 'invalid' | 'refused_cost' | 'refused_rate' | 'refused_busy';

/** Why an operation was refused before it ran. */
export type RefusalReason = 'cost' | 'limits' | 'rate' | 'busy';

const requests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL requests by operation name and outcome',
  labelNames: ['operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

const duration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'GraphQL request latency from receipt to response, by operation name and outcome',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

const refusals = new Counter({
  name: 'graphql_refusals_total',
  help: 'Operations refused before execution: cost (QUERY_TOO_COMPLEX over the cost limit), limits (depth, aliases, root fields, tokens, directives), rate (RATE_LIMITED), busy (ANALYTICS_BUSY)',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

const operationCost = new Histogram({
  name: 'graphql_operation_cost',
  help: 'Priced cost (points) of the operations that were priced',
  buckets: [10, 100, 1000, 10_000, 50_000, 100_000, 1_000_000],
  registers: [metricsRegistry],
});

const neo4jUp = new Gauge({
  name: 'neo4j_up',
  help: '1 when Neo4j answers, 0 when it is down',
  registers: [metricsRegistry],
});

const neo4jRestarts = new Counter({
  name: 'neo4j_restarts_total',
  help: 'Restarts of the embedded Neo4j by the supervisor',
  registers: [metricsRegistry],
});

/** Distinct operation names kept as labels; more are counted under "other" (names are client-chosen). */
export const MAX_OPERATION_LABELS = 200;
const seenOperations = new Set<string>();

/** The label of an operation name: its name when plain and among the first 200 seen, else "anonymous"/"other". */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'other';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
  seenOperations.add(name);
  return name;
}

/** Counts one GraphQL request and its latency in seconds. */
export function recordRequest(
  operation: string | null | undefined,
  outcome: RequestOutcome,
  seconds: number,
): void {
  const labels = { operation: operationLabel(operation), outcome };
  requests.inc(labels);
  duration.observe(labels, seconds);
}

/** Counts one refusal before execution. */
export function recordRefusal(reason: RefusalReason): void {
  refusals.inc({ reason });
}

/** Records the priced cost of one operation. */
export function recordOperationCost(points: number): void {
  if (Number.isFinite(points)) operationCost.observe(points);
  else operationCost.observe(Number.MAX_VALUE);
}

/** Sets neo4j_up: call with true when Neo4j answers again, false when it goes down. */
export function recordNeo4jState(up: boolean): void {
  neo4jUp.set(up ? 1 : 0);
}

/** Counts one restart of the embedded Neo4j. */
export function recordNeo4jRestart(): void {
  neo4jRestarts.inc();
}

/**
 * The import_runs gauge: runs per status as the graph records them, read at scrape time
 * (imports run in the CLI, another process). A failed read leaves the series out of that
 * scrape rather than failing /metrics.
 */
export function registerImportRunGauge(read: () => Promise<Record<string, number>>): void {
  metricsRegistry.removeSingleMetric('import_runs');
  new Gauge({
    name: 'import_runs',
    help: 'Import runs recorded in the graph, by status (RUNNING, COMMITTED, ROLLED_BACK)',
    labelNames: ['status'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      try {
        for (const [status, runs] of Object.entries(await read())) this.set({ status }, runs);
      } catch {
        // Neo4j down: neo4j_up says so; the import series is simply absent from this scrape.
      }
    },
  });
}

/** Gauges read at scrape time, e.g. the analytics pool's occupancy. */
export function registerPoolGauges(read: () => { active: number; queued: number }): void {
  for (const [name, help, key] of [
    ['analytics_pool_active', 'Analytics operations running now', 'active'],
    ['analytics_pool_queued', 'Analytics operations waiting for a place now', 'queued'],
  ] as const) {
    metricsRegistry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      registers: [metricsRegistry],
      collect() {
        this.set(read()[key]);
      },
    });
  }
}

// Created on first use: only a server with a shared budget store (RATE_LIMIT_STORE) has them.
let budgetStoreUp: Gauge | null = null;
let budgetFallbacks: Counter | null = null;

/** Sets rate_limit_store_up: 1 while the shared budget store answers, 0 while budgets are per process. */
export function recordBudgetStoreUp(up: boolean): void {
  budgetStoreUp ??= new Gauge({
    name: 'rate_limit_store_up',
    help: '1 while the shared budget store (RATE_LIMIT_STORE) answers; 0 while each process budgets alone',
    registers: [metricsRegistry],
  });
  budgetStoreUp.set(up ? 1 : 0);
}

/** Counts one charge made in this process's buckets because the shared budget store did not answer. */
export function recordBudgetFallback(): void {
  budgetFallbacks ??= new Counter({
    name: 'rate_limit_store_fallback_charges_total',
    help: 'Budget charges made in this process because the shared budget store did not answer',
    registers: [metricsRegistry],
  });
  budgetFallbacks.inc();
}

/** One cache's size as /metrics reports it. */
export interface CacheSize {
  /** e.g. `responses`, `documents`, `plans`, `analytics`, `persisted_queries`. */
  cache: string;
  entries: number;
  /** What its entries are counted at, in bytes. */
  bytes: number;
  /** Its budget in bytes (a share of MEMORY_LIMIT_MIB). */
  budgetBytes: number;
}

/**
 * Gauges read at scrape time: every cache's entries, bytes and budget (`cache_entries`,
 * `cache_bytes`, `cache_budget_bytes`, by `cache`), and `memory_budget_bytes`, the
 * MEMORY_LIMIT_MIB they are shares of.
 */
export function registerCacheGauges(memoryBudgetBytes: number, read: () => CacheSize[]): void {
  const series = [
    ['cache_entries', 'Entries each cache holds now', 'entries'],
    ['cache_bytes', 'Bytes the entries of each cache are counted at now (as they sit in memory)', 'bytes'],
    ['cache_budget_bytes', "Each cache's budget in bytes, a share of MEMORY_LIMIT_MIB", 'budgetBytes'],
  ] as const;
  for (const [name, help, key] of series) {
    metricsRegistry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      labelNames: ['cache'] as const,
      registers: [metricsRegistry],
      collect() {
        this.reset();
        for (const size of read()) this.set({ cache: size.cache }, size[key]);
      },
    });
  }
  metricsRegistry.removeSingleMetric('memory_budget_bytes');
  new Gauge({
    name: 'memory_budget_bytes',
    help: 'The memory one API process may use (MEMORY_LIMIT_MIB), of which the caches take their shares',
    registers: [metricsRegistry],
  }).set(memoryBudgetBytes);
}

let defaultsCollected = false;

/** Adds prom-client's process metrics (CPU, memory, event-loop lag, GC) once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** The exposition in Prometheus text format, and its content type. */
export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
