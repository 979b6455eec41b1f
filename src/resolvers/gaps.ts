// Resolvers of the gap analysis (schema/gaps.graphql): check the arguments, read the projection
// once per request (src/db/gaps.ts) and hand it to the pure measures of src/analytics/.

import type { RequestContext } from '../context';
import type { DerivationModel, EntityLabel, NodeModels } from '../db/models';
import {
  GAP_LINKS_BY_PROJECT_ID,
  OBJECTIVE_LINKS_BY_PROJECT_ID,
  STAGE_LINKS_BY_PROJECT_ID,
} from '../db/projects';
import type { DerivedRow } from '../db/relations';
import { readGapProjection } from '../db/gaps';
import type { Db } from '../db/run';
import { DATASET_IDS } from '../model';
import { NotFoundError } from '../errors';
import { coverageMatrix } from '../analytics/coverageMatrix';
import {
  type CoverageFilter as AnalyticsFilter,
  DEFAULT_MIN_CONFIDENCE,
  stageColumns,
  type StageGrain,
} from '../analytics/coverageScope';
import type { GapProjection } from '../analytics/gapProjection';
import { portfolioProfile } from '../analytics/portfolioProfile';
import {
  type ActorKind,
  type Adjacency,
  adjacencyOf,
  gapRecommendations,
  partnerRecommendations,
} from '../analytics/recommendations';
import { buildNetworkGraph } from '../analytics/buildNetworkGraph';
import { type NetworkKind, type NetworkBasis, readNetwork } from '../db/networks';
import { coverageTrend } from '../analytics/trends';
import {
  type CellWhiteSpot,
  type RowWhiteSpot,
  type WhiteSpotReport,
  whiteSpots,
} from '../analytics/whiteSpots';
import type {
  CoverageFilter,
  ProfileFilter,
  QueryResolvers,
  QueryWhiteSpotsArgs,
  Resolvers,
} from '../generated/graphql';
import {
  BOUNDS,
  boundedInteger,
  codes,
  fraction,
  knownValues,
  subjectList,
  yearToNotBefore,
} from './arguments';
import { loadRequired } from './loadRequired';
import { type AnalyticsScope, sharedPerVersion } from './sharedPerVersion';
import { matchIds } from './validateIds';

const projections = new WeakMap<RequestContext, Promise<GapProjection>>();

/**
 * The gap projection, read once per data version and shared by every request of it (at
 * 100,000 synthetic projects reading it took 2.3 s and 9.3M db hits: issue 11); within one
 * request it is read once however many gap fields the operation selects.
 */
export function gapProjection(context: RequestContext): Promise<GapProjection> {
  let projection = projections.get(context);
  if (!projection) {
    projection = sharedGapProjection(context);
    projections.set(context, projection);
  }
  return projection;
}

/** The gap projection of the scope's data version, read by the first to ask (a request or the prewarm). */
export function sharedGapProjection(scope: AnalyticsScope & { db: Db }): Promise<GapProjection> {
  return sharedPerVersion(scope, 'gapProjection', () => readGapProjection(scope.db));
}

/**
 * whiteSpots' answer to `args`: its coverage matrix and its ranking, each computed once per data
 * version and arguments (the matrix shared with coverageMatrix of the same arguments). The
 * projection is read only to check a filter or stages, or to compute: at 100,000 projects it was
 * counted at 395 MiB with its links' evidence, over the analytics budget of 512 MiB (128 MiB), and
 * every such read took it from Neo4j again (minutes under load); slimmed, it is kept (66 MiB), but a
 * larger graph or a smaller MEMORY_LIMIT_MIB can again leave it unkept while the ranking is kept.
 * @throws BadUserInputError naming an argument out of bounds or an unknown stage column.
 */
async function sharedWhiteSpots(
  scope: AnalyticsScope,
  projectionOf: () => Promise<GapProjection>,
  { rows, stageGrain, filter, stages, mappedOnly, first }: Partial<QueryWhiteSpotsArgs>,
): Promise<WhiteSpotReport> {
  const grain: StageGrain = stageGrain ?? 'MACRO';
  const limit = boundedInteger(first, 'first', BOUNDS.ranked);
  // coverageFilter without a filter is the default, whatever the projection.
  const scoped = filter
    ? coverageFilter(filter, await projectionOf())
    : { minConfidence: DEFAULT_MIN_CONFIDENCE };
  if (stages) {
    const columns = stageColumns((await projectionOf()).stages, grain).columns.map((column) => column.id);
    knownValues(
      stages,
      'stages',
      columns,
      `stage column at ${grain} grain (columns: ${columns.join(', ')}):`,
    );
  }
  const matrixOptions = { rows: rows ?? 'GAP', grain, filter: scoped } as const;
  const spotOptions = {
    stageIds: stages ?? null,
    mappedOnly: mappedOnly ?? true,
    first: limit,
    yearFrom: scoped.yearFrom,
    yearTo: scoped.yearTo,
  };
  return measured(scope, 'whiteSpots', [matrixOptions, spotOptions], async () => {
    const projection = await projectionOf();
    const matrix = await measured(scope, 'coverageMatrix', matrixOptions, () =>
      coverageMatrix(projection, matrixOptions),
    );
    return whiteSpots(matrix, projection, spotOptions);
  });
}

/**
 * whiteSpots with its arguments' defaults (what the explorer and a first reader ask), computed by
 * the analytics prewarm (prewarmAnalytics.ts) after the gap projection, so that no request pays
 * for it: at 100,000 synthetic projects the coverage matrix under it costs seconds of CPU (4.5 s
 * on a synthetic projection of 100,030 projects and 184,046 placements), and a projection the memo
 * cannot keep is read again by each request that needs it (see sharedWhiteSpots).
 */
export async function sharedDefaultWhiteSpots(scope: AnalyticsScope & { db: Db }): Promise<void> {
  await sharedWhiteSpots(scope, () => sharedGapProjection(scope), {});
}

/**
 * Links of one type read per project to find the one an entry shows: all of them, since a project
 * links each gap, stage or objective at most once (MERGE) and the taxonomy has 25, 12 and 9 of them.
 */
const PROJECT_LINKS_READ = 1000;

/**
 * The derivation of the project's link to `targetId` (evidence, curator, rule book version and
 * origin with it), read from the graph for the entries an answer shows: the gap projection keeps
 * only what the measures weigh (src/analytics/gapProjection.ts LinkFacts). Batched per request
 * through the project's derived-links loader, as Project.gaps reads them.
 * @throws NotFoundError when the link is gone (removed by a write after the projection was read).
 */
async function linkDerivation(
  context: RequestContext,
  spec:
    typeof GAP_LINKS_BY_PROJECT_ID | typeof OBJECTIVE_LINKS_BY_PROJECT_ID | typeof STAGE_LINKS_BY_PROJECT_ID,
  projectId: string,
  targetId: string,
): Promise<DerivationModel> {
  const rows: Array<DerivedRow<EntityLabel>> = await context.loaders
    .derived<'Project', EntityLabel>(spec, {}, PROJECT_LINKS_READ)
    .load(projectId);
  const row = rows.find((candidate) => candidate.node.id === targetId);
  if (!row) throw new NotFoundError(`${spec.to} link of project ${projectId}`, targetId);
  return row.derivation;
}

/** A pure measure over the projection, computed once per data version and arguments. */
function measured<T>(
  context: AnalyticsScope,
  name: string,
  args: unknown,
  compute: () => T | Promise<T>,
): Promise<T> {
  return sharedPerVersion(context, `${name}:${JSON.stringify(args)}`, async () => compute());
}

/** The stored ids of an id field, checked against the projection's records of that kind (validateIds.ts). */
function storedIds(
  argument: string,
  label: EntityLabel,
  ids: readonly string[] | null | undefined,
  known: readonly string[],
): string[] | null {
  return ids === null || ids === undefined ? null : matchIds(argument, label, ids, known);
}

/** One stored id of a single-id argument. */
function storedId(argument: string, label: EntityLabel, id: string, known: readonly string[]): string {
  return matchIds(argument, label, [id], known)[0] as string;
}

/** Programmes the projection knows: those of its calls and projects. */
function programmeIds(projection: GapProjection): string[] {
  const ids = [
    ...projection.calls.map((call) => call.programmeId),
    ...projection.projects.flatMap((project) => project.programmeIds ?? []),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/** Checks a CoverageFilter against the projection and turns it into the measures' filter. */
export function coverageFilter(
  filter: CoverageFilter | null | undefined,
  projection: GapProjection,
  argument = 'filter',
): AnalyticsFilter {
  if (!filter) return { minConfidence: DEFAULT_MIN_CONFIDENCE };
  fraction(filter.minConfidence, `${argument}.minConfidence`);
  yearToNotBefore(argument, filter);
  const countries = projection.countries.map((c) => c.code);
  const countryCodes = storedIds(`${argument}.countries`, 'Country', filter.countries, countries);
  return {
    callIds: storedIds(
      `${argument}.calls`,
      'Call',
      filter.calls,
      projection.calls.map((c) => c.id),
    ),
    programmeIds: storedIds(
      `${argument}.programmes`,
      'Programme',
      filter.programmes,
      programmeIds(projection),
    ),
    callKinds: filter.callKinds ?? null,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
    countryCodes,
    regionIds: storedIds(
      `${argument}.regions`,
      'Region',
      filter.regions,
      projection.regions.map((r) => r.id),
    ),
    funderIds: storedIds(
      `${argument}.funders`,
      'Funder',
      filter.funders,
      projection.funders.map((f) => f.id),
    ),
    subjects: subjectList(filter.subjects, `${argument}.subjects`),
    datasets: codes(filter.datasets, `${argument}.datasets`, DATASET_IDS, 'datasets'),
    provenance: filter.provenance ?? null,
    minConfidence: filter.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
  };
}

function profileFilter(filter: ProfileFilter | null | undefined): AnalyticsFilter {
  if (!filter) return { minConfidence: DEFAULT_MIN_CONFIDENCE };
  fraction(filter.minConfidence, 'filter.minConfidence');
  yearToNotBefore('filter', filter);
  return {
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
    provenance: filter.provenance ?? null,
    minConfidence: filter.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
  };
}

/** The nodes of `ids`, in order; a dangling id is a server fault (NOT_FOUND). */
function nodes<L extends EntityLabel>(
  context: RequestContext,
  label: L,
  ids: readonly string[],
): Promise<Array<NodeModels[L]>> {
  return Promise.all(ids.map((id) => loadRequired(context, label, id)));
}

function node<L extends EntityLabel>(context: RequestContext, label: L, id: string): Promise<NodeModels[L]> {
  return loadRequired(context, label, id);
}

/** How much network closeness counts in a recommendation when `networkWeight` is left out (the SDL default). */
const DEFAULT_NETWORK_WEIGHT = 0.5;

/** Node limit of the networks read for recommendations: high enough never to cut today's graph. */
export const RECOMMENDATION_NETWORK_LIMIT = 100_000;

/** The networks each actor kind is close in: funders co-fund (calls or projects), the others collaborate. */
const ACTOR_NETWORKS: Record<ActorKind, Array<{ kind: NetworkKind; basis: NetworkBasis }>> = {
  FUNDER: [
    { kind: 'COFUNDING', basis: 'CALLS' },
    { kind: 'COFUNDING', basis: 'PROJECTS' },
  ],
  COUNTRY: [{ kind: 'COUNTRY_COLLABORATION', basis: 'PROJECTS' }],
  ORGANISATION: [{ kind: 'ORGANISATION_COLLABORATION', basis: 'PROJECTS' }],
};

/** One kind's network as adjacency, read through issue 3's projection (src/db/networks.ts) and graph builder. */
async function actorNetwork(
  context: RequestContext,
  kind: ActorKind,
  filter: AnalyticsFilter,
): Promise<Adjacency> {
  const networks = await Promise.all(
    ACTOR_NETWORKS[kind].map((plan) => {
      const request = {
        ...plan,
        filter: { yearFrom: filter.yearFrom ?? null, yearTo: filter.yearTo ?? null },
        limit: RECOMMENDATION_NETWORK_LIMIT,
      };
      // Recommendations read weights only, never the evidence behind an edge.
      return sharedPerVersion(context, `network:${JSON.stringify(request)}`, () =>
        readNetwork(context.db, request, { evidenceIds: false }),
      );
    }),
  );
  return adjacencyOf(...networks.map((network) => buildNetworkGraph(network)));
}

/** The gap analysis queries; each reads the request's projection and runs one pure measure. */
export const gapQueries: Pick<
  QueryResolvers,
  | 'coverageMatrix'
  | 'whiteSpots'
  | 'portfolioProfile'
  | 'coverageTrend'
  | 'gapRecommendations'
  | 'partnerRecommendations'
> = {
  coverageMatrix: async (_, { rows, stageGrain, filter }, context) => {
    const projection = await gapProjection(context);
    const filtered = coverageFilter(filter, projection);
    const options = { rows: rows ?? 'GAP', grain: stageGrain ?? 'MACRO', filter: filtered } as const;
    return measured(context, 'coverageMatrix', options, () => coverageMatrix(projection, options));
  },
  whiteSpots: (_, args, context) => sharedWhiteSpots(context, () => gapProjection(context), args),
  portfolioProfile: async (_, { subject, id, stageGrain, filter, top }, context) => {
    const projection = await gapProjection(context);
    const subjectId =
      subject === 'FUNDER'
        ? storedId(
            'id',
            'Funder',
            id,
            projection.funders.map((f) => f.id),
          )
        : subject === 'COUNTRY'
          ? storedId(
              'id',
              'Country',
              id,
              projection.countries.map((c) => c.code),
            )
          : storedId(
              'id',
              'Call',
              id,
              projection.calls.map((c) => c.id),
            );
    return portfolioProfile(projection, {
      kind: subject,
      id: subjectId,
      grain: stageGrain ?? 'MACRO',
      filter: profileFilter(filter),
      top: boundedInteger(top, 'top', BOUNDS.profileTop),
    });
  },
  coverageTrend: async (_, { dimension, id, filter }, context) => {
    const projection = await gapProjection(context);
    const known =
      dimension === 'GAP'
        ? projection.gaps
        : dimension === 'OBJECTIVE'
          ? projection.objectives
          : projection.stages;
    const label =
      dimension === 'GAP' ? 'KnowledgeGap' : dimension === 'OBJECTIVE' ? 'Objective' : 'ValueChainStage';
    const subjectId = storedId(
      'id',
      label,
      id,
      known.map((record) => record.id),
    );
    return coverageTrend(projection, {
      dimension,
      id: subjectId,
      filter: coverageFilter(filter, projection),
    });
  },
  gapRecommendations: async (_, { gap, kinds, first, networkWeight, includeActive, filter }, context) => {
    const projection = await gapProjection(context);
    const options = {
      gapId: storedId(
        'gap',
        'KnowledgeGap',
        gap,
        projection.gaps.map((g) => g.id),
      ),
      kinds: kinds?.length ? [...new Set(kinds)] : (['FUNDER', 'COUNTRY', 'ORGANISATION'] as ActorKind[]),
      first: boundedInteger(first, 'first', BOUNDS.ranked),
      networkWeight: fraction(networkWeight, 'networkWeight') ?? DEFAULT_NETWORK_WEIGHT,
      includeActive: includeActive ?? false,
      filter: profileFilter(filter),
    };
    return measured(context, 'gapRecommendations', options, async () => {
      const networks = Object.fromEntries(
        await Promise.all(
          options.kinds.map(
            async (kind) => [kind, await actorNetwork(context, kind, options.filter)] as const,
          ),
        ),
      );
      return gapRecommendations(projection, networks, options);
    });
  },
  partnerRecommendations: async (_, { funder, first, networkWeight, filter }, context) => {
    const projection = await gapProjection(context);
    const funderId = storedId(
      'funder',
      'Funder',
      funder,
      projection.funders.map((f) => f.id),
    );
    const years = profileFilter(filter);
    const options = {
      funderId,
      first: boundedInteger(first, 'first', BOUNDS.ranked),
      networkWeight: fraction(networkWeight, 'networkWeight') ?? DEFAULT_NETWORK_WEIGHT,
      filter: years,
    };
    return measured(context, 'partnerRecommendations', options, async () =>
      partnerRecommendations(projection, await actorNetwork(context, 'FUNDER', years), options),
    );
  },
};

/** The funder, country or organisation a recommendation or a neighbour names. */
const actorEnds = {
  funder: (actor: { kind: ActorKind; id: string }, _: unknown, context: RequestContext) =>
    actor.kind === 'FUNDER' ? node(context, 'Funder', actor.id) : null,
  country: (actor: { kind: ActorKind; id: string }, _: unknown, context: RequestContext) =>
    actor.kind === 'COUNTRY' ? node(context, 'Country', actor.id) : null,
  organisation: (actor: { kind: ActorKind; id: string }, _: unknown, context: RequestContext) =>
    actor.kind === 'ORGANISATION' ? node(context, 'Organisation', actor.id) : null,
};

/** The fields row and cell white spots share: their gap or objective and the absent actors. */
const whiteSpotEnds = {
  gap: (spot: RowWhiteSpot | CellWhiteSpot, _: unknown, context: RequestContext) =>
    spot.rowKind === 'GAP' ? node(context, 'KnowledgeGap', spot.rowId) : null,
  objective: (spot: RowWhiteSpot | CellWhiteSpot, _: unknown, context: RequestContext) =>
    spot.rowKind === 'OBJECTIVE' ? node(context, 'Objective', spot.rowId) : null,
  absentCountries: (spot: RowWhiteSpot | CellWhiteSpot, _: unknown, context: RequestContext) =>
    nodes(context, 'Country', spot.absentCountryCodes),
  absentFunders: (spot: RowWhiteSpot | CellWhiteSpot, _: unknown, context: RequestContext) =>
    nodes(context, 'Funder', spot.absentFunderIds),
};

/** Object fields of the gap types: records named by id, loaded through the by-id loaders. */
export const gapTypeResolvers: Pick<
  Resolvers,
  | 'CoverageMatrix'
  | 'CoverageRow'
  | 'CoverageColumn'
  | 'CoverageCell'
  | 'ProjectTally'
  | 'CoverageEntry'
  | 'CallTally'
  | 'CallContribution'
  | 'WhiteSpotReport'
  | 'RowWhiteSpot'
  | 'CellWhiteSpot'
  | 'PortfolioProfile'
  | 'CallLevelProfile'
  | 'ProfileDistribution'
  | 'ProfileEntry'
  | 'CoverageTrend'
  | 'TrendYear'
  | 'Recommendation'
  | 'GapOverlap'
  | 'SharedNeighbour'
> = {
  CoverageMatrix: {
    rowKind: (matrix) => matrix.rowAxis,
    stageGrain: (matrix) => matrix.grain,
    projectLevel: (matrix) => matrix.totals,
  },
  CoverageRow: {
    gap: (row, _, context) => (row.rowKind === 'GAP' ? node(context, 'KnowledgeGap', row.id) : null),
    objective: (row, _, context) => (row.rowKind === 'OBJECTIVE' ? node(context, 'Objective', row.id) : null),
    mappedStages: (row, _, context) => nodes(context, 'ValueChainStage', row.mappedStageIds),
  },
  CoverageColumn: {
    stage: (column, _, context) => node(context, 'ValueChainStage', column.stageId),
  },
  CoverageCell: {
    stage: (cell, _, context) => node(context, 'ValueChainStage', cell.stageId),
  },
  ProjectTally: {
    projects: (tally, _, context) => nodes(context, 'Project', tally.projectIds),
    funderCount: (tally) => tally.funderIds.length,
    funders: (tally, _, context) => nodes(context, 'Funder', tally.funderIds),
    countryCount: (tally) => tally.countryCodes.length,
    countries: (tally, _, context) => nodes(context, 'Country', tally.countryCodes),
    organisationCount: (tally) => tally.organisationIds.length,
    organisations: (tally, _, context) => nodes(context, 'Organisation', tally.organisationIds),
  },
  CoverageEntry: {
    project: (entry, _, context) => node(context, 'Project', entry.projectId),
    stageId: (entry) => entry.stageLink.targetId,
    rowLink: (entry, _, context) =>
      linkDerivation(
        context,
        entry.rowKind === 'GAP' ? GAP_LINKS_BY_PROJECT_ID : OBJECTIVE_LINKS_BY_PROJECT_ID,
        entry.projectId,
        entry.rowLink.targetId,
      ),
    stageLink: (entry, _, context) =>
      linkDerivation(context, STAGE_LINKS_BY_PROJECT_ID, entry.projectId, entry.stageLink.targetId),
  },
  CallTally: {
    calls: (tally, _, context) => nodes(context, 'Call', tally.callIds),
  },
  CallContribution: {
    call: (contribution, _, context) => node(context, 'Call', contribution.callId),
    viaGaps: (contribution, _, context) => nodes(context, 'KnowledgeGap', contribution.viaGapIds),
  },
  WhiteSpotReport: {},
  RowWhiteSpot: {
    ...whiteSpotEnds,
    emptyStages: (spot, _, context) => nodes(context, 'ValueChainStage', spot.emptyStageIds),
    emptyMappedStages: (spot, _, context) => nodes(context, 'ValueChainStage', spot.emptyMappedStageIds),
  },
  CellWhiteSpot: {
    ...whiteSpotEnds,
    stage: (spot, _, context) => node(context, 'ValueChainStage', spot.stageId),
  },
  PortfolioProfile: {
    subject: (profile) => profile.kind,
    funder: (profile, _, context) => (profile.kind === 'FUNDER' ? node(context, 'Funder', profile.id) : null),
    country: (profile, _, context) =>
      profile.kind === 'COUNTRY' ? node(context, 'Country', profile.id) : null,
    call: (profile, _, context) => (profile.kind === 'CALL' ? node(context, 'Call', profile.id) : null),
    projects: (profile, _, context) => nodes(context, 'Project', profile.projectIds),
  },
  CallLevelProfile: {
    calls: (profile, _, context) => nodes(context, 'Call', profile.callIds),
  },
  ProfileDistribution: {},
  ProfileEntry: {
    gap: (entry, _, context) => (entry.dimension === 'GAP' ? node(context, 'KnowledgeGap', entry.id) : null),
    objective: (entry, _, context) =>
      entry.dimension === 'OBJECTIVE' ? node(context, 'Objective', entry.id) : null,
    stage: (entry, _, context) =>
      entry.dimension === 'STAGE' ? node(context, 'ValueChainStage', entry.id) : null,
  },
  CoverageTrend: {
    gap: (trend, _, context) => (trend.dimension === 'GAP' ? node(context, 'KnowledgeGap', trend.id) : null),
    objective: (trend, _, context) =>
      trend.dimension === 'OBJECTIVE' ? node(context, 'Objective', trend.id) : null,
    stage: (trend, _, context) =>
      trend.dimension === 'STAGE' ? node(context, 'ValueChainStage', trend.id) : null,
  },
  TrendYear: {
    projects: (year, _, context) => nodes(context, 'Project', year.projectIds),
  },
  Recommendation: actorEnds,
  GapOverlap: {
    gap: (overlap, _, context) => node(context, 'KnowledgeGap', overlap.gapId),
  },
  SharedNeighbour: actorEnds,
};
