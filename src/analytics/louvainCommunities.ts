// Louvain communities of a weighted undirected network (graphology-communities-louvain),
// made deterministic and numbered by size so that answers and exports are reproducible.

import type Graph from 'graphology-types';
import louvain from 'graphology-communities-louvain';
import { assertGraph } from './assertGraph';

export interface CommunityPartition {
  /** Community number of every node: 1 is the largest community, then 2, ...; ties by smallest member id. */
  communities: Record<string, number>;
  /** Number of communities (isolated nodes form one each). */
  count: number;
  /**
   * Modularity of the partition on the weighted network:
   * Q = sum_c [ W_c / m - (S_c / 2m)^2 ], with W_c the weight inside community c, S_c the
   * sum of its nodes' strengths and m the total weight; null when the network has no edge.
   */
  modularity: number | null;
}

/**
 * Partitions the network with the Louvain method (Blondel et al. 2008, J. Stat. Mech.
 * P10008) at resolution 1, using edge weights. Nodes are visited in insertion order
 * (no random walk), so one network always gives the same partition; communities are then
 * renumbered from 1 by decreasing size, ties broken by their smallest node id, which is
 * also what VOSviewer expects of cluster numbers. A network without edges puts every
 * node in its own community.
 */
export function louvainCommunities(graph: Graph): CommunityPartition {
  assertGraph(graph, 'louvainCommunities');
  if (graph.size === 0) {
    const sorted = [...graph.nodes()].sort();
    return {
      communities: Object.fromEntries(sorted.map((node, index) => [node, index + 1])),
      count: sorted.length,
      modularity: null,
    };
  }
  const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', randomWalk: false, resolution: 1 });
  const members = new Map<number, string[]>();
  for (const [node, community] of Object.entries(detailed.communities)) {
    const list = members.get(community) ?? [];
    list.push(node);
    members.set(community, list);
  }
  const ordered = [...members.values()]
    .map((list) => list.sort())
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const communities: Record<string, number> = {};
  ordered.forEach((list, index) => {
    for (const node of list) communities[node] = index + 1;
  });
  return { communities, count: ordered.length, modularity: detailed.modularity };
}
