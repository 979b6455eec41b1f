// The in-process load loop that drives the floor (N concurrent workers for a fixed time)
// and the statistics every scenario is summarised with, as pure functions.

/** Microseconds per call of `work`, over `iterations` after a tenth as many to warm up. */
export function microsPer(iterations: number, work: () => unknown): number {
  for (let i = 0; i < iterations / 10; i++) work();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) work();
  return ((performance.now() - started) * 1000) / iterations;
}

/**
 * The p-th percentile of `sorted` (ascending), 0 <= p <= 100, by linear interpolation
 * between the two nearest ranks: rank h = (n - 1) * p / 100, value
 * x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]). This is Hyndman and
 * Fan's definition 7, the default of NumPy, R and spreadsheet PERCENTILE.
 * @throws TypeError when `sorted` is empty or not ascending, or p is outside 0..100.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0)
    throw new TypeError('percentile expects at least one value, received an empty list');
  if (!(p >= 0 && p <= 100)) throw new TypeError(`percentile expects p from 0 to 100, received ${String(p)}`);
  for (let i = 1; i < sorted.length; i += 1) {
    if ((sorted[i] as number) < (sorted[i - 1] as number)) {
      throw new TypeError(
        `percentile expects values in ascending order; index ${i} is smaller than index ${i - 1}`,
      );
    }
  }
  const rank = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(rank);
  const below = sorted[lower] as number;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return below + (rank - lower) * (above - below);
}

/** What one load run measured; latencies in milliseconds, throughput per second. */
export interface LoadSummary {
  /** Requests that completed successfully. */
  requests: number;
  /** Requests that failed (an error, a non-2xx status or a GraphQL error). */
  errors: number;
  /** Wall time from the first request sent to the last answer received, in ms. */
  elapsedMs: number;
  /** Successful requests per second of `elapsedMs`. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * Summarises the latencies (ms, any order) of the successful requests of one run.
 * @throws TypeError when there are no latencies or `elapsedMs` is not positive.
 */
export function summariseLoad(latenciesMs: readonly number[], elapsedMs: number, errors = 0): LoadSummary {
  if (latenciesMs.length === 0)
    throw new TypeError('summariseLoad expects at least one latency, received none');
  if (!(elapsedMs > 0))
    throw new TypeError(`summariseLoad expects a positive elapsedMs, received ${String(elapsedMs)}`);
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    requests: sorted.length,
    errors,
    elapsedMs,
    requestsPerSecond: (sorted.length * 1000) / elapsedMs,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: total / sorted.length,
    minMs: sorted[0] as number,
    maxMs: sorted[sorted.length - 1] as number,
  };
}

/** The latency of each successful request of a run, and how the run went. */
export interface LoadSamples {
  latenciesMs: number[];
  errors: number;
  elapsedMs: number;
  /** The first error thrown, to show when a run fails. */
  firstError: unknown;
}

/**
 * Pools the samples of several runs of the same load (e.g. rounds alternating with another
 * load, so both see the same background noise): latencies concatenated, times and errors
 * added, the first error kept.
 * @throws TypeError when there is nothing to pool.
 */
export function poolSamples(runs: readonly LoadSamples[]): LoadSamples {
  if (runs.length === 0) throw new TypeError('poolSamples expects at least one run, received none');
  return {
    latenciesMs: runs.flatMap((run) => run.latenciesMs),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    elapsedMs: runs.reduce((sum, run) => sum + run.elapsedMs, 0),
    firstError: runs.find((run) => run.firstError !== null)?.firstError ?? null,
  };
}

export interface LoadOptions {
  /** Concurrent workers, each sending its next request when the previous one is answered. */
  workers: number;
  /** Workers start no new request after this many milliseconds. */
  durationMs: number;
  /** One request; a rejection counts as an error and its latency is not recorded. */
  request: () => Promise<void>;
  /** The clock, in milliseconds (default performance.now); tests pass a fake one. */
  now?: () => number;
}

/**
 * Runs `request` from `workers` concurrent loops until `durationMs` has passed, then
 * waits for the requests in flight (closed-loop load, like autocannon's connections).
 * @throws TypeError when workers is not a positive integer or durationMs is not positive.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSamples> {
  const { workers, durationMs, request } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new TypeError(`runLoad expects workers to be a positive integer, received ${String(workers)}`);
  }
  if (!(durationMs > 0))
    throw new TypeError(`runLoad expects a positive durationMs, received ${String(durationMs)}`);
  const now = options.now ?? (() => performance.now());
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: unknown = null;
  const started = now();
  const deadline = started + durationMs;

  async function worker(): Promise<void> {
    while (now() < deadline) {
      const sent = now();
      try {
        await request();
        latenciesMs.push(now() - sent);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  }

  await Promise.all(Array.from({ length: workers }, () => worker()));
  return { latenciesMs, errors, elapsedMs: now() - started, firstError };
}
