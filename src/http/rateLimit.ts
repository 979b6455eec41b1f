// Per-client budgets in cost points: one token bucket per client (credential or IP), refilled
// evenly over a window, so one client's flood spends its own budget and nobody else's.

/** A client's allowance: `perWindow` points refill evenly over the window, at most `burst` are kept. */
export interface Allowance {
  perWindow: number;
  burst: number;
}

/** The outcome of asking a bucket for points. */
export type Charge =
  { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number; remaining: number };

/**
 * Where per-client budgets are kept: the seam between the protection plugin (which decides what
 * an operation costs) and the store (this process's memory, or a store that replicas share).
 * Whatever the store, the same allowance gives the same answers: a bucket of `burst` points
 * refilled evenly at `perWindow` a window, `charge` takes points or tells the seconds until it
 * could, `refund` gives back what a charged request did not use.
 */
export interface BudgetStore {
  /**
   * Takes `cost` points from `client`'s bucket, if it holds them (at most the burst is needed).
   * With `spend` (a cached answer, whose size is known before it is sent), the bucket must hold
   * `cost` as for any charge but keeps all but `spend` of it: the charge and the refund of the
   * rest in one step, so that no other charge ever finds those points out of the bucket.
   */
  charge(client: string, allowance: Allowance, cost: number, spend?: number): Charge | Promise<Charge>;
  /**
   * Gives back `points` a charged request did not use (never above the burst). Never fails and
   * is not awaited: a shared store sends it in the background, before this process's next charge.
   */
  refund(client: string, points: number, allowance: Allowance): void;
  /**
   * A shared store tells the other replicas that anonymous `address` was refused for `seconds`
   * (its Retry-After), so that their tarpit holds it too; a per-process store has nobody to tell.
   */
  announceRefusal?(address: string, seconds: number): void;
  /** Calls `listener` with each refusal another replica announces. */
  onRefusal?(listener: (address: string, seconds: number) => void): void;
}

export interface TokenBucketsOptions {
  /** Seconds in which an empty bucket refills completely. */
  windowSeconds: number;
  /** Most buckets kept; beyond it the least recently used (a full one, if idle long enough) is dropped. */
  maxClients?: number;
  /** The clock in milliseconds (tests pass a fake one). */
  now?: () => number;
}

interface Bucket {
  points: number;
  burst: number;
  updatedAt: number;
}

/**
 * Token buckets keyed by client. A bucket starts full at `burst` points and refills at
 * perWindow/window per second up to `burst`. `charge` takes points when the bucket holds them
 * and otherwise says how many whole seconds until it will; `refund` gives back what a request
 * did not use. A small burst (one largest operation) keeps a flood from spending a whole
 * window's budget at once: with a burst of the window's budget, a flooder put a victim at
 * 143x its quiet p50 (docs/benchmarks.md).
 * Memory is bounded by `maxClients` (default 100,000 clients, about 10 MB): the oldest
 * bucket is dropped first, which at worst lets a client that was quiet the longest start full.
 */
export class TokenBuckets implements BudgetStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: TokenBucketsOptions) {
    if (!(options.windowSeconds > 0)) {
      throw new TypeError(
        `TokenBuckets expects windowSeconds > 0, received ${String(options.windowSeconds)}`,
      );
    }
    this.windowMs = options.windowSeconds * 1000;
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes `cost` points from `client`'s bucket, if it holds them (keeping `spend` of them). */
  charge(client: string, allowance: Allowance, cost: number, spend = cost): Charge {
    const bucket = this.refilled(client, allowance);
    // An operation larger than the whole bucket waits for a full bucket, then takes it all.
    const needed = Math.min(cost, allowance.burst);
    if (bucket.points >= needed) {
      bucket.points -= Math.max(0, Math.min(needed, spend));
      return { ok: true, remaining: Math.floor(bucket.points) };
    }
    const perMs = allowance.perWindow / this.windowMs;
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.points) / perMs / 1000)),
      remaining: Math.floor(bucket.points),
    };
  }

  /** Gives back `points` a charged request did not use (never above the burst). */
  refund(client: string, points: number): void {
    const bucket = this.buckets.get(client);
    if (bucket && points > 0) bucket.points = Math.min(bucket.burst, bucket.points + points);
  }

  /** Number of clients with a bucket (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(client: string, allowance: Allowance): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (bucket) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.buckets.delete(client);
      const refill = ((now - bucket.updatedAt) * allowance.perWindow) / this.windowMs;
      bucket.points = Math.min(allowance.burst, bucket.points + refill);
      bucket.burst = allowance.burst;
      bucket.updatedAt = now;
    } else {
      bucket = { points: allowance.burst, burst: allowance.burst, updatedAt: now };
      if (this.buckets.size >= this.maxClients) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    this.buckets.set(client, bucket);
    return bucket;
  }
}
