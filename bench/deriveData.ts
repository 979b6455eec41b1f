// The graph bench:derive and bench:derive:profile work on: a copy of a built data folder (so
// that the data set stays as built) with every INFERRED project link removed, as after a rule
// book whose every rule changed, so that deriving places every project anew.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Config } from '../src/config';
import { createDriver } from '../src/db/driver';
import { startBenchNeo4j } from './benchNeo4j';
import { applySchema } from '../src/db/migrations';
import { createDb, type Db } from '../src/db/run';

/**
 * Copies `source` (a data folder of bench/scaleData.ts), starts Neo4j on the copy, removes every
 * INFERRED project link (not timed) and runs `work` on it; then stops Neo4j and removes the copy.
 */
export async function withLinksToPlace<T>(
  config: Config,
  source: string,
  work: (db: Db) => Promise<T>,
): Promise<T> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-bench-derive-'));
  try {
    process.stdout.write(`copying ${source} to ${copy} ...\n`);
    fs.cpSync(path.join(source, 'neo4j', 'data'), path.join(copy, 'neo4j', 'data'), { recursive: true });
    const server = await startBenchNeo4j(config, copy);
    const driver = createDriver({ uri: server.uri });
    try {
      const db = createDb(driver, { database: config.database, queryTimeoutMs: config.importTimeoutMs });
      await applySchema(db);
      const session = driver.session({ database: config.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        await session.run(
          `MATCH (:Project)-[r:ADDRESSES|AT_STAGE|ADVANCES|IN_DISEASE_AREA]->() WHERE r.provenance = 'INFERRED'
           CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`,
        );
      } finally {
        await session.close();
      }
      return await work(db);
    } finally {
      await driver.close();
      await server.stop();
    }
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}
