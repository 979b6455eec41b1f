// networkSizes on the hand-made networks of test/fixtures/handNetworks.ts.

import { networkSizes } from '../../../src/analytics/networkSizes';
import { barbell, isolated, star, weightedPath } from '../../fixtures/handNetworks';

describe('networkSizes', () => {
  it('counts the nodes before the limit, the edges, the busiest node and the heaviest edge', () => {
    // the barbell: 6 nodes, 7 edges, c and d with 3 each, every weight 1
    expect(networkSizes(barbell())).toEqual({ nodes: 6, edges: 7, maxDegree: 3, maxWeight: 1 });
    expect(networkSizes(weightedPath())).toEqual({ nodes: 3, edges: 2, maxDegree: 2, maxWeight: 2 });
    expect(networkSizes(star()).maxDegree).toBe(3);
  });

  it('counts a self-loop once at its node', () => {
    const looped = star();
    looped.edges.push({ ...looped.edges[0]!, target: looped.edges[0]!.source });
    // s: x, y, z and itself
    expect(networkSizes(looped).maxDegree).toBe(4);
  });

  it('leaves out what a cut network cannot tell', () => {
    expect(networkSizes({ ...barbell(), totalNodeCount: 400, truncated: true })).toEqual({
      nodes: 400,
      edges: null,
      maxDegree: null,
      maxWeight: null,
    });
  });

  it('gives zeros for a network without edges', () => {
    expect(networkSizes(isolated())).toEqual({ nodes: 3, edges: 0, maxDegree: 0, maxWeight: 0 });
  });
});
