// Which ids of some kinds of record exist, in one statement: what id arguments and filters are
// checked against (src/resolvers/validateIds.ts). The given ids are looked up through each
// label's id index; every id of a label is read only to match an id in another case or to
// suggest the nearest ones.

import { ENTITY_LABELS } from '../model';
import type { EntityLabel } from './models';
import type { Db } from './run';

function checkedLabel(label: EntityLabel, caller: string): EntityLabel {
  // Labels cannot be parameters; each is checked against the closed list ENTITY_LABELS.
  if (!ENTITY_LABELS.includes(label)) {
    throw new TypeError(`${caller} expects entity labels, received ${String(label)}`);
  }
  return label;
}

/** The statement reading the ids of `labels`, one row per label; exported for tests. */
export function knownIdsCypher(labels: readonly EntityLabel[]): string {
  return labels
    .map((label) => {
      checkedLabel(label, 'knownIdsCypher');
      return `MATCH (n:${label}) RETURN '${label}' AS label, collect(n.id) AS ids`;
    })
    .join('\nUNION ALL\n');
}

/**
 * The ids of every record of each label (one statement, whatever the number of labels): a
 * scan of each label, for case-insensitive matches and suggestions only.
 */
export async function knownIds(db: Db, labels: Iterable<EntityLabel>): Promise<Map<EntityLabel, string[]>> {
  const wanted = [...new Set(labels)].sort();
  if (wanted.length === 0) return new Map();
  const rows = await db.read<{ label: EntityLabel; ids: string[] }>(knownIdsCypher(wanted));
  return new Map(rows.map((row) => [row.label, row.ids]));
}

/**
 * The statement reading which of the given ids exist, one row per label; label `L`'s candidates
 * are the parameter `$ids<index>` (index in `labels`). Each branch seeks the label's id index
 * (the uniqueness constraint's), so it reads as many index entries as it is given ids: a
 * check of one country filter read all 30,000 project ids of the x1000 bench before. Exported
 * for tests.
 */
export function existingIdsCypher(labels: readonly EntityLabel[]): string {
  return labels
    .map((label, index) => {
      checkedLabel(label, 'existingIdsCypher');
      return `MATCH (n:${label}) WHERE n.id IN $ids${index} RETURN '${label}' AS label, collect(n.id) AS ids`;
    })
    .join('\nUNION ALL\n');
}

/**
 * The ids a user may mean by `id`: as typed (trimmed), lower-cased and upper-cased. Stored ids
 * are lower-case slugs or upper-case codes, so one of these finds them through the index; an
 * id stored in mixed case is found by the caller's fallback (knownIds).
 */
export function idCandidates(id: string): string[] {
  const trimmed = id.trim();
  return [...new Set([trimmed, trimmed.toLowerCase(), trimmed.toUpperCase()])];
}

/**
 * The stored ids among the candidates of the given ids, per label (one statement, index
 * seeks only). Labels without any given id are left out.
 */
export async function existingIds(
  db: Db,
  given: ReadonlyMap<EntityLabel, readonly string[]>,
): Promise<Map<EntityLabel, string[]>> {
  const labels = [...given.keys()].filter((label) => (given.get(label) ?? []).length > 0).sort();
  if (labels.length === 0) return new Map();
  const params = Object.fromEntries(
    labels.map((label, index) => [
      `ids${index}`,
      [...new Set((given.get(label) ?? []).flatMap(idCandidates))],
    ]),
  );
  const rows = await db.read<{ label: EntityLabel; ids: string[] }>(existingIdsCypher(labels), params);
  return new Map(rows.map((row) => [row.label, row.ids]));
}
