// The response cache's hit path, in front of Apollo: a query whose answer is stored for the
// current data version is answered with the bytes Apollo sent for it, without parsing,
// validating, pricing or executing it again. Everything else passes on to Apollo.

import { createHash, type Hash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import Negotiator from 'negotiator';
import { fixedAuth, type Authenticator } from '../auth/authenticate';
import { ANONYMOUS, type Principal } from '../auth/principal';
import type { SharedVersionReads } from '../cache/sharedVersionReads';
import { VersionedCache } from '../cache/versionedCache';
import type { PreparedRequest } from '../context';
import type { Protection } from './cost/protection';
import { parseContentType } from './jsonBody';
import { recordRequest } from './metrics';
import { publicBaseUrl } from './publicUrl';
import { annotateRequestLog } from './requestScope';
import { cacheRole, responseCacheKey, type CachedAnswer, type ResponseCache } from './responseCache';

export interface CacheHitOptions {
  cache: ResponseCache;
  /** The process's shared data-version reads (the ones its request contexts use). */
  versions: SharedVersionReads;
  /** The server's cost limits and budgets; null when they are off. */
  protection: Protection | null;
  /** The server's authenticator (the one its request contexts use). */
  authenticate: Authenticator;
  /** PUBLIC_URL, or null for each request's checked Host (as the context's baseUrl). */
  publicUrl: string | null;
  /** MAX_RESPONSE_BYTES: a larger answer is left to Apollo, whose response is then refused (422). */
  maxResponseBytes: number;
}

/** A GraphQL request as sent, when it is of a form whose answer a hit may give. */
interface SentOperation {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
}

// Apollo's content types for a single result (@apollo/server's MEDIA_TYPES), in its order of
// preference. A third, "application/json; callbackSpec=1.0", is left to Apollo: Express
// rewrites its parameters when Apollo sends it, and no client of ours asks for it.
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const APOLLO_SINGLE_RESULT_TYPES = [
  APPLICATION_JSON,
  GRAPHQL_RESPONSE_JSON,
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/** Distinct Accept headers whose negotiated type is remembered (clients send a handful). */
const MAX_ACCEPT_HEADERS = 256;
const negotiated = new Map<string, string | null>();

/**
 * The Content-Type Apollo answers a single result with for this Accept header (chosen the
 * way its chooseContentTypeForSingleResultResponse does), or null when the hit path leaves
 * the request to Apollo (nothing acceptable: a 406; or the callback type).
 */
export function hitContentType(accept: string | undefined): string | null {
  if (!accept) return APPLICATION_JSON;
  let type = negotiated.get(accept);
  if (type === undefined) {
    const preferred = new Negotiator({ headers: { accept } }).mediaType(APOLLO_SINGLE_RESULT_TYPES);
    type = preferred === APPLICATION_JSON || preferred === GRAPHQL_RESPONSE_JSON ? preferred : null;
    if (negotiated.size >= MAX_ACCEPT_HEADERS) negotiated.clear();
    negotiated.set(accept, type);
  }
  return type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/**
 * The operation of a request in the shape Apollo accepts it (a query string; an operation
 * name, variables object and extensions object each absent or null), or null for anything
 * else, which Apollo then answers or refuses itself. Extensions must be empty: a persisted
 * query or any other extension is Apollo's to interpret.
 */
export function sentOperation(fields: {
  query: unknown;
  operationName: unknown;
  variables: unknown;
  extensions: unknown;
}): SentOperation | null {
  const { query, operationName, variables, extensions } = fields;
  if (typeof query !== 'string') return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && !isRecord(variables)) return null;
  if (extensions != null && !(isRecord(extensions) && Object.keys(extensions).length === 0)) return null;
  return { query, operationName: operationName ?? null, variables: variables ?? null };
}

/** A JSON search parameter (variables, extensions): undefined when absent, the parsed value, or null when unreadable. */
function jsonParameter(params: URLSearchParams, name: string): unknown {
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  if (values.length > 1) return Symbol('repeated');
  try {
    return JSON.parse(values[0]!) as unknown;
  } catch {
    return Symbol('unreadable');
  }
}

/**
 * The operation of a GET request's search parameters, when Apollo would run it: a JSON
 * Content-Type, or none and one of the headers of its CSRF prevention (x-apollo-operation-name,
 * apollo-require-preflight); each parameter at most once.
 */
function getOperation(header: (name: string) => string | undefined, url: string): SentOperation | null {
  const contentType = header('content-type');
  if (contentType !== undefined) {
    if (parseContentType(contentType)?.mediaType !== 'application/json') return null;
  } else if (!header('x-apollo-operation-name') && !header('apollo-require-preflight')) {
    return null;
  }
  const at = url.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
  const query = params.getAll('query');
  const operationName = params.getAll('operationName');
  if (query.length !== 1 || operationName.length > 1) return null;
  return sentOperation({
    query: query[0],
    operationName: operationName[0],
    variables: jsonParameter(params, 'variables'),
    extensions: jsonParameter(params, 'extensions'),
  });
}

const PREPARED = Symbol('preparedRequest');
type PreparedLocals = Record<string | symbol, unknown> & { [PREPARED]?: PreparedRequest };

/** What the hit path learnt of a request it passed on (its data version, its caller), for its context. */
export function preparedRequestOf(res: Response): PreparedRequest {
  return (res.locals as PreparedLocals)[PREPARED] ?? {};
}

/** Most callers whose API key is remembered per data version. */
const MAX_CACHED_CALLERS = 10_000;

/**
 * The callers of Authorization headers at one data version. An API key is looked up in Neo4j
 * (src/db/apiKeys.ts), one read per request without this; keys are created and revoked by write
 * batches, which raise the data version, so a key found valid at a version stays so for all of
 * it. JWTs are verified per request (no read; their expiry is a matter of time, not of data).
 * Headers are kept as SHA-256 digests, never as the credentials themselves.
 */
class CallersPerVersion {
  private readonly principals = new VersionedCache<Principal>({ maxEntries: MAX_CACHED_CALLERS });

  constructor(private readonly authenticate: Authenticator) {}

  /** The caller of `authorization` at `version`; rejects as the authenticator does for a bad credential. */
  async resolve(version: number, authorization: string): Promise<Principal> {
    const digest = createHash('sha256').update(authorization).digest('base64');
    const known = this.principals.get(version, digest);
    if (known) return known;
    // Resolved after `version` was read, so the key's state is at least that version's.
    const principal = await this.authenticate(authorization);
    if (principal.kind === 'apiKey') this.principals.set(version, digest, principal);
    return principal;
  }
}

/** Room left for the tail (extensions) when a stored answer is checked against MAX_RESPONSE_BYTES. */
const TAIL_ALLOWANCE = 512;

/**
 * The ETag Express's res.send gives a body (its default weak ETag, from the etag package:
 * W/"<length in hex>-<SHA-1 in base64, 27 characters>"), from the hash of the body's start.
 */
export function weakEtag(headHash: Hash, tail: Buffer, length: number): string {
  const hash = headHash.copy().update(tail).digest('base64').substring(0, 27);
  return `W/"${length.toString(16)}-${hash}"`;
}

/**
 * Sends a hit: Apollo's body for the stored answer ({"data":...,"extensions":{...}} and a
 * newline, its stringifyResult), status 200 and the headers its response has (cache-control
 * no-store, Content-Type, Content-Length, ETag; x-request-id is set by requestScope). Written
 * as two chunks in one socket write: res.send would copy the body into one buffer and hash it
 * whole for the ETag (~85 us for the nested page's 60 KB); the ETag is the same. A conditional
 * request goes through res.send, so that Express answers it (304) as it answers Apollo's.
 */
function sendHit(
  req: Request,
  res: Response,
  contentType: string,
  answer: CachedAnswer,
  extensions: object,
): void {
  const tail = Buffer.from(`,"extensions":${JSON.stringify(extensions)}}\n`);
  const length = answer.head.length + tail.length;
  res.statusCode = 200;
  res.setHeader('cache-control', 'no-store');
  res.setHeader('Content-Type', contentType);
  if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) {
    res.send(Buffer.concat([answer.head, tail], length));
    return;
  }
  res.setHeader('Content-Length', length);
  res.setHeader('ETag', weakEtag(answer.headHash, tail, length));
  res.cork();
  res.write(answer.head);
  res.end(tail);
}

/**
 * The hit path on /graphql, after the rate gate and the body parser. A request is answered
 * here when its operation, variables, caller role and base URL have an answer stored at a
 * data version read after the request arrived (shared with concurrent requests), and the
 * caller's budget pays the stored cost (charged as for the miss; extensions.cost tells this
 * caller's budget). Everything else goes on to Apollo, with the version and caller resolved
 * here handed over (preparedRequestOf), so nothing is looked up twice.
 */
export function serveCacheHits(options: CacheHitOptions): RequestHandler {
  const { cache, versions, protection, publicUrl, maxResponseBytes } = options;
  const callers = new CallersPerVersion(options.authenticate);

  return async (req, res, next) => {
    const started = performance.now();
    const operation =
      req.method === 'POST'
        ? isRecord(req.body)
          ? sentOperation(req.body as Parameters<typeof sentOperation>[0])
          : null
        : req.method === 'GET'
          ? getOperation((name) => req.header(name), req.url)
          : null;
    const contentType = operation && hitContentType(req.headers.accept);
    if (!operation || !contentType) return next();

    const prepared: PreparedRequest = {};
    const pass = () => {
      (res.locals as PreparedLocals)[PREPARED] = prepared;
      next();
    };
    let principal = ANONYMOUS;
    const authorization = req.header('authorization');
    try {
      // A blank header is anonymous, as the authenticator reads it.
      if (authorization?.trim()) {
        prepared.dataVersion = await versions.next();
        principal = await callers.resolve(prepared.dataVersion, authorization);
        prepared.auth = fixedAuth(principal);
      }
      const key = responseCacheKey({
        ...operation,
        role: cacheRole(principal),
        baseUrl: publicBaseUrl(req, publicUrl),
      });
      // Nothing stored at the newest version seen: a miss, whatever the database's version.
      if (!cache.answers.has(key)) return pass();
      prepared.dataVersion ??= await versions.next();
      const answer = cache.answers.get(prepared.dataVersion, key);
      const tailRoom = TAIL_ALLOWANCE + (answer?.suggestions?.length ?? 0);
      if (!answer || answer.head.length + tailRoom > maxResponseBytes) return pass();
      // The client left while the version was read: nothing to send, nothing to charge.
      if (res.destroyed) return undefined;
      // The miss's suggestions (a root lookup that found nothing) go with every hit.
      const suggestions = answer.suggestions === null ? {} : { suggestions: JSON.parse(answer.suggestions) };
      let extensions: object = { ...suggestions, cache: 'HIT' };
      if (protection) {
        // Priced with other statistics than those pricing operations now (a replica's first answers,
        // before its prewarm read them, are priced at the lists' caps): Apollo answers and stores it
        // again at today's price, so that a query costs the same whichever replica answers it.
        if (answer.cost && answer.cost.pricedWith !== (protection.statistics?.dataVersion ?? null))
          return pass();
        const cost =
          answer.cost &&
          (await protection.chargeCached(principal, req.socket.remoteAddress ?? null, answer.cost));
        if (!cost) return pass();
        extensions = { cost, ...suggestions, cache: 'HIT' };
      }
      annotateRequestLog(res, { cache: 'HIT' });
      sendHit(req, res, contentType, answer, extensions);
      recordRequest(answer.operationName, 'success', (performance.now() - started) / 1000);
      return undefined;
    } catch {
      // No version (Neo4j is down) or a bad credential: Apollo answers as it would without a cache.
      delete prepared.auth;
      return pass();
    }
  };
}
