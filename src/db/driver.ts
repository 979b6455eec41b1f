// Creates the one neo4j-driver instance of the process from the configuration.

import neo4j, { Driver } from 'neo4j-driver';

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
 * resolvers never see neo4j Integer objects.
 */
export function createDriver(options: DriverOptions): Driver {
  const auth =
    options.password !== undefined && options.password !== ''
      ? neo4j.auth.basic(options.user ?? 'neo4j', options.password)
      : undefined;
  return neo4j.driver(options.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50,
    connectionAcquisitionTimeout: 20_000,
    userAgent: 'permed-graph',
  });
}
