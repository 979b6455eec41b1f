import { analyseNetwork } from '../../../src/analytics/analyseNetwork';
import { columnType, nodeTable } from '../../../src/export/nodeTable';
import { tinyNetwork } from '../../fixtures/export/tinyNetwork';

describe('columnType', () => {
  it('picks the narrowest type that holds every non-null value', () => {
    expect(columnType([1, 2, null])).toBe('integer');
    expect(columnType([1, 2.5])).toBe('double');
    expect(columnType([true, null, false])).toBe('boolean');
    expect(columnType([1, 'a'])).toBe('string');
    expect(columnType([null, null])).toBe('string');
  });
});

describe('nodeTable', () => {
  it('flattens kind, attributes in order of first appearance, coordinates and measures', () => {
    const network = tinyNetwork();
    const table = nodeTable(network, analyseNetwork(network).measures());
    expect(table.columns.map((column) => column.key)).toEqual([
      'kind',
      'code',
      'evidenceCount',
      'latitude',
      'longitude',
      'coordinateBasis',
      'coordinatePrecision',
      'coordinateSource',
      'degree',
      'degreeCentrality',
      'weightedDegree',
      'betweenness',
      'pageRank',
      'community',
    ]);
    expect(table.rows[2]).toMatchObject({
      id: 'gap-care',
      values: { kind: 'KNOWLEDGE_GAP', code: null, latitude: null, degree: 1 },
    });
  });

  it('throws a TypeError naming a node that has no measures', () => {
    const network = tinyNetwork();
    const measures = analyseNetwork({
      ...network,
      nodes: network.nodes.slice(0, 2),
      edges: network.edges.slice(0, 1),
    }).measures();
    expect(() => nodeTable(network, measures)).toThrow(
      new TypeError('nodeTable expects measures for every node, received none for "gap-care"'),
    );
  });
});
