// The one flow of `npm run connect -- <connector> ...` (connect.ts for CORDIS, connectRor.ts for
// ROR): the source opened (a refusal prints `Refused [CODE]: nothing was written — why` and exits
// 1 before Neo4j starts), the graph opened as every command does, the records resolved onto the
// graph's organisations and funders and written as an import run with a progress line on stderr,
// then the report printed and the review file written. Each connector keeps its own report form.

import fs from 'node:fs';
import type { Config } from '../config';
import type { ConnectorReport } from '../connectors/connectorReport';
import { ProgressLine } from '../connectors/progressLine';
import { IdentityResolver, reviewCsv, type IdentityResolverOptions } from '../connectors/resolveIdentities';
import { runConnector } from '../connectors/runner';
import { ConnectorInputError, type ConnectorRefusalCode, type ConnectorSource } from '../connectors/source';
import { ImportFileError } from '../import/readRows';
import { commandActor, openCommandGraph } from './openCommandGraph';
import { UsageError } from './runCommand';

/** What a connector's command does around the shared flow. */
export interface ConnectorCommand {
  /** Opens (and cheaply checks) the input; throws ConnectorInputError to refuse it. */
  openSource(): Promise<ConnectorSource & { close?(): void }>;
  /** What the matcher does with a row it cannot take (resolveIdentities.ts). */
  unmatched: IdentityResolverOptions['unmatched'];
  dryRun: boolean;
  batchSize: number | undefined;
  /** Where the review list goes (written unless the run was refused). */
  reviewFile: string;
  /** Prints the run's report on stdout. */
  print(report: ConnectorReport, resolver: IdentityResolver, reviewFile: string | null): void;
}

/** The refusal line both connectors print (scripts test the code, people read the message). */
export function refusalLine(code: ConnectorRefusalCode, message: string): string {
  return `Refused [${code}]: nothing was written — ${message}\n`;
}

/** `--batch-size`'s value checked (1 to 100,000), or undefined when not given. */
export function batchSizeOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 100_000)
    throw new UsageError(`--batch-size expects a whole number from 1 to 100000, received "${value}"`);
  return size;
}

/** Runs a connector as an import run and prints its report; returns the exit code. */
export async function runConnectorCommand(config: Config, command: ConnectorCommand): Promise<number> {
  let source: ConnectorSource & { close?(): void };
  try {
    source = await command.openSource();
  } catch (error) {
    if (!(error instanceof ConnectorInputError)) throw error;
    process.stdout.write(refusalLine(error.code, error.message));
    return 1;
  }
  const progress = new ProgressLine(process.stderr);
  try {
    const database = await openCommandGraph(config, config.importTimeoutMs);
    try {
      const resolver = new IdentityResolver(database.db, { unmatched: command.unmatched });
      const report = await runConnector(database.db, source, {
        actor: commandActor(),
        dryRun: command.dryRun,
        batchSize: command.batchSize,
        resolve: resolver.resolve,
        onProgress: (event) => progress.update(event),
      });
      progress.done();
      const rejected = report.status === 'rejected';
      if (!rejected) fs.writeFileSync(command.reviewFile, reviewCsv(resolver.reviews));
      command.print(report, resolver, rejected ? null : command.reviewFile);
      return rejected ? 1 : 0;
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      progress.done();
      process.stdout.write(refusalLine('RUN_IN_PROGRESS', error.message));
      return 1;
    } finally {
      await database.close();
    }
  } finally {
    progress.done();
    source.close?.();
  }
}
