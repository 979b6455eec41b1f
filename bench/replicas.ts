// `npm run bench:replicas`: throughput and latency through HAProxy with 1 and 3 API replicas,
// budgets in memory against budgets in Redis (the shared store's overhead), and 3 replicas with
// Redis stopped halfway (fail open). Results are printed as a markdown table for
// docs/benchmarks.md. Options: --seconds N (each run, default 10), --connections N (default 8).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startBenchApp } from './benchApp';
import { summariseLoad } from './load';
import { integerOption } from './options';
import { startCluster, type ReplicaCluster } from './replicaCluster';

/** A nested page (the house's usual read), asked again and again: mostly response-cache hits, each charged. */
const QUERY = '{ projects(first: 20) { nodes { id acronym call { shortTitle } funders { acronym } } } }';

interface Run {
  label: string;
  replicas: number;
  store: 'memory' | 'redis';
  stopRedisHalfway?: boolean;
}

const RUNS: Run[] = [
  { label: '1 replica, budgets in memory', replicas: 1, store: 'memory' },
  { label: '1 replica, budgets in Redis', replicas: 1, store: 'redis' },
  { label: '3 replicas, budgets in memory', replicas: 3, store: 'memory' },
  { label: '3 replicas, budgets in Redis', replicas: 3, store: 'redis' },
  { label: '3 replicas, Redis stopped halfway', replicas: 3, store: 'redis', stopRedisHalfway: true },
];

function option(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : integerOption(name, process.argv[index + 1] ?? '', 1, max);
}

/** Closed-loop load through the balancer; 429s and errors counted, latencies of 2xx answers kept. */
async function load(url: string, connections: number, seconds: number, halfway?: () => Promise<void>) {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const timer = halfway && setTimeout(() => void halfway(), (seconds * 1000) / 2);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
        connections,
        duration: seconds,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latenciesMs.push(ms);
    });
  });
  if (timer) clearTimeout(timer);
  const errors = result.errors + result.timeouts + result.non2xx;
  return summariseLoad(latenciesMs, performance.now() - started, errors);
}

/** Milliseconds each replica's prewarm logged for the data version it found at start-up. */
function prewarmMs(cluster: ReplicaCluster): number[] {
  return cluster.replicas.flatMap((replica) =>
    replica.log
      .map((line) => JSON.parse(line) as { message?: string; ms?: number })
      .filter((entry) => entry.message === 'analytics prewarmed' && typeof entry.ms === 'number')
      .slice(0, 1)
      .map((entry) => entry.ms!),
  );
}

async function main(): Promise<void> {
  const seconds = option('seconds', 10, 600);
  const connections = option('connections', 8, 256);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-replicas-'));
  const { app, boltUri } = await startBenchApp(dataDir);
  const rows: string[] = [];
  const prewarm: number[] = [];
  let memoryP50: Record<number, number> = {};
  try {
    for (const run of RUNS) {
      const cluster = await startCluster({
        neo4jUri: boltUri,
        replicas: run.replicas,
        budgetStore: run.store,
        from: 'dist',
        // Budgets on and charged, never spent: the store's cost without refusals.
        env: { RATE_LIMIT_POINTS: '1000000000', LOG_LEVEL: 'info' },
      });
      try {
        // Warm-up: the first answers fill each replica's cache and the bucket exists.
        await load(cluster.url, connections, 2);
        const halfway = run.stopRedisHalfway ? () => cluster.redis!.stop() : undefined;
        const summary = await load(cluster.url, connections, seconds, halfway);
        prewarm.push(...prewarmMs(cluster));
        if (run.store === 'memory' && !run.stopRedisHalfway)
          memoryP50 = { ...memoryP50, [run.replicas]: summary.p50Ms };
        const base = memoryP50[run.replicas];
        const ratio = run.store === 'redis' && base ? `${(summary.p50Ms / base).toFixed(2)}x` : '';
        rows.push(
          `| ${run.label} | ${summary.requestsPerSecond.toFixed(0)} | ${summary.p50Ms.toFixed(1)} | ` +
            `${summary.p99Ms.toFixed(1)} | ${ratio} | ${summary.errors} |`,
        );
      } finally {
        await cluster.close();
      }
    }
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const sortedPrewarm = [...prewarm].sort((a, b) => a - b);
  process.stdout.write(
    [
      `${connections} connections, ${seconds} s per run through HAProxy, the nested page of 20 projects (response-cache hits, each charged).`,
      '',
      '| setup | req/s | p50 ms | p99 ms | p50 vs memory | errors |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      `Prewarm per replica at start-up (ms, ${sortedPrewarm.length} replicas): median ${
        sortedPrewarm[Math.floor(sortedPrewarm.length / 2)] ?? 'n/a'
      }, max ${sortedPrewarm.at(-1) ?? 'n/a'}.`,
      `Load average ${os.loadavg()[0]?.toFixed(1)} at the end (${os.cpus().length} cores; the machine is shared).`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
