// Specifies the bench's statistics and its in-process load loop on small hand-checked inputs.

import { percentile, poolSamples, runLoad, summariseLoad } from '../../../bench/load';

describe('percentile', () => {
  it('returns the middle value as p50 of an odd-length list', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
  });

  it('interpolates between the two middle values of an even-length list', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
  });

  it('interpolates linearly between the nearest ranks (rank = (n - 1) * p / 100)', () => {
    // n = 5: p99 has rank 3.96, between 40 (rank 3) and 50 (rank 4).
    expect(percentile([10, 20, 30, 40, 50], 99)).toBeCloseTo(49.6, 10);
    // n = 11 (0..100): every percentile p lands exactly on value p.
    const hundred = Array.from({ length: 11 }, (_, i) => i * 10);
    expect(percentile(hundred, 90)).toBeCloseTo(90, 10);
    expect(percentile(hundred, 25)).toBeCloseTo(25, 10);
  });

  it('returns the minimum at p0 and the maximum at p100', () => {
    expect(percentile([3, 7, 9], 0)).toBe(3);
    expect(percentile([3, 7, 9], 100)).toBe(9);
  });

  it('returns the only value of a one-element list for any p', () => {
    expect(percentile([4.2], 0)).toBe(4.2);
    expect(percentile([4.2], 50)).toBe(4.2);
    expect(percentile([4.2], 99)).toBe(4.2);
  });

  it('matches the nearest rank when the rank is a whole number', () => {
    // n = 101 values 1..101: p99 is rank 99, the value 100.
    const values = Array.from({ length: 101 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(100);
    expect(percentile(values, 50)).toBe(51);
  });

  it('throws a TypeError on an empty list, an unsorted list or p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(
      new TypeError('percentile expects at least one value, received an empty list'),
    );
    expect(() => percentile([2, 1], 50)).toThrow(TypeError);
    expect(() => percentile([1, 2], 101)).toThrow('percentile expects p from 0 to 100, received 101');
    expect(() => percentile([1, 2], Number.NaN)).toThrow(TypeError);
  });
});

describe('summariseLoad', () => {
  it('sorts the latencies and reports count, rate, percentiles, mean and extremes', () => {
    const summary = summariseLoad([4, 1, 3, 2], 2000);
    expect(summary).toEqual({
      requests: 4,
      errors: 0,
      elapsedMs: 2000,
      requestsPerSecond: 2,
      p50Ms: 2.5,
      p99Ms: expect.closeTo(3.97, 10),
      meanMs: 2.5,
      minMs: 1,
      maxMs: 4,
    });
  });

  it('keeps the error count it is given', () => {
    expect(summariseLoad([1], 1000, 3).errors).toBe(3);
  });

  it("does not reorder the caller's array", () => {
    const latencies = [3, 1, 2];
    summariseLoad(latencies, 1000);
    expect(latencies).toEqual([3, 1, 2]);
  });

  it('throws a TypeError without latencies or without a positive elapsed time', () => {
    expect(() => summariseLoad([], 1000)).toThrow(TypeError);
    expect(() => summariseLoad([1], 0)).toThrow('summariseLoad expects a positive elapsedMs, received 0');
  });
});

describe('runLoad', () => {
  /** A clock that only moves when a request takes time. */
  function fakeClock() {
    let time = 0;
    return { now: () => time, advance: (ms: number) => (time += ms) };
  }

  it('runs each worker until the duration has passed and records every latency', async () => {
    const clock = fakeClock();
    const samples = await runLoad({
      workers: 1,
      durationMs: 10,
      now: clock.now,
      request: async () => {
        clock.advance(2);
      },
    });
    // Requests start at 0, 2, 4, 6 and 8; none starts at 10.
    expect(samples.latenciesMs).toEqual([2, 2, 2, 2, 2]);
    expect(samples.elapsedMs).toBe(10);
    expect(samples.errors).toBe(0);
  });

  it('keeps `workers` requests in flight at once', async () => {
    // A fake clock, so that a pause of the test process (a loaded CI machine) cannot pass the
    // deadline before the last worker has started: the clock moves only when a request ends.
    const clock = fakeClock();
    let inFlight = 0;
    let most = 0;
    const samples = await runLoad({
      workers: 3,
      durationMs: 30,
      now: clock.now,
      request: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        clock.advance(5);
      },
    });
    expect(most).toBe(3);
    expect(samples.latenciesMs.length).toBeGreaterThanOrEqual(3);
  });

  it('counts a rejected request as an error, keeps the first error and records no latency for it', async () => {
    const clock = fakeClock();
    let calls = 0;
    const samples = await runLoad({
      workers: 1,
      durationMs: 4,
      now: clock.now,
      request: async () => {
        calls += 1;
        clock.advance(1);
        if (calls % 2 === 0) throw new Error(`failure ${calls}`);
      },
    });
    expect(calls).toBe(4);
    expect(samples.latenciesMs).toEqual([1, 1]);
    expect(samples.errors).toBe(2);
    expect((samples.firstError as Error).message).toBe('failure 2');
  });

  it('throws a TypeError for a non-positive worker count or duration', async () => {
    const request = async () => undefined;
    await expect(runLoad({ workers: 0, durationMs: 10, request })).rejects.toThrow(
      'runLoad expects workers to be a positive integer, received 0',
    );
    await expect(runLoad({ workers: 1, durationMs: 0, request })).rejects.toThrow(TypeError);
  });
});

describe('poolSamples', () => {
  it('concatenates latencies, adds times and errors and keeps the first error', () => {
    const first = new Error('first');
    expect(
      poolSamples([
        { latenciesMs: [1, 2], errors: 0, elapsedMs: 100, firstError: null },
        { latenciesMs: [3], errors: 2, elapsedMs: 50, firstError: first },
        { latenciesMs: [], errors: 1, elapsedMs: 25, firstError: new Error('later') },
      ]),
    ).toEqual({ latenciesMs: [1, 2, 3], errors: 3, elapsedMs: 175, firstError: first });
  });

  it('throws a TypeError when there is no run', () => {
    expect(() => poolSamples([])).toThrow('poolSamples expects at least one run, received none');
  });
});
