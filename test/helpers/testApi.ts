// Runs GraphQL operations against the real schema, resolvers and database, without HTTP,
// and records every Cypher statement they send (to check batching).

import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { createContext, type RequestContext } from '../../src/context';
import type { QueryEvent } from '../../src/db/run';
import { createApolloServer } from '../../src/http/app';
import { silentLogger } from '../../src/logger';
import { openTestDatabase, type TestDatabase } from './testDatabase';

export interface GraphQLResult<T> {
  data: T | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
  /** The answer's extensions (suggestions; cost only over HTTP, where the protection plugin runs). */
  extensions?: Record<string, unknown> | undefined;
}

export interface TestApi {
  database: TestDatabase;
  /** Runs one operation in a fresh request context (fresh loaders). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>>;
  /** Runs an operation that must succeed and returns its data. */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Statements sent since the last `resetQueryLog`. */
  readonly queryLog: QueryEvent[];
  resetQueryLog(): void;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** The query planner on or off; default: QUERY_PLANNER of the environment (on). */
  planner?: boolean;
}

export async function openTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database = openTestDatabase();
  const apollo: ApolloServer<RequestContext> = createApolloServer({ introspection: true });
  await apollo.start();
  const queryLog: QueryEvent[] = [];
  const unobserve = database.db.observe((event) => queryLog.push(event));
  const limits = {
    defaultPageSize: database.config.defaultPageSize,
    maxPageSize: database.config.maxPageSize,
  };
  const planner = options.planner ?? database.config.queryPlanner;

  async function execute<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const response = await apollo.executeOperation<T>(
      { query, variables },
      { contextValue: createContext({ db: database.db, limits, logger: silentLogger, planner }) },
    );
    if (response.body.kind !== 'single') throw new Error('Incremental delivery is not expected here');
    const { data, errors, extensions } = response.body.singleResult;
    return { data, errors, extensions };
  }

  return {
    database,
    execute,
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const result = await execute<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      if (!result.data) throw new Error('No data in the GraphQL result');
      return result.data;
    },
    queryLog,
    resetQueryLog: () => {
      queryLog.length = 0;
    },
    async close() {
      unobserve();
      await apollo.stop();
      await database.close();
    },
  };
}
