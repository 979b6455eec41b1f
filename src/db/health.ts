// Cypher of the readiness probe, and what the liveness probe says about the database.

import type { Db } from './run';
import type { DatabaseStatus } from './supervisor';

/** Resolves when the database answers a trivial query (at once DATABASE_UNAVAILABLE while it is down). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.read('RETURN 1 AS ok');
}

/** The body of GET /health. */
export interface HealthReport {
  /** `ok`, or `degraded` while Neo4j is down or restarting (the process itself is fine). */
  status: 'ok' | 'degraded';
  /** Absent when no supervisor watches the database (tests that build the app on their own driver). */
  database?: DatabaseStatus;
}

/**
 * Liveness: always answered with 200 while the process runs, because restarting the API does
 * not bring a dead Neo4j back sooner (the supervisor does that); `status` tells a human or a
 * dashboard that the database is down. Readiness (/ready) is what takes the API out of a load
 * balancer.
 */
export function healthReport(database: DatabaseStatus | null): HealthReport {
  if (database === null) return { status: 'ok' };
  return { status: database.state === 'up' ? 'ok' : 'degraded', database };
}
