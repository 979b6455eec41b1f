// Specifies the shared data-version reads: a caller only gets a read that began after it asked,
// callers asking while a read runs share the next one, and failures reach exactly their joiners.

import { SharedVersionReads } from '../../../src/cache/sharedVersionReads';

/** A read the test answers by hand: `answer(n)` or `fail(error)` settles the oldest pending one. */
function manualReads() {
  const pending: Array<{ resolve: (version: number) => void; reject: (error: Error) => void }> = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  const settle = async (take: (next: (typeof pending)[number]) => void) => {
    const next = pending.shift();
    if (!next) throw new Error('no read is pending');
    take(next);
    // Let the settled read's joiners and the queued read start.
    for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  };
  return {
    read,
    get pending() {
      return pending.length;
    },
    answer: (version: number) => settle((next) => next.resolve(version)),
    fail: (error: Error) => settle((next) => next.reject(error)),
  };
}

describe('SharedVersionReads', () => {
  it('starts a read for a caller when none is running', async () => {
    const reads = manualReads();
    const versions = new SharedVersionReads(reads.read);
    const first = versions.next();
    await Promise.resolve();
    expect(reads.pending).toBe(1);
    await reads.answer(7);
    await expect(first).resolves.toBe(7);
    expect(versions.reads).toBe(1);
  });

  it('gives callers that ask during a read the next read, not the running one', async () => {
    const reads = manualReads();
    const versions = new SharedVersionReads(reads.read);
    const early = versions.next();
    await Promise.resolve();
    const late = [versions.next(), versions.next(), versions.next()];
    const settled: number[] = [];
    for (const promise of late) void promise.then((version) => settled.push(version));
    // The running read answers the version of before a write; the late callers must not get it.
    await reads.answer(1);
    await expect(early).resolves.toBe(1);
    expect(settled).toEqual([]);
    expect(reads.pending).toBe(1);
    await reads.answer(2);
    await expect(Promise.all(late)).resolves.toEqual([2, 2, 2]);
    expect(versions.reads).toBe(2);
  });

  it('keeps at most one read running and one waiting however many callers ask', async () => {
    const reads = manualReads();
    const versions = new SharedVersionReads(reads.read);
    const asked = Array.from({ length: 50 }, () => versions.next());
    await Promise.resolve();
    expect(reads.pending).toBe(1);
    await reads.answer(3);
    await reads.answer(4);
    const answers = await Promise.all(asked);
    expect(answers[0]).toBe(3);
    expect(answers.slice(1).every((version) => version === 4)).toBe(true);
    expect(versions.reads).toBe(2);
  });

  it('starts a new read for a caller after the last one ended', async () => {
    const reads = manualReads();
    const versions = new SharedVersionReads(reads.read);
    const first = versions.next();
    await reads.answer(5);
    await first;
    const second = versions.next();
    await Promise.resolve();
    await reads.answer(6);
    await expect(second).resolves.toBe(6);
    expect(versions.reads).toBe(2);
  });

  it('rejects the callers of a failed read only, and reads again for the next caller', async () => {
    const reads = manualReads();
    const versions = new SharedVersionReads(reads.read);
    const failing = versions.next();
    await Promise.resolve();
    const queued = versions.next();
    const failure = expect(failing).rejects.toThrow('Neo4j is down');
    await reads.fail(new Error('Neo4j is down'));
    await failure;
    await reads.answer(9);
    await expect(queued).resolves.toBe(9);
  });
});
