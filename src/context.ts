// The per-request context handed to every resolver, and the function that builds it.

import { randomUUID } from 'node:crypto';
import type { Db } from './db/run';
import type { PageLimits } from './db/pagination';
import { createLoaders, Loaders } from './loaders';
import type { Logger } from './logger';

/** What resolvers may use: the database, this request's loaders, limits and logger. */
export interface RequestContext {
  readonly requestId: string;
  readonly db: Db;
  readonly loaders: Loaders;
  readonly limits: PageLimits;
  readonly logger: Logger;
}

/** Process-wide dependencies from which each request's context is made. */
export interface ContextDependencies {
  db: Db;
  limits: PageLimits;
  logger: Logger;
}

/** A fresh context with its own loaders, so caches never leak between requests. */
export function createContext(deps: ContextDependencies, requestId: string = randomUUID()): RequestContext {
  return {
    requestId,
    db: deps.db,
    loaders: createLoaders(deps.db),
    limits: deps.limits,
    logger: deps.logger.child({ requestId }),
  };
}
