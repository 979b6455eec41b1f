// `npm run bench:peer`: our API against @neo4j/graphql (the peer a user would pick for GraphQL
// over Neo4j) on the same embedded Neo4j and seeded data, both behind Express 5 + Apollo 5,
// both drivers with TCP_NODELAY. Checks both give the same data per scenario, then measures
// them in alternating rounds at 1 and 4 connections and writes its section of docs/benchmarks.md.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../src/config';
import { createDriver } from '../src/db/driver';
import { noStorePlugin } from '../src/http/app';
import type { RunningApp } from '../src/main';
import { startBenchApp } from './benchApp';
import { firstDifference, type Json, normaliseAnswer } from './answers';
import { fetchGraphQL, loadGraphQL } from './graphqlLoad';
import { type LoadSamples, type LoadSummary, poolSamples, summariseLoad } from './load';
import { PEER_SCENARIOS, PEER_TYPE_DEFS, type PeerScenario, sortedLists } from './peerScenarios';
import { formatMs, formatRate, formatRatio, replaceSection } from './report';

const SECTION = {
  start: '<!-- bench:peer:start (written by npm run bench:peer; edits inside are overwritten) -->',
  end: '<!-- bench:peer:end -->',
};

interface Settings {
  connections: number[];
  warmupSeconds: number;
  durationSeconds: number;
  rounds: number;
  write: boolean;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '1,4' },
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '2' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 600) {
      throw new TypeError(`--${name} expects an integer from 1 to 600, received "${raw}"`);
    }
    return value;
  };
  return {
    connections: values.connections.split(',').map((raw) => positive('connections', raw.trim())),
    warmupSeconds: positive('warmup', values.warmup),
    durationSeconds: positive('duration', values.duration),
    rounds: positive('rounds', values.rounds),
    write: !values['no-write'],
  };
}

/** @neo4j/graphql over its own driver (createDriver: TCP_NODELAY too), with our Apollo plugins. */
async function startTheirs(driver: Driver): Promise<{ url: string; stop(): Promise<void> }> {
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // Reads nothing of our context; only sets the response header.
      noStorePlugin() as unknown as ApolloServerPlugin,
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => ({}) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await apollo.stop();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

/** Fails unless both sides give the same data (lists compared as sets: the sides sort some differently). */
async function checkSameData(ours: string, theirs: string, scenario: PeerScenario): Promise<void> {
  const ourData = normaliseAnswer(
    (JSON.parse(await fetchGraphQL(ours, scenario.ours, scenario.name)) as { data: unknown }).data,
  );
  const peerData = JSON.parse(await fetchGraphQL(theirs, scenario.theirs, `${scenario.name} (peer)`)) as {
    data: Parameters<PeerScenario['theirsAsOurs']>[0];
  };
  const difference = firstDifference(
    sortedLists(ourData),
    sortedLists(normaliseAnswer(scenario.theirsAsOurs(peerData.data)) as Json),
  );
  if (difference)
    throw new Error(`${scenario.name}: the peer's data differs from ours (ours vs theirs) at ${difference}`);
}

interface PeerResult {
  scenario: string;
  connections: number;
  ours: LoadSummary;
  theirs: LoadSummary;
}

function summarise(label: string, samples: LoadSamples): LoadSummary {
  if (samples.errors > 0)
    throw new Error(`${label}: ${samples.errors} failed requests; first: ${String(samples.firstError)}`);
  return summariseLoad(samples.latenciesMs, samples.elapsedMs, samples.errors);
}

async function measure(
  ours: string,
  theirs: string,
  scenario: PeerScenario,
  connections: number,
  settings: Settings,
) {
  process.stdout.write(`${scenario.name}, ${connections} connection(s): warm-up`);
  await loadGraphQL(ours, scenario.ours, connections, settings.warmupSeconds);
  await loadGraphQL(theirs, scenario.theirs, connections, settings.warmupSeconds);
  const roundSeconds = settings.durationSeconds / settings.rounds;
  const ourRuns: LoadSamples[] = [];
  const theirRuns: LoadSamples[] = [];
  for (let round = 1; round <= settings.rounds; round += 1) {
    // Alternate which side goes first, so neither always follows the other's load.
    const order = round % 2 === 1 ? ['ours', 'theirs'] : ['theirs', 'ours'];
    for (const side of order) {
      process.stdout.write(`, round ${round} ${side}`);
      if (side === 'ours') ourRuns.push(await loadGraphQL(ours, scenario.ours, connections, roundSeconds));
      else theirRuns.push(await loadGraphQL(theirs, scenario.theirs, connections, roundSeconds));
    }
  }
  process.stdout.write('\n');
  const result: PeerResult = {
    scenario: scenario.name,
    connections,
    ours: summarise(`${scenario.name} ours`, poolSamples(ourRuns)),
    theirs: summarise(`${scenario.name} theirs`, poolSamples(theirRuns)),
  };
  return result;
}

const COLUMNS = [
  'scenario',
  'connections',
  'our p50 ms',
  'their p50 ms',
  'our p50 / theirs',
  'our req/s',
  'their req/s',
  'our req/s / theirs',
];

function tableRows(results: PeerResult[]): string[][] {
  return results.map((result) => [
    result.scenario,
    String(result.connections),
    formatMs(result.ours.p50Ms),
    formatMs(result.theirs.p50Ms),
    formatRatio(result.ours.p50Ms / result.theirs.p50Ms),
    formatRate(result.ours.requestsPerSecond),
    formatRate(result.theirs.requestsPerSecond),
    formatRatio(result.ours.requestsPerSecond / result.theirs.requestsPerSecond),
  ]);
}

function renderSection(
  results: PeerResult[],
  settings: Settings,
  date: string,
  load: { start: number; end: number },
): string {
  const rows = tableRows(results).map((cells) => `| ${cells.join(' | ')} |`);
  return [
    SECTION.start,
    '## Against @neo4j/graphql (npm run bench:peer)',
    '',
    '`npm run bench:peer` (bench/peer.ts) starts our app (query planner on, no response cache) on a',
    'fresh embedded Neo4j seeded with the real dataset, and @neo4j/graphql 7.6.3 on the same',
    'database with type definitions mirroring the part of the model read (bench/peerScenarios.ts),',
    'behind the same Express 5 + Apollo 5 stack and plugins. Both drivers have TCP_NODELAY',
    "(src/db/noDelay.ts); without it the peer's larger statements wait ~40 ms for a delayed ACK.",
    "Before measuring, it checks that both answer each scenario with the same data (the peer's",
    'shape mapped onto ours, lists compared as sets). Each side is then loaded by autocannon',
    `(closed loop) for ${settings.durationSeconds} s in ${settings.rounds} rounds alternating the sides, after a`,
    `${settings.warmupSeconds} s warm-up each; every response must be byte-equal to the first. Ratios are ours`,
    'over theirs: p50 below 1 and req/s above 1 favour us. Compare ratios, not absolute numbers:',
    'client, both servers and Neo4j share a busy 2-core machine.',
    '',
    `Run on ${date}; 1-minute load average ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end.`,
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `| --- | ${COLUMNS.slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
    ...rows,
    '',
    'Aims (issue 11, cache off): nested page and deep req/s at least 1.25x theirs, nested page',
    'p50 at most 0.8x theirs, by id still ahead.',
    '',
    'Scenarios:',
    '',
    ...PEER_SCENARIOS.map((scenario) => `- ${scenario.name}: ${scenario.description}.`),
    SECTION.end,
  ].join('\n');
}

async function main(): Promise<void> {
  const settings = readSettings();
  const date = new Date().toISOString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-peer-'));
  let app: RunningApp | null = null;
  let driver: Driver | null = null;
  let theirs: { url: string; stop(): Promise<void> } | null = null;
  try {
    process.stdout.write('Starting our app on a fresh embedded Neo4j (seeding the real dataset)...\n');
    // The deep scenario asks for every call and project of ten funders with the default page
    // sizes, which the anonymous cost limit prices at 91 million points and refuses; the peer
    // has no limit, so ours runs with the highest one (pricing still runs on every request).
    const started = await startBenchApp(dataDir, {
      QUERY_MAX_COST: '100000000',
      RATE_LIMIT_POINTS: '1000000000',
    });
    app = started.app;
    driver = createDriver({ uri: started.boltUri });
    theirs = await startTheirs(driver);
    const loadStart = os.loadavg()[0] ?? 0;
    process.stdout.write(`Ours ${app.url}, theirs ${theirs.url}; load average ${loadStart.toFixed(1)}\n`);
    for (const scenario of PEER_SCENARIOS) await checkSameData(app.url, theirs.url, scenario);
    process.stdout.write('Both sides give the same data in every scenario.\n');
    const results: PeerResult[] = [];
    for (const scenario of PEER_SCENARIOS) {
      for (const connections of settings.connections) {
        results.push(await measure(app.url, theirs.url, scenario, connections, settings));
      }
    }
    const rows = [COLUMNS, ...tableRows(results)];
    process.stdout.write(`\n${rows.map((row) => row.join('  ')).join('\n')}\n`);
    if (settings.write) {
      const file = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
      const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      const load = { start: loadStart, end: os.loadavg()[0] ?? 0 };
      fs.writeFileSync(file, replaceSection(existing, renderSection(results, settings, date, load), SECTION));
      fs.writeFileSync(
        path.join(PROJECT_ROOT, 'docs', 'benchmarks.peer.json'),
        `${JSON.stringify({ date, settings, results }, null, 2)}\n`,
      );
      process.stdout.write('Wrote docs/benchmarks.md (peer section) and docs/benchmarks.peer.json\n');
    }
  } finally {
    await theirs?.stop();
    await driver?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nPeer benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
