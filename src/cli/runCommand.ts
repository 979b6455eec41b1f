// Runs a command-line tool's main function and exits with its code. A usage mistake (unknown
// flag, missing file, a directory, a bad value) or a data folder a running server holds prints
// one line and exits 2; configuration, embedded-Neo4j and seed-validation errors print their
// message, anything else its stack.

import { ConfigError } from '../config';
import { DataFolderInUseError, EmbeddedNeo4jError } from '../db/embedded';
import { SeedValidationError } from '../seed/validateSeeds';

/** A mistake in how the command was called; `message` is the one line the user sees. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit code of a usage mistake, as getopt-style tools use it. */
export const USAGE_EXIT_CODE = 2;

/** node:util parseArgs throws these for unknown flags and missing or stray values. */
function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof Error && String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')
  );
}

/**
 * Runs `main` and exits the process with the code it returns (2 for a usage mistake, 1 when it
 * throws). `usageHint` follows a parseArgs error, e.g. where the usage is shown.
 */
export function runCommand(main: () => Promise<number>, usageHint = ''): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      // A command started on a running server's data folder: pointed at the wrong place, as a usage mistake.
      if (error instanceof UsageError || error instanceof DataFolderInUseError) {
        process.stderr.write(`${error.message.split('\n')[0]}\n`);
        process.exit(USAGE_EXIT_CODE);
      }
      if (isParseArgsError(error)) {
        // Its first sentence says it all ("Unknown option '--bogus'"); the rest is about '--'.
        const sentence = error.message.split('\n')[0]!.split('. ')[0]!.replace(/\.$/, '');
        process.stderr.write(`${sentence}${usageHint ? `; ${usageHint}` : ''}\n`);
        process.exit(USAGE_EXIT_CODE);
      }
      const known =
        error instanceof ConfigError ||
        error instanceof EmbeddedNeo4jError ||
        error instanceof SeedValidationError;
      const text = known
        ? (error as Error).message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
      process.stderr.write(`\n${text}\n\n`);
      process.exit(1);
    },
  );
}
