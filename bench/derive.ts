// `npm run bench:derive`: `npm run derive` over the 100,000 synthetic projects of the import
// bench (the scale bench's `100k` data folder, built first when missing), on a copy of that
// folder so that the data set stays as built. Three runs, timed side by side: the rule book
// placing every project anew (all INFERRED links removed first, as after a rule book whose
// every rule changed), the same again right after (idempotent: nothing written), and a dry run.
// Writes its section of docs/benchmarks.md with the load average.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, PROJECT_ROOT } from '../src/config';
import type { Db } from '../src/db/run';
import { readStats } from '../src/db/stats';
import { RULE_BOOK_VERSION } from '../src/derivation';
import { DEFAULT_DERIVE_BATCH_SIZE, deriveGraph, type DeriveReport } from '../src/import/deriveGraph';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { withLinksToPlace } from './deriveData';
import { integerOption } from './options';
import { replaceSection } from './report';
import { dataDirOf, openDataSet } from './scaleData';
import { parseScaleSize } from './scaleSizes';

const MARKERS = {
  start: '<!-- derive-bench:start (written by npm run bench:derive; edits inside are overwritten) -->',
  end: '<!-- derive-bench:end -->',
};
const ACTOR = 'cli:bench-derive';

interface Timed {
  label: string;
  report: DeriveReport;
  seconds: number;
  dataVersionRaised: number;
  load: number;
}

function argumentsOf(): { size: string; batchSize: number; write: boolean; from: string | null } {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100k' },
      'batch-size': { type: 'string', default: String(DEFAULT_DERIVE_BATCH_SIZE) },
      from: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  return {
    size: values.size,
    batchSize: integerOption('batch-size', values['batch-size'], 1, 10_000),
    write: !values['no-write'],
    from: values.from ?? null,
  };
}

async function timed(db: Db, label: string, run: () => Promise<DeriveReport>): Promise<Timed> {
  const before = (await readStats(db)).dataVersion;
  const started = performance.now();
  const report = await run();
  const seconds = (performance.now() - started) / 1000;
  const dataVersionRaised = (await readStats(db)).dataVersion - before;
  const load = os.loadavg()[0]!;
  process.stdout.write(
    `${label}: ${seconds.toFixed(1)} s, ${report.derived.projects} projects, links added ${report.derived.totals.added}, ` +
      `changed ${report.derived.totals.changed}, removed ${report.derived.totals.removed}; ` +
      `${report.committedBatches}/${report.batches} batches committed; data version +${dataVersionRaised}; load ${load.toFixed(1)}\n`,
  );
  return { label, report, seconds, dataVersionRaised, load };
}

async function main(): Promise<void> {
  const options = argumentsOf();
  const config = parseConfig(process.env);
  const seeds = await readSeedDataset(config.seedsDir);
  const size = parseScaleSize(options.size, seeds.projects.length);
  let source = options.from ?? dataDirOf(size);
  if (options.from === null) {
    // Builds the data set when missing (about 30 minutes for 100k on a busy machine), else reuses it.
    const built = await openDataSet(size, { anySeeds: true });
    await built.stop();
    source = dataDirOf(size);
  }
  const loadAtStart = os.loadavg();
  await withLinksToPlace(config, source, async (db) => {
    const [counts] = await db.read<{ projects: number; calls: number }>(
      'CALL { MATCH (p:Project) RETURN count(p) AS projects } CALL { MATCH (c:Call) RETURN count(c) AS calls } RETURN projects, calls',
    );
    process.stdout.write(
      `${counts!.projects} projects, ${counts!.calls} calls; batches of ${options.batchSize}\n`,
    );
    const run = (dryRun: boolean) => () =>
      deriveGraph(db, { actor: ACTOR, dryRun, batchSize: options.batchSize });
    const runs = [
      await timed(db, 'every project placed anew', run(false)),
      await timed(db, 'right after (idempotent)', run(false)),
      await timed(db, 'dry run', run(true)),
    ];
    const section = renderSection(runs, {
      projects: counts!.projects,
      calls: counts!.calls,
      batchSize: options.batchSize,
      loadAtStart,
      cpus: os.cpus().length,
      label: size.label,
    });
    process.stdout.write(`${section}\n`);
    if (options.write) {
      const target = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
      fs.writeFileSync(target, replaceSection(fs.readFileSync(target, 'utf8'), section, MARKERS));
      process.stderr.write(`Wrote the derive section of ${target}\n`);
    }
  });
}

function renderSection(
  runs: Timed[],
  facts: {
    projects: number;
    calls: number;
    batchSize: number;
    loadAtStart: number[];
    cpus: number;
    label: string;
  },
): string {
  const busy = Math.max(facts.loadAtStart[0]!, ...runs.map((run) => run.load)) > facts.cpus;
  const rows = runs.map(
    ({ label, report, seconds, dataVersionRaised, load }) =>
      `| ${label} | ${seconds.toFixed(1)} | ${Math.round(report.derived.projects / seconds)} | ` +
      `${report.derived.totals.added} / ${report.derived.totals.changed} / ${report.derived.totals.removed} | ` +
      `${report.committedBatches} of ${report.batches} | +${dataVersionRaised} | ${load.toFixed(1)} |`,
  );
  const [anew, idempotent] = runs;
  return [
    MARKERS.start,
    '## Re-derivation of the whole graph (npm run bench:derive)',
    '',
    `\`npm run derive\` (rule book ${RULE_BOOK_VERSION}) over the \`${facts.label}\` data set of the scale bench: ` +
      `${facts.projects} projects (the seeds' and the import bench's SYNTHETIC rows, bench/importData.ts) and ` +
      `${facts.calls} calls, in write batches of ${facts.batchSize}, on a copy of the built folder. First every ` +
      'INFERRED project link is removed (not timed), so the first run places every project anew, as after a ' +
      'rule book whose every rule changed: each link is written, and each project gets one audit event (DERIVE) ' +
      'naming its links. The second run follows at ' +
      'once and must write nothing (every batch rolls back, the data version stays); the third is a dry run.',
    '',
    '| run | seconds | projects/s | links added / changed / removed | batches committed | data version | load (1 min) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `The idempotent run took ${(idempotent!.seconds / anew!.seconds).toFixed(2)} of the time of the full placement ` +
      `(aim for either: under 2 minutes). Load average at the start ${facts.loadAtStart
        .map((value) => value.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min) on ${facts.cpus} cores` +
      (busy
        ? '; other work shared the machine, so these figures are provisional: rerun `npm run bench:derive` on a quiet machine.'
        : '.') +
      ` Measured ${new Date().toISOString().slice(0, 10)}.`,
    MARKERS.end,
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
