// Loads a validated seed dataset into Neo4j in one transaction with batched UNWIND ... MERGE
// statements. Running it again leaves the graph identical (same nodes, relationships and
// properties), and a failure part-way leaves the graph as it was.

import { RULE_BOOK_VERSION } from '../derivation';
import { DERIVED_LINK_TYPES, LINKABLE_LABELS, type DerivedLinkRecord, type SeedDataset } from '../model';
import type { Db, WriteTransaction } from './run';
import { refreshSearchProperties, SEARCHABLE_LABELS, type SearchableLabel } from './searchIndex';
import { setSortKeysClause } from './sortKeys';
import { ADD_DATASET, registerDataset } from './sourceDatasets';
import { bumpDataVersion, DATASET_ID } from './stats';

/** The dataset seeded records belong to (src/model/sourceDatasets.ts). */
const SEED_DATASET = 'PERMED_CURATED';

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

/**
 * `UNWIND $rows AS row MERGE (n:<Label> {id: row.id}) SET n += row.props`, adding the curated
 * dataset to the node's datasets (those other writers added stay).
 */
function mergeNodes(label: string): string {
  return `UNWIND $rows AS row
MERGE (n:${label} {id: row.id})
SET n += row.props, n.updatedAt = $updatedAt, n.datasets = ${ADD_DATASET}${setSortKeysClause(label)}`;
}

/**
 * Links each row's node to the node(s) that `row.<field>` names: one id, a list of ids, or
 * null for none (UNWIND treats a single value as a one-item list and null as none).
 * Direction "in" points the relationship at the row's node.
 */
function linkRows(
  rowLabel: string,
  field: string,
  type: string,
  otherLabel: string,
  direction: 'out' | 'in' = 'out',
): string {
  const arrow = direction === 'out' ? `-[r:${type}]->` : `<-[r:${type}]-`;
  return `UNWIND $rows AS row
MATCH (a:${rowLabel} {id: row.id})
UNWIND row.${field} AS otherId
MATCH (b:${otherLabel} {id: otherId})
MERGE (a)${arrow}(b)
SET r.origin = $origin`;
}

const PROJECT_PARTNERS = `UNWIND $rows AS row
MATCH (p:Project {id: row.id})
UNWIND row.partners AS partner
MATCH (o:Organisation {id: partner.organisationId})
MERGE (o)-[r:PARTNER_IN]->(p)
SET r.role = partner.role, r.asNamed = partner.asNamed, r.origin = $origin`;

/**
 * Rule-book links that writes after a seeding derived for seeded projects and calls (origin
 * import, curation or derive): seeding puts the seeded facts back, so the seeds' links replace them.
 */
const DELETE_LATER_INFERRED_LINKS = `
UNWIND $projectIds AS id
MATCH (:Project {id: id})-[r:ADDRESSES|AT_STAGE|ADVANCES|IN_DISEASE_AREA]->(:KnowledgeGap|ValueChainStage|Objective|DiseaseArea)
WHERE r.provenance = 'INFERRED'
DELETE r
WITH count(*) AS done
UNWIND $callIds AS id
MATCH (:Call {id: id})-[r:TARGETS]->(:KnowledgeGap)
WHERE r.provenance = 'INFERRED'
DELETE r`;

/**
 * A link a curator or an import made on the same pair (a CURATED link of origin curation or
 * import) wins over the seeds'. Every link carries the rule book's current version: the seeds
 * are what the current book builds (test/unit/seed/buildSeeds.test.ts compares them byte for byte).
 */
function derivedLinks(fromLabel: string, type: string, toLabel: string): string {
  return `UNWIND $rows AS row
MATCH (a:${fromLabel} {id: row.fromId}), (b:${toLabel} {id: row.toId})
MERGE (a)-[r:${type}]->(b)
WITH r, row
WHERE coalesce(r.origin, $origin) = $origin OR r.provenance = 'INFERRED'
SET r.provenance = row.provenance, r.rule = row.rule, r.confidence = row.confidence,
    r.evidence = row.evidence, r.origin = $origin, r.ruleBookVersion = $ruleBookVersion`;
}

/** (Project)-[:IN_DISEASE_AREA]->(DiseaseArea) with its derivation (src/derivation/diseaseAreaRule.ts). */
const DISEASE_AREA_LINKS = `UNWIND $rows AS row
MATCH (p:Project {id: row.projectId}), (d:DiseaseArea {id: row.diseaseAreaId})
MERGE (p)-[r:IN_DISEASE_AREA]->(d)
SET r.provenance = row.provenance, r.rule = row.rule, r.confidence = row.confidence, r.evidence = row.evidence,
    r.origin = $origin, r.ruleBookVersion = $ruleBookVersion`;

const DATASET = `MERGE (d:Dataset {id: $id})
SET d.seededAt = CASE WHEN d.version = $version THEN d.seededAt ELSE toString(datetime()) END,
    d.version = $version, d.compiledFrom = $compiledFrom, d.builtAt = $builtAt`;

/** Splits a record into its own properties and the reference fields that become relationships. */
function props<T extends { id: string }>(
  record: T,
  references: ReadonlyArray<keyof T>,
): { id: string; props: Record<string, unknown> } {
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
  return db.writeTransaction(
    async (tx) => {
      // Seeding is a write batch like an import or a mutation: it gets the next data version.
      await bumpDataVersion(tx, new Date().toISOString());
      const run = (cypher: string, rows: unknown[]) =>
        tx.run(cypher, {
          rows,
          origin: SEED_ORIGIN,
          updatedAt,
          dataset: SEED_DATASET,
          ruleBookVersion: RULE_BOOK_VERSION,
        });
      await tx.run(DELETE_SEEDED_RELATIONSHIPS, { origin: SEED_ORIGIN });
      await tx.run(DELETE_LATER_INFERRED_LINKS, {
        projectIds: dataset.projects.map((project) => project.id),
        callIds: dataset.calls.map((call) => call.id),
      });

      await run(
        mergeNodes('Programme'),
        dataset.programmes.map((r) => props(r, ['memberFunderIds'])),
      );
      await run(
        mergeNodes('Country'),
        dataset.countries.map((r) => props(r, [])),
      );
      await run(
        mergeNodes('Region'),
        dataset.regions.map((r) => props(r, [])),
      );
      await run(linkRows('Region', 'countryCode', 'PART_OF', 'Country'), dataset.regions);
      await run(
        mergeNodes('Funder'),
        dataset.funders.map((r) => props(r, ['regionId', 'programmeIds', 'callIds'])),
      );
      await run(linkRows('Funder', 'countryCode', 'BASED_IN', 'Country'), dataset.funders);
      await run(linkRows('Funder', 'regionId', 'BASED_IN', 'Region'), dataset.funders);
      await run(linkRows('Funder', 'programmeIds', 'MEMBER_OF', 'Programme'), dataset.funders);
      await run(linkRows('Programme', 'memberFunderIds', 'MEMBER_OF', 'Funder', 'in'), dataset.programmes);

      const callReferences = [
        'programmeId',
        'secretariatFunderId',
        'participatingCountryCodes',
        'participatingRegionIds',
      ] as const;
      await run(
        mergeNodes('Call'),
        dataset.calls.map((r) => props(r, callReferences)),
      );
      await run(linkRows('Call', 'programmeId', 'PART_OF', 'Programme'), dataset.calls);
      await run(linkRows('Call', 'secretariatFunderId', 'SECRETARIAT_OF', 'Funder', 'in'), dataset.calls);
      await run(linkRows('Funder', 'callIds', 'PARTICIPATES_IN', 'Call'), dataset.funders);
      // Countries and regions take part in a call in the same direction funders do.
      await run(
        linkRows('Call', 'participatingCountryCodes', 'PARTICIPATES_IN', 'Country', 'in'),
        dataset.calls,
      );
      await run(linkRows('Call', 'participatingRegionIds', 'PARTICIPATES_IN', 'Region', 'in'), dataset.calls);

      await run(
        mergeNodes('Organisation'),
        dataset.organisations.map((r) => props(r, [])),
      );
      await run(linkRows('Organisation', 'countryCode', 'LOCATED_IN', 'Country'), dataset.organisations);

      const projectReferences = [
        'programmeId',
        'callId',
        'funderIds',
        'partners',
        'partnerCountryCodes',
      ] as const;
      await run(
        mergeNodes('Project'),
        dataset.projects.map((r) => props(r, projectReferences)),
      );
      await run(linkRows('Project', 'callId', 'FUNDED', 'Call', 'in'), dataset.projects);
      await run(linkRows('Project', 'programmeId', 'PART_OF', 'Programme'), dataset.projects);
      await run(linkRows('Project', 'funderIds', 'FUNDS', 'Funder', 'in'), dataset.projects);
      await run(PROJECT_PARTNERS, dataset.projects);
      await run(linkRows('Project', 'partnerCountryCodes', 'HAS_PARTNER_IN', 'Country'), dataset.projects);

      await run(
        mergeNodes('Objective'),
        dataset.objectives.map((r) => props(r, [])),
      );
      await run(
        mergeNodes('ValueChainStage'),
        dataset.valueChainStages.map((r) => props(r, ['parentId'])),
      );
      await run(
        linkRows('ValueChainStage', 'parentId', 'PART_OF', 'ValueChainStage'),
        dataset.valueChainStages,
      );
      await run(
        mergeNodes('SriaArea'),
        dataset.sriaAreas.map((r) => props(r, ['stageIds'])),
      );
      await run(linkRows('SriaArea', 'stageIds', 'COVERS', 'ValueChainStage'), dataset.sriaAreas);
      await run(
        mergeNodes('KnowledgeGap'),
        dataset.knowledgeGaps.map((r) => props(r, [])),
      );

      await writeDerivedLinks(tx, dataset.links);
      await run(
        mergeNodes('DiseaseArea'),
        dataset.diseaseAreas.map((r) => props(r, [])),
      );
      await run(DISEASE_AREA_LINKS, dataset.diseaseAreaLinks);
      await refreshSeededSearchProperties(tx, dataset);

      await registerDataset(tx, SEED_DATASET, {
        versionDate: dataset.manifest.version.slice(0, 10),
        release: dataset.manifest.version,
        at: dataset.manifest.builtAt,
      });
      await tx.run(DATASET, {
        id: DATASET_ID,
        version: dataset.manifest.version,
        compiledFrom: dataset.manifest.compiledFrom,
        builtAt: dataset.manifest.builtAt,
      });
      const [counts] = await tx.run<{ nodes: number; relationships: number }>(
        `CALL { MATCH (n) WHERE NOT (n:Dataset OR n:SourceDataset OR n:AuditEvent OR n:ImportRun OR n:ApiKey) RETURN count(n) AS nodes }
       CALL { MATCH ()-[r]->() WHERE r.origin = $origin RETURN count(r) AS relationships }
       RETURN nodes, relationships`,
        { origin: SEED_ORIGIN },
      );
      return {
        version: dataset.manifest.version,
        nodes: counts?.nodes ?? 0,
        relationships: counts?.relationships ?? 0,
      };
    },
    { timeoutMs: SEED_TIMEOUT_MS },
  );
}

/** Search properties of every seeded node, once its properties and links are written. */
async function refreshSeededSearchProperties(tx: WriteTransaction, dataset: SeedDataset): Promise<void> {
  const seeded: Record<SearchableLabel, ReadonlyArray<{ id: string }>> = {
    Programme: dataset.programmes,
    Funder: dataset.funders,
    Call: dataset.calls,
    Project: dataset.projects,
    Organisation: dataset.organisations,
    Country: dataset.countries,
    Region: dataset.regions,
    Objective: dataset.objectives,
    ValueChainStage: dataset.valueChainStages,
    SriaArea: dataset.sriaAreas,
    KnowledgeGap: dataset.knowledgeGaps,
  };
  for (const label of SEARCHABLE_LABELS) {
    await refreshSearchProperties(
      tx,
      label,
      seeded[label].map((record) => record.id),
    );
  }
}

async function writeDerivedLinks(tx: WriteTransaction, links: DerivedLinkRecord[]): Promise<void> {
  // Labels and types cannot be parameters: group the links by their (validated) pattern.
  const groups = new Map<string, DerivedLinkRecord[]>();
  for (const link of links) {
    if (!LINKABLE_LABELS.includes(link.fromLabel) || !LINKABLE_LABELS.includes(link.toLabel)) {
      throw new TypeError(`Derived link with unknown label: ${link.fromLabel} -> ${link.toLabel}`);
    }
    if (!DERIVED_LINK_TYPES.includes(link.type))
      throw new TypeError(`Derived link with unknown type: ${link.type}`);
    const key = `${link.fromLabel}|${link.type}|${link.toLabel}`;
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  for (const [key, rows] of groups) {
    const [fromLabel, type, toLabel] = key.split('|') as [string, string, string];
    await tx.run(derivedLinks(fromLabel, type, toLabel), {
      rows,
      origin: SEED_ORIGIN,
      ruleBookVersion: RULE_BOOK_VERSION,
    });
  }
}

/** The version of the loaded dataset, or null when the graph has not been seeded. */
export async function loadedDatasetVersion(db: Db): Promise<string | null> {
  const rows = await db.read<{ version: string | null }>(
    'MATCH (d:Dataset {id: $id}) RETURN d.version AS version',
    {
      id: DATASET_ID,
    },
  );
  return rows[0]?.version ?? null;
}
