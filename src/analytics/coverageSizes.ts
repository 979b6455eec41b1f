// The largest lists a coverage matrix of this projection can hold, whatever its filter: the
// matrices of both row axes and both stage grains with every link counted, measured. A
// filter or a confidence threshold only removes projects, calls and links, so no filtered
// matrix holds more (the query price rests on these, issue 19).

import { coverageMatrix, type CallTally, type ProjectTally } from './coverageMatrix';
import type { StageGrain, RowAxis } from './coverageScope';
import type { GapProjection } from './gapProjection';

/** The largest lists of project tallies at one level (cell, row, column or the whole matrix). */
export interface ProjectTallySizes {
  projects: number;
  funders: number;
  countries: number;
  organisations: number;
}

/** The largest lists of call tallies at one level. */
export interface CallTallySizes {
  calls: number;
  /** The most gaps one call reaches a place through (CallContribution.viaGapIds). */
  viaGaps: number;
}

export type MatrixLevel = 'matrix' | 'row' | 'column' | 'cell';

/** The rows and columns of the matrix of one row axis and stage grain. */
export interface MatrixShape {
  axis: RowAxis;
  grain: StageGrain;
  /** Rows (every gap or objective). */
  rows: number;
  /** Stage columns (also the cells of a row, and the most stages a row is mapped to). */
  columns: number;
}

export interface CoverageSizes {
  /** One shape per row axis and grain. */
  shapes: MatrixShape[];
  /** The largest tallies over every shape, per level. */
  projectTallies: Record<MatrixLevel, ProjectTallySizes>;
  callTallies: Record<MatrixLevel, CallTallySizes>;
}

const AXES: readonly RowAxis[] = ['GAP', 'OBJECTIVE'];
const GRAINS: readonly StageGrain[] = ['MACRO', 'EXACT'];
const LEVELS: readonly MatrixLevel[] = ['matrix', 'row', 'column', 'cell'];

function larger<T extends object>(a: T, b: T): T {
  const result = { ...a } as Record<string, number>;
  for (const [key, value] of Object.entries(b) as Array<[string, number]>)
    result[key] = Math.max(result[key] ?? 0, value);
  return result as T;
}

function projectSizes(tally: ProjectTally): ProjectTallySizes {
  return {
    projects: tally.projectIds.length,
    funders: tally.funderIds.length,
    countries: tally.countryCodes.length,
    organisations: tally.organisationIds.length,
  };
}

function callSizes(tally: CallTally): CallTallySizes {
  return {
    calls: tally.callIds.length,
    viaGaps: Math.max(0, ...tally.contributions.map((contribution) => contribution.viaGapIds.length)),
  };
}

/**
 * The shapes of the four unfiltered matrices and their largest tallies (GAP and OBJECTIVE rows, MACRO and
 * EXACT grains). Computes the four matrices: at 30,000 synthetic projects one matrix took
 * about as long as reading its projection (bench:scale), once per data version in the prewarm.
 */
export function coverageSizes(projection: GapProjection): CoverageSizes {
  const noProjects: ProjectTallySizes = { projects: 0, funders: 0, countries: 0, organisations: 0 };
  const noCalls: CallTallySizes = { calls: 0, viaGaps: 0 };
  const sizes: CoverageSizes = {
    shapes: [],
    projectTallies: Object.fromEntries(
      LEVELS.map((level) => [level, noProjects]),
    ) as CoverageSizes['projectTallies'],
    callTallies: Object.fromEntries(LEVELS.map((level) => [level, noCalls])) as CoverageSizes['callTallies'],
  };
  const take = (level: MatrixLevel, projects: ProjectTally, calls: CallTally) => {
    sizes.projectTallies[level] = larger(sizes.projectTallies[level], projectSizes(projects));
    sizes.callTallies[level] = larger(sizes.callTallies[level], callSizes(calls));
  };
  for (const rows of AXES) {
    for (const grain of GRAINS) {
      const matrix = coverageMatrix(projection, { rows, grain, filter: null });
      sizes.shapes.push({ axis: rows, grain, rows: matrix.rows.length, columns: matrix.columns.length });
      take('matrix', matrix.totals, matrix.callLevel);
      for (const column of matrix.columns) take('column', column.projectLevel, column.callLevel);
      for (const row of matrix.rows) {
        take('row', row.projectLevel, row.callLevel);
        for (const cell of row.cells) take('cell', cell.projectLevel, cell.callLevel);
      }
    }
  }
  return sizes;
}
