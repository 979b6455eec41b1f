// The response cache: whole answers to queries, kept per operation, variables, caller role and
// data version, so a repeated query costs one data-version lookup and no execution.

import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { BREAK, print, visit, type DocumentNode } from 'graphql';
import { VersionedCache } from '../cache/versionedCache';
import type { RequestContext } from '../context';

/**
 * Root fields whose answers are never cached: they read bookkeeping (API keys, their audit
 * events) that API-key writes change without raising the data version.
 */
export const UNCACHED_FIELDS: ReadonlySet<string> = new Set(['apiKeys', 'history']);

export interface ResponseCacheOptions {
  /** Largest total size of the cached answers, in bytes of their JSON. */
  maxBytes: number;
}

/** A cached answer: the `data` of a query that had no errors, and its size in bytes. */
interface CachedAnswer {
  data: Record<string, unknown>;
  bytes: number;
}

/** The cache key of an operation: a hash, so that long documents cost 64 characters each. */
export function responseCacheKey(parts: {
  document: string;
  operationName: string | null;
  variables: unknown;
  role: string;
}): string {
  const text = JSON.stringify([parts.document, parts.operationName, parts.variables ?? {}, parts.role]);
  return createHash('sha256').update(text).digest('hex');
}

function selectsUncachedField(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (UNCACHED_FIELDS.has(node.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The role answers are cached for: anonymous, or the authenticated caller's role. */
async function callerRole(context: RequestContext): Promise<string> {
  const principal = await context.auth.principal();
  return principal.kind === 'anonymous' ? 'anonymous' : `role:${principal.role}`;
}

/**
 * The Apollo plugin. A query is answered from the cache when an answer of the same
 * operation, variables and role was stored at the current data version (read once per
 * request, one index lookup: a write by any process, the import CLI included, is seen by
 * the next request). Mutations, answers with errors and the UNCACHED_FIELDS are never
 * stored. Cacheable answers carry `extensions.cache`: "HIT" or "MISS".
 */
export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<RequestContext> & {
  cache: VersionedCache<CachedAnswer>;
} {
  const cache = new VersionedCache<CachedAnswer>({
    maxBytes: options.maxBytes,
    sizeOf: (answer, key) => answer.bytes + key.length,
  });

  /** The version and key of a cacheable query; null when the request is not to be cached. */
  async function lookupKey(
    requestContext: GraphQLRequestContext<RequestContext>,
  ): Promise<{ version: number; key: string } | null> {
    const { operation, document, contextValue } = requestContext;
    if (!operation || operation.operation !== 'query' || !document || selectsUncachedField(document))
      return null;
    try {
      const [version, role] = await Promise.all([contextValue.dataVersion(), callerRole(contextValue)]);
      const key = responseCacheKey({
        document: requestContext.source ?? print(document),
        operationName: requestContext.operationName ?? null,
        variables: requestContext.request.variables,
        role,
      });
      return { version, key };
    } catch {
      // No version (the database is down) or a bad credential: execute as if there were no
      // cache; the execution reports the error where it applies.
      return null;
    }
  }

  return {
    cache,
    async requestDidStart() {
      let entry: { version: number; key: string } | null = null;
      let hit = false;
      return {
        async responseForOperation(requestContext) {
          entry = await lookupKey(requestContext);
          const cached = entry ? cache.get(entry.version, entry.key) : undefined;
          if (!cached) return null;
          hit = true;
          return {
            http: requestContext.response.http,
            body: { kind: 'single', singleResult: { data: cached.data } },
          };
        },
        async willSendResponse({ response }) {
          if (!entry || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!hit && !result.errors?.length && result.data) {
            const bytes = Buffer.byteLength(JSON.stringify(result.data));
            cache.set(entry.version, entry.key, { data: result.data, bytes });
          }
          result.extensions = { ...result.extensions, cache: hit ? 'HIT' : 'MISS' };
        },
      };
    },
  };
}
