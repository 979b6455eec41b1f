// Root lookups as people type them: records by acronym (any case, any punctuation), and the
// records an unmatched id or acronym may have meant. Every statement seeks an index (the id
// constraint, the searchAcronym range index, the full-text index), so a lookup or a miss reads
// a few index entries however many records a label holds, never the whole label.

import { ENTITY_LABELS } from '../model';
import { acronymKey } from '../search/searchProperties';
import { toLuceneQuery } from '../search/searchQuery';
import { idCandidates } from './knownIds';
import { FULLTEXT_INDEX } from './migrations';
import type { EntityLabel } from './models';
import { cypherInt, type Db } from './run';

/** The labels whose records carry an acronym (and so a searchAcronym index). */
export const ACRONYM_LABELS = ['Funder', 'Project'] as const satisfies readonly EntityLabel[];
export type AcronymLabel = (typeof ACRONYM_LABELS)[number];

function checkedLabel<L extends EntityLabel>(label: L, allowed: readonly EntityLabel[], caller: string): L {
  // Labels cannot be parameters; each is checked against a closed list.
  if (!allowed.includes(label)) {
    throw new TypeError(`${caller} expects a label among ${allowed.join(', ')}, received ${String(label)}`);
  }
  return label;
}

/** The statement of idsByAcronym; exported for tests (and their EXPLAIN). */
export function idsByAcronymCypher(label: AcronymLabel): string {
  checkedLabel(label, ACRONYM_LABELS, 'idsByAcronymCypher');
  return `MATCH (n:${label}) WHERE n.searchAcronym = $key
RETURN n.id AS id ORDER BY id LIMIT $limit`;
}

/**
 * The ids of the records of `label` whose acronym is `acronym` once case, accents, punctuation
 * and spacing are set aside (acronymKey), sorted, at most `limit`: one seek of the
 * searchAcronym index. Empty when the acronym folds to nothing.
 */
export async function idsByAcronym(
  db: Db,
  label: AcronymLabel,
  acronym: string,
  limit: number,
): Promise<string[]> {
  const key = acronymKey(acronym);
  if (key === null) return [];
  const rows = await db.read<{ id: string }>(idsByAcronymCypher(label), { key, limit: cypherInt(limit) });
  return rows.map((row) => row.id);
}

/** A record a mistyped id or acronym may have meant: its id and, where it has one, its acronym. */
export interface LookupCandidate {
  id: string;
  acronym: string | null;
}

/** How many records each source of candidates gives at most. */
const PER_SOURCE = 50;
/** Full-text hits read before the label filter (the index covers every label). */
const FULLTEXT_HITS = 100;

/** The statement of lookupCandidates; exported for tests (and their EXPLAIN). */
export function lookupCandidatesCypher(
  label: EntityLabel,
  sources: { acronym: boolean; text: boolean },
): string {
  checkedLabel(label, ENTITY_LABELS, 'lookupCandidatesCypher');
  const branches = [
    `MATCH (n:${label}) WHERE n.id IN $variants RETURN n`,
    `MATCH (n:${label}) WHERE n.id STARTS WITH $lowerPrefix RETURN n LIMIT $perSource`,
    `MATCH (n:${label}) WHERE n.id STARTS WITH $upperPrefix RETURN n LIMIT $perSource`,
  ];
  if (sources.acronym && (ACRONYM_LABELS as readonly EntityLabel[]).includes(label)) {
    branches.push(
      `MATCH (n:${label}) WHERE n.searchAcronym STARTS WITH $acronymPrefix RETURN n LIMIT $perSource`,
    );
  }
  if (sources.text) {
    branches.push(`CALL db.index.fulltext.queryNodes($index, $text, {limit: $hits}) YIELD node
  WHERE node:${label}
  RETURN node AS n LIMIT $perSource`);
  }
  return `CALL () {
  ${branches.join('\n  UNION\n  ')}
}
RETURN DISTINCT n.id AS id, n.acronym AS acronym`;
}

/**
 * Records of `label` that `given` (an id or acronym that matched nothing as typed) may have
 * meant: the one whose id is `given` in lower or upper case (stored ids are lower-case slugs or
 * upper-case codes: idCandidates), those whose id starts like it (its first three characters,
 * lower or upper case), whose acronym starts like it, and the best full-text matches of its
 * words. One statement of index seeks; the caller ranks them (src/resolvers/nearestIds.ts).
 */
export async function lookupCandidates(
  db: Db,
  label: EntityLabel,
  given: string,
): Promise<LookupCandidate[]> {
  const trimmed = given.trim();
  if (trimmed === '') return [];
  const prefix = trimmed.slice(0, 3);
  const text = toLuceneQuery(trimmed);
  const acronymPrefix = (acronymKey(trimmed) ?? '').slice(0, 3);
  const cypher = lookupCandidatesCypher(label, { acronym: acronymPrefix !== '', text: text !== null });
  return db.read<LookupCandidate>(cypher, {
    variants: idCandidates(trimmed),
    lowerPrefix: prefix.toLowerCase(),
    upperPrefix: prefix.toUpperCase(),
    acronymPrefix,
    index: FULLTEXT_INDEX,
    text,
    hits: cypherInt(FULLTEXT_HITS),
    perSource: cypherInt(PER_SOURCE),
  });
}
