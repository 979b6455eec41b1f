// `npm run bench:memory`: one API process flooded with distinct query texts (every request a
// cache miss, budgets off) while its memory is sampled: RSS over time, heap and external
// buffers after garbage collection at the end, and the caches' sizes as /metrics reports them.
// Writes its section of docs/benchmarks.md and docs/benchmarks-memory.json.

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NODE_HEAP_SHARE, parseConfig, PROJECT_ROOT } from '../src/config';
import { createDriver } from '../src/db/driver';
import type { EmbeddedNeo4j } from '../src/db/embedded';
import { applySchema } from '../src/db/migrations';
import { createDb } from '../src/db/run';
import { seedGraph } from '../src/db/seedGraph';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { type FloodVocabulary, floodRequest, floodVocabulary } from './memoryFlood';
import {
  MEMORY_SECTION_END,
  MEMORY_SECTION_START,
  renderMemorySection,
  type MemoryReport,
  type MemoryTimePoint,
} from './memoryReport';
import type { MemorySample, MemoryServerMessage, MemoryServerRequest } from './memoryServer';
import { integerOption } from './options';
import { processCpuMs } from './processCpu';
import { writeBenchmarksSection } from './benchmarksDoc';
import { startBenchNeo4j } from './benchNeo4j';

const MIB = 1024 * 1024;

interface Settings {
  durationS: number;
  connections: number;
  /** Requests to send over the duration, evenly paced; 0: each connection sends as soon as it is answered. */
  requests: number;
  sampleS: number;
  /** --max-old-space-size of the server; 0 leaves Node's default. */
  heapMiB: number;
  write: boolean;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      // The issue's flood: about 40,000 distinct texts over 8 minutes from 32 connections.
      'duration-s': { type: 'string', default: '480' },
      connections: { type: 'string', default: '32' },
      requests: { type: 'string', default: String(ISSUE_FLOOD_REQUESTS) },
      'sample-s': { type: 'string', default: '5' },
      // As docker-compose.yml runs a replica: Node's heap at 5/8 of MEMORY_LIMIT_MIB (320 of 512).
      'heap-mib': { type: 'string', default: String(defaultHeapMiB()) },
      'no-write': { type: 'boolean', default: false },
    },
  });
  return {
    durationS: integerOption('duration-s', values['duration-s'], 10, 7200),
    connections: integerOption('connections', values.connections, 1, 256),
    requests: integerOption('requests', values.requests, 0, 10_000_000),
    sampleS: integerOption('sample-s', values['sample-s'], 1, 600),
    heapMiB: integerOption('heap-mib', values['heap-mib'], 0, 65_536),
    write: !values['no-write'],
  };
}

/** The issue's flood (issue 20 item 6): about 40,000 distinct texts over 8 minutes from 32 connections. */
const ISSUE_FLOOD_REQUESTS = 40_000;

/** Node's heap limit of a replica of the environment's MEMORY_LIMIT_MIB (default 512), as docker-compose.yml sets it. */
function defaultHeapMiB(): number {
  return Math.floor((parseConfig(process.env).memory.limitBytes / MIB) * NODE_HEAP_SHARE);
}

/** The seeded Neo4j the flood reads, in a fresh temporary folder. */
async function seededNeo4j(): Promise<{ server: EmbeddedNeo4j; dir: string; vocabulary: FloodVocabulary }> {
  const config = parseConfig(process.env);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-memory-'));
  const server = await startBenchNeo4j(config, dir);
  const seeds = await readSeedDataset(config.seedsDir);
  const driver = createDriver({ uri: server.uri });
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: config.importTimeoutMs });
    await applySchema(db);
    await seedGraph(db, seeds);
  } finally {
    await driver.close();
  }
  return { server, dir, vocabulary: floodVocabulary(seeds) };
}

/** The API process under test, over `boltUri`, with the flood's settings in its environment. */
function startServer(boltUri: string, settings: Settings): Promise<{ child: ChildProcess; url: string }> {
  const execArgv = ['--expose-gc', ...(settings.heapMiB ? [`--max-old-space-size=${settings.heapMiB}`] : [])];
  const child = fork(path.join(__dirname, 'memoryServer.js'), [], {
    execArgv,
    env: {
      ...process.env,
      NEO4J_URI: boltUri,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'error',
      // Start-up applies the schema, which a busy machine has taken longer than the default 15 s for.
      QUERY_TIMEOUT_MS: '120000',
      // Budgets off: one client sends everything (the issue's flood).
      RATE_LIMIT: 'false',
      RESPONSE_CACHE: 'true',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the memory server exited with ${code} before serving`)));
    child.on('message', (message: MemoryServerMessage) => {
      if (message.type === 'ready') resolve({ child, url: message.url });
    });
  });
}

function sampleOf(child: ChildProcess, gc: boolean): Promise<MemorySample> {
  return new Promise((resolve) => {
    const listener = (message: MemoryServerMessage) => {
      if (message.type !== 'sample') return;
      child.off('message', listener);
      resolve(message.sample);
    };
    child.on('message', listener);
    child.send({ type: 'sample', gc } satisfies MemoryServerRequest);
  });
}

/** The server's peak RSS so far (VmHWM), in bytes; null where /proc has no such line. */
function peakRss(pid: number): number | null {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Every `cache_*` and `memory_*` series of /metrics (the caches' sizes and budgets), by series text. */
async function cacheSeries(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const series: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^((?:cache|memory)_[a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/.exec(line);
    if (match) series[match[1]!] = Number(match[2]);
  }
  return series;
}

interface FloodCounts {
  sent: number;
  answered: number;
  /** Answers by outcome: `ok`, `errors` (200 with errors) or the HTTP status. */
  outcomes: Record<string, number>;
  /** From the first request sent to the last answer, in seconds. */
  seconds: number;
}

/**
 * Sends the flood: request i is due `i / rate` seconds after the start (evenly paced, `requests`
 * over the duration), sent by whichever of the connections is free; a due request waits for a
 * free connection, so a server slower than the rate is seen as an achieved rate below it. With
 * `requests` 0 each connection sends its next request as soon as the last is answered.
 */
async function flood(url: string, vocabulary: FloodVocabulary, settings: Settings): Promise<FloodCounts> {
  const counts: FloodCounts = { sent: 0, answered: 0, outcomes: {}, seconds: 0 };
  const began = performance.now();
  const deadline = began + settings.durationS * 1000;
  const intervalMs = settings.requests > 0 ? (settings.durationS * 1000) / settings.requests : 0;
  const count = (outcome: string) => (counts.outcomes[outcome] = (counts.outcomes[outcome] ?? 0) + 1);
  const connection = async () => {
    for (;;) {
      const index = counts.sent;
      const due = began + index * intervalMs;
      if (due >= deadline || performance.now() >= deadline) return;
      if (settings.requests > 0 && index >= settings.requests) return;
      counts.sent += 1;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const { query } = floodRequest(index, vocabulary);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        counts.answered += 1;
        count(response.status !== 200 ? String(response.status) : body.errors?.length ? 'errors' : 'ok');
      } catch {
        count('failed');
      }
    }
  };
  await Promise.all(Array.from({ length: settings.connections }, connection));
  counts.seconds = (performance.now() - began) / 1000;
  return counts;
}

/** CPU time so far (ms) of the bench itself (the flood's client), the API process and Neo4j. */
function cpuOf(pids: Record<keyof MemoryReport['cpu'], number>): Record<keyof MemoryReport['cpu'], number> {
  return {
    client: processCpuMs(pids.client),
    server: processCpuMs(pids.server),
    neo4j: processCpuMs(pids.neo4j),
  };
}

/** Each process's CPU over the flood, as a share of one core over `seconds`. */
function cpuSince(
  before: Record<keyof MemoryReport['cpu'], number>,
  after: Record<keyof MemoryReport['cpu'], number>,
  seconds: number,
): MemoryReport['cpu'] {
  const share = (name: keyof MemoryReport['cpu']) =>
    (after[name] - before[name]) / 1000 / Math.max(seconds, 1e-3);
  return { client: share('client'), server: share('server'), neo4j: share('neo4j') };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const date = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const { server, dir, vocabulary } = await seededNeo4j();
  let child: ChildProcess | null = null;
  try {
    const started = await startServer(server.uri, settings);
    child = started.child;
    const { url } = started;
    const atStart = await sampleOf(child, true);
    const timeline: MemoryTimePoint[] = [];
    const cpuPids = { client: process.pid, server: child.pid ?? -1, neo4j: server.pid };
    const cpuAtStart = cpuOf(cpuPids);
    const began = performance.now();
    let done = false;
    const running = flood(url, vocabulary, settings).finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, settings.sampleS * 1000));
      const point: MemoryTimePoint = {
        seconds: (performance.now() - began) / 1000,
        sample: await sampleOf(child, false),
        caches: await cacheSeries(url),
      };
      timeline.push(point);
      process.stdout.write(
        `${point.seconds.toFixed(0)} s: RSS ${(point.sample.rss / MIB).toFixed(0)} MiB, heap ` +
          `${(point.sample.heapUsed / MIB).toFixed(0)} MiB, external ${(point.sample.external / MIB).toFixed(0)} MiB\n`,
      );
    }
    const counts = await running;
    const cpu = cpuSince(cpuAtStart, cpuOf(cpuPids), counts.seconds);
    const afterGc = await sampleOf(child, true);
    const report: MemoryReport = {
      date,
      machine:
        `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ` +
        `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      loadAverage: { start: loadAtStart, end: os.loadavg() },
      settings: {
        durationS: settings.durationS,
        connections: settings.connections,
        requests: settings.requests,
        heapMiB: settings.heapMiB,
        environment: Object.fromEntries(
          ['MEMORY_LIMIT_MIB', 'RESPONSE_CACHE_MAX_MIB']
            .filter((name) => process.env[name] !== undefined)
            .map((name) => [name, process.env[name]!]),
        ),
      },
      requests: counts,
      cpu,
      atStart,
      timeline,
      peakRss: child.pid === undefined ? null : peakRss(child.pid),
      afterGc,
      cachesAtEnd: await cacheSeries(url),
    };
    const section = renderMemorySection(report);
    process.stdout.write(`\n${section}\n`);
    if (settings.write) {
      const docs = path.join(PROJECT_ROOT, 'docs');
      writeBenchmarksSection(section, { start: MEMORY_SECTION_START, end: MEMORY_SECTION_END });
      fs.writeFileSync(path.join(docs, 'benchmarks-memory.json'), `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write('Wrote docs/benchmarks.md (memory section) and docs/benchmarks-memory.json\n');
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.send({ type: 'stop' } satisfies MemoryServerRequest);
      await exited;
    }
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nbench:memory failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
