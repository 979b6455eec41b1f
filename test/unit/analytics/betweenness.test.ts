import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { betweenness } from '../../../src/analytics/betweenness';
import { barbell, star, weightedPath } from '../../fixtures/handNetworks';

describe('betweenness', () => {
  it('gives the bridge ends of the barbell 0.6 and the corners 0', () => {
    // Pairs through c: {a,b} x {d,e,f} = 6 pairs, each with one shortest path, all via c
    // (and via d). Normalised: 6 * 2 / ((n - 1)(n - 2)) = 6 * 2 / (5 * 4) = 0.6.
    // a lies on no shortest path (a-b and a-c are direct; b-c is direct).
    const result = betweenness(buildNetworkGraph(barbell()));
    expect(result.c).toBeCloseTo(0.6, 12);
    expect(result.d).toBeCloseTo(0.6, 12);
    for (const corner of ['a', 'b', 'e', 'f']) expect(result[corner]).toBe(0);
  });

  it('gives the centre of a star 1 and its leaves 0', () => {
    // Every pair of the 3 leaves (3 pairs) passes through s: 3 * 2 / (3 * 2) = 1.
    expect(betweenness(buildNetworkGraph(star()))).toEqual({ s: 1, x: 0, y: 0, z: 0 });
  });

  it('counts hops, not weights: the middle of a weighted path gets 1', () => {
    // The only pair not involving b, {a, c}, goes through b: 1 * 2 / (2 * 1) = 1.
    expect(betweenness(buildNetworkGraph(weightedPath()))).toEqual({ a: 0, b: 1, c: 0 });
  });

  it('is 0 everywhere below three nodes', () => {
    const two = weightedPath();
    two.nodes = two.nodes.slice(0, 2);
    two.edges = two.edges.slice(0, 1);
    expect(betweenness(buildNetworkGraph(two))).toEqual({ a: 0, b: 0 });
  });
});
