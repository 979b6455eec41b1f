// The versions the caches are keyed by: one number per (epoch, data version) read, growing across
// databases, so that a database replaced under a running server never makes an old answer current.

/** A read of the data version and the epoch of the database it was read from (src/db/stats.ts). */
export interface EpochVersion {
  /** A random id given to the database's Dataset node once; '' before the first write batch. */
  epoch: string;
  /** Write batches committed so far in that database. */
  version: number;
}

/**
 * Maps data-version reads to cache versions. Within one epoch the cache version is the data
 * version plus the epoch's base, so it grows with every write; a read of another epoch (the
 * database was wiped, replaced or NEO4J_URI points elsewhere) starts a new base above every cache
 * version given so far. The caches serve only their newest version (VersionedCache), so an answer
 * stored under an old database can never be served again, even when the new database's dataVersion
 * climbs back to the old number (the gap docs/operations.md used to name). The first epoch's
 * cache versions are its data versions.
 */
export class CacheVersions {
  private epoch: string | null = null;
  private base = 0;
  private highest = -1;

  /** The cache version of `read`. */
  of(read: EpochVersion): number {
    if (!Number.isSafeInteger(read.version) || read.version < 0) {
      throw new TypeError(
        `CacheVersions expects a data version (an integer >= 0), received ${String(read.version)}`,
      );
    }
    if (read.epoch !== this.epoch) {
      this.epoch = read.epoch;
      this.base = this.highest + 1;
    }
    const version = this.base + read.version;
    if (version > this.highest) this.highest = version;
    return version;
  }
}
