// RedisBudgets against a real redis-server: the same charges, refusals, Retry-After and refunds
// as TokenBuckets, one budget for two replicas, per-process budgets while Redis is away (said in
// /metrics and the log) and shared ones again once it is back, refusals told to the other replicas.

import { startRedis, waitFor, type RedisServer } from '../../../bench/replicaCluster';
import { createLogger } from '../../../src/logger';
import { metricsExposition } from '../../../src/http/metrics';
import { TokenBuckets, type Allowance } from '../../../src/http/rateLimit';
import { RedisBudgets } from '../../../src/http/redisBudgets';

let redis: RedisServer;
const stores: RedisBudgets[] = [];
const lines: string[] = [];
const logger = createLogger('info', (line) => lines.push(line));

/** A store on the test's Redis; a day's window, so that refill adds nothing between two calls (a point in 144 s). */
async function store(): Promise<RedisBudgets> {
  const budgets = new RedisBudgets({ url: redis.url, windowSeconds: WINDOW_S, logger, probeIntervalMs: 100 });
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

  it('when two replicas charge one client, then they spend one budget', async () => {
    const [first, second] = [await store(), await store()];
    expect(await first.charge('client-b', ALLOWANCE, 500)).toEqual({ ok: true, remaining: 100 });
    expect(await second.charge('client-b', ALLOWANCE, 200)).toEqual({
      ok: false,
      retryAfterSeconds: secondsFor(100),
      remaining: 100,
    });
    expect(await second.charge('client-c', ALLOWANCE, 200)).toEqual({ ok: true, remaining: 400 });
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
