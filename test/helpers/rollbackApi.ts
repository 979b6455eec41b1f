// A test API whose every statement runs inside one open write transaction that close()
// rolls back: a test can add records (under unique ids) and query them through the real
// schema and resolvers, while other test files, reading committed data, never see them.

import type { ApolloServer } from '@apollo/server';
import neo4j from 'neo4j-driver';
import { createContext, type RequestContext } from '../../src/context';
import { type Db, type Params, type QueryObserver, toPlain } from '../../src/db/run';
import { createApolloServer } from '../../src/http/app';
import { silentLogger } from '../../src/logger';
import type { GraphQLResult } from './testApi';
import { openTestDatabase } from './testDatabase';

export interface RollbackApi {
  /** Runs a statement in the transaction, e.g. to create test records. */
  write(cypher: string, params?: Params): Promise<unknown[]>;
  /** Runs an operation that must succeed, seeing the transaction's uncommitted writes. */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Rolls everything back and closes the connection. */
  close(): Promise<void>;
}

export async function openRollbackApi(): Promise<RollbackApi> {
  const database = openTestDatabase();
  const session = database.driver.session({
    database: database.config.database,
    defaultAccessMode: neo4j.session.WRITE,
  });
  const tx = session.beginTransaction({ timeout: database.config.queryTimeoutMs });
  const observers = new Set<QueryObserver>();

  async function run<T>(cypher: string, params: Params = {}): Promise<T[]> {
    const started = performance.now();
    const result = await tx.run(cypher, params);
    const rows = result.records.map((record) => toPlain(record.toObject()) as T);
    for (const observer of observers) {
      observer({
        cypher,
        params,
        access: 'WRITE',
        durationMs: performance.now() - started,
        rows: rows.length,
      });
    }
    return rows;
  }

  const db: Db = {
    database: database.config.database,
    read: run,
    readAll: async (statements) => {
      const results: Array<Record<string, unknown>[]> = [];
      for (const statement of statements) results.push(await run(statement.cypher, statement.params));
      return results;
    },
    write: run,
    writeTransaction: (work) => work({ run }),
    observe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    // One transaction serves the whole test; a request scope does not apply to it.
    withScope: () => db,
  };

  const apollo: ApolloServer<RequestContext> = createApolloServer({ introspection: true });
  await apollo.start();
  const limits = {
    defaultPageSize: database.config.defaultPageSize,
    maxPageSize: database.config.maxPageSize,
  };

  async function execute<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const response = await apollo.executeOperation<T>(
      { query, variables },
      { contextValue: createContext({ db, limits, logger: silentLogger }) },
    );
    if (response.body.kind !== 'single') throw new Error('Incremental delivery is not expected here');
    return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
  }

  return {
    write: (cypher, params) => run(cypher, params),
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const result = await execute<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      if (!result.data) throw new Error('No data in the GraphQL result');
      return result.data;
    },
    async close() {
      try {
        await tx.rollback();
      } finally {
        await apollo.stop();
        await session.close();
        await database.close();
      }
    },
  };
}
