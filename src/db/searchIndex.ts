// Keeps the search-only properties (src/search/searchProperties.ts) of nodes current: every
// writer of searchable properties (seeding, imports, curation, undo) calls refreshSearchProperties
// in its own transaction, and start-up re-analyses nodes written by an older analyzer.

import {
  SEARCH_ANALYZER_VERSION,
  SEARCH_PROPERTY_NAMES,
  searchPropertiesOf,
} from '../search/searchProperties';
import { ENTITY_LABELS } from '../model';
import type { WriteTransaction } from './run';

/** The labels `search` looks through; each node of them carries the search properties. */
export const SEARCHABLE_LABELS = ENTITY_LABELS;
export type SearchableLabel = (typeof SEARCHABLE_LABELS)[number];

/**
 * Text a node is found by without holding it: a project's disease-area names and synonyms,
 * areas in id order so that the stored text (and so seeding twice) is the same every time.
 */
const EXTRA_TEXT = `COLLECT {
  MATCH (n)-[:IN_DISEASE_AREA]->(d:DiseaseArea) WITH d ORDER BY d.id
  UNWIND [d.name] + coalesce(d.terms, []) AS term RETURN term
}`;

function readCypher(label: SearchableLabel, scope: 'ids' | 'stale'): string {
  const where = scope === 'ids' ? 'n.id IN $ids' : 'n.searchVersion IS NULL OR n.searchVersion <> $version';
  return `MATCH (n:${label}) WHERE ${where}
RETURN n.id AS id, properties(n) AS props, ${EXTRA_TEXT} AS extraText`;
}

function writeCypher(label: SearchableLabel): string {
  return `UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n += row.search`;
}

function assertLabel(label: string): asserts label is SearchableLabel {
  if (!(SEARCHABLE_LABELS as readonly string[]).includes(label)) {
    const labels = SEARCHABLE_LABELS.join(', ');
    throw new TypeError(`expected a searchable label (${labels}), received ${JSON.stringify(label)}`);
  }
}

async function refresh(
  runner: WriteTransaction,
  label: SearchableLabel,
  scope: 'ids' | 'stale',
  ids: readonly string[],
): Promise<number> {
  const rows = await runner.run<{ id: string; props: Record<string, unknown>; extraText: string[] }>(
    readCypher(label, scope),
    { ids, version: SEARCH_ANALYZER_VERSION },
  );
  if (rows.length === 0) return 0;
  await runner.run(writeCypher(label), {
    rows: rows.map((row) => ({ id: row.id, search: searchPropertiesOf(label, row.props, row.extraText) })),
  });
  return rows.length;
}

/**
 * Recomputes the search properties of the nodes of `label` with these ids from what they hold
 * now (missing ids are skipped). Two statements; call it after the write, in the same transaction.
 */
export async function refreshSearchProperties(
  runner: WriteTransaction,
  label: string,
  ids: readonly string[],
): Promise<void> {
  assertLabel(label);
  if (ids.length > 0) await refresh(runner, label, 'ids', ids);
}

/** Recomputes the search properties of every node written by another analyzer version (or none); returns how many. */
export async function refreshStaleSearchProperties(runner: WriteTransaction): Promise<number> {
  let count = 0;
  for (const label of SEARCHABLE_LABELS) count += await refresh(runner, label, 'stale', []);
  return count;
}

/** A node's properties without the search-only ones (for audits, comparisons and exports). */
export function withoutSearchProperties<T extends Record<string, unknown>>(props: T): T {
  const copy: Record<string, unknown> = { ...props };
  for (const name of SEARCH_PROPERTY_NAMES) delete copy[name];
  return copy as T;
}
