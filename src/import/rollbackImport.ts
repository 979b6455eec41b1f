// Undoes an import run from its audit events, newest first, a page per transaction: records
// it created are deleted, records it updated get their previous values and bookkeeping back,
// links get their previous properties (or disappear). Then the run's events are removed and
// the run is marked ROLLED_BACK. Used when a batch fails and to recover an interrupted run.

import {
  deleteAuditEvents,
  deleteCreated,
  importRunEvents,
  markRolledBack,
  restoreProjectLink,
  restoreStamp,
  type UndoEvent,
} from '../db/imports';
import { writeEntities, type WriteStamp } from '../db/curation';
import type { Db, WriteTransaction } from '../db/run';
import { RollBack, writeBatch } from '../db/writeBatch';
import { ENTITY_DEFS, type EntityDef } from '../model';

const PAGE = 500;
const DEFS_BY_LABEL = new Map<string, EntityDef>(Object.values(ENTITY_DEFS).map((def) => [def.label, def]));

function defOf(label: string): EntityDef {
  const def = DEFS_BY_LABEL.get(label);
  if (def === undefined)
    throw new TypeError(
      `rollbackImportRun expects events on Funder, Call, Organisation or Project, received ${label}`,
    );
  return def;
}

async function undo(tx: WriteTransaction, event: UndoEvent, stamp: WriteStamp): Promise<void> {
  const previous = event.previous === null ? null : (JSON.parse(event.previous) as Record<string, unknown>);
  const previousStamp =
    event.previousStamp === null ? null : (JSON.parse(event.previousStamp) as Record<string, unknown>);
  switch (event.action) {
    case 'CREATE':
      await deleteCreated(tx, defOf(event.entityLabel).label, [event.entityId]);
      return;
    case 'UPDATE': {
      const def = defOf(event.entityLabel);
      await writeEntities(tx, def, [{ ...(previous ?? {}), id: event.entityId }], stamp);
      if (previousStamp !== null) await restoreStamp(tx, def.label, event.entityId, previousStamp);
      return;
    }
    case 'LINK':
      if (
        event.relationship === 'ADDRESSES' ||
        event.relationship === 'AT_STAGE' ||
        event.relationship === 'ADVANCES'
      ) {
        await restoreProjectLink(
          tx,
          event.relationship,
          event.relatedLabel ?? '',
          event.entityId,
          event.relatedId ?? '',
          previousStamp,
        );
        return;
      }
      throw new TypeError(`rollbackImportRun cannot undo a ${String(event.relationship)} link`);
    default:
      throw new TypeError(`rollbackImportRun cannot undo a ${event.action} event`);
  }
}

/**
 * Rolls a run back completely; returns how many writes were undone. Each page commits with
 * its own data version, so readers can tell the graph changed back. Safe to repeat: a run
 * whose events are gone is simply marked ROLLED_BACK.
 */
export async function rollbackImportRun(db: Db, runId: string, actor: string): Promise<number> {
  let undone = 0;
  for (;;) {
    // An undo adds no audit events, it removes the run's: the batch's audit source is never
    // recorded, and the batch serves to take the next data version. The last, empty page rolls back.
    const page = await writeBatch(
      db,
      { actor, source: 'import:rollback', importRunId: runId },
      async ({ tx, at }) => {
        const events = await importRunEvents(tx, runId, PAGE);
        if (events.length === 0) throw new RollBack(0);
        const stamp: WriteStamp = { at, actor, origin: 'import', importFile: null, importRunId: null };
        for (const event of events) await undo(tx, event, stamp);
        await deleteAuditEvents(
          tx,
          events.map((event) => event.id),
        );
        return events.length;
      },
    );
    if (!page.committed) break;
    undone += page.result;
  }
  await markRolledBack(db, runId);
  return undone;
}
