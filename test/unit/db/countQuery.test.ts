// countStatement: which statement counts a list's matches, from the filter's nodes where the
// spec says how, from the degree store for one value of one field, else by scanning the label.

import { countStatement } from '../../../src/db/countQuery';
import { filterClause } from '../../../src/db/listQuery';
import { PROJECTS, type ProjectListFilter } from '../../../src/db/projects';

function countOf(filter: ProjectListFilter | null, alias?: string) {
  const { fields, params } = filterClause(PROJECTS, filter);
  return countStatement(PROJECTS, fields, params, alias);
}

describe('countStatement', () => {
  it('scans the label when no filter is set', () => {
    expect(countOf(null).cypher).toBe('MATCH (n:Project) RETURN count(n) AS total');
  });

  it('scans the label with the predicates when no set field can drive the count', () => {
    const { cypher, params } = countOf({ yearFrom: 2020 });
    expect(cypher).toBe('MATCH (n:Project) WHERE (n.year >= $yearFrom) RETURN count(n) AS total');
    expect(params).toMatchObject({ yearFrom: 2020 });
  });

  it('reads the degree of the one node when one field holds one value and nothing else is set', () => {
    const { cypher, params } = countOf({ countries: ['de'] }, '_total');
    expect(cypher).toBe(
      'MATCH (c:Country) WHERE c.code = $countries[0]\nRETURN sum(COUNT { (c)<-[:HAS_PARTNER_IN]-() }) AS _total',
    );
    expect(params).toMatchObject({ countries: ['DE'] });
  });

  it('treats one value given twice as one value', () => {
    expect(countOf({ funders: ['anr-fr', 'anr-fr'] }).cypher).toContain('COUNT { (f)-[:FUNDS]->() }');
  });

  it('starts from the named nodes and counts each project once when a field holds several values', () => {
    expect(countOf({ countries: ['DE', 'FR'] }).cypher).toBe(
      'MATCH (c:Country)<-[:HAS_PARTNER_IN]-(n:Project) WHERE c.code IN $countries\n' +
        'WITH DISTINCT n\nRETURN count(n) AS total',
    );
  });

  it('applies the other set fields to the nodes it started from', () => {
    const { cypher, params } = countOf({ calls: ['jtc2020'], yearFrom: 2020, countries: ['DE'] });
    // The first set field (in the spec's order) that has a count plan drives; the others filter,
    // after WITH DISTINCT n, so that their own `c` is not the driving one.
    expect(cypher.split('\n')).toEqual([
      'MATCH (c:Call)-[:FUNDED]->(n:Project) WHERE c.id IN $calls',
      'WITH DISTINCT n',
      'WHERE (EXISTS { MATCH (n)-[:HAS_PARTNER_IN]->(c:Country) WHERE c.code IN $countries }) ' +
        'AND (n.year >= $yearFrom)',
      'RETURN count(n) AS total',
    ]);
    expect(params).toMatchObject({ calls: ['jtc2020'], yearFrom: 2020, countries: ['DE'] });
  });
});
