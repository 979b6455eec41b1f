// `npm run bench:gap-projection -- --data <folder>`: the gap projection of a built data folder (a
// bench:scale size such as .data/bench-scale/100k-synthetic, or a copy of one) as the analytics memo
// counts it and as V8 holds it, and the time of coverage and gap measures answered from it in memory.
// Prints the figures and a fingerprint of each answer, so that two builds can be compared answer by answer.

import crypto from 'node:crypto';
import fs from 'node:fs';
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
import { DEFAULT_MEMORY, parseConfig } from '../src/config';
import { readGapProjection } from '../src/db/gaps';
import { createDriver } from '../src/db/driver';
import { createDb } from '../src/db/run';
import { startBenchNeo4j } from './benchNeo4j';

const MIB = 1024 * 1024;

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

function timed<T>(compute: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = compute();
  return { value, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  if (!values.data) throw new TypeError('--data expects a built data folder (holding neo4j/), received none');
  const folder = path.resolve(values.data);
  if (!fs.existsSync(path.join(folder, 'neo4j')))
    throw new TypeError(`--data: ${folder} holds no neo4j/ folder`);
  const config = parseConfig(process.env);
  const budgets = DEFAULT_MEMORY;
  const server = await startBenchNeo4j(config, folder);
  const driver = createDriver({ uri: server.uri });
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: 600_000 });
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const read = performance.now();
    let projection: Awaited<ReturnType<typeof readGapProjection>> | null = await readGapProjection(db);
    const readMs = performance.now() - read;
    gc();
    const heapHeld = process.memoryUsage().heapUsed - heapBefore;
    const counted = approximateBytes(projection, { distinctStrings: sharesEqualValues(projection) });
    const links = projection.projects.reduce(
      (sum, project) => sum + project.gaps.length + project.stages.length + project.objectives.length,
      0,
    );
    const lines = [
      `data: ${folder}`,
      `projects ${projection.projects.length}, calls ${projection.calls.length}, project links ${links}`,
      `read in ${(readMs / 1000).toFixed(1)} s`,
      `counted (approximateBytes, what the analytics memo keeps it at): ${(counted / MIB).toFixed(1)} MiB`,
      `heap held after GC: ${(heapHeld / MIB).toFixed(1)} MiB`,
      `analytics budget at MEMORY_LIMIT_MIB=${budgets.limitBytes / MIB}: share ${(budgets.analyticsBytes / MIB).toFixed(0)} MiB, ` +
        `one result up to ${(budgets.analyticsLargestBytes / MIB).toFixed(0)} MiB: ` +
        (counted <= budgets.analyticsLargestBytes ? 'kept' : 'NOT kept'),
    ];
    for (const options of MATRICES) {
      const matrix = timed(() => coverageMatrix(projection!, options));
      lines.push(`${options.name}: ${matrix.ms.toFixed(0)} ms, answer ${fingerprint(matrix.value)}`);
      if (options.name.endsWith('(default)')) {
        const spots = timed(() => whiteSpots(matrix.value, projection!, { first: 10 }));
        lines.push(`  whiteSpots on it: ${spots.ms.toFixed(0)} ms, answer ${fingerprint(spots.value)}`);
      }
    }
    const funder = projection.funders.map((f) => f.id).sort()[0];
    if (funder) {
      const profile = timed(() => portfolioProfile(projection!, { kind: 'FUNDER', id: funder }));
      lines.push(
        `portfolioProfile FUNDER ${funder}: ${profile.ms.toFixed(0)} ms, answer ${fingerprint(profile.value)}`,
      );
    }
    const gap = projection.gaps.map((g) => g.id).sort()[0];
    if (gap) {
      const trend = timed(() =>
        coverageTrend(projection!, { dimension: 'GAP', id: gap, filter: { minConfidence: 0 } }),
      );
      lines.push(`coverageTrend GAP ${gap}: ${trend.ms.toFixed(0)} ms, answer ${fingerprint(trend.value)}`);
    }
    projection = null;
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await driver.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
