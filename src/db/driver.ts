// Creates the one neo4j-driver instance of the process from the configuration.

import neo4j, { type Driver } from 'neo4j-driver';
import { installBoltNoDelay } from './noDelay';

export interface DriverOptions {
  uri: string;
  user?: string;
  password?: string;
  /** Connection pool size; the default suits one API process on a small machine. */
  maxConnectionPoolSize?: number;
}

/**
 * Opens a driver with plain JavaScript numbers for integers (`disableLosslessIntegers`):
 * every count and year in this graph is far below 2^53, so numbers are exact and
 * resolvers never see neo4j Integer objects. Its sockets have TCP_NODELAY (src/db/noDelay.ts).
 */
export function createDriver(options: DriverOptions): Driver {
  installBoltNoDelay();
  const auth =
    options.password !== undefined && options.password !== ''
      ? neo4j.auth.basic(options.user ?? 'neo4j', options.password)
      : undefined;
  return neo4j.driver(options.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50,
    // A request that waits 10 s for one of 50 pooled connections is better refused
    // (DATABASE_UNAVAILABLE, "busy") than queued behind the query timeout.
    connectionAcquisitionTimeout: 10_000,
    // Opening a Bolt connection takes about 1 ms on loopback and tens of ms across a network;
    // 5 s only waits out a host that drops packets. Refused connections fail at once anyway.
    connectionTimeout: 5_000,
    // The driver retries a transaction on transient errors and lost connections; its default
    // of 30 s made queries hang for 30 to 58 s after Neo4j died (issue 8). The supervisor now
    // answers DATABASE_UNAVAILABLE at once while Neo4j is down, so retries only cover blips.
    maxTransactionRetryTime: 3_000,
    userAgent: 'permed-graph',
  });
}
