// `npm run bench:gap-projection -- --size 100k` (or `--data <folder>`): the gap projection of a
// built data folder as the analytics memo counts it and as V8 holds it, and the time of coverage
// and gap measures answered from it in memory, with a fingerprint of each answer, so that two
// builds can be compared answer by answer. `--size` names a bench:scale size (x1, 10, 1k, 100k:
// bench/scaleSizes.ts) and opens its folder under .data/bench-scale, building it first when it is
// missing or was built on other seeds (`--keep-data` keeps one built on other seeds; building
// 100k takes about 30 to 40 minutes); `--data` reads any folder holding neo4j/ (a copy of one, say).
// Writes its section of docs/benchmarks.md (`--no-write`: prints it only).

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coverageMatrix } from '../src/analytics/coverageMatrix';
import type { CoverageFilter, RowAxis, StageGrain } from '../src/analytics/coverageScope';
import { portfolioProfile } from '../src/analytics/portfolioProfile';
import { sharesEqualValues } from '../src/analytics/gapProjection';
import { coverageTrend } from '../src/analytics/trends';
import { whiteSpots } from '../src/analytics/whiteSpots';
import { approximateBytes } from '../src/cache/approximateBytes';
import { canonicalJson } from '../src/cache/canonicalJson';
import { type Config, DEFAULT_MEMORY, parseConfig, PROJECT_ROOT } from '../src/config';
import { readGapProjection } from '../src/db/gaps';
import { createDriver } from '../src/db/driver';
import type { EmbeddedNeo4j } from '../src/db/embedded';
import { createDb } from '../src/db/run';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { writeBenchmarksSection } from './benchmarksDoc';
import { startBenchNeo4j } from './benchNeo4j';
import {
  GAP_PROJECTION_SECTION_END,
  GAP_PROJECTION_SECTION_START,
  type GapMeasureTiming,
  renderGapProjectionSection,
} from './gapProjectionReport';
import { processCpuMs } from './processCpu';
import { dataDirOf, openDataSet, readMarker } from './scaleData';
import { parseScaleSize, SEED_SIZE } from './scaleSizes';

/** The measures timed and fingerprinted: the default matrix and the non-default ones bench:scale saw time out. */
const MATRICES: ReadonlyArray<{ name: string; rows: RowAxis; grain: StageGrain; filter: CoverageFilter }> = [
  { name: 'coverage GAP x MACRO (default)', rows: 'GAP', grain: 'MACRO', filter: { minConfidence: 0.4 } },
  {
    name: 'coverage OBJECTIVE x EXACT, every link',
    rows: 'OBJECTIVE',
    grain: 'EXACT',
    filter: { minConfidence: 0 },
  },
  {
    name: 'coverage GAP x EXACT, curated, 2020-2024',
    rows: 'GAP',
    grain: 'EXACT',
    filter: { provenance: 'CURATED', minConfidence: 0, yearFrom: 2020, yearTo: 2024 },
  },
  {
    name: 'coverage GAP x MACRO, country DE',
    rows: 'GAP',
    grain: 'MACRO',
    filter: { countryCodes: ['DE'], minConfidence: 0.4 },
  },
];

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench:gap-projection does)');
  collect();
  collect();
}

/**
 * Keys left out of a fingerprint: what the projection held before it was slimmed (a link's
 * evidence, rule book version and origin, now read per shown entry) and what it holds since
 * (an entry's rowKind), so that builds before and after compare answer by answer.
 */
const UNCOMPARED_KEYS = new Set(['evidence', 'ruleBookVersion', 'origin', 'rowKind']);

/** sha256 of the answer's JSON without UNCOMPARED_KEYS, keys in canonical order, first 16 hex digits. */
function fingerprint(answer: unknown): string {
  const json = JSON.stringify(answer, (key, value: unknown) =>
    UNCOMPARED_KEYS.has(key) ? undefined : value,
  );
  return crypto
    .createHash('sha256')
    .update(canonicalJson(JSON.parse(json)))
    .digest('hex')
    .slice(0, 16);
}

/** The embedded Neo4j on the folder `--data` names, or on the bench:scale size `--size` names (built when missing). */
async function openFolder(
  values: { data?: string; size?: string; 'keep-data'?: boolean },
  config: Config,
): Promise<{ server: EmbeddedNeo4j; folder: string }> {
  if ((values.data === undefined) === (values.size === undefined))
    throw new TypeError(
      'expects either --data <folder holding neo4j/> or --size <bench:scale size, e.g. 100k>',
    );
  if (values.data !== undefined) {
    const folder = path.resolve(values.data);
    if (!fs.existsSync(path.join(folder, 'neo4j')))
      throw new TypeError(`--data: ${folder} holds no neo4j/ folder`);
    return { server: await startBenchNeo4j(config, folder), folder };
  }
  const raw = values.size!.trim();
  const seeds = await readSeedDataset(config.seedsDir);
  const size = raw === 'x1' || raw === '1' ? SEED_SIZE : parseScaleSize(raw, seeds.projects.length);
  const server = await openDataSet(size, { anySeeds: values['keep-data'] ?? false });
  return { server, folder: dataDirOf(size) };
}

/** This process's CPU time (user and system) so far, in ms. */
function nodeCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** `compute`'s value, wall time and this process's CPU time. */
function timed<T>(compute: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = nodeCpuMs();
  const started = performance.now();
  const value = compute();
  return { value, ms: performance.now() - started, cpuMs: nodeCpuMs() - cpu };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      size: { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const config = parseConfig(process.env);
  const budgets = DEFAULT_MEMORY;
  const loadAtStart = os.loadavg();
  const { server, folder } = await openFolder(values, config);
  const driver = createDriver({ uri: server.uri });
  let section: string;
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: 600_000 });
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const neo4jCpu = processCpuMs(server.pid);
    const nodeCpu = nodeCpuMs();
    const read = performance.now();
    let projection: Awaited<ReturnType<typeof readGapProjection>> | null = await readGapProjection(db);
    const readMs = performance.now() - read;
    const readCpu = { neo4jCpuMs: processCpuMs(server.pid) - neo4jCpu, nodeCpuMs: nodeCpuMs() - nodeCpu };
    gc();
    const heapHeld = process.memoryUsage().heapUsed - heapBefore;
    const counted = approximateBytes(projection, { distinctStrings: sharesEqualValues(projection) });
    const links = projection.projects.reduce(
      (sum, project) => sum + project.gaps.length + project.stages.length + project.objectives.length,
      0,
    );
    const measures: GapMeasureTiming[] = [];
    const measure = (name: string, run: { value: unknown; ms: number; cpuMs: number }) =>
      measures.push({ name, ms: run.ms, cpuMs: run.cpuMs, fingerprint: fingerprint(run.value) });
    for (const options of MATRICES) {
      const matrix = timed(() => coverageMatrix(projection!, options));
      measure(options.name, matrix);
      if (options.name.endsWith('(default)')) {
        measure(
          'whiteSpots on the default matrix, first 10',
          timed(() => whiteSpots(matrix.value, projection!, { first: 10 })),
        );
      }
    }
    const funder = projection.funders.map((f) => f.id).sort()[0];
    if (funder) {
      measure(
        `portfolioProfile of FUNDER ${funder}`,
        timed(() => portfolioProfile(projection!, { kind: 'FUNDER', id: funder })),
      );
    }
    const gap = projection.gaps.map((g) => g.id).sort()[0];
    if (gap) {
      measure(
        `coverageTrend of GAP ${gap}, every link`,
        timed(() => coverageTrend(projection!, { dimension: 'GAP', id: gap, filter: { minConfidence: 0 } })),
      );
    }
    const relative = path.relative(PROJECT_ROOT, folder);
    section = renderGapProjectionSection({
      date: new Date().toISOString(),
      machine:
        `${os.cpus()[0]?.model.trim() ?? 'unknown'} (nproc ${os.availableParallelism()}), ` +
        `Node ${process.version}`,
      loadAverage: { start: loadAtStart, end: os.loadavg() },
      data: { folder: relative.startsWith('..') ? folder : relative, marker: readMarker(folder) },
      projects: projection.projects.length,
      calls: projection.calls.length,
      links,
      read: { ms: readMs, ...readCpu },
      countedBytes: counted,
      heapBytes: heapHeld,
      budget: {
        limitBytes: budgets.limitBytes,
        shareBytes: budgets.analyticsBytes,
        largestBytes: budgets.analyticsLargestBytes,
      },
      measures,
    });
    projection = null;
  } finally {
    await driver.close();
    await server.stop();
  }
  process.stdout.write(`${section}\n`);
  if (!values['no-write']) {
    writeBenchmarksSection(section, { start: GAP_PROJECTION_SECTION_START, end: GAP_PROJECTION_SECTION_END });
    process.stdout.write('Wrote docs/benchmarks.md\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
