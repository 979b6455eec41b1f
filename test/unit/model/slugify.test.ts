// slugify: the id-making rule for regions and organisations.

import { slugify } from '../../../src/model/slugify';

describe('slugify', () => {
  it.each([
    ['University of Helsinki', 'university-of-helsinki'],
    ['Charité – Universitätsmedizin Berlin', 'charite-universitatsmedizin-berlin'],
    ["Meyer Children's University Hospital", 'meyer-childrens-university-hospital'],
    ['  Fédération  Wallonie-Bruxelles ', 'federation-wallonie-bruxelles'],
  ])('turns "%s" into "%s"', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('throws a TypeError for text without letters or digits', () => {
    expect(() => slugify(' – ')).toThrow(
      new TypeError('slugify expected text with at least one letter or digit, received " – "'),
    );
  });

  it('throws a TypeError for a value that is not a string', () => {
    expect(() => slugify(null as unknown as string)).toThrow(
      new TypeError('slugify expected a string, received null'),
    );
  });
});
