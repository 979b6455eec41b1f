import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { pageRank } from '../../../src/analytics/pageRank';
import { isolated, star, weightedPath } from '../../fixtures/handNetworks';

describe('pageRank', () => {
  it('solves the star by hand: centre 0.8875 / 1.85, leaves (1 - centre) / 3', () => {
    // n = 4, alpha = 0.85. Each leaf sends all its rank to s; s splits its rank in three.
    // s = 0.15/4 + 0.85 * 3y and y = 0.15/4 + 0.85 * s/3, with s + 3y = 1
    // => s = 0.0375 + 0.85 (1 - s) => 1.85 s = 0.8875 => s = 0.479729..., y = 0.173423...
    const result = pageRank(buildNetworkGraph(star()));
    expect(result.s).toBeCloseTo(0.8875 / 1.85, 8);
    for (const leaf of ['x', 'y', 'z']) expect(result[leaf]).toBeCloseTo((1 - 0.8875 / 1.85) / 3, 8);
  });

  it('follows weights: on a -2- b -1- c, b = 18/37, a = 12.05/37, c = 6.95/37', () => {
    // Transitions: a->b 1; b->a 2/3, b->c 1/3; c->b 1. Teleport (1 - 0.85)/3 = 0.05.
    // a = 0.05 + 0.85 * 2/3 b; c = 0.05 + 0.85 * 1/3 b; b = 0.05 + 0.85 (a + c)
    // a + c = 0.1 + 0.85 b => b = 0.05 + 0.085 + 0.7225 b => b = 0.135 / 0.2775 = 18/37
    // a = 0.05 + 0.85 * 12/37 = 12.05/37; c = 0.05 + 0.85 * 6/37 = 6.95/37.
    const result = pageRank(buildNetworkGraph(weightedPath()));
    expect(result.b).toBeCloseTo(18 / 37, 8);
    expect(result.a).toBeCloseTo(12.05 / 37, 8);
    expect(result.c).toBeCloseTo(6.95 / 37, 8);
  });

  it('spreads rank evenly over isolated nodes', () => {
    const result = pageRank(buildNetworkGraph(isolated()));
    for (const id of ['p', 'q', 'r']) expect(result[id]).toBeCloseTo(1 / 3, 10);
  });

  it('returns {} for an empty graph', () => {
    expect(pageRank(buildNetworkGraph({ nodes: [], edges: [] }))).toEqual({});
  });
});
