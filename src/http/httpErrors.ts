// The one HTTP error path: every failure outside GraphQL execution (body parsing, bad URLs,
// unknown routes and methods, malformed HTTP, anything thrown by a route) answers JSON
// {"errors":[{"message","extensions":{"code"}}]} with its status; internals are only logged.

import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { requestIdOf } from './requestScope';

/** The body of every HTTP-level error, shaped like a GraphQL error response. */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] })}\n`;
}

/** Answers `status` with one coded error; `extensions` are added to the code (e.g. the parameter at fault). */
export function sendHttpError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).type('application/json').setHeader('cache-control', 'no-store');
  res.send(errorBody(code, message, extensions));
}

/** What a client is told for each body-parser (http-errors) `type`; anything else is a plain 400 or a 500. */
const PARSER_ERRORS: Record<string, { status: number; code: ErrorCode; message: (limit: number) => string }> =
  {
    'entity.too.large': {
      status: 413,
      code: ErrorCode.PayloadTooLarge,
      message: (limit) =>
        `The request body is larger than the limit of ${limit} bytes (MAX_REQUEST_BODY_BYTES)`,
    },
    'entity.parse.failed': {
      status: 400,
      code: ErrorCode.BadRequest,
      message: () => 'The request body must be a JSON object such as {"query": "{ stats { dataVersion } }"}',
    },
    'charset.unsupported': {
      status: 415,
      code: ErrorCode.UnsupportedMediaType,
      message: () => 'The request body must be UTF-8 (Content-Type: application/json; charset=utf-8)',
    },
    'encoding.unsupported': {
      status: 415,
      code: ErrorCode.UnsupportedMediaType,
      message: () => 'The Content-Encoding is not supported; send gzip, deflate, br or an uncompressed body',
    },
    'request.size.invalid': {
      status: 400,
      code: ErrorCode.BadRequest,
      message: () => 'The request body does not have the length its Content-Length states',
    },
    'request.aborted': {
      status: 400,
      code: ErrorCode.BadRequest,
      message: () => 'The request body was cut off',
    },
  };

function statusOf(error: unknown): number | null {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : null;
}

/**
 * The last error handler of the app. Client errors get a fixed message chosen by their
 * kind (never the library's, which may quote the body); other errors are logged with the
 * request id and answered as a masked 500. `bodyLimit` is quoted in the 413 message.
 */
export function httpErrorHandler(options: { logger: Logger; bodyLimit: number }): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = requestIdOf(res);
    const logger = options.logger.child({ requestId });
    if (res.headersSent) {
      // Part of the answer is out: the only honest signal left is to cut the connection.
      logger.error('request failed after the response started', { path: req.path, error: describe(error) });
      req.socket.destroy();
      return;
    }
    const type = (error as { type?: unknown } | null)?.type;
    const known = typeof type === 'string' ? PARSER_ERRORS[type] : undefined;
    const status = statusOf(error);
    if (known) {
      logger.info('request refused', {
        method: req.method,
        path: req.path,
        status: known.status,
        code: known.code,
      });
      sendHttpError(res, known.status, known.code, known.message(options.bodyLimit));
    } else if (
      error instanceof URIError ||
      (status === 400 && /decode param/i.test(String((error as Error).message)))
    ) {
      logger.info('request refused', {
        method: req.method,
        status: 400,
        code: ErrorCode.BadRequest,
        reason: 'bad percent-escape',
      });
      sendHttpError(
        res,
        400,
        ErrorCode.BadRequest,
        'The URL contains a malformed percent-escape (a % not followed by two hex digits)',
      );
    } else if (status !== null && status < 500) {
      // Other client errors of the HTTP libraries (e.g. a broken gzip stream).
      logger.info('request refused', {
        method: req.method,
        path: req.path,
        status,
        code: ErrorCode.BadRequest,
      });
      sendHttpError(
        res,
        400,
        ErrorCode.BadRequest,
        'The request could not be read; check its body, Content-Type and Content-Encoding',
      );
    } else {
      logger.error('request failed', { method: req.method, path: req.path, error: describe(error) });
      sendHttpError(
        res,
        500,
        ErrorCode.Internal,
        `Internal server error (request ${requestId}); the details are in the server log`,
        { requestId },
      );
    }
  };
}

/** A JSON-safe, one-line description of an error for the log: its stack, never a request body. */
function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The 404 of every path no route serves; mount it after every router, before httpErrorHandler. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    // The path is not echoed: it is the caller's own input, and may be crafted to look like ours.
    sendHttpError(
      res,
      404,
      ErrorCode.NotFound,
      `No route serves ${truncate(req.method, 20)} on this path; the API is at /graphql and /export`,
    );
  };
}

/**
 * Answers the methods a path does not serve: 405 with `Allow`, or 204 with `Allow` for an
 * OPTIONS request (no CORS is offered). Mount it with `.all()` after a path's handlers.
 */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  const allow = allowed.includes('GET') && !allowed.includes('HEAD') ? [...allowed, 'HEAD'] : [...allowed];
  return (req, res) => {
    res.setHeader('allow', allow.join(', '));
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    sendHttpError(
      res,
      405,
      ErrorCode.MethodNotAllowed,
      `${req.path} accepts ${allow.join(', ')}, not ${truncate(req.method, 20)}`,
    );
  };
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}...` : text;
}

/** The statuses Node's HTTP parser errors get (everything else is a 400). */
const CLIENT_ERROR_STATUS: Record<string, { status: number; text: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    text: 'Request Header Fields Too Large',
    message: 'The request headers (or URL) are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    text: 'Request Timeout',
    message: 'The request was not received in time',
  },
};

/**
 * The http.Server 'clientError' listener: a request Node cannot parse (bad request line,
 * oversized headers, a request that never finishes arriving) gets a coded JSON answer,
 * then its connection is closed, as Node's own handler does.
 */
export function clientErrorListener(
  logger: Logger,
): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    const known = CLIENT_ERROR_STATUS[error.code ?? ''] ?? {
      status: 400,
      text: 'Bad Request',
      message: 'The request is not valid HTTP',
    };
    logger.info('malformed request refused', { status: known.status, reason: error.code ?? 'unknown' });
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = errorBody(
      known.status === 400
        ? ErrorCode.BadRequest
        : known.status === 408
          ? ErrorCode.RequestTimeout
          : ErrorCode.HeadersTooLarge,
      known.message,
    );
    socket.end(
      `HTTP/1.1 ${known.status} ${known.text}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `x-request-id: ${randomUUID()}\r\ncache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
}
