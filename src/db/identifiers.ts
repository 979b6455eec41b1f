// Cypher of persistent identifiers: (Organisation|Funder)-[:HAS_IDENTIFIER {source, confidence}]->
// (:Identifier {id: "SCHEME:value", scheme, value}). The Identifier id's uniqueness constraint is
// the index every lookup by (scheme, value) seeks; reads for many records are one statement.

import {
  canonicalIdentifier,
  identifierKey,
  parseIdentifier,
  sortIdentifiers,
  type IdentifierRecord,
  type IdentifierScheme,
} from '../model';
import type { Db, Params, WriteTransaction } from './run';

/** The labels that carry identifiers. */
export const IDENTIFIED_LABELS = ['Organisation', 'Funder'] as const;
export type IdentifiedLabel = (typeof IDENTIFIED_LABELS)[number];

function checkedLabel(label: IdentifiedLabel, caller: string): IdentifiedLabel {
  // Labels cannot be parameters; each is checked against the closed list.
  if (!IDENTIFIED_LABELS.includes(label))
    throw new TypeError(`${caller} expects Organisation or Funder, received ${String(label)}`);
  return label;
}

/** The identifiers of each record as a list of maps, ordered by Identifier id (in Cypher over `n`). */
export function identifiersOf(n: string): string {
  return `COLLECT { MATCH (${n})-[r:HAS_IDENTIFIER]->(i:Identifier)
  RETURN {scheme: i.scheme, value: i.value, source: r.source, confidence: r.confidence} ORDER BY i.id }`;
}

/** The statement reading the identifiers of records of `label` by id; exported for tests. */
export function identifiersByIdCypher(label: IdentifiedLabel): string {
  checkedLabel(label, 'identifiersByIdCypher');
  return `UNWIND $keys AS key
MATCH (n:${label} {id: key})
RETURN key, ${identifiersOf('n')} AS value`;
}

/**
 * For each key, the identifiers of the record of `label` with that id (scheme order, then
 * value); an empty list for a record without any or no record at all. One statement.
 */
export async function identifiersById(
  db: Db,
  label: IdentifiedLabel,
  keys: readonly string[],
): Promise<IdentifierRecord[][]> {
  const rows = await db.read<{ key: string; value: IdentifierRecord[] }>(identifiersByIdCypher(label), {
    keys,
  });
  const byKey = new Map(rows.map((row) => [row.key, sortIdentifiers(row.value)]));
  return keys.map((key) => byKey.get(key) ?? []);
}

/** The statement finding records of `label` by identifier keys; exported for tests. */
export function idsByIdentifierCypher(label: IdentifiedLabel): string {
  checkedLabel(label, 'idsByIdentifierCypher');
  return `UNWIND $keys AS key
MATCH (i:Identifier {id: key})<-[r:HAS_IDENTIFIER]-(n:${label})
WITH key, n, r ORDER BY r.confidence DESC, n.id
RETURN key, collect(n.id) AS ids`;
}

/**
 * The ids of the records of `label` carrying each identifier, most confident assignment first
 * (then by id), keyed by `SCHEME:value`; identifiers nobody carries are absent. One statement,
 * an index seek per identifier: what matchers call for a whole batch of rows at once.
 */
export async function idsByIdentifier(
  runner: Pick<WriteTransaction, 'run'>,
  label: IdentifiedLabel,
  identifiers: ReadonlyArray<Pick<IdentifierRecord, 'scheme' | 'value'>>,
): Promise<Map<string, string[]>> {
  const keys = [...new Set(identifiers.map(identifierKey))];
  if (keys.length === 0) return new Map();
  const rows = await runner.run<{ key: string; ids: string[] }>(idsByIdentifierCypher(label), { keys });
  return new Map(rows.map((row) => [row.key, row.ids]));
}

/**
 * The records of `label` carrying each identifier with the confidence of that assignment, most
 * confident first, keyed by `SCHEME:value` (a matcher scores a hit by it). One statement.
 */
export async function identifierHolders(
  runner: Pick<WriteTransaction, 'run'>,
  label: IdentifiedLabel,
  keys: readonly string[],
): Promise<Map<string, Array<{ id: string; confidence: number }>>> {
  checkedLabel(label, 'identifierHolders');
  if (keys.length === 0) return new Map();
  const rows = await runner.run<{
    key: string;
    holders: Array<{ id: string; confidence: number | null }>;
  }>(
    `UNWIND $keys AS key
MATCH (i:Identifier {id: key})<-[r:HAS_IDENTIFIER]-(n:${label})
WITH key, n, r ORDER BY r.confidence DESC, n.id
RETURN key, collect({id: n.id, confidence: r.confidence}) AS holders`,
    { keys: [...new Set(keys)] },
  );
  return new Map(
    rows.map((row) => [
      row.key,
      row.holders.map((holder) => ({ id: holder.id, confidence: holder.confidence ?? 1 })),
    ]),
  );
}

/** The id of the record of `label` most confidently carrying `scheme:value`, or null. */
export async function idByIdentifier(
  db: Db,
  label: IdentifiedLabel,
  scheme: IdentifierScheme,
  value: string,
): Promise<string | null> {
  const found = await idsByIdentifier({ run: (cypher, params) => db.read(cypher, params) }, label, [
    { scheme, value },
  ]);
  return found.get(identifierKey({ scheme, value }))?.[0] ?? null;
}

/** The statement replacing the identifiers of records of `label`; exported for tests. */
export function replaceIdentifiersCypher(label: IdentifiedLabel): string {
  checkedLabel(label, 'replaceIdentifiersCypher');
  // An Identifier that no record carries any more is deleted with its last relationship.
  return `UNWIND $rows AS row
MATCH (n:${label} {id: row.id})
CALL (n, row) {
  MATCH (n)-[old:HAS_IDENTIFIER]->(i:Identifier)
  WHERE NOT i.id IN [x IN row.identifiers | x.key]
  DELETE old
  WITH i WHERE NOT EXISTS { (i)<-[:HAS_IDENTIFIER]-() }
  DELETE i
}
WITH n, row
UNWIND row.identifiers AS identifier
MERGE (i:Identifier {id: identifier.key})
ON CREATE SET i.scheme = identifier.scheme, i.value = identifier.value
MERGE (n)-[r:HAS_IDENTIFIER]->(i)
SET r.source = identifier.source, r.confidence = identifier.confidence`;
}

/**
 * Gives each record exactly the identifiers listed (source and confidence as given), in the
 * caller's transaction: others are removed, and Identifier nodes left without a record with them.
 */
export async function replaceIdentifiers(
  tx: Pick<WriteTransaction, 'run'>,
  label: IdentifiedLabel,
  rows: ReadonlyArray<{ id: string; identifiers: readonly IdentifierRecord[] }>,
): Promise<void> {
  if (rows.length === 0) return;
  const params: Params = {
    rows: rows.map((row) => ({
      id: row.id,
      identifiers: row.identifiers.map((identifier) => ({
        key: identifierKey(identifier),
        scheme: identifier.scheme,
        value: identifier.value,
        source: identifier.source,
        confidence: identifier.confidence,
      })),
    })),
  };
  await tx.run(replaceIdentifiersCypher(label), params);
}

/**
 * Makes the Identifier nodes of `keys` (`SCHEME:value`, canonical) that do not exist yet, for a
 * connector's HAS_IDENTIFIER relationships; a key of no known scheme or value is a caller's bug.
 */
export async function ensureIdentifiers(
  tx: Pick<WriteTransaction, 'run'>,
  keys: readonly string[],
): Promise<void> {
  const rows = [...new Set(keys)].map((key) => {
    const parsed = parseIdentifier(key);
    if (!parsed.ok || identifierKey(parsed.identifier) !== key)
      throw new TypeError(
        `ensureIdentifiers expects canonical SCHEME:value keys, received ${JSON.stringify(key)}`,
      );
    return { key, ...parsed.identifier };
  });
  if (rows.length === 0) return;
  await tx.run(
    'UNWIND $rows AS row MERGE (i:Identifier {id: row.key}) ON CREATE SET i.scheme = row.scheme, i.value = row.value',
    { rows },
  );
}

/** Deletes the Identifier nodes among `keys` that no record carries (after records were deleted). */
export async function deleteOrphanIdentifiers(
  tx: Pick<WriteTransaction, 'run'>,
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  await tx.run(
    'UNWIND $keys AS key MATCH (i:Identifier {id: key}) WHERE NOT EXISTS { (i)<-[:HAS_IDENTIFIER]-() } DELETE i',
    { keys },
  );
}

/**
 * The property holding a record's short form, matched as an acronym: an organisation's CORDIS
 * `shortName`, a funder's `acronym`. Read here for records already in the graph, and by the
 * connectors' resolver for records a run creates or matches, so that whether two rows sharing a
 * short form are doubted does not depend on whether they arrive in one run (issue 18).
 */
export const ACRONYM_PROPERTIES: Readonly<Record<IdentifiedLabel, string>> = {
  Organisation: 'shortName',
  Funder: 'acronym',
};

/** A record that a connector's row may be matched to by name: its names and country. */
export interface IdentityCandidate {
  id: string;
  name: string;
  countryCode: string | null;
  /** Other spellings (an organisation's aliases). */
  aliases: string[];
  /** Short forms (ACRONYM_PROPERTIES: an organisation's shortName, a funder's acronym). */
  acronyms: string[];
  /**
   * The record's identifier keys (`SCHEME:value`) of the schemes asked for: a name match is
   * refused when the row gives another value of one of them. Absent: none held.
   */
  identifiers?: string[];
}

/** The statement reading every record of `label` as a name-matching candidate; exported for tests. */
export function identityCandidatesCypher(label: IdentifiedLabel): string {
  checkedLabel(label, 'identityCandidatesCypher');
  const identifiers =
    '[(n)-[:HAS_IDENTIFIER]->(i:Identifier) WHERE i.scheme IN $schemes | i.id] AS identifiers';
  const short = `n.${ACRONYM_PROPERTIES[label]}`;
  const acronyms = `CASE WHEN ${short} IS NULL THEN [] ELSE [${short}] END AS acronyms`;
  return label === 'Organisation'
    ? `MATCH (n:Organisation) RETURN n.id AS id, n.name AS name, n.countryCode AS countryCode,
  coalesce(n.aliases, []) AS aliases, ${acronyms}, ${identifiers}`
    : `MATCH (n:Funder) RETURN n.id AS id, n.name AS name, n.countryCode AS countryCode,
  [] AS aliases, ${acronyms}, ${identifiers}`;
}

/**
 * Every record of `label` with its names, country and identifiers of `schemes`, for the
 * organisation matcher; one statement (organisations and funders number in the thousands, not
 * millions).
 */
export async function identityCandidates(
  runner: Pick<WriteTransaction, 'run'>,
  label: IdentifiedLabel,
  schemes: readonly IdentifierScheme[] = [],
): Promise<IdentityCandidate[]> {
  return runner.run<IdentityCandidate>(identityCandidatesCypher(label), { schemes: [...schemes] });
}

/** The statement that turns the rows' PIC and VAT properties into identifiers; exported for tests. */
export const MIGRATE_IDENTIFIER_PROPERTIES_CYPHER = `UNWIND $rows AS row
MATCH (o:Organisation {id: row.id})
FOREACH (identifier IN row.identifiers |
  MERGE (i:Identifier {id: identifier.key})
  ON CREATE SET i.scheme = identifier.scheme, i.value = identifier.value
  MERGE (o)-[r:HAS_IDENTIFIER]->(i)
  ON CREATE SET r.source = row.source, r.confidence = 1)
REMOVE o.pic, o.vatNumber`;

/**
 * Graphs written by the CORDIS connector before PICs were identifiers hold `pic` and `vatNumber`
 * properties on organisations: each becomes a HAS_IDENTIFIER to its Identifier (source the
 * node's CORDIS dataset, confidence 1: CORDIS states it of the row), and the properties go. One
 * transaction; a graph without such properties is left alone, so it runs at every start-up.
 * Returns the number of organisations migrated.
 */
export async function migrateIdentifierProperties(db: Db): Promise<number> {
  return db.writeTransaction((tx) => migrateIdentifierPropertiesIn(tx));
}

async function migrateIdentifierPropertiesIn(tx: Pick<WriteTransaction, 'run'>): Promise<number> {
  const held = await tx.run<{ id: string; pic: unknown; vat: unknown; datasets: string[] }>(
    `MATCH (o:Organisation) WHERE o.pic IS NOT NULL OR o.vatNumber IS NOT NULL
RETURN o.id AS id, o.pic AS pic, o.vatNumber AS vat, coalesce(o.datasets, []) AS datasets`,
  );
  if (held.length === 0) return 0;
  const rows = held.map((row) => {
    const identifiers = (
      [
        ['PIC', row.pic],
        ['VAT', row.vat],
      ] as const
    ).flatMap(([scheme, text]) => {
      const value = typeof text === 'string' ? canonicalIdentifier(scheme, text) : null;
      return value === null ? [] : [{ key: identifierKey({ scheme, value }), scheme, value }];
    });
    const source = row.datasets.find((dataset) => dataset.startsWith('CORDIS_')) ?? 'CORDIS_HORIZON_EUROPE';
    return { id: row.id, identifiers, source };
  });
  await tx.run(MIGRATE_IDENTIFIER_PROPERTIES_CYPHER, { rows });
  return rows.length;
}
