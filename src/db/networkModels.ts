// The parent models of the network types (codegen.ts maps Network, NetworkNode, ... onto
// them): an analysed network with the request it was read from, and its parts.

import type { AnalysedNetwork } from '../analytics/analyseNetwork';
import type { NetworkEdgeData, NetworkNodeData } from '../analytics/networkData';
import type { NetworkPathData } from '../analytics/networkShortestPaths';
import type { NeighbourhoodRequest, NetworkRequest, PathData } from './networks';

/** What a network answer was made from: enough to make it again (download URLs). */
export type NetworkSource =
  { type: 'projection'; request: NetworkRequest } | { type: 'neighbourhood'; request: NeighbourhoodRequest };

/** The parent of Network fields. */
export interface NetworkModel {
  analysed: AnalysedNetwork;
  source: NetworkSource;
}

/** The parent of NetworkNode fields: the node and the network it is measured in. */
export interface NetworkNodeModel {
  network: NetworkModel;
  node: NetworkNodeData;
}
/** The parent of NetworkEdge fields. */
export type NetworkEdgeModel = NetworkEdgeData;
/** The parent of RankedNetworkNode fields. */
export interface RankedNetworkNodeModel {
  rank: number;
  score: number;
  node: NetworkNodeModel;
}
/** The parent of NetworkNeighbour fields: a tie of a node (src/analytics/nodeTies.ts). */
export interface NetworkNeighbourModel {
  rank: number;
  weight: number;
  node: NetworkNodeModel;
  edge: NetworkEdgeModel;
}
/** The parent of Community fields. */
export interface CommunityModel {
  id: number;
  size: number;
  internalWeight: number;
  members: NetworkNodeModel[];
}
/** The parent of GraphPath fields. */
export type GraphPathModel = PathData;
/** The parent of PathNode fields. */
export type PathNodeModel = NetworkNodeData;
/** The parent of NetworkPath fields: a path and the network its nodes are measured in. */
export interface NetworkPathModel {
  network: NetworkModel;
  path: NetworkPathData;
}
