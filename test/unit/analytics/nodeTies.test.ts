import { analyseNetwork } from '../../../src/analytics/analyseNetwork';
import type { NetworkEdgeData } from '../../../src/analytics/networkData';
import { tiesByNode } from '../../../src/analytics/nodeTies';
import { barbell, isolated, star, weightedPath } from '../../fixtures/handNetworks';

/** The neighbour ids, weights and ranks of a node's ties, as a test reads them. */
function tiesOf(edges: readonly NetworkEdgeData[], id: string) {
  return (tiesByNode(edges).get(id) ?? []).map((tie) => [tie.neighbour, tie.edge.weight, tie.rank]);
}

describe('tiesByNode', () => {
  it("lists each end of an edge as the other end's neighbour", () => {
    expect(tiesOf(star().edges, 's')).toEqual([
      ['x', 1, 1],
      ['y', 1, 1],
      ['z', 1, 1],
    ]);
    expect(tiesOf(star().edges, 'y')).toEqual([['s', 1, 1]]);
  });

  it('puts the heaviest tie first: b on the weighted path a -2- b -1- c', () => {
    expect(tiesOf(weightedPath().edges, 'b')).toEqual([
      ['a', 2, 1],
      ['c', 1, 2],
    ]);
  });

  it('gives equal weights one rank and the next weight the competition rank after them', () => {
    const edges: NetworkEdgeData[] = [
      ['h', 'p', 3],
      ['h', 'q', 5],
      ['h', 'r', 3],
      ['h', 's', 1],
    ].map(([source, target, weight]) => ({
      source: source as string,
      target: target as string,
      weight: weight as number,
      evidenceKind: 'CALL',
      evidenceIds: [],
      relationshipTypes: [],
    }));
    expect(tiesOf(edges, 'h')).toEqual([
      ['q', 5, 1],
      ['p', 3, 2],
      ['r', 3, 2],
      ['s', 1, 4],
    ]);
  });

  it('keeps the edge itself, so its evidence ids come with the tie', () => {
    const path = weightedPath();
    const [tie] = tiesByNode(path.edges).get('a') ?? [];
    expect(tie?.edge).toBe(path.edges[0]);
    expect(tie?.edge.evidenceIds).toEqual(['call-a-b-1', 'call-a-b-2']);
  });

  it('has no entry for a node without edges', () => {
    expect(tiesByNode(isolated().edges).size).toBe(0);
  });

  it('throws a TypeError on a self-loop', () => {
    const loop = { ...star().edges[0]!, target: 's' };
    expect(() => tiesByNode([loop])).toThrow(
      new TypeError('tiesByNode expects no self-loops, received one on "s"'),
    );
  });
});

describe('AnalysedNetwork.ties', () => {
  it('answers for every node of the barbell, the bridge ends with three ties each', () => {
    const analysed = analyseNetwork(barbell());
    expect(analysed.ties('c').map((tie) => tie.neighbour)).toEqual(['a', 'b', 'd']);
    expect(analysed.ties('a').map((tie) => tie.neighbour)).toEqual(['b', 'c']);
    expect(analysed.ties('nope')).toEqual([]);
    expect(analysed.ties('c')).toBe(analysed.ties('c'));
  });
});
