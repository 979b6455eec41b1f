// Runs parameterised Cypher in managed transactions: every query names its database,
// carries a timeout, converts results to plain data and maps driver errors to API codes.

import neo4j, { Driver, ManagedTransaction, QueryResult, RecordShape } from 'neo4j-driver';
import { ErrorCode, fromNeo4jError, PublicError } from '../errors';

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

export interface TransactionOptions {
  /** Overrides the query timeout for this one transaction (bulk writes need longer). */
  timeoutMs?: number;
}

export interface Db {
  /** Runs one read statement in a read transaction and returns its rows as plain objects. */
  read<T = Record<string, unknown>>(cypher: string, params?: Params): Promise<T[]>;
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
  const txConfig = { timeout: options.queryTimeoutMs };
  const currentDriver = typeof driver === 'function' ? driver : () => driver;
  const availability = options.availability;

  async function runIn(tx: ManagedTransaction, access: AccessMode, cypher: string, params: Params) {
    const started = performance.now();
    const result: QueryResult<RecordShape> = await tx.run(cypher, params);
    const rows = result.records.map((record) => toPlain(record.toObject()) as never);
    const event: QueryEvent = { cypher, params, access, durationMs: performance.now() - started, rows: rows.length };
    for (const observer of observers) observer(event);
    return rows;
  }

  async function withSession<R>(access: AccessMode, work: (session: ReturnType<Driver['session']>) => Promise<R>) {
    availability?.assertUp();
    const session = currentDriver().session({
      database: options.database,
      defaultAccessMode: access === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    let settled = false;
    try {
      const running = work(session);
      if (availability === undefined) return await running;
      running.then(() => (settled = true), () => (settled = true));
      // A statement in flight when Neo4j dies fails now, not after the driver's retries.
      return await availability.whileUp(running);
    } catch (error) {
      const mapped = fromNeo4jError(error);
      const unavailable = mapped instanceof PublicError && mapped.code === ErrorCode.DatabaseUnavailable;
      if (unavailable) availability?.reportUnavailable();
      throw mapped;
    } finally {
      // A session abandoned because Neo4j died closes in the background: its connection is gone.
      if (availability !== undefined && !settled) void session.close().catch(() => undefined);
      else await session.close();
    }
  }

  return {
    database: options.database,
    read(cypher, params = {}) {
      return withSession('READ', (s) => s.executeRead((tx) => runIn(tx, 'READ', cypher, params), txConfig));
    },
    write(cypher, params = {}) {
      return withSession('WRITE', (s) => s.executeWrite((tx) => runIn(tx, 'WRITE', cypher, params), txConfig));
    },
    writeTransaction(work, transactionOptions = {}) {
      const config = transactionOptions.timeoutMs ? { timeout: transactionOptions.timeoutMs } : txConfig;
      return withSession('WRITE', (s) =>
        s.executeWrite((tx) => work({ run: (cypher, params = {}) => runIn(tx, 'WRITE', cypher, params) }), config),
      );
    },
    observe(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
  };
}

/**
 * Converts driver values to plain JSON-friendly data: temporal values to ISO strings,
 * any remaining neo4j Integer to a number, nodes and relationships to their properties.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object') return value;
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
  const plain: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) plain[key] = toPlain(child);
  return plain;
}

/** Page sizes and offsets must reach Cypher as integers, not floats. */
export function cypherInt(value: number): ReturnType<typeof neo4j.int> {
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`cypherInt expects a safe integer, received ${String(value)}`);
  }
  return neo4j.int(value);
}
