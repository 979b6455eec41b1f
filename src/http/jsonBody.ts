// Reads a GraphQL POST body: application/json in UTF-8, at most MAX_REQUEST_BODY_BYTES after
// decompression (gzip, deflate, br), a JSON object or array. Every refusal is a coded client
// error answered by httpErrorHandler.

import express, { type RequestHandler } from 'express';
import { ErrorCode } from '../errors';
import { sendHttpError } from './httpErrors';

const JSON_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/** The media type and charset of a Content-Type header, lower-cased; null when it is malformed. */
export function parseContentType(header: string): { mediaType: string; charset: string | null } | null {
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (!/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/.test(mediaType)) return null;
  let charset: string | null = null;
  for (const parameter of parameters) {
    const match = /^([\w!#$&^.+-]+)\s*=\s*("?)([^"]*)\2$/.exec(parameter);
    if (!match) return null;
    if (match[1] === 'charset') charset = match[3]!;
  }
  return { mediaType, charset };
}

/**
 * Refuses a POST body that is not JSON in UTF-8 with 415 before it is read. This also keeps
 * Apollo's CSRF prevention whole: the simple content types a browser may send cross-site
 * (text/plain, forms) never reach it.
 */
function requireJsonUtf8(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    const header = req.header('content-type');
    const type = header === undefined ? null : parseContentType(header);
    if (type === null || !JSON_MEDIA_TYPES.has(type.mediaType)) {
      sendHttpError(
        res,
        415,
        ErrorCode.UnsupportedMediaType,
        'POST a JSON body with Content-Type: application/json',
      );
      return;
    }
    if (type.charset !== null && type.charset !== 'utf-8' && type.charset !== 'utf8') {
      sendHttpError(
        res,
        415,
        ErrorCode.UnsupportedMediaType,
        'The request body must be UTF-8 (Content-Type: application/json; charset=utf-8)',
      );
      return;
    }
    next();
  };
}

/** The middleware pair that reads a GraphQL POST body; `limitBytes` is MAX_REQUEST_BODY_BYTES. */
export function jsonBody(limitBytes: number): RequestHandler[] {
  return [requireJsonUtf8(), express.json({ limit: limitBytes, strict: true, type: [...JSON_MEDIA_TYPES] })];
}
