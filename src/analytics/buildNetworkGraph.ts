// Turns a projected network (plain data) into a graphology UndirectedGraph, the input of
// every measure in src/analytics, checking that edges name known nodes and carry weights.

import { UndirectedGraph } from 'graphology';
import type { NetworkData, NetworkEdgeData, NetworkNodeData } from './networkData';

/** Node attributes of a network graph: the node's data as projected. */
export type NetworkNodeAttributes = Omit<NetworkNodeData, 'id'>;
/** Edge attributes of a network graph; `weight` is what weighted measures read. */
export type NetworkEdgeAttributes = Omit<NetworkEdgeData, 'source' | 'target'>;
export type NetworkGraph = UndirectedGraph<NetworkNodeAttributes, NetworkEdgeAttributes>;

/** The key of the edge between two nodes, the same whichever end comes first. */
export function edgeKey(a: string, b: string): string {
  return a < b ? `${a}--${b}` : `${b}--${a}`;
}

/**
 * Builds an undirected simple graph: one node per network node (key = id), one edge per
 * network edge (key = edgeKey(source, target)) with the edge's data as attributes.
 *
 * @throws TypeError when a node id repeats, an edge names a node that is not in
 *   `nodes`, an edge is a self-loop or repeats a pair, or a weight is not a positive
 *   finite number: projections never produce these, so they mean a caller's bug.
 */
export function buildNetworkGraph(network: Pick<NetworkData, 'nodes' | 'edges'>): NetworkGraph {
  if (!network || !Array.isArray(network.nodes) || !Array.isArray(network.edges)) {
    throw new TypeError(`buildNetworkGraph expects { nodes: [], edges: [] }, received ${describe(network)}`);
  }
  const graph: NetworkGraph = new UndirectedGraph({ allowSelfLoops: false, multi: false });
  for (const { id, ...attributes } of network.nodes) {
    if (graph.hasNode(id))
      throw new TypeError(`buildNetworkGraph expects unique node ids, received "${id}" twice`);
    graph.addNode(id, attributes);
  }
  for (const { source, target, ...attributes } of network.edges) {
    for (const end of [source, target]) {
      if (!graph.hasNode(end)) {
        throw new TypeError(
          `buildNetworkGraph expects edges between listed nodes, received an edge to unknown node "${end}"`,
        );
      }
    }
    if (source === target)
      throw new TypeError(`buildNetworkGraph expects no self-loops, received one on "${source}"`);
    if (!(
      typeof attributes.weight === 'number' &&
      Number.isFinite(attributes.weight) &&
      attributes.weight > 0
    )) {
      throw new TypeError(
        `buildNetworkGraph expects positive finite weights, received ${String(attributes.weight)} on ${source}--${target}`,
      );
    }
    const key = edgeKey(source, target);
    if (graph.hasEdge(key))
      throw new TypeError(`buildNetworkGraph expects one edge per pair, received ${key} twice`);
    graph.addUndirectedEdgeWithKey(key, source, target, attributes);
  }
  return graph;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object'
    ? `an object with keys ${Object.keys(value).join(', ') || '(none)'}`
    : typeof value;
}
