// filterClause: only the filter fields that are set become predicates, values stay parameters;
// pageQuery: the page statement, with the list's total inside it when asked.

import { ALL_PROPERTIES, filterClause, pageQuery } from '../../../src/db/listQuery';
import { cursorScope, encodeCursor } from '../../../src/db/pagination';
import type { Db } from '../../../src/db/run';
import { FUNDERS } from '../../../src/db/funding';
import { PROJECTS } from '../../../src/db/projects';

describe('filterClause', () => {
  it('returns no predicate for an absent filter', () => {
    expect(filterClause(FUNDERS, null)).toEqual({ predicates: [], params: {}, fields: [] });
  });

  it('adds one predicate per field that is set and passes its value as a parameter', () => {
    const { predicates, params } = filterClause(FUNDERS, { countries: ['DE'], kinds: null, text: undefined });
    expect(predicates).toEqual(['(n.countryCode IN $countries)']);
    expect(params).toEqual({ countries: ['DE'] });
  });

  it('analyses the text filter as search does: folded, American spelling, stems', () => {
    expect(filterClause(FUNDERS, { text: 'IsCiii' }).params.text).toEqual([
      { word: 'isciii', stem: 'isciii' },
    ]);
    expect(filterClause(PROJECTS, { text: 'Leukaemias' }).params.text).toEqual([
      { word: 'leukemias', stem: 'leukemia' },
    ]);
  });

  it('upper-cases country codes so that lower-case codes match', () => {
    expect(filterClause(PROJECTS, { countries: ['de', ' fr '] }).params.countries).toEqual(['DE', 'FR']);
    expect(filterClause(FUNDERS, { countries: ['es'] }).params.countries).toEqual(['ES']);
  });

  it('never puts a value into the Cypher text', () => {
    const { predicates } = filterClause(FUNDERS, { text: "x') OR 1=1 //", ids: ['a"b'] });
    expect(predicates.join(' ')).not.toContain('1=1');
    expect(predicates.join(' ')).not.toContain('a"b');
  });

  it('supplies the defaults that link predicates read when their own fields are unset', () => {
    expect(filterClause(PROJECTS, { gaps: ['gap-x'] }).params).toEqual({
      provenance: null,
      minConfidence: null,
      gaps: ['gap-x'],
    });
  });
});

describe('pageQuery', () => {
  // pageQuery only builds the statement; a Db that refuses every call proves nothing ran.
  const db = new Proxy({} as Db, {
    get: () => () => {
      throw new Error('pageQuery must not run a statement');
    },
  });
  const limits = { defaultPageSize: 20, maxPageSize: 100 };
  const args = {
    filter: { countries: ['DE'] },
    sort: { field: 'NAME' as const, direction: 'ASC' as const },
    first: 2,
  };

  it('counts the matches in the page statement when asked, with the same filter, before the page', () => {
    const query = pageQuery(db, FUNDERS, args, limits, ALL_PROPERTIES, true);
    const lines = query.cypher.split('\n');
    expect(lines[0]).toBe(
      'CALL { MATCH (n:Funder) WHERE (n.countryCode IN $countries) RETURN count(n) AS _total }',
    );
    expect(query.cypher).toContain('WITH n, _total, ');
    expect(lines[lines.length - 1]).toBe('RETURN n {.*} AS node, sortKey, _total AS total');
  });

  it('reads the total from the rows, so no count statement runs', async () => {
    const query = pageQuery(db, FUNDERS, args, limits, ALL_PROPERTIES, true);
    const rows = [{ node: { id: 'a' }, sortKey: 'a', total: 7 }];
    await expect(query.toConnection(rows as never).totalCount()).resolves.toBe(7);
  });

  it('leaves the count out unless asked', () => {
    const query = pageQuery(db, FUNDERS, args, limits);
    expect(query.cypher).not.toContain('_total');
    expect(query.cypher.split('\n')[0]).toBe('MATCH (n:Funder)');
  });

  it('seeks a page after a cursor as the rest of its key, then the keys after it, each cut at the limit', () => {
    const after = encodeCursor(cursorScope('projects', 'YEAR', 'DESC'), { value: 2022, id: 'p-7' });
    const query = pageQuery(
      db,
      PROJECTS,
      { filter: { countries: ['DE'] }, sort: { field: 'YEAR', direction: 'DESC' }, first: 50, after },
      limits,
    );
    const seek = (conditions: string) => [
      '  MATCH (n:Project)',
      `  WHERE ${conditions} AND (EXISTS { MATCH (n)-[:HAS_PARTNER_IN]->(c:Country) WHERE c.code IN $countries })`,
      '  WITH n ORDER BY n.sortYearDesc ASC, n.id ASC',
      '  LIMIT $_limit',
      '  RETURN n',
    ];
    expect(query.cypher.split('\n')).toEqual([
      'CALL {',
      ...seek('n.sortYearDesc = $_afterKey AND n.id > $_afterId'),
      '  UNION ALL',
      ...seek('n.sortYearDesc > $_afterKey AND n.id IS NOT NULL'),
      '}',
      'WITH n, n.sortYearDesc AS sortKey',
      'ORDER BY n.sortYearDesc ASC, n.id ASC',
      'LIMIT $_limit',
      'RETURN n {.*} AS node, sortKey',
    ]);
    // The stored key of newest-first holds the negated year.
    expect(query.params).toMatchObject({ _afterKey: -2022, _afterId: 'p-7', countries: ['DE'] });
  });

  it('scans the key index from its start for a first page', () => {
    const query = pageQuery(db, PROJECTS, { sort: { field: 'YEAR', direction: 'DESC' }, first: 50 }, limits);
    expect(query.cypher.split('\n')).toEqual([
      'MATCH (n:Project)',
      'WHERE n.sortYearDesc IS NOT NULL AND n.id IS NOT NULL',
      'WITH n, n.sortYearDesc AS sortKey',
      'ORDER BY n.sortYearDesc ASC, n.id ASC',
      'LIMIT $_limit',
      'RETURN n {.*} AS node, sortKey',
    ]);
  });
});
