// The audit trail in the graph: one AuditEvent node per accepted write (who, when, what,
// previous values), the schema objects of the write-side labels, and entity history reads.

import { randomUUID } from 'node:crypto';
import { cypherInt, type Db, type WriteTransaction } from './run';

/** What an accepted write did to an entity. */
export const AUDIT_ACTIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'LINK',
  'UNLINK',
  'DERIVE',
  'CREATE_KEY',
  'REVOKE_KEY',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One change to record; values are plain JSON-friendly data. */
export interface AuditEntry {
  action: AuditAction;
  entityLabel: string;
  entityId: string;
  /** For links: the other end and the relationship type. */
  relatedLabel?: string | null;
  relatedId?: string | null;
  relationship?: string | null;
  /** Names of the fields written (for a link: its properties). */
  fields: string[];
  /** Values of those fields before the write; null for a creation. */
  previous: Record<string, unknown> | null;
  /** Values after the write; null for a deletion. */
  values: Record<string, unknown> | null;
  /**
   * Bookkeeping an import's undo needs and readers do not: the record's updatedAt, importFile,
   * importRunId and lastChangedBy before an update, or a link's full properties before.
   */
  previousStamp?: Record<string, unknown> | null;
}

/** Who wrote, when, in which batch, and through what. */
export interface AuditContext {
  /** key:<id>, jwt:<subject> or cli:<user>. */
  actor: string;
  /** ISO 8601 time of the batch. */
  at: string;
  /** The data version the batch committed as (every accepted write raises it, API keys included). */
  dataVersion: number | null;
  /** "graphql", or "import:<file name>" for imports. */
  source: string;
  /** The import run, for imports. */
  importRunId: string | null;
}

/** An audit record as read back. `previous` and `values` are JSON text. */
export interface AuditEventModel {
  id: string;
  at: string;
  actor: string;
  action: AuditAction;
  entityLabel: string;
  entityId: string;
  relatedLabel: string | null;
  relatedId: string | null;
  relationship: string | null;
  fields: string[];
  previous: string | null;
  values: string | null;
  dataVersion: number | null;
  source: string;
  importRunId: string | null;
}

/** Constraints and indexes of the write-side labels; migrations.ts applies them with the rest. */
export const CURATION_SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT audit_event_id_unique IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT import_run_id_unique IF NOT EXISTS FOR (n:ImportRun) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT api_key_id_unique IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX audit_event_entity_key IF NOT EXISTS FOR (n:AuditEvent) ON (n.entityKey)',
  'CREATE INDEX audit_event_related_key IF NOT EXISTS FOR (n:AuditEvent) ON (n.relatedKey)',
  'CREATE INDEX audit_event_import_run_id IF NOT EXISTS FOR (n:AuditEvent) ON (n.importRunId)',
];

const CREATE_AUDIT_EVENTS = `UNWIND $events AS event
CREATE (e:AuditEvent)
SET e = event, e.at = $at, e.actor = $actor, e.dataVersion = $dataVersion, e.source = $source,
    e.importRunId = $importRunId`;

/** `Label:id`, the key history lookups use. */
export function entityKey(label: string, id: string): string {
  return `${label}:${id}`;
}

/** Writes one AuditEvent per entry in the caller's transaction. */
export async function writeAuditEvents(
  tx: WriteTransaction,
  context: AuditContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const events = entries.map((entry) => ({
    id: randomUUID(),
    action: entry.action,
    entityLabel: entry.entityLabel,
    entityId: entry.entityId,
    entityKey: entityKey(entry.entityLabel, entry.entityId),
    relatedLabel: entry.relatedLabel ?? null,
    relatedId: entry.relatedId ?? null,
    relatedKey: entry.relatedLabel && entry.relatedId ? entityKey(entry.relatedLabel, entry.relatedId) : null,
    relationship: entry.relationship ?? null,
    fields: entry.fields,
    previous: entry.previous === null ? null : JSON.stringify(entry.previous),
    values: entry.values === null ? null : JSON.stringify(entry.values),
    previousStamp:
      entry.previousStamp === undefined || entry.previousStamp === null
        ? null
        : JSON.stringify(entry.previousStamp),
  }));
  await tx.run(CREATE_AUDIT_EVENTS, { events, ...context });
}

const ENTITY_HISTORY = `CALL {
  MATCH (e:AuditEvent {entityKey: $key}) RETURN e
  UNION
  MATCH (e:AuditEvent {relatedKey: $key}) RETURN e
}
WITH e
ORDER BY e.at DESC, e.dataVersion DESC, e.id
LIMIT $limit
RETURN e {.*} AS event`;

/**
 * The audit events of an entity (writes to it, and links made or removed from either end),
 * newest first, at most `limit`.
 */
export async function entityHistory(
  db: Db,
  label: string,
  id: string,
  limit: number,
): Promise<AuditEventModel[]> {
  const rows = await db.read<{ event: AuditEventModel & { entityKey?: string; relatedKey?: string } }>(
    ENTITY_HISTORY,
    {
      key: entityKey(label, id),
      limit: cypherInt(limit),
    },
  );
  return rows.map(({ event }) => ({
    id: event.id,
    at: event.at,
    actor: event.actor,
    action: event.action,
    entityLabel: event.entityLabel,
    entityId: event.entityId,
    relatedLabel: event.relatedLabel ?? null,
    relatedId: event.relatedId ?? null,
    relationship: event.relationship ?? null,
    fields: event.fields ?? [],
    previous: event.previous ?? null,
    values: event.values ?? null,
    dataVersion: event.dataVersion ?? null,
    source: event.source,
    importRunId: event.importRunId ?? null,
  }));
}
