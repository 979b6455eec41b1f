// Assertions on the errors of a GraphQL result, shared by the API tests.

import type { GraphQLFormattedError } from 'graphql';

interface ResultWithErrors {
  errors: readonly GraphQLFormattedError[] | undefined;
}

/** The one error of `result`; fails the test when there is none or more than one. */
export function onlyError(result: ResultWithErrors): GraphQLFormattedError {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

/** `result` failed with one BAD_USER_INPUT error whose message names `argument`. */
export function expectBadUserInput(result: ResultWithErrors, argument: string): GraphQLFormattedError {
  const error = onlyError(result);
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.message).toContain(`"${argument}"`);
  return error;
}
