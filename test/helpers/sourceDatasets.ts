// Tests that write through imports or mutations register the USER_IMPORT dataset (a SourceDataset
// node); the isolation check of integrationEnvironment.ts wants the graph as the file found it.

import type { Db } from '../../src/db/run';

/**
 * Reads which SourceDataset nodes exist now; the returned function deletes those registered
 * since (call it in afterAll, while the database is open).
 */
export async function rememberSourceDatasets(db: Db): Promise<() => Promise<void>> {
  const rows = await db.read<{ id: string }>('MATCH (d:SourceDataset) RETURN d.id AS id');
  const before = rows.map((row) => row.id);
  return async () => {
    await db.write('MATCH (d:SourceDataset) WHERE NOT d.id IN $before DELETE d', { before });
  };
}
