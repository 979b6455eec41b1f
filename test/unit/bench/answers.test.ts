// Specifies how the bench compares a GraphQL answer with its floor's answer.

import { firstDifference, normaliseAnswer } from '../../../bench/answers';

describe('normaliseAnswer', () => {
  it('drops undefined properties and turns class instances into plain data', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    expect(normaliseAnswer({ a: undefined, b: new Point(1), c: [1, 'two', null] })).toEqual({
      b: { x: 1 },
      c: [1, 'two', null],
    });
  });

  it('turns undefined into null', () => {
    expect(normaliseAnswer(undefined)).toBeNull();
  });
});

describe('firstDifference', () => {
  it('returns null for equal data whatever the order of object keys', () => {
    expect(
      firstDifference({ a: 1, b: [{ c: 'x', d: null }] }, { b: [{ d: null, c: 'x' }], a: 1 }),
    ).toBeNull();
  });

  it('names the path and both values of the first differing scalar', () => {
    expect(firstDifference({ a: [{ b: 1 }, { b: 2 }] }, { a: [{ b: 1 }, { b: 3 }] })).toBe(
      '$.a[1].b: 2 vs 3',
    );
  });

  it('reports arrays of different lengths by their lengths', () => {
    expect(firstDifference({ list: [1, 2] }, { list: [1, 2, 3] })).toBe('$.list: 2 items vs 3 items');
  });

  it('treats the order of array items as significant', () => {
    expect(firstDifference(['a', 'b'], ['b', 'a'])).toBe('$[0]: "a" vs "b"');
  });

  it('reports a key present on one side only', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe('$.b: missing vs 2');
    expect(firstDifference({ a: 1, b: null }, { a: 1 })).toBe('$.b: null vs missing');
  });

  it('reports a change of kind (object, array, scalar)', () => {
    expect(firstDifference({ a: { b: 1 } }, { a: [1] })).toBe('$.a: an object vs 1 items');
    expect(firstDifference({ a: null }, { a: { b: 1 } })).toBe('$.a: null vs an object');
  });
});
