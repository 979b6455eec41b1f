// The forms a EuroSciVoc subject filter compares: codes with one leading slash, label paths in
// lower case without outer slashes, so both exports' spellings (issue 18) find the same subject.

import { subjectFilterValues } from '../../../src/db/subjects';
import { subjectList } from '../../../src/resolvers/arguments';

describe('subjectFilterValues', () => {
  it('gives a code one leading slash, with or without it as given', () => {
    expect(subjectFilterValues(['/21/33/5029300', '21/33', ' 21 '])).toEqual([
      '/21/33/5029300',
      '/21/33',
      '/21',
    ]);
  });

  it('lower-cases a label path and drops its outer slashes and the spaces around its separators', () => {
    expect(
      subjectFilterValues(['/Medical and Health Sciences / health sciences/personalized medicine/']),
    ).toEqual(['medical and health sciences/health sciences/personalized medicine']);
  });

  it('keeps each form once', () => {
    expect(subjectFilterValues(['/21/33', '21/33/'])).toEqual(['/21/33']);
  });
});

describe('subjectList', () => {
  it('leaves an absent filter absent', () => {
    expect(subjectList(undefined, 'filter.subjects')).toBeNull();
  });

  it('refuses an empty list, a value of slashes only and a value over 200 characters, naming the argument', () => {
    expect(() => subjectList([], 'filter.subjects')).toThrow(
      'Invalid argument "filter.subjects": must name at least one value when given',
    );
    expect(() => subjectList([' / '], 'filter.subjects')).toThrow(/filter\.subjects.*must name a subject/);
    expect(() => subjectList(['x'.repeat(201)], 'filter.subjects')).toThrow(/1 to 200 characters/);
  });
});
