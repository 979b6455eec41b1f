// Portfolio profiles: how a funder's, a country's or a call's projects (and, apart, its calls)
// spread over gaps, objectives and stages, against the whole ecosystem (share and activity index).

import {
  type CoverageFilter,
  coverageScope,
  linkPasses,
  stageColumns,
  type StageGrain,
} from './coverageScope';
import type { GapProjection } from './gapProjection';
import { lowSupport, sampleCoverage, type SampleCoverage } from './sampleCoverage';

/** Whose portfolio. */
export type PortfolioSubjectKind = 'FUNDER' | 'COUNTRY' | 'CALL';

/** Whose portfolio, with which links and years. */
export interface PortfolioOptions {
  kind: PortfolioSubjectKind;
  /** Funder id, ISO country code or call id. */
  id: string;
  /** Year range and link thresholds; the subject itself replaces the call, country, region and funder fields. */
  filter?: Pick<CoverageFilter, 'yearFrom' | 'yearTo' | 'provenance' | 'minConfidence'> | null;
  /** How stages are grouped (default MACRO). */
  grain?: StageGrain;
  /** How many most and least represented categories to list (default 3). */
  top?: number;
}

/** The dimension a distribution is over. */
export type ProfileDimension = 'GAP' | 'OBJECTIVE' | 'STAGE';

/** One category (a gap, objective or stage) of a distribution. */
export interface ProfileEntry {
  dimension: ProfileDimension;
  id: string;
  label: string;
  /** Subject's items (projects or calls) linked to the category. */
  count: number;
  /** count / Σ counts of the subject; null when the subject has no link at all. */
  share: number | null;
  ecosystemCount: number;
  /** ecosystemCount / Σ ecosystem counts; null when the ecosystem has no link. */
  ecosystemShare: number | null;
  /** share / ecosystemShare: 1 as in the ecosystem, above 1 over-represented; null when either share is null or the ecosystem share is 0. */
  activityIndex: number | null;
  /** The subject's items counted, sorted. */
  itemIds: string[];
  /** count < 5: the share and activity index rest on so few items that one more would move them a lot. */
  lowSupport: boolean;
}

/** A subject's spread over one dimension against the ecosystem's. */
export interface ProfileDistribution {
  /** Σ of the subject's counts (an item linked to three categories counts three times). */
  linkCount: number;
  ecosystemLinkCount: number;
  /** Subject's items with at least one category. */
  itemCount: number;
  ecosystemItemCount: number;
  /** Every category, in taxonomy order. */
  entries: ProfileEntry[];
  /** Categories the subject is in, highest activity index first. */
  mostRepresented: ProfileEntry[];
  /** Categories the ecosystem is in, lowest activity index first (absent ones first of all). */
  leastRepresented: ProfileEntry[];
}

/** A profile per dimension at project level and, apart, at call level. */
export interface PortfolioProfile {
  kind: PortfolioSubjectKind;
  id: string;
  label: string;
  /** Subject's named projects in scope. */
  projectIds: string[];
  ecosystemProjectCount: number;
  /** Project level: items are named projects. */
  gaps: ProfileDistribution;
  objectives: ProfileDistribution;
  stages: ProfileDistribution;
  /** Call level: items are calls (the subject's calls against every call); never mixed with the project level. */
  callLevel: CallLevelProfile;
  /** The subject's named projects against what its calls published. */
  coverage: SampleCoverage;
}

/** A portfolio at call level: the subject's calls against every call in the year range. */
export interface CallLevelProfile {
  callIds: string[];
  ecosystemCallCount: number;
  gaps: ProfileDistribution;
  objectives: ProfileDistribution;
  stages: ProfileDistribution;
}

interface Category {
  id: string;
  label: string;
}

/**
 * The distribution of `subject` items over `categories` against `ecosystem` items.
 * Shares are of link counts (Σ over categories), so they sum to 1 and the activity index
 * is the Balassa / bibliometric activity index: (s_c / S) / (e_c / E).
 */
export function profileDistribution(
  subject: ReadonlyMap<string, ReadonlySet<string>>,
  ecosystem: ReadonlyMap<string, ReadonlySet<string>>,
  categories: readonly Category[],
  dimension: ProfileDimension,
  top = 3,
): ProfileDistribution {
  if (!Number.isInteger(top) || top < 0)
    throw new TypeError(`top must be a non-negative integer, received ${top}`);
  const itemsOf = (items: ReadonlyMap<string, ReadonlySet<string>>, category: string) =>
    [...items.entries()]
      .filter(([, set]) => set.has(category))
      .map(([id]) => id)
      .sort();
  const known = new Set(categories.map((c) => c.id));
  const linkCount = (items: ReadonlyMap<string, ReadonlySet<string>>) =>
    [...items.values()].reduce((sum, set) => sum + [...set].filter((c) => known.has(c)).length, 0);
  const itemCount = (items: ReadonlyMap<string, ReadonlySet<string>>) =>
    [...items.values()].filter((set) => [...set].some((c) => known.has(c))).length;
  const S = linkCount(subject);
  const E = linkCount(ecosystem);

  const entries: ProfileEntry[] = categories.map((category) => {
    const itemIds = itemsOf(subject, category.id);
    const ecosystemCount = itemsOf(ecosystem, category.id).length;
    const share = S === 0 ? null : itemIds.length / S;
    const ecosystemShare = E === 0 ? null : ecosystemCount / E;
    return {
      dimension,
      id: category.id,
      label: category.label,
      count: itemIds.length,
      share,
      ecosystemCount,
      ecosystemShare,
      activityIndex: share === null || !ecosystemShare ? null : share / ecosystemShare,
      itemIds,
      lowSupport: lowSupport(itemIds.length),
    };
  });
  const byLabel = (a: ProfileEntry, b: ProfileEntry) =>
    a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
  const mostRepresented = entries
    .filter((e) => e.count > 0)
    .sort((a, b) => (b.activityIndex ?? -1) - (a.activityIndex ?? -1) || b.count - a.count || byLabel(a, b))
    .slice(0, top);
  const leastRepresented = entries
    .filter((e) => e.ecosystemCount > 0)
    .sort(
      (a, b) =>
        (a.activityIndex ?? 0) - (b.activityIndex ?? 0) ||
        b.ecosystemCount - a.ecosystemCount ||
        byLabel(a, b),
    )
    .slice(0, top);
  return {
    linkCount: S,
    ecosystemLinkCount: E,
    itemCount: itemCount(subject),
    ecosystemItemCount: itemCount(ecosystem),
    entries,
    mostRepresented,
    leastRepresented,
  };
}

/**
 * The portfolio of a funder (projects it FUNDS; calls it PARTICIPATES_IN), a country
 * (projects with a partner there; calls it or one of its funders takes part in) or a call
 * (its FUNDED projects; itself) over gaps (ADDRESSES / TARGETS), objectives (ADVANCES /
 * TARGETS then SERVES) and stages (AT_STAGE / TARGETS then the gap's AT_STAGE), against
 * every project and call in the year range. Links below the thresholds are dropped.
 * Throws a TypeError for an unknown kind or id.
 */
export function portfolioProfile(projection: GapProjection, options: PortfolioOptions): PortfolioProfile {
  const { kind, id, filter, grain = 'MACRO', top = 3 } = options;
  const label = subjectLabel(projection, kind, id);
  const scope = coverageScope(projection, { rows: 'GAP', grain, filter });
  const { columns, columnOf } = stageColumns(projection.stages, grain);
  const gapsById = new Map(projection.gaps.map((gap) => [gap.id, gap]));

  const projectSets = (which: 'gaps' | 'objectives' | 'stages') =>
    new Map(
      scope.projects.map((project) => {
        const links = project.facts[which].filter((link) => linkPasses(link, filter));
        const targets =
          which === 'stages'
            ? links.flatMap((link) => columnOf(link.targetId) ?? [])
            : links.map((l) => l.targetId);
        return [project.facts.id, new Set(targets)] as const;
      }),
    );
  const callSets = (which: 'gaps' | 'objectives' | 'stages') =>
    new Map(
      scope.calls.map((call) => {
        const gaps = call.facts.targets
          .filter((link) => linkPasses(link, filter))
          .flatMap((link) => gapsById.get(link.targetId) ?? []);
        const targets =
          which === 'gaps'
            ? gaps.map((gap) => gap.id)
            : which === 'objectives'
              ? gaps.flatMap((gap) =>
                  gap.objectives.filter((link) => linkPasses(link, filter)).map((link) => link.targetId),
                )
              : gaps.flatMap((gap) =>
                  gap.stages
                    .filter((link) => linkPasses(link, filter))
                    .flatMap((link) => columnOf(link.targetId) ?? []),
                );
        return [call.facts.id, new Set(targets)] as const;
      }),
    );

  const subjectProjects = new Set(
    scope.projects
      .filter(({ facts }) =>
        kind === 'FUNDER'
          ? facts.funderIds.includes(id)
          : kind === 'COUNTRY'
            ? facts.countryCodes.includes(id)
            : facts.callIds.includes(id),
      )
      .map(({ facts }) => facts.id),
  );
  const subjectCalls = new Set(
    scope.calls
      .filter((call) =>
        kind === 'FUNDER'
          ? call.facts.funderIds.includes(id)
          : kind === 'COUNTRY'
            ? call.countryCodes.includes(id)
            : call.facts.id === id,
      )
      .map((call) => call.facts.id),
  );
  const only = (sets: Map<string, Set<string>>, ids: Set<string>) =>
    new Map([...sets].filter(([key]) => ids.has(key)));

  const gapCategories = [...projection.gaps].sort(
    (a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  );
  const objectiveCategories = [...projection.objectives].sort(
    (a, b) => a.order - b.order || a.id.localeCompare(b.id),
  );
  const stageCategories = columns.map((column) => ({ id: column.id, label: column.label }));
  const distribution = (
    sets: Map<string, Set<string>>,
    ids: Set<string>,
    categories: readonly Category[],
    dimension: ProfileDimension,
  ) => profileDistribution(only(sets, ids), sets, categories, dimension, top);

  const projectGaps = projectSets('gaps');
  const projectObjectives = projectSets('objectives');
  const projectStages = projectSets('stages');
  const callGaps = callSets('gaps');
  const callObjectives = callSets('objectives');
  const callStages = callSets('stages');
  return {
    kind,
    id,
    label,
    projectIds: [...subjectProjects].sort(),
    ecosystemProjectCount: scope.projects.length,
    gaps: distribution(projectGaps, subjectProjects, gapCategories, 'GAP'),
    objectives: distribution(projectObjectives, subjectProjects, objectiveCategories, 'OBJECTIVE'),
    stages: distribution(projectStages, subjectProjects, stageCategories, 'STAGE'),
    callLevel: {
      callIds: [...subjectCalls].sort(),
      ecosystemCallCount: scope.calls.length,
      gaps: distribution(callGaps, subjectCalls, gapCategories, 'GAP'),
      objectives: distribution(callObjectives, subjectCalls, objectiveCategories, 'OBJECTIVE'),
      stages: distribution(callStages, subjectCalls, stageCategories, 'STAGE'),
    },
    coverage: sampleCoverage(
      subjectProjects,
      scope.calls.filter((call) => subjectCalls.has(call.facts.id)).map((call) => call.facts),
      filter?.minConfidence ?? null,
    ),
  };
}

function subjectLabel(projection: GapProjection, kind: PortfolioSubjectKind, id: string): string {
  let found: { label: string } | undefined;
  switch (kind) {
    case 'FUNDER':
      found = projection.funders.find((funder) => funder.id === id);
      break;
    case 'COUNTRY':
      found = projection.countries.find((country) => country.code === id);
      break;
    case 'CALL':
      found = projection.calls.find((call) => call.id === id);
      break;
    default: {
      const unreachable: never = kind;
      throw new TypeError(`kind must be FUNDER, COUNTRY or CALL, received ${String(unreachable)}`);
    }
  }
  if (!found)
    throw new TypeError(`portfolioProfile expects the id of a known ${kind.toLowerCase()}, received ${id}`);
  return found.label;
}
