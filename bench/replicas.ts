// `npm run bench:replicas`: throughput and latency through HAProxy with 1 and 3 API replicas,
// budgets in memory against budgets in Redis (the shared store's overhead), and 3 replicas with
// Redis stopped halfway (fail open); how many answers one anonymous client gets for one budget
// through 3 replicas with budgets in memory and in Redis (shared, or multiplied); and what the
// prewarm costs each replica at start-up. Writes its section of docs/benchmarks.md (--no-write:
// print only). Options: --seconds N (each run, default 10), --connections N (default 8), --repeats
// N (default 3: every setup N times, the order reversed on every other pass; the ratio to budgets
// in memory is the median of each pass's ratio, so that a burst of load on the shared machine
// falls on one pass, not on one side).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { startBenchApp } from './benchApp';
import { type LoadSummary, summariseLoad } from './load';
import { integerOption } from './options';
import { processCpuMs } from './processCpu';
import { startCluster, type ReplicaCluster } from './replicaCluster';
import { writeBenchmarksSection } from './benchmarksDoc';

/** A nested page (the house's usual read), asked again and again: mostly response-cache hits, each charged. */
const QUERY = '{ projects(first: 20) { nodes { id acronym call { shortTitle } funders { acronym } } } }';

interface Run {
  label: string;
  replicas: number;
  store: 'memory' | 'redis';
  stopRedisHalfway?: boolean;
}

const SECTION_START =
  '<!-- bench:replicas:start (written by npm run bench:replicas; edits inside are overwritten) -->';
const SECTION_END = '<!-- bench:replicas:end -->';

/**
 * Every run's replicas: at start-up a replica applies the schema and reads the data version and
 * epoch, which took over the default 15 s statement timeout at a load average of 40 on 2 cores
 * (the replica exited); no measured request comes near it.
 */
const SLOW_MACHINE_ENV = { QUERY_TIMEOUT_MS: '120000', REQUEST_TIMEOUT_MS: '150000' };

/** The load runs' replicas: budgets on and charged, never spent (the store's cost without refusals). */
const LOAD_ENV = { ...SLOW_MACHINE_ENV, RATE_LIMIT_POINTS: '1000000000', LOG_LEVEL: 'info' };

/** The budget runs' limits, as test/integration/replicas: 1,000 points that refill in a day. */
const BUDGET_ENV = { QUERY_MAX_COST: '1000', RATE_LIMIT_POINTS: '1000', RATE_LIMIT_WINDOW_S: '86400' };
/** A cheap read whose answer is charged its objects (about 45 on the seeds). */
const BUDGET_QUERY = '{ funders(first: 100) { nodes { id } } }';

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
  if (latenciesMs.length === 0)
    throw new Error(
      `no 2xx answer in ${seconds} s: ${errors} errors (${result.non2xx} non-2xx, ${result.timeouts} timeouts)`,
    );
  return summariseLoad(latenciesMs, performance.now() - started, errors);
}

/**
 * Warm-up: three answers per replica (round robin) fill each one's cache and create the bucket,
 * however long they take, and a failed one says its status. The timed warm-up of 2 s it
 * replaces ended without any 2xx answer at a load average of 30, and the run failed there.
 */
async function warmUp(url: string, replicas: number): Promise<void> {
  for (let request = 0; request < replicas * 3; request += 1) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`the warm-up expected 200, received ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** One anonymous client's requests, one at a time, until its first 429: what one budget bought. */
async function spendOneBudget(cluster: ReplicaCluster): Promise<{
  answered: number;
  charged: number;
  answeredBy: Record<string, number>;
  refusedBy: string[];
}> {
  const send = async (base: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: BUDGET_QUERY }),
    });
    const body = (await response.json()) as { extensions?: { cost?: { actual?: number } } };
    return { status: response.status, replica: response.headers.get('x-replica') ?? '?', body };
  };
  const answeredBy: Record<string, number> = {};
  let answered = 0;
  let charged = 0;
  // 1,000 points of about 45 each: some 22 answers per budget, 66 if three budgets; 500 bounds a broken run.
  for (let request = 0; request < 500; request += 1) {
    const answer = await send(cluster.url);
    if (answer.status === 429) break;
    if (answer.status !== 200)
      throw new Error(`the budget run expected 200 or 429, received ${answer.status}`);
    answered += 1;
    charged = answer.body.extensions?.cost?.actual ?? charged;
    answeredBy[answer.replica] = (answeredBy[answer.replica] ?? 0) + 1;
  }
  // Then each replica directly: does every one refuse the spent client?
  const refusedBy: string[] = [];
  for (const replica of cluster.replicas) {
    if ((await send(`http://127.0.0.1:${replica.port}`)).status === 429) refusedBy.push(replica.name);
  }
  return { answered, charged, answeredBy, refusedBy };
}

/** What a run cost besides its latency: CPU of the replicas and of Redis, and Redis scripts run. */
interface RunCost {
  /** CPU time (user + system) of every replica, in ms. */
  replicasCpuMs: number;
  /** CPU time of Redis, in ms (0 without it). */
  redisCpuMs: number;
  /** Budget scripts Redis ran (EVALSHA, and EVAL when a replica loads the script). */
  redisScripts: number;
}

/** The counters of RunCost so far; subtract two readings for a run's. */
async function runCostSoFar(cluster: ReplicaCluster, redis: Redis | null): Promise<RunCost> {
  let replicasCpuMs = 0;
  for (const replica of cluster.replicas) replicasCpuMs += processCpuMs(replica.child.pid!);
  if (!redis) return { replicasCpuMs, redisCpuMs: 0, redisScripts: 0 };
  const server = await redis.info('server');
  const stats = await redis.info('commandstats');
  let redisScripts = 0;
  for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm))
    redisScripts += Number(match[1]);
  const pid = Number(/^process_id:(\d+)/m.exec(server)?.[1]);
  return { replicasCpuMs, redisCpuMs: pid ? processCpuMs(pid) : 0, redisScripts };
}

/** The middle value (the upper of the two middles for an even count). */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** The machine's load average over 1, 5 and 15 minutes, as uptime prints it. */
function loadAverages(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
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
  const write = !process.argv.includes('--no-write');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-replicas-'));
  const { app, boltUri } = await startBenchApp(dataDir);
  const repeats = option('repeats', 3, 20);
  const rows: string[] = [];
  const budgetRows: string[] = [];
  const prewarm: Array<{ replicas: number; ms: number[] }> = [];
  const measured = new Map<Run, Array<{ summary: LoadSummary; load: string; cost: RunCost }>>(
    RUNS.map((run) => [run, []]),
  );
  try {
    // Three runs' time of the first setup whose figures are dropped: the first run after Neo4j
    // started was the slowest of its setup in every bench (the first pass's ratio 0.71 to 0.83,
    // budgets in memory coming first), and after one unmeasured run still (p50 4.44 ms against
    // 2.58 to 2.86 in the other passes); after three, 2.82 against 2.45 to 2.60.
    process.stdout.write(`warm-up run (not measured): ${RUNS[0]!.label}...\n`);
    const warmUpCluster = await startCluster({
      neo4jUri: boltUri,
      replicas: RUNS[0]!.replicas,
      budgetStore: RUNS[0]!.store,
      from: 'dist',
      env: LOAD_ENV,
    });
    try {
      await warmUp(warmUpCluster.url, RUNS[0]!.replicas);
      await load(warmUpCluster.url, connections, seconds * 3);
    } finally {
      await warmUpCluster.close();
    }
    for (let pass = 0; pass < repeats; pass += 1) {
      for (const run of pass % 2 === 0 ? RUNS : [...RUNS].reverse()) {
        process.stdout.write(`pass ${pass + 1}/${repeats}: ${run.label}...\n`);
        const loadAtStart = loadAverages();
        const cluster = await startCluster({
          neo4jUri: boltUri,
          replicas: run.replicas,
          budgetStore: run.store,
          from: 'dist',
          // Budgets on and charged, never spent: the store's cost without refusals.
          env: LOAD_ENV,
        });
        try {
          await warmUp(cluster.url, run.replicas);
          const halfway = run.stopRedisHalfway ? () => cluster.redis!.stop() : undefined;
          // Redis's counters are read before and after, except in the run that stops it.
          const redis = cluster.redis && !run.stopRedisHalfway ? new Redis(cluster.redis.url) : null;
          try {
            const before = await runCostSoFar(cluster, redis);
            const summary = await load(cluster.url, connections, seconds, halfway);
            const after = await runCostSoFar(cluster, redis);
            const cost: RunCost = {
              replicasCpuMs: after.replicasCpuMs - before.replicasCpuMs,
              redisCpuMs: after.redisCpuMs - before.redisCpuMs,
              redisScripts: after.redisScripts - before.redisScripts,
            };
            prewarm.push({ replicas: run.replicas, ms: prewarmMs(cluster) });
            measured.get(run)!.push({ summary, load: loadAtStart, cost });
          } finally {
            redis?.disconnect();
          }
        } finally {
          await cluster.close();
        }
      }
    }
    for (const run of RUNS) {
      const passes = measured.get(run)!;
      const memoryRun = RUNS.find((other) => other.replicas === run.replicas && other.store === 'memory')!;
      const ratios =
        run.store === 'redis'
          ? passes.map((entry, pass) => entry.summary.p50Ms / measured.get(memoryRun)![pass]!.summary.p50Ms)
          : [];
      // CPU per answer: a ratio that CPU sharing with the other engineers' work moves less than latency.
      const cpuPerAnswer = (entry: { summary: LoadSummary; cost: RunCost }) =>
        (entry.cost.replicasCpuMs * 1000) / Math.max(1, entry.summary.requests);
      const cpuRatios =
        run.store === 'redis' && !run.stopRedisHalfway
          ? passes.map((entry, pass) => cpuPerAnswer(entry) / cpuPerAnswer(measured.get(memoryRun)![pass]!))
          : [];
      const of = (pick: (summary: LoadSummary) => number) =>
        median(passes.map((entry) => pick(entry.summary)));
      const redisPerAnswer = (pick: (cost: RunCost) => number, digits: number) =>
        run.store === 'redis' && !run.stopRedisHalfway
          ? median(passes.map((entry) => pick(entry.cost) / Math.max(1, entry.summary.requests))).toFixed(
              digits,
            )
          : '';
      const listed = (values: number[]) =>
        values.length ? `${median(values).toFixed(2)}x (${values.map((r) => r.toFixed(2)).join(', ')})` : '';
      rows.push(
        `| ${run.label} | ${of((x) => x.requestsPerSecond).toFixed(0)} | ${of((x) => x.p50Ms).toFixed(1)} | ` +
          `${of((x) => x.p99Ms).toFixed(1)} | ${listed(ratios)} | ` +
          `${median(passes.map(cpuPerAnswer)).toFixed(0)} | ${listed(cpuRatios)} | ` +
          `${redisPerAnswer((cost) => cost.redisScripts, 2)} | ${redisPerAnswer((cost) => cost.redisCpuMs * 1000, 0)} | ` +
          `${passes.reduce((sum, entry) => sum + entry.summary.errors, 0)} | ${passes.map((entry) => entry.load).join('; ')} |`,
      );
    }
    for (const store of ['memory', 'redis'] as const) {
      process.stdout.write(`one budget, 3 replicas, budgets in ${store}...\n`);
      const cluster = await startCluster({
        neo4jUri: boltUri,
        replicas: 3,
        budgetStore: store,
        from: 'dist',
        env: { ...SLOW_MACHINE_ENV, ...BUDGET_ENV, LOG_LEVEL: 'info' },
      });
      try {
        const spent = await spendOneBudget(cluster);
        const points = Number(BUDGET_ENV.RATE_LIMIT_POINTS);
        const spread = Object.entries(spent.answeredBy)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, count]) => `${name} ${count}`)
          .join(', ');
        budgetRows.push(
          `| budgets in ${store === 'redis' ? 'Redis (shared)' : 'memory (per replica)'} | ${spent.answered} | ` +
            `${spread} | ${spent.charged} | ${(spent.answered / Math.floor(points / spent.charged)).toFixed(1)}x | ` +
            `${spent.refusedBy.length ? spent.refusedBy.join(', ') : 'none'} |`,
        );
      } finally {
        await cluster.close();
      }
    }
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const prewarmLine = (replicas: number) => {
    const ms = prewarm.filter((entry) => entry.replicas === replicas).flatMap((entry) => entry.ms);
    return ms.length
      ? `${replicas === 1 ? 'one replica alone' : `${replicas} replicas started one after another`}: median ` +
          `${median(ms)} ms, max ${Math.max(...ms)} ms (${ms.length} starts)`
      : `${replicas} replicas: no prewarm logged`;
  };
  const load1 = os.loadavg()[0] ?? 0;
  const section = [
    SECTION_START,
    '## Several replicas behind HAProxy (npm run bench:replicas)',
    '',
    `Measured ${new Date().toISOString()} on ${os.cpus()[0]?.model.trim() ?? 'unknown'} (nproc ${os.availableParallelism()}), ` +
      `Node ${process.version}; load average ${load1.toFixed(1)} at the end` +
      " (it counts the bench's own replicas, HAProxy, Redis, Neo4j and load generator, which keep the cores busy;" +
      ' the last column shows it at the start of each run).',
    'One embedded Neo4j with the seeds; each run starts Redis (when budgets are in Redis), the API',
    'replicas (dist/, one after another) and HAProxy (round robin, /ready checked every 500 ms).',
    `${connections} connections, ${seconds} s per run after a warm-up of three answers per replica (and ${seconds * 3} s`,
    `of the first setup, unmeasured, before all), the nested`,
    `page of 20 projects (response-cache hits, each charged to the one anonymous client); every setup run`,
    `${repeats} times, the order of the setups reversed on every other pass; req/s, p50 and p99 are the medians`,
    "of the passes, the ratio is the median of each pass's ratio (each pass's in brackets).",
    'CPU per answer is the user and system time of the replicas (from /proc) over the answers, its',
    "ratio again the median of each pass's; Redis calls are the budget scripts Redis ran per answer",
    '(2 before budgets were leased in slices: a charge and a refund), and Redis CPU its own time.',
    'Replicas on one 2-core machine',
    'share its cores with HAProxy, Redis, Neo4j and the load generator: the point is the shared',
    "store's overhead (aim under 10% p50 against budgets in memory), not scaling. Load average",
    '(1, 5, 15 min) at the start of each pass of the setup in the last column.',
    '',
    '| setup | req/s | p50 ms | p99 ms | p50 vs memory (passes) | replica CPU us/answer | CPU vs memory (passes) | Redis calls/answer | Redis CPU us/answer | errors | load average at each pass |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `One budget (${BUDGET_ENV.RATE_LIMIT_POINTS} points that refill in a day, cost limit ${BUDGET_ENV.QUERY_MAX_COST}):`,
    `one anonymous client sends \`${BUDGET_QUERY}\` through HAProxy to 3 replicas, one`,
    'request at a time, until its first 429; then once to each replica directly. "Budgets" is the',
    'answers over what one budget buys (points / charge per answer).',
    '',
    '| budgets | answered before the first 429 | by replica | charged per answer | budgets | replicas refusing after |',
    '| --- | ---: | --- | ---: | ---: | --- |',
    ...budgetRows,
    '',
    `The prewarm (analytics and graph statistics of the data version, logged as "analytics prewarmed")`,
    `per replica at start-up: ${prewarmLine(1)}; ${prewarmLine(3)}. After it, each replica reads the`,
    'data version once per ANALYTICS_PREWARM_INTERVAL_S (5 s): one indexed lookup, and the prewarm runs',
    'again only when the version changed.',
    SECTION_END,
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (write) {
    writeBenchmarksSection(section, { start: SECTION_START, end: SECTION_END });
    process.stdout.write('Wrote docs/benchmarks.md\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
