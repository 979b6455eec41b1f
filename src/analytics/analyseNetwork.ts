// A projected network with its graph, measures and community summaries computed once, on
// first use, so that many fields or formats of one answer share one computation.

import { buildNetworkGraph, type NetworkGraph } from './buildNetworkGraph';
import type { NetworkData, NetworkNodeData } from './networkData';
import { networkMeasures, type NetworkMeasures } from './networkMeasures';
import { type NodeTie, tiesByNode } from './nodeTies';

/** One community of a partition, with its members. */
export interface CommunitySummary {
  /** Community number (1 = largest). */
  id: number;
  size: number;
  /** Sum of the weights of edges with both ends in the community. */
  internalWeight: number;
  /** Member node ids, sorted. */
  members: string[];
}

export interface AnalysedNetwork {
  readonly data: NetworkData;
  /** The graphology graph (built on first call). */
  graph(): NetworkGraph;
  /** Every node measure (computed on first call). */
  measures(): NetworkMeasures;
  /** Communities by number, 1 first. */
  communities(): CommunitySummary[];
  /** A node by id, or undefined. */
  node(id: string): NetworkNodeData | undefined;
  /** A node's ties, heaviest first (src/analytics/nodeTies.ts); empty for an unknown or isolated node. */
  ties(id: string): readonly NodeTie[];
}

/** Wraps network data; nothing is computed until asked for, and then only once. */
export function analyseNetwork(data: NetworkData): AnalysedNetwork {
  let graph: NetworkGraph | undefined;
  let measures: NetworkMeasures | undefined;
  let communities: CommunitySummary[] | undefined;
  let nodes: Map<string, NetworkNodeData> | undefined;
  let ties: Map<string, NodeTie[]> | undefined;
  const self: AnalysedNetwork = {
    data,
    graph: () => (graph ??= buildNetworkGraph(data)),
    measures: () => (measures ??= networkMeasures(self.graph())),
    communities: () => (communities ??= summariseCommunities(data, self.measures())),
    node: (id) => (nodes ??= new Map(data.nodes.map((node) => [node.id, node]))).get(id),
    ties: (id) => (ties ??= tiesByNode(data.edges)).get(id) ?? [],
  };
  return self;
}

/** Groups nodes by community and sums the weight inside each. */
export function summariseCommunities(
  data: Pick<NetworkData, 'edges'>,
  measures: NetworkMeasures,
): CommunitySummary[] {
  const byId = new Map<number, CommunitySummary>();
  for (const [node, values] of measures.byNode) {
    const summary = byId.get(values.community) ?? {
      id: values.community,
      size: 0,
      internalWeight: 0,
      members: [],
    };
    summary.size += 1;
    summary.members.push(node);
    byId.set(values.community, summary);
  }
  for (const edge of data.edges) {
    const a = measures.byNode.get(edge.source)?.community;
    if (a !== undefined && a === measures.byNode.get(edge.target)?.community)
      byId.get(a)!.internalWeight += edge.weight;
  }
  return [...byId.values()]
    .map((summary) => ({ ...summary, members: summary.members.sort() }))
    .sort((x, y) => x.id - y.id);
}
