// The statements of the graph statistics, checked as Cypher text.

import {
  largestDegreeStatements,
  largestGroupStatement,
  unlabelledDegreePattern,
} from '../../../src/db/graphStatistics';

describe('unlabelledDegreePattern', () => {
  it("drops the far end's label and the relationship's name, keeping type and direction", () => {
    expect(unlabelledDegreePattern('(from)-[:PARTICIPATES_IN]->(to:Call)')).toBe(
      '(from)-[:PARTICIPATES_IN]->()',
    );
    expect(unlabelledDegreePattern('(from)<-[r:ADDRESSES]-(to:Project)')).toBe('(from)<-[:ADDRESSES]-()');
  });

  it('gives null for a pattern of another shape', () => {
    expect(
      unlabelledDegreePattern('(from)-[:TARGETS]->(:KnowledgeGap)-[:SERVES]->(to:Objective)'),
    ).toBeNull();
    expect(unlabelledDegreePattern('(from)-[:PART_OF]-(to:Programme)')).toBeNull();
  });
});

describe('largestDegreeStatements', () => {
  it('reads each label once, by degree where the type and direction are its own, by label where shared', () => {
    const statements = largestDegreeStatements([
      { key: 'Call.funders', from: 'Call', pattern: '(from)<-[:PARTICIPATES_IN]-(to:Funder)' },
      { key: 'Call.countries', from: 'Call', pattern: '(from)<-[:PARTICIPATES_IN]-(to:Country)' },
      { key: 'Call.projects', from: 'Call', pattern: '(from)-[:FUNDED]->(to:Project)' },
      { key: 'Funder.calls', from: 'Funder', pattern: '(from)-[:PARTICIPATES_IN]->(to:Call)' },
    ]);
    expect(statements).toEqual([
      {
        from: 'Call',
        keys: ['Call.funders', 'Call.countries', 'Call.projects'],
        cypher:
          'MATCH (from:Call)\n' +
          'RETURN max(COUNT { MATCH (from)<-[:PARTICIPATES_IN]-(to:Funder) }) AS d0, ' +
          'max(COUNT { MATCH (from)<-[:PARTICIPATES_IN]-(to:Country) }) AS d1, ' +
          'max(COUNT { MATCH (from)-[:FUNDED]->() }) AS d2',
      },
      {
        from: 'Funder',
        keys: ['Funder.calls'],
        cypher: 'MATCH (from:Funder)\nRETURN max(COUNT { MATCH (from)-[:PARTICIPATES_IN]->() }) AS d0',
      },
    ]);
  });

  it('refuses a label or pattern that is not a plain name from (from)', () => {
    expect(() =>
      largestDegreeStatements([{ key: 'x', from: 'Call) DETACH DELETE (n', pattern: '(from)' }]),
    ).toThrow(TypeError);
    expect(() => largestDegreeStatements([{ key: 'x', from: 'Call', pattern: '(n)-->()' }])).toThrow(
      'largestDegreeStatements expected a pattern from (from), received (n)-->()',
    );
  });
});

describe('largestGroupStatement', () => {
  it('counts the nodes sharing each value of the property and keeps the largest', () => {
    expect(largestGroupStatement({ key: 'k', label: 'Funder', property: 'countryCode' })).toBe(
      'MATCH (n:Funder) WHERE n.countryCode IS NOT NULL\n' +
        'WITH n.countryCode AS value, count(*) AS nodes\n' +
        'RETURN max(nodes) AS largest',
    );
  });

  it('refuses a property that is not a plain name', () => {
    expect(() => largestGroupStatement({ key: 'k', label: 'Funder', property: 'a.b' })).toThrow(
      'largestGroupStatement: property expected a plain name, received "a.b"',
    );
  });
});
