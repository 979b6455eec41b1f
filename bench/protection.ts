// `npm run bench:fairness`: the cost limits and budgets measured side by side in one run on one
// embedded Neo4j: (1) how fast the issue's 422-byte query is refused, (2) what pricing costs on
// the nested page (protection on vs off, alternating rounds), (3) a simple list query's p50
// while another client floods (fair sharing on vs off). Writes its section of docs/benchmarks.md.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_PROTECTION, parseConfig, type ProtectionConfig } from '../src/config';
import { freePort } from '../src/db/embedded';
import { VersionedMemo } from '../src/cache/versionedCache';
import { readDataVersion } from '../src/db/stats';
import { ANALYTICS_MEMO_ENTRIES, createHttpApp, GRAPHQL_PATH, type HttpApp } from '../src/http/app';
import { readGraphStatistics } from '../src/resolvers/graphStatistics';
import { createLogger, silentLogger } from '../src/logger';
import { type RunningApp, startApp } from '../src/main';
import {
  type LoadSummary,
  microsPer,
  percentile,
  poolSamples,
  runLoad,
  summariseLoad,
  type LoadSamples,
} from './load';
import { corpusPrice, parseCorpusQuery } from './queryCorpus';
import { SCENARIOS } from './scenarios';
import { writeBenchmarksSection } from './benchmarksDoc';

const SECTION_START =
  '<!-- bench:protection:start (written by npm run bench:fairness; edits inside are overwritten) -->';
const SECTION_END = '<!-- bench:protection:end -->';

/** The issue's query: call(id: "jtc2022") then funders/calls of 1000 alternating 15 levels. */
export function issueQuery(): string {
  let inner = 'id';
  for (let level = 15; level >= 1; level--)
    inner = `${level % 2 ? 'funders' : 'calls'}(first: 1000) { id ${inner} }`;
  return `{ call(id: "jtc2022") { ${inner} } }`;
}

/** n aliases of `field`. */
function aliases(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

/** Calls of operationCost timed for the pricing row (about a second on a quiet machine). */
const PRICING_ITERATIONS = 2000;

const VICTIM_QUERY = 'query SimpleList { projects(first: 10) { nodes { acronym year } } }';
const FLOOD_300 = aliases(300, 'cofundingNetwork { nodeCount edgeCount }');
// The most expensive flood the default limits accept: 90 networks of 1,006 points (90,540 <= 100,000).
const FLOOD_ACCEPTED = aliases(90, 'cofundingNetwork(limit: 5) { nodeCount edgeCount }');

interface Post {
  status: number;
  body: string;
  ms: number;
}

/** POSTs from a given loopback address, so budgets see distinct clients. */
function poster(url: string, localAddress: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, localAddress });
  const target = new URL(url);
  const send = (query: string, variables?: Record<string, unknown>): Promise<Post> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const payload = JSON.stringify({ query, variables });
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

async function listen(app: HttpApp): Promise<string> {
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}${GRAPHQL_PATH}`;
}

function summary(label: string, samples: LoadSamples): LoadSummary {
  if (samples.errors > 0)
    throw new Error(`${label}: ${samples.errors} failed; first: ${String(samples.firstError)}`);
  return summariseLoad(samples.latenciesMs, samples.elapsedMs, samples.errors);
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-bench-protection-'));
  let running: RunningApp | null = null;
  const apps: HttpApp[] = [];
  try {
    process.stdout.write('Starting an embedded Neo4j with the seeds...\n');
    const config = parseConfig({
      PORT: '0',
      NEO4J_DATA_DIR: dataDir,
      NEO4J_EMBEDDED_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      QUERY_TIMEOUT_MS: '120000',
      JAVA_HOME: process.env.JAVA_HOME,
    });
    running = await startApp(config, createLogger(config.logLevel));
    // The statistics every priced server below uses, read once as the prewarm reads them.
    const version = await readDataVersion(running.db);
    const statistics = await readGraphStatistics({
      db: running.db,
      analytics: new VersionedMemo(ANALYTICS_MEMO_ENTRIES),
      dataVersion: async () => version,
    });
    const limits = { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    const make = async (protection: ProtectionConfig | false) => {
      const app = await createHttpApp({
        db: running!.db,
        limits,
        logger: silentLogger,
        introspection: false,
        protection,
      });
      apps.push(app);
      // Priced as a running server prices: with the graph statistics of its prewarm (issue 19).
      if (app.protection) app.protection.useStatistics(statistics);
      return listen(app);
    };
    // Pricing and limits on, budgets too large to refuse anything: what the analysis itself costs.
    const unlimited: ProtectionConfig = {
      ...DEFAULT_PROTECTION,
      rateLimit: {
        ...DEFAULT_PROTECTION.rateLimit,
        points: { anonymous: 1e9, reader: 1e9, curator: 1e9, admin: 1e9 },
      },
    };
    const urls = {
      defaults: await make(DEFAULT_PROTECTION),
      priced: await make(unlimited),
      off: await make(false),
    };

    // (1) Refusal latency of the issue's query, sequential, after a warm-up.
    const query = issueQuery();
    const client = poster(urls.defaults, '127.0.0.1', 1);
    for (let i = 0; i < 20; i++) await client.send(query);
    const refusals: number[] = [];
    for (let i = 0; i < 200; i++) {
      const answer = await client.send(query);
      if (!answer.body.includes('QUERY_TOO_COMPLEX'))
        throw new Error(`not refused: ${answer.body.slice(0, 200)}`);
      refusals.push(answer.ms);
    }
    client.close();
    refusals.sort((a, b) => a - b);
    const refusal = {
      bytes: Buffer.byteLength(query),
      p50: percentile(refusals, 50),
      p99: percentile(refusals, 99),
      max: refusals.at(-1)!,
    };
    process.stdout.write(
      `refusal of the ${refusal.bytes}-byte query: p50 ${ms(refusal.p50)} ms, p99 ${ms(refusal.p99)}, max ${ms(refusal.max)}\n`,
    );

    // (2) Overhead on the nested page: alternating rounds, protection on (priced) and off.
    const nested = SCENARIOS.find((scenario) => scenario.name === 'nested page')!;
    const nestedRun = (url: string) => {
      const c = poster(url, '127.0.0.1', 4);
      return runLoad({
        workers: 4,
        durationMs: seconds * 1000,
        request: async () => {
          const answer = await c.send(nested.graphql.query, nested.graphql.variables);
          if (answer.status !== 200 || answer.body.includes('"errors"'))
            throw new Error(answer.body.slice(0, 200));
        },
      }).finally(() => c.close());
    };
    await nestedRun(urls.priced);
    await nestedRun(urls.off);
    const onRuns: LoadSamples[] = [];
    const offRuns: LoadSamples[] = [];
    for (let round = 0; round < rounds; round++) {
      onRuns.push(await nestedRun(urls.priced));
      offRuns.push(await nestedRun(urls.off));
    }
    const on = summary('nested page, protection on', poolSamples(onRuns));
    const off = summary('nested page, protection off', poolSamples(offRuns));
    process.stdout.write(
      `nested page p50: on ${ms(on.p50Ms)} ms, off ${ms(off.p50Ms)} ms (${((on.p50Ms / off.p50Ms - 1) * 100).toFixed(1)}%)\n`,
    );
    // Pricing itself, in-process on the parsed page as the plugin prices it, with the same
    // statistics: the on/off p50 ratio above also holds the budgets and the object count, and
    // on a loaded machine swings by more than 5% between rounds (docs/benchmarks.md).
    const nestedParsed = parseCorpusQuery({ name: 'nested', question: '', ...nested.graphql });
    const pricingMicros = microsPer(PRICING_ITERATIONS, () =>
      corpusPrice(nestedParsed, statistics, config.defaultPageSize),
    );
    const pricingShare = pricingMicros / 1000 / on.p50Ms;
    process.stdout.write(
      `pricing the nested page: ${pricingMicros.toFixed(1)} µs, ${(pricingShare * 100).toFixed(3)}% of its p50\n`,
    );

    // (3) Fairness: a victim (127.0.0.3, 2 connections) alone, then beside a flood (127.0.0.2,
    // 8 connections), against the defaults and against no protection.
    const fairness = async (url: string) => {
      const victim = poster(url, '127.0.0.3', 2);
      const victimLoad = () =>
        runLoad({
          workers: 2,
          durationMs: seconds * 1000,
          request: async () => {
            const answer = await victim.send(VICTIM_QUERY);
            if (answer.status !== 200)
              throw new Error(`victim ${answer.status}: ${answer.body.slice(0, 200)}`);
          },
        });
      const quiet = summary('victim, quiet', await victimLoad());
      const flooder = poster(url, '127.0.0.2', 8);
      const flood300 = await flooder.send(FLOOD_300);
      const statuses = new Map<number, number>();
      let flooding = true;
      const floodLoop = async () => {
        while (flooding) {
          const answer = await flooder.send(FLOOD_ACCEPTED);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          // A refused flooder retries at once, ignoring Retry-After: the worst client.
        }
      };
      const floods = Array.from({ length: 8 }, () => floodLoop());
      const loaded = summary('victim, flooded', await victimLoad());
      flooding = false;
      await Promise.all(floods);
      victim.close();
      flooder.close();
      return { quiet, loaded, statuses, flood300: flood300.status };
    };
    // Warm both servers' network statements (Cypher plans, page cache) from a third address first.
    for (const url of [urls.defaults, urls.off]) {
      const warm = poster(url, '127.0.0.4', 1);
      await warm.send(FLOOD_ACCEPTED);
      warm.close();
    }
    const fairOn = await fairness(urls.defaults);
    const fairOff = await fairness(urls.off);
    for (const [label, result] of [
      ['on', fairOn],
      ['off', fairOff],
    ] as const) {
      process.stdout.write(
        `fair sharing ${label}: victim p50 quiet ${ms(result.quiet.p50Ms)} ms, flooded ${ms(result.loaded.p50Ms)} ms ` +
          `(${(result.loaded.p50Ms / result.quiet.p50Ms).toFixed(2)}x); flood statuses ${JSON.stringify([...result.statuses])}\n`,
      );
    }

    const date = new Date().toISOString();
    const status = (map: Map<number, number>) =>
      [...map]
        .sort((a, b) => a[0] - b[0])
        .map(([code, count]) => `${count} × ${code}`)
        .join(', ');
    const section = `${SECTION_START}
## Query cost limits and fair sharing

Measured ${date} on ${os.cpus()[0]?.model.trim() ?? 'unknown'} (nproc ${os.availableParallelism()}), Node ${process.version},
one embedded Neo4j with the seeds; three HTTP servers over the same database, side by side in one run:
default protection, pricing on with budgets too large to refuse (overhead), and protection off; both
priced servers price with the graph statistics (the largest lists of the seeds, as the prewarm reads them).
Load average ${os.loadavg()[0]?.toFixed(1)} at the end (the machine is shared).

| measure | protection on | protection off | ratio |
| --- | ---: | ---: | ---: |
| refusal of the issue's ${refusal.bytes}-byte query (200 sequential): p50 / p99 / max | ${ms(refusal.p50)} / ${ms(refusal.p99)} / ${ms(refusal.max)} ms | (runs out of memory, issue 8) | |
| nested page (projects(first: 50) with funders, partners, countries), 4 connections, ${rounds} × ${seconds} s alternating: p50 | ${ms(on.p50Ms)} ms | ${ms(off.p50Ms)} ms | ${(on.p50Ms / off.p50Ms).toFixed(3)} |
| nested page: p99 | ${ms(on.p99Ms)} ms | ${ms(off.p99Ms)} ms | ${(on.p99Ms / off.p99Ms).toFixed(3)} |
| pricing the nested page in-process (operationCost with the statistics, ${PRICING_ITERATIONS.toLocaleString('en')} calls): per call, and its share of the page's p50 with protection on (aim: under 5%) | ${pricingMicros.toFixed(1)} µs | | **${(pricingShare * 100).toFixed(3)}%** |
| simple list (projects(first: 10)), 2 connections, alone: p50 | ${ms(fairOn.quiet.p50Ms)} ms | ${ms(fairOff.quiet.p50Ms)} ms | |
| the same while another client floods (8 connections): p50 | ${ms(fairOn.loaded.p50Ms)} ms | ${ms(fairOff.loaded.p50Ms)} ms | |
| flooded p50 / quiet p50 (aim: at most 2x with protection on) | ${(fairOn.loaded.p50Ms / fairOn.quiet.p50Ms).toFixed(2)}x | ${(fairOff.loaded.p50Ms / fairOff.quiet.p50Ms).toFixed(2)}x | |
| victim throughput flooded | ${fairOn.loaded.requestsPerSecond.toFixed(1)} req/s | ${fairOff.loaded.requestsPerSecond.toFixed(1)} req/s | |

The flood: the issue's 300-alias \`cofundingNetwork\` request is refused (status ${fairOn.flood300} with protection on,
${fairOff.flood300} off: it ran), so the flooder sends the most expensive request the defaults accept, 90 aliases of
\`cofundingNetwork(limit: 5)\` (90,540 points), from 8 connections, retrying at once whatever the answer. Its answers
with protection on: ${status(fairOn.statuses)}; off: ${status(fairOff.statuses)}. The victim and the flooder are
anonymous clients on different loopback addresses (127.0.0.3 and 127.0.0.2), so each has its own budget.
${SECTION_END}`;
    process.stdout.write(`\n${section}\n`);
    if (!values['no-write']) {
      writeBenchmarksSection(section, { start: SECTION_START, end: SECTION_END });
      process.stdout.write('Wrote docs/benchmarks.md\n');
    }
  } finally {
    for (const app of apps) await app.apollo.stop();
    await running?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
