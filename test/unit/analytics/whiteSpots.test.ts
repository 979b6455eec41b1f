// whiteSpots on the tiny ecosystem's gap × macro-stage matrix; the arithmetic is in the comments.
//
// Cells (columns R, I, X): gA [2, 1, 0], gB [1, 2, 0], gC [0, 0, 0].
// Row sums R: gA 3, gB 3, gC 0. Column sums C: R 3, I 3, X 0. N = 6.
// Rows' distinct projects O: gA 2, gB 2, gC 0; T = 4 over G = 3 rows; E = 4/3.

import { coverageMatrix } from '../../../src/analytics/coverageMatrix';
import { callName, deviation, expectedCount, whiteSpots } from '../../../src/analytics/whiteSpots';
import { tinyEcosystem } from './tinyEcosystem';

const projection = tinyEcosystem();
const matrix = coverageMatrix(projection, { rows: 'GAP', grain: 'MACRO' });
const cellKeys = (report: ReturnType<typeof whiteSpots>) =>
  report.cells.map((c) => `${c.rowId}×${c.stageId}`);

describe('deviation', () => {
  it('gives the ratio and the Pearson residual', () => {
    // (1 − 4) / √4 = −1.5
    expect(deviation(1, 4)).toEqual({
      observed: 1,
      expected: 4,
      ratio: 0.25,
      residual: -1.5,
      lowSupport: true,
    });
  });

  it('gives null ratio and residual when nothing is expected', () => {
    expect(deviation(0, 0)).toEqual({
      observed: 0,
      expected: 0,
      ratio: null,
      residual: null,
      lowSupport: true,
    });
    expect(deviation(5, 2).lowSupport).toBe(false);
  });

  it('throws a TypeError on a negative count', () => {
    expect(() => deviation(-1, 2)).toThrow(
      'deviation expects non-negative counts, received observed -1 and expected 2',
    );
  });
});

describe('expectedCount', () => {
  it('is row share × column share × total', () => {
    // (3/6) × (3/6) × 6 = 1.5
    expect(expectedCount(3, 3, 6)).toBe(1.5);
    expect(expectedCount(3, 3, 0)).toBe(0);
  });
});

describe('whiteSpots', () => {
  const report = whiteSpots(matrix, projection);

  it('ranks rows by their residual against an even share', () => {
    expect([report.rowProjectTotal, report.rowCount]).toEqual([4, 3]);
    expect(report.expectedPerRow).toBeCloseTo(4 / 3, 12);
    // gC: (0 − 4/3)/√(4/3) = −1.1547. gA, gB: (2 − 4/3)/√(4/3) = 0.57735, tied; gA has 1 call (c1), gB 2 (c2, c3).
    expect(report.rows.map((r) => r.rowId)).toEqual(['gC', 'gA', 'gB']);
    expect(report.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(report.rows[0]?.residual).toBeCloseTo(-1.1547005, 6);
    expect(report.rows[0]?.ratio).toBe(0);
    expect(report.rows[1]?.ratio).toBeCloseTo(1.5, 12);
    expect(report.rows[1]?.residual).toBeCloseTo(0.5773503, 6);
  });

  it('says which stages are empty and who is absent', () => {
    const [gC, gA] = report.rows;
    expect(gC?.empty).toBe(true);
    expect(gC?.emptyStageIds).toEqual(['R', 'I', 'X']);
    expect(gC?.emptyMappedStageIds).toEqual(['I']);
    // Active in the matrix: DE (p1, p3), ES (p1, p2), FR (p3); fDE (p1, p3), fES (p2), fFR (p3).
    expect(gC?.absentCountryCodes).toEqual(['DE', 'ES', 'FR']);
    expect(gC?.absentFunderIds).toEqual(['fDE', 'fES', 'fFR']);
    // gA has DE, ES and fDE, fES.
    expect(gA?.absentCountryCodes).toEqual(['FR']);
    expect(gA?.absentFunderIds).toEqual(['fFR']);
    expect(gC?.explanation).toBe(
      'Gamma: 0 named projects at a stage against an even share of 1.33 (4 project placements over 3 rows), ratio 0.00. ' +
        'No project at its own stage: Implementation. Countries active elsewhere but absent here: Germany, Spain, France. ' +
        'Funders active elsewhere but absent here: DE-F, ES-F, FR-F. ' +
        'Call level: targeted by CALL-2 (c2); together they published 8 funded projects, 1 named here. ' +
        'Low support: 0 named projects observed and 1.33 expected, fewer than 5; the named sample is small, so a gap here may be a gap in the sample.',
    );
  });

  it('gives each row its yearly trend and slope', () => {
    // Years of the projection's projects: 2020-2022. gA: p1 2020, p2 2021 → 1, 1, 0.
    // x̄ = 2021, ȳ = 2/3: Σ(x−x̄)(y−ȳ) = −1/3 + 0 − 2/3 = −1; Σ(x−x̄)² = 2 → −0.5.
    const gA = report.rows.find((r) => r.rowId === 'gA');
    expect(gA?.trend).toEqual([
      { year: 2020, projectCount: 1 },
      { year: 2021, projectCount: 1 },
      { year: 2022, projectCount: 0 },
    ]);
    expect(gA?.trendSlope).toBeCloseTo(-0.5, 12);
  });

  it('ranks empty mapped cells first, then by residual against row share × column share × total', () => {
    // gA×R: E = 3×3/6 = 1.5, (2 − 1.5)/√1.5 = 0.408. gB×I: the same. gB×X: E = 3×0/6 = 0. gC×I: E = 0×3/6 = 0.
    // gB×X and gC×I are empty where the gap lies: first, residual null (0) both; gC×I is reached by 1 call (c2),
    // gB×X by 2 (c2, c3). Then gA×R and gB×I tie at 0.408: row label.
    expect(cellKeys(report)).toEqual(['gC×I', 'gB×X', 'gA×R', 'gB×I']);
    const gaR = report.cells.find((c) => c.rowId === 'gA' && c.stageId === 'R');
    expect(gaR?.expected).toBe(1.5);
    expect(gaR?.residual).toBeCloseTo(0.4082483, 6);
    expect([gaR?.rowLinkCount, gaR?.columnLinkCount, gaR?.linkCount]).toEqual([3, 3, 6]);
  });

  it('ranks every cell when mappedOnly is false', () => {
    // Empty mapped gC×I, gB×X first; then gA×I and gB×R: O = 1, E = 1.5, residual −0.408 (Alpha before Beta);
    // then the unmapped E = 0 cells by label and column; then the over-served gA×R, gB×I.
    const all = whiteSpots(matrix, projection, { mappedOnly: false, first: 20 });
    expect(cellKeys(all)).toEqual(['gC×I', 'gB×X', 'gA×I', 'gB×R', 'gA×X', 'gC×R', 'gC×X', 'gA×R', 'gB×I']);
    expect(all.cells[2]?.residual).toBeCloseTo(-0.4082483, 6);
  });

  it('keeps the chosen stages and explains a cell', () => {
    const implementation = whiteSpots(matrix, projection, { mappedOnly: false, stageIds: ['I'] });
    // gC×I (empty where gC lies), then gA×I (−0.408), gB×I (+0.408).
    expect(cellKeys(implementation)).toEqual(['gC×I', 'gA×I', 'gB×I']);
    const gcI = implementation.cells[0];
    // Column I holds p2 (ES; fES) and p3 (FR, DE; fFR, fDE).
    expect(gcI?.absentCountryCodes).toEqual(['DE', 'ES', 'FR']);
    expect(gcI?.explanation).toBe(
      'Gamma × Implementation: 0 named projects where 0.00 would be expected from the row (0 of 6 placements) and the stage (3 of 6). ' +
        'The gap lies at this stage. Countries working at this stage but not here: Germany, Spain, France. ' +
        'Funders at this stage but not here: DE-F, ES-F, FR-F. ' +
        'Call level: targeted by CALL-2 (c2); together they published 8 funded projects, 1 named here. ' +
        'Low support: 0 named projects observed and 0.00 expected, fewer than 5; the named sample is small, so a gap here may be a gap in the sample.',
    );
  });

  it('names a cell in label as rows name themselves, row × stage, the same label its coverage cell has', () => {
    const implementation = whiteSpots(matrix, projection, { mappedOnly: false, stageIds: ['I'] });
    const gcI = implementation.cells[0];
    const coverageCell = matrix.rows.find((row) => row.id === 'gC')?.cells.find((c) => c.stageId === 'I');
    expect([gcI?.label, gcI?.rowLabel, gcI?.stageLabel]).toEqual([
      'Gamma × Implementation',
      'Gamma',
      'Implementation',
    ]);
    expect([coverageCell?.label, coverageCell?.rowLabel, coverageCell?.stageLabel]).toEqual([
      'Gamma × Implementation',
      'Gamma',
      'Implementation',
    ]);
    expect(gcI?.explanation.startsWith(`${gcI?.label}: `)).toBe(true);
    expect(report.rows.find((row) => row.rowId === 'gC')?.label).toBe('Gamma');
  });

  it('names every call by its short title with its id in brackets', () => {
    const all = whiteSpots(matrix, projection, { mappedOnly: false, first: 20 });
    for (const spot of [...all.rows, ...all.cells]) {
      for (const call of spot.callLevel.contributions)
        expect(spot.explanation).toContain(`${call.label} (${call.callId})`);
    }
    expect(callName({ callId: 'jtc2024', label: 'PMTargets' })).toBe('PMTargets (jtc2024)');
    expect(callName({ callId: 'jtc2024', label: 'jtc2024' })).toBe('jtc2024');
  });

  it('returns at most `first` rows and cells', () => {
    const one = whiteSpots(matrix, projection, { first: 1 });
    expect([one.rows.length, one.cells.length]).toEqual([1, 1]);
    expect(() => whiteSpots(matrix, projection, { first: -1 })).toThrow(
      'first must be a non-negative integer, received -1',
    );
  });
});
