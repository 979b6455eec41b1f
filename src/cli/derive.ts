// `npm run derive -- [--dry-run] [--batch-size <n>]`: derives every call's and project's INFERRED
// links again with the rule book (after a change of the rule book, or of the facts it reads
// written around the API), in audited batches under an import run, and prints what it added,
// changed and removed per rule and per gap or stage (docs/import.md). Curated links are never
// written. Usage mistakes (an unknown flag, a file, a bad batch size) exit 2.

import { parseArgs } from 'node:util';
import { parseConfig } from '../config';
import { deriveGraph, DEFAULT_DERIVE_BATCH_SIZE } from '../import/deriveGraph';
import { formatDeriveReport } from '../import/formatReport';
import { ImportFileError } from '../import/readRows';
import { commandActor, openCommandGraph } from './openCommandGraph';
import { runCommand, UsageError } from './runCommand';

const USAGE = 'Usage: npm run derive -- [--dry-run] [--batch-size <n>]';

/** The largest batch accepted: a batch's changes are held in one transaction (1 GiB heap embedded). */
const MAX_BATCH_SIZE = 10_000;

function batchSizeOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DERIVE_BATCH_SIZE;
  const size = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_BATCH_SIZE)
    throw new UsageError(
      `--batch-size expects a whole number from 1 to ${MAX_BATCH_SIZE}, received "${text}"`,
    );
  return size;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(
      `npm run derive takes no file (received "${positionals[0]}"): it derives the whole graph; ` +
        'to import a file use npm run import',
    );
  const batchSize = batchSizeOf(values['batch-size']);
  const config = parseConfig(process.env);
  const database = await openCommandGraph(config, config.importTimeoutMs);
  try {
    const report = await deriveGraph(database.db, {
      actor: commandActor(),
      dryRun: values['dry-run'],
      batchSize,
      onProgress: ({ phase, done, total }) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${phase} ${done}/${total}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(formatDeriveReport(report));
    return 0;
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    process.stdout.write(`Not derived: nothing was written — ${error.message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

runCommand(main, 'npm run derive -- --help shows the usage');
