// Resolvers of the network queries (projections, neighbourhoods, shortest paths) and of
// Network, NetworkNode, NetworkEdge, Community and path types; measures come from
// src/analytics, computed once per answer.

import { GraphQLScalarType, Kind, valueFromASTUntyped, type GraphQLResolveInfo } from 'graphql';
import { type AnalysedNetwork, analyseNetwork } from '../analytics/analyseNetwork';
import type { Coordinates, NetworkNodeData } from '../analytics/networkData';
import { networkShortestPaths } from '../analytics/networkShortestPaths';
import { rankNodes, type RankingMeasure } from '../analytics/rankNodes';
import { networkCoverage, nodeLowSupport } from '../analytics/sampleCoverage';
import { BadUserInputError, NotFoundError } from '../errors';
import type { EntityLabel, TypedNode } from '../db/models';
import {
  type EntityRef,
  type NetworkRequest,
  readNeighbourhood,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  readNetwork,
  readShortestPaths,
} from '../db/networks';
import { networkDocument } from '../export/exportNetwork';
import type {
  CentralityMeasure,
  CommunityResolvers,
  EntityKind,
  GraphPathResolvers,
  NetworkEdgeResolvers,
  NetworkFilter,
  NetworkNeighbourResolvers,
  NetworkNodeResolvers,
  NetworkPathResolvers,
  NetworkResolvers,
  PathNodeResolvers,
  QueryResolvers,
  RankedNetworkNodeResolvers,
} from '../generated/graphql';
import type { RequestContext } from '../context';
import { gapProjection } from './gaps';
import {
  BOUNDS,
  boundedInteger,
  entityKinds,
  entityRef,
  type IntegerBound,
  labelOfKind,
  relationshipTypes,
} from './arguments';
import {
  checkEntityRefs,
  checkRequestIds,
  downloadUrl,
  networkAround,
  networkFilter,
  selectsEdgeEvidence,
} from './networkRequest';
import type { NetworkModel, NetworkNodeModel } from '../db/networkModels';
import type { Db } from '../db/run';
import { nearestIds } from './nearestIds';
import { type AnalyticsScope, sharedPerVersion } from './sharedPerVersion';

/** A JSON value passed through untouched. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value (object, array, string, number, boolean or null), sent as is.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => (ast.kind === Kind.NULL ? null : valueFromASTUntyped(ast, variables)),
});

/**
 * A projected network with its measures, computed once per data version and request and
 * shared by the requests of that version (measures are computed on first use, then kept).
 */
async function projected(
  context: RequestContext,
  unchecked: NetworkRequest,
  info: GraphQLResolveInfo,
): Promise<NetworkModel> {
  const request = await checkRequestIds(context.db, unchecked);
  const analysed = await sharedNetwork(context, request, selectsEdgeEvidence(info));
  return { analysed, source: { type: 'projection', request } };
}

/** A checked network request's analysed network at the scope's data version, computed by the first to ask. */
export function sharedNetwork(
  scope: AnalyticsScope & { db: Db },
  request: NetworkRequest,
  evidenceIds: boolean,
): Promise<AnalysedNetwork> {
  const key = `analysedNetwork:${evidenceIds}:${JSON.stringify(request)}`;
  return sharedPerVersion(scope, key, async () =>
    analyseNetwork(await readNetwork(scope.db, request, { evidenceIds })),
  );
}

/** The request of a projected network as its resolver builds it, for `filter` and `limit` as given. */
function projectionRequest(
  kind: Exclude<NetworkRequest['kind'], 'BIPARTITE'>,
  basis: NetworkRequest['basis'],
  filter: NetworkFilter | null | undefined,
  limit: number | null | undefined,
): NetworkRequest {
  return {
    kind,
    basis,
    filter: filterArgument(filter),
    around: networkAround(filter),
    limit: limitArgument(limit),
  };
}

/**
 * The networks the prewarm computes for each data version: every one-mode projection with its
 * arguments left out (what the explorer and the playground examples open with), without
 * evidence ids. At 30,000 projects each took 0.7 to 2 s on its first request (bench:scale).
 */
export function prewarmedNetworkRequests(): NetworkRequest[] {
  return [
    projectionRequest('COFUNDING', 'CALLS', null, null),
    projectionRequest('COFUNDING', 'PROJECTS', null, null),
    projectionRequest('COUNTRY_COLLABORATION', 'PROJECTS', null, null),
    projectionRequest('ORGANISATION_COLLABORATION', 'PROJECTS', null, null),
  ];
}

function limitArgument(limit: number | null | undefined, bound: IntegerBound = BOUNDS.networkLimit): number {
  return boundedInteger(limit, 'limit', bound);
}

function filterArgument(filter: NetworkFilter | null | undefined) {
  return networkFilter(filter ?? null);
}

export const networkQueries: Pick<
  QueryResolvers,
  'cofundingNetwork' | 'collaborationNetwork' | 'bipartiteNetwork' | 'neighbourhood' | 'shortestPaths'
> = {
  cofundingNetwork: (_, { basis, filter, limit }, context, info) =>
    projected(context, projectionRequest('COFUNDING', basis ?? 'CALLS', filter, limit), info),
  collaborationNetwork: (_, { level, filter, limit }, context, info) =>
    projected(
      context,
      projectionRequest(
        level === 'COUNTRIES' ? 'COUNTRY_COLLABORATION' : 'ORGANISATION_COLLABORATION',
        'PROJECTS',
        filter,
        limit,
      ),
      info,
    ),
  bipartiteNetwork: (_, { actors, targets, basis, filter, limit }, context, info) =>
    projected(
      context,
      {
        kind: 'BIPARTITE',
        basis: basis ?? 'PROJECTS',
        actors,
        targets,
        filter: filterArgument(filter),
        around: networkAround(filter),
        limit: limitArgument(limit),
      },
      info,
    ),
  neighbourhood: async (_, args, context) => {
    const request = {
      of: entityRef(args.of, 'of'),
      hops: boundedInteger(args.hops, 'hops', BOUNDS.hops),
      relationshipTypes: relationshipTypes(args.relationshipTypes, 'relationshipTypes'),
      limit: limitArgument(args.limit, BOUNDS.neighbourhoodLimit),
    };
    let data = await readNeighbourhood(context.db, request);
    if (!data) {
      // Only a missing centre costs the id check: refused with suggestions, or read again in its stored case.
      request.of = (await checkEntityRefs(context.db, { of: request.of }, { of: 'of.id' })).of;
      data = await readNeighbourhood(context.db, request);
      if (!data) throw new NotFoundError(request.of.label, request.of.id);
    }
    return { analysed: analyseNetwork(data), source: { type: 'neighbourhood', request } };
  },
  shortestPaths: async (_, args, context) => {
    const request = {
      from: entityRef(args.from, 'from'),
      to: entityRef(args.to, 'to'),
      maxLength: boundedInteger(args.maxLength, 'maxLength', BOUNDS.pathLength),
      relationshipTypes: relationshipTypes(args.relationshipTypes, 'relationshipTypes'),
      all: args.all ?? false,
      first: boundedInteger(args.first, 'first', BOUNDS.paths),
      via: entityKinds(args.via, 'via'),
    };
    const same = (a: EntityRef, b: EntityRef) =>
      a.label === b.label && a.id.toLowerCase() === b.id.toLowerCase();
    if (same(request.from, request.to)) throw new BadUserInputError('to', 'must differ from "from"');
    const paths = await readShortestPaths(context.db, request);
    if (paths.length > 0) return paths;
    // No path: either there is none, or an end does not exist (refused with suggestions) or
    // was typed in another case (read again with the stored ids).
    const ends = await checkEntityRefs(
      context.db,
      { from: request.from, to: request.to },
      { from: 'from.id', to: 'to.id' },
    );
    if (ends.from.id === request.from.id && ends.to.id === request.to.id) return paths;
    return readShortestPaths(context.db, { ...request, ...ends });
  },
};

const MEASURES: Record<CentralityMeasure, RankingMeasure> = {
  DEGREE: 'degree',
  DEGREE_CENTRALITY: 'degreeCentrality',
  WEIGHTED_DEGREE: 'weightedDegree',
  BETWEENNESS: 'betweenness',
  PAGE_RANK: 'pageRank',
};

function nodeModel(network: NetworkModel, id: string): NetworkNodeModel {
  const node = network.analysed.node(id);
  if (!node) throw new TypeError(`network ${network.analysed.data.name} has no node "${id}"`);
  return { network, node };
}

export const Network: NetworkResolvers = {
  name: (network) => network.analysed.data.name,
  description: (network) => network.analysed.data.description,
  bipartite: (network) => network.analysed.data.bipartite,
  nodes: (network) => network.analysed.data.nodes.map((node) => ({ network, node })),
  edges: (network) => network.analysed.data.edges,
  nodeCount: (network) => network.analysed.data.nodes.length,
  edgeCount: (network) => network.analysed.data.edges.length,
  totalWeight: (network) => network.analysed.data.edges.reduce((sum, edge) => sum + edge.weight, 0),
  totalNodeCount: (network) => network.analysed.data.totalNodeCount,
  truncated: (network) => network.analysed.data.truncated,
  node: (network, { id }) => (network.analysed.node(id) ? nodeModel(network, id) : null),
  ranking: (network, { measure, first, kinds }) => {
    const limit = boundedInteger(first, 'first', BOUNDS.ranking);
    const wanted = kinds?.length ? new Set<string>(kinds) : null;
    const include = wanted ? (id: string) => wanted.has(network.analysed.node(id)?.kind ?? '') : undefined;
    return rankNodes(
      network.analysed.measures().byNode,
      MEASURES[measure ?? 'PAGE_RANK'],
      limit,
      include,
    ).map((row) => ({
      rank: row.rank,
      score: row.score,
      node: nodeModel(network, row.id),
    }));
  },
  communities: (network) =>
    network.analysed.communities().map((community) => ({
      ...community,
      members: community.members.map((id) => nodeModel(network, id)),
    })),
  modularity: (network) => network.analysed.measures().partition.modularity,
  document: (network, { format }) =>
    networkDocument(format, network.analysed.data, network.analysed.measures()),
  downloadUrl: (network, { format }, { baseUrl }) => downloadUrl(network.source, format, baseUrl),
  coverage: async (network, _, context) => {
    const projection = await gapProjection(context);
    const minConfidence =
      network.source.type === 'projection' ? (network.source.request.filter.minConfidence ?? null) : null;
    return networkCoverage(network.analysed.data, projection.calls, minConfidence);
  },
  shortestPaths: (network, { from, to, weighted, first }) => {
    const ends = { from: networkNodeId(network, from, 'from'), to: networkNodeId(network, to, 'to') };
    if (ends.from === ends.to) throw new BadUserInputError('to', 'must differ from "from"');
    return networkShortestPaths(network.analysed.data, ends.from, ends.to, {
      weighted: weighted ?? false,
      first: boundedInteger(first, 'first', BOUNDS.paths),
    }).map((path) => ({ network, path }));
  },
};

/** The id of a node of `network` named by `id` in any case, or BAD_USER_INPUT with the nearest node ids. */
function networkNodeId(network: NetworkModel, id: string, argument: string): string {
  const ids = network.analysed.data.nodes.map((node) => node.id);
  const found = ids.find((candidate) => candidate.toLowerCase() === id.trim().toLowerCase());
  if (found !== undefined) return found;
  const suggestions = nearestIds(id, ids);
  throw new BadUserInputError(
    argument,
    `no node "${id}" in the network ${network.analysed.data.name}${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
    { unknownIds: [id], suggestions },
  );
}

export const NetworkPath: NetworkPathResolvers = {
  length: ({ path }) => path.length,
  cost: ({ path }) => path.cost,
  nodes: ({ network, path }) => path.nodeIds.map((id) => nodeModel(network, id)),
  edges: ({ path }) => path.edges,
};

function measuresOf(parent: NetworkNodeModel) {
  const measures = parent.network.analysed.measures().byNode.get(parent.node.id);
  if (!measures) throw new TypeError(`no measures for network node "${parent.node.id}"`);
  return measures;
}

async function loadEntity(context: RequestContext, node: NetworkNodeData): Promise<TypedNode | null> {
  const label: EntityLabel | null = labelOfKind(node.kind);
  if (!label) throw new TypeError(`network node "${node.id}" has an unknown kind ${node.kind}`);
  const entity = await context.loaders.byId(label).load(node.id);
  return entity ? ({ ...entity, __typename: label } as TypedNode) : null;
}

function coordinates(node: NetworkNodeData): Coordinates | null {
  return node.coordinates;
}

export const NetworkNode: NetworkNodeResolvers = {
  id: ({ node }) => node.id,
  label: ({ node }) => node.label,
  kind: ({ node }) => node.kind as EntityKind,
  attributes: ({ node }) => node.attributes,
  coordinates: ({ node }) => coordinates(node),
  coordinateBasis: ({ node }) => node.coordinates?.basis ?? 'NONE',
  lowSupport: ({ network, node }) =>
    nodeLowSupport(network.analysed.data.edges[0]?.evidenceKind, node.attributes.evidenceCount),
  degree: (parent) => measuresOf(parent).degree,
  degreeCentrality: (parent) => measuresOf(parent).degreeCentrality,
  weightedDegree: (parent) => measuresOf(parent).weightedDegree,
  betweenness: (parent) => measuresOf(parent).betweenness,
  pageRank: (parent) => measuresOf(parent).pageRank,
  community: (parent) => measuresOf(parent).community,
  entity: ({ node }, _, context) => loadEntity(context, node),
  edges: ({ network, node }, { first }) =>
    network.analysed
      .ties(node.id)
      .slice(0, boundedInteger(first, 'first', BOUNDS.nodeTies))
      .map((tie) => tie.edge),
  neighbours: ({ network, node }, { first }) =>
    network.analysed
      .ties(node.id)
      .slice(0, boundedInteger(first, 'first', BOUNDS.nodeTies))
      .map((tie) => ({
        rank: tie.rank,
        weight: tie.edge.weight,
        node: nodeModel(network, tie.neighbour),
        edge: tie.edge,
      })),
};

export const NetworkNeighbour: NetworkNeighbourResolvers = {};

/** Evidence records that exist (a record deleted since the projection is skipped). */
function present<T>(results: Array<T | null | Error>): T[] {
  return results.filter((result): result is T => result !== null && !(result instanceof Error));
}

export const NetworkEdge: NetworkEdgeResolvers = {
  evidenceKind: (edge) => edge.evidenceKind,
  projects: async (edge, _, { loaders }) =>
    edge.evidenceKind === 'PROJECT' ? present(await loaders.byId('Project').loadMany(edge.evidenceIds)) : [],
  calls: async (edge, _, { loaders }) =>
    edge.evidenceKind === 'CALL' ? present(await loaders.byId('Call').loadMany(edge.evidenceIds)) : [],
};

export const RankedNetworkNode: RankedNetworkNodeResolvers = {};
export const Community: CommunityResolvers = {};

export const GraphPath: GraphPathResolvers = {
  length: (path) => path.relationships.length,
  relationships: (path) =>
    path.relationships.map((relationship) => {
      if (!(RELATIONSHIP_TYPES as readonly string[]).includes(relationship.type)) {
        throw new TypeError(`path relationship of unknown type ${relationship.type}`);
      }
      return { ...relationship, type: relationship.type as RelationshipType };
    }),
};

export const PathNode: PathNodeResolvers = {
  kind: (node) => node.kind as EntityKind,
  coordinates: (node) => coordinates(node),
  entity: (node, _, context) => loadEntity(context, node),
};

/** Every resolver of this module, keyed by type, to merge into the resolver map. */
export const networkTypeResolvers = {
  JSON: JSONScalar,
  Network,
  NetworkNode,
  NetworkEdge,
  NetworkNeighbour,
  RankedNetworkNode,
  Community,
  GraphPath,
  PathNode,
  NetworkPath,
};
