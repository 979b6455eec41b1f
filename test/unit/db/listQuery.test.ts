// filterClause: only the filter fields that are set become predicates, values stay parameters.

import { filterClause } from '../../../src/db/listQuery';
import { FUNDERS } from '../../../src/db/funding';
import { PROJECTS } from '../../../src/db/projects';

describe('filterClause', () => {
  it('returns no predicate for an absent filter', () => {
    expect(filterClause(FUNDERS, null)).toEqual({ predicates: [], params: {} });
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
