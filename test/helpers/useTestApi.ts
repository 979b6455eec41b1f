// The API of a test file on the test Neo4j, opened in beforeAll and closed in afterAll: the real
// schema and resolvers in-process (openTestApi), and on request the HTTP app on a loopback port.
// Call it at the top of a file or describe block; use the returned handle inside tests.

import type { AddressInfo } from 'node:net';
import { createHttpApp, type HttpApp, type HttpAppOptions } from '../../src/http/app';
import { silentLogger } from '../../src/logger';
import { openTestApi, type TestApi, type TestApiOptions } from './testApi';

/** What an HTTP test may set; the database and page limits always come from the test config. */
export type TestHttpOptions = Partial<Omit<HttpAppOptions, 'db' | 'limits'>>;

export interface UseTestApiOptions extends TestApiOptions {
  /**
   * Also serve createHttpApp on 127.0.0.1 at an ephemeral port: `true` for the defaults
   * (silent logger, introspection on), or the options that differ from them.
   */
  http?: boolean | TestHttpOptions;
}

export interface UsedTestApi extends Omit<TestApi, 'close'> {
  /** The HTTP app; only with the `http` option. */
  readonly server: HttpApp;
  /** `http://127.0.0.1:<port>`, without a trailing slash; only with the `http` option. */
  readonly base: string;
}

/**
 * Registers beforeAll/afterAll hooks that open the API (and the HTTP app) and tear them down,
 * and returns a handle whose members are usable from the first hook on. Using it before
 * beforeAll ran (at collection time) throws a TypeError naming the member.
 */
export function useTestApi(options: UseTestApiOptions = {}): UsedTestApi {
  let api: TestApi | null = null;
  let server: HttpApp | null = null;
  let base: string | null = null;

  function opened(member: string): TestApi {
    if (api === null) throw new TypeError(`useTestApi: expected ${member} to be used inside a test or hook`);
    return api;
  }
  function served<T>(member: string, value: T | null): T {
    if (options.http === undefined || options.http === false) {
      throw new TypeError(`useTestApi: expected the http option for ${member}, received none`);
    }
    if (value === null)
      throw new TypeError(`useTestApi: expected ${member} to be used inside a test or hook`);
    return value;
  }

  beforeAll(async () => {
    const { http, ...apiOptions } = options;
    api = await openTestApi(apiOptions);
    if (http === undefined || http === false) return;
    const { config, db } = api.database;
    server = await createHttpApp({
      logger: silentLogger,
      introspection: true,
      ...(http === true ? {} : http),
      db,
      limits: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize },
    });
    const httpServer = server.httpServer;
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    try {
      // The prewarm (prewarmAnalytics) first: its statements use the database closed below.
      await server?.analyticsPrewarm?.stop();
      // The drain plugin closes the HTTP server when Apollo stops.
      if (server !== null) await server.apollo.stop();
    } finally {
      await api?.close();
      api = null;
      server = null;
      base = null;
    }
  });

  return {
    get database() {
      return opened('database').database;
    },
    execute: (query, variables) => opened('execute').execute(query, variables),
    data: (query, variables) => opened('data').data(query, variables),
    get queryLog() {
      return opened('queryLog').queryLog;
    },
    resetQueryLog: () => opened('resetQueryLog').resetQueryLog(),
    get server() {
      return served('server', server);
    },
    get base() {
      return served('base', base);
    },
  };
}
