// Error codes the API returns in extensions.code, the error classes behind them, and the
// mapping from neo4j-driver errors to those codes.

import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

/** Every code a client can see in `extensions.code`. */
export enum ErrorCode {
  /** An argument or input value is malformed; the message names it. */
  BadUserInput = 'BAD_USER_INPUT',
  /** A record named by id does not exist, or (HTTP 404) no route has the path. */
  NotFound = 'NOT_FOUND',
  /** No valid credential was given for an operation that needs one. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The credential is valid but its role may not do this. */
  Forbidden = 'FORBIDDEN',
  /** The write would break a uniqueness rule or was raced by another write. */
  Conflict = 'CONFLICT',
  /** Neo4j cannot be reached; retry later. */
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  /** The query ran longer than QUERY_TIMEOUT_MS. */
  QueryTimeout = 'QUERY_TIMEOUT',
  /** The request ran past its deadline (REQUEST_TIMEOUT_MS); its remaining work was stopped. */
  RequestTimeout = 'REQUEST_TIMEOUT',
  /** The client went away before the answer was ready; its remaining work was stopped (logged only). */
  ClientClosedRequest = 'CLIENT_CLOSED_REQUEST',
  /** The answer would exceed MAX_RESPONSE_BYTES and was not sent; ask for less. */
  ResponseTooLarge = 'RESPONSE_TOO_LARGE',
  /** The request is malformed at the HTTP level: bad JSON, a body that is not an object, a bad URL. */
  BadRequest = 'BAD_REQUEST',
  /** The request body exceeds MAX_REQUEST_BODY_BYTES (HTTP 413). */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** The request line and headers exceed Node's limit (16 KiB; HTTP 431). */
  HeadersTooLarge = 'REQUEST_HEADERS_TOO_LARGE',
  /** The body's media type, charset or content-encoding is not accepted (HTTP 415). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** The path exists but not for this method; the Allow header lists those that do (HTTP 405). */
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  /** The operation is priced over a limit (cost, depth, aliases, root fields, tokens, directives); nothing ran. */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** The client's budget of cost points is spent; retry after the Retry-After header's seconds. */
  RateLimited = 'RATE_LIMITED',
  /** Every analytics place and queue slot is taken; retry after the Retry-After header's seconds. */
  AnalyticsBusy = 'ANALYTICS_BUSY',
  /** Anything else; details are logged with the request id, never sent. */
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** An error whose message is safe to show to the client as is. */
export class PublicError extends GraphQLError {
  constructor(
    message: string,
    readonly code: ErrorCode,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'PublicError';
  }
}

/** A bad argument: `argument` is its path, e.g. "filter.yearFrom"; `details` go into extensions too. */
export class BadUserInputError extends PublicError {
  constructor(argument: string, reason: string, details: Record<string, unknown> = {}) {
    super(`Invalid argument "${argument}": ${reason}`, ErrorCode.BadUserInput, { ...details, argument });
    this.name = 'BadUserInputError';
  }
}

export class NotFoundError extends PublicError {
  constructor(kind: string, id: string) {
    super(`${kind} "${id}" not found`, ErrorCode.NotFound, { kind, id });
    this.name = 'NotFoundError';
  }
}

/**
 * No valid credential: none was sent, or it is unknown, revoked, malformed or expired.
 * The message says which, never what was sent.
 */
export class UnauthenticatedError extends PublicError {
  constructor(reason: string) {
    super(`Authentication required: ${reason}`, ErrorCode.Unauthenticated);
    this.name = 'UnauthenticatedError';
  }
}

/** A valid credential whose role may not do this; `needed` is the least role that may. */
export class ForbiddenError extends PublicError {
  constructor(role: string, needed: string, action: string) {
    super(`The role "${role}" may not ${action}; it needs the role "${needed}"`, ErrorCode.Forbidden, {
      role,
      needed,
    });
    this.name = 'ForbiddenError';
  }
}

/** Raised where the compiler proves a case cannot happen, so a new enum member is caught. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
    this.name = 'UnreachableCaseError';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/**
 * Maps a driver error to the code a client should see. Errors that are not from the
 * driver pass through unchanged so that PublicErrors keep their own codes.
 */
export function fromNeo4jError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code)) {
    return new PublicError(
      'The graph database is unavailable; try again shortly',
      ErrorCode.DatabaseUnavailable,
    );
  }
  // The driver's pool gives this error no code; it means every connection is busy.
  if (error.message.startsWith('Connection acquisition timed out')) {
    return new PublicError(
      'The graph database is busy; try again shortly or ask for less at once',
      ErrorCode.DatabaseUnavailable,
    );
  }
  if (TIMEOUT_CODES.has(error.code)) {
    return new PublicError('The query took too long and was stopped', ErrorCode.QueryTimeout);
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new PublicError('The write conflicts with an existing record', ErrorCode.Conflict);
  }
  return error;
}
