// Starts one embedded Neo4j with an empty data folder for the whole integration run (or
// uses NEO4J_URI when set), applies the schema and loads the seeds once, and creates the lock
// through which test files share that database across jest workers (integrationEnvironment.ts).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded';
import { parseConfig } from '../../src/config';
import { buildExplorerInBackground, EXPLORER_BUILT_ENV } from './explorerBuild';
import { createGraphLock } from './graphLock';
import { GRAPH_LOCK_DIR_ENV } from './integrationEnvironment';
import { prepareTestDatabase } from './testDatabase';

declare global {
  // Shared with globalTeardown, which runs in the same process.
  var __PERMED_NEO4J__: { server: EmbeddedNeo4j; dataDir: string } | undefined;
  var __PERMED_GRAPH_LOCK__: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  const config = parseConfig(process.env);
  // The explorer's and the docs' tests serve the bundle; built here while the JVM starts.
  // Its failure is held until Neo4j is up, so that it is reported, not left unhandled.
  const explorerBuilt = buildExplorerInBackground().then(
    () => null,
    (error: unknown) => error,
  );
  if (config.neo4j.mode === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-test-'));
    const started = Date.now();
    const server = await startEmbeddedNeo4j({ dataDir, javaHome: config.neo4j.javaHome, pageCacheMiB: 64 });
    globalThis.__PERMED_NEO4J__ = { server, dataDir };
    // Test workers inherit this environment, so they connect to the same database.
    process.env.NEO4J_URI = server.uri;
    process.env.NEO4J_USER = '';
    process.env.NEO4J_PASSWORD = '';
    process.stderr.write(`\nEmbedded Neo4j ready at ${server.uri} in ${Date.now() - started} ms\n`);
  }
  await prepareTestDatabase();
  const explorerFailure = await explorerBuilt;
  if (explorerFailure !== null) throw explorerFailure;
  process.env[EXPLORER_BUILT_ENV] = '1';
  const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-lock-'));
  createGraphLock(lockDir);
  globalThis.__PERMED_GRAPH_LOCK__ = lockDir;
  process.env[GRAPH_LOCK_DIR_ENV] = lockDir;
}
