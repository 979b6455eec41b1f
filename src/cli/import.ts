// `npm run import -- [--dry-run] [--kind <kind>] <file>...`: validates and imports CSV,
// JSON Lines or JSON files of funders, calls, organisations, projects or links, each file
// all-or-nothing, with a progress bar and a summary (docs/import.md). `--recover` rolls back
// import runs that were interrupted (the process was killed) and left RUNNING.

import os from 'node:os';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { parseConfig } from '../config';
import { isImportKind, IMPORT_KINDS } from '../import/entities';
import { formatImportReport } from '../import/formatReport';
import { importFile, type ImportProgress } from '../import/importFile';
import { ImportFileError } from '../import/readRows';
import { rollbackImportRun } from '../import/rollbackImport';
import { runningImports } from '../db/imports';
import { openGraph } from '../db/connect';
import { createLogger } from '../logger';
import { runCommand } from './runCommand';

const USAGE = `Usage: npm run import -- [--dry-run] [--kind ${IMPORT_KINDS.join('|')}] <file> [<file>...]
       npm run import -- --recover`;

/** A progress bar on stderr for the write pass (and a row counter while validating). */
function progressBar(enabled: boolean): { update(progress: ImportProgress): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: '  {phase} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left', hideCursor: true, stream: process.stderr },
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
    process.stderr.write(`--kind expects one of ${IMPORT_KINDS.join(', ')}, received "${values.kind}"\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  const database = await openGraph(config, createLogger('warn'), { queryTimeoutMs: config.importTimeoutMs });
  let failed = false;
  try {
    for (const file of positionals) {
      const bar = progressBar(process.stderr.isTTY === true);
      try {
        const report = await importFile(database.db, file, {
          kind: values.kind ?? null,
          dryRun: values['dry-run'],
          actor: `cli:${os.userInfo().username}`,
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
  const database = await openGraph(config, createLogger('warn'), { queryTimeoutMs: config.importTimeoutMs });
  try {
    const runs = await runningImports(database.db);
    if (runs.length === 0) process.stdout.write('No interrupted import runs.\n');
    for (const run of runs) {
      const undone = await rollbackImportRun(database.db, run.id, `cli:${os.userInfo().username}`);
      process.stdout.write(`Rolled back import run ${run.id} (${run.file}, started ${run.startedAt}): ${undone} writes undone\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main);
