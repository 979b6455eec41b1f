// The graph's largest lists, per data version, for the query price (src/http/cost): the
// largest degree of every relationship field, the records of every root list, the sizes of
// the prewarmed networks and coverage matrices. Computed by the analytics prewarm, never on
// the request path; the price takes the smaller of these and its caps (issue 19).

import { coverageSizes, type CallTallySizes, type ProjectTallySizes } from '../analytics/coverageSizes';
import { networkSizes, type NetworkSizes } from '../analytics/networkSizes';
import { DISEASE_AREAS_OF_PROJECT, PROJECTS_OF_DISEASE_AREA } from '../db/diseaseAreas';
import {
  type DegreeQuery,
  type GroupQuery,
  readLargestDegrees,
  readLargestGroups,
} from '../db/graphStatistics';
import type { NetworkRequest } from '../db/networks';
import type { Db } from '../db/run';
import { readStats } from '../db/stats';
import { ENTITY_LABELS } from '../model';
import { sharedGapProjection } from './gaps';
import { prewarmedNetworkRequests, sharedNetwork } from './networks';
import { PLANNED_FIELDS } from './planning/plannedFields';
import type { AnalyticsScope } from './sharedPerVersion';
import { type GraphStatistics, variantKey } from './graphStatisticsModel';

export type { GraphStatistics } from './graphStatisticsModel';

/** Root lists and the label of their records (a page never holds more than the label's records). */
export const ROOT_LISTS: Readonly<Record<string, string>> = {
  'Query.programmes': 'Programme',
  'Query.funders': 'Funder',
  'Query.calls': 'Call',
  'Query.projects': 'Project',
  'Query.organisations': 'Organisation',
  'Query.countries': 'Country',
  'Query.regions': 'Region',
  'Query.objectives': 'Objective',
  'Query.valueChainStages': 'ValueChainStage',
  'Query.sriaAreas': 'SriaArea',
  'Query.knowledgeGaps': 'KnowledgeGap',
  'Query.diseaseAreas': 'DiseaseArea',
};

/**
 * Filter fields of root lists that select the other ends of one relationship field, so one
 * value selects at most that field's largest degree: `projects(filter: { funders: [f] })`
 * holds at most the projects of the funder with the most (the filter's Cypher in src/db is
 * the relationship of the field named here). Stage filters are left out: they include sub-stages.
 */
export const FILTER_RELATIONS: Readonly<Record<string, string>> = {
  'Query.funders[calls]': 'Call.funders',
  'Query.funders[programmes]': 'Programme.funders',
  'Query.funders[regions]': 'Region.funders',
  'Query.calls[programmes]': 'Programme.calls',
  'Query.calls[funders]': 'Funder.calls',
  'Query.calls[countries]': 'Country.calls',
  'Query.calls[gaps]': 'KnowledgeGap.calls',
  'Query.projects[calls]': 'Call.projects',
  'Query.projects[programmes]': 'Programme.projects',
  'Query.projects[funders]': 'Funder.projects',
  'Query.projects[countries]': 'Country.projects',
  'Query.projects[organisations]': 'Organisation.projects',
  'Query.projects[objectives]': 'Objective.projects',
  'Query.projects[gaps]': 'KnowledgeGap.projects',
  'Query.projects[diseaseAreas]': PROJECTS_OF_DISEASE_AREA.key,
  'Query.organisations[projects]': 'Project.partners',
  'Query.countries[calls]': 'Call.participatingCountries',
};

/** Filter fields that match a property: one value selects at most the largest group sharing it. */
export const FILTER_GROUPS: readonly GroupQuery[] = [
  { key: 'Query.funders[countries]', label: 'Funder', property: 'countryCode' },
  { key: 'Query.organisations[countries]', label: 'Organisation', property: 'countryCode' },
];

/**
 * Lists of the analytics answers that hold distinct records of one label (each record at
 * most once), so never more than the label's records.
 */
export const RECORD_LISTS: Readonly<Record<string, string>> = {
  'ProjectTally.projects': 'Project',
  'ProjectTally.entries': 'Project',
  'ProjectTally.funders': 'Funder',
  'ProjectTally.countries': 'Country',
  'ProjectTally.organisations': 'Organisation',
  'CallTally.calls': 'Call',
  'CallTally.contributions': 'Call',
  'CallContribution.viaGaps': 'KnowledgeGap',
  'CoverageRow.mappedStages': 'ValueChainStage',
  'RowWhiteSpot.emptyStages': 'ValueChainStage',
  'RowWhiteSpot.emptyMappedStages': 'ValueChainStage',
  'RowWhiteSpot.absentCountries': 'Country',
  'RowWhiteSpot.absentFunders': 'Funder',
  'CellWhiteSpot.absentCountries': 'Country',
  'CellWhiteSpot.absentFunders': 'Funder',
  'PortfolioProfile.projects': 'Project',
  'CallLevelProfile.calls': 'Call',
  'TrendYear.projects': 'Project',
  'NetworkEdge.projects': 'Project',
  'NetworkEdge.calls': 'Call',
};

/** The relationship lists whose largest degree is read: every list PLANNED_FIELDS reads, and the disease areas. */
export function degreeQueries(): DegreeQuery[] {
  const queries: DegreeQuery[] = [];
  for (const [type, fields] of Object.entries(PLANNED_FIELDS)) {
    for (const [field, plan] of Object.entries(fields)) {
      const list =
        (plan.kind === 'nodes' && !plan.single) || plan.kind === 'links' || plan.kind === 'derived';
      if (list) queries.push({ key: `${type}.${field}`, from: plan.spec.from, pattern: plan.spec.pattern });
    }
  }
  return [...queries, DISEASE_AREAS_OF_PROJECT, PROJECTS_OF_DISEASE_AREA];
}

/** What the statistics are computed from, read from the graph or from the shared analytics. */
export interface StatisticsInputs {
  dataVersion: number;
  /** Records per label. */
  records: Readonly<Record<string, number>>;
  /** Largest degree per DegreeQuery key. */
  degrees: Readonly<Record<string, number>>;
  /** Largest group per FILTER_GROUPS key. */
  groups: Readonly<Record<string, number>>;
  /** The prewarmed networks (prewarmedNetworkRequests) and their sizes. */
  networks: ReadonlyArray<{ request: NetworkRequest; sizes: NetworkSizes }>;
  coverage: ReturnType<typeof coverageSizes>;
}

/** The GraphQL field and variant values of a prewarmed network request. */
function networkVariant(request: NetworkRequest): { field: string; values: string[] } {
  switch (request.kind) {
    case 'COFUNDING':
      return { field: 'Query.cofundingNetwork', values: [request.basis] };
    case 'COUNTRY_COLLABORATION':
      return { field: 'Query.collaborationNetwork', values: ['COUNTRIES'] };
    case 'ORGANISATION_COLLABORATION':
      return { field: 'Query.collaborationNetwork', values: ['ORGANISATIONS'] };
    case 'BIPARTITE':
      return {
        field: 'Query.bipartiteNetwork',
        values: [request.actors ?? 'FUNDERS', request.targets ?? 'GAPS', request.basis],
      };
  }
}

/** Bounds below a network of `sizes` (edges, a node's edges, an edge's evidence), those that are known. */
function networkBelow(sizes: NetworkSizes, basis: NetworkRequest['basis']): Record<string, number> {
  const below: Record<string, number> = {};
  if (sizes.edges !== null) below['Network.edges'] = sizes.edges;
  if (sizes.maxDegree !== null) {
    // NetworkNode.edges and NetworkNode.neighbours (issue 19, item 4) list one node's ties.
    below['NetworkNode.edges'] = sizes.maxDegree;
    below['NetworkNode.neighbours'] = sizes.maxDegree;
  }
  if (sizes.maxWeight !== null)
    below[basis === 'CALLS' ? 'NetworkEdge.calls' : 'NetworkEdge.projects'] = sizes.maxWeight;
  return below;
}

/** The larger of two bound tables key by key; a key missing from either is left out (unknown there). */
function largerKnown(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const key of Object.keys(a)) if (key in b) result[key] = Math.max(a[key]!, b[key]!);
  return result;
}

function tallyBounds(projects: ProjectTallySizes): Record<string, number> {
  return {
    'ProjectTally.projects': projects.projects,
    'ProjectTally.entries': projects.projects,
    'ProjectTally.funders': projects.funders,
    'ProjectTally.countries': projects.countries,
    'ProjectTally.organisations': projects.organisations,
  };
}

function callTallyBounds(calls: CallTallySizes): Record<string, number> {
  return {
    'CallTally.calls': calls.calls,
    'CallTally.contributions': calls.calls,
    'CallContribution.viaGaps': calls.viaGaps,
  };
}

/** The statistics of `inputs` (pure: the figures in, the keyed bounds out). */
export function graphStatisticsOf(inputs: StatisticsInputs): GraphStatistics {
  const records = (label: string) => inputs.records[label] ?? 0;
  const lists: Record<string, number> = { ...inputs.degrees };
  const below: Record<string, Record<string, number>> = {};
  for (const [field, label] of Object.entries(ROOT_LISTS)) lists[field] = records(label);
  for (const [key, degree] of Object.entries(FILTER_RELATIONS)) {
    if (inputs.degrees[degree] !== undefined) lists[key] = inputs.degrees[degree];
  }
  Object.assign(lists, inputs.groups);
  for (const [field, label] of Object.entries(RECORD_LISTS)) lists[field] = records(label);

  // Networks: nodes per variant, and the generic field (arguments unknown) at the largest variant.
  const byField = new Map<string, Array<{ nodes: number; below: Record<string, number> }>>();
  const variant = (field: string, values: string[], nodes: number, bounds: Record<string, number>) => {
    lists[variantKey(field, values)] = nodes;
    below[variantKey(field, values)] = bounds;
    byField.set(field, [...(byField.get(field) ?? []), { nodes, below: bounds }]);
  };
  for (const { request, sizes } of inputs.networks) {
    const { field, values } = networkVariant(request);
    variant(field, values, sizes.nodes, networkBelow(sizes, request.basis));
  }
  // Bipartite networks are not prewarmed: their nodes are actors and targets, their edges one per pair.
  const actors = { FUNDERS: records('Funder'), COUNTRIES: records('Country') };
  const targets = { GAPS: records('KnowledgeGap'), OBJECTIVES: records('Objective') };
  for (const [actor, actorCount] of Object.entries(actors)) {
    for (const [target, targetCount] of Object.entries(targets)) {
      for (const basis of ['PROJECTS', 'CALLS']) {
        const edges = actorCount * targetCount;
        variant('Query.bipartiteNetwork', [actor, target, basis], actorCount + targetCount, {
          'Network.edges': edges,
        });
      }
    }
  }
  for (const [field, variants] of byField) {
    lists[field] = Math.max(...variants.map((v) => v.nodes));
    below[field] = variants.map((v) => v.below).reduce(largerKnown);
  }
  // A neighbourhood holds entities of any label.
  lists['Query.neighbourhood'] = ENTITY_LABELS.reduce((sum, label) => sum + records(label), 0);

  // Coverage matrices: rows and columns per row axis and grain; tallies per level, largest over all.
  const { coverage } = inputs;
  const shapeBounds = (rows: number, columns: number) => ({
    'CoverageMatrix.rows': rows,
    'CoverageMatrix.columns': columns,
    'CoverageRow.cells': columns,
    'CoverageRow.mappedStages': columns,
  });
  for (const shape of coverage.shapes) {
    below[variantKey('Query.coverageMatrix', [shape.axis, shape.grain])] = shapeBounds(
      shape.rows,
      shape.columns,
    );
  }
  if (coverage.shapes.length > 0) {
    below['Query.coverageMatrix'] = shapeBounds(
      Math.max(...coverage.shapes.map((shape) => shape.rows)),
      Math.max(...coverage.shapes.map((shape) => shape.columns)),
    );
  }
  const levels = {
    matrix: 'CoverageMatrix',
    row: 'CoverageRow',
    column: 'CoverageColumn',
    cell: 'CoverageCell',
  } as const;
  for (const [level, type] of Object.entries(levels) as Array<[keyof typeof levels, string]>) {
    below[`${type}.projectLevel`] = tallyBounds(coverage.projectTallies[level]);
    below[`${type}.callLevel`] = callTallyBounds(coverage.callTallies[level]);
  }
  return { dataVersion: inputs.dataVersion, lists, below };
}

/**
 * Reads the statistics of the scope's data version: three kinds of count statements (one per
 * label of a relationship list, one per filter property, the count store's record counts)
 * and the sizes of the networks and coverage matrices the prewarm has computed (shared through
 * the analytics memo, so read, not computed again).
 */
export async function readGraphStatistics(scope: AnalyticsScope & { db: Db }): Promise<GraphStatistics> {
  const dataVersion = await scope.dataVersion();
  const degrees = await readLargestDegrees(scope.db, degreeQueries());
  const groups = await readLargestGroups(scope.db, FILTER_GROUPS);
  const stats = await readStats(scope.db);
  const records = Object.fromEntries(stats.nodes.map((row) => [row.label, row.count]));
  const networks = [];
  for (const request of prewarmedNetworkRequests()) {
    const analysed = await sharedNetwork(scope, request, false);
    networks.push({ request, sizes: networkSizes(analysed.data) });
  }
  const coverage = coverageSizes(await sharedGapProjection(scope));
  return graphStatisticsOf({ dataVersion, records, degrees, groups, networks, coverage });
}
