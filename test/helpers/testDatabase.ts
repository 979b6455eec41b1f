// Connects tests to the database of the integration run: one driver per test file,
// closed by the caller's afterAll.

import type { Driver } from 'neo4j-driver';
import { parseConfig, type Config } from '../../src/config';
import { createDriver } from '../../src/db/driver';
import { createDb, type Db } from '../../src/db/run';
import { applySchema } from '../../src/db/migrations';
import { seedGraph } from '../../src/db/seedGraph';
import { readSeedDataset } from '../../src/seed/readSeedDataset';

export interface TestDatabase {
  config: Config;
  driver: Driver;
  db: Db;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Overrides QUERY_TIMEOUT_MS for this connection's statements. */
  queryTimeoutMs?: number;
}

/** Opens a Db on NEO4J_URI (set by globalSetup); fails clearly when it is missing. */
export function openTestDatabase(options: TestDatabaseOptions = {}): TestDatabase {
  const config = parseConfig(process.env);
  if (config.neo4j.mode !== 'server') {
    throw new Error(
      'Integration tests need NEO4J_URI; run them through jest so that globalSetup starts Neo4j',
    );
  }
  const driver = createDriver(config.neo4j);
  const db = createDb(driver, {
    database: config.database,
    queryTimeoutMs: options.queryTimeoutMs ?? config.queryTimeoutMs,
  });
  return { config, driver, db, close: () => driver.close() };
}

/** Applies the schema and loads the real seeds once, before any test file runs. */
export async function prepareTestDatabase(): Promise<void> {
  // The first statements of a JVM just started take long on a busy machine: with the default 15 s,
  // applySchema timed out in globalSetup at a load average of 20 (the JVM had taken 75 s to start).
  const database = openTestDatabase({ queryTimeoutMs: 120_000 });
  try {
    await applySchema(database.db);
    await seedGraph(database.db, await readSeedDataset(database.config.seedsDir));
  } finally {
    await database.close();
  }
}
