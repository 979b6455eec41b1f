// The Neo4j supervisor's state machine on a stand-in embedded process (no database): a death
// is noticed at once, statements fail fast while down, restarts follow the backoff schedule,
// and every transition is told to listeners and logged as one JSON line.

import type { Driver } from 'neo4j-driver';
import type { EmbeddedExit, EmbeddedNeo4j } from '../../../src/db/embedded';
import { healthReport } from '../../../src/db/health';
import { DatabaseSupervisor, restartDelayMs, type DatabaseState } from '../../../src/db/supervisor';
import { createLogger } from '../../../src/logger';

/** A stand-in for the launcher process: `die` ends it as SIGKILL would. */
function fakeEmbedded(pid: number): EmbeddedNeo4j & { die(): void; stopped: boolean } {
  const listeners: Array<(exit: EmbeddedExit) => void> = [];
  const process = {
    uri: `bolt://127.0.0.1:7${pid}`,
    port: 7000 + pid,
    pid,
    stopped: false,
    onExit: (listener: (exit: EmbeddedExit) => void) => void listeners.push(listener),
    stop: async () => {
      process.stopped = true;
    },
    die: () => listeners.splice(0).forEach((listener) => listener({ code: null, signal: 'SIGKILL' })),
  };
  return process;
}

const closedDrivers: string[] = [];
function fakeDriver(uri: string): Driver {
  return { close: async () => void closedDrivers.push(uri) } as unknown as Driver;
}

function setUp(restarts: Array<EmbeddedNeo4j | Error>) {
  const first = fakeEmbedded(1);
  const lines: string[] = [];
  const attempts: number[] = [];
  const supervisor = new DatabaseSupervisor(
    {
      kind: 'embedded',
      embedded: first,
      uri: first.uri,
      createDriver: fakeDriver,
      restart: async (attempt) => {
        attempts.push(attempt);
        const next = restarts.shift();
        if (next === undefined || next instanceof Error) throw next ?? new Error('no more restarts');
        return next;
      },
    },
    { logger: createLogger('info', (line) => lines.push(line)), restart: true },
  );
  const states: DatabaseState[] = [];
  supervisor.onStateChange((state) => states.push(state));
  return { supervisor, first, lines, attempts, states };
}

describe('restartDelayMs', () => {
  it('doubles from 0.5 s and stays at 30 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs);
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(() => restartDelayMs(0)).toThrow(TypeError);
  });
});

describe('DatabaseSupervisor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when the process dies, then it is down at once, in-flight statements fail and new ones are refused', async () => {
    const { supervisor, first, states } = setUp([]);
    const inFlight = supervisor.whileUp(new Promise(() => undefined));
    first.die();
    expect(supervisor.state).toBe('down');
    expect(states).toEqual(['down']);
    await expect(inFlight).rejects.toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
    expect(() => supervisor.assertUp()).toThrow(/The graph database is down/);
    expect(healthReport(supervisor.status())).toMatchObject({
      status: 'degraded',
      database: { state: 'down', lastFailure: 'the Neo4j process was killed (SIGKILL)' },
    });
    await supervisor.stop();
  });

  it('when a restart fails, then it waits longer and tries again, and comes back up with a new driver', async () => {
    const second = fakeEmbedded(2);
    const { supervisor, first, lines, attempts, states } = setUp([new Error('port in use'), second]);
    first.die();
    await jest.advanceTimersByTimeAsync(499);
    expect(attempts).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([1]);
    expect(states).toEqual(['down', 'restarting', 'down']);
    await jest.advanceTimersByTimeAsync(1000);
    expect(attempts).toEqual([1, 2]);
    expect(states).toEqual(['down', 'restarting', 'down', 'restarting', 'up']);
    expect(supervisor.status()).toMatchObject({ state: 'up', recoveries: 1, pid: 2 });
    expect(closedDrivers).toContain(first.uri);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const transitions = entries.filter((entry) => entry.message === 'neo4j state');
    expect(transitions.map((entry) => `${String(entry.from)}->${String(entry.to)}`)).toEqual([
      'up->down',
      'down->restarting',
      'restarting->down',
      'down->restarting',
      'restarting->up',
    ]);
    await supervisor.stop();
    expect(second.stopped).toBe(true);
  });

  it('when it is stopped, then a death is not restarted and statements are refused', async () => {
    const { supervisor, first, attempts, states } = setUp([fakeEmbedded(3)]);
    await supervisor.stop();
    first.die();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(attempts).toEqual([]);
    expect(states).toEqual(['stopped']);
    expect(first.stopped).toBe(true);
    expect(() => supervisor.assertUp()).toThrow(/shutting down/);
  });
});

describe('DatabaseSupervisor with a Neo4j server (NEO4J_URI)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when the server stops answering, then it is down within a check and reconnects when it answers', async () => {
    let answering = true;
    const created: number[] = [];
    const serverDriver = (_uri: string, poolSize?: number): Driver => {
      created.push(poolSize ?? 50);
      return {
        getServerInfo: async () => {
          if (!answering) throw new Error('connect ECONNREFUSED 127.0.0.1:7687');
          return {};
        },
        close: async () => undefined,
      } as unknown as Driver;
    };
    const supervisor = new DatabaseSupervisor(
      { kind: 'server', embedded: null, uri: 'bolt://127.0.0.1:7687', createDriver: serverDriver },
      { logger: createLogger('error', () => undefined), restart: true, checkIntervalMs: 1000 },
    );
    const states: DatabaseState[] = [];
    supervisor.onStateChange((state) => states.push(state));
    await jest.advanceTimersByTimeAsync(1000);
    expect(states).toEqual([]);
    answering = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(supervisor.status()).toMatchObject({ state: 'down', pid: null });
    expect(supervisor.status().lastFailure).toMatch(/does not answer: connect ECONNREFUSED/);
    answering = true;
    await jest.advanceTimersByTimeAsync(1000);
    expect(states).toEqual(['down', 'restarting', 'up']);
    expect(supervisor.status().recoveries).toBe(1);
    // The statement driver was created twice (start, reconnect); the checks use a one-connection driver.
    expect(created.filter((size) => size === 50)).toHaveLength(2);
    expect(created).toContain(1);
    await supervisor.stop();
  });
});
