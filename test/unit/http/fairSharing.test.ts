// The token buckets behind per-client budgets and the bounded analytics pool, on a fake clock.

import { AnalyticsPool, PoolFullError } from '../../../src/http/analyticsPool';
import { MAX_OPERATION_LABELS, operationLabel } from '../../../src/http/metrics';
import { TokenBuckets } from '../../../src/http/rateLimit';
import { serialiseAnalytics } from '../../../src/http/cost/protection';

describe('TokenBuckets', () => {
  let now = 0;
  const buckets = () => new TokenBuckets({ windowSeconds: 60, now: () => now });
  beforeEach(() => {
    now = 0;
  });

  it('starts a client full and takes points while it holds them', () => {
    const b = buckets();
    expect(b.charge('a', { perWindow: 600, burst: 600 }, 400)).toEqual({ ok: true, remaining: 200 });
    expect(b.charge('a', { perWindow: 600, burst: 600 }, 300)).toEqual({
      ok: false,
      retryAfterSeconds: 10,
      remaining: 200,
    });
  });

  it('refills evenly over the window: 600 a minute is 10 a second', () => {
    const b = buckets();
    b.charge('a', { perWindow: 600, burst: 600 }, 600);
    now = 5000;
    expect(b.charge('a', { perWindow: 600, burst: 600 }, 60)).toEqual({
      ok: false,
      retryAfterSeconds: 1,
      remaining: 50,
    });
    now = 6000;
    expect(b.charge('a', { perWindow: 600, burst: 600 }, 60)).toEqual({ ok: true, remaining: 0 });
  });

  it('keeps at most the burst however long a client was idle, and refills at the window rate', () => {
    const b = buckets();
    expect(b.charge('a', { perWindow: 600, burst: 100 }, 100).ok).toBe(true);
    now = 3_600_000;
    expect(b.charge('a', { perWindow: 600, burst: 100 }, 100)).toEqual({ ok: true, remaining: 0 });
    expect(b.charge('a', { perWindow: 600, burst: 100 }, 20)).toEqual({
      ok: false,
      retryAfterSeconds: 2,
      remaining: 0,
    });
  });

  it('keeps clients apart', () => {
    const b = buckets();
    b.charge('a', { perWindow: 100, burst: 100 }, 100);
    expect(b.charge('b', { perWindow: 100, burst: 100 }, 100).ok).toBe(true);
    expect(b.charge('a', { perWindow: 100, burst: 100 }, 1).ok).toBe(false);
  });

  it('gives refunds back up to the capacity', () => {
    const b = buckets();
    b.charge('a', { perWindow: 100, burst: 100 }, 80);
    b.refund('a', 50);
    expect(b.charge('a', { perWindow: 100, burst: 100 }, 70)).toEqual({ ok: true, remaining: 0 });
    b.refund('a', 1000);
    expect(b.charge('a', { perWindow: 100, burst: 100 }, 0)).toEqual({ ok: true, remaining: 100 });
  });

  it('checks the whole cost but keeps only what a charge spends (a cached answer of known size)', () => {
    const b = buckets();
    const allowance = { perWindow: 600, burst: 600 };
    expect(b.charge('a', allowance, 400, 50)).toEqual({ ok: true, remaining: 550 });
    expect(b.charge('a', allowance, 500, 100)).toEqual({ ok: true, remaining: 450 });
    // 450 left: a charge of 500 is refused even though it would spend only 10.
    expect(b.charge('a', allowance, 500, 10)).toEqual({ ok: false, retryAfterSeconds: 5, remaining: 450 });
    // A spend above the cost keeps the cost.
    expect(b.charge('a', allowance, 100, 1_000)).toEqual({ ok: true, remaining: 350 });
  });

  it('lets an operation larger than the bucket take a full bucket', () => {
    const b = buckets();
    expect(b.charge('a', { perWindow: 100, burst: 100 }, 500)).toEqual({ ok: true, remaining: 0 });
    expect(b.charge('a', { perWindow: 100, burst: 100 }, 500)).toEqual({
      ok: false,
      retryAfterSeconds: 60,
      remaining: 0,
    });
  });

  it('drops the least recently used client beyond maxClients', () => {
    const b = new TokenBuckets({ windowSeconds: 60, maxClients: 2, now: () => now });
    b.charge('a', { perWindow: 10, burst: 10 }, 10);
    b.charge('b', { perWindow: 10, burst: 10 }, 10);
    b.charge('a', { perWindow: 10, burst: 10 }, 0);
    b.charge('c', { perWindow: 10, burst: 10 }, 10);
    expect(b.size).toBe(2);
    // a was used after b, so b was dropped: a is still empty, b starts full again.
    expect(b.charge('a', { perWindow: 10, burst: 10 }, 1).ok).toBe(false);
    expect(b.charge('b', { perWindow: 10, burst: 10 }, 10).ok).toBe(true);
  });

  it('refuses a window that is not positive', () => {
    expect(() => new TokenBuckets({ windowSeconds: 0 })).toThrow(TypeError);
  });
});

describe('AnalyticsPool', () => {
  it('runs up to its concurrency, queues up to its queue and refuses the rest', async () => {
    const pool = new AnalyticsPool(2, 1);
    const first = await pool.acquire();
    const second = await pool.acquire();
    let thirdStarted = false;
    const third = pool.acquire().then((release) => {
      thirdStarted = true;
      return release;
    });
    await expect(pool.acquire()).rejects.toBeInstanceOf(PoolFullError);
    expect([pool.active, pool.queued]).toEqual([2, 1]);
    first();
    const releaseThird = await third;
    expect(thirdStarted).toBe(true);
    expect([pool.active, pool.queued]).toEqual([2, 0]);
    second();
    releaseThird();
    releaseThird();
    expect(pool.active).toBe(0);
  });

  it('hands places over in arrival order', async () => {
    const pool = new AnalyticsPool(1, 5);
    const release = await pool.acquire();
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) => pool.acquire().then((r) => (order.push(n), r())));
    release();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  it('refuses a concurrency below 1 or a negative queue', () => {
    expect(() => new AnalyticsPool(0, 1)).toThrow(TypeError);
    expect(() => new AnalyticsPool(1, -1)).toThrow(TypeError);
  });
});

describe('operationLabel', () => {
  it('keeps plain names, and names what it cannot keep', () => {
    expect(operationLabel('FunderPage')).toBe('FunderPage');
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('bad name{}')).toBe('other');
  });

  it('stops adding labels after MAX_OPERATION_LABELS names, since clients choose them', () => {
    for (let i = 0; i < MAX_OPERATION_LABELS + 10; i++) operationLabel(`Op${i}`);
    expect(operationLabel('OneMore')).toBe('other');
    expect(operationLabel('FunderPage')).toBe('FunderPage');
  });
});

describe('serialiseAnalytics', () => {
  it('runs the analytics root fields of one request one at a time, and other requests beside them', async () => {
    const log: string[] = [];
    const gates: Array<() => void> = [];
    const slow = (name: string) => async (_p: unknown, _a: unknown, context: { id: string }) => {
      log.push(`start ${context.id}:${name}`);
      await new Promise<void>((resolve) => gates.push(resolve));
      log.push(`end ${context.id}:${name}`);
      return name;
    };
    const resolvers = serialiseAnalytics({
      Query: { cofundingNetwork: slow('a'), coverageMatrix: slow('b'), funder: () => 'plain' },
    });
    const query = resolvers.Query as Record<
      string,
      (p: unknown, a: unknown, c: object, i: unknown) => unknown
    >;
    const one = { id: '1' };
    const two = { id: '2' };
    const first = query.cofundingNetwork!(null, {}, one, null);
    const second = query.coverageMatrix!(null, {}, one, null);
    const other = query.coverageMatrix!(null, {}, two, null);
    expect(query.funder!(null, {}, one, null)).toBe('plain');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start 1:a', 'start 2:b']);
    gates.shift()!();
    gates.shift()!();
    await expect(first).resolves.toBe('a');
    await expect(other).resolves.toBe('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toContain('start 1:b');
    gates.shift()!();
    await expect(second).resolves.toBe('b');
  });
});
