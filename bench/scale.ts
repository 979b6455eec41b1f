// `npm run bench:scale`: builds synthetic data sets of 10, 100 and 1000 times the seed graph's
// projects (each in its own data folder, marked synthetic, reused by later runs), serves each
// beside the seed graph with the response cache off, measures the same operations on both in
// alternating rounds, and writes its section of docs/benchmarks.md and a plot.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, PROJECT_ROOT } from '../src/config';
import { createDriver } from '../src/db/driver';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../src/db/embedded';
import { applySchema } from '../src/db/migrations';
import { createDb } from '../src/db/run';
import { seedGraph } from '../src/db/seedGraph';
import { importFile } from '../src/import/importFile';
import { createLogger } from '../src/logger';
import { type RunningApp, startApp } from '../src/main';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { csvLine, SYNTHETIC_COLUMNS, syntheticProjectRow } from './importData';
import { percentile } from './load';
import { replaceSection } from './report';
import { SCALE_SCENARIOS, type ScaleScenario } from './scaleScenarios';
import { renderScalePlot } from './scalePlot';
import {
  renderScaleSection,
  SCALE_SECTION_END,
  SCALE_SECTION_START,
  type ScaleDataSet,
  type ScaleReport,
  type ScaleScenarioResult,
  type SizeMeasurement,
} from './scaleReport';

const BENCH_DATA_ROOT = path.join(PROJECT_ROOT, '.data', 'bench-scale');
const PLOT_FILE = 'benchmarks-scale.png';
/** Passes over every scenario on both sides before measuring a size. */
const WARM_UP_PASSES = 10;

interface Settings {
  factors: number[];
  rounds: number;
  perRound: number;
  rebuild: boolean;
  write: boolean;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10,100,1000' },
      // Many short rounds: the machine is shared, and load comes in bursts that short rounds
      // spread over both sides.
      rounds: { type: 'string', default: '10' },
      requests: { type: 'string', default: '3' },
      rebuild: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const integer = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new TypeError(`--${name} expects an integer from ${min} to ${max}, received "${raw}"`);
    return value;
  };
  return {
    factors: values.sizes.split(',').map((raw) => integer('sizes', raw.trim(), 2, 10_000)),
    rounds: integer('rounds', values.rounds, 1, 100),
    perRound: integer('requests', values.requests, 1, 1000),
    rebuild: values.rebuild,
    write: !values['no-write'],
  };
}

/** What SYNTHETIC.json says about a built data folder. */
interface Marker {
  synthetic: true;
  factor: number;
  syntheticProjects: number;
  generator: 'bench/importData.ts syntheticProjectRow';
  builtAt: string;
}

function dataDirOf(factor: number): string {
  return path.join(BENCH_DATA_ROOT, factor === 1 ? 'x1-seeds' : `x${factor}-synthetic`);
}

function readMarker(dir: string): Marker | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'SYNTHETIC.json'), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/** Starts Neo4j on the size's folder, building the data set first when it is missing or different. */
async function openDataSet(factor: number, seedProjects: number, settings: Settings): Promise<EmbeddedNeo4j> {
  const config = parseConfig(process.env);
  const javaHome = config.neo4j.mode === 'embedded' ? config.neo4j.javaHome : null;
  const dir = dataDirOf(factor);
  const syntheticProjects = seedProjects * (factor - 1);
  const marker = readMarker(dir);
  const reuse = !settings.rebuild && marker !== null && marker.syntheticProjects === syntheticProjects;
  if (!reuse) fs.rmSync(dir, { recursive: true, force: true });
  const server = await startEmbeddedNeo4j({ dataDir: path.join(dir, 'neo4j'), javaHome, pageCacheMiB: 256 });
  if (reuse) return server;
  const driver = createDriver({ uri: server.uri });
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: config.importTimeoutMs });
    await applySchema(db);
    await seedGraph(db, await readSeedDataset(config.seedsDir));
    if (syntheticProjects > 0) {
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-scale-')),
        `projects-synthetic-x${factor}.csv`,
      );
      const organisations = Math.max(10, Math.round(syntheticProjects / 50));
      const lines = [csvLine(SYNTHETIC_COLUMNS)];
      for (let index = 0; index < syntheticProjects; index += 1)
        lines.push(csvLine(syntheticProjectRow(index, organisations)));
      fs.writeFileSync(file, lines.join(''));
      const started = performance.now();
      const report = await importFile(db, file, { actor: 'cli:bench-scale' });
      if (report.status !== 'imported' || report.created !== syntheticProjects) {
        throw new Error(
          `x${factor}: the synthetic import ended ${report.status} ` +
            `with ${report.created} created of ${syntheticProjects}`,
        );
      }
      process.stdout.write(
        `x${factor}: imported ${syntheticProjects} synthetic projects ` +
          `in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    const written: Marker = {
      synthetic: true,
      factor,
      syntheticProjects,
      generator: 'bench/importData.ts syntheticProjectRow',
      builtAt: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(dir, 'SYNTHETIC.json'), `${JSON.stringify(written, null, 2)}\n`);
  } finally {
    await driver.close();
  }
  return server;
}

/** The API over a running Neo4j, response cache off, no seeding. */
async function serve(server: EmbeddedNeo4j): Promise<RunningApp> {
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NEO4J_URI: server.uri,
    SEED_ON_START: 'false',
    RESPONSE_CACHE: 'false',
    LOG_LEVEL: 'warn',
    QUERY_TIMEOUT_MS: '120000',
  });
  return startApp(config, createLogger(config.logLevel));
}

async function post(url: string, scenario: ScaleScenario): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scenario.graphql),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  const elapsed = performance.now() - started;
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`${scenario.name}: ${response.status} ${JSON.stringify(body).slice(0, 400)}`);
  }
  return elapsed;
}

async function sequential(url: string, scenario: ScaleScenario, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) latencies.push(await post(url, scenario));
  return latencies;
}

async function dataSetFacts(app: RunningApp, factor: number): Promise<ScaleDataSet> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { nodes { label count } relationships { count } } }' }),
  });
  const { data } = (await response.json()) as {
    data: {
      stats: { nodes: Array<{ label: string; count: number }>; relationships: Array<{ count: number }> };
    };
  };
  const count = (label: string) => data.stats.nodes.find((n) => n.label === label)?.count ?? 0;
  return {
    factor,
    projects: count('Project'),
    organisations: count('Organisation'),
    relationships: data.stats.relationships.reduce((sum, r) => sum + r.count, 0),
  };
}

/** One size beside the seed graph: first requests, then alternating rounds, per scenario. */
async function measureSize(
  base: RunningApp,
  sized: RunningApp,
  factor: number,
  settings: Settings,
): Promise<Map<string, SizeMeasurement>> {
  const results = new Map<string, SizeMeasurement>();
  const cold = new Map<string, number>();
  for (const scenario of SCALE_SCENARIOS) cold.set(scenario.name, await post(sized.url, scenario));
  // The size's Neo4j has just started while the seed graph's has served every size before it:
  // without a warm-up its JIT is cold (by id measured 2.56x at x1000 without it, 0.45x with it).
  for (let pass = 0; pass < WARM_UP_PASSES; pass += 1) {
    for (const scenario of SCALE_SCENARIOS) {
      await post(base.url, scenario);
      await post(sized.url, scenario);
    }
  }
  for (const scenario of SCALE_SCENARIOS) {
    const coldMs = cold.get(scenario.name)!;
    const baseline: number[] = [];
    const measured: number[] = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      baseline.push(...(await sequential(base.url, scenario, settings.perRound)));
      measured.push(...(await sequential(sized.url, scenario, settings.perRound)));
    }
    baseline.sort((a, b) => a - b);
    measured.sort((a, b) => a - b);
    const result: SizeMeasurement = {
      factor,
      p50Ms: percentile(measured, 50),
      p90Ms: percentile(measured, 90),
      baselineP50Ms: percentile(baseline, 50),
      coldMs,
      requests: measured.length,
    };
    results.set(scenario.name, result);
    process.stdout.write(
      `x${factor} ${scenario.name}: p50 ${result.p50Ms.toFixed(1)} ms (x1 ${result.baselineP50Ms.toFixed(1)} ms, ` +
        `ratio ${(result.p50Ms / result.baselineP50Ms).toFixed(2)}), first ${coldMs.toFixed(0)} ms\n`,
    );
  }
  return results;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const config = parseConfig(process.env);
  const seedProjects = (await readSeedDataset(config.seedsDir)).projects.length;
  const running: Array<{ app: RunningApp | null; server: EmbeddedNeo4j }> = [];
  const stop = async (entry: { app: RunningApp | null; server: EmbeddedNeo4j }) => {
    await entry.app?.stop();
    await entry.server.stop();
  };
  try {
    const baseServer = await openDataSet(1, seedProjects, settings);
    const base = { app: null as RunningApp | null, server: baseServer };
    running.push(base);
    base.app = await serve(baseServer);
    const dataSets: ScaleDataSet[] = [await dataSetFacts(base.app, 1)];
    const byScenario = new Map<string, SizeMeasurement[]>();
    for (const factor of settings.factors) {
      const server = await openDataSet(factor, seedProjects, settings);
      const entry = { app: null as RunningApp | null, server };
      running.push(entry);
      entry.app = await serve(server);
      dataSets.push(await dataSetFacts(entry.app, factor));
      for (const [name, measurement] of await measureSize(base.app, entry.app, factor, settings)) {
        byScenario.set(name, [...(byScenario.get(name) ?? []), measurement]);
      }
      await stop(entry);
      running.splice(running.indexOf(entry), 1);
    }
    const scenarios: ScaleScenarioResult[] = SCALE_SCENARIOS.map((scenario) => ({
      name: scenario.name,
      description: scenario.description,
      aim: scenario.aim,
      sizes: byScenario.get(scenario.name) ?? [],
    }));
    const report: ScaleReport = {
      date: new Date().toISOString(),
      machine:
        `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ` +
        `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
        `load average ${os.loadavg()[2]!.toFixed(1)} (15 min; the machine is shared)`,
      dataSets,
      scenarios,
      plot: `${PLOT_FILE}`,
    };
    const section = renderScaleSection(report);
    process.stdout.write(`\n${section}\n`);
    if (settings.write) {
      const docs = path.join(PROJECT_ROOT, 'docs');
      const hasFont = await renderScalePlot(scenarios, path.join(docs, PLOT_FILE));
      if (!hasFont) process.stderr.write('No font found: the plot was drawn without labels\n');
      const target = path.join(docs, 'benchmarks.md');
      const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
      fs.writeFileSync(
        target,
        replaceSection(existing, section, { start: SCALE_SECTION_START, end: SCALE_SECTION_END }),
      );
      fs.writeFileSync(path.join(docs, 'benchmarks-scale.json'), `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(
        `Wrote docs/benchmarks.md (scale section), docs/${PLOT_FILE} and docs/benchmarks-scale.json\n`,
      );
    }
  } finally {
    for (const entry of running.reverse()) await stop(entry);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nbench:scale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
