// `npm run bench:scale:profile`: which statements of the bench:scale scenarios grow with the data.
// Serves the seed graph (x1) and one synthetic size, records every statement each scenario sends
// (its first request once the analytics prewarm has ended, then a warm one), PROFILEs each on
// both sizes and prints db hits and rows side by side, with the operators of those that grow.

import { parseArgs } from 'node:util';
import type { ProfiledPlan } from 'neo4j-driver';
import { parseConfig } from '../src/config';
import { createDriver } from '../src/db/driver';
import type { EmbeddedNeo4j } from '../src/db/embedded';
import type { Params, QueryEvent } from '../src/db/run';
import type { RunningApp } from '../src/main';
import { openDataSet, serve } from './scaleData';
import { parseScaleSize, type ScaleSize, SEED_SIZE } from './scaleSizes';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { SCALE_SCENARIOS, type ScaleScenario, scenarioBodies } from './scaleScenarios';

/** A statement recorded while a scenario ran. */
interface Recorded {
  scenario: string;
  phase: 'first' | 'warm';
  cypher: string;
  params: Params;
  rows: number;
  ms: number;
}

/** What PROFILE says about one statement. */
interface Profiled {
  dbHits: number;
  rows: number;
  operators: Array<{ operator: string; dbHits: number; rows: number; details: string }>;
}

function flatten(plan: ProfiledPlan): ProfiledPlan[] {
  return [plan, ...plan.children.flatMap(flatten)];
}

async function post(url: string, scenario: ScaleScenario, request: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request,
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors?.length) {
    throw new Error(`${scenario.name}: ${response.status} ${JSON.stringify(body).slice(0, 400)}`);
  }
}

/** Every statement of every scenario (first request, then one warm request) on one running app. */
async function record(app: RunningApp, scenarios: readonly ScaleScenario[]): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  let current: Pick<Recorded, 'scenario' | 'phase'> | null = null;
  const stop = app.db.observe((event: QueryEvent) => {
    if (current && event.access === 'READ')
      recorded.push({
        ...current,
        cypher: event.cypher,
        params: event.params,
        rows: event.rows,
        ms: event.durationMs,
      });
  });
  try {
    const bodies = await scenarioBodies(app.url, scenarios);
    for (const phase of ['first', 'warm'] as const) {
      for (const scenario of scenarios) {
        current = { scenario: scenario.name, phase };
        await post(app.url, scenario, bodies.get(scenario.name)!);
        current = null;
      }
    }
  } finally {
    stop();
  }
  return recorded;
}

async function profile(server: EmbeddedNeo4j, statements: Recorded[]): Promise<Profiled[]> {
  const config = parseConfig(process.env);
  const driver = createDriver({ uri: server.uri });
  const session = driver.session({ database: config.database, defaultAccessMode: 'READ' });
  try {
    const results: Profiled[] = [];
    for (const statement of statements) {
      const result = await session.executeRead((tx) =>
        tx.run(`PROFILE ${statement.cypher}`, statement.params),
      );
      const plan = result.summary.profile;
      if (!plan) throw new Error(`no profile for ${statement.cypher.slice(0, 80)}`);
      const operators = flatten(plan).map((op) => ({
        operator: op.operatorType,
        dbHits: op.dbHits,
        rows: op.rows,
        details: String(op.arguments?.Details ?? '').slice(0, 100),
      }));
      results.push({
        dbHits: operators.reduce((sum, op) => sum + op.dbHits, 0),
        rows: result.records.length,
        operators,
      });
    }
    return results;
  } finally {
    await session.close();
    await driver.close();
  }
}

/** `cypher` with the planner's slot names renumbered by first appearance (s7, s9 -> s1, s2). */
function withOrderedSlots(cypher: string): string {
  const order = new Map<string, string>();
  return cypher.replace(/\bs\d+(?!\d)/g, (slot) => {
    if (!order.has(slot)) order.set(slot, `s${order.size + 1}`);
    return order.get(slot)!;
  });
}

function oneLine(cypher: string, width: number): string {
  const line = cypher.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 3)}...` : line;
}

async function measure(size: ScaleSize, scenarios: readonly ScaleScenario[]) {
  const server = await openDataSet(size);
  let app: RunningApp | null = null;
  try {
    app = await serve(server);
    // The prewarm's statements would be counted to the scenario running beside them.
    await app.analyticsReady();
    const statements = await record(app, scenarios);
    const profiles = await profile(server, statements);
    return statements.map((statement, index) => ({ statement, profiled: profiles[index]! }));
  } finally {
    await app?.stop();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '1000' },
      scenarios: { type: 'string' },
      operators: { type: 'string', default: '2' },
    },
  });
  const seeds = await readSeedDataset(parseConfig(process.env).seedsDir);
  const size = parseScaleSize(values.size, seeds.projects.length);
  const growth = Number(values.operators);
  const wanted = values.scenarios?.split(',').map((name) => name.trim());
  const scenarios = SCALE_SCENARIOS.filter((s) => !wanted || wanted.includes(s.name));
  const small = await measure(SEED_SIZE, scenarios);
  const large = await measure(size, scenarios);
  // Statements pair up by scenario, phase, text and occurrence (the same request sends the same ones),
  // the planner's slot names (s1, s2, ...: numbered per process) read as their order in the text.
  const keyed = (rows: typeof small) => {
    const seen = new Map<string, number>();
    return new Map(
      rows.map((row) => {
        const base = `${row.statement.scenario}|${row.statement.phase}|${withOrderedSlots(row.statement.cypher)}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        return [`${base}|${n}`, row];
      }),
    );
  };
  const smallByKey = keyed(small);
  const out: string[] = [
    `scenario | phase | x1 hits | ${size.label} hits | hits ratio | x1 rows | ${size.label} rows | ` +
      `${size.label} ms | statement`,
  ];
  const growing: string[] = [];
  for (const [key, row] of keyed(large)) {
    const base = smallByKey.get(key);
    const { statement, profiled } = row;
    const ratio = base ? profiled.dbHits / Math.max(1, base.profiled.dbHits) : Number.NaN;
    out.push(
      [
        statement.scenario,
        statement.phase,
        base?.profiled.dbHits ?? '-',
        profiled.dbHits,
        Number.isNaN(ratio) ? '-' : ratio.toFixed(1),
        base?.profiled.rows ?? '-',
        profiled.rows,
        statement.ms.toFixed(1),
        oneLine(statement.cypher, 90),
      ].join(' | '),
    );
    if (!(ratio <= growth)) {
      growing.push(
        `\n[${statement.scenario} ${statement.phase}] ${profiled.dbHits} db hits, ${statement.ms.toFixed(0)} ms`,
      );
      growing.push(statement.cypher);
      for (const op of profiled.operators.filter((o) => o.dbHits > 0 || o.rows > 100))
        growing.push(`  ${op.operator}: ${op.dbHits} hits, ${op.rows} rows  ${op.details}`);
    }
  }
  const largeKeys = new Set(keyed(large).keys());
  const unmatched = [...smallByKey]
    .filter(([key]) => !largeKeys.has(key))
    .map(([, { statement, profiled }]) =>
      [
        statement.scenario,
        statement.phase,
        profiled.dbHits,
        profiled.rows,
        oneLine(statement.cypher, 90),
      ].join(' | '),
    );
  process.stdout.write(
    `${out.join('\n')}\n\nOnly at x1 (scenario | phase | hits | rows | statement):\n${unmatched.join('\n')}\n` +
      `\nStatements whose db hits grow more than ${growth}x:${growing.join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nbench:scale:profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
