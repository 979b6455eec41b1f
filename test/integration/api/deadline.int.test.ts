// Request deadlines, departed clients and the response size cap against the real Neo4j: a
// deliberately slow statement is cut off when the request's signal fires and its transaction
// is gone from SHOW TRANSACTIONS (Community 5.26 lists its own transactions); a statement is
// never started after the signal; answers over MAX_RESPONSE_BYTES are refused with a code.

import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import * as stats from '../../../src/db/stats';
import type { QueryEvent, QueryScope } from '../../../src/db/run';
import { ErrorCode, PublicError } from '../../../src/errors';
import { send, startHostileServer, type HostileServer } from '../../helpers/hostileServer';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

let database: TestDatabase;
beforeAll(() => {
  database = openTestDatabase();
});
afterAll(() => database.close());
afterEach(() => jest.restoreAllMocks());

/** A statement that counts to two billion (minutes of work); `marker` finds it in SHOW TRANSACTIONS. */
const SLOW = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n, $marker AS marker';

/** The transactions run with this `marker` parameter (this statement's own is named `wanted`). */
async function runningWith(marker: string): Promise<string[]> {
  const rows = await database.db.read<{ id: string; query: string }>(
    'SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery AS query, parameters WHERE parameters.marker = $wanted RETURN id, query',
    { wanted: marker },
  );
  return rows.map((row) => row.id);
}

/** Polls until `check` holds or `timeoutMs` passes; returns how long it took (or null). */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

function scopeFor(controller: AbortController, budgetMs = 60_000): QueryScope {
  return { signal: controller.signal, deadline: Date.now() + budgetMs };
}

describe('Db.withScope', () => {
  it('when the signal fires during a slow statement, then it rejects with the reason at once and its transaction is gone', async () => {
    const marker = randomUUID();
    const controller = new AbortController();
    const pending = database.db.withScope(scopeFor(controller)).read(SLOW, { marker });
    pending.catch(() => undefined);
    // The check below can fail: the statement is listed while it runs.
    expect(await waitFor(async () => (await runningWith(marker)).length === 1, 5000)).not.toBeNull();
    const aborted = Date.now();
    controller.abort(new PublicError('stopped by the test', ErrorCode.RequestTimeout));
    await expect(pending).rejects.toMatchObject({ extensions: { code: 'REQUEST_TIMEOUT' } });
    expect(Date.now() - aborted).toBeLessThan(500);
    expect(await waitFor(async () => (await runningWith(marker)).length === 0, 3000)).not.toBeNull();
  });

  it('when the signal has already fired, then no statement starts', async () => {
    const events: QueryEvent[] = [];
    const unobserve = database.db.observe((event) => events.push(event));
    const controller = new AbortController();
    controller.abort();
    const scoped = database.db.withScope(scopeFor(controller));
    await expect(scoped.read('RETURN 1 AS one')).rejects.toMatchObject({
      extensions: { code: 'REQUEST_TIMEOUT' },
    });
    await expect(
      scoped.writeTransaction(async (tx) => tx.run('CREATE (:Never {id: $id})', { id: randomUUID() })),
    ).rejects.toMatchObject({
      extensions: { code: 'REQUEST_TIMEOUT' },
    });
    unobserve();
    expect(events).toEqual([]);
  });

  it('when one scope runs 30 statements at once, then each listens to the signal while it runs and none is left after', async () => {
    const controller = new AbortController();
    // Past 10 listeners Node would print a MaxListenersExceededWarning on stderr, outside the JSON
    // log; withScope lifts the limit (Node 20 cannot read it back from an AbortSignal).
    const scoped = database.db.withScope(scopeFor(controller));
    let peak = 0;
    const rows = await Promise.all(
      Array.from({ length: 30 }, (_, index) => {
        const pending = scoped.read<{ n: number }>('RETURN $n AS n', { n: index });
        peak = Math.max(peak, getEventListeners(controller.signal, 'abort').length);
        return pending;
      }),
    );
    expect(rows.map(([row]) => row!.n)).toEqual(Array.from({ length: 30 }, (_, index) => index));
    expect(peak).toBe(30);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('when the deadline is nearer than the query timeout, then Neo4j stops the statement at the deadline', async () => {
    const marker = randomUUID();
    const started = Date.now();
    // A signal that never fires: only the transaction timeout, cut to the 0.8 s left, stops the statement.
    const scoped = database.db.withScope(scopeFor(new AbortController(), 800));
    await expect(scoped.read(SLOW, { marker })).rejects.toMatchObject({
      extensions: { code: 'REQUEST_TIMEOUT' },
    });
    // The configured QUERY_TIMEOUT_MS is 15 s; the transaction ended with the 0.8 s budget.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await runningWith(marker)).toEqual([]);
  });
});

describe('request deadlines over HTTP', () => {
  let server: HostileServer;
  let patient: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer({ requestTimeoutMs: 1000 });
    patient = await startHostileServer();
  });
  afterAll(async () => {
    await server.close();
    await patient.close();
  });

  function slowStats(marker: string): void {
    jest.spyOn(stats, 'readStats').mockImplementation(async (db) => {
      await db.read(SLOW, { marker });
      throw new Error('the slow statement should have been stopped');
    });
  }

  it('when a request outlives REQUEST_TIMEOUT_MS, then it answers REQUEST_TIMEOUT and its transaction is gone', async () => {
    const marker = randomUUID();
    slowStats(marker);
    const started = Date.now();
    const response = await send(server.port, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { dataVersion } }' }),
    });
    expect(Date.now() - started).toBeLessThan(3000);
    const body = JSON.parse(response.body) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]!.extensions.code).toBe('REQUEST_TIMEOUT');
    expect(body.errors[0]!.message).toContain('1000 ms');
    expect(await waitFor(async () => (await runningWith(marker)).length === 0, 2000)).not.toBeNull();
  });

  it('when the client disconnects, then its transaction is closed and the log says so', async () => {
    const marker = randomUUID();
    slowStats(marker);
    const client = new AbortController();
    const request = fetch(`http://127.0.0.1:${patient.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `gone-${marker}` },
      body: JSON.stringify({ query: '{ stats { dataVersion } }' }),
      signal: client.signal,
    });
    request.catch(() => undefined);
    expect(await waitFor(async () => (await runningWith(marker)).length === 1, 5000)).not.toBeNull();
    client.abort();
    // Well before this server's 20 s deadline (or the 15 s query timeout) would have stopped it.
    expect(await waitFor(async () => (await runningWith(marker)).length === 0, 3000)).not.toBeNull();
    const line = await waitFor(
      async () =>
        patient.logLines.some(
          (entry) => entry.includes(`gone-${marker}`) && entry.includes('CLIENT_CLOSED_REQUEST'),
        ),
      2000,
    );
    expect(line).not.toBeNull();
  });
});

describe('the response size cap', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer({ maxResponseBytes: 2048 });
  });
  afterAll(() => server.close());

  it('when an answer is over MAX_RESPONSE_BYTES, then it is refused with 422 RESPONSE_TOO_LARGE', async () => {
    const response = await send(server.port, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ funders(first: 100) { nodes { id name } } }' }),
    });
    expect(response.status).toBe(422);
    const error = JSON.parse(response.body).errors[0];
    expect(error.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', bytes: expect.any(Number), limit: 2048 });
    expect(error.extensions.bytes).toBeGreaterThan(2048);
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('when an export file is over the cap, then it is refused without its attachment headers', async () => {
    const response = await send(server.port, { method: 'GET', path: '/export/cofunding.gexf' });
    expect(response.status).toBe(422);
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('when an answer is under the cap, then it is sent', async () => {
    const response = await send(server.port, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { dataVersion } }' }),
    });
    expect(response.status).toBe(200);
  });
});
