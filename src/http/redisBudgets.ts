// Client budgets shared by every replica through Redis (RATE_LIMIT_STORE=redis://...): the token
// bucket of TokenBuckets as one Redis script, from which each replica leases small slices of a
// client's points, and this process's own TokenBuckets whenever Redis does not answer (fail open).

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { recordBudgetFallback, recordBudgetStoreUp } from './metrics';
import { TokenBuckets, type Allowance, type BudgetStore, type Charge } from './rateLimit';

/**
 * TokenBuckets' bucket as one atomic Redis script. KEYS[1] the client's bucket (a hash: t points,
 * u ms of Redis's clock, the same clock for every replica); ARGV[1] points given back first
 * (refunds and an unused lease; never above the burst); ARGV[2] points the charge needs (0: only
 * give back); ARGV[3] points to take when the bucket holds the need (the need plus a slice to lease,
 * the slice at most a quarter of what the bucket holds beyond the need: slices shrink as a bucket
 * empties, so the replicas hold little of a nearly spent budget and refuse it about when one
 * bucket would); ARGV[4] seconds an idle bucket is kept (an empty one is full
 * again by then); ARGV[5] the burst; ARGV[6] seconds an empty bucket takes to fill.
 * Returns {taken, points left (whole), ms until the bucket holds the need (0 unless refused)}.
 * A bucket that cannot pay the need takes nothing: the refusal and its wait are TokenBuckets'.
 */
export const TOKEN_BUCKET_SCRIPT = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local giveBack = tonumber(ARGV[1])
local need = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local burst = tonumber(ARGV[5])
local perMs = burst / (tonumber(ARGV[6]) * 1000)
local state = redis.call('HMGET', KEYS[1], 't', 'u')
local points = burst
if state[1] then
  points = math.min(burst, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * perMs)
end
points = math.min(burst, points + giveBack)
local taken = 0
if need > 0 then
  if points < need then
    if state[1] then
      redis.call('HSET', KEYS[1], 't', tostring(points), 'u', tostring(now))
      redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) * 1000)
    end
    return {0, math.floor(points), math.ceil((need - points) / perMs)}
  end
  taken = math.max(need, math.min(want, need + math.floor((points - need) / 4)))
  points = points - taken
end
if state[1] or taken > 0 then
  redis.call('HSET', KEYS[1], 't', tostring(points), 'u', tostring(now))
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) * 1000)
end
return {taken, math.floor(points), 0}`;

/** Redis keys of the budgets ("permed:budget:ip:1.2.3.4") and the channel of refusals. */
const KEY_PREFIX = 'permed:budget';
const REFUSALS_CHANNEL = `${KEY_PREFIX}:refusals`;

/** The script as an ioredis command (EVALSHA, loaded again by ioredis after a Redis restart). */
interface LeaseCommand {
  permedBudgetLease(
    key: string,
    giveBack: number,
    need: number,
    want: number,
    keepSeconds: number,
    burst: number,
    fillSeconds: number,
  ): Promise<[number, number, number]>;
}

/**
 * What this replica holds of one client's budget: `lease`, points taken from Redis ahead and not
 * spent yet (at most a slice); `owed`, points given back (refunds beyond the slice) that go to
 * Redis with the next call; `bucket`, what Redis said the bucket held at the last call.
 */
interface Held {
  lease: number;
  /** The slice last leased: refunds go back into the lease up to it, the rest is owed. */
  slice: number;
  owed: number;
  bucket: number;
  allowance: Allowance;
  usedAt: number;
  /** The call to Redis under way for this client: other charges wait for it, then use its lease. */
  call: Promise<unknown> | null;
}

export interface RedisBudgetsOptions {
  /** redis:// or rediss:// URL (RATE_LIMIT_STORE). */
  url: string;
  /** RATE_LIMIT_WINDOW_S: seconds in which an empty budget refills. */
  windowSeconds: number;
  /**
   * RATE_LIMIT_LEASE_PERCENT: the slice of a client's burst this replica takes from Redis ahead
   * of its charges, in percent (default 1; 0: none, every charge asks Redis), raised to what
   * eight charges of the size asked need at once or 64 answers spend, up to a tenth of the
   * burst (sliceOf). Charges are then made here until the slice is spent: at 0, two Redis calls
   * per cache hit (charge, refund) cost 2.12x p50 on one replica (docs/benchmarks.md); each
   * Redis call cost this process as much CPU as writing the answer (a socket write each).
   */
  leasePercent?: number;
  /** A client's lease and refunds go back to Redis after this long unused (default 1000 ms). */
  idleMs?: number;
  logger: Logger;
  /**
   * Longest wait for one Redis command before this process budgets on its own (default 500 ms).
   * Redis answers a script in well under a millisecond on a LAN; a command that takes longer
   * means a Redis that hangs, and no request should wait on it.
   */
  commandTimeoutMs?: number;
  /** Between two pings of a Redis that did not answer (default 500 ms). */
  probeIntervalMs?: number;
}

/**
 * Charges of the size being asked that one slice holds at once, when leasePercent of the burst
 * holds fewer: about the concurrent requests one client sends (autocannon's and browsers' 6 to 8
 * connections), each needing its whole price in hand.
 */
const SLICE_CHARGES = 8;
/**
 * Answers one slice pays, spending what the charge spends, when leasePercent of the burst pays
 * fewer: one Redis call in 64 answers. A slice of 1% (1,000 points) paid 19 cached answers priced
 * 121 and using 50, and one replica then spent 1.09x the CPU per answer of budgets in memory.
 */
const SLICE_ANSWERS = 64;

/** Most clients whose lease is held at once; beyond it the least recently used gives its lease back. */
const MAX_HELD_CLIENTS = 100_000;

/**
 * Budgets in Redis, shared by the replicas: the same allowance gives the same charges, refusals
 * and Retry-After as TokenBuckets (the same bucket, computed in Redis on Redis's clock).
 *
 * Leases: a charge this replica cannot pay from what it holds of the client asks Redis once for
 * the charge plus a slice (sliceOf; at most a quarter of what the bucket holds beyond the charge)
 * and gives back in the same call what it held and owed; the next charges are paid from the
 * slice without asking, and refunds go back into it. Charges that find the slice short while a
 * call is under way wait for that call rather than each asking. A cached answer's charge keeps
 * only its actual cost (`spend`), so a slice pays about slice / actual cost of them: one Redis
 * call in 64 answers. Only Redis refuses, so refusals and Retry-After are the bucket's whichever
 * replica answers. What the slices change, stated in docs/operations.md:
 * a client may spend up to N replicas x one slice more than its bucket holds (points leased while
 * its bucket refilled), and a replica may refuse it while up to one slice per other replica is
 * held there (slices shrink as the bucket empties). Whatever a replica holds of a client goes
 * back to Redis after idleMs unused, and when it closes.
 *
 * When Redis does not answer (refused connection, a command past commandTimeoutMs) every charge
 * and refund goes to this process's TokenBuckets until a ping answers again: reads keep being
 * served, each replica budgeting alone meanwhile (a client may get up to N budgets from N
 * replicas); `rate_limit_store_up` says which, one log line each way.
 * Anonymous refusals are published to the other replicas, whose tarpit then holds the address too.
 */
export class RedisBudgets implements BudgetStore {
  private readonly redis: Redis & LeaseCommand;
  private readonly subscriber: Redis;
  private readonly local: TokenBuckets;
  /** What this replica holds of each client, least recently used first. */
  private readonly held = new Map<string, Held>();
  private readonly replica = randomUUID();
  private readonly logger: Logger;
  private readonly windowSeconds: number;
  private readonly leasePercent: number;
  private readonly idleMs: number;
  private readonly probeIntervalMs: number;
  private readonly refusalListeners: Array<(address: string, seconds: number) => void> = [];
  /** Whether the last command answered; false until the first connection is ready. */
  private shared = false;
  private probe: NodeJS.Timeout | null = null;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  /** Settles once this replica listens to the others' refusals. */
  private readonly subscribed: Promise<void>;

  constructor(options: RedisBudgetsOptions) {
    this.logger = options.logger;
    this.windowSeconds = options.windowSeconds;
    this.leasePercent = options.leasePercent ?? 1;
    this.idleMs = options.idleMs ?? 1000;
    this.probeIntervalMs = options.probeIntervalMs ?? 500;
    this.local = new TokenBuckets({ windowSeconds: options.windowSeconds });
    const common = {
      // No queue while disconnected: a command then fails at once and the charge is made here.
      enableOfflineQueue: false,
      commandTimeout: options.commandTimeoutMs ?? 500,
      maxRetriesPerRequest: 0,
      // Reconnect every 0.25 s to 2 s for as long as it takes.
      retryStrategy: (attempt: number) => Math.min(attempt * 250, 2000),
      connectionName: 'permed-graph-budgets',
    };
    const redis = new Redis(options.url, common);
    redis.defineCommand('permedBudgetLease', { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT });
    this.redis = redis as Redis & LeaseCommand;
    this.subscriber = new Redis(options.url, { ...common, commandTimeout: undefined });
    // Connection errors are reported by the state changes below; ioredis logs them otherwise.
    this.redis.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.redis.on('ready', () => this.setShared(true, 'connected'));
    this.redis.on('close', () => this.setShared(false, 'connection closed'));
    this.subscribed = new Promise<void>((resolve) => {
      this.subscriber.on('ready', () => {
        this.subscriber.subscribe(REFUSALS_CHANNEL).then(
          () => resolve(),
          () => undefined,
        );
      });
    });
    this.subscriber.on('message', (_channel: string, message: string) => this.receiveRefusal(message));
    this.sweeper = setInterval(() => this.giveBackIdle(), this.idleMs);
    this.sweeper.unref();
    recordBudgetStoreUp(false);
  }

  /**
   * Settles once Redis answers and this replica hears the others' refusals, or after `timeoutMs`
   * (then budgets are per process until it answers). True when budgets are shared.
   */
  async ready(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | null = null;
    const connected = new Promise<void>((resolve) => {
      if (this.shared) resolve();
      else this.redis.once('ready', () => resolve());
    });
    await Promise.race([
      Promise.all([connected, this.subscribed]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    if (timer) clearTimeout(timer);
    if (!this.shared) {
      this.logger.warn('budget store unreachable at start-up: budgets are per process until it answers', {
        store: 'redis',
      });
    }
    return this.shared;
  }

  /** Whether charges go to Redis now (true) or to this process's buckets (false). */
  get isShared(): boolean {
    return this.shared;
  }

  async charge(client: string, allowance: Allowance, cost: number, spend = cost): Promise<Charge> {
    if (this.shared) {
      // An operation larger than the whole bucket waits for a full bucket, then takes it all.
      const needed = Math.min(cost, allowance.burst);
      const unused = needed - Math.max(0, Math.min(needed, spend));
      const held = this.heldOf(client, allowance);
      while (held.lease < needed && held.call) {
        // Another charge of this client is asking Redis: its slice may pay this one too. Asking
        // again only once no call is under way keeps the charges that waited from each asking
        // Redis at once when the slice pays only some of them.
        await held.call.catch(() => undefined);
      }
      if (held.lease >= needed) {
        // What the charge does not spend stays in the lease: it never leaves it.
        held.lease -= needed - unused;
        return { ok: true, remaining: Math.floor(held.bucket + held.lease + held.owed) };
      }
      if (this.shared) {
        try {
          const charged = await this.ask(client, held, needed, needed - unused);
          if (!charged.ok || unused === 0) return charged;
          this.refund(client, unused, allowance);
          return { ok: true, remaining: charged.remaining + unused };
        } catch (error) {
          this.failed(error);
        }
      }
    }
    recordBudgetFallback();
    return this.local.charge(client, allowance, cost, spend);
  }

  refund(client: string, points: number, allowance: Allowance): void {
    if (!(points > 0)) return;
    if (!this.shared) {
      this.local.refund(client, points);
      return;
    }
    // Back into the slice, the rest to Redis with the next call: no call of its own.
    const held = this.heldOf(client, allowance);
    const room = Math.max(0, held.slice - held.lease);
    held.lease += Math.min(points, room);
    held.owed = Math.min(allowance.burst, held.owed + points - Math.min(points, room));
  }

  announceRefusal(address: string, seconds: number): void {
    if (!this.shared) return;
    const message = JSON.stringify({ from: this.replica, address, seconds });
    this.redis.publish(REFUSALS_CHANNEL, message).catch((error: unknown) => this.failed(error));
  }

  onRefusal(listener: (address: string, seconds: number) => void): void {
    this.refusalListeners.push(listener);
  }

  /**
   * Gives back what this replica holds of every client (waiting at most `timeoutMs` for Redis),
   * then closes both connections and stops probing. Idempotent.
   */
  async close(timeoutMs = 500): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    if (this.shared) {
      const given = [...this.held.keys()].map((client) => this.giveBack(client));
      let timer: NodeJS.Timeout | null = null;
      await Promise.race([
        Promise.allSettled(given),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      if (timer) clearTimeout(timer);
    }
    // At once, without reconnecting: what did not reach Redis is lost, as it would be on a crash.
    this.redis.disconnect();
    this.subscriber.disconnect();
  }

  /**
   * Points of the slice to lease with a charge of `needed` that spends `spend`: leasePercent of
   * the burst, or when that is less, SLICE_CHARGES such charges held at once or the charge and
   * SLICE_ANSWERS more spending as much, whichever is more, never more than a tenth of the burst
   * (0 when leasing is off). A slice of 1% of the anonymous burst (1,000 points) held only two
   * nested pages of 441 points at once, so 8 connections asked Redis every 4 answers.
   */
  private sliceOf(allowance: Allowance, needed: number, spend: number): number {
    if (this.leasePercent === 0) return 0;
    const share = Math.floor((allowance.burst * this.leasePercent) / 100);
    const wanted = Math.max(SLICE_CHARGES * needed, needed + SLICE_ANSWERS * spend);
    return Math.max(share, Math.min(Math.floor(allowance.burst / 10), wanted));
  }

  /** Seconds an empty bucket takes to fill, and how long Redis keeps an idle one (at least 1 s). */
  private timesOf(allowance: Allowance): { fillSeconds: number; keepSeconds: number } {
    const fillSeconds = (allowance.burst * this.windowSeconds) / allowance.perWindow;
    return { fillSeconds, keepSeconds: Math.max(1, Math.ceil(fillSeconds)) };
  }

  /** `client`'s holding here, made the most recently used (a new one holds nothing). */
  private heldOf(client: string, allowance: Allowance): Held {
    let held = this.held.get(client);
    if (held) this.held.delete(client);
    else {
      held = { lease: 0, slice: 0, owed: 0, bucket: allowance.burst, allowance, usedAt: 0, call: null };
      if (this.held.size >= MAX_HELD_CLIENTS) {
        const oldest = this.held.keys().next().value;
        if (oldest !== undefined) void this.giveBack(oldest);
      }
    }
    held.allowance = allowance;
    held.usedAt = Date.now();
    this.held.set(client, held);
    return held;
  }

  /**
   * One call to Redis for a charge of `needed` that `held` cannot pay: gives back the lease and
   * what is owed, takes the charge and a slice to lease (what the bucket holds of it), or refuses.
   */
  private async ask(client: string, held: Held, needed: number, spend: number): Promise<Charge> {
    const { allowance } = held;
    const giveBack = Math.min(allowance.burst, held.lease + held.owed);
    held.lease = 0;
    held.owed = 0;
    const { fillSeconds, keepSeconds } = this.timesOf(allowance);
    const slice = this.sliceOf(allowance, needed, spend);
    const call = this.redis.permedBudgetLease(
      `${KEY_PREFIX}:${client}`,
      giveBack,
      needed,
      needed + slice,
      keepSeconds,
      allowance.burst,
      fillSeconds,
    );
    held.call = call;
    try {
      const [taken, left, waitMs] = await call;
      held.bucket = left;
      if (taken < needed) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
          remaining: Math.max(0, left),
        };
      }
      // Refunds made meanwhile went into the lease: what passes the slice is owed to Redis.
      held.lease += taken - needed;
      held.slice = slice;
      if (held.lease > slice) {
        held.owed = Math.min(allowance.burst, held.owed + held.lease - slice);
        held.lease = slice;
      }
      return { ok: true, remaining: Math.floor(left + held.lease + held.owed) };
    } finally {
      if (held.call === call) held.call = null;
    }
  }

  /** Gives what this replica holds of `client` back to Redis and forgets it (never fails). */
  private async giveBack(client: string): Promise<void> {
    const held = this.held.get(client);
    if (!held) return;
    this.held.delete(client);
    const points = Math.min(held.allowance.burst, held.lease + held.owed);
    if (!(points > 0) || !this.shared) return;
    const { fillSeconds, keepSeconds } = this.timesOf(held.allowance);
    try {
      await this.redis.permedBudgetLease(
        `${KEY_PREFIX}:${client}`,
        points,
        0,
        0,
        keepSeconds,
        held.allowance.burst,
        fillSeconds,
      );
    } catch (error) {
      this.failed(error);
    }
  }

  /** Gives back what clients unused for idleMs hold here (the least recently used come first). */
  private giveBackIdle(): void {
    const before = Date.now() - this.idleMs;
    for (const [client, held] of this.held) {
      if (held.usedAt > before) break;
      if (!held.call) void this.giveBack(client);
    }
  }

  private receiveRefusal(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const { from, address, seconds } = (parsed ?? {}) as Record<string, unknown>;
    if (from === this.replica || typeof address !== 'string' || typeof seconds !== 'number') return;
    if (!(seconds > 0) || seconds > this.windowSeconds) return;
    for (const listener of this.refusalListeners) listener(address, seconds);
  }

  /** A command failed other than by refusing: budget here until a ping answers. */
  private failed(error: unknown): void {
    this.setShared(false, error instanceof Error ? error.message : String(error));
  }

  private setShared(shared: boolean, reason: string): void {
    if (this.closed || shared === this.shared) {
      if (!shared) this.startProbing();
      return;
    }
    this.shared = shared;
    recordBudgetStoreUp(shared);
    if (shared) {
      if (this.probe) clearInterval(this.probe);
      this.probe = null;
      this.logger.info('budget store reachable: budgets are shared by the replicas', { store: 'redis' });
    } else {
      this.logger.warn('budget store unreachable: budgets are per process until it answers', {
        store: 'redis',
        reason,
      });
      this.startProbing();
    }
  }

  /** Pings Redis every probeIntervalMs while it does not answer; the first answer makes budgets shared again. */
  private startProbing(): void {
    if (this.probe || this.closed) return;
    this.probe = setInterval(() => {
      if (this.redis.status !== 'ready') return;
      this.redis.ping().then(
        () => this.setShared(true, 'answered a ping'),
        () => undefined,
      );
    }, this.probeIntervalMs);
    this.probe.unref();
  }
}
