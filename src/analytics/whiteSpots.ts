// White spots: the rows (gaps or objectives) and the row × stage cells of a coverage matrix
// ranked by how far their named projects fall below expectation, each explaining itself.

import type { CallTally, CoverageCell, CoverageMatrix, ProjectTally } from './coverageMatrix';
import type { GapProjection } from './gapProjection';
import { LOW_SUPPORT_PROJECT_COUNT, lowSupport, type SampleCoverage } from './sampleCoverage';
import { leastSquaresSlope, seriesRange } from './trends';

/** Which cells to rank and how many results to return. */
export interface WhiteSpotOptions {
  /** Only cells of these stage columns; default every column. */
  stageIds?: readonly string[] | null;
  /** Only cells where the row's own links place it (CoverageCell.mapped); default true. */
  mappedOnly?: boolean | null;
  /** At most this many rows and this many cells (default 10, at least 0). */
  first?: number | null;
  /** Year range of the trends; default the years of the projection's projects. */
  yearFrom?: number | null;
  yearTo?: number | null;
}

/** Projects of one year. */
export interface YearCount {
  year: number;
  projectCount: number;
}

/** How observed compares with expected: the ratio and the Pearson residual. */
export interface Deviation {
  observed: number;
  expected: number;
  /** observed / expected; null when expected is 0. */
  ratio: number | null;
  /** (observed − expected) / √expected; null when expected is 0 (ranked as 0). */
  residual: number | null;
  /** Both observed and expected are under 5 projects: one project more or less moves the residual a lot. */
  lowSupport: boolean;
}

/** A ranked row: how far its named projects fall below an even share, and why. */
export interface RowWhiteSpot extends Deviation {
  rank: number;
  rowKind: CoverageMatrix['rowAxis'];
  rowId: string;
  label: string;
  /** No named project at any stage. */
  empty: boolean;
  /** Columns without a project in this row, in column order. */
  emptyStageIds: string[];
  /** Of those, the stages the row's own links place it at. */
  emptyMappedStageIds: string[];
  /** Countries with projects elsewhere in the matrix but none here, most active first. */
  absentCountryCodes: string[];
  /** Funders named on projects elsewhere in the matrix but on none here, most active first. */
  absentFunderIds: string[];
  /** Projects of the row per year (Project.year), zeros included. */
  trend: YearCount[];
  /** Least-squares slope of the trend (projects per year, per year); null under two years. */
  trendSlope: number | null;
  callLevel: CallTally;
  explanation: string;
}

/** A ranked cell: how far it falls below row share × column share × N, and why. */
export interface CellWhiteSpot extends Deviation {
  rank: number;
  rowKind: CoverageMatrix['rowAxis'];
  rowId: string;
  /** The cell's label (cellLabel: row × stage), as rows and coverage cells name theirs. */
  label: string;
  rowLabel: string;
  stageId: string;
  stageLabel: string;
  empty: boolean;
  mapped: boolean;
  /** R: Σ of the row's cells. */
  rowLinkCount: number;
  /** C: Σ of the column's cells. */
  columnLinkCount: number;
  /** N: Σ of all cells. */
  linkCount: number;
  /** Countries with projects at this stage (in other rows) but none in this cell, most active first. */
  absentCountryCodes: string[];
  /** Funders named on projects at this stage but on none in this cell, most active first. */
  absentFunderIds: string[];
  callLevel: CallTally;
  explanation: string;
}

/** Ranked rows and cells with the totals their expectations rest on. */
export interface WhiteSpotReport {
  rowKind: CoverageMatrix['rowAxis'];
  stageGrain: CoverageMatrix['grain'];
  /** Σ over rows of their distinct projects (T). */
  rowProjectTotal: number;
  /** Number of rows (G). */
  rowCount: number;
  /** T / G: a row's even share. */
  expectedPerRow: number;
  /** N: Σ of all cells. */
  linkCount: number;
  rows: RowWhiteSpot[];
  cells: CellWhiteSpot[];
  /** The matrix's coverage block: the named sample against the published counts. */
  coverage: SampleCoverage;
}

/** observed against expected; the residual is the Pearson (chi-square) residual. */
export function deviation(observed: number, expected: number): Deviation {
  if (!(expected >= 0) || !(observed >= 0)) {
    throw new TypeError(
      `deviation expects non-negative counts, received observed ${observed} and expected ${expected}`,
    );
  }
  return {
    observed,
    expected,
    ratio: expected === 0 ? null : observed / expected,
    residual: expected === 0 ? null : (observed - expected) / Math.sqrt(expected),
    lowSupport: lowSupport(Math.max(observed, expected)),
  };
}

/**
 * Expected count of a cell under independence of rows and stages:
 * E = (R / N) × (C / N) × N = R × C / N, the row's share times the column's share of all
 * placements N. Zero when N is 0.
 */
export function expectedCount(rowLinkCount: number, columnLinkCount: number, linkCount: number): number {
  return linkCount === 0 ? 0 : (rowLinkCount * columnLinkCount) / linkCount;
}

/**
 * Ranks the white spots of `matrix` (authority: docs/gaps.md).
 *
 * Rows: observed O = distinct named projects of the row at any stage; expected E = T / G,
 * an even share of T = Σ rows' O over the G rows. Ranked by residual (O − E)/√E ascending,
 * then by fewer calls reaching the row (a gap no call targets is less served), then by
 * more empty mapped stages, then by label.
 *
 * Cells: O = the cell's projects; E = R × C / N from the row, column and total sums of
 * cell counts. Empty mapped cells (no named project where the gap itself lies) come first;
 * then, within each group, by residual ascending (null counts as 0), mapped cells first,
 * fewer calls reaching the cell, larger E, row label and column order. `mappedOnly`
 * (default true) keeps the cells where the gap itself lies; `stageIds` keeps those columns.
 *
 * Absent countries and funders are those active elsewhere (rows: anywhere in the matrix;
 * cells: in the cell's column) but not here, ordered by how many projects they have there.
 */
export function whiteSpots(
  matrix: CoverageMatrix,
  projection: GapProjection,
  options: WhiteSpotOptions = {},
): WhiteSpotReport {
  const first = options.first ?? 10;
  if (!Number.isInteger(first) || first < 0)
    throw new TypeError(`first must be a non-negative integer, received ${first}`);
  const mappedOnly = options.mappedOnly ?? true;
  const projects = new Map(projection.projects.map((project) => [project.id, project]));
  const countryNames = new Map(projection.countries.map((country) => [country.code, country.label]));
  const funderNames = new Map(projection.funders.map((funder) => [funder.id, funder.label]));
  const stageNames = new Map(matrix.columns.map((column) => [column.stageId, column.label]));
  const years = seriesRange(
    projection.projects.map((project) => project.year),
    options,
  );

  const activity = (tally: ProjectTally) => {
    const countries = new Map<string, number>();
    const funders = new Map<string, number>();
    for (const id of tally.projectIds) {
      const project = projects.get(id);
      for (const code of project?.countryCodes ?? []) countries.set(code, (countries.get(code) ?? 0) + 1);
      for (const funder of project?.funderIds ?? []) funders.set(funder, (funders.get(funder) ?? 0) + 1);
    }
    return { countries, funders };
  };
  const absent = (active: Map<string, number>, present: readonly string[]) =>
    [...active.entries()]
      .filter(([id]) => !present.includes(id))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id]) => id);
  const ecosystem = activity(matrix.totals);

  const rowTotal = matrix.rows.reduce((sum, row) => sum + row.projectLevel.projectCount, 0);
  const rowCount = matrix.rows.length;
  const expectedPerRow = rowCount === 0 ? 0 : rowTotal / rowCount;

  const rows = matrix.rows.map((row) => {
    const dev = deviation(row.projectLevel.projectCount, expectedPerRow);
    const emptyStageIds = row.cells
      .filter((cell) => cell.projectLevel.projectCount === 0)
      .map((cell) => cell.stageId);
    const emptyMappedStageIds = emptyStageIds.filter((id) => row.mappedStageIds.includes(id));
    const projectYears = row.projectLevel.projectIds.map((id) => projects.get(id)?.year ?? null);
    const trend = years.map((year) => ({
      year,
      projectCount: projectYears.filter((y) => y === year).length,
    }));
    const absentCountryCodes = absent(ecosystem.countries, row.projectLevel.countryCodes);
    const absentFunderIds = absent(ecosystem.funders, row.projectLevel.funderIds);
    const explanation = [
      `${row.label}: ${plural(dev.observed, 'named project')} at a stage against an even share of ${fixed(dev.expected)} ` +
        `(${rowTotal} project placements over ${rowCount} rows)${dev.ratio === null ? '' : `, ratio ${fixed(dev.ratio)}`}.`,
      emptyMappedStageIds.length
        ? `No project at its own stage${emptyMappedStageIds.length > 1 ? 's' : ''}: ${names(emptyMappedStageIds, stageNames)}.`
        : '',
      absentCountryCodes.length
        ? `Countries active elsewhere but absent here: ${names(absentCountryCodes, countryNames)}.`
        : '',
      absentFunderIds.length
        ? `Funders active elsewhere but absent here: ${names(absentFunderIds, funderNames)}.`
        : '',
      callSentence(row.callLevel),
      supportSentence(dev),
    ];
    return {
      ...dev,
      rank: 0,
      rowKind: matrix.rowAxis,
      rowId: row.id,
      label: row.label,
      empty: dev.observed === 0,
      emptyStageIds,
      emptyMappedStageIds,
      absentCountryCodes,
      absentFunderIds,
      trend,
      trendSlope: leastSquaresSlope(
        years,
        trend.map((t) => t.projectCount),
      ),
      callLevel: row.callLevel,
      explanation: joinSentences(explanation),
    };
  });
  rows.sort(
    (a, b) =>
      (a.residual ?? 0) - (b.residual ?? 0) ||
      a.callLevel.callCount - b.callLevel.callCount ||
      b.emptyMappedStageIds.length - a.emptyMappedStageIds.length ||
      a.label.localeCompare(b.label),
  );

  const columnActivity = matrix.columns.map((column) => activity(column.projectLevel));
  const wantedStages = options.stageIds ?? null;
  const cells: CellWhiteSpot[] = [];
  matrix.rows.forEach((row) => {
    row.cells.forEach((cell: CoverageCell, columnIndex) => {
      if (mappedOnly && !cell.mapped) return;
      if (wantedStages && !wantedStages.includes(cell.stageId)) return;
      const column = matrix.columns[columnIndex];
      const active = columnActivity[columnIndex];
      if (!column || !active)
        throw new TypeError(`whiteSpots expects one column per cell, missing column ${columnIndex}`);
      const dev = deviation(
        cell.projectLevel.projectCount,
        expectedCount(row.linkCount, column.linkCount, matrix.linkCount),
      );
      const absentCountryCodes = absent(active.countries, cell.projectLevel.countryCodes);
      const absentFunderIds = absent(active.funders, cell.projectLevel.funderIds);
      const explanation = [
        `${cell.label}: ${plural(dev.observed, 'named project')} where ${fixed(dev.expected)} would be expected ` +
          `from the row (${row.linkCount} of ${matrix.linkCount} placements) and the stage (${column.linkCount} of ${matrix.linkCount}).`,
        cell.mapped ? 'The gap lies at this stage.' : 'Its own links do not place it at this stage.',
        absentCountryCodes.length
          ? `Countries working at this stage but not here: ${names(absentCountryCodes, countryNames)}.`
          : '',
        absentFunderIds.length
          ? `Funders at this stage but not here: ${names(absentFunderIds, funderNames)}.`
          : '',
        callSentence(cell.callLevel),
        supportSentence(dev),
      ];
      cells.push({
        ...dev,
        rank: 0,
        rowKind: matrix.rowAxis,
        rowId: row.id,
        label: cell.label,
        rowLabel: row.label,
        stageId: cell.stageId,
        stageLabel: cell.stageLabel,
        empty: dev.observed === 0,
        mapped: cell.mapped,
        rowLinkCount: row.linkCount,
        columnLinkCount: column.linkCount,
        linkCount: matrix.linkCount,
        absentCountryCodes,
        absentFunderIds,
        callLevel: cell.callLevel,
        explanation: joinSentences(explanation),
      });
    });
  });
  const columnOrder = new Map(matrix.columns.map((column, index) => [column.stageId, index]));
  // An empty cell where the gap lies is a white spot whatever the margins say: when its whole
  // row or column is empty the independence expectation is 0 and cannot see it.
  cells.sort(
    (a, b) =>
      Number(b.empty && b.mapped) - Number(a.empty && a.mapped) ||
      (a.residual ?? 0) - (b.residual ?? 0) ||
      Number(b.mapped) - Number(a.mapped) ||
      a.callLevel.callCount - b.callLevel.callCount ||
      b.expected - a.expected ||
      a.rowLabel.localeCompare(b.rowLabel) ||
      (columnOrder.get(a.stageId) ?? 0) - (columnOrder.get(b.stageId) ?? 0),
  );

  return {
    rowKind: matrix.rowAxis,
    stageGrain: matrix.grain,
    rowProjectTotal: rowTotal,
    rowCount,
    expectedPerRow,
    linkCount: matrix.linkCount,
    coverage: matrix.coverage,
    rows: rows.slice(0, first).map((row, index) => ({ ...row, rank: index + 1 })),
    cells: cells.slice(0, first).map((cell, index) => ({ ...cell, rank: index + 1 })),
  };
}

function supportSentence(dev: Deviation): string {
  return dev.lowSupport
    ? `Low support: ${plural(dev.observed, 'named project')} observed and ${fixed(dev.expected)} expected, fewer than ${LOW_SUPPORT_PROJECT_COUNT}; ` +
        'the named sample is small, so a gap here may be a gap in the sample.'
    : '';
}

function callSentence(tally: CallTally): string {
  if (tally.callCount === 0) return 'Call level: no call targets it.';
  const calls = tally.contributions.map(callName).join(', ');
  const published = tally.callsWithPublishedProjectCount
    ? `; together they published ${plural(tally.publishedProjectCount, 'funded project')}, ${tally.namedProjectCount} named here`
    : '; none published its number of funded projects';
  return `Call level: targeted by ${calls}${published}.`;
}

/**
 * A call as the texts name it: its short title with its id in brackets, "PMTargets (jtc2024)",
 * so that a reader can find it in callIds and in call(id:); the id alone when that is its label.
 */
export function callName(call: { callId: string; label: string }): string {
  return call.label === call.callId ? call.callId : `${call.label} (${call.callId})`;
}

function names(ids: readonly string[], labels: ReadonlyMap<string, string>, most = 5): string {
  const shown = ids.slice(0, most).map((id) => labels.get(id) ?? id);
  return ids.length > most ? `${shown.join(', ')} and ${ids.length - most} more` : shown.join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function fixed(value: number): string {
  return value.toFixed(2);
}

function joinSentences(parts: string[]): string {
  return parts.filter(Boolean).join(' ');
}
