import {
  GapProjectionBuilder,
  type GapProjection,
  sharesEqualValues,
} from '../../../src/analytics/gapProjection';

const EMPTY: GapProjection = {
  stages: [],
  gaps: [],
  objectives: [],
  projects: [],
  calls: [],
  funders: [],
  countries: [],
  regions: [],
  organisations: [],
};

describe('GapProjectionBuilder', () => {
  it('gives one frozen link object for equal facts and keeps no other property of the row', () => {
    const held = new GapProjectionBuilder();
    const row = {
      targetId: 'gap-a',
      provenance: 'INFERRED' as const,
      confidence: 0.6,
      rule: 'keywords-gap-a',
    };
    const first = held.link({ ...row, evidence: 'matched "a"' } as typeof row);
    const second = held.link({ ...row });
    expect(second).toBe(first);
    expect(first).toEqual(row);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('tells links apart by target, provenance, confidence and rule', () => {
    const held = new GapProjectionBuilder();
    const base = { targetId: 'gap-a', provenance: 'INFERRED' as const, confidence: 0.6, rule: 'r1' };
    const links = held.linkList([
      base,
      { ...base, targetId: 'gap-b' },
      { ...base, provenance: 'CURATED' },
      { ...base, confidence: 0.6000001 },
      { ...base, rule: 'r2' },
      { ...base },
    ]);
    expect(new Set(links).size).toBe(5);
    expect(links[5]).toBe(links[0]);
  });

  it('gives the first copy of an equal string however often it is named', () => {
    const held = new GapProjectionBuilder();
    const first = held.string('funder-de');
    expect(held.stringList(['funder-de', 'funder-fr'])).toEqual(['funder-de', 'funder-fr']);
    expect(held.string(['funder', 'de'].join('-'))).toBe(first);
  });
});

describe('sharesEqualValues', () => {
  it('is true for a projection the builder finished and false for one made by hand', () => {
    expect(sharesEqualValues(new GapProjectionBuilder().finish({ ...EMPTY }))).toBe(true);
    expect(sharesEqualValues({ ...EMPTY })).toBe(false);
    expect(sharesEqualValues(null)).toBe(false);
  });
});
