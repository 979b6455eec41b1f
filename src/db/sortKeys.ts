// Sort keys stored on the nodes of the large lists, so that an index serves each page: a
// property per sort order whose ascending order (then id) is the list's order, kept by every
// write path (seeding, curation, imports) and filled at start-up where missing or stale.

/** A stored sort key: the property, and the Cypher that computes it from the node `n`. */
export interface StoredSortKey {
  property: string;
  expression: string;
}

// The sentinels of listQuery's nullSentinel, so that nodes without a value sort last both ways.
const LAST_NUMBER = String(Number.MAX_SAFE_INTEGER);
const LAST_TEXT = "'\\uffff'";

/**
 * Keys per label. `sortYearDesc` holds the negated year so that one ascending composite index
 * (key, id) serves "newest first, then id ascending", the default order of projects: with the
 * year index alone each page scanned and sorted every project (~74 ms at 100,000: issue 11).
 */
export const SORT_KEYS = {
  Project: {
    yearAsc: { property: 'sortYearAsc', expression: `coalesce(n.year, ${LAST_NUMBER})` },
    yearDesc: { property: 'sortYearDesc', expression: `coalesce(-n.year, ${LAST_NUMBER})` },
    acronymAsc: { property: 'sortAcronym', expression: `coalesce(toLower(n.acronym), ${LAST_TEXT})` },
  },
  Organisation: {
    nameAsc: { property: 'sortName', expression: `coalesce(toLower(n.name), ${LAST_TEXT})` },
  },
} as const satisfies Record<string, Record<string, StoredSortKey>>;

export type SortedLabel = keyof typeof SORT_KEYS;

function snake(text: string): string {
  return text.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function keysOf(label: string): StoredSortKey[] {
  return label in SORT_KEYS ? Object.values(SORT_KEYS[label as SortedLabel]) : [];
}

/**
 * The SET clause that refreshes the stored sort keys of `n` after its properties were
 * written, or '' for a label without stored keys. A clause of its own, so that it reads the
 * values the previous SET wrote.
 */
export function setSortKeysClause(label: string): string {
  const keys = keysOf(label);
  return keys.length ? `\nSET ${keys.map((key) => `n.${key.property} = ${key.expression}`).join(', ')}` : '';
}

/** Composite indexes (key, id): each serves its order and the id tie-break from the index. */
export function sortKeyIndexStatements(): string[] {
  return Object.entries(SORT_KEYS).flatMap(([label, keys]) =>
    Object.values(keys).map(
      (key: StoredSortKey) =>
        `CREATE INDEX ${label.toLowerCase()}_${snake(key.property)} IF NOT EXISTS ` +
        `FOR (n:${label}) ON (n.${key.property}, n.id)`,
    ),
  );
}

/**
 * Statements that fill the keys of nodes written before the keys existed (or by a path
 * that missed them); idempotent, and they change nothing an answer shows.
 */
export function sortKeyBackfillStatements(): string[] {
  return Object.keys(SORT_KEYS).map((label) => {
    const keys = keysOf(label);
    const stale = keys
      .map((key) => `n.${key.property} IS NULL OR n.${key.property} <> ${key.expression}`)
      .join(' OR ');
    return `MATCH (n:${label}) WHERE ${stale}${setSortKeysClause(label)}`;
  });
}
