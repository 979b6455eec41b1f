// Specifies how the /export routes read query parameters: values, once-only and required
// parameters, and text read as integers, numbers, booleans and choices, each refusal naming
// the parameter.

import {
  booleanText,
  choiceText,
  integerText,
  numberText,
  parameterValues,
  requiredValue,
  singleValue,
} from '../../../src/http/queryParameters';

describe('query parameters', () => {
  it('reads repeated and comma-separated values, trimmed, blanks left out', () => {
    expect(parameterValues({ call: ['a, b', 'c', ' '] }, 'call')).toEqual(['a', 'b', 'c']);
    expect(parameterValues({}, 'call')).toBeNull();
  });

  it('refuses a value that is not text, naming the parameter', () => {
    expect(() => parameterValues({ call: { a: '1' } }, 'call')).toThrow(
      'Invalid argument "call": must be plain text',
    );
  });

  it('reads a single value and refuses two, or none when required', () => {
    expect(singleValue({ limit: '5' }, 'limit')).toBe('5');
    expect(singleValue({}, 'limit')).toBeNull();
    expect(() => singleValue({ limit: '5,6' }, 'limit')).toThrow(
      'Invalid argument "limit": must be given once, got 2 values',
    );
    expect(() => requiredValue({}, 'kind')).toThrow('Invalid argument "kind": is required');
  });

  it('reads integers, and refuses past the GraphQL Int range only when asked', () => {
    expect(integerText('-12', 'yearFrom')).toBe(-12);
    expect(integerText('2147483647', 'yearFrom', true)).toBe(2 ** 31 - 1);
    expect(integerText('2147483648', 'limit')).toBe(2 ** 31);
    expect(() => integerText('2147483648', 'yearFrom', true)).toThrow(
      'Invalid argument "yearFrom": must be an integer, got "2147483648"',
    );
    expect(() => integerText('1.5', 'limit')).toThrow(
      'Invalid argument "limit": must be an integer, got "1.5"',
    );
  });

  it('reads numbers, booleans and choices, refusing others with the allowed values', () => {
    expect(numberText('0.25', 'minConfidence')).toBe(0.25);
    expect(() => numberText('abc', 'minConfidence')).toThrow('must be a number, got "abc"');
    expect(booleanText('false', 'hasFunders')).toBe(false);
    expect(() => booleanText('yes', 'hasFunders')).toThrow(
      'Invalid argument "hasFunders": must be true or false, got "yes"',
    );
    expect(choiceText('calls', 'basis', ['CALLS', 'PROJECTS'])).toBe('CALLS');
    expect(() => choiceText('people', 'basis', ['CALLS', 'PROJECTS'])).toThrow(
      'Invalid argument "basis": must be one of calls, projects, got "people"',
    );
  });
});
