// Every shortest path between two nodes of a projected network (e.g. AECC -> FNR -> SAMRC on the
// co-funding network): hops count 1 each, or 1/weight when weighted, so that a path through
// strong ties (many shared calls) is shorter than one through weak ties. Pure.

import type { NetworkData, NetworkEdgeData } from './networkData';

/** One shortest path: node ids from start to end and the edges between consecutive nodes. */
export interface NetworkPathData {
  nodeIds: string[];
  edges: NetworkEdgeData[];
  /** Number of edges. */
  length: number;
  /** Sum of the edges' costs: their number unweighted, the sum of 1/weight weighted. */
  cost: number;
}

export interface ShortestPathOptions {
  /** Cost of an edge 1/weight (true) or 1 (false). */
  weighted: boolean;
  /** Largest number of paths returned, >= 1. */
  first: number;
}

// Costs that differ by less than this are equal: 1/3 + 1/6 and 1/2 must tie.
const EPSILON = 1e-9;

/**
 * Every shortest path from `from` to `to` (Dijkstra keeping every predecessor on a shortest
 * path; costs are positive), at most `first`, ordered by their node ids. Empty when the two
 * nodes are not connected; a node that is not in the network is a TypeError (the caller
 * checks ids first).
 */
export function networkShortestPaths(
  data: NetworkData,
  from: string,
  to: string,
  options: ShortestPathOptions,
): NetworkPathData[] {
  const ids = new Set(data.nodes.map((node) => node.id));
  for (const id of [from, to]) {
    if (!ids.has(id)) throw new TypeError(`networkShortestPaths: no node "${id}" in ${data.name}`);
  }
  if (!Number.isInteger(options.first) || options.first < 1) {
    throw new TypeError(
      `networkShortestPaths expects a positive integer first, received ${String(options.first)}`,
    );
  }
  const neighbours = new Map<string, Array<{ id: string; edge: NetworkEdgeData; cost: number }>>();
  for (const edge of data.edges) {
    const cost = options.weighted ? 1 / edge.weight : 1;
    for (const [a, b] of [
      [edge.source, edge.target],
      [edge.target, edge.source],
    ] as const) {
      if (!neighbours.has(a)) neighbours.set(a, []);
      neighbours.get(a)!.push({ id: b, edge, cost });
    }
  }
  const distance = new Map<string, number>([[from, 0]]);
  const previous = new Map<string, Array<{ id: string; edge: NetworkEdgeData }>>();
  const done = new Set<string>();
  // The networks have at most 1000 nodes: a linear scan for the nearest open node is enough.
  for (;;) {
    let current: string | null = null;
    for (const [id, d] of distance)
      if (!done.has(id) && (current === null || d < distance.get(current)!)) current = id;
    if (current === null || current === to) break;
    done.add(current);
    for (const next of neighbours.get(current) ?? []) {
      const candidate = distance.get(current)! + next.cost;
      const known = distance.get(next.id);
      if (known === undefined || candidate < known - EPSILON) {
        distance.set(next.id, candidate);
        previous.set(next.id, [{ id: current, edge: next.edge }]);
      } else if (Math.abs(candidate - known) <= EPSILON && !done.has(next.id)) {
        previous.get(next.id)!.push({ id: current, edge: next.edge });
      }
    }
  }
  if (!distance.has(to) || from === to) return [];
  // The predecessors form a DAG of every shortest path; walk it forwards from `from`, children
  // in id order, so the first `first` paths found are the first in id order and the (possibly
  // very many) others are never enumerated.
  const successors = new Map<string, Array<{ id: string; edge: NetworkEdgeData }>>();
  const pending = [to];
  const seen = new Set(pending);
  while (pending.length > 0) {
    const id = pending.pop()!;
    for (const step of previous.get(id) ?? []) {
      if (!successors.has(step.id)) successors.set(step.id, []);
      successors.get(step.id)!.push({ id, edge: step.edge });
      if (!seen.has(step.id)) {
        seen.add(step.id);
        pending.push(step.id);
      }
    }
  }
  for (const list of successors.values()) list.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const paths: NetworkPathData[] = [];
  const cost = distance.get(to)!;
  const walk = (id: string, nodeIds: string[], edges: NetworkEdgeData[]): void => {
    if (paths.length >= options.first) return;
    if (id === to) {
      paths.push({ nodeIds: [...nodeIds], edges: [...edges], length: edges.length, cost });
      return;
    }
    for (const step of successors.get(id) ?? []) walk(step.id, [...nodeIds, step.id], [...edges, step.edge]);
  };
  walk(from, [from], []);
  return paths;
}
