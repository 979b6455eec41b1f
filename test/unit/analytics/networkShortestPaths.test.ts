// networkShortestPaths on hand-made networks whose shortest paths are known.

import type { NetworkData, NetworkEdgeData } from '../../../src/analytics/networkData';
import { networkShortestPaths } from '../../../src/analytics/networkShortestPaths';

function network(edges: Array<[string, string, number]>, extraNodes: string[] = []): NetworkData {
  const ids = [...new Set([...edges.flatMap(([a, b]) => [a, b]), ...extraNodes])].sort();
  return {
    name: 'hand',
    description: 'hand-made',
    bipartite: false,
    nodes: ids.map((id) => ({ id, label: id, kind: 'FUNDER', attributes: {}, coordinates: null })),
    edges: edges.map(([source, target, weight]): NetworkEdgeData => ({
      source,
      target,
      weight,
      evidenceKind: 'CALL',
      evidenceIds: [],
      relationshipTypes: [],
    })),
    totalNodeCount: ids.length,
    truncated: false,
  };
}

// A square a-b-d, a-c-d with a weak direct-ish detour: a-b (1), b-d (1), a-c (4), c-d (4), a-e (1), e-f (1), f-d (1).
const SQUARE = network(
  [
    ['a', 'b', 1],
    ['b', 'd', 1],
    ['a', 'c', 4],
    ['c', 'd', 4],
    ['a', 'e', 1],
    ['e', 'f', 1],
    ['f', 'd', 1],
  ],
  ['z'],
);

describe('networkShortestPaths', () => {
  it('finds every path with the fewest hops, in node-id order, when unweighted', () => {
    const paths = networkShortestPaths(SQUARE, 'a', 'd', { weighted: false, first: 10 });
    expect(paths.map((path) => path.nodeIds.join('-'))).toEqual(['a-b-d', 'a-c-d']);
    expect(paths.every((path) => path.length === 2 && path.cost === 2)).toBe(true);
  });

  it('prefers strong ties when weighted: cost is the sum of 1/weight', () => {
    const paths = networkShortestPaths(SQUARE, 'a', 'd', { weighted: true, first: 10 });
    // a-c-d costs 1/4 + 1/4 = 0.5; a-b-d costs 2; a-e-f-d costs 3.
    expect(paths.map((path) => path.nodeIds.join('-'))).toEqual(['a-c-d']);
    expect(paths[0]?.cost).toBeCloseTo(0.5);
  });

  it('keeps ties of equal weighted cost (1/2 + 1/2 equals 1/4 + 1/4 + 1/2)', () => {
    const ties = network([
      ['a', 'b', 2],
      ['b', 'd', 2],
      ['a', 'c', 4],
      ['c', 'e', 4],
      ['e', 'd', 2],
    ]);
    expect(
      networkShortestPaths(ties, 'a', 'd', { weighted: true, first: 10 }).map((p) => p.nodeIds.join('-')),
    ).toEqual(['a-b-d', 'a-c-e-d']);
  });

  it('returns the edges between consecutive nodes', () => {
    const [path] = networkShortestPaths(SQUARE, 'a', 'd', { weighted: false, first: 1 });
    expect(path?.edges.map((edge) => `${edge.source}-${edge.target}`)).toEqual(['a-b', 'b-d']);
  });

  it('stops at `first` paths', () => {
    expect(networkShortestPaths(SQUARE, 'a', 'd', { weighted: false, first: 1 })).toHaveLength(1);
  });

  it('returns nothing between unconnected nodes', () => {
    expect(networkShortestPaths(SQUARE, 'a', 'z', { weighted: false, first: 10 })).toEqual([]);
  });

  it('throws a TypeError for a node that is not in the network', () => {
    expect(() => networkShortestPaths(SQUARE, 'a', 'nope', { weighted: false, first: 10 })).toThrow(
      TypeError,
    );
  });
});
