// `npm run bench:recovery [-- --kills 3] [-- --no-write]`: starts the server on a fresh
// embedded Neo4j (seeded), kills the Java process with SIGKILL a few times and measures how
// long /ready takes to answer 503 and then 200 again (the supervisor's automatic restart).
// For comparison, in the same run, a clean start of Neo4j on the same data folder is timed.
// Writes its own marked section of docs/benchmarks.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, PROJECT_ROOT } from '../src/config';
import { startEmbeddedNeo4j } from '../src/db/embedded';
import { restartDelayMs } from '../src/db/supervisor';
import { createLogger } from '../src/logger';
import { startApp } from '../src/main';
import { integerOption } from './options';

export const RECOVERY_SECTION_START =
  '<!-- recovery-bench:start (written by npm run bench:recovery; edits inside are overwritten) -->';
export const RECOVERY_SECTION_END = '<!-- recovery-bench:end -->';

interface Kill {
  downMs: number;
  upMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`)).status;
  } catch {
    return 0;
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Replaces this benchmark's section of docs/benchmarks.md, appending it when absent. */
export function replaceRecoverySection(existing: string, section: string): string {
  const start = existing.indexOf(RECOVERY_SECTION_START);
  const end = existing.indexOf(RECOVERY_SECTION_END);
  if (start < 0 && end < 0) return `${existing.replace(/\s*$/, '')}\n\n${section}\n`;
  if (start < 0 || end < start) {
    throw new TypeError(
      'replaceRecoverySection expects one recovery-bench:start marker, then one recovery-bench:end',
    );
  }
  return existing.slice(0, start) + section + existing.slice(end + RECOVERY_SECTION_END.length);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { kills: { type: 'string', default: '3' }, 'no-write': { type: 'boolean', default: false } },
  });
  const kills = integerOption('kills', values.kills, 1, 20);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-recovery-'));
  const dataDir = path.join(work, 'neo4j');
  const config = parseConfig({
    NEO4J_DATA_DIR: dataDir,
    PORT: '0',
    JAVA_HOME: process.env.JAVA_HOME,
    LOG_LEVEL: 'warn',
  });
  try {
    const app = await startApp(config, createLogger('warn'));
    const results: Kill[] = [];
    try {
      for (let round = 1; round <= kills; round += 1) {
        const pid = app.supervisor.status().pid!;
        const killedAt = performance.now();
        process.kill(pid, 'SIGKILL');
        while ((await readyStatus(app.port)) !== 503) await sleep(5);
        const downMs = performance.now() - killedAt;
        while ((await readyStatus(app.port)) !== 200) await sleep(100);
        const upMs = performance.now() - killedAt;
        results.push({ downMs, upMs });
        const summary = `/ready 503 after ${downMs.toFixed(0)} ms, 200 after ${(upMs / 1000).toFixed(1)} s`;
        process.stderr.write(`kill ${round}: ${summary}\n`);
        // Restarts more than 60 s apart start the backoff again from its first step.
        if (round < kills) await sleep(61_000);
      }
    } finally {
      await app.stop();
    }
    // The baseline: the same Neo4j started cleanly on the same data folder (no crash recovery, no backoff).
    const t0 = performance.now();
    const javaHome = config.neo4j.mode === 'embedded' ? config.neo4j.javaHome : null;
    const clean = await startEmbeddedNeo4j({ dataDir, javaHome });
    const cleanMs = performance.now() - t0;
    await clean.stop();

    const upMedian = median(results.map((kill) => kill.upMs));
    const section = [
      RECOVERY_SECTION_START,
      '## Recovery after a Neo4j kill (npm run bench:recovery)',
      '',
      `The server on a fresh, seeded embedded Neo4j 5.26; the Java process killed with SIGKILL ${kills} times, 61 s`,
      'apart (so every restart starts the backoff at its first step). "503" is when /ready first answered 503, "200"',
      `when it answered 200 again after the supervisor's restart (backoff ${restartDelayMs(1)} ms, same data folder`,
      'and port).',
      'The clean start is the same Neo4j started on the same folder after a clean stop, in the same run.',
      '',
      '| kill | /ready 503 after | /ready 200 again after |',
      '|---|---|---|',
      ...results.map((kill, index) => {
        return `| ${index + 1} | ${kill.downMs.toFixed(0)} ms | ${(kill.upMs / 1000).toFixed(1)} s |`;
      }),
      '',
      `Median recovery ${seconds(upMedian)} s; a clean start took ${seconds(cleanMs)} s: recovery / clean start =`,
      `${(upMedian / cleanMs).toFixed(2)}. Machine: ${os.cpus().length} cores, Node ${process.version}, load average`,
      `${os.loadavg()[2]!.toFixed(1)} over the last 15 minutes (shared; JVM start-up time scales with the CPU left);`,
      `measured ${new Date().toISOString().slice(0, 10)}.`,
      RECOVERY_SECTION_END,
    ].join('\n');
    process.stdout.write(`${section}\n`);
    if (!values['no-write']) {
      const target = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
      fs.writeFileSync(target, replaceRecoverySection(fs.readFileSync(target, 'utf8'), section));
      process.stderr.write(`Wrote the recovery section of ${target}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
