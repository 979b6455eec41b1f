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
import { DERIVATION_AUDIT_SOURCE_PREFIX } from '../db/batchDerivation';
import { writeEntities, type WriteStamp } from '../db/curation';
import { deleteConnectorNodes, restoreConnectorLink, restoreConnectorNode } from '../db/connectorWrites';
import { restoreInferredLink } from '../db/derivedLinks';
import type { Db, WriteTransaction } from '../db/run';
import { RollBack, writeBatch } from '../db/writeBatch';
import {
  connectorLinkShape,
  ENTITY_DEFS,
  INFERRED_LINK_SHAPES,
  parseDerivedLinkKey,
  type EntityDef,
  type InferredLinkType,
} from '../model';

/** The audit source of connector runs: `connector:<source>:<input>` (src/connectors/runner.ts). */
export const CONNECTOR_AUDIT_SOURCE_PREFIX = 'connector:';

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
  // The rule book's events first: a connector's batch derives links too, under derivation:connector:...
  if (event.source.startsWith(DERIVATION_AUDIT_SOURCE_PREFIX)) return undoDerivedLink(tx, event);
  if (event.source.startsWith(CONNECTOR_AUDIT_SOURCE_PREFIX)) return undoConnectorEvent(tx, event);
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

function parsed(json: string | null): Record<string, unknown> | null {
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

/**
 * Undoes a connector's write: a node it created is deleted with its relationships (so its
 * relationships need no events of their own), an updated node gets its previous properties and
 * bookkeeping back, a relationship between nodes that existed before gets its previous
 * properties back or disappears.
 */
async function undoConnectorEvent(tx: WriteTransaction, event: UndoEvent): Promise<void> {
  const label = event.entityLabel;
  switch (event.action) {
    case 'CREATE':
      await deleteConnectorNodes(tx, label, [event.entityId]);
      return;
    case 'UPDATE':
      await restoreConnectorNode(tx, label, event.entityId, {
        ...parsed(event.previous),
        ...parsed(event.previousStamp),
      });
      return;
    case 'LINK': {
      const shape = connectorLinkShape(event.relationship ?? '', label, event.relatedLabel ?? '');
      if (shape === null)
        throw new TypeError(`rollbackImportRun cannot undo a connector's ${String(event.relationship)} link`);
      await restoreConnectorLink(
        tx,
        shape,
        { from: event.entityId, to: event.relatedId ?? '' },
        parsed(event.previousStamp),
      );
      return;
    }
    default:
      throw new TypeError(`rollbackImportRun cannot undo a connector's ${event.action} event`);
  }
}

/**
 * Puts back the links the rule book added, changed or removed in the run: their properties
 * before, or none. A DERIVE event holds a project's (or call's) links keyed by derivedLinkKey;
 * LINK and UNLINK events of one link each are those written before DERIVE events existed.
 */
async function undoDerivedLink(tx: WriteTransaction, event: UndoEvent): Promise<void> {
  const previous = parsed(event.previousStamp);
  if (event.action === 'DERIVE') {
    for (const [key, properties] of Object.entries(previous ?? {})) {
      const link = parseDerivedLinkKey(key);
      if (link === null) throw new TypeError(`rollbackImportRun cannot undo the derived link ${key}`);
      await restoreInferredLink(
        tx,
        link.type,
        event.entityId,
        link.toId,
        properties as Record<string, unknown> | null,
      );
    }
    return;
  }
  const type = event.relationship ?? '';
  if (!(type in INFERRED_LINK_SHAPES) || (event.action !== 'LINK' && event.action !== 'UNLINK'))
    throw new TypeError(`rollbackImportRun cannot undo a derived ${event.action} of ${type}`);
  await restoreInferredLink(tx, type as InferredLinkType, event.entityId, event.relatedId ?? '', previous);
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
        const stamp: WriteStamp = {
          at,
          actor,
          origin: 'import',
          importFile: null,
          importRunId: null,
          dataset: null,
        };
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
