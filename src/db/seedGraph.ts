// Loads a validated seed dataset into Neo4j in one transaction with batched UNWIND ... MERGE
// statements. Running it again leaves the graph identical (same nodes, relationships and
// properties), and a failure part-way leaves the graph as it was.

import type { DerivedLinkRecord, SeedDataset } from '../seed/seedRecords';
import { DERIVED_LINK_TYPES, LINKABLE_LABELS } from '../seed/seedRecords';
import type { Db, WriteTransaction } from './run';
import { bumpDataVersion, DATASET_ID } from './stats';

/** Relationships written by seeding carry origin "seed", so a re-seed can replace exactly them. */
export const SEED_ORIGIN = 'seed';

/** Seeding is one bulk transaction; on a busy machine it needs more than a query's timeout. */
const SEED_TIMEOUT_MS = 300_000;

export interface SeedSummary {
  version: string;
  nodes: number;
  relationships: number;
}

const DELETE_SEEDED_RELATIONSHIPS = `
MATCH ()-[r]->() WHERE r.origin = $origin
DELETE r`;

/** `UNWIND $rows AS row MERGE (n:<Label> {id: row.id}) SET n += row.props`. */
function mergeNodes(label: string): string {
  return `UNWIND $rows AS row
MERGE (n:${label} {id: row.id})
SET n += row.props, n.updatedAt = $updatedAt`;
}

/** Links `from` (by id) to each id of `row.<listField>` through `type`. */
function linkEach(from: string, type: string, to: string, listField: string): string {
  return `UNWIND $rows AS row
MATCH (a:${from} {id: row.id})
UNWIND row.${listField} AS targetId
MATCH (b:${to} {id: targetId})
MERGE (a)-[r:${type}]->(b)
SET r.origin = $origin`;
}

const PROGRAMME_MEMBERS = `UNWIND $rows AS row
MATCH (p:Programme {id: row.id})
UNWIND row.memberFunderIds AS funderId
MATCH (f:Funder {id: funderId})
MERGE (f)-[r:MEMBER_OF]->(p)
SET r.origin = $origin`;

const REGION_COUNTRY = `UNWIND $rows AS row
MATCH (region:Region {id: row.id}), (country:Country {id: row.countryCode})
MERGE (region)-[r:PART_OF]->(country)
SET r.origin = $origin`;

const FUNDER_BASES = `UNWIND $rows AS row
MATCH (f:Funder {id: row.id})
OPTIONAL MATCH (country:Country {id: row.countryCode})
OPTIONAL MATCH (region:Region {id: row.regionId})
FOREACH (_ IN CASE WHEN country IS NULL THEN [] ELSE [1] END |
  MERGE (f)-[r:BASED_IN]->(country) SET r.origin = $origin)
FOREACH (_ IN CASE WHEN region IS NULL THEN [] ELSE [1] END |
  MERGE (f)-[r:BASED_IN]->(region) SET r.origin = $origin)`;

const CALL_PROGRAMME_AND_SECRETARIAT = `UNWIND $rows AS row
MATCH (c:Call {id: row.id})
OPTIONAL MATCH (p:Programme {id: row.programmeId})
OPTIONAL MATCH (s:Funder {id: row.secretariatFunderId})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END |
  MERGE (c)-[r:PART_OF]->(p) SET r.origin = $origin)
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END |
  MERGE (s)-[r:SECRETARIAT_OF]->(c) SET r.origin = $origin)`;

/** Countries and regions take part in a call in the same direction funders do. */
function participantsOfCall(label: 'Country' | 'Region', listField: string): string {
  return `UNWIND $rows AS row
MATCH (c:Call {id: row.id})
UNWIND row.${listField} AS participantId
MATCH (participant:${label} {id: participantId})
MERGE (participant)-[r:PARTICIPATES_IN]->(c)
SET r.origin = $origin`;
}

const PROJECT_PROGRAMME_AND_CALL = `UNWIND $rows AS row
MATCH (p:Project {id: row.id})
OPTIONAL MATCH (c:Call {id: row.callId})
OPTIONAL MATCH (programme:Programme {id: row.programmeId})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END |
  MERGE (c)-[r:FUNDED]->(p) SET r.origin = $origin)
FOREACH (_ IN CASE WHEN programme IS NULL THEN [] ELSE [1] END |
  MERGE (p)-[r:PART_OF]->(programme) SET r.origin = $origin)`;

const PROJECT_FUNDERS = `UNWIND $rows AS row
MATCH (p:Project {id: row.id})
UNWIND row.funderIds AS funderId
MATCH (f:Funder {id: funderId})
MERGE (f)-[r:FUNDS]->(p)
SET r.origin = $origin`;

const PROJECT_PARTNERS = `UNWIND $rows AS row
MATCH (p:Project {id: row.id})
UNWIND row.partners AS partner
MATCH (o:Organisation {id: partner.organisationId})
MERGE (o)-[r:PARTNER_IN]->(p)
SET r.role = partner.role, r.asNamed = partner.asNamed, r.origin = $origin`;

const ORGANISATION_COUNTRY = `UNWIND $rows AS row
MATCH (o:Organisation {id: row.id}), (c:Country {id: row.countryCode})
MERGE (o)-[r:LOCATED_IN]->(c)
SET r.origin = $origin`;

const STAGE_PARENT = `UNWIND $rows AS row
MATCH (s:ValueChainStage {id: row.id}), (parent:ValueChainStage {id: row.parentId})
MERGE (s)-[r:PART_OF]->(parent)
SET r.origin = $origin`;

/** A link a curator or an import made on the same pair (origin curation/import) wins over the seeds'. */
function derivedLinks(fromLabel: string, type: string, toLabel: string): string {
  return `UNWIND $rows AS row
MATCH (a:${fromLabel} {id: row.fromId}), (b:${toLabel} {id: row.toId})
MERGE (a)-[r:${type}]->(b)
WITH r, row
WHERE coalesce(r.origin, $origin) = $origin
SET r.provenance = row.provenance, r.rule = row.rule, r.confidence = row.confidence,
    r.evidence = row.evidence, r.origin = $origin`;
}

const DATASET = `MERGE (d:Dataset {id: $id})
SET d.seededAt = CASE WHEN d.version = $version THEN d.seededAt ELSE toString(datetime()) END,
    d.version = $version, d.compiledFrom = $compiledFrom, d.builtAt = $builtAt`;

/** Splits a record into its own properties and the reference fields that become relationships. */
function props<T extends { id: string }>(record: T, references: ReadonlyArray<keyof T>): { id: string; props: Record<string, unknown> } {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'id' && !references.includes(key as keyof T)) own[key] = value;
  }
  return { id: record.id, props: own };
}

/**
 * Writes `dataset` (already validated) into the graph. Node properties are merged, so
 * properties other writers add survive; relationships of origin "seed" are replaced, so
 * a link removed from the seeds disappears from the graph.
 */
export async function seedGraph(db: Db, dataset: SeedDataset): Promise<SeedSummary> {
  const updatedAt = dataset.manifest.builtAt;
  return db.writeTransaction(async (tx) => {
    // Seeding is a write batch like an import or a mutation: it gets the next data version.
    await bumpDataVersion(tx, new Date().toISOString());
    const run = (cypher: string, rows: unknown[]) => tx.run(cypher, { rows, origin: SEED_ORIGIN, updatedAt });
    await tx.run(DELETE_SEEDED_RELATIONSHIPS, { origin: SEED_ORIGIN });

    await run(mergeNodes('Programme'), dataset.programmes.map((r) => props(r, ['memberFunderIds'])));
    await run(mergeNodes('Country'), dataset.countries.map((r) => props(r, [])));
    await run(mergeNodes('Region'), dataset.regions.map((r) => props(r, [])));
    await run(REGION_COUNTRY, dataset.regions);
    await run(mergeNodes('Funder'), dataset.funders.map((r) => props(r, ['regionId', 'programmeIds', 'callIds'])));
    await run(FUNDER_BASES, dataset.funders);
    await run(linkEach('Funder', 'MEMBER_OF', 'Programme', 'programmeIds'), dataset.funders);
    await run(PROGRAMME_MEMBERS, dataset.programmes);

    const callReferences = ['programmeId', 'secretariatFunderId', 'participatingCountryCodes', 'participatingRegionIds'] as const;
    await run(mergeNodes('Call'), dataset.calls.map((r) => props(r, callReferences)));
    await run(CALL_PROGRAMME_AND_SECRETARIAT, dataset.calls);
    await run(linkEach('Funder', 'PARTICIPATES_IN', 'Call', 'callIds'), dataset.funders);
    await run(participantsOfCall('Country', 'participatingCountryCodes'), dataset.calls);
    await run(participantsOfCall('Region', 'participatingRegionIds'), dataset.calls);

    await run(mergeNodes('Organisation'), dataset.organisations.map((r) => props(r, [])));
    await run(ORGANISATION_COUNTRY, dataset.organisations);

    const projectReferences = ['programmeId', 'callId', 'funderIds', 'partners', 'partnerCountryCodes'] as const;
    await run(mergeNodes('Project'), dataset.projects.map((r) => props(r, projectReferences)));
    await run(PROJECT_PROGRAMME_AND_CALL, dataset.projects);
    await run(PROJECT_FUNDERS, dataset.projects);
    await run(PROJECT_PARTNERS, dataset.projects);
    await run(linkEach('Project', 'HAS_PARTNER_IN', 'Country', 'partnerCountryCodes'), dataset.projects);

    await run(mergeNodes('Objective'), dataset.objectives.map((r) => props(r, [])));
    await run(mergeNodes('ValueChainStage'), dataset.valueChainStages.map((r) => props(r, ['parentId'])));
    await run(STAGE_PARENT, dataset.valueChainStages.filter((stage) => stage.parentId !== null));
    await run(mergeNodes('SriaArea'), dataset.sriaAreas.map((r) => props(r, ['stageIds'])));
    await run(linkEach('SriaArea', 'COVERS', 'ValueChainStage', 'stageIds'), dataset.sriaAreas);
    await run(mergeNodes('KnowledgeGap'), dataset.knowledgeGaps.map((r) => props(r, [])));

    await writeDerivedLinks(tx, dataset.links);

    await tx.run(DATASET, {
      id: DATASET_ID,
      version: dataset.manifest.version,
      compiledFrom: dataset.manifest.compiledFrom,
      builtAt: dataset.manifest.builtAt,
    });
    const [counts] = await tx.run<{ nodes: number; relationships: number }>(
      `CALL { MATCH (n) WHERE NOT (n:Dataset OR n:AuditEvent OR n:ImportRun OR n:ApiKey) RETURN count(n) AS nodes }
       CALL { MATCH ()-[r]->() WHERE r.origin = $origin RETURN count(r) AS relationships }
       RETURN nodes, relationships`,
      { origin: SEED_ORIGIN },
    );
    return { version: dataset.manifest.version, nodes: counts?.nodes ?? 0, relationships: counts?.relationships ?? 0 };
  }, { timeoutMs: SEED_TIMEOUT_MS });
}

async function writeDerivedLinks(tx: WriteTransaction, links: DerivedLinkRecord[]): Promise<void> {
  // Labels and types cannot be parameters: group the links by their (validated) pattern.
  const groups = new Map<string, DerivedLinkRecord[]>();
  for (const link of links) {
    if (!LINKABLE_LABELS.includes(link.fromLabel) || !LINKABLE_LABELS.includes(link.toLabel)) {
      throw new TypeError(`Derived link with unknown label: ${link.fromLabel} -> ${link.toLabel}`);
    }
    if (!DERIVED_LINK_TYPES.includes(link.type)) throw new TypeError(`Derived link with unknown type: ${link.type}`);
    const key = `${link.fromLabel}|${link.type}|${link.toLabel}`;
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  for (const [key, rows] of groups) {
    const [fromLabel, type, toLabel] = key.split('|') as [string, string, string];
    await tx.run(derivedLinks(fromLabel, type, toLabel), { rows, origin: SEED_ORIGIN });
  }
}

/** The version of the loaded dataset, or null when the graph has not been seeded. */
export async function loadedDatasetVersion(db: Db): Promise<string | null> {
  const rows = await db.read<{ version: string | null }>('MATCH (d:Dataset {id: $id}) RETURN d.version AS version', {
    id: DATASET_ID,
  });
  return rows[0]?.version ?? null;
}
