// Fetches a network for the current view state: one GraphQL operation per view, whose text
// the "query" link hands to the playground unchanged.

import { graphql } from './api';

export type NetworkKind = 'cofunding' | 'collaboration' | 'bipartite';

export interface ApiNetworkNode {
  id: string;
  label: string;
  kind: string;
  attributes: Record<string, unknown>;
  coordinates: {
    latitude: number;
    longitude: number;
    basis: string;
    precision: string;
    source: string;
  } | null;
  degree: number;
  weightedDegree: number;
  betweenness: number;
  pageRank: number;
  community: number;
}

export interface ApiNetwork {
  name: string;
  description: string;
  nodeCount: number;
  edgeCount: number;
  totalWeight: number;
  totalNodeCount: number;
  truncated: boolean;
  modularity: number | null;
  nodes: ApiNetworkNode[];
  edges: { source: string; target: string; weight: number }[];
  gexf: string;
  geojson: string;
  csv: string;
}

const NETWORK_FIELDS = `
  name description nodeCount edgeCount totalWeight totalNodeCount truncated modularity
  nodes { id label kind attributes degree weightedDegree betweenness pageRank community
          coordinates { latitude longitude basis precision source } }
  edges { source target weight }
  gexf: downloadUrl(format: GEXF)
  geojson: downloadUrl(format: GEOJSON)
  csv: downloadUrl(format: EDGES_CSV)`;

/** The operation text of a network kind; its variables come from {@link networkVariables}. */
export function networkQuery(kind: NetworkKind): string {
  switch (kind) {
    case 'cofunding':
      return `query ExplorerCofunding($basis: NetworkBasis, $filter: NetworkFilter, $limit: Int) {
  network: cofundingNetwork(basis: $basis, filter: $filter, limit: $limit) {${NETWORK_FIELDS}
  }
}`;
    case 'collaboration':
      return `query ExplorerCollaboration($level: CollaborationLevel!, $filter: NetworkFilter, $limit: Int) {
  network: collaborationNetwork(level: $level, filter: $filter, limit: $limit) {${NETWORK_FIELDS}
  }
}`;
    case 'bipartite':
      return `query ExplorerBipartite($actors: BipartiteActors!, $targets: BipartiteTargets!, $basis: NetworkBasis,
  $filter: NetworkFilter, $limit: Int) {
  network: bipartiteNetwork(actors: $actors, targets: $targets, basis: $basis, filter: $filter, limit: $limit) {${NETWORK_FIELDS}
  }
}`;
  }
}

/** Filter parameters of the URL that map onto NetworkFilter fields (lists are comma-separated). */
export const FILTER_PARAMS: Record<
  string,
  { field: string; list: boolean; integer?: boolean; upperCase?: boolean }
> = {
  programme: { field: 'programmes', list: true },
  callKind: { field: 'callKinds', list: true },
  call: { field: 'calls', list: true },
  yearFrom: { field: 'yearFrom', list: false, integer: true },
  yearTo: { field: 'yearTo', list: false, integer: true },
  country: { field: 'countries', list: true },
  gap: { field: 'gaps', list: true },
  // DatasetId values are enum constants: dataset=cordis_horizon_europe reads as the export routes read it.
  dataset: { field: 'datasets', list: true, upperCase: true },
};

/**
 * The variables of a network query from URL parameters. Filter fields the server does not
 * offer (`supported`) are left out rather than sent and refused.
 */
export function networkVariables(
  kind: NetworkKind,
  params: URLSearchParams,
  supported: Set<string>,
): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [param, spec] of Object.entries(FILTER_PARAMS)) {
    const raw = params.get(param);
    if (!raw || (supported.size > 0 && !supported.has(spec.field))) continue;
    if (spec.list)
      filter[spec.field] = raw
        .split(',')
        .map((value) => (spec.upperCase ? value.trim().toUpperCase() : value.trim()))
        .filter(Boolean);
    else if (spec.integer && /^\d{4}$/.test(raw)) filter[spec.field] = Number(raw);
  }
  const variables: Record<string, unknown> = { limit: 1000 };
  if (Object.keys(filter).length > 0) variables['filter'] = filter;
  if (kind === 'cofunding') variables['basis'] = params.get('basis') === 'PROJECTS' ? 'PROJECTS' : 'CALLS';
  if (kind === 'collaboration') {
    variables['level'] = params.get('level') === 'ORGANISATIONS' ? 'ORGANISATIONS' : 'COUNTRIES';
  }
  if (kind === 'bipartite') {
    variables['actors'] = params.get('actors') === 'COUNTRIES' ? 'COUNTRIES' : 'FUNDERS';
    variables['targets'] = params.get('targets') === 'OBJECTIVES' ? 'OBJECTIVES' : 'GAPS';
    variables['basis'] = params.get('basis') === 'CALLS' ? 'CALLS' : 'PROJECTS';
  }
  return variables;
}

export function networkKindOf(params: URLSearchParams): NetworkKind {
  const kind = params.get('net');
  return kind === 'collaboration' || kind === 'bipartite' ? kind : 'cofunding';
}

/** Fetches the network the parameters describe. */
export async function fetchNetwork(
  kind: NetworkKind,
  variables: Record<string, unknown>,
): Promise<ApiNetwork> {
  const data = await graphql<{ network: ApiNetwork }>(networkQuery(kind), variables);
  return data.network;
}
