import { analyseNetwork, summariseCommunities } from '../../../src/analytics/analyseNetwork';
import { networkMeasures } from '../../../src/analytics/networkMeasures';
import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { barbell } from '../../fixtures/handNetworks';

describe('analyseNetwork', () => {
  it('computes the graph and the measures once, on first use', () => {
    const analysed = analyseNetwork(barbell());
    expect(analysed.measures()).toBe(analysed.measures());
    expect(analysed.graph()).toBe(analysed.graph());
    expect(analysed.node('c')?.label).toBe('C');
    expect(analysed.node('nope')).toBeUndefined();
  });

  it('gives every node all measures', () => {
    expect(analyseNetwork(barbell()).measures().byNode.get('c')).toEqual({
      degree: 3,
      degreeCentrality: expect.closeTo(0.6, 12),
      weightedDegree: 3,
      betweenness: expect.closeTo(0.6, 12),
      pageRank: expect.any(Number),
      community: 1,
    });
  });
});

describe('summariseCommunities', () => {
  it('sums the weight inside each community: 3 per barbell triangle, the bridge in none', () => {
    const data = barbell();
    expect(summariseCommunities(data, networkMeasures(buildNetworkGraph(data)))).toEqual([
      { id: 1, size: 3, internalWeight: 3, members: ['a', 'b', 'c'] },
      { id: 2, size: 3, internalWeight: 3, members: ['d', 'e', 'f'] },
    ]);
  });
});
