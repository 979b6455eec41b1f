// A bounded pool for the expensive analytics (networks, coverage, gaps, recommendations): at
// most `concurrency` run at once, at most `queue` wait, and the rest are refused at once.

/** Thrown by `acquire` when every place and every queue slot is taken. */
export class PoolFullError extends Error {
  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {
    super(`All ${concurrency} analytics places are busy and ${queue} operations are already waiting`);
    this.name = 'PoolFullError';
  }
}

/** Gives a place back; calling it more than once does nothing. */
export type Release = () => void;

/**
 * A semaphore with a bounded FIFO queue. `acquire` resolves with a release function when a
 * place is free (in arrival order) and rejects with PoolFullError when the queue is full.
 */
export class AnalyticsPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TypeError(
        `AnalyticsPool expects a concurrency of at least 1, received ${String(concurrency)}`,
      );
    }
    if (!Number.isInteger(queue) || queue < 0) {
      throw new TypeError(`AnalyticsPool expects a queue of at least 0, received ${String(queue)}`);
    }
  }

  /** Operations running now. */
  get active(): number {
    return this.running;
  }

  /** Operations waiting for a place now. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(): Promise<Release> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queue)
      return Promise.reject(new PoolFullError(this.concurrency, this.queue));
    return new Promise<Release>((resolve) => {
      // The place is handed over directly: `running` stays the same when a waiter starts.
      this.waiting.push(() => resolve(this.releaser()));
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }
}
