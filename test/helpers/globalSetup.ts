// Starts one embedded Neo4j with an empty data folder for the whole integration run (or
// uses NEO4J_URI when set), applies the schema and loads the seeds once.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded';
import { parseConfig } from '../../src/config';
import { prepareTestDatabase } from './testDatabase';

declare global {
  // Shared with globalTeardown, which runs in the same process.
  var __PERMED_NEO4J__: { server: EmbeddedNeo4j; dataDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const config = parseConfig(process.env);
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
}
