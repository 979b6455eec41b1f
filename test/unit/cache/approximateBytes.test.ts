import { approximateBytes, stringBytes } from '../../../src/cache/approximateBytes';

describe('stringBytes', () => {
  it('counts one byte a character, two when any character is beyond Latin-1', () => {
    expect(stringBytes('Zürich')).toBe(6);
    expect(stringBytes('Łódź')).toBe(8);
  });
});

describe('approximateBytes', () => {
  it('counts an object by its fields and what they hold', () => {
    // header 32 + 2 fields x 8, then the string (16 + 5) and a small integer (none).
    expect(approximateBytes({ name: 'Paris', rank: 3 })).toBe(32 + 16 + 16 + 5);
  });

  it('counts arrays by their slots, numbers beyond small integers as boxed', () => {
    expect(approximateBytes([1.5, 2])).toBe(32 + 2 * 8 + 16);
  });

  it('counts Maps and Sets by their entries and what the entries hold', () => {
    expect(approximateBytes(new Map([['a', 1]]))).toBe(32 + 24 + 16 + 1);
    expect(approximateBytes(new Set(['ab']))).toBe(32 + 24 + 16 + 2);
  });

  it('counts equal strings once each with distinctStrings, and every occurrence without', () => {
    const ids = ['DE', 'DE', 'FR'];
    expect(approximateBytes(ids)).toBe(32 + 3 * 8 + 3 * (16 + 2));
    expect(approximateBytes(ids, { distinctStrings: true })).toBe(32 + 3 * 8 + 2 * (16 + 2));
  });

  it('counts an object reached twice once, and ends on cycles', () => {
    const shared = { label: 'x' };
    const once = approximateBytes([shared]);
    expect(approximateBytes([shared, shared])).toBe(once + 8);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(approximateBytes(cycle)).toBe(32 + 8);
  });

  it('grows with the data: a list of records weighs its slots and each record', () => {
    const record = (i: number) => ({ id: `org-${i}`, weight: i + 0.5 });
    const list = Array.from({ length: 1000 }, (_, i) => record(i));
    // Each record: header and two fields, its id string, a boxed weight.
    const records = list.reduce((sum, r) => sum + 32 + 16 + (16 + r.id.length) + 16, 0);
    expect(approximateBytes(list)).toBe(32 + 1000 * 8 + records);
  });
});
