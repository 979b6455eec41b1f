// `npm run bench:peer`: our API against @neo4j/graphql (the peer a user would pick for GraphQL
// over Neo4j) on the same embedded Neo4j and seeded data, both behind Express 5 + Apollo 5,
// both drivers with TCP_NODELAY. Checks both give the same data per scenario, then measures
// them in alternating rounds at 1 and 4 connections (ours with the response cache off and on)
// and writes its section of docs/benchmarks.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config';
import { firstDifference, normaliseAnswer } from './answers';
import { fetchGraphQL, loadGraphQL } from './graphqlLoad';
import { type LoadSamples, type LoadSummary, poolSamples, summariseLoad } from './load';
import { checkSameData, PEER_SCENARIOS, type PeerScenario } from './peerScenarios';
import { type PeerServers, SIDE_LABEL, SIDES, type Side, startPeerServers } from './peerServers';
import { formatMs, formatRate, formatRatio } from './report';
import { integerListOption, integerOption } from './options';
import { writeBenchmarksSection } from './benchmarksDoc';

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
      duration: { type: 'string', default: '9' },
      rounds: { type: 'string', default: '3' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  return {
    connections: integerListOption('connections', values.connections, 1, 600),
    warmupSeconds: integerOption('warmup', values.warmup, 1, 600),
    durationSeconds: integerOption('duration', values.duration, 1, 600),
    rounds: integerOption('rounds', values.rounds, 1, 600),
    write: !values['no-write'],
  };
}

/**
 * Ours with the response cache on answers the same data as ours with it off, and from the
 * cache once asked twice (so every measured answer is a hit, byte-equal to the first).
 */
async function checkCached(ours: string, cached: string, scenario: PeerScenario): Promise<void> {
  const label = `${scenario.name} (cache on)`;
  await fetchGraphQL(cached, scenario.ours, label);
  const answer = JSON.parse(await fetchGraphQL(cached, scenario.ours, label)) as {
    data: unknown;
    extensions?: { cache?: string };
  };
  if (answer.extensions?.cache !== 'HIT')
    throw new Error(`${label}: the second answer is not a cache hit (${String(answer.extensions?.cache)})`);
  const uncached = (JSON.parse(await fetchGraphQL(ours, scenario.ours, scenario.name)) as { data: unknown })
    .data;
  const difference = firstDifference(normaliseAnswer(answer.data), normaliseAnswer(uncached));
  if (difference)
    throw new Error(`${label}: the cached answer differs from the executed one at ${difference}`);
}

interface PeerResult {
  scenario: string;
  connections: number;
  ours: LoadSummary;
  /** Ours with the response cache on (RESPONSE_CACHE=true): every measured answer is a hit. */
  oursCached: LoadSummary;
  theirs: LoadSummary;
}

function summarise(label: string, samples: LoadSamples): LoadSummary {
  if (samples.errors > 0)
    throw new Error(`${label}: ${samples.errors} failed requests; first: ${String(samples.firstError)}`);
  return summariseLoad(samples.latenciesMs, samples.elapsedMs, samples.errors);
}

async function measure(
  urls: Record<Side, string>,
  scenario: PeerScenario,
  connections: number,
  settings: Settings,
): Promise<PeerResult> {
  const bodyOf = (side: Side) => (side === 'theirs' ? scenario.theirs : scenario.ours);
  process.stdout.write(`${scenario.name}, ${connections} connection(s): warm-up`);
  for (const side of SIDES) await loadGraphQL(urls[side], bodyOf(side), connections, settings.warmupSeconds);
  const roundSeconds = settings.durationSeconds / settings.rounds;
  const runs: Record<Side, LoadSamples[]> = { ours: [], oursCached: [], theirs: [] };
  for (let round = 1; round <= settings.rounds; round += 1) {
    // Rotate which side goes first, so no side always follows the same other side's load.
    const shift = (round - 1) % SIDES.length;
    const order = [...SIDES.slice(shift), ...SIDES.slice(0, shift)];
    for (const side of order) {
      process.stdout.write(`, round ${round} ${SIDE_LABEL[side]}`);
      runs[side].push(await loadGraphQL(urls[side], bodyOf(side), connections, roundSeconds));
    }
  }
  process.stdout.write('\n');
  const summary = (side: Side) => summarise(`${scenario.name} ${SIDE_LABEL[side]}`, poolSamples(runs[side]));
  return {
    scenario: scenario.name,
    connections,
    ours: summary('ours'),
    oursCached: summary('oursCached'),
    theirs: summary('theirs'),
  };
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

function tableRows(results: PeerResult[], side: 'ours' | 'oursCached' = 'ours'): string[][] {
  return results.map((result) => [
    result.scenario,
    String(result.connections),
    formatMs(result[side].p50Ms),
    formatMs(result.theirs.p50Ms),
    formatRatio(result[side].p50Ms / result.theirs.p50Ms),
    formatRate(result[side].requestsPerSecond),
    formatRate(result.theirs.requestsPerSecond),
    formatRatio(result[side].requestsPerSecond / result.theirs.requestsPerSecond),
  ]);
}

const CACHED_COLUMNS = COLUMNS.map((column) => column.replace('our ', 'our cached '));

function markdownTable(columns: string[], rows: string[][]): string[] {
  return [
    `| ${columns.join(' | ')} |`,
    `| --- | ${columns
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

function renderSection(
  results: PeerResult[],
  settings: Settings,
  date: string,
  load: { start: number; end: number },
): string {
  return [
    SECTION.start,
    '## Against @neo4j/graphql (npm run bench:peer)',
    '',
    '`npm run bench:peer` (bench/peer.ts) starts our app (query planner on, no response cache) on a',
    'fresh embedded Neo4j seeded with the real dataset, a second instance of it with the response',
    'cache on (RESPONSE_CACHE=true) over the same Neo4j, and @neo4j/graphql 7.6.3 on the same',
    'database with type definitions mirroring the part of the model read (bench/peerScenarios.ts),',
    'behind the same Express 5 + Apollo 5 stack and plugins. Both drivers have TCP_NODELAY',
    "(src/db/noDelay.ts); without it the peer's larger statements wait ~40 ms for a delayed ACK.",
    "Before measuring, it checks that both answer each scenario with the same data (the peer's",
    'shape mapped onto ours, lists compared as sets) and that the cached instance answers the same',
    'data from its cache. Each side is then loaded by autocannon (closed loop) for',
    `${settings.durationSeconds} s in ${settings.rounds} rounds rotating the order of the three sides, after a`,
    `${settings.warmupSeconds} s warm-up each; every response must be byte-equal to the first. Ratios are ours`,
    'over theirs: p50 below 1 and req/s above 1 favour us. Compare ratios, not absolute numbers:',
    'client, both servers and Neo4j share a busy 2-core machine.',
    '',
    `Run on ${date}; 1-minute load average ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end.`,
    '',
    'Response cache off (every request executes):',
    '',
    ...markdownTable(COLUMNS, tableRows(results, 'ours')),
    '',
    'Aims (issue 11, cache off): nested page and deep req/s at least 1.25x theirs, nested page',
    'p50 at most 0.8x theirs, by id still ahead.',
    '',
    'Response cache on (ours answers every measured request from its cache, in front of Apollo: the',
    'stored bytes after one data-version read, shared by concurrent requests; theirs as above, in the same rounds):',
    '',
    ...markdownTable(CACHED_COLUMNS, tableRows(results, 'oursCached')),
    '',
    'Aim (issue 11, cache on): at least 5x their req/s.',
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
  let servers: PeerServers | null = null;
  try {
    servers = await startPeerServers();
    const { urls } = servers;
    const loadStart = os.loadavg()[0] ?? 0;
    process.stdout.write(
      `Ours ${urls.ours}, ours cache on ${urls.oursCached}, theirs ${urls.theirs}; ` +
        `load average ${loadStart.toFixed(1)}\n`,
    );
    for (const scenario of PEER_SCENARIOS) {
      await checkSameData(urls.ours, urls.theirs, scenario);
      await checkCached(urls.ours, urls.oursCached, scenario);
    }
    process.stdout.write('All sides give the same data in every scenario.\n');
    const results: PeerResult[] = [];
    for (const scenario of PEER_SCENARIOS) {
      for (const connections of settings.connections) {
        results.push(await measure(urls, scenario, connections, settings));
      }
    }
    for (const [columns, side] of [
      [COLUMNS, 'ours'],
      [CACHED_COLUMNS, 'oursCached'],
    ] as const) {
      const rows = [columns, ...tableRows(results, side)];
      process.stdout.write(`\n${rows.map((row) => row.join('  ')).join('\n')}\n`);
    }
    if (settings.write) {
      const load = { start: loadStart, end: os.loadavg()[0] ?? 0 };
      writeBenchmarksSection(renderSection(results, settings, date, load), SECTION);
      fs.writeFileSync(
        path.join(PROJECT_ROOT, 'docs', 'benchmarks.peer.json'),
        `${JSON.stringify({ date, settings, results }, null, 2)}\n`,
      );
      process.stdout.write('Wrote docs/benchmarks.md (peer section) and docs/benchmarks.peer.json\n');
    }
  } finally {
    await servers?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nPeer benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
