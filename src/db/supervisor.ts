// Watches the Neo4j the process uses and keeps the state every statement is gated on:
// up -> down -> restarting -> up. The embedded Neo4j is restarted on its data folder with
// backoff when its process dies; a Neo4j server (NEO4J_URI) is checked every second and the
// driver reconnects when it answers again. Each transition is one JSON log line.

import type { Driver } from 'neo4j-driver';
import { ErrorCode, PublicError } from '../errors';
import type { Logger } from '../logger';
import type { EmbeddedExit, EmbeddedNeo4j } from './embedded';
import type { DbAvailability } from './run';

/**
 * `up`: statements run. `down`: Neo4j died or does not answer; statements fail at once.
 * `restarting`: a new embedded Neo4j is starting (or the server is being reconnected).
 * `stopped`: the process is shutting down; nothing restarts any more.
 */
export type DatabaseState = 'up' | 'down' | 'restarting' | 'stopped';

/** What /health reports and state listeners receive. */
export interface DatabaseStatus {
  state: DatabaseState;
  /** When the current state began (ISO 8601). */
  since: string;
  /** Times Neo4j came back after being down (restarts of the embedded one, reconnects to a server). */
  recoveries: number;
  /** Why the database last went down, e.g. "the Neo4j process was killed (SIGKILL)"; null before. */
  lastFailure: string | null;
  /** The embedded Neo4j's process id; null for a server. */
  pid: number | null;
}

export type StateListener = (state: DatabaseState, status: DatabaseStatus) => void;

/** How the supervisor starts Neo4j and connects to it; the two kinds of target implement it. */
export interface SupervisedTarget {
  kind: 'embedded' | 'server';
  /** The running embedded Neo4j; null for a server. */
  embedded: EmbeddedNeo4j | null;
  /** Starts a new embedded Neo4j on the same data folder (`attempt` counts from 1); embedded only. */
  restart?: (attempt: number) => Promise<EmbeddedNeo4j>;
  /** A driver for `uri`. */
  createDriver(uri: string, poolSize?: number): Driver;
  uri: string;
}

export interface SupervisorOptions {
  logger: Logger;
  /** Restart a dead embedded Neo4j (the server: true; one-shot CLI commands: false, they fail fast). */
  restart: boolean;
  /** Interval of the connectivity check of a Neo4j server, in ms (default 1000). */
  checkIntervalMs?: number;
}

/**
 * Waits before restart attempt `attempt` (from 1): 0.5 s, 1 s, 2 s, 4 s, 8 s, 16 s, then
 * every 30 s. The first wait is short because a killed Neo4j usually starts again at once;
 * the cap keeps a crash loop from burning the CPU that the rest of the machine needs.
 */
export function restartDelayMs(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new TypeError(`restartDelayMs expects an attempt from 1, received ${attempt}`);
  }
  return Math.min(500 * 2 ** (attempt - 1), 30_000);
}

/** Neo4j must stay up this long before the backoff starts again from 0.5 s (no fast crash loop). */
const BACKOFF_RESET_MS = 60_000;
/** A connectivity check that has no answer after this long counts as failed. */
const CHECK_TIMEOUT_MS = 2_000;

function unavailable(state: DatabaseState): PublicError {
  const why = state === 'restarting' ? 'is restarting' : state === 'stopped' ? 'is shutting down' : 'is down';
  return new PublicError(`The graph database ${why}; try again shortly`, ErrorCode.DatabaseUnavailable);
}

/** The supervisor of one process's Neo4j; also the Db's availability gate. */
export class DatabaseSupervisor implements DbAvailability {
  private current: DatabaseState = 'up';
  private since = new Date().toISOString();
  private recoveries = 0;
  private lastFailure: string | null = null;
  private upSince = Date.now();
  private attempt = 0;
  private readonly listeners = new Set<StateListener>();
  private readonly downWaiters = new Set<(error: PublicError) => void>();
  private mainDriver: Driver;
  private monitor: Driver | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private restarting: Promise<void> | null = null;
  private embedded: EmbeddedNeo4j | null;

  constructor(
    private readonly target: SupervisedTarget,
    private readonly options: SupervisorOptions,
  ) {
    this.embedded = target.embedded;
    this.mainDriver = target.createDriver(target.uri);
    if (this.embedded !== null) this.watchExit(this.embedded);
    if (target.kind === 'server') this.scheduleCheck();
  }

  /** The driver statements use now; replaced after every recovery. */
  driver(): Driver {
    return this.mainDriver;
  }

  get state(): DatabaseState {
    return this.current;
  }

  status(): DatabaseStatus {
    return {
      state: this.current,
      since: this.since,
      recoveries: this.recoveries,
      lastFailure: this.lastFailure,
      pid: this.embedded?.pid ?? null,
    };
  }

  /** Calls `listener` on every transition (e.g. to set a metric); returns the function that removes it. */
  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  assertUp(): void {
    if (this.current !== 'up') throw unavailable(this.current);
  }

  whileUp<T>(running: Promise<T>): Promise<T> {
    if (this.current !== 'up') return Promise.reject(unavailable(this.current));
    return new Promise<T>((resolve, reject) => {
      const onDown = (error: PublicError) => reject(error);
      this.downWaiters.add(onDown);
      running.then(resolve, reject).finally(() => this.downWaiters.delete(onDown));
    });
  }

  reportUnavailable(): void {
    if (this.target.kind === 'server' && this.current === 'up') void this.check();
  }

  /** Stops watching, closes the drivers and stops the embedded Neo4j cleanly. Idempotent. */
  async stop(): Promise<void> {
    if (this.current !== 'stopped') this.transition('stopped', 'shutdown');
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.restarting?.catch(() => undefined);
    await this.checking;
    await Promise.all([this.mainDriver.close(), this.monitor?.close()]);
    await this.embedded?.stop();
  }

  /** Re-reads the state after an await (TypeScript keeps the narrowing from before it). */
  private stopped(): boolean {
    return this.current === 'stopped';
  }

  private transition(to: DatabaseState, reason: string): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.since = new Date().toISOString();
    if (to === 'up') this.upSince = Date.now();
    if (from === 'up') for (const reject of [...this.downWaiters]) reject(unavailable(to));
    const pid = this.embedded?.pid ?? null;
    const fields = { from, to, reason, recoveries: this.recoveries, pid, uri: this.target.uri };
    if (to === 'down') this.options.logger.error('neo4j state', fields);
    else this.options.logger.info('neo4j state', fields);
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(to, status);
      } catch (error) {
        this.options.logger.error('neo4j state listener failed', { error: String(error) });
      }
    }
  }

  private watchExit(embedded: EmbeddedNeo4j): void {
    embedded.onExit((exit) => {
      if (this.current === 'stopped' || embedded !== this.embedded) return;
      this.lastFailure = describeExit(exit);
      this.transition('down', this.lastFailure);
      if (this.options.restart) this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    if (Date.now() - this.upSince > BACKOFF_RESET_MS) this.attempt = 0;
    this.attempt += 1;
    const attempt = this.attempt;
    const delayMs = restartDelayMs(attempt);
    this.options.logger.info('neo4j restart scheduled', { attempt, delayMs });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.restarting = this.restartEmbedded(attempt).finally(() => (this.restarting = null));
    }, delayMs);
  }

  private async restartEmbedded(attempt: number): Promise<void> {
    if (this.current === 'stopped' || this.target.restart === undefined) return;
    this.transition('restarting', `attempt ${attempt}`);
    let started: EmbeddedNeo4j;
    try {
      started = await this.target.restart(attempt);
    } catch (error) {
      if (this.stopped()) return;
      this.lastFailure = `restart attempt ${attempt} failed: ${String(error).split('\n')[0]}`;
      this.transition('down', this.lastFailure);
      this.scheduleRestart();
      return;
    }
    if (this.stopped()) {
      await started.stop();
      return;
    }
    this.embedded = started;
    await this.replaceDriver(started.uri);
    this.recoveries += 1;
    this.watchExit(started);
    // The process may have died while the driver was being replaced; watchExit has seen it then.
    if (this.current === 'restarting')
      this.transition('up', `restarted on ${started.uri} (attempt ${attempt})`);
  }

  /** A fresh driver after a recovery: the old pool holds only broken connections. */
  private async replaceDriver(uri: string): Promise<void> {
    const old = this.mainDriver;
    this.target.uri = uri;
    this.mainDriver = this.target.createDriver(uri);
    if (this.monitor !== null) {
      const oldMonitor = this.monitor;
      this.monitor = null;
      void oldMonitor.close().catch(() => undefined);
    }
    void old.close().catch(() => undefined);
  }

  private scheduleCheck(): void {
    if (this.current === 'stopped') return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.check().finally(() => this.scheduleCheck());
    }, this.options.checkIntervalMs ?? 1_000);
    this.timer.unref();
  }

  /** One connectivity check of a Neo4j server on a driver of its own, so a busy pool cannot fail it. */
  private check(): Promise<void> {
    this.checking ??= (async () => {
      this.monitor ??= this.target.createDriver(this.target.uri, 1);
      let failure: string | null = null;
      let timeout: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          this.monitor.getServerInfo(),
          new Promise((_, reject) => {
            timeout = setTimeout(
              () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
              CHECK_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (error) {
        failure = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      } finally {
        clearTimeout(timeout);
      }
      if (this.current === 'stopped') return;
      if (failure !== null && this.current === 'up') {
        this.lastFailure = `Neo4j at ${this.target.uri} does not answer: ${failure}`;
        this.transition('down', this.lastFailure);
      } else if (failure === null && this.current !== 'up') {
        this.transition('restarting', 'Neo4j answers again; reconnecting');
        await this.replaceDriver(this.target.uri);
        this.recoveries += 1;
        this.transition('up', `reconnected to ${this.target.uri}`);
      }
    })().finally(() => (this.checking = null));
    return this.checking;
  }
}

function describeExit(exit: EmbeddedExit): string {
  return exit.signal !== null
    ? `the Neo4j process was killed (${exit.signal})`
    : `the Neo4j process exited with code ${String(exit.code)}`;
}
