// Wires the HTTP server: Apollo Server 5 on Express 5 at /graphql, the offline playground
// for browsers at the same path, and the /health and /ready probes.

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { createContext, ContextDependencies, RequestContext } from '../context';
import { healthReport, pingDatabase } from '../db/health';
import type { DatabaseStatus } from '../db/supervisor';
import { resolvers } from '../resolvers';
import { loadTypeDefs } from '../schema';
import { errorLoggingPlugin, formatError } from './errors';
import { PLAYGROUND_EXAMPLES } from './examples';
import { createExplorerRouter } from './explorer';
import { createExportRouter } from './exports';
import { createPlaygroundRouter } from './playground';

export const GRAPHQL_PATH = '/graphql';

export interface HttpAppOptions extends ContextDependencies {
  introspection: boolean;
  /** The Neo4j supervisor's status for /health; without it /health reports no database state. */
  databaseStatus?: () => DatabaseStatus;
}

export interface HttpApp {
  app: Express;
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

/** Creates the Apollo server over the schema files and resolvers. */
export function createApolloServer(options: { introspection: boolean; httpServer?: http.Server }): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
    introspection: options.introspection,
    // Stack traces are for the server log, never for clients.
    includeStacktraceInErrorResponses: false,
    // Apollo's own SIGINT/SIGTERM handler stops the server and then re-sends the signal, which
    // made the process exit 130 before Neo4j had stopped; src/cli/serve.ts owns the shutdown.
    stopOnTerminationSignals: false,
    formatError,
    // Apollo's default landing page loads from a CDN; the playground is served by us instead.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are given: responses are simply no-store (see noStorePlugin).
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      errorLoggingPlugin(),
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

/** Builds and starts (but does not listen) the Express app with Apollo mounted. */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = createApolloServer({ introspection: options.introspection, httpServer });
  await apollo.start();

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
      res.status(503).json({ status: 'unavailable', reason: `Neo4j ${state === 'up' ? 'does not answer' : `is ${state}`}` });
    }
  });

  // Networks as files: /export/<network>.<format>?<the GraphQL arguments>.
  app.use(createExportRouter(options));
  // The browser explorer: a client of /graphql and /export like any other.
  app.use(createExplorerRouter());

  if (options.introspection) {
    // Browsers opening /graphql get the playground; every other request passes to Apollo.
    app.use(createPlaygroundRouter({ graphqlPath: GRAPHQL_PATH, examples: PLAYGROUND_EXAMPLES }));
  }

  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = sanitiseRequestId(req.header('x-request-id')) ?? randomUUID();
        res.setHeader('x-request-id', requestId);
        // The credential is only read, never logged; it is checked when a mutation asks for it.
        return createContext(options, requestId, req.header('authorization') ?? null);
      },
    }),
  );
  return { app, httpServer, apollo };
}

/** Accepts a caller's request id only when it is short and plain, so it is safe to log. */
function sanitiseRequestId(value: string | undefined): string | null {
  return value && /^[\w.-]{1,64}$/.test(value) ? value : null;
}
