// `npm run bench:analytics-share`: at 100,000 synthetic projects (bench:scale's 100k data set)
// the gap projection is counted at more than the analytics share of a 512 MiB process. Two APIs
// on one Neo4j, side by side in alternating rounds, both MEMORY_LIMIT_MIB=512: one keeps that
// one result beside fewer others (MemoryConfig.analyticsLargestBytes, twice the share: the
// default), the other holds every result to the share (the policy before it: the projection is
// read again by every request that needs it). Prints the p50 of whiteSpots on each, the
// analytics cache as /metrics counts it, and the load average; --no-write: print only.
// Options: --rounds N (default 5), --size (default 100k), --rebuild.

import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseConfig, type Config } from '../src/config';
import { createLogger } from '../src/logger';
import { startApp, type RunningApp } from '../src/main';
import { percentile } from './load';
import { integerOption } from './options';
import { openDataSet } from './scaleData';
import { parseScaleSize } from './scaleSizes';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { writeBenchmarksSection } from './benchmarksDoc';

const SECTION_START =
  '<!-- analytics-share:start (written by npm run bench:analytics-share; edits inside are overwritten) -->';
const SECTION_END = '<!-- analytics-share:end -->';

/** An answer that needs the gap projection (src/resolvers/gaps.ts), little else. */
const QUERY = '{ whiteSpots(first: 10) { rowCount linkCount rows { rank rowId } } }';

interface Side {
  label: string;
  app: RunningApp;
  url: string;
  latenciesMs: number[];
  /** Times this side read the gap projection, from its log (both APIs share one /metrics registry). */
  projection: { reads: number };
}

function loadAverages(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

async function ask(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors?.length)
    throw new Error(`whiteSpots answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return performance.now() - started;
}

/** Whether a log line says the gap projection was read and measured (kept or not). */
function projectionRead(line: string): boolean {
  const entry = JSON.parse(line) as { key?: string; message?: string };
  return entry.key === 'gapProjection' && /^an analytics result is larger than its/.test(entry.message ?? '');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      size: { type: 'string', default: '100k' },
      rebuild: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const rounds = integerOption('rounds', values.rounds, 1, 100);
  const seeds = await readSeedDataset(parseConfig(process.env).seedsDir);
  const size = parseScaleSize(values.size, seeds.projects.length);
  const loadAtStart = loadAverages();
  // Any seed file: the 100k set takes about 30 minutes to build here, and the projection's size
  // depends on the synthetic projects, not on the seed file's version.
  const server = await openDataSet(size, { rebuild: values.rebuild, anySeeds: true });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NEO4J_URI: server.uri,
    SEED_ON_START: 'false',
    RESPONSE_CACHE: 'false',
    RATE_LIMIT: 'false',
    // info: the line of each gap projection kept over the share (warn: each one not kept).
    LOG_LEVEL: 'info',
    MEMORY_LIMIT_MIB: '512',
    QUERY_TIMEOUT_MS: '600000',
    REQUEST_TIMEOUT_MS: '600000',
  });
  const shareOnly: Config = {
    ...config,
    memory: { ...config.memory, analyticsLargestBytes: config.memory.analyticsBytes },
  };
  const sides: Side[] = [];
  try {
    for (const [label, sideConfig] of [
      ['one result over the share kept (default)', config],
      ['every result within the share (before)', shareOnly],
    ] as const) {
      const projection = { reads: 0 };
      const logger = createLogger(sideConfig.logLevel, (line) => {
        if (projectionRead(line)) projection.reads += 1;
      });
      const app = await startApp(sideConfig, logger);
      sides.push({ label, app, url: app.url.replace(/\/graphql$/, ''), latenciesMs: [], projection });
    }
    // Each side's prewarm read the projection once (and the share-only side dropped it).
    const prewarmStarted = performance.now();
    await Promise.all(sides.map((side) => side.app.analyticsReady()));
    const prewarmS = (performance.now() - prewarmStarted) / 1000;
    const firstMs = [];
    for (const side of sides) firstMs.push(await ask(side.url));
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) side.latenciesMs.push(await ask(side.url));
      process.stdout.write(`round ${round + 1}/${rounds}\n`);
    }
    const p50 = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    const rows: string[] = [];
    for (const [index, side] of sides.entries()) {
      rows.push(
        `| ${side.label} | ${p50(side.latenciesMs).toFixed(1)} | ` +
          `${Math.max(...side.latenciesMs).toFixed(1)} | ${firstMs[index]!.toFixed(0)} | ${side.projection.reads} |`,
      );
    }
    const [kept, before] = sides.map((side) => p50(side.latenciesMs));
    const loadAtEnd = loadAverages();
    const section = [
      SECTION_START,
      '## One analytics result over its share (npm run bench:analytics-share)',
      '',
      `Measured ${new Date().toISOString()}, ${size.label} synthetic projects (bench:scale's data set), two APIs on one`,
      `Neo4j with MEMORY_LIMIT_MIB=512 (analytics share 64 MiB), the response cache off; \`${QUERY}\`,`,
      `${rounds} rounds alternating between them after both prewarms ended (${prewarmS.toFixed(0)} s after start-up)`,
      'and one first answer each. Load average (1, 5, 15 min)',
      `${loadAtStart} at the start, ${loadAtEnd} at the end` +
        `${os.loadavg()[0]! > 2 ? ' (the machine was shared: provisional)' : ''}.`,
      '',
      '| analytics policy | p50 ms | max ms | first answer ms | gap projection reads (prewarm included, from the log) |',
      '| --- | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      `p50 of the share-only side over the default's: ${(before! / kept!).toFixed(1)}x.`,
      SECTION_END,
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (!values['no-write']) {
      writeBenchmarksSection(section, { start: SECTION_START, end: SECTION_END });
      process.stdout.write('Wrote docs/benchmarks.md\n');
    }
  } finally {
    for (const side of sides) await side.app.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
