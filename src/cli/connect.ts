// `npm run connect -- cordis <zip | folder>... | --download [--programme horizon|h2020] [--scope pm|all]
// [--dry-run] [--batch-size n]`: a public dataset read in its own format and written as an import run
// (docs/connectors.md); `npm run connect -- ror <dump> ...` (connectRor.ts, ror first);
// `npm run connect -- --rollback <run id>` undoes a committed run. Usage
// mistakes exit 2 with one line; a refused input exits 1 with the report saying why.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config';
import { ConnectorInputError } from '../connectors/source';
import { downloadCordis } from '../connectors/cordis/downloadCordis';
import { openCordisSource, type CordisScope } from '../connectors/cordis/cordisSource';
import type { CordisProgrammeKey } from '../connectors/cordis/mapCordis';
import { formatConnectorReport } from '../connectors/formatConnectorReport';
import { importRunStatus } from '../db/imports';
import { rollbackImportRun } from '../import/rollbackImport';
import { connectRor, ROR_USAGE } from './connectRor';
import { commandActor, openCommandGraph } from './openCommandGraph';
import { runCommand, UsageError } from './runCommand';
import { batchSizeOption, refusalLine, runConnectorCommand } from './runConnectorCommand';

const USAGE = `Usage: npm run connect -- cordis <zip | folder>... [--programme horizon|h2020] [--scope pm|all] [--dry-run] [--review <file.csv>]
       npm run connect -- cordis --download [--programme horizon|h2020] [--scope pm|all] [--dry-run] [--review <file.csv>]
       ${ROR_USAGE}
       npm run connect -- --rollback <run id>`;

const PROGRAMMES: readonly CordisProgrammeKey[] = ['horizon', 'h2020'];
const SCOPES: readonly CordisScope[] = ['pm', 'all'];
const CONNECTORS = ['cordis'] as const;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} expects one of ${allowed.join(', ')}, received "${value}"`);
  return value as T;
}

/** Refuses, before Neo4j is started, an input that is neither a readable file nor a folder. */
function assertInput(input: string): void {
  try {
    fs.accessSync(input, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no such file or folder: ${input}` : `cannot read ${input} (${code ?? 'unknown'})`,
    );
  }
}

async function main(): Promise<number> {
  // Each source takes its own arguments (connectRor.ts for ROR).
  if (process.argv[2] === 'ror') return connectRor(process.argv.slice(3), parseConfig(process.env));
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      download: { type: 'boolean', default: false },
      programme: { type: 'string' },
      scope: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      review: { type: 'string' },
      rollback: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.rollback !== undefined) {
    if (positionals.length > 0)
      throw new UsageError(`--rollback takes a run id and nothing else, received "${positionals[0]}"`);
    return rollback(values.rollback);
  }
  if (values.help || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const [connector, ...inputs] = positionals;
  if (!(CONNECTORS as readonly string[]).includes(connector!))
    throw new UsageError(`unknown connector "${connector}"; known: ${CONNECTORS.join(', ')}`);
  const programme = oneOf('programme', values.programme, PROGRAMMES);
  const scope = oneOf('scope', values.scope, SCOPES) ?? 'pm';
  const batchSize = batchSizeOption(values['batch-size']);
  if (values.download && inputs.length > 0)
    throw new UsageError('give either --download or the export files, not both');
  if (!values.download && inputs.length === 0)
    throw new UsageError('name the export (a zip or a folder) or give --download');
  for (const input of inputs) assertInput(input);

  const config = parseConfig(process.env);
  let folder: string | null = null;
  let paths = inputs;
  if (values.download) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-cordis-'));
    try {
      const downloaded = await downloadCordis(config.cordisBaseUrl, programme ?? 'horizon', folder);
      if (downloaded.skipped !== null)
        process.stderr.write(`could not download ${downloaded.skipped}; going on without publications\n`);
      paths = downloaded.files;
    } catch (error) {
      fs.rmSync(folder, { recursive: true, force: true });
      if (!(error instanceof ConnectorInputError)) throw error;
      process.stdout.write(refusalLine(error.code, error.message));
      return 1;
    }
  }
  try {
    return await runConnectorCommand(config, {
      openSource: () => openCordisSource(paths, { programme, scope }),
      // Organisations by PIC, then name and country; what the matcher does not take becomes a new
      // organisation flagged possibleDuplicateOf, listed in the review file.
      unmatched: 'create',
      dryRun: values['dry-run'],
      batchSize,
      reviewFile: values.review ?? `cordis-${programme ?? 'export'}.review.csv`,
      print: (report, resolver, reviewFile) => {
        process.stdout.write(formatConnectorReport(report));
        if (reviewFile === null) return;
        const matches = [...resolver.tally].map(([outcome, rows]) => `${outcome} ${rows}`).join(', ');
        process.stdout.write(
          `Organisations: ${matches || 'none'}\nReview file: ${reviewFile} (${resolver.reviews.length} rows)\n`,
        );
      },
    });
  } finally {
    if (folder !== null) fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Undoes a committed (or interrupted) run by its id. */
async function rollback(runId: string): Promise<number> {
  if (!/^[0-9a-f-]{36}$/i.test(runId))
    throw new UsageError(`--rollback expects a run id such as 3f2b...-..., received "${runId}"`);
  const config = parseConfig(process.env);
  const database = await openCommandGraph(config, config.importTimeoutMs);
  try {
    const run = await importRunStatus(database.db, runId);
    if (run === null) {
      process.stdout.write(`No import run ${runId} (a run that changed nothing leaves none)\n`);
      return 1;
    }
    if (run.status === 'ROLLED_BACK') {
      process.stdout.write(`Import run ${runId} (${run.file}) was rolled back already\n`);
      return 0;
    }
    const undone = await rollbackImportRun(database.db, runId, commandActor());
    process.stdout.write(`Rolled back import run ${runId} (${run.file}): ${undone} writes undone\n`);
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main, 'npm run connect -- --help shows the usage');
