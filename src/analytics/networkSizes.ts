// The largest lists a projected network can hold, read from the network with its arguments
// left out (no filter): a filter or a node limit only removes nodes and edges, so no
// answer of that network holds more (the query price rests on these, issue 19).

import type { NetworkData } from './networkData';

export interface NetworkSizes {
  /** Nodes before any limit (totalNodeCount). */
  nodes: number;
  /** Edges of the whole network; null when `data` was cut by its limit (the cut edges are unknown). */
  edges: number | null;
  /** The most edges at one node; null when cut. */
  maxDegree: number | null;
  /** The largest edge weight (evidence items behind one edge); null when cut. */
  maxWeight: number | null;
}

/**
 * Sizes of `data`. Edges are counted per pair of nodes, as the network keeps one weighted
 * edge per pair; a self-loop counts once at its node.
 */
export function networkSizes(data: NetworkData): NetworkSizes {
  if (data.truncated) return { nodes: data.totalNodeCount, edges: null, maxDegree: null, maxWeight: null };
  const degrees = new Map<string, number>();
  let maxWeight = 0;
  for (const edge of data.edges) {
    degrees.set(edge.source, (degrees.get(edge.source) ?? 0) + 1);
    if (edge.target !== edge.source) degrees.set(edge.target, (degrees.get(edge.target) ?? 0) + 1);
    maxWeight = Math.max(maxWeight, edge.weight);
  }
  return {
    nodes: data.totalNodeCount,
    edges: data.edges.length,
    maxDegree: Math.max(0, ...degrees.values()),
    maxWeight,
  };
}
