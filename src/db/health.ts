// Cypher of the readiness probe.

import type { Db } from './run';

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.read('RETURN 1 AS ok');
}
