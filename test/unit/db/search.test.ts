// toLuceneQuery: any user text becomes a query that matches its words literally.

import { toLuceneQuery } from '../../../src/db/search';

describe('toLuceneQuery', () => {
  it('searches each word as itself or as a prefix', () => {
    expect(toLuceneQuery('cancer  biomarkers')).toBe('(cancer OR cancer*) (biomarkers OR biomarkers*)');
  });

  it.each(['+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '\\', '/'])(
    'escapes %s inside a word',
    (char) => {
      expect(toLuceneQuery(`a${char}b`)).toBe(`(a\\${char}b OR a\\${char}b*)`);
    },
  );

  it('lower-cases the operator words so they are plain terms', () => {
    expect(toLuceneQuery('AND OR NOT TO')).toBe('(and OR and*) (or OR or*) (not OR not*) (to OR to*)');
  });

  it('returns null when only punctuation is left', () => {
    expect(toLuceneQuery('&& || !')).toBeNull();
    expect(toLuceneQuery('   ')).toBeNull();
  });
});
