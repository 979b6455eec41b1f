// Client budgets shared by every replica through Redis (RATE_LIMIT_STORE=redis://...), kept by
// rate-limiter-flexible's RateLimiterRedis with the token bucket of TokenBuckets as its script,
// and this process's own TokenBuckets whenever Redis does not answer (fail open).

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger';
import { recordBudgetFallback, recordBudgetStoreUp } from './metrics';
import { TokenBuckets, type Allowance, type BudgetStore, type Charge } from './rateLimit';

/**
 * TokenBuckets' bucket as one atomic Redis script, in the contract of rate-limiter-flexible's
 * customIncrTtlLuaScript: KEYS[1] the client's bucket (a hash: t points, u ms of Redis's clock,
 * the same clock for every replica); ARGV[1] points to take (> 0) or to give back (< 0);
 * ARGV[2] seconds an idle bucket is kept (an empty one is full again by then); ARGV[3] the
 * burst (the limiter's points); ARGV[4] seconds an empty bucket takes to fill (its duration).
 * Returns {consumed, ms}: consumed = burst - points left, so the library's remainingPoints is
 * the points left. A charge the bucket cannot pay takes nothing and returns consumed = burst +
 * 1 + points left (over the limiter's points, so the library rejects it; REFUSED_OFFSET) and ms
 * until the bucket holds the points. The library's own algorithm is a fixed window, which
 * would let a client spend two bursts across a window's edge and reset budgets all at once.
 */
export const TOKEN_BUCKET_SCRIPT = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local change = tonumber(ARGV[1])
local burst = tonumber(ARGV[3])
local perMs = burst / (tonumber(ARGV[4]) * 1000)
local state = redis.call('HMGET', KEYS[1], 't', 'u')
if not state[1] and change < 0 then
  return {0, 0}
end
local points = burst
if state[1] then
  points = math.min(burst, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * perMs)
end
if change < 0 then
  points = math.min(burst, points - change)
else
  local needed = math.min(change, burst)
  if points < needed then
    return {burst + 1 + math.floor(points), math.ceil((needed - points) / perMs)}
  end
  points = points - needed
end
redis.call('HSET', KEYS[1], 't', tostring(points), 'u', tostring(now))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 1000)
return {burst - math.floor(points), 0}`;

/** What TOKEN_BUCKET_SCRIPT adds to the burst in a refusal's consumed points (then the points left). */
const REFUSED_OFFSET = 1;

/** Redis keys of the budgets ("permed:budget:ip:1.2.3.4") and the channel of refusals. */
const KEY_PREFIX = 'permed:budget';
const REFUSALS_CHANNEL = `${KEY_PREFIX}:refusals`;

export interface RedisBudgetsOptions {
  /** redis:// or rediss:// URL (RATE_LIMIT_STORE). */
  url: string;
  /** RATE_LIMIT_WINDOW_S: seconds in which an empty budget refills. */
  windowSeconds: number;
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
 * Budgets in Redis, shared by the replicas: the same allowance gives the same charges, refusals
 * and Retry-After as TokenBuckets (the same bucket, computed in Redis on Redis's clock). When
 * Redis does not answer (refused connection, a command past commandTimeoutMs) every charge and
 * refund goes to this process's TokenBuckets until a ping answers again: reads keep being served,
 * each replica budgeting alone meanwhile (a client may get up to N budgets from N replicas);
 * `rate_limit_store_up` says which, one log line each way.
 * Anonymous refusals are published to the other replicas, whose tarpit then holds the address too.
 */
export class RedisBudgets implements BudgetStore {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly local: TokenBuckets;
  private readonly limiters = new Map<string, { limiter: RateLimiterRedis; keepSeconds: number }>();
  private readonly replica = randomUUID();
  private readonly logger: Logger;
  private readonly windowSeconds: number;
  private readonly probeIntervalMs: number;
  private readonly refusalListeners: Array<(address: string, seconds: number) => void> = [];
  /** Whether the last command answered; false until the first connection is ready. */
  private shared = false;
  private probe: NodeJS.Timeout | null = null;
  private closed = false;
  /** Settles once this replica listens to the others' refusals. */
  private readonly subscribed: Promise<void>;

  constructor(options: RedisBudgetsOptions) {
    this.logger = options.logger;
    this.windowSeconds = options.windowSeconds;
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
    this.redis = new Redis(options.url, common);
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

  async charge(client: string, allowance: Allowance, cost: number): Promise<Charge> {
    if (this.shared) {
      const { limiter, keepSeconds } = this.limiterOf(allowance);
      try {
        const res = await limiter.consume(client, cost, { customDuration: keepSeconds });
        return { ok: true, remaining: res.remainingPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return {
            ok: false,
            retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
            remaining: Math.max(0, error.consumedPoints - allowance.burst - REFUSED_OFFSET),
          };
        }
        this.failed(error);
      }
    }
    recordBudgetFallback();
    return this.local.charge(client, allowance, cost);
  }

  refund(client: string, points: number, allowance: Allowance): void {
    if (!(points > 0)) return;
    if (!this.shared) {
      this.local.refund(client, points);
      return;
    }
    const { limiter, keepSeconds } = this.limiterOf(allowance);
    limiter.reward(client, points, { customDuration: keepSeconds }).catch((error: unknown) => {
      this.failed(error);
      this.local.refund(client, points);
    });
  }

  announceRefusal(address: string, seconds: number): void {
    if (!this.shared) return;
    const message = JSON.stringify({ from: this.replica, address, seconds });
    this.redis.publish(REFUSALS_CHANNEL, message).catch((error: unknown) => this.failed(error));
  }

  onRefusal(listener: (address: string, seconds: number) => void): void {
    this.refusalListeners.push(listener);
  }

  /** Closes both connections and stops probing. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    // At once, without reconnecting: a refund still on its way is lost, as it would be on a crash.
    this.redis.disconnect();
    this.subscriber.disconnect();
  }

  /**
   * The limiter of one allowance. Its points are the burst and its duration the seconds an
   * empty bucket takes to fill (burst / (perWindow / window)), which the script reads as the
   * refill rate; buckets are kept that many seconds (at least 1) after their last use.
   */
  private limiterOf(allowance: Allowance): { limiter: RateLimiterRedis; keepSeconds: number } {
    const id = `${allowance.perWindow}/${allowance.burst}`;
    let entry = this.limiters.get(id);
    if (!entry) {
      const fillSeconds = (allowance.burst * this.windowSeconds) / allowance.perWindow;
      const limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: KEY_PREFIX,
        points: allowance.burst,
        duration: fillSeconds,
        customIncrTtlLuaScript: TOKEN_BUCKET_SCRIPT,
        rejectIfRedisNotReady: true,
      });
      entry = { limiter, keepSeconds: Math.max(1, Math.ceil(fillSeconds)) };
      this.limiters.set(id, entry);
    }
    return entry;
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
