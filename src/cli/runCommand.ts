// Runs a command-line tool's main function and exits with its code: configuration,
// embedded-Neo4j and seed-validation errors print their message, anything else its stack.

import { ConfigError } from '../config';
import { EmbeddedNeo4jError } from '../db/embedded';
import { SeedValidationError } from '../seed/validateSeeds';

/** Runs `main` and exits the process with the code it returns (1 when it throws). */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof EmbeddedNeo4jError || error instanceof SeedValidationError;
      const text = known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`\n${text}\n\n`);
      process.exit(1);
    },
  );
}
