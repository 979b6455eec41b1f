// The Apollo plugin and formatter that keep internal errors private: clients get a code
// and a request id, the log gets the details.

import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode, PublicError } from '../errors';
import type { RequestContext } from '../context';

/** Codes whose messages graphql-js or Apollo wrote for the client (syntax, validation, coercion). */
const CLIENT_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
]);

function isPublic(error: GraphQLError): boolean {
  if (error.originalError instanceof PublicError) return true;
  const code = error.extensions?.code;
  // Errors about the request itself (syntax, validation, variable values) come before
  // execution, so without a path; Apollo gives them a client code and keeps graphql-js's
  // error as their original error.
  if (error.path === undefined && typeof code === 'string' && CLIENT_CODES.has(code)) return true;
  // Errors raised by graphql-js itself (no original error) are about the request.
  if (!error.originalError) return typeof code !== 'string' || CLIENT_CODES.has(code);
  return (
    error.originalError instanceof GraphQLError &&
    CLIENT_CODES.has(String(error.originalError.extensions?.code))
  );
}

/** Logs every internal error with the request id and tags it, so formatError can mask it. */
export function errorLoggingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isPublic(error)) continue;
            contextValue.logger.error('resolver failed', {
              path: error.path?.join('.'),
              error: error.originalError?.stack ?? error.stack ?? error.message,
            });
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            (error.extensions as Record<string, unknown>).internal = true;
          }
        },
      };
    },
  };
}

/** Replaces the message of internal errors with a generic one that carries the request id. */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions?.internal) return formatted;
  const requestId = formatted.extensions.requestId;
  return {
    message: `Internal server error (request ${String(requestId)}); the details are in the server log`,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal, requestId },
  };
}

/**
 * Removes graphql-js's suggestions ("Did you mean \"name\"?", "Did you mean the enum value
 * ...?") from a message. With introspection off they would still reveal the schema field
 * by field; GraphQL Armor's block-field-suggestions masks them the same way in formatError.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.message.includes('Did you mean')) return formatted;
  return { ...formatted, message: formatted.message.replace(/\s*Did you mean [^?]*\?/g, '').trim() };
}
