// A node's ties in a network, heaviest first: "with whom does ISCIII co-fund most?" answered
// from the edges already projected. Pure.

import type { NetworkEdgeData } from './networkData';

/** One tie of a node: the node at the other end and the edge joining them. */
export interface NodeTie {
  /** 1-based; equal weights share a rank (competition ranking: 1, 2, 2, 4). */
  rank: number;
  /** Id of the node at the other end. */
  neighbour: string;
  edge: NetworkEdgeData;
}

/**
 * Every node's ties, heaviest edge first, ties by the neighbour's id ascending; ranks are
 * competition ranks over each node's own list. A node without edges has no entry (read it as
 * an empty list). One pass over the edges, then one sort per node: O(E log E).
 *
 * @throws TypeError on a self-loop, which no projection produces.
 */
export function tiesByNode(edges: readonly NetworkEdgeData[]): Map<string, NodeTie[]> {
  const byNode = new Map<string, Array<Omit<NodeTie, 'rank'>>>();
  const add = (node: string, neighbour: string, edge: NetworkEdgeData) => {
    const list = byNode.get(node) ?? [];
    list.push({ neighbour, edge });
    byNode.set(node, list);
  };
  for (const edge of edges) {
    if (edge.source === edge.target)
      throw new TypeError(`tiesByNode expects no self-loops, received one on "${edge.source}"`);
    add(edge.source, edge.target, edge);
    add(edge.target, edge.source, edge);
  }
  const ranked = new Map<string, NodeTie[]>();
  for (const [node, list] of byNode) {
    list.sort(
      (a, b) =>
        b.edge.weight - a.edge.weight || (a.neighbour < b.neighbour ? -1 : a.neighbour > b.neighbour ? 1 : 0),
    );
    const ties: NodeTie[] = [];
    list.forEach((tie, index) => {
      const previous = ties[index - 1];
      const tied = previous !== undefined && previous.edge.weight === tie.edge.weight;
      ties.push({ ...tie, rank: tied ? previous.rank : index + 1 });
    });
    ranked.set(node, ties);
  }
  return ranked;
}
