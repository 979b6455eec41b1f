import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import { networkMeasures } from '../../../src/analytics/networkMeasures';
import { rankNodes } from '../../../src/analytics/rankNodes';
import { barbell } from '../../fixtures/handNetworks';

const measures = networkMeasures(buildNetworkGraph(barbell())).byNode;

describe('rankNodes', () => {
  it('ranks the barbell by degree: c and d share rank 1, the corners rank 3, ties by id', () => {
    expect(rankNodes(measures, 'degree', 4)).toEqual([
      { id: 'c', rank: 1, score: 3 },
      { id: 'd', rank: 1, score: 3 },
      { id: 'a', rank: 3, score: 2 },
      { id: 'b', rank: 3, score: 2 },
    ]);
  });

  it('ranks by betweenness and keeps only the nodes `include` accepts', () => {
    const ranked = rankNodes(measures, 'betweenness', 10, (id) => id !== 'c');
    expect(ranked.map((row) => row.id)).toEqual(['d', 'a', 'b', 'e', 'f']);
    expect(ranked[0]).toEqual({ id: 'd', rank: 1, score: expect.closeTo(0.6, 12) });
    expect(ranked[1]!.rank).toBe(2);
  });

  it('returns nothing for first = 0', () => {
    expect(rankNodes(measures, 'pageRank', 0)).toEqual([]);
  });

  it('throws a TypeError for an unknown measure or a bad first', () => {
    expect(() => rankNodes(measures, 'community' as never, 3)).toThrow(
      /expects a measure among degree, .*received community/,
    );
    expect(() => rankNodes(measures, 'degree', 1.5)).toThrow(
      new TypeError('rankNodes expects a non-negative integer "first", received 1.5'),
    );
  });
});
