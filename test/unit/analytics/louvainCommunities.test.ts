import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { louvainCommunities } from '../../../src/analytics/louvainCommunities';
import { barbell, isolated } from '../../fixtures/handNetworks';

describe('louvainCommunities', () => {
  it('splits the barbell into its two triangles, the one holding "a" first', () => {
    const partition = louvainCommunities(buildNetworkGraph(barbell()));
    expect(partition.communities).toEqual({ a: 1, b: 1, c: 1, d: 2, e: 2, f: 2 });
    expect(partition.count).toBe(2);
  });

  it('reports the modularity computed by hand: 5/14', () => {
    // m = 7 edges. Each triangle: 3 inner edges, degree sum 2 + 2 + 3 = 7.
    // Q = 2 * (3/7 - (7/14)^2) = 2 * (3/7 - 1/4) = 5/14 = 0.357142...
    expect(louvainCommunities(buildNetworkGraph(barbell())).modularity).toBeCloseTo(5 / 14, 10);
  });

  it('gives the same answer on every run (no random walk)', () => {
    const runs = Array.from(
      { length: 5 },
      () => louvainCommunities(buildNetworkGraph(barbell())).communities,
    );
    for (const run of runs) expect(run).toEqual(runs[0]);
  });

  it('puts every node of an edgeless network in its own community, numbered by id, with no modularity', () => {
    expect(louvainCommunities(buildNetworkGraph(isolated()))).toEqual({
      communities: { p: 1, q: 2, r: 3 },
      count: 3,
      modularity: null,
    });
  });

  it('numbers the larger community 1 whatever the ids', () => {
    // Triangle x, y, z plus the pair a-b: the triangle (3 nodes) comes before {a, b}.
    const data = barbell();
    data.nodes = ['a', 'b', 'x', 'y', 'z'].map((id) => ({ ...data.nodes[0]!, id }));
    data.edges = [
      { ...data.edges[0]!, source: 'a', target: 'b' },
      { ...data.edges[0]!, source: 'x', target: 'y' },
      { ...data.edges[0]!, source: 'y', target: 'z' },
      { ...data.edges[0]!, source: 'x', target: 'z' },
    ];
    expect(louvainCommunities(buildNetworkGraph(data)).communities).toEqual({ x: 1, y: 1, z: 1, a: 2, b: 2 });
  });
});
