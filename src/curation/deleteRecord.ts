// The delete mutations: a record removed with its relationships, its last state audited.

import { deleteEntity } from '../db/curation';
import type { Db } from '../db/run';
import { ENTITY_DEFS, type EntityKind } from '../model';
import { inCurationBatch, unchanged, type CurationResult } from './curationBatch';

/** Deletes a record with its relationships; UNCHANGED when there is none. Its last state is audited. */
export async function deleteRecord(
  db: Db,
  kind: EntityKind,
  id: string,
  actor: string,
): Promise<CurationResult> {
  const def = ENTITY_DEFS[kind];
  return inCurationBatch(db, actor, async ({ tx, audit }) => {
    const previous = await deleteEntity(tx, def, id);
    if (previous === null) unchanged();
    await audit([
      {
        action: 'DELETE',
        entityLabel: def.label,
        entityId: id,
        fields: Object.keys(previous).sort(),
        previous,
        values: null,
      },
    ]);
    return { outcome: 'DELETED', changedFields: [], previous: null };
  });
}
