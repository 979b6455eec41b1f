// Data-version reads shared by concurrent requests ("next read" batching): every caller gets a
// version read that began after it asked, and callers that ask while a read runs share the next.

/**
 * Reads of the data version (src/db/stats.ts) shared by the requests of one process.
 *
 * `next()` resolves with a version read that began after the call: a caller never joins a read
 * already running (it may have begun before a write the caller must see), it joins the read
 * queued behind it, which every caller asking meanwhile shares. So at most one read runs and
 * one waits, however many requests ask at once, and a write committed by any process before a
 * request asked is seen by that request.
 *
 * A read that fails rejects every caller that joined it; the next call starts a new read.
 */
export class SharedVersionReads {
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private readsStarted = 0;

  /** `read`: one read of the data version, e.g. `() => readDataVersion(db)`. */
  constructor(private readonly read: () => Promise<number>) {}

  /** A data version read that began after this call (shared with the callers of the same read). */
  next(): Promise<number> {
    // The queued read has not begun yet: joining it is as fresh as starting one.
    if (this.queued !== null) return this.queued;
    if (this.running === null) return this.start();
    const after = this.running.then(
      () => undefined,
      () => undefined,
    );
    this.queued = after.then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  /** Reads begun so far (for tests and benchmarks). */
  get reads(): number {
    return this.readsStarted;
  }

  private start(): Promise<number> {
    this.readsStarted += 1;
    const reading = (async () => this.read())();
    this.running = reading;
    const finished = () => {
      if (this.running === reading) this.running = null;
    };
    reading.then(finished, finished);
    return reading;
  }
}
