// Gives every HTTP request its id (echoed in x-request-id on every answer, errors included),
// its deadline and an AbortSignal that fires at the deadline or when the client goes away,
// and logs one JSON line when it ends.

import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { QueryScope } from '../db/run';
import { ErrorCode, PublicError } from '../errors';
import type { Logger } from '../logger';

/** What a request carries through the app: its id and the scope its work is bounded by. */
export interface HttpRequestScope extends QueryScope {
  readonly requestId: string;
}

const SCOPE = Symbol('requestScope');
const LOG_FIELDS = Symbol('requestLogFields');
type ScopedLocals = Record<string | symbol, unknown> & {
  [SCOPE]?: HttpRequestScope;
  [LOG_FIELDS]?: Record<string, string>;
};

/** Adds fields to the line requestScope logs when this request ends (e.g. `cache: "HIT"`). */
export function annotateRequestLog(res: Response, fields: Record<string, string>): void {
  const locals = res.locals as ScopedLocals;
  locals[LOG_FIELDS] = { ...locals[LOG_FIELDS], ...fields };
}

/** The scope requestScope() gave this response; throws a TypeError when it was not mounted. */
export function scopeOf(res: Response): HttpRequestScope {
  const scope = (res.locals as ScopedLocals)[SCOPE];
  if (!scope)
    throw new TypeError('scopeOf expects requestScope() to be mounted before the route, received none');
  return scope;
}

/** The request id of this response, or a fresh one when no scope was set (e.g. a parser error). */
export function requestIdOf(res: Response): string {
  return (
    (res.locals as ScopedLocals)[SCOPE]?.requestId ?? String(res.getHeader('x-request-id') ?? randomUUID())
  );
}

/** Accepts a caller's request id only when it is short and plain, so it is safe to log. */
export function sanitiseRequestId(value: string | undefined): string | null {
  return value && /^[\w.-]{1,64}$/.test(value) ? value : null;
}

/**
 * The first middleware of the app. `timeoutMs` is REQUEST_TIMEOUT_MS. The signal's reason is
 * a PublicError (REQUEST_TIMEOUT or CLIENT_CLOSED_REQUEST) that src/db/run.ts hands to the
 * resolvers. Requests answered with 4xx/5xx are logged at info (5xx already logged as errors
 * where they happen), the rest at debug: method, path (never the query string), status, ms.
 */
export function requestScope(options: { timeoutMs: number; logger: Logger }): RequestHandler {
  return (req, res, next) => {
    const requestId = sanitiseRequestId(req.header('x-request-id')) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(
        new PublicError(
          `The request took longer than its budget of ${options.timeoutMs} ms and was stopped`,
          ErrorCode.RequestTimeout,
        ),
      );
    }, options.timeoutMs);
    const scope: HttpRequestScope = {
      requestId,
      signal: controller.signal,
      deadline: Date.now() + options.timeoutMs,
    };
    (res.locals as ScopedLocals)[SCOPE] = scope;
    res.on('close', () => {
      clearTimeout(timer);
      const finished = res.writableFinished;
      if (!finished && !controller.signal.aborted) {
        controller.abort(
          new PublicError(
            'The client closed the connection before the answer was ready',
            ErrorCode.ClientClosedRequest,
          ),
        );
      }
      const fields = {
        requestId,
        method: req.method,
        path: req.path.length > 200 ? `${req.path.slice(0, 200)}...` : req.path,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        ...(res.locals as ScopedLocals)[LOG_FIELDS],
        ...(finished ? {} : { outcome: 'client closed the connection' }),
        ...(controller.signal.reason instanceof PublicError
          ? { stopped: controller.signal.reason.code }
          : {}),
      };
      if (res.statusCode >= 400 || !finished) options.logger.info('request', fields);
      else options.logger.debug('request', fields);
    });
    next();
  };
}
