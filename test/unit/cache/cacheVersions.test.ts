// CacheVersions: cache versions that grow across databases, so that an answer of a replaced
// database is never current again, whatever data versions the new one reaches.

import { CacheVersions } from '../../../src/cache/cacheVersions';
import { VersionedCache } from '../../../src/cache/versionedCache';

describe('CacheVersions', () => {
  it('keeps the data versions of the first epoch as they are', () => {
    const versions = new CacheVersions();
    expect([0, 1, 7].map((version) => versions.of({ epoch: 'a', version }))).toEqual([0, 1, 7]);
  });

  it('puts a new epoch above every version given so far, late reads of it included', () => {
    const versions = new CacheVersions();
    expect(versions.of({ epoch: 'a', version: 9 })).toBe(9);
    const replaced = versions.of({ epoch: 'b', version: 3 });
    expect(replaced).toBeGreaterThan(9);
    // A read of b begun before its third write: still above everything of a.
    expect(versions.of({ epoch: 'b', version: 2 })).toBeGreaterThan(9);
    expect(versions.of({ epoch: 'b', version: 4 })).toBe(replaced + 1);
  });

  it('when a replaced database climbs back to the old data version, then the old answer is not served', () => {
    const versions = new CacheVersions();
    const answers = new VersionedCache<string>({ maxEntries: 10 });
    answers.set(versions.of({ epoch: 'old', version: 5 }), 'query', 'answer of the old database');
    for (let version = 0; version <= 6; version += 1) {
      expect(answers.get(versions.of({ epoch: 'new', version }), 'query')).toBeUndefined();
    }
  });

  it('when a late read of the old database arrives, then neither database is served the other one’s answers', () => {
    const versions = new CacheVersions();
    const answers = new VersionedCache<string>({ maxEntries: 10 });
    answers.set(versions.of({ epoch: 'old', version: 5 }), 'query', 'old');
    answers.set(versions.of({ epoch: 'new', version: 1 }), 'query', 'new');
    expect(answers.get(versions.of({ epoch: 'old', version: 5 }), 'query')).toBeUndefined();
    expect(answers.get(versions.of({ epoch: 'new', version: 1 }), 'query')).toBeUndefined();
  });

  it('refuses a data version that is not a whole number from 0', () => {
    expect(() => new CacheVersions().of({ epoch: 'a', version: -1 })).toThrow(TypeError);
  });
});
