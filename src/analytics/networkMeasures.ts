// Every node measure of a network at once (degree, weighted degree, betweenness, PageRank,
// Louvain community), the table resolvers and exporters read.

import type Graph from 'graphology-types';
import { betweenness } from './betweenness';
import { degree, degreeCentrality } from './degreeCentrality';
import { type CommunityPartition, louvainCommunities } from './louvainCommunities';
import { pageRank } from './pageRank';
import { weightedDegree } from './weightedDegree';

/** The measures of one node. */
export interface NodeMeasures {
  /** Number of neighbours. */
  degree: number;
  /** degree / (n - 1). */
  degreeCentrality: number;
  /** Sum of edge weights. */
  weightedDegree: number;
  /** Normalised hop betweenness, 0 to 1. */
  betweenness: number;
  /** Weighted PageRank (damping 0.85); sums to 1 over the network. */
  pageRank: number;
  /** Louvain community number, 1 = largest. */
  community: number;
}

export interface NetworkMeasures {
  /** Measures by node id. */
  byNode: Map<string, NodeMeasures>;
  partition: CommunityPartition;
}

/**
 * Computes every measure for every node of `graph` (see the measure modules for formulas).
 * Cost is dominated by betweenness, O(n m) on an unweighted graph: a few milliseconds for
 * the networks of this graph.
 */
export function networkMeasures(graph: Graph): NetworkMeasures {
  const degrees = degree(graph);
  const centrality = degreeCentrality(graph);
  const strengths = weightedDegree(graph);
  const between = betweenness(graph);
  const ranks = pageRank(graph);
  const partition = louvainCommunities(graph);
  const byNode = new Map<string, NodeMeasures>();
  graph.forEachNode((node) => {
    byNode.set(node, {
      degree: degrees[node] ?? 0,
      degreeCentrality: centrality[node] ?? 0,
      weightedDegree: strengths[node] ?? 0,
      betweenness: between[node] ?? 0,
      pageRank: ranks[node] ?? 0,
      community: partition.communities[node] ?? 0,
    });
  });
  return { byNode, partition };
}
