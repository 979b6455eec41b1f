// Specifies the caches keyed by data version: entries live for one version, the byte budget
// evicts the least recently used, and shared computations run once per version.

import { VersionedCache, VersionedMemo } from '../../../src/cache/versionedCache';

const sized = (maxBytes: number) =>
  new VersionedCache<{ bytes: number }>({ maxBytes, sizeOf: (value) => value.bytes });

describe('VersionedCache', () => {
  it('returns an entry stored at the same version', () => {
    const cache = sized(100);
    expect(cache.get(3, 'a')).toBeUndefined();
    expect(cache.set(3, 'a', { bytes: 10 })).toBe(true);
    expect(cache.get(3, 'a')).toEqual({ bytes: 10 });
  });

  it('drops every entry when a newer version is seen', () => {
    const cache = sized(100);
    cache.set(3, 'a', { bytes: 10 });
    expect(cache.get(4, 'a')).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0, budgetBytes: 100, version: 4 });
  });

  it('neither serves nor stores for a version older than the newest seen', () => {
    const cache = sized(100);
    cache.set(4, 'a', { bytes: 10 });
    expect(cache.get(3, 'a')).toBeUndefined();
    expect(cache.set(3, 'b', { bytes: 10 })).toBe(false);
    expect(cache.get(4, 'b')).toBeUndefined();
  });

  it('evicts the least recently used entries to stay within the byte budget', () => {
    const cache = sized(100);
    cache.set(1, 'a', { bytes: 40 });
    cache.set(1, 'b', { bytes: 40 });
    cache.get(1, 'a');
    cache.set(1, 'c', { bytes: 40 });
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')).toBeDefined();
    expect(cache.get(1, 'c')).toBeDefined();
    expect(cache.stats().bytes).toBe(80);
  });

  it('does not keep an entry larger than the whole budget', () => {
    const cache = sized(100);
    expect(cache.set(1, 'huge', { bytes: 101 })).toBe(false);
    expect(cache.get(1, 'huge')).toBeUndefined();
  });

  it('rejects a version that is not a non-negative integer and options without a bound', () => {
    expect(() => sized(100).get(-1, 'a')).toThrow(TypeError);
    expect(() => sized(100).get(1.5, 'a')).toThrow(TypeError);
    expect(() => new VersionedCache({})).toThrow(/maxEntries or maxBytes/);
    expect(() => new VersionedCache({ maxBytes: 10 })).toThrow(/sizeOf/);
  });
});

describe('VersionedMemo', () => {
  it('computes once per version and key, concurrent callers sharing the computation', async () => {
    const memo = new VersionedMemo(10);
    let runs = 0;
    const compute = async () => {
      runs += 1;
      return runs;
    };
    const [first, second] = await Promise.all([memo.get(1, 'k', compute), memo.get(1, 'k', compute)]);
    expect([first, second, runs]).toEqual([1, 1, 1]);
    expect(await memo.get(2, 'k', compute)).toBe(2);
  });

  it('forgets a computation that failed, so the next caller computes again', async () => {
    const memo = new VersionedMemo(10);
    await expect(memo.get(1, 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await memo.get(1, 'k', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries results per version', async () => {
    const memo = new VersionedMemo(2);
    await memo.get(1, 'a', async () => 'a');
    await memo.get(1, 'b', async () => 'b');
    await memo.get(1, 'c', async () => 'c');
    expect(memo.stats()).toMatchObject({ entries: 2, version: 1 });
  });

  it('counts each result at its size once computed, and keeps the most recently used within maxBytes', async () => {
    const memo = new VersionedMemo({ maxEntries: 10, maxBytes: 100, sizeOf: (r) => (r as string).length });
    await memo.get(1, 'a', async () => 'x'.repeat(40));
    await memo.get(1, 'b', async () => 'y'.repeat(40));
    await new Promise((resolve) => setImmediate(resolve));
    expect(memo.stats()).toMatchObject({ entries: 2, bytes: 80, budgetBytes: 100 });
    await memo.get(1, 'a', async () => 'again');
    await memo.get(1, 'c', async () => 'z'.repeat(40));
    await new Promise((resolve) => setImmediate(resolve));
    // b was the least recently used: a (read again) and c remain.
    expect(memo.stats()).toMatchObject({ entries: 2, bytes: 80 });
    let runs = 0;
    await memo.get(1, 'a', async () => (runs += 1));
    expect(runs).toBe(0);
  });

  it('does not keep a result larger than the whole budget and says so', async () => {
    const tooLarge: Array<[string, number]> = [];
    const memo = new VersionedMemo({
      maxEntries: 10,
      maxBytes: 100,
      sizeOf: (r) => (r as string).length,
      onTooLarge: (key, bytes) => tooLarge.push([key, bytes]),
    });
    expect(await memo.get(1, 'huge', async () => 'h'.repeat(150))).toHaveLength(150);
    await new Promise((resolve) => setImmediate(resolve));
    expect([tooLarge, memo.stats().entries]).toEqual([[['huge', 150]], 0]);
  });

  describe('one result larger than maxBytes, within maxLargestBytes (the gap projection of a large graph)', () => {
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const largestMemo = (events: string[]) =>
      new VersionedMemo({
        maxEntries: 10,
        maxBytes: 100,
        maxLargestBytes: 200,
        sizeOf: (r) => (r as string).length,
        onTooLarge: (key, bytes) => events.push(`too large ${key} ${bytes}`),
        onLargest: (key, bytes) => events.push(`largest ${key} ${bytes}`),
      });

    it('keeps it, so the next caller does not compute it again', async () => {
      const events: string[] = [];
      const memo = largestMemo(events);
      let runs = 0;
      const projection = async () => {
        runs += 1;
        return 'p'.repeat(150);
      };
      await memo.get(1, 'gapProjection', projection);
      await settle();
      await memo.get(1, 'gapProjection', projection);
      expect([runs, events, memo.stats()]).toEqual([
        1,
        ['largest gapProjection 150'],
        { entries: 1, bytes: 150, budgetBytes: 200, version: 1 },
      ]);
    });

    it('keeps the others within what it leaves, and within maxBytes among themselves', async () => {
      const memo = largestMemo([]);
      await memo.get(1, 'a', async () => 'a'.repeat(60));
      await memo.get(1, 'b', async () => 'b'.repeat(30));
      await settle();
      // 150 + 90 > 200: a, the least recently used, goes; b stays beside the largest.
      await memo.get(1, 'large', async () => 'l'.repeat(150));
      await settle();
      expect(memo.stats()).toMatchObject({ entries: 2, bytes: 180 });
      let runs = 0;
      await memo.get(1, 'b', async () => (runs += 1));
      expect(runs).toBe(0);
      // Without a largest, the others share maxBytes alone: 30 + 80 > 100 evicts b, not the rule of 200.
      const alone = largestMemo([]);
      await alone.get(1, 'b', async () => 'b'.repeat(30));
      await settle();
      await alone.get(1, 'c', async () => 'c'.repeat(80));
      await settle();
      expect(alone.stats()).toMatchObject({ entries: 1, bytes: 80 });
    });

    it('when later results outgrow what it leaves, then the others go, not it (the projection computed first)', async () => {
      const memo = largestMemo([]);
      await memo.get(1, 'large', async () => 'l'.repeat(150));
      await settle();
      await memo.get(1, 'a', async () => 'a'.repeat(30));
      await settle();
      // 150 + 30 + 40 > 200: a, the oldest of the others, goes; the largest, older still, stays.
      await memo.get(1, 'b', async () => 'b'.repeat(40));
      await settle();
      let runs = 0;
      await memo.get(1, 'large', async () => (runs += 1));
      await memo.get(1, 'b', async () => (runs += 1));
      expect([runs, memo.stats()]).toEqual([0, { entries: 2, bytes: 190, budgetBytes: 200, version: 1 }]);
    });

    it('keeps one such result at a time: a newer one replaces it', async () => {
      const events: string[] = [];
      const memo = largestMemo(events);
      await memo.get(1, 'first', async () => 'f'.repeat(120));
      await settle();
      await memo.get(1, 'second', async () => 's'.repeat(110));
      await settle();
      let runs = 0;
      await memo.get(1, 'first', async () => (runs += 1));
      expect([runs, events]).toEqual([1, ['largest first 120', 'largest second 110']]);
    });

    it('does not keep a result larger than maxLargestBytes and says so', async () => {
      const events: string[] = [];
      const memo = largestMemo(events);
      await memo.get(1, 'huge', async () => 'h'.repeat(201));
      await settle();
      expect([events, memo.stats().entries]).toEqual([['too large huge 201'], 0]);
    });

    it('drops it with its data version', async () => {
      const memo = largestMemo([]);
      await memo.get(1, 'large', async () => 'l'.repeat(150));
      await settle();
      await memo.get(2, 'other', async () => 'o'.repeat(150));
      await settle();
      expect(memo.stats()).toMatchObject({ entries: 1, bytes: 150, version: 2 });
    });

    it('refuses maxLargestBytes below maxBytes', () => {
      expect(
        () => new VersionedMemo({ maxEntries: 1, maxBytes: 10, maxLargestBytes: 5, sizeOf: () => 1 }),
      ).toThrow(/maxLargestBytes at least maxBytes/);
    });
  });

  it('refuses a byte budget without a way to size results', () => {
    expect(() => new VersionedMemo({ maxEntries: 1, maxBytes: 10 })).toThrow(/sizeOf/);
  });
});
