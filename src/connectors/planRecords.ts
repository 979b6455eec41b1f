// Planning of a connector batch, pure: each record against the state the graph holds, into an
// outcome (created, updated, unchanged), the properties to write and the audit entry that lets
// the run be undone. A record whose content hash equals the one stored for its dataset is
// unchanged without looking further, so the same export twice writes nothing.

import { createHash } from 'node:crypto';
import type { AuditEntry } from '../db/audit';
import { seatCoordinatesToWrite } from '../model';
import type { LinkRecord, NodeRecord } from './source';

export type Outcome = 'created' | 'updated' | 'unchanged';

/** A node record planned against its stored state. */
export interface NodePlan {
  outcome: Outcome;
  id: string;
  /** Names of the properties whose value changes. */
  fields: string[];
  /** Everything to SET (empty when unchanged). */
  props: Record<string, unknown>;
  audit: AuditEntry | null;
}

/** A relationship record planned against its stored state. */
export interface LinkPlan {
  outcome: Outcome;
  from: string;
  to: string;
  fields: string[];
  props: Record<string, unknown>;
  /** Null when unchanged, or when an end was created by this run (undoing that creation removes it). */
  audit: AuditEntry | null;
}

/** Node properties the runner keeps per dataset: the datasets that wrote the node and their content hashes. */
export const DATASETS_PROPERTY = 'datasets';
export const SOURCE_HASHES_PROPERTY = 'sourceHashes';

/**
 * A short content hash of a record (SHA-256, base64url, 128 bits), stable for equal records. A
 * node's identityReview is left out: it is the resolver's verdict, not the source's content.
 */
export function recordHash(record: NodeRecord | LinkRecord): string {
  const content =
    record.kind === 'node'
      ? [record.label, record.id, record.properties, record.onCreate ?? null, record.union ?? null]
      : [record.shape, record.from, record.to, record.properties];
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (a ?? null) === (b ?? null);
}

function union(held: unknown, added: readonly string[]): string[] {
  const list = Array.isArray(held) ? (held as string[]) : [];
  return [...list, ...added.filter((item) => !list.includes(item))];
}

/** The hash `dataset` stored on a node, or null. */
export function storedHash(state: Record<string, unknown> | undefined, dataset: string): string | null {
  const hashes = state?.[SOURCE_HASHES_PROPERTY];
  if (!Array.isArray(hashes)) return null;
  const entry = (hashes as string[]).find((item) => item.startsWith(`${dataset}=`));
  return entry === undefined ? null : entry.slice(dataset.length + 1);
}

function withHash(state: Record<string, unknown> | undefined, dataset: string, hash: string): string[] {
  const hashes = Array.isArray(state?.[SOURCE_HASHES_PROPERTY])
    ? (state[SOURCE_HASHES_PROPERTY] as string[])
    : [];
  return [...hashes.filter((item) => !item.startsWith(`${dataset}=`)), `${dataset}=${hash}`];
}

/** Bookkeeping an update overwrites, as it was (nulls included, so undo removes them). */
function stampOf(state: Record<string, unknown>): Record<string, unknown> {
  return {
    updatedAt: state.updatedAt ?? null,
    importFile: state.importFile ?? null,
    importRunId: state.importRunId ?? null,
    lastChangedBy: state.lastChangedBy ?? null,
  };
}

/** Plans a node record against its stored state (undefined when the node does not exist). */
export function planNode(
  record: NodeRecord,
  state: Record<string, unknown> | undefined,
  dataset: string,
  hash: string,
): NodePlan {
  if (state !== undefined && storedHash(state, dataset) === hash)
    return { outcome: 'unchanged', id: record.id, fields: [], props: {}, audit: null };
  const props: Record<string, unknown> = {
    ...(state === undefined ? { ...record.onCreate, ...record.identityReview } : {}),
    // A point less precise than the one the node holds is not written (src/model/coordinates.ts).
    ...seatCoordinatesToWrite(record.properties, state, dataset),
  };
  for (const [name, items] of Object.entries(record.union ?? {})) props[name] = union(state?.[name], items);
  props[DATASETS_PROPERTY] = union(state?.[DATASETS_PROPERTY], [dataset]);
  props[SOURCE_HASHES_PROPERTY] = withHash(state, dataset, hash);
  const fields = Object.keys(props).filter((name) => !same(props[name], state?.[name]));
  if (state === undefined) {
    const audit: AuditEntry = {
      action: 'CREATE',
      entityLabel: record.label,
      entityId: record.id,
      fields,
      previous: null,
      values: null,
    };
    return { outcome: 'created', id: record.id, fields, props, audit };
  }
  const previous = Object.fromEntries(fields.map((name) => [name, state[name] ?? null]));
  const values = Object.fromEntries(fields.map((name) => [name, props[name] ?? null]));
  const audit: AuditEntry = {
    action: 'UPDATE',
    entityLabel: record.label,
    entityId: record.id,
    fields,
    previous,
    values,
    previousStamp: stampOf(state),
  };
  const changed = fields.filter((name) => name !== SOURCE_HASHES_PROPERTY);
  return { outcome: 'updated', id: record.id, fields: changed, props, audit };
}

/**
 * Plans a relationship record against its stored state (undefined when absent). `endCreated`
 * says an end was created by this run: the relationship then needs no audit entry.
 */
export function planLink(
  record: LinkRecord,
  state: Record<string, unknown> | undefined,
  dataset: string,
  hash: string,
  endCreated: boolean,
): LinkPlan {
  const key = { from: record.from, to: record.to };
  // A relationship two datasets both assert (an organisation's PIC from the Horizon 2020 and the
  // Horizon Europe exports, whose `source` differs) keeps each dataset's hash, as nodes do: with
  // the last writer's hash alone, the two exports rewrote it in turn and neither was ever
  // unchanged (bench:connect's second run at 300 projects updated 96 identifier links per export).
  if (state !== undefined && (state.sourceHash === hash || storedHash(state, dataset) === hash))
    return { outcome: 'unchanged', ...key, fields: [], props: {}, audit: null };
  const props: Record<string, unknown> = {
    ...record.properties,
    dataset,
    sourceHash: hash,
    [SOURCE_HASHES_PROPERTY]: withHash(state, dataset, hash),
  };
  const fields = Object.keys(props).filter((name) => !same(props[name], state?.[name]));
  const audit: AuditEntry | null = endCreated
    ? null
    : {
        action: 'LINK',
        entityLabel: record.shape.from,
        entityId: record.from,
        relatedLabel: record.shape.to,
        relatedId: record.to,
        relationship: record.shape.type,
        fields,
        previous:
          state === undefined ? null : Object.fromEntries(fields.map((name) => [name, state[name] ?? null])),
        values: Object.fromEntries(fields.map((name) => [name, props[name] ?? null])),
        // Undo puts the relationship's whole property map back (or deletes it when null).
        previousStamp: state ?? null,
      };
  const changed = fields.filter((name) => name !== 'sourceHash' && name !== SOURCE_HASHES_PROPERTY);
  return { outcome: state === undefined ? 'created' : 'updated', ...key, fields: changed, props, audit };
}
