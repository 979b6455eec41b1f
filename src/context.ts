// The per-request context handed to every resolver, and the function that builds it.

import { randomUUID } from 'node:crypto';
import type { SharedVersionReads } from './cache/sharedVersionReads';
import type { VersionedMemo } from './cache/versionedCache';
import { createAuthenticator, requestAuth, type Authenticator, type RequestAuth } from './auth/authenticate';
import { findApiKey } from './db/apiKeys';
import type { Db, QueryScope } from './db/run';
import type { PageLimits } from './db/pagination';
import { createPlanRunner, type PlanRunner } from './db/planner';
import { readDataVersion } from './db/stats';
import { createLoaders, type Loaders } from './loaders';
import type { Logger } from './logger';

/**
 * A root lookup that found nothing, with the records the caller may have meant; the answer
 * carries these in extensions.suggestions (src/http/suggestions.ts).
 */
export interface LookupSuggestion {
  /** The response path of the root field, e.g. ["funder"], or its alias. */
  path: Array<string | number>;
  /** The argument that matched nothing: id, acronym or code. */
  argument: string;
  /** What was given. */
  given: string;
  /** The GraphQL EntityKind looked up, e.g. FUNDER. */
  kind: string;
  /** Up to three nearest ids. */
  ids: string[];
  /** Up to three nearest acronyms (funders and projects), each with the id of its record. */
  acronyms: Array<{ acronym: string; id: string }>;
  /** The above in words. */
  message: string;
}

/** What resolvers may use: the database, this request's loaders, limits, logger and caller. */
export interface RequestContext {
  readonly requestId: string;
  /** The caller, resolved from the Authorization header on first use (mutations only). */
  readonly auth: RequestAuth;
  readonly db: Db;
  readonly loaders: Loaders;
  /** This request's planned statements (src/db/planner); null when the planner is off. */
  readonly planner: PlanRunner | null;
  readonly limits: PageLimits;
  readonly logger: Logger;
  /** The HTTP client's address (budgets of anonymous callers); null for in-process calls. */
  readonly clientAddress: string | null;
  /**
   * Base of the absolute URLs answers contain (downloadUrl), e.g. http://localhost:4000;
   * null outside HTTP (operations run in-process), where URLs stay server-relative.
   */
  readonly baseUrl: string | null;
  /**
   * The data version this request reads at (src/db/stats.ts), looked up once per request on
   * first use by a read that begins after the request arrived (shared with concurrent requests
   * when the dependencies have `versions`); the response cache and the analytics memo key their
   * entries by it.
   */
  dataVersion(): Promise<number>;
  /** Analytics computed once per data version and shared by requests; null: per request only. */
  readonly analytics: VersionedMemo | null;
  /** Root lookups of this request that found nothing, in the order they ran (extensions.suggestions). */
  readonly suggestions: LookupSuggestion[];
}

/** Process-wide dependencies from which each request's context is made. */
export interface ContextDependencies {
  db: Db;
  limits: PageLimits;
  logger: Logger;
  /** Plan each root field's selection into one statement (QUERY_PLANNER; default true). */
  planner?: boolean;
  /** Checks credentials; by default API keys only (src/auth/fromConfig.ts adds JWTs from config). */
  authenticate?: Authenticator;
  /** Shares analytics (gap projection, networks, recommendations) across requests of one data version. */
  analytics?: VersionedMemo;
  /** Data-version reads shared by concurrent requests; without it each request reads its own. */
  versions?: SharedVersionReads;
}

/** What the HTTP layer already knows of a request before its context is made (the response cache's hit path). */
export interface PreparedRequest {
  /** A data version read that began after the request arrived. */
  dataVersion?: number;
  /** The caller, already resolved from the same Authorization header. */
  auth?: RequestAuth;
}

/** The default authenticator of each set of dependencies: made on first use, then shared by its requests. */
const defaultAuthenticators = new WeakMap<ContextDependencies, Authenticator>();

/**
 * The authenticator of `deps`: theirs, else API keys only, looked up in `deps.db`. Made
 * once per dependencies (once per process for the server, whose dependencies are made
 * once), not once per request.
 */
export function authenticatorOf(deps: ContextDependencies): Authenticator {
  if (deps.authenticate) return deps.authenticate;
  let authenticate = defaultAuthenticators.get(deps);
  if (!authenticate) {
    authenticate = createAuthenticator({
      apiKeys: true,
      findApiKey: (id) => findApiKey(deps.db, id),
      verifyJwt: null,
    });
    defaultAuthenticators.set(deps, authenticate);
  }
  return authenticate;
}

/**
 * A fresh context with its own loaders, so caches never leak between requests.
 * `authorization` is the request's Authorization header (absent: an anonymous reader).
 * `scope` (the HTTP request's deadline and abort signal) bounds every statement the
 * resolvers and loaders send; without it only the query timeout does. `prepared` hands over
 * what the HTTP layer resolved already, so that it is not looked up twice.
 */
export function createContext(
  deps: ContextDependencies,
  requestId: string = randomUUID(),
  authorization: string | null = null,
  scope: QueryScope | null = null,
  clientAddress: string | null = null,
  baseUrl: string | null = null,
  prepared: PreparedRequest = {},
): RequestContext {
  const db = scope === null ? deps.db : deps.db.withScope(scope);
  let dataVersion: Promise<number> | null =
    prepared.dataVersion === undefined ? null : Promise.resolve(prepared.dataVersion);
  const { versions } = deps;
  return {
    requestId,
    auth: prepared.auth ?? requestAuth(authenticatorOf(deps), authorization),
    db,
    loaders: createLoaders(db),
    planner: deps.planner === false ? null : createPlanRunner(db),
    limits: deps.limits,
    logger: deps.logger.child({ requestId }),
    clientAddress,
    baseUrl,
    dataVersion: () => (dataVersion ??= versions ? versions.next() : readDataVersion(db)),
    analytics: deps.analytics ?? null,
    suggestions: [],
  };
}
