// An LRU cache whose entries belong to one data version: every accepted write raises the
// version (src/db/stats.ts), so an entry of an older version can never be served again.

import { LRUCache } from 'lru-cache';

export interface VersionedCacheOptions<V> {
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
  /** Largest total of `sizeOf` over the entries (e.g. bytes of JSON); needs `sizeOf`. */
  maxBytes?: number;
  /** The size of one entry, counted against `maxBytes`; at least 1. */
  sizeOf?: (value: V, key: string) => number;
}

/**
 * Values by key for the newest data version seen. Reading or writing with a newer version
 * drops every entry (they can only be stale); an older version, from a request that read
 * the version before a write committed, neither reads nor writes, so it never serves or
 * stores an answer under a version that is already gone.
 */
export class VersionedCache<V extends NonNullable<unknown>> {
  private version = -1;
  private readonly entries: LRUCache<string, V>;

  constructor(options: VersionedCacheOptions<V>) {
    const { maxEntries, maxBytes, sizeOf } = options;
    if (maxEntries === undefined && maxBytes === undefined) {
      throw new TypeError('VersionedCache expects maxEntries or maxBytes, received neither');
    }
    if (maxBytes !== undefined && sizeOf === undefined) {
      throw new TypeError('VersionedCache expects sizeOf with maxBytes, received none');
    }
    const sized = maxBytes !== undefined && sizeOf !== undefined;
    this.entries = new LRUCache<string, V>({
      max: maxEntries,
      maxSize: sized ? maxBytes : undefined,
      sizeCalculation: sized ? (value, key) => Math.max(1, sizeOf(value, key)) : undefined,
    } as LRUCache.Options<string, V, unknown>);
  }

  /** The entry of `key` at `version`; undefined when absent or when `version` is not the newest. */
  get(version: number, key: string): V | undefined {
    if (!this.isCurrent(version)) return undefined;
    return this.entries.get(key);
  }

  /**
   * Keeps `value` under `key` at `version`, counted at `size` bytes when given (else `sizeOf`);
   * returns false when it was not kept (an older version, or an entry larger than the whole
   * budget, which also drops what the key held).
   */
  set(version: number, key: string, value: V, size?: number): boolean {
    if (!this.isCurrent(version)) return false;
    this.entries.set(key, value, size === undefined ? undefined : { size: Math.max(1, size) });
    return this.entries.has(key);
  }

  /**
   * Whether `key` has an entry at the newest version seen, which may be older than the
   * database's: a hint that a version read is worth making, never an answer to serve.
   * Not counted as a use.
   */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Tells the cache that `version` exists: entries of older versions are dropped now, not at the next use. */
  advance(version: number): void {
    this.isCurrent(version);
  }

  /** The entry of `key` at the newest version seen, not counted as a use. */
  peek(key: string): V | undefined {
    return this.entries.peek(key);
  }

  /** The keys held, least recently used first; not counted as uses. */
  keysOldestFirst(): string[] {
    return [...this.entries.rkeys()];
  }

  /** The size `key` is counted at (0 when absent or when sizes are not counted). */
  sizeOf(key: string): number {
    return this.entries.has(key) ? (this.entries.info(key)?.size ?? 0) : 0;
  }

  /** Drops the entry of `key` (e.g. a computation that failed). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Number of entries, their total size and the budget (0 when sizes are not counted). */
  stats(): { entries: number; bytes: number; budgetBytes: number; version: number } {
    return {
      entries: this.entries.size,
      bytes: this.entries.calculatedSize ?? 0,
      budgetBytes: this.entries.maxSize ?? 0,
      version: this.version,
    };
  }

  private isCurrent(version: number): boolean {
    if (!Number.isSafeInteger(version) || version < 0) {
      throw new TypeError(
        `VersionedCache expects a data version (an integer >= 0), received ${String(version)}`,
      );
    }
    if (version > this.version) {
      this.entries.clear();
      this.version = version;
    }
    return version === this.version;
  }
}

/** What a result of VersionedMemo is counted at until it is known: a computation under way. */
const PENDING_BYTES = 1;

export interface VersionedMemoOptions {
  /** Most results one data version keeps (least recently used go first). */
  maxEntries: number;
  /** Largest total of the results' sizes, in bytes; unset: bounded by maxEntries alone. */
  maxBytes?: number;
  /** The bytes a result holds (e.g. approximateBytes), measured once it is computed; needed with maxBytes. */
  sizeOf?: (result: unknown) => number;
  /**
   * One result larger than maxBytes but at most this is kept: the only one over maxBytes (a newer
   * one replaces it), the others within what it leaves of this, and always within maxBytes among
   * themselves. Unset: maxBytes bounds every result. Recomputing such a result on every use would
   * hold no less memory (each request keeps its own copy while it runs) and costs its reading again.
   */
  maxLargestBytes?: number;
  /** Told of a result larger than the whole budget (maxLargestBytes, else maxBytes), which is then not kept (computed again on each use). */
  onTooLarge?: (key: string, bytes: number) => void;
  /** Told of a result kept over maxBytes under maxLargestBytes. */
  onLargest?: (key: string, bytes: number) => void;
}

/**
 * Computations shared by every request of one data version (the gap projection, network
 * projections, recommendations): the first request computes, concurrent and later ones of
 * the same version await the same promise. A failed computation is forgotten. With `maxBytes`,
 * each result is counted at its `sizeOf` once computed, and the least recently used go first.
 */
export class VersionedMemo {
  private readonly cache: VersionedCache<Promise<unknown>>;
  private readonly options: VersionedMemoOptions;
  /** The one result kept over maxBytes (its promise tells it from a later entry of the same key). */
  private largest: { key: string; promise: Promise<unknown> } | null = null;

  /** `options`: a number is `maxEntries` alone. */
  constructor(options: number | VersionedMemoOptions) {
    this.options = typeof options === 'number' ? { maxEntries: options } : options;
    const { maxEntries, maxBytes, sizeOf, maxLargestBytes } = this.options;
    if (maxBytes !== undefined && sizeOf === undefined) {
      throw new TypeError('VersionedMemo expects sizeOf with maxBytes, received none');
    }
    if (maxLargestBytes !== undefined && (maxBytes === undefined || maxLargestBytes < maxBytes)) {
      throw new TypeError(
        `VersionedMemo expects maxLargestBytes at least maxBytes, received ${maxLargestBytes} and ${String(maxBytes)}`,
      );
    }
    this.cache = new VersionedCache<Promise<unknown>>({
      maxEntries,
      ...(maxBytes !== undefined && { maxBytes: maxLargestBytes ?? maxBytes, sizeOf: () => PENDING_BYTES }),
    });
  }

  /** The result of `compute` for `key` at `version`, computed at most once while it is kept. */
  get<T>(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    const cached = this.cache.get(version, key) as Promise<T> | undefined;
    if (cached) return cached;
    const promise = compute();
    if (this.cache.set(version, key, promise)) {
      promise.then(
        (result) => this.measure(version, key, promise, result),
        () => {
          if (this.cache.get(version, key) === promise) this.cache.delete(key);
        },
      );
    }
    return promise;
  }

  stats(): { entries: number; bytes: number; budgetBytes: number; version: number } {
    return this.cache.stats();
  }

  /**
   * Counts a computed result at its size. One larger than maxBytes is kept as the largest (the
   * previous largest dropped) when within maxLargestBytes; one larger than the whole budget is
   * dropped and reported.
   */
  private measure(version: number, key: string, promise: Promise<unknown>, result: unknown): void {
    const { maxBytes, maxLargestBytes, sizeOf, onTooLarge, onLargest } = this.options;
    if (maxBytes === undefined || !sizeOf || !this.cache.has(key)) return;
    if (this.cache.get(version, key) !== promise) return;
    const bytes = sizeOf(result);
    // lru-cache keeps an entry's size when the same value is set again: it is set anew.
    this.cache.delete(key);
    const largest = bytes > maxBytes;
    if (largest && maxLargestBytes !== undefined && bytes <= maxLargestBytes) {
      const previous = this.heldLargest();
      if (previous) this.cache.delete(previous.key);
    }
    if (largest && (maxLargestBytes === undefined || bytes > maxLargestBytes)) {
      onTooLarge?.(key, bytes);
      return;
    }
    // Room first, from the others: left to lru-cache, setting one more result evicted the least
    // recently used, often the largest itself (computed first by the prewarm), and at 100,000
    // projects every request read the gap projection again while a network took its place.
    this.makeRoom(bytes, largest, maxBytes, maxLargestBytes ?? maxBytes);
    if (!this.cache.set(version, key, promise, bytes)) return;
    if (largest) {
      this.largest = { key, promise };
      onLargest?.(key, bytes);
    }
  }

  /** The largest result if it is still held (not evicted, nor dropped with its version). */
  private heldLargest(): { key: string; promise: Promise<unknown> } | null {
    const held = this.largest;
    if (held && this.cache.peek(held.key) === held.promise) return held;
    this.largest = null;
    return null;
  }

  /**
   * Evicts the least recently used results other than the largest until one of `bytes` fits: the
   * largest result within `ceiling` beside the others; any other within `maxBytes` among the
   * others and within `ceiling` with the largest held.
   */
  private makeRoom(bytes: number, largest: boolean, maxBytes: number, ceiling: number): void {
    const held = largest ? null : this.heldLargest();
    const heldBytes = held ? this.cache.sizeOf(held.key) : 0;
    let others = this.cache.stats().bytes - heldBytes;
    const fits = () =>
      largest
        ? others + bytes <= ceiling
        : others + bytes <= maxBytes && others + bytes + heldBytes <= ceiling;
    for (const key of this.cache.keysOldestFirst()) {
      if (fits()) return;
      if (key === held?.key) continue;
      others -= this.cache.sizeOf(key);
      this.cache.delete(key);
    }
  }
}
