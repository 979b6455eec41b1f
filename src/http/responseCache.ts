// The response cache: answers to queries that Apollo executed without errors, kept per query
// text, operation name, variables, caller role and base URL at one data version. Stored here
// (an Apollo plugin); served in front of Apollo by src/http/cacheHits.ts.

import { createHash, type Hash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Principal } from '../auth/principal';
import { stringBytes } from '../cache/approximateBytes';
import { canonicalJson } from '../cache/canonicalJson';
import type { SharedVersionReads } from '../cache/sharedVersionReads';
import { VersionedCache } from '../cache/versionedCache';
import type { RequestContext } from '../context';

/**
 * Root fields whose answers are never cached: they read bookkeeping (API keys, their audit
 * events) that a reader should always see as stored, whatever the cache holds.
 */
export const UNCACHED_FIELDS: ReadonlySet<string> = new Set(['apiKeys', 'history']);

export interface ResponseCacheOptions {
  /** Largest total size of the cached answers, in bytes as they sit in memory (entrySize). */
  maxBytes: number;
}

/** The points of a cached answer, as its miss reported them in extensions.cost. */
export interface CachedCost {
  requested: number;
  limit: number;
  actual: number;
  /**
   * The data version of the graph statistics the miss was priced with (null: priced before the
   * first, lists at their caps). A hit is charged this price only while the same statistics
   * price new operations (src/http/cacheHits.ts).
   */
  pricedWith: number | null;
}

/** A cached answer: what a hit needs to send the bytes Apollo sent for the miss. */
export interface CachedAnswer {
  /** The start of the body: `{"data":` and the JSON of the answer's data, as Apollo serialised it. */
  head: Buffer;
  /** SHA-1 of `head` so far: each hit copies it to hash its whole body for the ETag (weakEtag). */
  headHash: Hash;
  /** The operation's name as Apollo resolved it (the metrics label). */
  operationName: string | null;
  /** The miss's extensions.cost without the caller's budget; null when no cost limits apply. */
  cost: CachedCost | null;
  /** The miss's extensions.suggestions as JSON (a root lookup found nothing); null when it had none. */
  suggestions: string | null;
}

/** What a cache key is made of: the request as sent, and what else the answer depends on. */
export interface ResponseCacheKeyParts {
  /** The query text, exactly as sent. */
  query: string;
  operationName: string | null;
  /** The variables as sent; absent, null and {} are the same. */
  variables: Record<string, unknown> | null | undefined;
  /** cacheRole() of the caller: answers may differ by role. */
  role: string;
  /** The base of absolute URLs in the answer (downloadUrl): PUBLIC_URL or the request's host. */
  baseUrl: string | null;
}

/**
 * The cache key of a request: unambiguous text (a JSON array, then the variables as canonical
 * JSON, whose key order does not matter). Kept whole rather than hashed: a Map lookup of the
 * text is cheaper than a SHA-256 of it, and no two requests can share a key.
 */
export function responseCacheKey(parts: ResponseCacheKeyParts): string {
  const head = JSON.stringify([parts.query, parts.operationName, parts.role, parts.baseUrl]);
  return head + canonicalJson(parts.variables ?? {});
}

/** The role answers are cached for: "anonymous", or "role:<role>" of an authenticated caller. */
export function cacheRole(principal: Principal): string {
  return principal.kind === 'anonymous' ? 'anonymous' : `role:${principal.role}`;
}

/**
 * What an entry holds besides its JSON and key, in bytes, measured as RSS per entry over 50,000
 * entries (node --expose-gc, after GC): the SHA-1 hash state 800 (OpenSSL's context and its
 * JavaScript object), the Buffer of an exact size 700 (its own allocation and V8's record of it),
 * the entry and the LRU's bookkeeping about 100.
 */
export const ANSWER_OVERHEAD_BYTES = 1600;

/** Bytes an entry takes in memory: its JSON, its key (the query text and variables) and ANSWER_OVERHEAD_BYTES. */
function entrySize(answer: CachedAnswer, key: string): number {
  return (
    answer.head.length + stringBytes(answer.suggestions ?? '') + stringBytes(key) + ANSWER_OVERHEAD_BYTES
  );
}

/**
 * The start of a stored body, and its hash state. The body gets an allocation of its own size:
 * Buffer.from(string) takes answers under 4 KiB from Node's shared 8 KiB pool, and a kept slice
 * keeps its whole pool block alive, which a flood of small distinct answers turned into 158 MB
 * of external memory for a cache counted at 64 MiB (issue 20).
 */
export function answerHead(data: unknown): Pick<CachedAnswer, 'head' | 'headHash'> {
  const json = `{"data":${JSON.stringify(data)}`;
  const head = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
  head.write(json);
  return { head, headHash: createHash('sha1').update(head) };
}

/**
 * The answers of one server, bounded by `maxBytes` (least recently used first) and dropped
 * whenever a newer data version is seen. `versions`, when given, is read after every mutation
 * of this process, so that the answers it superseded are dropped at once.
 */
export class ResponseCache {
  readonly answers: VersionedCache<CachedAnswer>;

  constructor(
    options: ResponseCacheOptions,
    readonly versions: SharedVersionReads | null = null,
  ) {
    this.answers = new VersionedCache<CachedAnswer>({ maxBytes: options.maxBytes, sizeOf: entrySize });
  }
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

/**
 * The key and data version a query's answer would be stored under; null when it is not to
 * be stored (not a query, an uncached field, no query text, a bad credential, no version).
 */
async function storeSlot(
  requestContext: GraphQLRequestContext<RequestContext>,
): Promise<{ version: number; key: string } | null> {
  const { operation, document, contextValue, request } = requestContext;
  if (operation?.operation !== 'query' || !document || typeof request.query !== 'string') return null;
  if (selectsUncachedField(document)) return null;
  try {
    // Read before execution starts: the answer then holds data at least as new as the version.
    const [version, principal] = await Promise.all([
      contextValue.dataVersion(),
      contextValue.auth.principal(),
    ]);
    const key = responseCacheKey({
      query: request.query,
      operationName: request.operationName ?? null,
      variables: request.variables,
      role: cacheRole(principal),
      baseUrl: contextValue.baseUrl,
    });
    return { version, key };
  } catch {
    // No version (the database is down) or a bad credential: execute as if there were no
    // cache; the execution reports the error where it applies.
    return null;
  }
}

/** The points of extensions.cost that every caller of the same operation is told alike. */
function cachedCost(
  extensions: Record<string, unknown> | undefined,
  pricedWith: number | null | undefined,
): CachedCost | null {
  const cost = extensions?.cost as Partial<CachedCost> | undefined;
  if (!cost || typeof cost.requested !== 'number' || typeof cost.actual !== 'number') return null;
  return {
    requested: cost.requested,
    limit: Number(cost.limit),
    actual: cost.actual,
    pricedWith: pricedWith ?? null,
  };
}

/**
 * The Apollo plugin that fills the cache. A query's data version and key are taken before it
 * executes; its answer is stored when it has data and no errors, with its
 * extensions.suggestions. Mutations, answers with errors and the UNCACHED_FIELDS are never stored. Answers to cacheable queries carry
 * `extensions.cache: "MISS"` (hits never reach Apollo; they say "HIT"). Must come after the
 * protection plugin, whose extensions.cost it keeps with the answer, and with it the statistics
 * the protection priced it with (`pricedWith`, Protection.pricedWith).
 */
export function responseCachePlugin(
  cache: ResponseCache,
  pricedWith: (context: RequestContext) => number | null | undefined = () => undefined,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let slot: { version: number; key: string } | null = null;
      return {
        async responseForOperation(requestContext) {
          slot = await storeSlot(requestContext);
          return null;
        },
        async willSendResponse(requestContext) {
          const { response, operation } = requestContext;
          if (operation?.operation === 'mutation' && cache.versions) {
            // A read begun now sees this mutation's commit: the answers it superseded go at once.
            cache.versions.next().then(
              (version) => cache.answers.advance(version),
              () => undefined,
            );
          }
          if (!slot || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length && !requestContext.errors?.length && result.data) {
            const suggestions = result.extensions?.suggestions;
            cache.answers.set(slot.version, slot.key, {
              ...answerHead(result.data),
              operationName: requestContext.operationName ?? null,
              cost: cachedCost(result.extensions, pricedWith(requestContext.contextValue)),
              suggestions: suggestions === undefined ? null : JSON.stringify(suggestions),
            });
          }
          result.extensions = { ...result.extensions, cache: 'MISS' };
        },
      };
    },
  };
}
