// The embedded Neo4j a large bench starts on its own data folder: a 256 MiB page cache and ten
// minutes to start, because on the shared two cores (load average 39) a 100k store did not start
// within the default 180 s.

import path from 'node:path';
import type { Config } from '../src/config';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../src/db/embedded';

/** Starts Neo4j on `<folder>/neo4j` with the bench's page cache and start-up allowance. */
export function startBenchNeo4j(config: Config, folder: string): Promise<EmbeddedNeo4j> {
  return startEmbeddedNeo4j({
    dataDir: path.join(folder, 'neo4j'),
    javaHome: config.neo4j.mode === 'embedded' ? config.neo4j.javaHome : null,
    pageCacheMiB: 256,
    startTimeoutMs: 600_000,
  });
}
