// Trends: named projects and their funding per year for one gap, objective or stage, with the
// calls that target it per call year kept apart, and the least-squares slope of the series.

import { tallyCalls, type CallTally } from './coverageMatrix';
import {
  type CoverageFilter,
  coverageScope,
  linkPasses,
  type ScopedCall,
  type ScopedProject,
} from './coverageScope';
import type { GapFacts, GapProjection, LinkFacts } from './gapProjection';

/** What a trend follows. */
export type TrendDimension = 'GAP' | 'OBJECTIVE' | 'STAGE';

/** What a trend follows, and under which filter. */
export interface TrendOptions {
  dimension: TrendDimension;
  /** Id of the gap, objective or stage. */
  id: string;
  filter?: CoverageFilter | null;
}

/** One year of a trend, project level and call level apart. */
export interface TrendYear {
  year: number;
  /** Named projects of that year (Project.year) linked to the subject, sorted. */
  projectIds: string[];
  projectCount: number;
  /** Projects whose link to the subject is curated. */
  curatedProjectCount: number;
  inferredProjectCount: number;
  /** Sum of published project funding; null when none is published. */
  fundingEur: number | null;
  fundingKnownProjectCount: number;
  /** Call level, by call year: calls whose targets reach the subject. Never added to the project counts. */
  callLevel: CallTally;
}

/** A yearly series with its slopes (see coverageTrend). */
export interface CoverageTrend {
  dimension: TrendDimension;
  id: string;
  label: string;
  /** Every year of the range, zeros included, oldest first. */
  years: TrendYear[];
  /** Linked projects without a year (they are in no year). */
  undatedProjectIds: string[];
  /** Calls reaching the subject without a year. */
  undatedCallIds: string[];
  /** Ordinary least-squares slope of projectCount over the years: projects per year, per year; null under two years. */
  projectSlope: number | null;
  /** Least-squares slope of the known funding (null years as 0), in EUR per year; null under two years. */
  fundingSlope: number | null;
}

/**
 * Ordinary least-squares slope of y on x: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)². Null when there are
 * fewer than two points or all x are equal. Throws a TypeError when the lengths differ.
 */
export function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) {
    throw new TypeError(
      `leastSquaresSlope expects xs and ys of one length, received ${xs.length} and ${ys.length}`,
    );
  }
  if (xs.length < 2) return null;
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let numerator = 0;
  let denominator = 0;
  xs.forEach((x, i) => {
    numerator += (x - mx) * ((ys[i] ?? 0) - my);
    denominator += (x - mx) ** 2;
  });
  return denominator === 0 ? null : numerator / denominator;
}

/** Every integer year from `from` to `to`, both included; empty when from > to. */
export function yearRange(from: number, to: number): number[] {
  const years: number[] = [];
  for (let year = from; year <= to; year += 1) years.push(year);
  return years;
}

/** The years a series spans: the filter's bounds, else the smallest and largest known year in `years`. */
export function seriesRange(
  years: Iterable<number | null>,
  filter: Pick<CoverageFilter, 'yearFrom' | 'yearTo'> | null | undefined,
): number[] {
  const known = [...years].filter((year): year is number => year !== null);
  const from = filter?.yearFrom ?? (known.length ? Math.min(...known) : null);
  const to = filter?.yearTo ?? (known.length ? Math.max(...known) : null);
  return from === null || to === null ? [] : yearRange(from, to);
}

/**
 * Projects and funding per year for a gap (ADDRESSES), an objective (ADVANCES) or a stage
 * (AT_STAGE to the stage or any of its sub-stages), under the filter of the coverage
 * matrix (coverageScope). The year axis runs over the filter's year range, else over the
 * years of every project and call in scope, so trends of different subjects line up.
 * Call level: calls in scope that TARGET the gap (objective: a gap that SERVES it; stage:
 * a gap AT_STAGE in the stage's subtree), by call year, each with its published totals.
 * Throws a TypeError for an unknown dimension or id.
 */
export function coverageTrend(projection: GapProjection, options: TrendOptions): CoverageTrend {
  const { dimension, id, filter } = options;
  if (dimension !== 'GAP' && dimension !== 'OBJECTIVE' && dimension !== 'STAGE') {
    throw new TypeError(`dimension must be GAP, OBJECTIVE or STAGE, received ${String(dimension)}`);
  }
  const scope = coverageScope(projection, {
    rows: dimension === 'OBJECTIVE' ? 'OBJECTIVE' : 'GAP',
    grain: 'EXACT',
    filter,
  });
  const gaps = new Map(projection.gaps.map((gap) => [gap.id, gap]));
  const label = subjectLabel(projection, dimension, id);

  let projectLink: (project: ScopedProject) => LinkFacts[];
  let gapReaches: (gap: GapFacts) => boolean;
  switch (dimension) {
    case 'GAP':
      projectLink = (project) => project.rowLinks.filter((link) => link.targetId === id);
      gapReaches = (gap) => gap.id === id;
      break;
    case 'OBJECTIVE':
      projectLink = (project) => project.rowLinks.filter((link) => link.targetId === id);
      gapReaches = (gap) => gap.objectives.some((link) => link.targetId === id && linkPasses(link, filter));
      break;
    case 'STAGE': {
      const subtree = stageSubtree(projection, id);
      projectLink = (project) =>
        project.stagePlacements.filter((p) => subtree.has(p.columnId)).map((p) => p.link);
      gapReaches = (gap) => gap.stages.some((link) => subtree.has(link.targetId) && linkPasses(link, filter));
      break;
    }
    default: {
      // analytics/ may not import src/errors (it pulls in graphql); the compiler still checks exhaustiveness.
      const unreachable: never = dimension;
      throw new TypeError(`Unreachable dimension ${String(unreachable)}`);
    }
  }

  const linked = scope.projects.flatMap((project) => {
    const links = projectLink(project);
    return links.length ? [{ project, curated: links.some((link) => link.provenance === 'CURATED') }] : [];
  });
  const reaching = new Map<string, { call: ScopedCall; gapIds: Set<string> }>();
  for (const call of scope.calls) {
    for (const target of call.facts.targets) {
      const gap = gaps.get(target.targetId);
      if (!gap || !linkPasses(target, filter) || !gapReaches(gap)) continue;
      const entry = reaching.get(call.facts.id) ?? { call, gapIds: new Set<string>() };
      entry.gapIds.add(gap.id);
      reaching.set(call.facts.id, entry);
    }
  }
  const callsById = new Map(scope.calls.map((call) => [call.facts.id, call]));
  const range = seriesRange(
    [...scope.projects.map((p) => p.facts.year), ...scope.calls.map((c) => c.facts.year)],
    filter,
  );

  const years: TrendYear[] = range.map((year) => {
    const inYear = linked.filter(({ project }) => project.facts.year === year);
    const funded = inYear.filter(({ project }) => project.facts.fundingEur !== null);
    const curated = inYear.filter((entry) => entry.curated).length;
    const calls = new Map(
      [...reaching.entries()]
        .filter(([, entry]) => entry.call.facts.year === year)
        .map(([callId, entry]) => [callId, entry.gapIds]),
    );
    return {
      year,
      projectIds: inYear.map(({ project }) => project.facts.id).sort(),
      projectCount: inYear.length,
      curatedProjectCount: curated,
      inferredProjectCount: inYear.length - curated,
      fundingEur: funded.length
        ? funded.reduce((sum, { project }) => sum + (project.facts.fundingEur ?? 0), 0)
        : null,
      fundingKnownProjectCount: funded.length,
      callLevel: tallyCalls(calls, callsById),
    };
  });

  return {
    dimension,
    id,
    label,
    years,
    undatedProjectIds: linked
      .filter(({ project }) => project.facts.year === null)
      .map(({ project }) => project.facts.id)
      .sort(),
    undatedCallIds: [...reaching.values()]
      .filter((e) => e.call.facts.year === null)
      .map((e) => e.call.facts.id)
      .sort(),
    projectSlope: leastSquaresSlope(
      range,
      years.map((y) => y.projectCount),
    ),
    fundingSlope: leastSquaresSlope(
      range,
      years.map((y) => y.fundingEur ?? 0),
    ),
  };
}

/** A stage and every stage below it (PART_OF, any depth). */
export function stageSubtree(projection: GapProjection, stageId: string): Set<string> {
  const subtree = new Set([stageId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stage of projection.stages) {
      if (stage.parentId && subtree.has(stage.parentId) && !subtree.has(stage.id)) {
        subtree.add(stage.id);
        grew = true;
      }
    }
  }
  return subtree;
}

function subjectLabel(projection: GapProjection, dimension: TrendDimension, id: string): string {
  const records: ReadonlyArray<{ id: string; label: string }> =
    dimension === 'GAP'
      ? projection.gaps
      : dimension === 'OBJECTIVE'
        ? projection.objectives
        : projection.stages;
  const record = records.find((r) => r.id === id);
  if (!record)
    throw new TypeError(`coverageTrend expects the id of a known ${dimension.toLowerCase()}, received ${id}`);
  return record.label;
}
