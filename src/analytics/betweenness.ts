// Betweenness centrality of every node of an undirected network (graphology-metrics,
// Brandes' algorithm), on hop distances.

import type Graph from 'graphology-types';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { assertGraph } from './assertGraph';

/**
 * Normalised betweenness: for each node v, the sum over unordered pairs {s, t} (s, t != v)
 * of sigma_st(v) / sigma_st (the share of shortest s-t paths through v), times
 * 2 / ((n - 1)(n - 2)), so it runs from 0 (on no shortest path) to 1 (the centre of a
 * star). Paths are counted in hops: weights are strengths of ties, not distances, so they
 * are ignored here. Networks of fewer than three nodes give 0 everywhere.
 * Authority: U. Brandes (2001), J. Math. Sociol. 25(2); graphology-metrics.
 */
export function betweenness(graph: Graph): Record<string, number> {
  assertGraph(graph, 'betweenness');
  if (graph.order < 3) return Object.fromEntries(graph.nodes().map((node) => [node, 0]));
  return betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
}
