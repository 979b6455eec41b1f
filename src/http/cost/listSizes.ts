// What the cost model assumes of this schema: how many items each list field can hold and
// which fields do work beyond the objects they return. Data, not code: operationCost reads it.

import { MAX_SUBJECTS_PER_PROJECT } from '../../db/subjects';
import { RELATION_CAPS } from '../../resolvers/relationCaps';

/** Arguments that bound a list: its size when given, else the SDL default, else the page default. */
export const SIZE_ARGUMENTS = ['first', 'limit'] as const;

/**
 * Lists whose size is the page of the field above them: a network's `nodes` its `limit`, a
 * white-spot report's rows and cells its `first`. `factor` scales the page: a network of n
 * nodes is priced at 10n edges (the seeded co-funding network by calls holds 250 edges over
 * 43 funders, 5.8 per node), and at most n(n+1)/2 (`pairs`: a network keeps one edge per
 * pair of nodes, a self-loop included). `max` bounds it: a report has at most one row per
 * gap (50) and one cell per gap and stage (50 × 30).
 */
export const PAGED_CHILDREN: Readonly<Record<string, { factor: number; max?: number; pairs?: true }>> = {
  'Network.nodes': { factor: 1 },
  'Network.edges': { factor: 10, pairs: true },
  // Communities partition the nodes: 50 communities of limit/50 members hold all of them.
  'Community.members': { factor: 1 / 50 },
  'WhiteSpotReport.rows': { factor: 1, max: 50 },
  'WhiteSpotReport.cells': { factor: 1, max: 1500 },
};

/** A connection's `edges` and `nodes` are paged by the connection field's `first`. */
export function isConnectionPageField(typeName: string, fieldName: string): boolean {
  return typeName.endsWith('Connection') && (fieldName === 'edges' || fieldName === 'nodes');
}

/**
 * Root lists over a closed vocabulary that only the seeds create (no import or mutation
 * adds one): a page of them never holds more than the vocabulary, whatever `first` says.
 * Each is at least twice today's count (3 programmes, 9 objectives, 12 stages, 4 areas,
 * 25 gaps; ISO 3166-1 has 249 countries).
 */
export const VOCABULARY_SIZES: Readonly<Record<string, number>> = {
  'Query.programmes': 10,
  'Query.objectives': 20,
  'Query.valueChainStages': 30,
  'Query.sriaAreas': 10,
  'Query.knowledgeGaps': 50,
  'Query.countries': 250,
};

/**
 * Sizes of the lists that take no size argument: the relation caps the resolvers cut at,
 * and the lists of the analytics answers (bounded by the vocabularies above, by the years
 * of the programme, or by the "at most 10" of their SDL descriptions).
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  ...RELATION_CAPS,
  'Query.apiKeys': 100,
  // The ten ICD-10 chapters of DiseaseAreaCode; a project has at most one link to each.
  'Query.diseaseAreas': 10,
  'Project.diseaseAreas': 10,
  'Project.subjects': MAX_SUBJECTS_PER_PROJECT,
  'Stats.nodes': 20,
  'Stats.relationships': 40,
  'CoverageMatrix.columns': 30,
  'CoverageMatrix.rows': 50,
  'CoverageRow.mappedStages': 30,
  'CoverageRow.cells': 30,
  'ProjectTally.projects': 100,
  'ProjectTally.funders': 50,
  'ProjectTally.countries': 40,
  'ProjectTally.organisations': 100,
  'ProjectTally.entries': 100,
  'CallTally.calls': 50,
  'CallTally.contributions': 50,
  'CallContribution.viaGaps': 50,
  'RowWhiteSpot.emptyStages': 30,
  'RowWhiteSpot.emptyMappedStages': 30,
  'RowWhiteSpot.absentCountries': 60,
  'RowWhiteSpot.absentFunders': 100,
  'RowWhiteSpot.trend': 30,
  'CellWhiteSpot.absentCountries': 60,
  'CellWhiteSpot.absentFunders': 100,
  'PortfolioProfile.projects': 200,
  'CallLevelProfile.calls': 50,
  'ProfileDistribution.entries': 60,
  'ProfileDistribution.mostRepresented': 50,
  'ProfileDistribution.leastRepresented': 50,
  'CoverageTrend.years': 30,
  'TrendYear.projects': 100,
  'Recommendation.overlaps': 10,
  'Recommendation.sharedNeighbours': 10,
  'Network.communities': 50,
  'NetworkEdge.projects': 50,
  // Evidence of one tie: the calls two funders shared (18 calls in all today).
  'NetworkEdge.calls': 20,
  'GraphPath.nodes': 11,
  'GraphPath.relationships': 10,
};

/** Size of a list the tables above do not name (a new field priced before it is listed). */
export const UNLISTED_LIST_SIZE = 100;

/**
 * Work a field does beyond the objects it returns, in the same points (one point per
 * object): a network is projected and analysed, a matrix or a recommendation reads and
 * ranks the whole portfolio. Charged once per occurrence (per alias, per parent item).
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'Query.cofundingNetwork': 1000,
  'Query.collaborationNetwork': 1000,
  'Query.bipartiteNetwork': 1000,
  'Query.neighbourhood': 200,
  'Query.shortestPaths': 200,
  'Query.coverageMatrix': 500,
  'Query.whiteSpots': 500,
  'Query.portfolioProfile': 300,
  'Query.coverageTrend': 300,
  'Query.gapRecommendations': 1000,
  'Query.partnerRecommendations': 1000,
  // A fuzzy full-text query over every label: 100 at once took 11.6 s in the hostile suite.
  'Query.search': 1000,
  'Network.ranking': 100,
  'Network.communities': 200,
};

/** Root fields that run in the bounded analytics pool (src/http/analyticsPool.ts). */
export const ANALYTICS_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'cofundingNetwork',
  'collaborationNetwork',
  'bipartiteNetwork',
  'neighbourhood',
  'shortestPaths',
  'coverageMatrix',
  'whiteSpots',
  'portfolioProfile',
  'coverageTrend',
  'gapRecommendations',
  'partnerRecommendations',
]);
