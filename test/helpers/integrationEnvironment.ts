// The jest environment of integration test files: holds the shared test Neo4j for the file (see
// graphLock.ts), and checks that a file that commits writes leaves as many nodes per label and
// relationships per type as it found: files that read whole lists never see another file's rows.
//
// A file that commits writes says so in a docblock at its very top (before any other comment):
//   /** @jest-environment-options {"graphAccess": "exclusive"} */
// Every other file reads (or writes inside a transaction it rolls back) and shares the graph.

import path from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';
import { acquireGraph, type GraphAccess, type GraphLock } from './graphLock';
import { openTestDatabase } from './testDatabase';

/** The environment variable through which globalSetup hands the lock's folder to the workers. */
export const GRAPH_LOCK_DIR_ENV = 'PERMED_TEST_GRAPH_LOCK_DIR';

/** Node counts per label and relationship counts per type, e.g. `Funder: 40`, `FUNDS: 300`. */
type GraphSize = Map<string, number>;

async function graphSize(): Promise<GraphSize> {
  const database = openTestDatabase();
  try {
    const rows = await database.db.read<{ key: string; count: number }>(
      `CALL {
         MATCH (n) UNWIND labels(n) AS label RETURN label AS key, count(*) AS count
         UNION ALL
         MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS count
       }
       RETURN key, count`,
    );
    return new Map(rows.map((row) => [row.key, row.count]));
  } finally {
    await database.close();
  }
}

/** `Funder 40 -> 42, AuditEvent 10 -> 13`: what differs between two sizes. */
function sizeChanges(before: GraphSize, after: GraphSize): string {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((key) => (before.get(key) ?? 0) !== (after.get(key) ?? 0))
    .map((key) => `${key} ${before.get(key) ?? 0} -> ${after.get(key) ?? 0}`)
    .join(', ');
}

export default class IntegrationEnvironment extends TestEnvironment {
  private readonly access: GraphAccess;
  private readonly file: string;
  private lock: GraphLock | null = null;
  private sizeBefore: GraphSize | null = null;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.access = (config.projectConfig.testEnvironmentOptions.graphAccess ?? 'shared') as GraphAccess;
    this.file = path.relative(config.projectConfig.rootDir, context.testPath);
  }

  override async setup(): Promise<void> {
    await super.setup();
    const directory = process.env[GRAPH_LOCK_DIR_ENV];
    if (directory === undefined) {
      throw new Error(`${GRAPH_LOCK_DIR_ENV} is not set: run integration tests through jest (globalSetup)`);
    }
    this.lock = await acquireGraph(directory, this.access, this.file);
    if (this.access === 'exclusive') this.sizeBefore = await graphSize();
  }

  override async teardown(): Promise<void> {
    try {
      if (this.sizeBefore !== null) {
        const changes = sizeChanges(this.sizeBefore, await graphSize());
        if (changes !== '') {
          throw new Error(
            `${this.file} committed writes and did not remove them all (${changes}); ` +
              'other files would see them',
          );
        }
      }
    } finally {
      this.lock?.release();
      this.lock = null;
      await super.teardown();
    }
  }
}
