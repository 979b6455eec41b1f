// coverageTrend and its slope on the tiny ecosystem; the arithmetic is in the comments.

import { coverageTrend, leastSquaresSlope, stageSubtree, yearRange } from '../../../src/analytics/trends';
import { tinyEcosystem } from './tinyEcosystem';

describe('leastSquaresSlope', () => {
  it('returns the slope of a straight line', () => {
    expect(leastSquaresSlope([1, 2, 3], [2, 4, 6])).toBe(2);
  });

  it('returns null under two points or when every x is equal', () => {
    expect(leastSquaresSlope([2020], [3])).toBeNull();
    expect(leastSquaresSlope([2020, 2020], [1, 3])).toBeNull();
  });

  it('throws a TypeError when the lengths differ', () => {
    expect(() => leastSquaresSlope([1, 2], [1])).toThrow(
      'leastSquaresSlope expects xs and ys of one length, received 2 and 1',
    );
  });
});

describe('yearRange', () => {
  it('includes both ends and is empty when reversed', () => {
    expect(yearRange(2020, 2022)).toEqual([2020, 2021, 2022]);
    expect(yearRange(2022, 2020)).toEqual([]);
  });
});

describe('stageSubtree', () => {
  it('contains a macro stage and its sub-stages', () => {
    expect([...stageSubtree(tinyEcosystem(), 'R')].sort()).toEqual(['R', 'R1']);
    expect([...stageSubtree(tinyEcosystem(), 'R1')]).toEqual(['R1']);
  });
});

describe('coverageTrend', () => {
  it("counts a gap's projects, funding and calls per year over the years of everything in scope", () => {
    // Years: projects 2020-2022 and calls 2020-2023 → 2020..2023.
    // gB: p2 (2021, inferred, no funding), p3 (2022, curated, 50 EUR); calls c2 (2022), c3 (2023).
    const trend = coverageTrend(tinyEcosystem(), { dimension: 'GAP', id: 'gB' });
    expect(trend.label).toBe('Beta');
    expect(trend.years.map((y) => [y.year, y.projectIds, y.curatedProjectCount, y.fundingEur])).toEqual([
      [2020, [], 0, null],
      [2021, ['p2'], 0, null],
      [2022, ['p3'], 1, 50],
      [2023, [], 0, null],
    ]);
    expect(trend.years.map((y) => y.callLevel.callIds)).toEqual([[], [], ['c2'], ['c3']]);
    expect(trend.years[2]?.callLevel.publishedProjectCount).toBe(8);
    // Counts 0,1,1,0 around x̄ = 2021.5, ȳ = 0.5: Σ(x−x̄)(y−ȳ) = 0.75 − 0.25 + 0.25 − 0.75 = 0.
    expect(trend.projectSlope).toBe(0);
    // Funding 0,0,50,0, ȳ = 12.5: Σ = 18.75 + 6.25 + 18.75 − 18.75 = 25; Σ(x−x̄)² = 5; slope 5 EUR/year.
    expect(trend.fundingSlope).toBe(5);
  });

  it('gives a falling slope for a gap whose projects are early', () => {
    // gA: p1 (2020), p2 (2021) → 1,1,0,0: Σ = −0.75 − 0.25 − 0.25 − 0.75 = −2; slope −2/5.
    expect(coverageTrend(tinyEcosystem(), { dimension: 'GAP', id: 'gA' }).projectSlope).toBeCloseTo(-0.4, 10);
  });

  it('counts a stage with its sub-stages, and calls through the gaps at those stages', () => {
    // R: p1 (R1 curated, R inferred → curated), p2 (R). Gaps at R: gA, targeted by c1 (2020).
    const trend = coverageTrend(tinyEcosystem(), { dimension: 'STAGE', id: 'R' });
    expect(trend.years.map((y) => [y.projectIds, y.curatedProjectCount])).toEqual([
      [['p1'], 1],
      [['p2'], 0],
      [[], 0],
      [[], 0],
    ]);
    expect(trend.years[0]?.callLevel.callIds).toEqual(['c1']);
    // R1 alone: p1 only, and no gap lies at R1.
    const sub = coverageTrend(tinyEcosystem(), { dimension: 'STAGE', id: 'R1' });
    expect(sub.years.flatMap((y) => y.projectIds)).toEqual(['p1']);
    expect(sub.years.flatMap((y) => y.callLevel.callIds)).toEqual([]);
  });

  it('reaches an objective through ADVANCES and through the gaps serving it', () => {
    // o2: no project advances it; gC serves it and c2 (2022) targets gC.
    const trend = coverageTrend(tinyEcosystem(), { dimension: 'OBJECTIVE', id: 'o2' });
    expect(trend.years.flatMap((y) => y.projectIds)).toEqual([]);
    expect(trend.years.map((y) => y.callLevel.callIds)).toEqual([[], [], ['c2'], []]);
  });

  it('lists linked projects without a year apart', () => {
    // gC: p4 has no year.
    const trend = coverageTrend(tinyEcosystem(), { dimension: 'GAP', id: 'gC' });
    expect(trend.undatedProjectIds).toEqual(['p4']);
    expect(trend.years.every((y) => y.projectCount === 0)).toBe(true);
  });

  it("uses the filter's year range", () => {
    const trend = coverageTrend(tinyEcosystem(), {
      dimension: 'GAP',
      id: 'gB',
      filter: { yearFrom: 2021, yearTo: 2022 },
    });
    expect(trend.years.map((y) => [y.year, y.projectCount])).toEqual([
      [2021, 1],
      [2022, 1],
    ]);
    expect(trend.projectSlope).toBe(0);
  });

  it('throws a TypeError for an unknown id or dimension', () => {
    expect(() => coverageTrend(tinyEcosystem(), { dimension: 'GAP', id: 'gZ' })).toThrow(
      'coverageTrend expects the id of a known gap, received gZ',
    );
    expect(() => coverageTrend(tinyEcosystem(), { dimension: 'AREA' as never, id: 'gA' })).toThrow(
      'dimension must be GAP, OBJECTIVE or STAGE, received AREA',
    );
  });
});
