// Degree and degree centrality of every node of an undirected network (graphology-metrics).

import type Graph from 'graphology-types';
import { degreeCentrality as libraryDegreeCentrality } from 'graphology-metrics/centrality/degree';
import { assertGraph } from './assertGraph';

/**
 * The degree of every node: how many distinct neighbours it has (edge weights ignored).
 * On a simple undirected graph this is graphology's `graph.degree(node)`.
 */
export function degree(graph: Graph): Record<string, number> {
  assertGraph(graph, 'degree');
  const result: Record<string, number> = {};
  graph.forEachNode((node) => {
    result[node] = graph.degree(node);
  });
  return result;
}

/**
 * Degree centrality: degree / (n - 1), from 0 (isolated) to 1 (linked to every other node),
 * as graphology-metrics computes it (Freeman 1978). A network of fewer than two nodes
 * has centrality 0 everywhere (the ratio is undefined there).
 */
export function degreeCentrality(graph: Graph): Record<string, number> {
  assertGraph(graph, 'degreeCentrality');
  if (graph.order < 2) return Object.fromEntries(graph.nodes().map((node) => [node, 0]));
  return libraryDegreeCentrality(graph);
}
