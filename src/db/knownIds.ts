// Every id of some kinds of record in one statement: what id arguments and filters are checked
// against (src/resolvers/validateIds.ts), suggestions included.

import { ENTITY_LABELS } from '../model';
import type { EntityLabel } from './models';
import type { Db } from './run';

/** The statement reading the ids of `labels`, one row per label; exported for tests. */
export function knownIdsCypher(labels: readonly EntityLabel[]): string {
  return labels
    .map((label) => {
      // Labels cannot be parameters; each is checked against the closed list ENTITY_LABELS.
      if (!ENTITY_LABELS.includes(label)) {
        throw new TypeError(`knownIdsCypher expects entity labels, received ${String(label)}`);
      }
      return `MATCH (n:${label}) RETURN '${label}' AS label, collect(n.id) AS ids`;
    })
    .join('\nUNION ALL\n');
}

/** The ids of every record of each label (one statement, whatever the number of labels). */
export async function knownIds(db: Db, labels: Iterable<EntityLabel>): Promise<Map<EntityLabel, string[]>> {
  const wanted = [...new Set(labels)].sort();
  if (wanted.length === 0) return new Map();
  const rows = await db.read<{ label: EntityLabel; ids: string[] }>(knownIdsCypher(wanted));
  return new Map(rows.map((row) => [row.label, row.ids]));
}
