import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { weightedDegree } from '../../../src/analytics/weightedDegree';
import { isolated, weightedPath } from '../../fixtures/handNetworks';

describe('weightedDegree', () => {
  it('sums edge weights: on a -2- b -1- c, a = 2, b = 2 + 1 = 3, c = 1', () => {
    expect(weightedDegree(buildNetworkGraph(weightedPath()))).toEqual({ a: 2, b: 3, c: 1 });
  });

  it('is 0 for isolated nodes', () => {
    expect(weightedDegree(buildNetworkGraph(isolated()))).toEqual({ p: 0, q: 0, r: 0 });
  });
});
