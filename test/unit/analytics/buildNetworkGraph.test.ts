import { buildNetworkGraph, edgeKey } from '../../../src/analytics/buildNetworkGraph';
import { barbell, weightedPath } from '../../fixtures/handNetworks';

describe('buildNetworkGraph', () => {
  it('builds an undirected graph with one node per network node and one edge per network edge', () => {
    const graph = buildNetworkGraph(barbell());
    expect(graph.type).toBe('undirected');
    expect(graph.order).toBe(6);
    expect(graph.size).toBe(7);
    expect(graph.hasEdge(edgeKey('d', 'c'))).toBe(true);
    expect(graph.getNodeAttribute('a', 'label')).toBe('A');
  });

  it('keeps each edge weight and evidence as attributes', () => {
    const graph = buildNetworkGraph(weightedPath());
    expect(graph.getEdgeAttributes(edgeKey('a', 'b'))).toMatchObject({
      weight: 2,
      evidenceKind: 'CALL',
      evidenceIds: ['call-a-b-1', 'call-a-b-2'],
    });
  });

  it('throws a TypeError naming the unknown node of an edge', () => {
    const data = weightedPath();
    data.edges.push({ ...data.edges[0]!, source: 'a', target: 'zz' });
    expect(() => buildNetworkGraph(data)).toThrow(
      new TypeError(
        'buildNetworkGraph expects edges between listed nodes, received an edge to unknown node "zz"',
      ),
    );
  });

  it('throws a TypeError on a weight that is not positive', () => {
    const data = weightedPath();
    data.edges[0]!.weight = 0;
    expect(() => buildNetworkGraph(data)).toThrow(/expects positive finite weights, received 0 on a--b/);
  });

  it('throws a TypeError on a repeated pair, in either order', () => {
    const data = weightedPath();
    data.edges.push({ ...data.edges[0]!, source: 'b', target: 'a' });
    expect(() => buildNetworkGraph(data)).toThrow(/one edge per pair, received a--b twice/);
  });

  it('throws a TypeError on a self-loop and on repeated node ids', () => {
    const loop = weightedPath();
    loop.edges.push({ ...loop.edges[0]!, source: 'c', target: 'c' });
    expect(() => buildNetworkGraph(loop)).toThrow(/no self-loops, received one on "c"/);
    const twice = weightedPath();
    twice.nodes.push(twice.nodes[0]!);
    expect(() => buildNetworkGraph(twice)).toThrow(/unique node ids, received "a" twice/);
  });

  it('throws a TypeError naming what it received when given something else', () => {
    expect(() => buildNetworkGraph(null as never)).toThrow(
      new TypeError('buildNetworkGraph expects { nodes: [], edges: [] }, received null'),
    );
    expect(() => buildNetworkGraph({ nodes: [] } as never)).toThrow(/received an object with keys nodes/);
  });
});
