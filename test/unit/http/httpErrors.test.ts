// The pieces of the HTTP error path that need no server: the error body, Content-Type
// parsing for the UTF-8 check, and the removal of "Did you mean" suggestions.

import { withoutSuggestions } from '../../../src/http/errors';
import { errorBody } from '../../../src/http/httpErrors';
import { parseContentType } from '../../../src/http/jsonBody';

describe('errorBody', () => {
  it('shapes one coded error like a GraphQL error response, on one line', () => {
    const body = errorBody('BAD_REQUEST', 'The body is "odd"', { parameter: 'limit' });
    expect(JSON.parse(body)).toEqual({
      errors: [{ message: 'The body is "odd"', extensions: { code: 'BAD_REQUEST', parameter: 'limit' } }],
    });
    expect(body.trimEnd()).not.toContain('\n');
  });
});

describe('parseContentType', () => {
  it.each([
    ['application/json', { mediaType: 'application/json', charset: null }],
    ['Application/JSON; Charset=UTF-8', { mediaType: 'application/json', charset: 'utf-8' }],
    ['application/json; charset="latin1"', { mediaType: 'application/json', charset: 'latin1' }],
    ['application/json; boundary=x; charset=utf8', { mediaType: 'application/json', charset: 'utf8' }],
  ])('reads %s', (header, expected) => {
    expect(parseContentType(header)).toEqual(expected);
  });

  it.each([
    '',
    'json',
    '/',
    'application/json; charset',
    'application/json;;',
    'application/json; charset="utf-8',
    'a b/c',
  ])('returns null for the malformed %j', (header) => {
    expect(parseContentType(header)).toBeNull();
  });
});

describe('withoutSuggestions', () => {
  it.each([
    [
      'Cannot query field "nme" on type "Funder". Did you mean "name"?',
      'Cannot query field "nme" on type "Funder".',
    ],
    ['Unknown type "Fundr". Did you mean "Funder", "Fund", or "Funders"?', 'Unknown type "Fundr".'],
    [
      'Value "CURATE" does not exist in "Provenance" enum. Did you mean the enum value "CURATED"?',
      'Value "CURATE" does not exist in "Provenance" enum.',
    ],
    ['Syntax Error: Expected Name, found "}".', 'Syntax Error: Expected Name, found "}".'],
  ])('turns %j into %j', (message, expected) => {
    expect(withoutSuggestions({ message }).message).toBe(expected);
  });
});
