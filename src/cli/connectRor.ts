// `npm run connect -- ror <ror-data.json | ror-data.zip> [--dry-run] [--review <file.csv>]`: the ROR
// dump matched onto the graph's organisations and funders as an import run (docs/connectors.md);
// the rows the matcher did not take go to the review file. Prints the run report as JSON; a refused
// dump prints `Refused [CODE]: ...` as CORDIS does (runConnectorCommand.ts).

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import { openRorSource } from '../connectors/ror/rorSource';
import { UsageError } from './runCommand';
import { batchSizeOption, runConnectorCommand } from './runConnectorCommand';

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
  const reviewFile = values.review ?? `${path.basename(input).replace(/\.(json|zip)$/i, '')}.review.csv`;
  return runConnectorCommand(config, {
    openSource: () => openRorSource(input),
    // ROR only enriches what the graph holds: a record the matcher does not take is not written.
    unmatched: 'drop',
    dryRun: values['dry-run'],
    batchSize: batchSizeOption(values['batch-size']),
    reviewFile,
    print: (report, resolver, written) => {
      const matches = Object.fromEntries(resolver.tally);
      process.stdout.write(
        `${JSON.stringify({ ...report, matches, reviewFile: written, reviews: resolver.reviews.length }, null, 2)}\n`,
      );
    },
  });
}
