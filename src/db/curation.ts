// Writes of curated data, shared by the GraphQL mutations and file imports: entity states
// read for comparison, property and relationship writes of planned records, deletions,
// project links and partnerships. Labels and types come from the constant definitions in
// src/model (the import kinds' definitions), never from input; every value is a parameter. Each function runs
// its statements in the caller's transaction (a write batch); `readerOf` lends the reads a Db.

import worldCountries from 'world-countries';
import {
  countryRecordOf,
  PROJECT_LINK_TYPES,
  type DatasetId,
  type EntityDef,
  type EntityState,
  type IdentifierRecord,
  type OrganisationCandidate,
  type PartnerState,
  type ProjectLinkType,
  type ReferenceLabel,
  sortIdentifiers,
  type ValidRecord,
} from '../model';
import { identifiersOf, replaceIdentifiers } from './identifiers';
import type { Db, WriteTransaction } from './run';
import { refreshSearchProperties, withoutSearchProperties } from './searchIndex';
import { ADD_DATASET } from './sourceDatasets';
import { setSortKeysClause } from './sortKeys';

/**
 * A Db's reads in the shape of a transaction, so that the read functions below can also run
 * outside a write batch (an import checks references before it writes); each statement is
 * its own read transaction.
 */
export function readerOf(db: Db): WriteTransaction {
  return { run: (cypher, params) => db.read(cypher, params) };
}

/** Who writes and through what; stored on written nodes and relationships. */
export interface WriteStamp {
  at: string;
  actor: string;
  /** Relationship origin: "import" or "curation" (seeding uses "seed"). */
  origin: 'import' | 'curation';
  /** For imports: the file name and run id that nodes carry as their source. */
  importFile: string | null;
  importRunId: string | null;
  /**
   * The dataset written records came from, added to their `datasets` (USER_IMPORT for imports
   * and mutations, a connector's own); null leaves them as they are (an undo restores them).
   */
  dataset: DatasetId | null;
}

/** The rule id of links made by curators through the API, and by imports. */
export const CURATION_RULES = { curation: 'curated-api', import: 'curated-import' } as const;

function relationPattern(def: EntityDef, relation: EntityDef['relations'][number], rel = ''): string {
  return relation.direction === 'out'
    ? `(n)-[${rel}:${relation.type}]->(x:${relation.other})`
    : `(n)<-[${rel}:${relation.type}]-(x:${relation.other})`;
}

/** The statement reading the state of entities of `def` by id (properties and relation fields). */
export function entityStatesCypher(def: EntityDef): string {
  const relationColumns = def.relations
    .filter((relation) => !relation.alsoProperty)
    .map((relation) =>
      relation.many
        ? `${relation.field}: COLLECT { MATCH ${relationPattern(def, relation)} RETURN x.id ORDER BY x.id }`
        : `${relation.field}: head(COLLECT { MATCH ${relationPattern(def, relation)} RETURN x.id ORDER BY x.id })`,
    );
  if (def.label === 'Project') {
    relationColumns.push(
      'partners: COLLECT { MATCH (n)<-[r:PARTNER_IN]-(o:Organisation) RETURN {organisationId: o.id, role: r.role} ORDER BY o.id }',
    );
  }
  if (hasIdentifiers(def)) relationColumns.push(`identifiers: ${identifiersOf('n')}`);
  return `UNWIND $ids AS id
MATCH (n:${def.label} {id: id})
RETURN n.id AS id, properties(n) AS props, {${relationColumns.join(', ')}} AS relations`;
}

/** Current states of the entities with these ids; absent ids are missing from the map. */
export async function readEntityStates(
  runner: WriteTransaction,
  def: EntityDef,
  ids: readonly string[],
): Promise<Map<string, EntityState>> {
  if (ids.length === 0) return new Map();
  const rows = await runner.run<{
    id: string;
    props: Record<string, unknown>;
    relations: Record<string, unknown>;
  }>(entityStatesCypher(def), { ids });
  return new Map(
    rows.map((row) => {
      const state: EntityState = { ...withoutSearchProperties(row.props), ...row.relations };
      // Identifiers in the order records list them (scheme order), as the API and the tables show them.
      if (Array.isArray(state.identifiers))
        state.identifiers = sortIdentifiers(state.identifiers as IdentifierRecord[]);
      return [row.id, state];
    }),
  );
}

/** Ids among `ids` that exist with `label`. */
export async function existingIds(
  runner: WriteTransaction,
  label: ReferenceLabel,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await runner.run<{ id: string }>(
    `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN n.id AS id`,
    { ids },
  );
  return new Set(rows.map((row) => row.id));
}

/** Years of the calls with these ids (calls without a year are absent). */
export async function callYears(
  runner: WriteTransaction,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await runner.run<{ id: string; year: number }>(
    'UNWIND $ids AS id MATCH (c:Call {id: id}) WHERE c.year IS NOT NULL RETURN c.id AS id, c.year AS year',
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.year]));
}

/** Every organisation with the fields matching needs (id, name, country, aliases). */
export async function organisationCandidates(runner: WriteTransaction): Promise<OrganisationCandidate[]> {
  return runner.run<OrganisationCandidate>(
    'MATCH (o:Organisation) RETURN o.id AS id, o.name AS name, o.countryCode AS countryCode, coalesce(o.aliases, []) AS aliases',
  );
}

/** Organisations with these ids, for matching by id and their countries. */
export async function organisationsById(
  runner: WriteTransaction,
  ids: readonly string[],
): Promise<OrganisationCandidate[]> {
  if (ids.length === 0) return [];
  return runner.run<OrganisationCandidate>(
    `UNWIND $ids AS id MATCH (o:Organisation {id: id})
     RETURN o.id AS id, o.name AS name, o.countryCode AS countryCode, coalesce(o.aliases, []) AS aliases`,
    { ids },
  );
}

/** Organisations in one country, for matching a name there. */
export async function organisationsInCountry(
  runner: WriteTransaction,
  countryCode: string,
): Promise<OrganisationCandidate[]> {
  return runner.run<OrganisationCandidate>(
    `MATCH (o:Organisation {countryCode: $countryCode})
     RETURN o.id AS id, o.name AS name, o.countryCode AS countryCode, coalesce(o.aliases, []) AS aliases`,
    { countryCode },
  );
}

const COUNTRIES_BY_CODE = new Map(worldCountries.map((country) => [country.cca2, country]));

const ENSURE_COUNTRIES = `UNWIND $countries AS country
MERGE (c:Country {id: country.id})
ON CREATE SET c += country, c.updatedAt = $at`;

/** Creates the Country nodes of these (valid) codes that are missing, described by world-countries. */
export async function ensureCountries(
  runner: WriteTransaction,
  codes: Iterable<string>,
  at: string,
): Promise<void> {
  const countries = [...new Set(codes)].map((code) => {
    const data = COUNTRIES_BY_CODE.get(code);
    if (data === undefined)
      throw new TypeError(`ensureCountries expects assigned ISO codes, received ${JSON.stringify(code)}`);
    return countryRecordOf(data);
  });
  if (countries.length > 0) {
    await runner.run(ENSURE_COUNTRIES, { countries, at });
    await refreshSearchProperties(
      runner,
      'Country',
      countries.map((country) => country.id),
    );
  }
}

/** List properties a new node gets when the record does not give them, so reads see []. */
const LIST_DEFAULTS: Readonly<Record<EntityDef['label'], readonly string[]>> = {
  Funder: ['roles', 'sources'],
  Call: ['sources'],
  Organisation: ['aliases', 'sources'],
  Project: ['keywords', 'unnamedPartners', 'sources'],
};

function writePropertiesCypher(def: EntityDef): string {
  const defaults = LIST_DEFAULTS[def.label].map((name) => `n.${name} = []`);
  const uncertain = def.label === 'Organisation' ? [] : ['n.uncertain = false'];
  return `UNWIND $rows AS row
MERGE (n:${def.label} {id: row.id})
ON CREATE SET ${[...defaults, ...uncertain].join(', ')}
SET n += row.props, n.updatedAt = $at, n.lastChangedBy = $actor, n.datasets = ${ADD_DATASET},
    n.importFile = CASE WHEN $importRunId IS NULL THEN n.importFile ELSE $importFile END,
    n.importRunId = coalesce($importRunId, n.importRunId)${setSortKeysClause(def.label)}`;
}

function replaceRelationCypher(def: EntityDef, relation: EntityDef['relations'][number]): string {
  const merge =
    relation.direction === 'out'
      ? `MERGE (n)-[r:${relation.type}]->(x)`
      : `MERGE (x)-[r:${relation.type}]->(n)`;
  return `UNWIND $rows AS row
MATCH (n:${def.label} {id: row.id})
OPTIONAL MATCH ${relationPattern(def, relation, 'old')}
WHERE NOT x.id IN row.targets
DELETE old
WITH DISTINCT n, row
UNWIND row.targets AS targetId
MATCH (x:${relation.other} {id: targetId})
${merge}
ON CREATE SET r.origin = $origin`;
}

const REPLACE_PARTNERS = `UNWIND $rows AS row
MATCH (n:Project {id: row.id})
OPTIONAL MATCH (n)<-[old:PARTNER_IN]-(x:Organisation)
WHERE NOT x.id IN [partner IN row.partners | partner.organisationId]
DELETE old
WITH DISTINCT n, row
UNWIND row.partners AS partner
MATCH (o:Organisation {id: partner.organisationId})
MERGE (o)-[r:PARTNER_IN]->(n)
ON CREATE SET r.origin = $origin, r.asNamed = coalesce(partner.asNamed, [])
SET r.role = partner.role`;

/** Whether the kind's records carry identifiers (the `identifiers` column, kept as Identifier nodes). */
function hasIdentifiers(def: EntityDef): def is EntityDef & { label: 'Organisation' | 'Funder' } {
  return def.fields.some((field) => field.kind === 'identifier');
}

/** Own (property) columns of a record: everything but relation-only fields, partners and identifiers. */
function ownProperties(def: EntityDef, record: ValidRecord): Record<string, unknown> {
  const relationOnly = new Set(
    def.relations.filter((relation) => !relation.alsoProperty).map((relation) => relation.field),
  );
  const props: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (field === 'id' || field === 'partners' || field === 'identifiers' || relationOnly.has(field))
      continue;
    props[field] = value;
  }
  return props;
}

/**
 * Writes complete records of one kind: MERGE by id, SET the given properties (null removes
 * one), replace each given relation with exactly the given targets, for projects the given
 * partnerships, and for organisations and funders the given identifiers (complete records:
 * source and confidence set, see completeIdentifiers). Country nodes a record needs must
 * exist (ensureCountries) first.
 */
export async function writeEntities(
  runner: WriteTransaction,
  def: EntityDef,
  records: readonly ValidRecord[],
  stamp: WriteStamp,
): Promise<void> {
  if (records.length === 0) return;
  const params = { ...stamp };
  await runner.run(writePropertiesCypher(def), {
    ...params,
    rows: records.map((record) => ({ id: record.id, props: ownProperties(def, record) })),
  });
  for (const relation of def.relations) {
    const rows = records
      .filter((record) => record[relation.field] !== undefined)
      .map((record) => {
        const value = record[relation.field];
        return { id: record.id, targets: value === null ? [] : Array.isArray(value) ? value : [value] };
      });
    if (rows.length > 0) await runner.run(replaceRelationCypher(def, relation), { ...params, rows });
  }
  if (def.label === 'Project') {
    const rows = records
      .filter((record) => record.partners !== undefined)
      .map((record) => ({ id: record.id, partners: (record.partners as PartnerState[] | null) ?? [] }));
    if (rows.length > 0) await runner.run(REPLACE_PARTNERS, { ...params, rows });
  }
  if (hasIdentifiers(def)) {
    const rows = records
      .filter((record) => record.identifiers !== undefined)
      .map((record) => ({
        id: String(record.id),
        identifiers: (record.identifiers as IdentifierRecord[] | null) ?? [],
      }));
    await replaceIdentifiers(runner, def.label, rows);
  }
  await refreshSearchProperties(
    runner,
    def.label,
    records.map((record) => String(record.id)),
  );
}

/** Deletes an entity with its relationships; returns its state before, or null when absent. */
export async function deleteEntity(
  runner: WriteTransaction,
  def: EntityDef,
  id: string,
): Promise<EntityState | null> {
  const states = await readEntityStates(runner, def, [id]);
  const state = states.get(id);
  if (state === undefined) return null;
  // Its identifiers go first, so that Identifier nodes carried by no other record go too.
  if (hasIdentifiers(def)) await replaceIdentifiers(runner, def.label, [{ id, identifiers: [] }]);
  await runner.run(`MATCH (n:${def.label} {id: $id}) DETACH DELETE n`, { id });
  return state;
}

/** A curated project link as written. */
export interface ProjectLinkInput {
  projectId: string;
  type: ProjectLinkType;
  targetId: string;
  confidence: number;
  evidence: string;
}

/** The link a valid links record (an import row or a linkProject input) asks for; confidence defaults to 1. */
export function projectLinkOf(record: ValidRecord): ProjectLinkInput {
  return {
    projectId: record.projectId as string,
    type: record.type as ProjectLinkType,
    targetId: record.targetId as string,
    confidence: (record.confidence as number | undefined) ?? 1,
    evidence: record.evidence as string,
  };
}

/** The derivation of a link as stored (null when there is no link). */
export type LinkState = {
  provenance: string;
  rule: string;
  confidence: number;
  evidence: string;
  curator?: string | null;
  [property: string]: unknown;
} | null;

function linkCypher(type: ProjectLinkType): { read: string; write: string; remove: string } {
  const target = PROJECT_LINK_TYPES[type];
  return {
    read: `UNWIND $rows AS row
MATCH (p:Project {id: row.projectId})-[r:${type}]->(t:${target} {id: row.targetId})
RETURN row.projectId AS projectId, row.targetId AS targetId, properties(r) AS link`,
    write: `UNWIND $rows AS row
MATCH (p:Project {id: row.projectId}), (t:${target} {id: row.targetId})
MERGE (p)-[r:${type}]->(t)
SET r.provenance = 'CURATED', r.rule = $rule, r.confidence = row.confidence, r.evidence = row.evidence,
    r.curator = $actor, r.curatedAt = $at, r.origin = $origin, r.importRunId = $importRunId`,
    remove: `MATCH (p:Project {id: $projectId})-[r:${type}]->(t:${target} {id: $targetId})
WITH r, properties(r) AS previous
DELETE r
RETURN previous`,
  };
}

/** The current links (any provenance) of these (project, target) pairs of one type. */
export async function readProjectLinks(
  runner: WriteTransaction,
  type: ProjectLinkType,
  pairs: ReadonlyArray<{ projectId: string; targetId: string }>,
): Promise<Map<string, LinkState>> {
  if (pairs.length === 0) return new Map();
  const rows = await runner.run<{ projectId: string; targetId: string; link: NonNullable<LinkState> }>(
    linkCypher(type).read,
    { rows: pairs },
  );
  return new Map(rows.map((row) => [`${row.projectId}|${row.targetId}`, row.link]));
}

/** Writes curated links of one type (replacing an inferred or curated one on the same pair). */
export async function writeProjectLinks(
  runner: WriteTransaction,
  type: ProjectLinkType,
  links: readonly ProjectLinkInput[],
  stamp: WriteStamp,
): Promise<void> {
  if (links.length === 0) return;
  await runner.run(linkCypher(type).write, {
    ...stamp,
    rule: stamp.origin === 'import' ? CURATION_RULES.import : CURATION_RULES.curation,
    rows: links.map(({ projectId, targetId, confidence, evidence }) => ({
      projectId,
      targetId,
      confidence,
      evidence,
    })),
  });
}

/** Removes a link of any provenance; returns its properties before, or null when there was none. */
export async function removeProjectLink(
  runner: WriteTransaction,
  type: ProjectLinkType,
  projectId: string,
  targetId: string,
): Promise<Record<string, unknown> | null> {
  const [row] = await runner.run<{ previous: Record<string, unknown> }>(linkCypher(type).remove, {
    projectId,
    targetId,
  });
  return row?.previous ?? null;
}

const PARTNERSHIP = `MATCH (o:Organisation {id: $organisationId}), (p:Project {id: $projectId})
OPTIONAL MATCH (o)-[old:PARTNER_IN]->(p)
WITH o, p, old.role AS previousRole
MERGE (o)-[r:PARTNER_IN]->(p)
ON CREATE SET r.origin = $origin, r.asNamed = []
SET r.role = $role
WITH o, p, previousRole
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Country)
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (p)-[h:HAS_PARTNER_IN]->(c) ON CREATE SET h.origin = $origin)
RETURN previousRole`;

/**
 * Makes the organisation a partner of the project with `role` (and its country a partner
 * country); returns the previous role, or null when it was not a partner.
 */
export async function setPartnership(
  runner: WriteTransaction,
  organisationId: string,
  projectId: string,
  role: 'COORDINATOR' | 'PARTNER',
  stamp: WriteStamp,
): Promise<string | null> {
  const [row] = await runner.run<{ previousRole: string | null }>(PARTNERSHIP, {
    organisationId,
    projectId,
    role,
    ...stamp,
  });
  return row?.previousRole ?? null;
}

/** Ends a partnership; returns the role it had, or null when there was none. */
export async function removePartnership(
  runner: WriteTransaction,
  organisationId: string,
  projectId: string,
): Promise<string | null> {
  const [row] = await runner.run<{ role: string | null }>(
    `MATCH (o:Organisation {id: $organisationId})-[r:PARTNER_IN]->(p:Project {id: $projectId})
     WITH r, r.role AS role DELETE r RETURN role`,
    { organisationId, projectId },
  );
  return row?.role ?? null;
}
