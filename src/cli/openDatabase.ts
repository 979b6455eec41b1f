// Opens the graph for a command-line tool: the Neo4j server of NEO4J_URI, or the embedded
// one on its data folder (which must not be in use by a running server), with the schema applied.

import { ConfigError, type Config } from '../config';
import { createDriver } from '../db/driver';
import { EmbeddedNeo4jError, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../db/embedded';
import { applySchema } from '../db/migrations';
import { createDb, type Db } from '../db/run';

export interface OpenDatabase {
  db: Db;
  /** Pid of the embedded Neo4j, when this tool started one (for memory measurements). */
  embeddedPid: number | null;
  close(): Promise<void>;
}

/** Connects as the configuration says; `timeoutMs` is the transaction timeout of every statement. */
export async function openDatabase(config: Config, timeoutMs: number): Promise<OpenDatabase> {
  let embedded: EmbeddedNeo4j | null = null;
  let uri: string;
  let auth = {};
  if (config.neo4j.mode === 'embedded') {
    embedded = await startEmbeddedNeo4j({
      dataDir: config.neo4j.dataDir,
      javaHome: config.neo4j.javaHome,
      pageCacheMiB: config.neo4j.pageCacheMiB,
    });
    uri = embedded.uri;
  } else {
    uri = config.neo4j.uri;
    auth = { user: config.neo4j.user, password: config.neo4j.password };
  }
  const driver = createDriver({ uri, ...auth });
  try {
    const db = createDb(driver, { database: config.database, queryTimeoutMs: timeoutMs });
    await applySchema(db);
    return {
      db,
      embeddedPid: embedded?.pid ?? null,
      close: async () => {
        await driver.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    throw error;
  }
}

/**
 * Runs a command's main function and exits with its code; configuration and embedded-Neo4j
 * errors print their message, anything else its stack.
 */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof EmbeddedNeo4jError;
      process.stderr.write(`\n${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
      process.exit(1);
    },
  );
}
