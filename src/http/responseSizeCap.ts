// Refuses to send an answer larger than MAX_RESPONSE_BYTES: the client gets a coded error
// instead of a body that could tie up memory and bandwidth on both sides.

import type { RequestHandler } from 'express';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { sendHttpError } from './httpErrors';
import { requestIdOf } from './requestScope';

/**
 * Wraps `res.send` (which Apollo's Express integration and the export routes use for whole
 * bodies) so that a body over `maxBytes` is replaced by a 422 RESPONSE_TOO_LARGE. The headers
 * the route set for its body (content type, file name, counts) are dropped with it.
 */
export function responseSizeCap(options: { maxBytes: number; logger: Logger }): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const size =
        typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : 0;
      if (size <= options.maxBytes) return send(body);
      res.send = send;
      for (const name of res.getHeaderNames()) if (name !== 'x-request-id') res.removeHeader(name);
      options.logger.warn('response refused: too large', {
        requestId: requestIdOf(res),
        bytes: size,
        limit: options.maxBytes,
      });
      sendHttpError(
        res,
        422,
        ErrorCode.ResponseTooLarge,
        `The answer would be ${size} bytes, over the limit of ${options.maxBytes} (MAX_RESPONSE_BYTES); ask for fewer items or fields`,
        { bytes: size, limit: options.maxBytes },
      );
      return res;
    };
    next();
  };
}
