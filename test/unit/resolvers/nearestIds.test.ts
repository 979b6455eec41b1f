// editDistance, nearestIds, nearestAcronyms and matchIds: the suggestions that come with an unknown id.

import { editDistance, nearestAcronyms, nearestIds } from '../../../src/resolvers/nearestIds';
import { acronymKey } from '../../../src/search/searchProperties';
import { matchIds, UnknownIdError } from '../../../src/resolvers/validateIds';

const CALLS = ['jtc2018', 'jtc2019', 'jtc2020', 'jtc2021', 'jtc2022', 'jtc2024', 'nsc2025', 'ritc2026'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['jtc2099', 'jtc2019', 1],
    ['flaw', 'lawn', 2],
  ])('between %p and %p is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('nearestIds', () => {
  it('gives up to three ids, nearest first, ties by id', () => {
    expect(nearestIds('jtc2099', CALLS)).toEqual(['jtc2019', 'jtc2018', 'jtc2020']);
  });

  it('ignores case', () => {
    expect(nearestIds('JTC2023', CALLS, 1)).toEqual(['jtc2020']);
  });

  it('suggests nothing for an id unlike any other', () => {
    expect(nearestIds('zzzzzzzzzzzz', CALLS)).toEqual([]);
  });
});

describe('matchIds', () => {
  it('returns the stored ids, matched regardless of case, without duplicates', () => {
    expect(matchIds('filter.calls', 'Call', ['JTC2024', 'jtc2024', 'nsc2025'], CALLS)).toEqual([
      'jtc2024',
      'nsc2025',
    ]);
    expect(matchIds('filter.countries', 'Country', ['de'], ['DE', 'FR'])).toEqual(['DE']);
  });

  it('refuses an unknown id with BAD_USER_INPUT naming the field, the id and the nearest ids', () => {
    let error: unknown;
    try {
      matchIds('filter.calls', 'Call', ['jtc2099'], CALLS);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownIdError);
    expect((error as UnknownIdError).message).toBe(
      'Invalid argument "filter.calls": unknown call "jtc2099"; did you mean jtc2019, jtc2018, jtc2020?',
    );
    expect((error as UnknownIdError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'filter.calls',
      unknownIds: ['jtc2099'],
      suggestions: ['jtc2019', 'jtc2018', 'jtc2020'],
    });
  });
});

describe('nearestAcronyms', () => {
  const FUNDERS = [
    { id: 'isciii-es', acronym: 'ISCIII' },
    { id: 'bmbf-de', acronym: 'BMBF / BMFTR' },
    { id: 'catsalut-es-ct', acronym: 'CatSalut/DS' },
    { id: 'iacs-es-ar', acronym: 'IACS' },
    { id: 'no-acronym', acronym: null },
  ];

  it('puts an acronym equal but for case and punctuation first, with the id of its record', () => {
    expect(nearestAcronyms('catsalut-ds', FUNDERS, acronymKey, 1)).toEqual([
      { acronym: 'CatSalut/DS', id: 'catsalut-es-ct' },
    ]);
    expect(nearestAcronyms('isciii', FUNDERS, acronymKey)[0]).toEqual({ acronym: 'ISCIII', id: 'isciii-es' });
  });

  it('ranks the others by edit distance ignoring case, within half the length', () => {
    expect(nearestAcronyms('ISCII', FUNDERS, acronymKey)).toEqual([
      { acronym: 'ISCIII', id: 'isciii-es' },
      { acronym: 'IACS', id: 'iacs-es-ar' },
    ]);
  });

  it('suggests nothing for an acronym unlike any other, and skips records without one', () => {
    expect(nearestAcronyms('XYZWQ', FUNDERS, acronymKey)).toEqual([]);
  });
});
