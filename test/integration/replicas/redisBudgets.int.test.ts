// RedisBudgets against a real redis-server: the same charges, refusals, Retry-After and refunds
// as TokenBuckets, one budget for two replicas (less what the other holds leased, given back when
// idle), per-process budgets while Redis is away (said in /metrics and the log) and shared ones
// again once it is back, refusals told to the other replicas; and Redis calls per cached answer.

import { Redis } from 'ioredis';
import { startRedis, waitFor, type RedisServer } from '../../../bench/replicaCluster';
import { DEFAULT_PROTECTION } from '../../../src/config';
import { createProtection } from '../../../src/http/cost/protection';
import { createLogger } from '../../../src/logger';
import { ANONYMOUS } from '../../../src/auth/principal';
import { metricsExposition } from '../../../src/http/metrics';
import { TokenBuckets, type Allowance } from '../../../src/http/rateLimit';
import { RedisBudgets, type RedisBudgetsOptions } from '../../../src/http/redisBudgets';

let redis: RedisServer;
const stores: RedisBudgets[] = [];
const lines: string[] = [];
const logger = createLogger('info', (line) => lines.push(line));

/** A store on the test's Redis; a day's window, so that refill adds nothing between two calls (a point in 144 s). */
async function store(options: Partial<RedisBudgetsOptions> = {}): Promise<RedisBudgets> {
  const budgets = new RedisBudgets({
    url: redis.url,
    windowSeconds: WINDOW_S,
    logger,
    probeIntervalMs: 100,
    ...options,
  });
  stores.push(budgets);
  expect(await budgets.ready(10_000)).toBe(true);
  return budgets;
}

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(stores.map((budgets) => budgets.close()));
  await redis?.stop();
});

const WINDOW_S = 86_400;
const ALLOWANCE: Allowance = { perWindow: 600, burst: 600 };
/** Seconds until `missing` points are back. */
const secondsFor = (missing: number) => (missing * WINDOW_S) / ALLOWANCE.perWindow;

describe('RedisBudgets', () => {
  it('when the same charges and refunds reach Redis and TokenBuckets, then both answer alike', async () => {
    const shared = await store();
    const memory = new TokenBuckets({ windowSeconds: WINDOW_S });
    const steps: Array<['charge' | 'refund', number]> = [
      ['charge', 400],
      ['charge', 300],
      ['refund', 50],
      ['charge', 250],
      ['charge', 1],
      ['refund', 10_000],
      ['charge', 900],
      ['charge', 600],
    ];
    const fromRedis: unknown[] = [];
    const fromMemory: unknown[] = [];
    for (const [step, points] of steps) {
      if (step === 'refund') {
        shared.refund('client-a', points, ALLOWANCE);
        memory.refund('client-a', points);
        continue;
      }
      fromRedis.push(await shared.charge('client-a', ALLOWANCE, points));
      fromMemory.push(memory.charge('client-a', ALLOWANCE, points));
    }
    expect(fromRedis).toEqual(fromMemory);
    expect(fromRedis.at(-1)).toEqual({ ok: false, retryAfterSeconds: secondsFor(600), remaining: 0 });
  });

  it('when two replicas charge one client, then they spend one budget, less the slice the other holds until it is idle', async () => {
    const [first, second] = [await store({ idleMs: 200 }), await store()];
    // The first takes 500 and leases a slice: eight charges of 500 are more than a tenth of the
    // burst (60), and a quarter of the 100 left beyond the charge (25) is less: 75 stay in Redis.
    expect(await first.charge('client-b', ALLOWANCE, 500)).toEqual({ ok: true, remaining: 100 });
    expect(await second.charge('client-b', ALLOWANCE, 200)).toEqual({
      ok: false,
      retryAfterSeconds: secondsFor(125),
      remaining: 75,
    });
    // A nearly spent bucket is leased in ever smaller slices: 60 of its 75 are still there to
    // spend (a slice of 60 taken by the first would have left 40, and this charge refused).
    expect(await second.charge('client-b', ALLOWANCE, 60)).toEqual({ ok: true, remaining: 15 });
    expect(await second.charge('client-c', ALLOWANCE, 200)).toEqual({ ok: true, remaining: 400 });
    // Unused for 200 ms, the first gives its slice back (25): with its own (3), the second sees
    // the whole bucket, 600 less the 560 spent.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await second.charge('client-b', ALLOWANCE, 200)).toEqual({
      ok: false,
      retryAfterSeconds: secondsFor(160),
      remaining: 40,
    });
  });

  it('when one replica refuses an address, then the others hear of it', async () => {
    const [first, second] = [await store(), await store()];
    const heard: Array<[string, number]> = [];
    second.onRefusal((address, seconds) => heard.push([address, seconds]));
    first.onRefusal((address) => heard.push([`own ${address}`, 0]));
    first.announceRefusal('192.0.2.7', 12);
    await waitFor('the refusal to arrive', () => heard.length > 0, 10_000);
    expect(heard).toEqual([['192.0.2.7', 12]]);
  });

  it('when Redis stops, then budgets are per process, said in /metrics and the log, and shared again when it is back', async () => {
    const budgets = await store();
    await budgets.charge('client-d', ALLOWANCE, 600);
    expect((await budgets.charge('client-d', ALLOWANCE, 1)).ok).toBe(false);
    lines.length = 0;
    await redis.stop();
    await waitFor('the store to notice', () => !budgets.isShared, 10_000);
    // Fail open: this process's own bucket, full for a client it has not budgeted yet.
    expect(await budgets.charge('client-d', ALLOWANCE, 100)).toEqual({ ok: true, remaining: 500 });
    const down = (await metricsExposition()).body;
    expect(down).toMatch(/^rate_limit_store_up 0$/m);
    expect(Number(/^rate_limit_store_fallback_charges_total (\d+)$/m.exec(down)?.[1])).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('budget store unreachable'))).toBe(true);

    await redis.start();
    await waitFor('the store to be shared again', () => budgets.isShared, 20_000);
    expect(await budgets.charge('client-e', ALLOWANCE, 100)).toEqual({ ok: true, remaining: 500 });
    expect((await metricsExposition()).body).toMatch(/^rate_limit_store_up 1$/m);
    expect(lines.some((line) => line.includes('budget store reachable'))).toBe(true);
  }, 60_000);
});

describe('Redis calls per cached answer', () => {
  /** Scripts run by Redis since `since` (EVALSHA, and EVAL when ioredis loads the script). */
  async function scriptCalls(admin: Redis): Promise<number> {
    const stats = await admin.info('commandstats');
    let calls = 0;
    for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) calls += Number(match[1]);
    return calls;
  }

  /**
   * Response-cache hits of one anonymous client through the protection's hit path (50 by
   * default, one at a time; `atOnce` sends each round's hits together), each priced 120 points
   * and using 80 unless `priced` says otherwise, against the default anonymous budget (burst
   * 100,000) that refills in a day: the Redis scripts they ran, the budget each hit was told,
   * and what the client's bucket holds after the replica gave back its slice.
   */
  async function cachedHits(
    leasePercent: number,
    { priced = { requested: 120, actual: 80 }, rounds = 50, atOnce = 1 } = {},
  ) {
    const config = {
      ...DEFAULT_PROTECTION,
      rateLimit: {
        ...DEFAULT_PROTECTION.rateLimit,
        windowSeconds: WINDOW_S,
        points: { ...DEFAULT_PROTECTION.rateLimit.points, anonymous: 100_000 },
      },
    };
    const budgets = await store({ leasePercent, windowSeconds: WINDOW_S });
    const protection = createProtection({ config, defaultPageSize: 20, budgets });
    const admin = new Redis(redis.url);
    const address = `198.51.100.${(addresses += 1)}`;
    try {
      await admin.config('RESETSTAT');
      const remaining: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const costs = await Promise.all(
          Array.from({ length: atOnce }, () => protection.chargeCached(ANONYMOUS, address, priced)),
        );
        for (const cost of costs) remaining.push(cost!.budgetRemaining!);
      }
      const calls = await scriptCalls(admin);
      // Closing gives back the slice: the bucket then holds the burst less the hits' actual cost (and a day's refill of a second or two).
      await budgets.close();
      const points = Number(await admin.hget(`permed:budget:ip:${address}`, 't'));
      return { calls, remaining, points };
    } finally {
      admin.disconnect();
    }
  }

  let addresses = 0;

  it("when a client's cached answers are charged, then one slice of its budget pays many of them with one Redis call", async () => {
    const { calls, remaining, points } = await cachedHits(1);
    // A slice of the hit and 64 more (120 + 64 x 80 = 5,240 points, above 1% of the burst) pays
    // all 50 hits of 80, each needing 120 in hand: 1 call (5 with slices of 1% of the burst, 100
    // with none: a charge and a refund each).
    expect(calls).toBe(1);
    expect(remaining[0]).toBe(100_000 - 80);
    expect(remaining.at(-1)).toBe(100_000 - 50 * 80);
    expect(points).toBeGreaterThanOrEqual(100_000 - 50 * 80);
    expect(points).toBeLessThan(100_000 - 50 * 80 + 10);
  });

  it('when slices are off, then each cached answer costs one Redis call, its refund riding on the next', async () => {
    const { calls, remaining, points } = await cachedHits(0);
    expect(calls).toBe(50);
    expect(remaining[0]).toBe(100_000 - 80);
    expect(points).toBeGreaterThanOrEqual(100_000 - 50 * 80);
    expect(points).toBeLessThan(100_000 - 50 * 80 + 10);
  });

  it("when a client's cached answers cost more than 1% of its burst, then a slice of eight such charges pays them", async () => {
    // Priced 2,000 (above the 1,000 points of 1%): a slice of 8 x 2,000 is capped at a tenth of
    // the burst, 10,000, and each hit needs 2,000 in hand but spends 80: about 100 hits a call.
    // With slices of 1% of the burst only, each of these hits asked Redis (50 calls).
    const { calls, remaining, points } = await cachedHits(1, { priced: { requested: 2_000, actual: 80 } });
    expect(calls).toBeLessThanOrEqual(2);
    expect(remaining.at(-1)).toBe(100_000 - 50 * 80);
    expect(points).toBeGreaterThanOrEqual(100_000 - 50 * 80);
    expect(points).toBeLessThan(100_000 - 50 * 80 + 10);
  });

  it("when eight of a client's cached answers are charged at once, then they wait for one Redis call, not each ask", async () => {
    // 10 rounds of 8 hits sent together, priced 441 and using 50 (bench:replicas' nested page).
    // The charges that find the slice spent wait for the one call under way, and a hit's unused
    // points never leave the slice, so the 8 fit in one slice (441 + 64 x 50 = 3,641 points); when the
    // hits were charged whole and refunded after, the slice ran short every round and the
    // waiting charges each asked Redis (42 calls for these 80 hits).
    const { calls, remaining, points } = await cachedHits(1, {
      priced: { requested: 441, actual: 50 },
      rounds: 10,
      atOnce: 8,
    });
    expect(calls).toBeLessThanOrEqual(3);
    expect(remaining).toHaveLength(80);
    expect(points).toBeGreaterThanOrEqual(100_000 - 80 * 50);
    expect(points).toBeLessThan(100_000 - 80 * 50 + 10);
  });
});
