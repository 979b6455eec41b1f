// The connector runner's read-ahead: the next batch is produced while the caller handles the one
// before, in order, one ahead at most; a failure of the producer reaches the caller at its turn;
// closing runs the producer's finally (a source closes its files there).

import { ReadAhead } from '../../../src/connectors/readAhead';

/** Lets every queued promise job run (the producer's steps between awaits). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function producer(log: string[], count: number, failAt: number | null = null): AsyncGenerator<number[]> {
  return (async function* () {
    try {
      for (let i = 1; i <= count; i += 1) {
        await settle();
        if (i === failAt) throw new Error(`batch ${i} cannot be read`);
        log.push(`read ${i}`);
        yield [i];
      }
    } finally {
      log.push('closed');
    }
  })();
}

describe('ReadAhead', () => {
  it('produces the next batch while the caller is busy with the one before, one ahead at most', async () => {
    const log: string[] = [];
    const batches = new ReadAhead(producer(log, 3));
    const first = await batches.next();
    expect(first).toEqual([1]);
    log.push('writing 1');
    await settle();
    await settle();
    // Batch 2 was read while batch 1 was being written; batch 3 waits for the caller.
    expect(log).toEqual(['read 1', 'writing 1', 'read 2']);
    expect(await batches.next()).toEqual([2]);
    expect(await batches.next()).toEqual([3]);
    expect(await batches.next()).toBeNull();
    expect(log).toEqual(['read 1', 'writing 1', 'read 2', 'read 3', 'closed']);
  });

  it('hands a failure of the producer over at its turn, after the batches before it', async () => {
    const log: string[] = [];
    const batches = new ReadAhead(producer(log, 3, 2));
    expect(await batches.next()).toEqual([1]);
    // The failure happens while batch 1 is handled; it is held (no unhandled rejection) for its turn.
    await settle();
    await settle();
    await expect(batches.next()).rejects.toThrow('batch 2 cannot be read');
    expect(log).toEqual(['read 1', 'closed']);
  });

  it('when the caller stops early, closing runs the producer’s finally', async () => {
    const log: string[] = [];
    const batches = new ReadAhead(producer(log, 5));
    expect(await batches.next()).toEqual([1]);
    await batches.close();
    expect(log).toEqual(['read 1', 'read 2', 'closed']);
  });
});
