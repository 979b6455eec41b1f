// Runs parameterised Cypher in managed transactions: every query names its database,
// carries a timeout, converts results to plain data and maps driver errors to API codes.
// A Db bound to a request's scope stops its statements when the request's signal fires.

import { setMaxListeners } from 'node:events';
import neo4j, {
  type BookmarkManager,
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
} from 'neo4j-driver';
import { ErrorCode, fromNeo4jError, PublicError } from '../errors';

type TransactionConfig = { timeout: number };

export type Params = Record<string, unknown>;
export type AccessMode = 'READ' | 'WRITE';

/** What a query observer is told after each statement, e.g. to count round trips in tests. */
export interface QueryEvent {
  cypher: string;
  params: Params;
  access: AccessMode;
  durationMs: number;
  rows: number;
}
export type QueryObserver = (event: QueryEvent) => void;

/** A write transaction handed to `Db.writeTransaction`: several statements, one commit. */
export interface WriteTransaction {
  run<T = Record<string, unknown>>(cypher: string, params?: Params): Promise<T[]>;
}

/**
 * What bounds one request's statements. When `signal` fires (deadline or departed client) no
 * statement starts any more and the sessions still open are closed, which makes the driver
 * send RESET so that Neo4j terminates the running transaction; the caller gets the signal's
 * reason when it is a PublicError, else REQUEST_TIMEOUT.
 */
export interface QueryScope {
  readonly signal: AbortSignal;
  /** When the request's budget ends (epoch milliseconds); transaction timeouts are cut to it. */
  readonly deadline: number;
}

export interface TransactionOptions {
  /** Overrides the query timeout for this one transaction (bulk writes need longer). */
  timeoutMs?: number;
}

export interface Db {
  /** Runs one read statement in a read transaction and returns its rows as plain objects. */
  read<T = Record<string, unknown>>(cypher: string, params?: Params): Promise<T[]>;
  /**
   * Runs several read statements in one read transaction (the planner's root fields of one
   * operation) and returns each statement's rows, in order.
   */
  readAll(
    statements: ReadonlyArray<{ cypher: string; params: Params }>,
  ): Promise<Array<Record<string, unknown>[]>>;
  /** Runs one write statement in its own write transaction. */
  write<T = Record<string, unknown>>(cypher: string, params?: Params): Promise<T[]>;
  /**
   * Runs `work` in one write transaction: all its statements commit together or, if
   * `work` throws, none does. The driver may retry `work` on transient errors, so it
   * must not have side effects outside the transaction.
   */
  writeTransaction<R>(work: (tx: WriteTransaction) => Promise<R>, options?: TransactionOptions): Promise<R>;
  /** Registers an observer of every statement; returns the function that removes it. */
  observe(observer: QueryObserver): () => void;
  /** The same database bound to one request's scope (its observers are shared). */
  withScope(scope: QueryScope): Db;
  readonly database: string;
}

export interface DbOptions {
  database: string;
  queryTimeoutMs: number;
  /** Whether Neo4j is up, from its supervisor (src/db/supervisor.ts); without it every statement is tried. */
  availability?: DbAvailability;
}

/**
 * What the Db asks the database supervisor, so that statements fail at once with
 * DATABASE_UNAVAILABLE while Neo4j is down instead of waiting for driver timeouts.
 */
export interface DbAvailability {
  /** Throws a DATABASE_UNAVAILABLE PublicError unless the database is up. */
  assertUp(): void;
  /** Settles like `running`, or rejects with DATABASE_UNAVAILABLE as soon as the database stops being up. */
  whileUp<T>(running: Promise<T>): Promise<T>;
  /** Told when a statement failed with DATABASE_UNAVAILABLE, so that the supervisor checks now. */
  reportUnavailable(): void;
}

/**
 * Wraps the process's driver; one Db per process, shared by all requests. `driver` may be a
 * function when the supervisor replaces the driver after Neo4j restarts.
 */
export function createDb(driver: Driver | (() => Driver), options: DbOptions): Db {
  const observers = new Set<QueryObserver>();
  const currentDriver = typeof driver === 'function' ? driver : () => driver;
  const availability = options.availability;
  // One bookmark manager for the process's sessions: each session begins after every transaction
  // this process has committed, so that in a Neo4j cluster a read routed to a secondary still
  // sees the process's own writes (a mutation read back, the next request after it). A new
  // driver (Neo4j restarted or replaced) gets a new manager: old bookmarks may name another store.
  let bookmarks: { driver: Driver; manager: BookmarkManager } | null = null;
  const bookmarkManagerOf = (current: Driver): BookmarkManager => {
    if (bookmarks?.driver !== current) bookmarks = { driver: current, manager: neo4j.bookmarkManager() };
    return bookmarks.manager;
  };

  async function runIn(
    tx: Pick<ManagedTransaction, 'run'>,
    access: AccessMode,
    cypher: string,
    params: Params,
  ) {
    const started = performance.now();
    const result: QueryResult<RecordShape> = await withoutStackCapture(() => tx.run(cypher, params));
    const rows = result.records.map((record) => toPlain(record.toObject()) as never);
    const event: QueryEvent = {
      cypher,
      params,
      access,
      durationMs: performance.now() - started,
      rows: rows.length,
    };
    for (const observer of observers) observer(event);
    return rows;
  }

  function bound(scope: QueryScope | null): Db {
    /** The transaction timeout: the configured one, or less when the request's deadline is nearer. */
    function txConfig(timeoutMs: number): TransactionConfig {
      if (scope === null) return { timeout: timeoutMs };
      const left = Math.ceil(scope.deadline - Date.now());
      if (left <= 0) throw stoppedError(scope.signal);
      return { timeout: Math.min(timeoutMs, left) };
    }

    async function withSession<R>(
      access: AccessMode,
      timeoutMs: number,
      work: (session: Session, config: TransactionConfig) => Promise<R>,
    ) {
      if (scope?.signal.aborted) throw stoppedError(scope.signal);
      availability?.assertUp();
      const config = txConfig(timeoutMs);
      const current = currentDriver();
      // READ sessions go to a secondary in a cluster (neo4j:// URIs), WRITE ones to the leader.
      const session = current.session({
        database: options.database,
        defaultAccessMode: access === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
        bookmarkManager: bookmarkManagerOf(current),
      });
      let onAbort: (() => void) | null = null;
      let settled = false;
      try {
        let running = work(session, config);
        running.then(
          () => (settled = true),
          () => (settled = true),
        );
        // A statement in flight when Neo4j dies fails now, not after the driver's retries.
        if (availability !== undefined) running = availability.whileUp(running);
        if (scope === null) return await running;
        // Closing the session resets its connection: Neo4j terminates the transaction at once
        // instead of running it to its timeout for a client that no longer waits.
        const stopped = new Promise<never>((_, reject) => {
          onAbort = () => {
            reject(stoppedError(scope.signal));
            void session.close().catch(() => undefined);
          };
          scope.signal.addEventListener('abort', onAbort, { once: true });
        });
        running.catch(() => undefined);
        return await Promise.race([running, stopped]);
      } catch (error) {
        if (scope?.signal.aborted) throw stoppedError(scope.signal);
        const mapped = fromNeo4jError(error);
        // A timeout cut to the deadline may reach Neo4j a few ms before the request's timer fires.
        if (
          scope &&
          mapped instanceof PublicError &&
          mapped.code === ErrorCode.QueryTimeout &&
          Date.now() >= scope.deadline - 100
        ) {
          throw stoppedError(scope.signal);
        }
        if (mapped instanceof PublicError && mapped.code === ErrorCode.DatabaseUnavailable)
          availability?.reportUnavailable();
        throw mapped;
      } finally {
        if (onAbort) scope?.signal.removeEventListener('abort', onAbort);
        // A session abandoned because Neo4j died closes in the background: its connection is gone.
        if (availability !== undefined && !settled) void session.close().catch(() => undefined);
        else await session.close();
      }
    }

    const read: Db['read'] = (cypher, params = {}) =>
      withSession('READ', options.queryTimeoutMs, (s, config) =>
        autoCommitRead(s, config, (tx) => runIn(tx, 'READ', cypher, params)),
      );

    return {
      database: options.database,
      read,
      readAll(statements) {
        const only = statements.length === 1 ? statements[0] : undefined;
        if (only) return read(only.cypher, only.params).then((rows) => [rows]);
        return withSession('READ', options.queryTimeoutMs, (s, config) =>
          s.executeRead(async (tx) => {
            const results: Array<Record<string, unknown>[]> = [];
            for (const statement of statements)
              results.push(await runIn(tx, 'READ', statement.cypher, statement.params));
            return results;
          }, config),
        );
      },
      write(cypher, params = {}) {
        return withSession('WRITE', options.queryTimeoutMs, (s, config) =>
          s.executeWrite((tx) => runIn(tx, 'WRITE', cypher, params), config),
        );
      },
      writeTransaction(work, transactionOptions = {}) {
        return withSession('WRITE', transactionOptions.timeoutMs ?? options.queryTimeoutMs, (s, config) =>
          s.executeWrite(
            (tx) => work({ run: (cypher, params = {}) => runIn(tx, 'WRITE', cypher, params) }),
            config,
          ),
        );
      },
      observe(observer) {
        observers.add(observer);
        return () => observers.delete(observer);
      },
      withScope: (next) => {
        // Each statement in flight listens to the signal; a request's loaders may run dozens at
        // once, and Node warns (on stderr, not as a JSON line) past 10 listeners.
        setMaxListeners(0, next.signal);
        return bound(next);
      },
    };
  }

  return bound(null);
}

/**
 * One read statement as an auto-commit transaction: RUN and PULL in one message batch, where a
 * managed transaction (executeRead) sends BEGIN, RUN+PULL and COMMIT and waits twice. A single
 * statement needs no explicit transaction, and this is most of the fixed cost of a request:
 * `RETURN 1` cost 1.0 ms of Node CPU and 2.6 ms of Neo4j CPU through executeRead, 0.6 and 1.8
 * ms auto-committed (300 x 3 alternating, load 20). executeRead retries transient failures; an
 * auto-commit read is retried once when the driver calls its error retryable (e.g. a pooled
 * connection that Neo4j closed).
 */
async function autoCommitRead<R>(
  session: Session,
  config: TransactionConfig,
  work: (runner: Pick<ManagedTransaction, 'run'>) => Promise<R>,
): Promise<R> {
  const runner: Pick<ManagedTransaction, 'run'> = {
    run: ((cypher: string, params: Params) =>
      session.run(cypher, params, config)) as ManagedTransaction['run'],
  };
  try {
    return await work(runner);
  } catch (error) {
    if (!neo4j.isRetriableError(error)) throw error;
    return work(runner);
  }
}

/**
 * Calls `start` (a driver's run, which returns its Result at once) with V8's stack traces off.
 * Every Result captures a stack trace when it is created (`new Error().stack`, formatted at
 * once) only to append it to the error should the statement fail: 0.1-0.2 ms of Node CPU per
 * statement in CPU profiles of bench:peer:cpu (captureStacktrace and prepareStackTrace), 3-5%
 * of a nested page. The frames it kept were those of this module's own callers; a failed
 * statement is still reported with its Neo4j code and message (fromNeo4jError), and the
 * request id in the log says which request sent it.
 */
function withoutStackCapture<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The error a stopped request's statements end with: the signal's reason when it is public. */
function stoppedError(signal: AbortSignal): PublicError {
  if (signal.reason instanceof PublicError) return signal.reason;
  return new PublicError(
    'The request ran out of time and its database work was stopped',
    ErrorCode.RequestTimeout,
  );
}

/**
 * Converts driver values to plain JSON-friendly data: temporal values to ISO strings,
 * any remaining neo4j Integer to a number, nodes and relationships to their properties.
 * Lists and maps that hold nothing to convert are returned as they are, not copied: a planned
 * row is a tree of hundreds of maps of strings (the deep scenario's: 28 KB), and copying it,
 * with the driver's five type checks per map, was the largest function of ours in CPU
 * profiles of bench:peer:cpu (1.8-3.5% of Node's samples). The input is never changed.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return plainList(value);
  // The driver builds Bolt maps as object literals; its own types are class instances.
  if (Object.getPrototypeOf(value) === Object.prototype) return plainMap(value as Record<string, unknown>);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) {
    return toPlain((value as { properties: Record<string, unknown> }).properties);
  }
  return plainMap(value as Record<string, unknown>);
}

/** `list` with its items converted; the same array when no item changes. */
function plainList(list: unknown[]): unknown[] {
  let copy: unknown[] | null = null;
  for (let index = 0; index < list.length; index += 1) {
    const item = list[index];
    const plain = toPlain(item);
    if (copy === null && plain !== item) copy = list.slice(0, index);
    if (copy !== null) copy.push(plain);
  }
  return copy ?? list;
}

/** A plain object with `map`'s own entries converted; `map` itself when it is one and no entry changes. */
function plainMap(map: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(map);
  let copy: Record<string, unknown> | null = Object.getPrototypeOf(map) === Object.prototype ? null : {};
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const entry = map[key];
    const plain = toPlain(entry);
    if (copy === null && plain !== entry) {
      copy = {};
      for (let earlier = 0; earlier < index; earlier += 1) {
        const earlierKey = keys[earlier] as string;
        copy[earlierKey] = map[earlierKey];
      }
    }
    if (copy !== null) copy[key] = plain;
  }
  return copy ?? map;
}

/** Page sizes and offsets must reach Cypher as integers, not floats. */
export function cypherInt(value: number): ReturnType<typeof neo4j.int> {
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`cypherInt expects a safe integer, received ${String(value)}`);
  }
  return neo4j.int(value);
}
