// `npm run connect -- ror <ror-data.json | ror-data.zip> [--dry-run] [--review <file.csv>]`: the ROR
// dump matched onto the graph's organisations and funders as an import run (docs/connectors.md);
// the rows the matcher did not take go to the review file. Prints the run report as JSON.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import { ProgressLine } from '../connectors/progressLine';
import { IdentityResolver, reviewCsv } from '../connectors/resolveIdentities';
import { openRorSource } from '../connectors/ror/rorSource';
import { runConnector } from '../connectors/runner';
import { ConnectorInputError } from '../connectors/source';
import { commandActor, openCommandGraph } from './openCommandGraph';
import { UsageError } from './runCommand';

export const ROR_USAGE =
  'npm run connect -- ror <ror-data.json | ror-data.zip> [--dry-run] [--review <file.csv>] [--batch-size n]';

/** Runs the ROR connector with the arguments after `ror`; returns the exit code. */
export async function connectRor(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      review: { type: 'string' },
      'batch-size': { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(`name one ROR dump (.json or .zip); usage: ${ROR_USAGE}`);
  const input = positionals[0]!;
  if (!fs.existsSync(input)) throw new UsageError(`no such file: ${input}`);
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000))
    throw new UsageError(
      `--batch-size expects a whole number from 1 to 100000, received "${values['batch-size']}"`,
    );
  const reviewFile = values.review ?? `${path.basename(input).replace(/\.(json|zip)$/i, '')}.review.csv`;
  let source;
  try {
    source = await openRorSource(input);
  } catch (error) {
    if (!(error instanceof ConnectorInputError)) throw error;
    process.stdout.write(`Refused: nothing was written — ${error.message}\n`);
    return 1;
  }
  const database = await openCommandGraph(config, config.importTimeoutMs);
  const progress = new ProgressLine(process.stderr);
  try {
    const resolver = new IdentityResolver(database.db, { unmatched: 'drop' });
    const report = await runConnector(database.db, source, {
      actor: commandActor(),
      dryRun: values['dry-run'],
      batchSize,
      resolve: resolver.resolve,
      onProgress: (event) => progress.update(event),
    });
    progress.done();
    if (report.status !== 'rejected') fs.writeFileSync(reviewFile, reviewCsv(resolver.reviews));
    const matches = Object.fromEntries(resolver.tally);
    process.stdout.write(
      `${JSON.stringify({ ...report, matches, reviewFile: report.status === 'rejected' ? null : reviewFile, reviews: resolver.reviews.length }, null, 2)}\n`,
    );
    return report.status === 'rejected' ? 1 : 0;
  } finally {
    progress.done();
    await database.close();
  }
}
