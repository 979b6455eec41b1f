// `npm run bench:connect` (the CORDIS part): writes full-size synthetic CORDIS exports with the real
// quirks (bench/cordisData.ts; Horizon Europe and Horizon 2020 zips, by default 50,000 projects,
// about 300,000 organisation rows and 150,000 euroSciVoc rows in all) and runs the connector on
// them in a fresh embedded Neo4j holding the seeds: the PM scope, then (after undoing it) scope
// all, then scope all again (nothing to write). Measures wall time per run, Node's peak RSS and
// the load average, and writes its section of docs/benchmarks.md. Then the ROR part: a synthetic
// ROR dump in schema v2 (bench/rorData.ts, by default 120,000 records, a third naming the
// synthetic CORDIS organisations) matched onto the graph the CORDIS runs left, twice (the second
// run writes nothing), in its own section. Aims (issue 18): PM scope under 1 minute, scope all
// under 3 minutes, ROR under 2 minutes, Node's peak RSS under 600 MB throughout.
// `--only ror` loads the CORDIS exports once with scope all as set-up (untimed against the aims)
// and times the ROR part alone; `--projects` and `--ror-records` set the sizes, `--batch-size` the
// records per write transaction of the CORDIS runs; `--statements` prints where Neo4j time went.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config';
import { openCordisSource, type CordisScope } from '../src/connectors/cordis/cordisSource';
import type { CordisProgrammeKey } from '../src/connectors/cordis/mapCordis';
import { IdentityResolver } from '../src/connectors/resolveIdentities';
import type { ConnectorReport } from '../src/connectors/connectorReport';
import { runConnector } from '../src/connectors/runner';
import { createDriver } from '../src/db/driver';
import { startBenchNeo4j } from './benchNeo4j';
import { applySchema } from '../src/db/migrations';
import { createDb, type Db } from '../src/db/run';
import { seedGraph } from '../src/db/seedGraph';
import { rollbackImportRun } from '../src/import/rollbackImport';
import { readSeedDataset } from '../src/seed/readSeedDataset';
import { openRorSource } from '../src/connectors/ror/rorSource';
import { COUNTRIES, writeSyntheticExport, zipFolder } from './cordisData';
import { writeSyntheticRorDump } from './rorData';
import { integerOption } from './options';
import { neo4jPid, processCpuMs } from './processCpu';
import { BENCHMARKS_DOC, writeBenchmarksSection } from './benchmarksDoc';

const MIB = 1024 * 1024;
const MARKERS = {
  start:
    '<!-- connect-cordis-bench:start (written by npm run bench:connect; edits inside are overwritten) -->',
  end: '<!-- connect-cordis-bench:end -->',
};
const ROR_MARKERS = {
  start: '<!-- connect-ror-bench:start (written by npm run bench:connect; edits inside are overwritten) -->',
  end: '<!-- connect-ror-bench:end -->',
};
/** The synthetic CORDIS organisations' PICs start here (bench/cordisData.ts). */
const FIRST_PIC = 990_000_000;

/** Horizon 2020 holds about 35,000 projects and Horizon Europe some 15,000 so far: 70% and 30%. */
const H2020_SHARE = 0.7;

/**
 * Peaks of Node's memory parts during a run, sampled every 250 ms (stderr only): they tell a live
 * heap from garbage V8 has not collected yet and from buffers outside the heap.
 */
class MemoryPeaks {
  private readonly peaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  private readonly timer: NodeJS.Timeout;
  /** Time spent collecting garbage (what a lower heap limit costs shows here). */
  private gcMs = 0;
  private readonly gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.gcMs += entry.duration;
  });

  constructor() {
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
    this.gc.observe({ entryTypes: ['gc'] });
  }

  /** Seconds of garbage collection so far. */
  get gcSeconds(): number {
    return this.gcMs / 1000;
  }

  private sample(): void {
    const usage = process.memoryUsage();
    for (const key of Object.keys(this.peaks) as Array<keyof MemoryPeaks['peaks']>)
      this.peaks[key] = Math.max(this.peaks[key], usage[key]);
  }

  stop(): string {
    clearInterval(this.timer);
    this.gc.disconnect();
    this.sample();
    return Object.entries(this.peaks)
      .map(([key, bytes]) => `${key} ${(bytes / MIB).toFixed(0)}`)
      .join(', ');
  }
}

interface Timed {
  programme: CordisProgrammeKey;
  scope: CordisScope;
  report: ConnectorReport;
  seconds: number;
  /** Node's peak RSS so far (cumulative, MiB). */
  rssMiB: number;
  /** Seconds of the run spent collecting garbage. */
  gcSeconds: number;
  /** CPU seconds (user + system) of Neo4j's process and of this Node process during the run. */
  neo4jCpu: number;
  nodeCpu: number;
}

async function runOnce(
  db: Db,
  zip: string,
  programme: CordisProgrammeKey,
  scope: CordisScope,
  batchSize: number,
): Promise<Timed> {
  const source = await openCordisSource([zip], { programme, scope });
  const memory = new MemoryPeaks();
  // CPU time, not wall time, is what tells two versions apart on a shared machine.
  const java = neo4jPid();
  const neo4jCpu0 = processCpuMs(java);
  const nodeCpu0 = process.cpuUsage();
  const t0 = performance.now();
  let lastLine = 0;
  try {
    const report = await runConnector(db, source, {
      actor: 'cli:bench',
      batchSize,
      resolve: new IdentityResolver(db, { unmatched: 'create' }).resolve,
      onProgress: (progress) => {
        if (performance.now() - lastLine < 5_000) return;
        lastLine = performance.now();
        process.stderr.write(
          `  ${programme} ${scope} ${progress.phase} ${progress.file}: ${progress.rows} rows, ${progress.records} records\n`,
        );
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const neo4jCpu = (processCpuMs(java) - neo4jCpu0) / 1000;
    const nodeUsage = process.cpuUsage(nodeCpu0);
    const nodeCpu = (nodeUsage.user + nodeUsage.system) / 1e6;
    const rssMiB = process.resourceUsage().maxRSS / 1024;
    const peaks = memory.stop();
    process.stderr.write(
      `  ${programme} ${scope}: ${report.status} in ${seconds.toFixed(1)} s (CPU: Neo4j ${neo4jCpu.toFixed(1)} s, Node ${nodeCpu.toFixed(1)} s; garbage collection ${memory.gcSeconds.toFixed(1)} s), peak RSS ${rssMiB.toFixed(0)} MiB (peaks in this run, MiB: ${peaks})\n`,
    );
    return { programme, scope, report, seconds, rssMiB, gcSeconds: memory.gcSeconds, neo4jCpu, nodeCpu };
  } finally {
    source.close();
  }
}

/** The heap-limit flag this process was started with (package.json's bench:connect gives the one of `npm run connect`). */
function heapFlag(): string {
  const flag = process.execArgv.find((arg) => arg.startsWith('--max-old-space-size'));
  return flag === undefined ? 'Node started without --max-old-space-size' : `Node started with ${flag}`;
}

/** Neo4j's and Node's CPU seconds over some runs. */
function cpu(runs: readonly Timed[]): string {
  const neo4j = runs.reduce((sum, run) => sum + run.neo4jCpu, 0);
  const node = runs.reduce((sum, run) => sum + run.nodeCpu, 0);
  return `${neo4j.toFixed(1)} s and ${node.toFixed(1)} s`;
}

function gcSum(runs: readonly Timed[]): number {
  return runs.reduce((sum, run) => sum + run.gcSeconds, 0);
}

function created(report: ConnectorReport, label: string): number {
  return report.nodes[label]?.created ?? 0;
}

function row(runs: readonly Timed[], what: string): string {
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const records = runs.reduce((sum, run) => sum + run.report.records, 0);
  const projects = runs.reduce((sum, run) => sum + created(run.report, 'Project'), 0);
  const statuses = runs.map((run) => `${run.programme} ${run.report.status}`).join(', ');
  const rss = Math.max(...runs.map((run) => run.rssMiB));
  return `| ${what} | ${statuses} | ${projects.toLocaleString('en')} | ${records.toLocaleString('en')} | ${seconds.toFixed(1)} s | ${Math.round(records / seconds).toLocaleString('en')} | ${rss.toFixed(0)} MiB |`;
}

/** Time spent per statement text (whitespace folded), for --statements. */
class StatementTimes {
  private readonly times = new Map<string, { count: number; ms: number }>();

  add(cypher: string, ms: number): void {
    const key = cypher.replace(/\s+/g, ' ').trim();
    const entry = this.times.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += ms;
    this.times.set(key, entry);
  }

  clear(): void {
    this.times.clear();
  }

  /** The 15 statements of most total time, with their count and share, on stderr. */
  print(phase: string): void {
    const total = [...this.times.values()].reduce((sum, entry) => sum + entry.ms, 0);
    process.stderr.write(`  statements of ${phase}: ${(total / 1000).toFixed(1)} s in all\n`);
    for (const [cypher, entry] of [...this.times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
      process.stderr.write(
        `    ${(entry.ms / 1000).toFixed(1)} s (${((100 * entry.ms) / total).toFixed(0)}%), ${entry.count} x: ${cypher.slice(0, 220)}\n`,
      );
  }
}

function writeSection(section: string, markers: typeof MARKERS, what: string): void {
  writeBenchmarksSection(section, markers);
  process.stderr.write(`Wrote the ${what} section of ${BENCHMARKS_DOC}\n`);
}

interface RorTimed {
  report: ConnectorReport;
  seconds: number;
  rssMiB: number;
  matches: Record<string, number>;
  reviews: number;
}

async function runRor(db: Db, file: string): Promise<RorTimed> {
  const source = await openRorSource(file);
  const resolver = new IdentityResolver(db, { unmatched: 'drop' });
  const memory = new MemoryPeaks();
  const t0 = performance.now();
  let lastLine = 0;
  const report = await runConnector(db, source, {
    actor: 'cli:bench',
    resolve: resolver.resolve,
    onProgress: (progress) => {
      if (performance.now() - lastLine < 5_000) return;
      lastLine = performance.now();
      process.stderr.write(`  ror ${progress.phase} ${progress.file}: ${progress.rows} records read\n`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(
    `  ror: ${report.status} in ${seconds.toFixed(1)} s, peak RSS ${rssMiB.toFixed(0)} MiB (peaks in this run, MiB: ${memory.stop()})\n`,
  );
  // What a run wrote, per label and shape, with samples of the updates (a second run should write nothing).
  for (const [kind, counts] of [...Object.entries(report.nodes), ...Object.entries(report.links)])
    if (counts.created + counts.updated > 0)
      process.stderr.write(
        `    ${kind}: created ${counts.created}, updated ${counts.updated}; updated e.g. ${JSON.stringify(counts.samples.updated.slice(0, 3))}\n`,
      );
  return {
    report,
    seconds,
    rssMiB,
    matches: Object.fromEntries(resolver.tally),
    reviews: resolver.reviews.length,
  };
}

/**
 * The ROR part: a synthetic dump matched onto the graph the CORDIS runs left, then again (nothing
 * to write); its section of docs/benchmarks.md.
 */
async function rorPart(
  db: Db,
  work: string,
  size: { records: number; projects: number; organisations: number; rssBefore: number },
  statements: StatementTimes,
  printStatements: boolean,
): Promise<{ section: string; ok: boolean }> {
  const file = path.join(work, 'v0.0-2026-01-01-ror-data_schema_v2.synthetic.json');
  const bytes = await writeSyntheticRorDump(file, {
    records: size.records,
    firstPic: FIRST_PIC,
    organisations: size.organisations,
    countries: COUNTRIES.map((code) => (code === 'EL' ? 'GR' : code === 'UK' ? 'GB' : code)),
  });
  process.stderr.write(
    `Wrote a synthetic ROR dump (${size.records} records, ${(bytes / MIB).toFixed(0)} MiB)\n`,
  );
  const load = [os.loadavg()[0]!];
  const rssStart = process.resourceUsage().maxRSS / 1024;
  statements.clear();
  const first = await runRor(db, file);
  load.push(os.loadavg()[0]!);
  if (printStatements) statements.print('ror');
  statements.clear();
  const again = await runRor(db, file);
  load.push(os.loadavg()[0]!);
  if (printStatements) statements.print('ror again');
  fs.rmSync(file, { force: true });
  const ok = first.report.status === 'imported' && again.report.status === 'unchanged';
  const busy = Math.max(...load) > os.cpus().length;
  const links = (report: ConnectorReport) =>
    Object.values(report.links).reduce((sum, counts) => sum + counts.created, 0);
  const line = (what: string, run: RorTimed) =>
    `| ${what} | ${run.report.status} | ${run.report.records.toLocaleString('en')} | ${links(run.report).toLocaleString('en')} | ${run.seconds.toFixed(1)} s | ${Math.round(run.report.records / run.seconds).toLocaleString('en')} | ${run.rssMiB.toFixed(0)} MiB |`;
  const section = [
    ROR_MARKERS.start,
    '## ROR connector (npm run bench:connect)',
    '',
    `A synthetic ROR data dump in schema v2 written by bench/rorData.ts: ${size.records.toLocaleString('en')} records`,
    `(${(bytes / MIB).toFixed(0)} MiB of JSON, one record a line) in the real shape (names of each type, locations with`,
    'geonames_details, external_ids grid/isni/wikidata/fundref, admin, links); every record is synthetic (ROR ids 0zz...,',
    'names "Synthetic ..."). One in 29 is inactive and one in 53 withdrawn (not matched); a third name the synthetic',
    `CORDIS organisations (${size.organisations.toLocaleString('en')} PICs) in their country: by display name, one in four`,
    "by alias only, one in eight by an acronym only (an acronym alone scores below the match threshold: to review when a CORDIS organisation's short name in the country equals it, else not matched). Matched with `npm run connect -- ror`'s code path",
    '(runConnector, IdentityResolver dropping what it does not take) onto the graph the CORDIS runs left',
    `(seeds and both synthetic exports of ${size.projects.toLocaleString('en')} projects with scope all), then again.`,
    '',
    '| run | outcome | records emitted (organisations and identifier links) | identifier links created | wall time | records/s | Node peak RSS (cumulative) |',
    '|---|---|---|---|---|---|---|',
    line('ROR dump (aim: under 2 minutes)', first),
    line('ROR dump again (nothing to write)', again),
    '',
    `Matches: ${Object.entries(first.matches)
      .map(([outcome, rows]) => `${outcome} ${rows.toLocaleString('en')}`)
      .join(', ')}; ${first.reviews.toLocaleString('en')} rows to review.`,
    `Node's peak RSS ${rssStart.toFixed(0)} MiB before the ROR part (${size.rssBefore.toFixed(0)} MiB after starting Neo4j and seeding),`,
    `${again.rssMiB.toFixed(0)} MiB after it. Machine: ${os.cpus().length} cores, Node ${process.version}; 1-minute load average`,
    `${load.map((value) => value.toFixed(1)).join(', ')} (start, after the first run, after the second); measured ${new Date().toISOString().slice(0, 10)}.`,
    busy
      ? '**Provisional**: the machine was shared (load above its core count); rerun `npm run bench:connect` (or `-- --only ror`) on a quiet machine.'
      : 'The machine was quiet (load at or under its core count).',
    '',
    ok
      ? 'Checks hold: the first run imported, the second found nothing to write.'
      : '**A check failed**: see the outcomes above.',
    ROR_MARKERS.end,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  return { section, ok };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      projects: { type: 'string', default: '50000' },
      'no-write': { type: 'boolean', default: false },
      // Prints, after each phase, the statements that took the most time in Neo4j (where a run's
      // time goes: Node is idle most of it).
      statements: { type: 'boolean', default: false },
      // cordis: the CORDIS part only; ror: the ROR part only (the CORDIS exports loaded once as set-up).
      only: { type: 'string' },
      'ror-records': { type: 'string', default: '120000' },
      // Records per write transaction of the CORDIS runs (the connector's default is 2,000).
      'batch-size': { type: 'string', default: '2000' },
    },
  });
  const projects = integerOption('projects', values.projects, 100, 500_000);
  const rorRecords = integerOption('ror-records', values['ror-records'], 100, 1_000_000);
  const batchSize = integerOption('batch-size', values['batch-size'], 100, 50_000);
  if (values.only !== undefined && values.only !== 'cordis' && values.only !== 'ror')
    throw new TypeError(`--only expects cordis or ror, received "${values.only}"`);
  const parts = { cordis: values.only !== 'ror', ror: values.only !== 'cordis' };
  const config = parseConfig(process.env);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-connect-'));
  const load = [os.loadavg()[0]!];
  try {
    const exports: Array<{ programme: CordisProgrammeKey; zip: string; projects: number }> = [];
    let bytes = 0;
    for (const programme of ['h2020', 'horizon'] as const) {
      const count = Math.round(projects * (programme === 'h2020' ? H2020_SHARE : 1 - H2020_SHARE));
      const folder = path.join(work, programme);
      bytes += await writeSyntheticExport(folder, {
        programme,
        projects: count,
        organisationRows: 6,
        euroSciVocRows: 3,
        organisations: Math.round(count * 0.8),
        // PICs count up from FIRST_PIC (the ROR part names them).
        firstGrantId: programme === 'h2020' ? 880_000_000 : 890_000_000,
      });
      const zip = path.join(work, `synthetic-cordis-${programme}projects-csv.zip`);
      await zipFolder(folder, zip, `synthetic-cordis-${programme}projects-csv`);
      fs.rmSync(folder, { recursive: true, force: true });
      exports.push({ programme, zip, projects: count });
    }
    process.stderr.write(
      `Wrote two synthetic exports (${projects} projects, ${(bytes / MIB).toFixed(0)} MiB of CSV)\n`,
    );

    const server = await startBenchNeo4j(config, work);
    const driver = createDriver({ uri: server.uri });
    try {
      const db = createDb(driver, { database: config.database, queryTimeoutMs: config.importTimeoutMs });
      const statements = new StatementTimes();
      if (values.statements) db.observe((event) => statements.add(event.cypher, event.durationMs));
      await applySchema(db);
      await seedGraph(db, await readSeedDataset(config.seedsDir));
      const rssBefore = process.resourceUsage().maxRSS / 1024;

      if (parts.cordis) {
        const pm: Timed[] = [];
        statements.clear();
        for (const { programme, zip } of exports) pm.push(await runOnce(db, zip, programme, 'pm', batchSize));
        load.push(os.loadavg()[0]!);
        if (values.statements) statements.print('--scope pm');
        const undo0 = performance.now();
        for (const run of [...pm].reverse())
          if (run.report.status === 'imported') await rollbackImportRun(db, run.report.runId, 'cli:bench');
        const undoSeconds = (performance.now() - undo0) / 1000;
        const all: Timed[] = [];
        statements.clear();
        for (const { programme, zip } of exports)
          all.push(await runOnce(db, zip, programme, 'all', batchSize));
        load.push(os.loadavg()[0]!);
        if (values.statements) statements.print('--scope all');
        const again: Timed[] = [];
        statements.clear();
        for (const { programme, zip } of exports)
          again.push(await runOnce(db, zip, programme, 'all', batchSize));
        load.push(os.loadavg()[0]!);
        if (values.statements) statements.print('--scope all again');

        const pmSeconds = pm.reduce((sum, run) => sum + run.seconds, 0);
        const allSeconds = all.reduce((sum, run) => sum + run.seconds, 0);
        const peak = process.resourceUsage().maxRSS / 1024;
        const tally = (runs: readonly Timed[]) => {
          const rules: Record<string, number> = {};
          for (const run of runs)
            for (const [rule, count] of Object.entries(run.report.tallies['scope rules'] ?? {}))
              rules[rule] = (rules[rule] ?? 0) + count;
          return Object.entries(rules)
            .map(([rule, count]) => `${rule} ${count.toLocaleString('en')}`)
            .join(', ');
        };
        const ok =
          pm.every((run) => run.report.status === 'imported') &&
          all.every((run) => run.report.status === 'imported') &&
          again.every((run) => run.report.status === 'unchanged');
        const busy = Math.max(...load) > os.cpus().length;
        const section = [
          MARKERS.start,
          '## CORDIS connector (npm run bench:connect)',
          '',
          `Two synthetic CORDIS projects exports written by bench/cordisData.ts with the format's quirks (BOM, CRLF,`,
          `decimal commas, unescaped quotes and \`;\` in objectives, pre-wrapped objectives, bare empties, EL/UK codes,`,
          `paths with and without the leading slash): ${projects.toLocaleString('en')} projects (Horizon 2020 ${exports[0]!.projects.toLocaleString('en')},`,
          `Horizon Europe ${exports[1]!.projects.toLocaleString('en')}), 4 to 7 organisation rows and 3 euroSciVoc rows per project,`,
          `${(bytes / MIB).toFixed(0)} MiB of CSV, each export zipped with an extra folder level. Every row is synthetic. Run with`,
          `\`npm run connect\`'s code path (runConnector, batches of ${batchSize.toLocaleString('en')} records, organisations resolved by PIC) in a`,
          'fresh embedded Neo4j 5.26 (heap -Xmx1g, page cache 256 MiB) holding the seeds: both exports with the PM',
          'scope, those runs undone, both with scope all, both with scope all again.',
          '',
          '| run | outcome | projects created | records | wall time | records/s | Node peak RSS (cumulative) |',
          '|---|---|---|---|---|---|---|',
          row(pm, '`--scope pm` (aim: under 1 minute)'),
          row(all, '`--scope all` (aim: under 3 minutes)'),
          row(again, '`--scope all` again (nothing to write)'),
          '',
          `Undoing the PM runs (rollbackImportRun) took ${undoSeconds.toFixed(1)} s. Scope rules on the synthetic PM run:`,
          `${tally(pm)} (the synthetic data names personalised medicine in one project in 40 and`,
          'tags a stray engineering project in 97; these counts test the plumbing, not the rules: their precision on',
          'real rows is in docs/connectors.md).',
          '',
          `PM scope ${pmSeconds.toFixed(1)} s, scope all ${allSeconds.toFixed(1)} s: ratio all/PM ${(allSeconds / pmSeconds).toFixed(1)}x in this run.`,
          `CPU time (user + system) of Neo4j's process and of Node's: PM ${cpu(pm)}, scope all ${cpu(all)}, scope all again ${cpu(again)}.`,
          `Node's peak RSS ${peak.toFixed(0)} MiB over the whole bench (${rssBefore.toFixed(0)} MiB after starting Neo4j and seeding),`,
          `with a V8 heap limit of ${(v8.getHeapStatistics().heap_size_limit / MIB).toFixed(0)} MiB (${heapFlag()}, as \`npm run connect\` does);`,
          `garbage collection took ${gcSum(pm).toFixed(1)} s of the PM runs, ${gcSum(all).toFixed(1)} s of the scope-all runs`,
          `and ${gcSum(again).toFixed(1)} s of the second scope-all runs.`,
          `Machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; 1-minute load average`,
          `${load.map((value) => value.toFixed(1)).join(', ')} (start, after PM, after all, after all again); measured ${new Date().toISOString().slice(0, 10)}.`,
          busy
            ? '**Provisional**: the machine was shared (load above its core count); rerun `npm run bench:connect` on a quiet machine for the figures to compare with the aims.'
            : 'The machine was quiet (load at or under its core count).',
          '',
          ok
            ? 'Checks hold: every first run imported, every second scope-all run found nothing to write.'
            : '**A check failed**: see the outcomes above.',
          MARKERS.end,
        ].join('\n');
        process.stdout.write(`${section}\n`);
        if (!values['no-write']) writeSection(section, MARKERS, 'CORDIS connector');
        if (!ok) process.exitCode = 1;
      } else {
        // Set-up of the ROR part: the graph the CORDIS part leaves (both exports, scope all).
        for (const { programme, zip } of exports) await runOnce(db, zip, programme, 'all', batchSize);
      }
      if (parts.ror) {
        const organisations = Math.max(...exports.map((entry) => Math.round(entry.projects * 0.8)));
        const ror = await rorPart(
          db,
          work,
          { records: rorRecords, projects, organisations, rssBefore },
          statements,
          values.statements,
        );
        if (!values['no-write']) writeSection(ror.section, ROR_MARKERS, 'ROR connector');
        if (!ror.ok) process.exitCode = 1;
      }
    } finally {
      await driver.close();
      await server.stop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
