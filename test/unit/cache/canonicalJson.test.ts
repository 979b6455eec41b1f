// Specifies canonical JSON: equal values give equal text whatever their key order.

import { canonicalJson } from '../../../src/cache/canonicalJson';

describe('canonicalJson', () => {
  it('writes the keys of every object in code-unit order, nested ones included', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, B: 2, á: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"á":3}');
  });

  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ first: 2, filter: { countries: ['DE', 'FR'], year: 2020 } })).toBe(
      canonicalJson({ filter: { year: 2020, countries: ['DE', 'FR'] }, first: 2 }),
    );
  });

  it('keeps array order and tells null from an absent property', () => {
    expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
    expect(canonicalJson({ after: null })).toBe('{"after":null}');
    expect(canonicalJson({ after: undefined })).toBe('{}');
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    const value = { text: 'quote " and \\ and \u2028 and é', number: 1e21, small: -0.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson('a"b')).toBe(JSON.stringify('a"b'));
  });

  it('throws a TypeError on a value JSON cannot hold', () => {
    expect(() => canonicalJson(() => 1)).toThrow('canonicalJson expects a JSON value, received function');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
