// portfolioProfile on the tiny ecosystem; shares and activity indices are worked out in the comments.

import { portfolioProfile, profileDistribution } from '../../../src/analytics/portfolioProfile';
import { tinyEcosystem } from './tinyEcosystem';

const pick = (entries: Array<{ id: string; count: number; activityIndex: number | null }>) =>
  Object.fromEntries(
    entries.map((e) => [
      e.id,
      [e.count, e.activityIndex === null ? null : Number(e.activityIndex.toFixed(6))],
    ]),
  );

describe('profileDistribution', () => {
  it('divides the subject share by the ecosystem share', () => {
    // Subject: s1 {a}, s2 {a, b} → a 2, b 1, S = 3. Ecosystem adds e1 {b}, e2 {c}: a 2, b 2, c 1, E = 5.
    // AI a = (2/3)/(2/5) = 5/3; b = (1/3)/(2/5) = 5/6; c = 0.
    const subject = new Map([
      ['s1', new Set(['a'])],
      ['s2', new Set(['a', 'b'])],
    ]);
    const ecosystem = new Map([...subject, ['e1', new Set(['b'])], ['e2', new Set(['c'])]]);
    const result = profileDistribution(
      subject,
      ecosystem,
      [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
      'GAP',
    );
    expect([
      result.linkCount,
      result.ecosystemLinkCount,
      result.itemCount,
      result.ecosystemItemCount,
    ]).toEqual([3, 5, 2, 4]);
    expect(pick(result.entries)).toEqual({ a: [2, 1.666667], b: [1, 0.833333], c: [0, 0] });
    expect(result.entries[0]?.itemIds).toEqual(['s1', 's2']);
    expect(result.mostRepresented.map((e) => e.id)).toEqual(['a', 'b']);
    expect(result.leastRepresented.map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });

  it('leaves shares null when there are no links', () => {
    const result = profileDistribution(new Map(), new Map(), [{ id: 'a', label: 'A' }], 'GAP');
    expect(result.entries[0]).toMatchObject({ share: null, ecosystemShare: null, activityIndex: null });
  });

  it('throws a TypeError on a negative top', () => {
    expect(() => profileDistribution(new Map(), new Map(), [], 'GAP', -1)).toThrow(
      'top must be a non-negative integer, received -1',
    );
  });
});

describe('portfolioProfile', () => {
  it("profiles a funder's projects against every project", () => {
    // fDE funds p1 {gA} and p3 {gB}: gA 1, gB 1, S = 2. Ecosystem p1 {gA}, p2 {gA, gB}, p3 {gB}, p4 {gC}:
    // gA 2, gB 2, gC 1, E = 5. AI gA = (1/2)/(2/5) = 1.25, gB 1.25, gC 0.
    const profile = portfolioProfile(tinyEcosystem(), { kind: 'FUNDER', id: 'fDE' });
    expect(profile.label).toBe('DE-F');
    expect(profile.projectIds).toEqual(['p1', 'p3']);
    expect(profile.ecosystemProjectCount).toBe(4);
    expect(pick(profile.gaps.entries)).toEqual({ gA: [1, 1.25], gB: [1, 1.25], gC: [0, 0] });
    expect(profile.gaps.mostRepresented.map((e) => e.id)).toEqual(['gA', 'gB']);
    expect(profile.gaps.leastRepresented.map((e) => e.id)).toEqual(['gC', 'gA', 'gB']);
    // Stages (macro): p1 {R}, p3 {I}; ecosystem R 2, I 2, X 0 (E = 4): AI R = (1/2)/(2/4) = 1, I = 1, X none.
    expect(pick(profile.stages.entries)).toEqual({ R: [1, 1], I: [1, 1], X: [0, null] });
    // Objectives: p1, p3 → o1 (2 of 2); ecosystem o1 3 of 3: AI 1; o2 has no ecosystem link.
    expect(pick(profile.objectives.entries)).toEqual({ o1: [2, 1], o2: [0, null] });
  });

  it("profiles a funder's calls apart, at call level", () => {
    // fDE takes part in c1 {gA} and c3 {gB}: gA 1, gB 1, S = 2. All calls: c1 {gA}, c2 {gB, gC}, c3 {gB}:
    // gA 1, gB 2, gC 1, E = 4. AI gA = (1/2)/(1/4) = 2, gB = (1/2)/(2/4) = 1, gC = 0.
    const { callLevel } = portfolioProfile(tinyEcosystem(), { kind: 'FUNDER', id: 'fDE' });
    expect(callLevel.callIds).toEqual(['c1', 'c3']);
    expect(callLevel.ecosystemCallCount).toBe(3);
    expect(pick(callLevel.gaps.entries)).toEqual({ gA: [1, 2], gB: [1, 1], gC: [0, 0] });
    // Stages through the targeted gaps: c1 {R}, c3 {I, X}: S = 3. All: c1 {R}, c2 {I, X}, c3 {I, X}: R 1, I 2, X 2, E = 5.
    // AI R = (1/3)/(1/5) = 5/3; I = X = (1/3)/(2/5) = 5/6.
    expect(pick(callLevel.stages.entries)).toEqual({ R: [1, 1.666667], I: [1, 0.833333], X: [1, 0.833333] });
    expect(callLevel.stages.mostRepresented[0]?.id).toBe('R');
  });

  it('profiles a country through partners and through the calls it or its funders join', () => {
    // ES: p1, p2 (partners in Spain); c1 (fES, a Spanish funder, takes part).
    const profile = portfolioProfile(tinyEcosystem(), { kind: 'COUNTRY', id: 'ES' });
    expect(profile.projectIds).toEqual(['p1', 'p2']);
    expect(profile.callLevel.callIds).toEqual(['c1']);
    // p1 {gA}, p2 {gA, gB}: gA 2, gB 1, S = 3; ecosystem E = 5: AI gA = (2/3)/(2/5) = 5/3, gB = (1/3)/(2/5) = 5/6.
    expect(pick(profile.gaps.entries)).toEqual({ gA: [2, 1.666667], gB: [1, 0.833333], gC: [0, 0] });
  });

  it('profiles a call and honours the year range', () => {
    // From 2021 the ecosystem is p2, p3 and c2, c3; c2 funded p3 {gB}: AI gB = (1/1)/(2/3) = 1.5.
    const profile = portfolioProfile(tinyEcosystem(), { kind: 'CALL', id: 'c2', filter: { yearFrom: 2021 } });
    expect(profile.projectIds).toEqual(['p3']);
    expect(profile.ecosystemProjectCount).toBe(2);
    expect(pick(profile.gaps.entries)).toEqual({ gA: [0, 0], gB: [1, 1.5], gC: [0, null] });
    expect(profile.callLevel.callIds).toEqual(['c2']);
  });

  it('throws a TypeError for an unknown subject', () => {
    expect(() => portfolioProfile(tinyEcosystem(), { kind: 'FUNDER', id: 'nobody' })).toThrow(
      'portfolioProfile expects the id of a known funder, received nobody',
    );
  });
});
