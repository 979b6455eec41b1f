// coverageSizes on the tiny ecosystem: the shapes and the fullest tallies, worked out by hand.

import { coverageSizes } from '../../../src/analytics/coverageSizes';
import { tinyEcosystem } from './tinyEcosystem';

describe('coverageSizes', () => {
  const sizes = coverageSizes(tinyEcosystem());

  it('measures the rows and columns of both row axes and both grains', () => {
    // 3 gaps, 2 objectives; MACRO columns R, I, X; EXACT adds the sub-stage R1.
    expect(sizes.shapes).toEqual([
      { axis: 'GAP', grain: 'MACRO', rows: 3, columns: 3 },
      { axis: 'GAP', grain: 'EXACT', rows: 3, columns: 4 },
      { axis: 'OBJECTIVE', grain: 'MACRO', rows: 2, columns: 3 },
      { axis: 'OBJECTIVE', grain: 'EXACT', rows: 2, columns: 4 },
    ]);
  });

  it('takes the fullest cell, row, column and matrix tallies over every shape, every link counted', () => {
    // Cells: o1 × I holds p2 (fES, ES, org2) and p3 (fFR fDE, FR DE, org3): 2 projects, 3 funders,
    // 3 countries, 2 organisations; no cell holds more projects (gA × R: p1, p2) or organisations.
    expect(sizes.projectTallies.cell).toEqual({ projects: 2, funders: 3, countries: 3, organisations: 2 });
    // Rows: o1 holds p1, p2, p3 (the low-confidence links count too).
    expect(sizes.projectTallies.row).toEqual({ projects: 3, funders: 3, countries: 3, organisations: 3 });
    // Columns: I holds p2, p3; R holds p1, p2 (org1, org2).
    expect(sizes.projectTallies.column).toEqual({ projects: 2, funders: 3, countries: 3, organisations: 2 });
    // The matrix: every staged project (p4 has no stage).
    expect(sizes.projectTallies.matrix).toEqual({ projects: 3, funders: 3, countries: 3, organisations: 3 });
  });

  it('takes the most calls and the most gaps one call reaches through', () => {
    // gB × I: c2 and c3, each through gB alone; row o1: c1, c2, c3; column I: c2 through gB and gC.
    expect(sizes.callTallies.cell).toEqual({ calls: 2, viaGaps: 1 });
    expect(sizes.callTallies.row).toEqual({ calls: 3, viaGaps: 1 });
    expect(sizes.callTallies.column).toEqual({ calls: 2, viaGaps: 2 });
    expect(sizes.callTallies.matrix).toEqual({ calls: 3, viaGaps: 2 });
  });

  it('gives zeros for an empty projection', () => {
    const empty = coverageSizes({ ...tinyEcosystem(), projects: [], calls: [] });
    expect(empty.projectTallies.matrix).toEqual({ projects: 0, funders: 0, countries: 0, organisations: 0 });
    expect(empty.callTallies.cell).toEqual({ calls: 0, viaGaps: 0 });
    expect(empty.shapes[0]).toEqual({ axis: 'GAP', grain: 'MACRO', rows: 3, columns: 3 });
  });
});
