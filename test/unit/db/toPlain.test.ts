// toPlain: driver values to plain data, copying only what it converts.

import neo4j from 'neo4j-driver';
import { toPlain } from '../../../src/db/run';

describe('toPlain', () => {
  it('converts integers, temporal values and nodes nested in maps and lists', () => {
    const date = new neo4j.types.Date(2026, 11, 29);
    const node = new neo4j.types.Node(neo4j.int(1), ['Country'], { code: 'DE', size: neo4j.int(3) });
    const value = { count: neo4j.int(7), rows: [{ on: date }, node], missing: undefined };
    expect(toPlain(value)).toEqual({
      count: 7,
      rows: [{ on: '2026-11-29' }, { code: 'DE', size: 3 }],
      missing: null,
    });
  });

  it('returns a tree with nothing to convert as it is, not a copy', () => {
    const row = { node: { id: 'p1', partners: [{ role: 'PARTNER', names: ['a', 'b'] }] }, sortKey: 'p1' };
    expect(toPlain(row)).toBe(row);
  });

  it('copies only the maps and lists on the way to a converted value, and never changes its input', () => {
    const untouched = { id: 'x' };
    const input = { a: untouched, b: [1, { n: neo4j.int(2) }], c: 'text' };
    const plain = toPlain(input) as typeof input;
    expect(plain).toEqual({ a: { id: 'x' }, b: [1, { n: 2 }], c: 'text' });
    expect(plain).not.toBe(input);
    expect(plain.a).toBe(untouched);
    expect(neo4j.isInt((input.b[1] as { n: unknown }).n)).toBe(true);
  });
});
