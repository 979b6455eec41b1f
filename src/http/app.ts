// Wires the HTTP server: Apollo Server 5 on Express 5 at /graphql, the offline playground
// for browsers at the same path, the /health and /ready probes, and the one error path
// (request scope first, 404 and the error handler last).

import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { DocumentNode } from 'graphql';
import { DEFAULT_MEMORY, DEFAULT_PROTECTION, type MemoryConfig, type ProtectionConfig } from '../config';
import { sharesEqualValues } from '../analytics/gapProjection';
import { approximateBytes } from '../cache/approximateBytes';
import { CacheVersions } from '../cache/cacheVersions';
import { SharedVersionReads } from '../cache/sharedVersionReads';
import { VersionedMemo } from '../cache/versionedCache';
import { authenticatorOf, createContext, type ContextDependencies, type RequestContext } from '../context';
import { healthReport, pingDatabase } from '../db/health';
import { importRunCounts } from '../db/imports';
import { readVersion } from '../db/stats';
import type { DatabaseStatus } from '../db/supervisor';
import { ErrorCode } from '../errors';
import { resolvers } from '../resolvers';
import { configurePlanCache, planCacheStats } from '../resolvers/planning/planSelection';
import { type AnalyticsPrewarm, startAnalyticsPrewarm } from '../resolvers/prewarmAnalytics';
import { loadTypeDefs } from '../schema';
import type { Logger } from '../logger';
import {
  createProtection,
  MAX_RECURSIVE_SELECTIONS,
  serialiseAnalytics,
  type Protection,
} from './cost/protection';
import { preparedRequestOf, serveCacheHits } from './cacheHits';
import { errorLoggingPlugin, formatError, withoutSuggestions } from './errors';
import { PLAYGROUND_EXAMPLES } from './examples';
import { createEntityExportRouter } from './entityExports';
import { createExplorerRouter } from './explorer';
import { createExportRouter, EXPORT_PATH } from './exports';
import { clientErrorListener, httpErrorHandler, methodNotAllowed, notFoundHandler } from './httpErrors';
import { jsonBody } from './jsonBody';
import { knownOperationTypes } from './knownOperationTypes';
import {
  collectProcessMetrics,
  metricsExposition,
  recordRefusal,
  recordRequest,
  registerCacheGauges,
  registerImportRunGauge,
  type CacheSize,
} from './metrics';
import { createDocumentStore, createPersistedQueryCache, type SizedKeyValueCache } from './documentStore';
import { createLandingRouter } from './landing';
import { createPlaygroundRouter } from './playground';
import { publicBaseUrl } from './publicUrl';
import type { BudgetStore } from './rateLimit';
import { requestScope, scopeOf } from './requestScope';
import { ResponseCache, responseCachePlugin, type ResponseCacheOptions } from './responseCache';
import { suggestionsPlugin } from './suggestions';
import { responseSizeCap } from './responseSizeCap';

export const GRAPHQL_PATH = '/graphql';

/** How long a refusal inside Retry-After is held before it is sent (see rateGate). */
export const RATE_GATE_DELAY_MS = 1000;

export interface HttpAppOptions extends ContextDependencies {
  introspection: boolean;
  /** The Neo4j supervisor's status for /health; without it /health reports no database state. */
  databaseStatus?: () => DatabaseStatus;
  /** REQUEST_TIMEOUT_MS: the budget of each request (default 20000). */
  requestTimeoutMs?: number;
  /** MAX_REQUEST_BODY_BYTES: the largest body a POST may have (default 1 MiB). */
  maxRequestBodyBytes?: number;
  /** MAX_RESPONSE_BYTES: the largest answer sent (default 10 MiB). */
  maxResponseBytes?: number;
  /** Cost limits, client budgets and the analytics pool (default DEFAULT_PROTECTION; false: none, for benchmarks). */
  protection?: ProtectionConfig | false;
  /** Where client budgets are kept (RATE_LIMIT_STORE); default: this process's memory. Closed by its maker. */
  budgets?: BudgetStore;
  /** Base of absolute URLs (PUBLIC_URL); null or absent: each request's checked Host. */
  publicUrl?: string | null;
  /**
   * The response cache (config RESPONSE_CACHE): hits answered in front of Apollo
   * (src/http/cacheHits.ts); null or absent: every query executes.
   */
  responseCache?: ResponseCacheOptions | null;
  /** Compute each data version's shared analytics in the background (src/resolvers/prewarmAnalytics.ts). */
  prewarmAnalytics?: boolean;
  /** Between two reads of the data version by the prewarm (default PREWARM_INTERVAL_MS). */
  prewarmIntervalMs?: number;
  /** MEMORY_LIMIT_MIB and the caches' budgets derived from it (default DEFAULT_MEMORY, 512 MiB). */
  memory?: MemoryConfig;
}

/** How many analytics results (projections, networks, recommendations) one data version keeps. */
export const ANALYTICS_MEMO_ENTRIES = 64;

export type { AnalyticsPrewarm };

/** The limits used when HttpAppOptions leaves them out; the same defaults as src/config.ts. */
export const DEFAULT_HTTP_LIMITS = {
  requestTimeoutMs: 20_000,
  maxRequestBodyBytes: 1_048_576,
  maxResponseBytes: 10_485_760,
} as const;

export interface HttpApp {
  app: Express;
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
  /** The cost limits, client budgets and analytics pool in force; null when turned off. */
  protection: Protection | null;
  /** The background computation of shared analytics; null unless `prewarmAnalytics` was set. Stop it on shutdown. */
  analyticsPrewarm: AnalyticsPrewarm | null;
  /** The response cache; null when turned off. */
  responseCache: ResponseCache | null;
  /** Every cache of the process with its size and budget, as /metrics reports them. */
  cacheSizes(): CacheSize[];
}

export interface ApolloServerOptions {
  introspection: boolean;
  httpServer?: http.Server;
  logger?: Logger;
  /** Cost limits, client budgets and the analytics pool (default DEFAULT_PROTECTION, or built); false: none. */
  protection?: ProtectionConfig | Protection | false;
  /** `first` of a list left without one, as the resolvers use it (default 20, DEFAULT_PAGE_SIZE). */
  defaultPageSize?: number;
  /**
   * The response cache (config RESPONSE_CACHE), or one already built: this server stores the
   * answers (and says MISS); hits are served in front of it by createHttpApp. Null or absent:
   * no cache.
   */
  responseCache?: ResponseCacheOptions | ResponseCache | null;
  /**
   * Parsed and validated documents by query text (default: within DEFAULT_MEMORY.documentsBytes);
   * Apollo's own default counted a document at its JSON, a quarter of what it holds.
   */
  documentStore?: SizedKeyValueCache<DocumentNode>;
  /** Texts of automatic persisted queries (default: within DEFAULT_MEMORY.persistedQueriesBytes). */
  persistedQueryCache?: SizedKeyValueCache<string>;
}

/**
 * Creates the Apollo server over the schema files and resolvers. Without introspection,
 * error messages lose their "Did you mean" suggestions too. `logger` receives Apollo's own
 * messages as JSON lines (default: Apollo's console logger).
 */
export function createApolloServer(options: ApolloServerOptions): ApolloServer<RequestContext> {
  const { logger } = options;
  const protection =
    options.protection === false
      ? null
      : options.protection && 'plugin' in options.protection
        ? options.protection
        : createProtection({
            config: options.protection ?? DEFAULT_PROTECTION,
            defaultPageSize: options.defaultPageSize ?? 20,
          });
  const responseCache =
    options.responseCache instanceof ResponseCache || !options.responseCache
      ? (options.responseCache ?? null)
      : new ResponseCache(options.responseCache);
  return new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers: protection ? serialiseAnalytics(resolvers) : resolvers,
    introspection: options.introspection,
    // Priced before it runs: tokens while parsing, depth/aliases/directives while validating,
    // cost and budgets once the operation is known (src/http/cost/protection.ts).
    validationRules: [knownOperationTypes, ...(protection?.validationRules ?? [])],
    ...(protection && { parseOptions: protection.parseOptions }),
    // Selections counted through fragment spreads (memoised by Apollo): fragment doubling is
    // refused while validating. 100,000 is 500 times the largest suite or example operation.
    maxRecursiveSelections: MAX_RECURSIVE_SELECTIONS,
    // Stack traces are for the server log, never for clients.
    includeStacktraceInErrorResponses: false,
    documentStore: options.documentStore ?? createDocumentStore(DEFAULT_MEMORY.documentsBytes),
    persistedQueries: {
      cache: options.persistedQueryCache ?? createPersistedQueryCache(DEFAULT_MEMORY.persistedQueriesBytes),
    },
    // Apollo's own SIGINT/SIGTERM handler stops the server and then re-sends the signal, which
    // made the process exit 130 before Neo4j had stopped; src/cli/serve.ts owns the shutdown.
    stopOnTerminationSignals: false,
    formatError: options.introspection
      ? formatError
      : (formatted) => withoutSuggestions(formatError(formatted)),
    ...(logger
      ? {
          logger: {
            debug: (message: string) => logger.debug(String(message), { source: 'apollo' }),
            info: (message: string) => logger.info(String(message), { source: 'apollo' }),
            warn: (message: string) => logger.warn(String(message), { source: 'apollo' }),
            error: (message: string) => logger.error(String(message), { source: 'apollo' }),
          },
        }
      : {}),
    // Apollo's default landing page loads from a CDN; the playground is served by us instead.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are given: responses are simply no-store (see noStorePlugin).
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      errorLoggingPlugin(),
      ...(protection ? [protection.plugin] : []),
      // Before the response cache, which keeps an answer's suggestions for its hits.
      suggestionsPlugin(),
      // After the protection plugin: an answer is stored with its extensions.cost.
      ...(responseCache ? [responseCachePlugin(responseCache, protection?.pricedWith)] : []),
      ...(options.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer })] : []),
    ],
  });
}

/**
 * Marks every GraphQL response `cache-control: no-store`, as Apollo's cache-control plugin
 * did for a schema without cache hints. That plugin is disabled because it wraps every
 * field resolver to compute hints this API never gives: it took about 40% of the execution
 * CPU of a nested page of 50 projects (see docs/benchmarks.md).
 */
export function noStorePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/**
 * Builds and starts (but does not listen) the Express app with Apollo mounted. Routers of
 * new pages are mounted before the 404 handler, which must stay the last route.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...definedOnly(options) };
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.on('clientError', clientErrorListener(options.logger));
  const protection =
    options.protection === false
      ? null
      : createProtection({
          config: options.protection ?? DEFAULT_PROTECTION,
          defaultPageSize: options.limits.defaultPageSize,
          ...(options.budgets && { budgets: options.budgets }),
        });
  // One reader of the data version for the server: concurrent requests share its reads, and the
  // epoch read with it keeps a replaced database's versions apart from the old one's.
  const cacheVersions = new CacheVersions();
  const versions =
    options.versions ?? new SharedVersionReads(async () => cacheVersions.of(await readVersion(options.db)));
  const responseCache = options.responseCache ? new ResponseCache(options.responseCache, versions) : null;
  // Every cache within its share of MEMORY_LIMIT_MIB (docs/operations.md#memory).
  const memory = options.memory ?? DEFAULT_MEMORY;
  configurePlanCache(memory.plansBytes);
  const documentStore = createDocumentStore(memory.documentsBytes);
  const persistedQueryCache = createPersistedQueryCache(memory.persistedQueriesBytes);
  const apollo = createApolloServer({
    introspection: options.introspection,
    httpServer,
    logger: options.logger,
    protection: protection ?? false,
    responseCache,
    documentStore,
    persistedQueryCache,
  });
  // One memo per process: every request of a data version shares its analytics.
  const analytics =
    options.analytics ??
    new VersionedMemo({
      maxEntries: ANALYTICS_MEMO_ENTRIES,
      maxBytes: memory.analyticsBytes,
      maxLargestBytes: memory.analyticsLargestBytes,
      // The gap projection holds each distinct id once (GapProjectionBuilder): counted as it is held.
      sizeOf: (result) => approximateBytes(result, { distinctStrings: sharesEqualValues(result) }),
      onTooLarge: (key, bytes) =>
        options.logger.warn('an analytics result is larger than its whole budget and is not kept', {
          key: key.slice(0, 200),
          bytes,
          budgetBytes: memory.analyticsLargestBytes,
          hint: 'raise MEMORY_LIMIT_MIB',
        }),
      onLargest: (key, bytes) =>
        options.logger.info('an analytics result is larger than its share and is kept beside fewer others', {
          key: key.slice(0, 200),
          bytes,
          shareBytes: memory.analyticsBytes,
          budgetBytes: memory.analyticsLargestBytes,
        }),
    });
  const cacheSizes = (): CacheSize[] => {
    const sized = (cache: string, stats: { entries: number; bytes: number }, budgetBytes: number) => ({
      cache,
      entries: stats.entries,
      bytes: stats.bytes,
      budgetBytes,
    });
    return [
      ...(responseCache
        ? [sized('responses', responseCache.answers.stats(), responseCache.answers.stats().budgetBytes)]
        : []),
      sized('documents', documentStore.stats(), documentStore.maxBytes),
      sized('persisted_queries', persistedQueryCache.stats(), persistedQueryCache.maxBytes),
      { cache: 'plans', ...planCacheStats() },
      sized('analytics', analytics.stats(), analytics.stats().budgetBytes),
    ];
  };
  const deps: ContextDependencies = { ...options, analytics, versions };
  await apollo.start();

  // First: the request id, deadline and abort signal of every request, errors included.
  app.use(requestScope({ timeoutMs: limits.requestTimeoutMs, logger: options.logger }));
  app.use(
    [GRAPHQL_PATH, EXPORT_PATH],
    responseSizeCap({ maxBytes: limits.maxResponseBytes, logger: options.logger }),
  );

  app.get('/health', (_req, res) => {
    res.json(healthReport(options.databaseStatus?.() ?? null));
  });
  app.get('/ready', async (_req, res) => {
    try {
      // Fails at once while the supervisor knows Neo4j is down (no driver timeout to wait for).
      await pingDatabase(options.db);
      res.json({ status: 'ready' });
    } catch (error) {
      const state = options.databaseStatus?.().state ?? 'up';
      // The supervisor has logged the transition already; one line per probe would only repeat it.
      if (state === 'up') options.logger.warn('readiness check failed', { error: String(error) });
      res.status(503).json({
        status: 'unavailable',
        reason: `Neo4j ${state === 'up' ? 'does not answer' : `is ${state}`}`,
      });
    }
  });
  // Prometheus text format (docs/operations.md lists the series).
  collectProcessMetrics();
  registerImportRunGauge(() => importRunCounts(options.db));
  registerCacheGauges(memory.limitBytes, cacheSizes);
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metricsExposition();
    res.setHeader('content-type', contentType);
    res.send(body);
  });
  app.all(['/health', '/ready', '/metrics'], methodNotAllowed(['GET']));

  const publicUrl = options.publicUrl ?? null;
  app.use(createLandingRouter({ ...options, graphqlPath: GRAPHQL_PATH, publicUrl }));
  // GET /export, entity tables and the dump; before the network routes, which take any /export/<file>.
  app.use(createEntityExportRouter({ ...options, publicUrl }));
  // Networks as files: /export/<network>.<format>?<the GraphQL arguments>.
  app.use(createExportRouter(options));
  // The browser explorer: a client of /graphql and /export like any other.
  app.use(createExplorerRouter());

  if (options.introspection) {
    // Browsers opening /graphql get the playground; every other request passes to Apollo.
    app.use(createPlaygroundRouter({ graphqlPath: GRAPHQL_PATH, examples: PLAYGROUND_EXAMPLES }));
  }

  const graphql = expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      const scope = scopeOf(res);
      // The credential is only read, never logged; it is checked when a mutation asks for it.
      return createContext(
        deps,
        scope.requestId,
        req.header('authorization') ?? null,
        scope,
        req.socket.remoteAddress ?? null,
        publicBaseUrl(req, publicUrl),
        preparedRequestOf(res),
      );
    },
  });
  // Cache hits are answered before Apollo; the rest (and every request with the cache off) go on.
  const hits: express.RequestHandler[] = responseCache
    ? [
        serveCacheHits({
          cache: responseCache,
          versions,
          protection,
          authenticate: authenticatorOf(deps),
          publicUrl,
          maxResponseBytes: limits.maxResponseBytes,
        }),
      ]
    : [];
  // An anonymous client inside its Retry-After is refused before its body is read.
  const rateGate: express.RequestHandler = (req, res, next) => {
    const address = req.socket.remoteAddress;
    const wait =
      protection && address && !req.header('authorization') ? protection.retryAfter(address) : null;
    if (wait === null) return next();
    recordRefusal('rate');
    recordRequest(null, 'refused_rate', 0);
    // The refusal waits (at most RATE_GATE_DELAY_MS, never past Retry-After): a flooder that
    // ignores Retry-After made ~27,000 refusals in 24 s, whose HTTP work alone doubled another
    // client's p50 on 2 cores (docs/benchmarks.md); held, each connection sends one a second.
    const send = () => {
      if (res.writableEnded || res.destroyed) return;
      res.status(429).setHeader('retry-after', String(wait));
      res.json({
        errors: [
          {
            message: `Rate limited: the budget of this address is spent; retry in ${wait} s`,
            extensions: { code: ErrorCode.RateLimited, retryAfterSeconds: wait },
          },
        ],
      });
    };
    const timer = setTimeout(send, Math.min(wait * 1000, RATE_GATE_DELAY_MS));
    res.once('close', () => clearTimeout(timer));
  };
  // A GET passes the parser too: Apollo's integration wants req.body set, even to undefined.
  app
    .route(GRAPHQL_PATH)
    .get(rateGate, jsonBody(limits.maxRequestBodyBytes), hits, graphql)
    .post(rateGate, jsonBody(limits.maxRequestBodyBytes), hits, graphql)
    .all(methodNotAllowed(['GET', 'POST']));

  // Last: unknown paths, then every error thrown above (body parser, bad URLs, routes).
  app.use(notFoundHandler());
  app.use(httpErrorHandler({ logger: options.logger, bodyLimit: limits.maxRequestBodyBytes }));
  const analyticsPrewarm = options.prewarmAnalytics
    ? startAnalyticsPrewarm({
        db: options.db,
        analytics,
        readVersion: () => versions.next(),
        logger: options.logger,
        ...(options.prewarmIntervalMs !== undefined && { intervalMs: options.prewarmIntervalMs }),
        // Each version's largest lists, for the price (src/http/cost/operationCost.ts).
        ...(protection && { onStatistics: (statistics) => protection.useStatistics(statistics) }),
      })
    : null;
  return { app, httpServer, apollo, protection, analyticsPrewarm, responseCache, cacheSizes };
}

/** The HTTP limits of `options` that are set (undefined ones keep their defaults). */
function definedOnly(options: HttpAppOptions): Partial<typeof DEFAULT_HTTP_LIMITS> {
  const { requestTimeoutMs, maxRequestBodyBytes, maxResponseBytes } = options;
  return Object.fromEntries(
    Object.entries({ requestTimeoutMs, maxRequestBodyBytes, maxResponseBytes }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
