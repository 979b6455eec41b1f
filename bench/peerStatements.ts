// `npm run bench:peer:statements`: the Cypher each side of bench:peer sends per scenario, run
// alone against the same Neo4j: PROFILE db hits and Neo4j CPU per execution, side by side. It
// says whether a gap in bench:peer:cpu is in the statement's shape or around it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { createDriver } from '../src/db/driver';
import type { Params } from '../src/db/run';
import { PEER_SCENARIOS } from './peerScenarios';
import { startPeerServers } from './peerServers';
import { neo4jPid, processCpuMs } from './processCpu';

interface Statement {
  name: string;
  cypher: string;
  params: Params;
}

type ExecutorClass = {
  prototype: { transactionRun(query: string, params: Params, transaction: unknown): unknown };
};

/**
 * The statements @neo4j/graphql sends, from the one method all its reads pass through (its
 * debug output prints the same text). Its package exports no such path, hence the file's.
 */
function captureTheirs(): Statement[] {
  const file = path.join(require.resolve('@neo4j/graphql'), '..', 'classes', 'Executor.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Executor } = require(file) as { Executor: ExecutorClass };
  const captured: Statement[] = [];
  const run = Executor.prototype.transactionRun;
  Executor.prototype.transactionRun = function (query, params, transaction) {
    captured.push({ name: '', cypher: query, params });
    return run.call(this, query, params, transaction);
  };
  return captured;
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  await response.text();
}

/** Db hits of a statement's PROFILE, and its plan as indented lines. */
async function profile(driver: Driver, statement: Statement): Promise<{ hits: number; plan: string }> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(
      `PROFILE ${statement.cypher.replace(/^CYPHER 5\n/, '')}`,
      statement.params,
    );
    let hits = 0;
    const lines: string[] = [];
    const walk = (plan: ProfiledPlan | false, depth: number): void => {
      if (!plan) return;
      hits += plan.dbHits;
      const details = String(plan.arguments['Details'] ?? '').slice(0, 160);
      lines.push(
        `${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows} hits=${plan.dbHits} ${details}`,
      );
      for (const child of plan.children) walk(child, depth + 1);
    };
    walk(result.summary.profile, 0);
    return { hits, plan: lines.join('\n') };
  } finally {
    await session.close();
  }
}

/** Runs a statement as an auto-commit read `times` times, one after another. */
async function runTimes(driver: Driver, statement: Statement, times: number): Promise<void> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    for (let i = 0; i < times; i += 1) await session.run(statement.cypher, statement.params);
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '6' },
      out: { type: 'string', default: path.join(os.tmpdir(), 'permed-graph-peer-statements') },
      variants: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const rounds = Number(values.rounds);
  const captured = captureTheirs();
  const servers = await startPeerServers();
  const driver = createDriver({ uri: servers.boltUri });
  try {
    const statements: Statement[] = [];
    for (const scenario of PEER_SCENARIOS) {
      const key = scenario.name.replace(/\W+/g, '-');
      const ours: Statement[] = [];
      const stop = servers.apps.ours.db.observe((event) =>
        ours.push({ name: `${key}-ours`, cypher: event.cypher, params: event.params }),
      );
      await post(servers.urls.ours, scenario.ours);
      stop();
      captured.length = 0;
      await post(servers.urls.theirs, scenario.theirs);
      // Their first request also asks for the DBMS version, once per process.
      const theirs = captured.filter((statement) => !statement.cypher.includes('dbms.components()'));
      statements.push(...ours, ...theirs.map((statement) => ({ ...statement, name: `${key}-theirs` })));
      // A folder of <scenario>-<label>.cypher files: other shapes of our statement, same parameters.
      if (values.variants && ours[0]) {
        for (const file of fs.readdirSync(values.variants).filter((name) => name.startsWith(key))) {
          const cypher = fs.readFileSync(path.join(values.variants, file), 'utf8');
          statements.push({ name: file.replace(/\.cypher$/, ''), cypher, params: ours[0].params });
        }
      }
    }
    fs.mkdirSync(values.out, { recursive: true });
    const hits = new Map<string, number>();
    for (const statement of statements) {
      const profiled = await profile(driver, statement);
      hits.set(statement.name, profiled.hits);
      fs.writeFileSync(path.join(values.out, `${statement.name}.cypher`), statement.cypher);
      fs.writeFileSync(path.join(values.out, `${statement.name}.profile.txt`), profiled.plan);
    }
    const pid = neo4jPid();
    const cpu = new Map<string, number>();
    // Warm-up, then rounds rotating the order, so that no statement always runs first.
    for (const statement of statements) await runTimes(driver, statement, runs);
    for (let round = 0; round < rounds; round += 1) {
      const shift = round % statements.length;
      for (const statement of [...statements.slice(shift), ...statements.slice(0, shift)]) {
        const before = processCpuMs(pid);
        await runTimes(driver, statement, runs);
        cpu.set(statement.name, (cpu.get(statement.name) ?? 0) + processCpuMs(pid) - before);
      }
    }
    process.stdout.write(`\nstatement  db hits  Neo4j CPU ms/execution (${runs * rounds} runs)\n`);
    for (const statement of statements) {
      const perRun = (cpu.get(statement.name) ?? 0) / (runs * rounds);
      process.stdout.write(`${statement.name}  ${hits.get(statement.name)}  ${perRun.toFixed(2)}\n`);
    }
    process.stdout.write(`Statements and their profiles: ${values.out}\n`);
  } finally {
    await driver.close();
    await servers.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nPeer statements failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
