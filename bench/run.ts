// `npm run bench`: starts the app on a fresh embedded Neo4j, measures each scenario over
// GraphQL (autocannon) and against its Cypher floor (neo4j-driver), checks that both give
// the same answer, and writes docs/benchmarks.md and docs/benchmarks.json.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../src/config';
import { createDriver } from '../src/db/driver';
import type { RunningApp } from '../src/main';
import { startBenchApp } from './benchApp';
import { firstDifference, normaliseAnswer } from './answers';
import { fetchGraphQL, loadGraphQL } from './graphqlLoad';
import { type LoadSamples, type LoadSummary, poolSamples, runLoad, summariseLoad } from './load';
import {
  aimVerdict,
  type BenchReport,
  type MachineFacts,
  renderSection,
  renderTextTable,
  replaceSection,
  type ScenarioResult,
} from './report';
import { type Scenario, SCENARIOS } from './scenarios';
import { integerOption } from './options';

const DOCS_DIR = path.join(PROJECT_ROOT, 'docs');

interface Settings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** The measured time of each side is split into this many alternating rounds. */
  rounds: number;
  /** Write docs/ (off for a quick look with --no-write). */
  write: boolean;
  /** Only the scenarios whose name contains this text. */
  only: string | null;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
      'no-write': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  return {
    connections: integerOption('connections', values.connections, 1, 600),
    warmupSeconds: integerOption('warmup', values.warmup, 1, 600),
    durationSeconds: integerOption('duration', values.duration, 1, 600),
    rounds: integerOption('rounds', values.rounds, 1, 600),
    write: !values['no-write'],
    only: values.only ?? null,
  };
}

async function machineFacts(driver: Driver): Promise<Omit<MachineFacts, 'loadAverage'>> {
  // Bench-only Cypher (see bench/scenarios.ts): the server's version for the report.
  const session = driver.session({ database: 'system', defaultAccessMode: neo4j.session.READ });
  let neo4jVersion = 'unknown';
  try {
    const result = await session.run(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    );
    const record = result.records[0];
    if (record) neo4jVersion = `${String(record.get('version'))} ${String(record.get('edition'))}`;
  } finally {
    await session.close();
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // nproc is missing on some systems; availableParallelism is the same number.
  }
  const cpus = os.cpus();
  return {
    nproc,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    neo4j: neo4jVersion,
  };
}

/** One floor request: the statement in a read transaction, records shaped like GraphQL data. */
async function fetchFloor(driver: Driver, database: string, scenario: Scenario): Promise<unknown> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const records = await session.executeRead((tx) => tx.run(scenario.floor.cypher, scenario.floor.params));
    return scenario.shape(records.records);
  } finally {
    await session.close();
  }
}

/** Fails unless the floor's answer is the GraphQL answer. */
async function checkSameAnswer(
  url: string,
  driver: Driver,
  database: string,
  scenario: Scenario,
): Promise<string> {
  const body = await fetchGraphQL(url, scenario.graphql, scenario.name);
  const graphqlData = normaliseAnswer((JSON.parse(body) as { data: unknown }).data);
  const floorData = normaliseAnswer(await fetchFloor(driver, database, scenario));
  const difference = firstDifference(graphqlData, floorData);
  if (difference) {
    throw new Error(
      `${scenario.name}: the floor's answer differs from the GraphQL answer (GraphQL vs floor) at ${difference}`,
    );
  }
  return body;
}

function loadFloor(
  driver: Driver,
  database: string,
  scenario: Scenario,
  settings: Settings,
  seconds: number,
) {
  return runLoad({
    workers: settings.connections,
    durationMs: seconds * 1000,
    request: async () => {
      await fetchFloor(driver, database, scenario);
    },
  });
}

function summarise(label: string, samples: LoadSamples): LoadSummary {
  if (samples.errors > 0) {
    throw new Error(`${label}: ${samples.errors} failed requests; first: ${String(samples.firstError)}`);
  }
  return summariseLoad(samples.latenciesMs, samples.elapsedMs, samples.errors);
}

/**
 * Warms both sides up, then alternates GraphQL and floor rounds so that both meet the same
 * background load (the machine is shared and noisy), and pools each side's rounds.
 */
async function measure(
  url: string,
  driver: Driver,
  database: string,
  scenario: Scenario,
  settings: Settings,
) {
  await checkSameAnswer(url, driver, database, scenario);
  process.stdout.write(`${scenario.name}: warm-up`);
  summarise(
    `${scenario.name} GraphQL warm-up`,
    await loadGraphQL(url, scenario.graphql, settings.connections, settings.warmupSeconds),
  );
  summarise(
    `${scenario.name} floor warm-up`,
    await loadFloor(driver, database, scenario, settings, settings.warmupSeconds),
  );
  const roundSeconds = settings.durationSeconds / settings.rounds;
  const graphqlRuns: LoadSamples[] = [];
  const floorRuns: LoadSamples[] = [];
  for (let round = 1; round <= settings.rounds; round += 1) {
    process.stdout.write(`, round ${round} GraphQL`);
    graphqlRuns.push(await loadGraphQL(url, scenario.graphql, settings.connections, roundSeconds));
    process.stdout.write(' floor');
    floorRuns.push(await loadFloor(driver, database, scenario, settings, roundSeconds));
  }
  const graphql = summarise(`${scenario.name} GraphQL`, poolSamples(graphqlRuns));
  const floor = summarise(`${scenario.name} floor`, poolSamples(floorRuns));
  process.stdout.write('\n');
  const result: ScenarioResult = { name: scenario.name, description: scenario.description, graphql, floor };
  return result;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const date = new Date().toISOString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-bench-'));
  let app: RunningApp | null = null;
  let driver: Driver | null = null;
  try {
    process.stdout.write('Starting the app on a fresh embedded Neo4j (seeding the real dataset)...\n');
    const started = await startBenchApp(dataDir);
    app = started.app;
    driver = createDriver({ uri: started.boltUri });
    const database = app.db.database;
    const facts = await machineFacts(driver);
    const loadAtStart = os.loadavg()[0] ?? 0;
    process.stdout.write(
      `Serving ${app.url}; Neo4j ${facts.neo4j}; Node ${facts.node}; nproc ${facts.nproc}; load average ${loadAtStart.toFixed(1)}\n`,
    );

    const scenarios = SCENARIOS.filter(
      (scenario) => settings.only === null || scenario.name.includes(settings.only),
    );
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios)
      results.push(await measure(app.url, driver, database, scenario, settings));

    const machine: MachineFacts = {
      ...facts,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    };
    const report: BenchReport = {
      date,
      machine,
      settings: {
        connections: settings.connections,
        warmupSeconds: settings.warmupSeconds,
        durationSeconds: settings.durationSeconds,
        rounds: settings.rounds,
      },
      scenarios: results,
    };
    process.stdout.write(`\n${renderTextTable(report)}\n`);
    const verdict = aimVerdict(report);
    if (verdict) process.stdout.write(`\n${verdict}\n`);
    if (settings.write) {
      fs.mkdirSync(DOCS_DIR, { recursive: true });
      const markdownPath = path.join(DOCS_DIR, 'benchmarks.md');
      const existing = fs.existsSync(markdownPath) ? fs.readFileSync(markdownPath, 'utf8') : null;
      fs.writeFileSync(markdownPath, replaceSection(existing, renderSection(report)));
      fs.writeFileSync(path.join(DOCS_DIR, 'benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`Wrote ${path.relative(PROJECT_ROOT, markdownPath)} and docs/benchmarks.json\n`);
    }
  } finally {
    await driver?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
