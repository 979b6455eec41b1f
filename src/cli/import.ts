// `npm run import -- [--dry-run] [--kind <kind>] [--encoding <name>] <file>...`: validates and
// imports CSV, JSON Lines or JSON files of funders, calls, organisations, projects or links,
// each file all-or-nothing, with a progress bar and a summary (docs/import.md). Runs left
// RUNNING by a crash are undone at start; `--recover` rolls back every RUNNING run, even one
// that looks alive. Usage mistakes (unknown flag, no such file, a directory) exit 2.

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { parseConfig } from '../config';
import { isImportKind, IMPORT_KINDS } from '../model';
import { formatImportReport } from '../import/formatReport';
import { importFile, type ImportProgress } from '../import/importFile';
import { ImportFileError } from '../import/readRows';
import { rollbackImportRun } from '../import/rollbackImport';
import { runningImports } from '../db/imports';
import { openGraph } from '../db/connect';
import { canonicalEncoding } from '../import/decodeText';
import { createLogger } from '../logger';
import { commandActor, openCommandGraph } from './openCommandGraph';
import { runCommand, UsageError } from './runCommand';

const USAGE = `Usage: npm run import -- [--dry-run] [--kind ${IMPORT_KINDS.join('|')}] [--encoding <name>]
                             <file> [<file>...]
       npm run import -- --recover`;

/** Refuses, before Neo4j is started, a path that is not a readable file. */
function assertImportableFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${file}`);
    throw new UsageError(`cannot read ${file} (${code ?? String(error)})`);
  }
  if (stat.isDirectory()) throw new UsageError(`${file} is a directory; name the files to import`);
  if (!stat.isFile()) throw new UsageError(`${file} is not a regular file`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new UsageError(`cannot read ${file} (permission denied)`);
  }
}

/** A progress bar on stderr for the write pass (and a row counter while validating). */
function progressBar(enabled: boolean): { update(progress: ImportProgress): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format: '  {phase} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      if (progress.totalRows === null) return;
      if (!started) {
        bar.start(progress.totalRows, 0, { phase: progress.phase });
        started = true;
      }
      bar.update(progress.rows, { phase: progress.phase.padEnd(8) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      kind: { type: 'string' },
      encoding: { type: 'string' },
      recover: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.recover) return recover();
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (values.kind !== undefined && !isImportKind(values.kind)) {
    throw new UsageError(`--kind expects one of ${IMPORT_KINDS.join(', ')}, received "${values.kind}"`);
  }
  if (values.encoding !== undefined) {
    try {
      canonicalEncoding(values.encoding);
    } catch (error) {
      throw new UsageError(`--encoding: ${(error as Error).message}`);
    }
  }
  for (const file of positionals) assertImportableFile(file);
  const config = parseConfig(process.env);
  const database = await openCommandGraph(config, config.importTimeoutMs);
  let failed = false;
  try {
    for (const file of positionals) {
      const bar = progressBar(process.stderr.isTTY === true);
      try {
        const report = await importFile(database.db, file, {
          kind: values.kind ?? null,
          dryRun: values['dry-run'],
          encoding: values.encoding,
          actor: commandActor(),
          onProgress: (progress) => bar.update(progress),
        });
        bar.stop();
        process.stdout.write(formatImportReport(report));
        if (report.status === 'rejected') failed = true;
      } catch (error) {
        bar.stop();
        if (!(error instanceof ImportFileError)) throw error;
        process.stdout.write(`Rejected: nothing was written — ${error.message}\n`);
        failed = true;
      }
    }
  } finally {
    await database.close();
  }
  return failed ? 1 : 0;
}

/** Rolls back every RUNNING import run (only safe when no import is actually running). */
async function recover(): Promise<number> {
  const config = parseConfig(process.env);
  // openGraph, not openCommandGraph: every RUNNING run is rolled back here and reported on stdout.
  const database = await openGraph(config, createLogger('warn'), { queryTimeoutMs: config.importTimeoutMs });
  try {
    const runs = await runningImports(database.db);
    if (runs.length === 0) process.stdout.write('No interrupted import runs.\n');
    for (const run of runs) {
      const undone = await rollbackImportRun(database.db, run.id, commandActor());
      process.stdout.write(
        `Rolled back import run ${run.id} (${run.file}, started ${run.startedAt}): ${undone} writes undone\n`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main, 'npm run import -- --help shows the usage');
