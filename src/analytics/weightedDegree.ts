// Weighted degree (strength) of every node of a network (graphology-metrics).

import type Graph from 'graphology-types';
import { weightedDegree as libraryWeightedDegree } from 'graphology-metrics/node/weighted-degree';
import { assertGraph } from './assertGraph';

/**
 * The weighted degree (strength) of every node: the sum of the `weight` attributes of its
 * edges, e.g. for co-funding by shared calls the number of (partner, call) pairs a funder
 * has. Edges without a numeric weight count 1 (graphology-metrics' convention).
 */
export function weightedDegree(graph: Graph): Record<string, number> {
  assertGraph(graph, 'weightedDegree');
  const result: Record<string, number> = {};
  graph.forEachNode((node) => {
    result[node] = libraryWeightedDegree(graph, node, 'weight');
  });
  return result;
}
