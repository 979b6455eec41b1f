// fromNeo4jError: driver errors become the codes clients see; other errors pass through.

import { Neo4jError } from 'neo4j-driver';
import { BadUserInputError, ErrorCode, fromNeo4jError, PublicError } from '../../src/errors';

/** A driver error as the driver makes them (newError is not exported by the package root). */
function newError(message: string, code = 'N/A'): Neo4jError {
  return new Neo4jError(message, code, '50N42', 'general processing exception');
}

function codeOf(error: unknown): unknown {
  return error instanceof PublicError ? error.code : 'unchanged';
}

describe('fromNeo4jError', () => {
  it('maps an unreachable server to DATABASE_UNAVAILABLE', () => {
    expect(codeOf(fromNeo4jError(newError('no route', 'ServiceUnavailable')))).toBe(
      ErrorCode.DatabaseUnavailable,
    );
  });

  it('maps an exhausted connection pool to DATABASE_UNAVAILABLE', () => {
    const error = newError(
      'Connection acquisition timed out in 20000 ms. Pool status: Active conn count = 50, Idle conn count = 0.',
    );
    expect(codeOf(fromNeo4jError(error))).toBe(ErrorCode.DatabaseUnavailable);
  });

  it('maps a transaction timeout to QUERY_TIMEOUT', () => {
    expect(
      codeOf(
        fromNeo4jError(
          newError('slow', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'),
        ),
      ),
    ).toBe(ErrorCode.QueryTimeout);
  });

  it('maps a uniqueness violation to CONFLICT', () => {
    expect(codeOf(fromNeo4jError(newError('dup', 'Neo.ClientError.Schema.ConstraintValidationFailed')))).toBe(
      ErrorCode.Conflict,
    );
  });

  it('leaves other driver errors and non-driver errors unchanged', () => {
    const syntax = newError('bad', 'Neo.ClientError.Statement.SyntaxError');
    expect(fromNeo4jError(syntax)).toBe(syntax);
    expect(syntax).toBeInstanceOf(Neo4jError);
    const publicError = new BadUserInputError('first', 'too big');
    expect(fromNeo4jError(publicError)).toBe(publicError);
  });
});
