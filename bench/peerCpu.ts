// `npm run bench:peer:cpu`: the CPU each side of bench:peer spends per request, in Node and in
// Neo4j, and our statements per request. Wall-time ratios swing with the machine's load; CPU
// per request barely does, so this is the figure to move. The load client runs in its own
// process (bench/cpuClient.ts); the servers share this one, measured one at a time.

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuClientAnswer, type CpuClientRequest, REQUESTS_BEFORE_LOAD } from './cpuClient';
import { PEER_SCENARIOS, type PeerScenario } from './peerScenarios';
import { type PeerServers, SIDE_LABEL, SIDES, type Side, startPeerServers } from './peerServers';
import { type CpuProfile, profileSummary } from './cpuProfile';
import { neo4jPid, processCpuMs } from './processCpu';
import { formatRatio } from './report';
import { integerListOption, integerOption } from './options';
import { writeBenchmarksSection } from './benchmarksDoc';

const SECTION = {
  start: '<!-- bench:peer-cpu:start (written by npm run bench:peer:cpu; edits inside are overwritten) -->',
  end: '<!-- bench:peer-cpu:end -->',
};

interface Settings {
  requests: number;
  rounds: number;
  /** Requests per scenario and side before anything is measured. */
  warmup: number;
  connections: number[];
  /** Folder for CPU profiles of each side and scenario (inspector), or null. */
  profileDir: string | null;
  write: boolean;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '300' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '400' },
      connections: { type: 'string', default: '1,4' },
      profile: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  return {
    requests: integerOption('requests', values.requests, 1, 100_000),
    rounds: integerOption('rounds', values.rounds, 1, 100),
    warmup: integerOption('warmup', values.warmup, 1, 100_000),
    connections: integerListOption('connections', values.connections, 1, 64),
    profileDir: values.profile ? path.resolve(values.profile) : null,
    // A profiled run is slower: its figures are not written.
    write: !values['no-write'] && !values.profile,
  };
}

/** This process's CPU time so far (user + system), in ms. */
function nodeCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function askClient(client: ChildProcess, request: CpuClientRequest): Promise<CpuClientAnswer> {
  return new Promise((resolve) => {
    client.once('message', (answer: CpuClientAnswer) => resolve(answer));
    client.send(request);
  });
}

/** CPU per request of one side in one scenario, summed over the rounds. */
interface CpuResult {
  scenario: string;
  connections: number;
  side: Side;
  requests: number;
  nodeMs: number;
  neo4jMs: number;
  /** Statements our app sent (null for the peer, which sends one per request by design). */
  statements: number | null;
}

async function measureSide(
  servers: PeerServers,
  client: ChildProcess,
  pid: number,
  scenario: PeerScenario,
  side: Side,
  connections: number,
  requests: number,
): Promise<Omit<CpuResult, 'scenario' | 'connections' | 'side'>> {
  const body = side === 'theirs' ? scenario.theirs : scenario.ours;
  let statements = 0;
  const stopObserving = side === 'theirs' ? null : servers.apps[side].db.observe(() => (statements += 1));
  const node = nodeCpuMs();
  const neo4j = processCpuMs(pid);
  const answer = await askClient(client, { url: servers.urls[side], body, connections, amount: requests });
  const result = { requests, nodeMs: nodeCpuMs() - node, neo4jMs: processCpuMs(pid) - neo4j };
  stopObserving?.();
  if (answer.errors !== 0) {
    throw new Error(`${scenario.name} ${SIDE_LABEL[side]}: ${answer.errors} failed requests`);
  }
  // The requests the client sends before autocannon's are measured too.
  return {
    ...result,
    requests: requests + REQUESTS_BEFORE_LOAD,
    statements: side === 'theirs' ? null : statements,
  };
}

async function withProfile<T>(
  profiler: Session | null,
  file: string | null,
  work: () => Promise<T>,
): Promise<T> {
  if (!profiler || !file) return work();
  await profiler.post('Profiler.start');
  const result = await work();
  const { profile } = (await profiler.post('Profiler.stop')) as { profile: CpuProfile };
  fs.writeFileSync(file, JSON.stringify(profile));
  process.stdout.write(`\n${path.basename(file)}\n${profileSummary(profile, 25)}\n`);
  return result;
}

function perRequest(result: CpuResult): { node: number; neo4j: number; statements: number | null } {
  return {
    node: result.nodeMs / result.requests,
    neo4j: result.neo4jMs / result.requests,
    statements: result.statements === null ? null : result.statements / result.requests,
  };
}

const COLUMNS = [
  'scenario',
  'connections',
  'side',
  'Node CPU ms/request',
  'Neo4j CPU ms/request',
  'statements/request',
  'Node CPU / theirs',
  'Neo4j CPU / theirs',
];

function tableRows(results: CpuResult[]): string[][] {
  return results.map((result) => {
    const theirs = results.find(
      (other) =>
        other.side === 'theirs' &&
        other.scenario === result.scenario &&
        other.connections === result.connections,
    );
    const mine = perRequest(result);
    const peer = theirs ? perRequest(theirs) : null;
    return [
      result.scenario,
      String(result.connections),
      SIDE_LABEL[result.side],
      mine.node.toFixed(2),
      mine.neo4j.toFixed(2),
      mine.statements === null ? '1 (by design)' : mine.statements.toFixed(2),
      peer ? formatRatio(mine.node / peer.node) : '',
      peer ? formatRatio(mine.neo4j / peer.neo4j) : '',
    ];
  });
}

function renderSection(results: CpuResult[], settings: Settings, date: string, load: number[]): string {
  return [
    SECTION.start,
    '## CPU per request against @neo4j/graphql (npm run bench:peer:cpu)',
    '',
    '`npm run bench:peer:cpu` (bench/peerCpu.ts) starts the servers of bench:peer in one process and',
    'loads them one at a time from a client in another process (bench/cpuClient.ts), so the',
    "process's CPU time (process.cpuUsage) is the servers' own; Neo4j's is read from /proc (10 ms",
    `ticks). After ${settings.warmup} unmeasured requests per scenario and side (both JITs warm up),`,
    `each side answers ${settings.requests + REQUESTS_BEFORE_LOAD} requests per round, ${settings.rounds} rounds rotating the sides;`,
    "figures are per request, summed over the rounds. Our statements are counted by the Db's",
    "observer. CPU per request moves far less with the machine's load than wall time does.",
    '',
    `Run on ${date}; 1-minute load average ${(load[0] ?? 0).toFixed(1)} at the start, ${(load[1] ?? 0).toFixed(1)} at the end.`,
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `| --- | ---: | --- | ${COLUMNS.slice(3)
      .map(() => '---:')
      .join(' | ')} |`,
    ...tableRows(results).map((cells) => `| ${cells.join(' | ')} |`),
    SECTION.end,
  ].join('\n');
}

async function main(): Promise<void> {
  const settings = readSettings();
  const date = new Date().toISOString();
  let servers: PeerServers | null = null;
  const client = fork(path.join(__dirname, 'cpuClient.js'), [], { stdio: 'inherit' });
  const profiler = settings.profileDir ? new Session() : null;
  try {
    servers = await startPeerServers();
    const pid = neo4jPid();
    const loadStart = os.loadavg()[0] ?? 0;
    process.stdout.write(`Neo4j pid ${pid}; load average ${loadStart.toFixed(1)}\n`);
    if (profiler && settings.profileDir) {
      fs.mkdirSync(settings.profileDir, { recursive: true });
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
    }
    // Both JITs (V8's and the JVM's) warm up over the first thousand requests or so; without
    // this pass the first side measured in the first scenario carried it (our nested page's
    // statement cost Neo4j 7.7-8.0 ms there, 2.4-2.6 ms later in the same run).
    process.stdout.write(`Warm-up: ${settings.warmup} requests per scenario and side\n`);
    for (const scenario of PEER_SCENARIOS) {
      for (const side of SIDES) {
        await measureSide(
          servers,
          client,
          pid,
          scenario,
          side,
          Math.max(...settings.connections),
          settings.warmup,
        );
      }
    }
    const results: CpuResult[] = [];
    for (const scenario of PEER_SCENARIOS) {
      for (const connections of settings.connections) {
        process.stdout.write(`${scenario.name}, ${connections} connection(s): warm-up`);
        for (const side of SIDES) {
          await measureSide(servers, client, pid, scenario, side, connections, 50);
        }
        const sums = new Map<Side, CpuResult>();
        for (let round = 0; round < settings.rounds; round += 1) {
          const order = [...SIDES.slice(round % SIDES.length), ...SIDES.slice(0, round % SIDES.length)];
          for (const side of order) {
            process.stdout.write(`, ${SIDE_LABEL[side]}`);
            const file =
              round === 0 && settings.profileDir
                ? path.join(
                    settings.profileDir,
                    `${scenario.name.replace(/\W+/g, '-')}-${connections}-${side}.cpuprofile`,
                  )
                : null;
            const measured = await withProfile(profiler, file, () =>
              measureSide(servers!, client, pid, scenario, side, connections, settings.requests),
            );
            const sum = sums.get(side) ?? {
              scenario: scenario.name,
              connections,
              side,
              requests: 0,
              nodeMs: 0,
              neo4jMs: 0,
              statements: side === 'theirs' ? null : 0,
            };
            sum.requests += measured.requests;
            sum.nodeMs += measured.nodeMs;
            sum.neo4jMs += measured.neo4jMs;
            if (sum.statements !== null) sum.statements += measured.statements ?? 0;
            sums.set(side, sum);
          }
        }
        process.stdout.write('\n');
        results.push(...SIDES.map((side) => sums.get(side)!));
      }
    }
    const rows = [COLUMNS, ...tableRows(results)];
    process.stdout.write(`\n${rows.map((row) => row.join('  ')).join('\n')}\n`);
    if (settings.write) {
      const load = [loadStart, os.loadavg()[0] ?? 0];
      writeBenchmarksSection(renderSection(results, settings, date, load), SECTION);
      process.stdout.write('Wrote docs/benchmarks.md (peer CPU section)\n');
    }
  } finally {
    profiler?.disconnect();
    client.kill();
    await servers?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nPeer CPU benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
