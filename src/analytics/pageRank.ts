// Weighted PageRank of every node of a network (graphology-metrics).

import type Graph from 'graphology-types';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { assertGraph } from './assertGraph';

/** The damping factor: the probability of following an edge rather than jumping anywhere. */
export const PAGE_RANK_ALPHA = 0.85;

/**
 * PageRank with damping 0.85 on the weighted network: a walker at v follows the edge to u
 * with probability w(v,u) / strength(v), and otherwise jumps to a node chosen uniformly;
 * PR(u) = (1 - alpha) / n + alpha * sum_v PR(v) * w(v,u) / strength(v), plus isolated
 * nodes' mass spread uniformly. Scores sum to 1. Iterates to a tolerance of 1e-10 (at most
 * 1000 iterations). An empty graph gives {}.
 * Authority: Brin and Page (1998); graphology-metrics (which follows networkx).
 */
export function pageRank(graph: Graph): Record<string, number> {
  assertGraph(graph, 'pageRank');
  if (graph.order === 0) return {};
  return pagerank(graph, {
    alpha: PAGE_RANK_ALPHA,
    getEdgeWeight: 'weight',
    tolerance: 1e-10,
    maxIterations: 1000,
  });
}
