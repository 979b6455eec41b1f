// Cypher of the gap analysis: four statements read the whole projection the measures of
// src/analytics/ need (taxonomy, projects, calls, actors) as plain rows, never one per gap or cell.

import {
  type CallFacts,
  type CountryFacts,
  type FunderFacts,
  type GapFacts,
  type GapProjection,
  type LinkFacts,
  type ObjectiveFacts,
  type OrganisationFacts,
  type ProjectFacts,
  type RegionFacts,
  type StageFacts,
  GapProjectionBuilder,
} from '../analytics/gapProjection';
import type { Db } from './run';

/**
 * The map a derived relationship `r` to a node `t` becomes (LinkFacts): what the measures weigh,
 * without the evidence text (read per shown row: CoverageEntry.rowLink).
 */
const LINK = '{targetId: t.id, provenance: r.provenance, confidence: r.confidence, rule: r.rule}';

/** Stages, gaps (with their AT_STAGE, SERVES and IN_AREA links) and objectives, tagged by kind. */
export const GAP_TAXONOMY = `MATCH (s:ValueChainStage)
OPTIONAL MATCH (s)-[:PART_OF]->(parent:ValueChainStage)
RETURN 'stage' AS kind, {id: s.id, label: s.name, order: s.order, level: s.level, parentId: parent.id} AS row
UNION ALL
MATCH (g:KnowledgeGap)
RETURN 'gap' AS kind, {
  id: g.id,
  label: g.shortName,
  stages: [(g)-[r:AT_STAGE]->(t:ValueChainStage) | ${LINK}],
  objectives: [(g)-[r:SERVES]->(t:Objective) | ${LINK}],
  areaIds: [(g)-[:IN_AREA]->(a:SriaArea) | a.id]
} AS row
UNION ALL
MATCH (o:Objective)
RETURN 'objective' AS kind, {id: o.id, label: o.shortName, order: o.order} AS row`;

/**
 * Every project with its call, funders, partner countries and organisations, and its derived links,
 * in id order. The order comes from the index on Project.id (hence `p.id IS NOT NULL`): a Sort in
 * the slotted runtime keeps every row until the last has gone out, with the lists computed above it,
 * so at 100,000 projects one read held 425 MB of Neo4j's heap (41 MB now) and two at once kept a
 * 1 GiB Neo4j in full garbage collections for minutes.
 */
export const PROJECT_FACTS = `MATCH (p:Project) WHERE p.id IS NOT NULL
WITH p ORDER BY p.id
RETURN p.id AS id, p.acronym AS label, p.year AS year, p.fundingEur AS fundingEur,
  [(p)<-[:FUNDED]-(c:Call) | c.id] AS callIds,
  [(p)-[:PART_OF]->(g:Programme) | g.id] AS programmeIds,
  [(p)<-[:FUNDS]-(f:Funder) | f.id] AS funderIds,
  [(p)-[:HAS_PARTNER_IN]->(k:Country) | k.code] AS countryCodes,
  [(p)<-[:PARTNER_IN]-(o:Organisation) | o.id] AS organisationIds,
  [(p)-[:HAS_SUBJECT]->(s:Subject) | s.code] + [(p)-[:HAS_SUBJECT]->(s:Subject) | toLower(s.path)] AS subjectKeys,
  coalesce(p.datasets, []) AS datasets,
  [(p)-[r:ADDRESSES]->(t:KnowledgeGap) | ${LINK}] AS gaps,
  [(p)-[r:AT_STAGE]->(t:ValueChainStage) | ${LINK}] AS stages,
  [(p)-[r:ADVANCES]->(t:Objective) | ${LINK}] AS objectives`;

/** Every call with its published totals, participants, TARGETS links and named projects. */
export const CALL_FACTS = `MATCH (c:Call)
RETURN c.id AS id, coalesce(c.shortTitle, c.title, c.id) AS label, c.kind AS kind, c.year AS year,
  head([(c)-[:PART_OF]->(g:Programme) | g.id]) AS programmeId,
  c.fundedProjectsCount AS fundedProjectsCount, c.fundingGrantedEur AS fundingGrantedEur,
  [(f:Funder)-[:PARTICIPATES_IN]->(c) | f.id] AS funderIds,
  [(k:Country)-[:PARTICIPATES_IN]->(c) | k.code] AS participatingCountryCodes,
  [(g:Region)-[:PARTICIPATES_IN]->(c) | g.id] AS participatingRegionIds,
  [(c)-[r:TARGETS]->(t:KnowledgeGap) | ${LINK}] AS targets,
  [(c)-[:FUNDED]->(p:Project) | p.id] AS namedProjectIds,
  coalesce(c.datasets, []) AS datasets
ORDER BY id`;

/** Funders (with their regions), countries, regions and organisations, with the labels explanations use. */
export const GAP_ACTORS = `MATCH (f:Funder)
RETURN 'funder' AS kind, {
  id: f.id, label: coalesce(f.acronym, f.name), countryCode: f.countryCode,
  regionIds: [(f)-[:BASED_IN]->(r:Region) | r.id]
} AS row
UNION ALL
MATCH (k:Country)
RETURN 'country' AS kind, {code: k.code, label: k.name} AS row
UNION ALL
MATCH (r:Region)
RETURN 'region' AS kind, {id: r.id, label: r.name, countryCode: r.countryCode} AS row
UNION ALL
MATCH (o:Organisation)
RETURN 'organisation' AS kind, {id: o.id, label: o.name, countryCode: o.countryCode} AS row`;

interface TaggedRow {
  kind: string;
  row: Record<string, unknown>;
}

/**
 * Reads everything the gap measures need in four read statements (run concurrently).
 * The result is plain data (GapProjection) in no particular order; absent properties
 * become null and missing lists empty arrays. Ids named by many records and equal links are
 * held once (GapProjectionBuilder): at 100,000 synthetic projects the projection went from
 * 395 MiB counted (527 MiB of heap) with every link's evidence and own strings to the figures of
 * docs/benchmarks.md "The gap projection at 100,000 projects".
 */
export async function readGapProjection(db: Db): Promise<GapProjection> {
  const [taxonomy, projects, calls, actors] = await Promise.all([
    db.read<TaggedRow>(GAP_TAXONOMY),
    db.read<ProjectFacts>(PROJECT_FACTS),
    db.read<CallFacts>(CALL_FACTS),
    db.read<TaggedRow>(GAP_ACTORS),
  ]);
  const held = new GapProjectionBuilder();
  const ids = (values: readonly string[]) => held.stringList(values);
  const links = (rows: readonly LinkFacts[]) => held.linkList(rows);
  const rowsOf = <T>(rows: TaggedRow[], kind: string) =>
    rows.filter((r) => r.kind === kind).map((r) => r.row as unknown as T);
  return held.finish({
    stages: rowsOf<StageFacts>(taxonomy, 'stage').map((stage) => ({
      ...stage,
      id: held.string(stage.id),
      order: stage.order ?? null,
      parentId: stage.parentId ?? null,
    })),
    gaps: rowsOf<GapFacts>(taxonomy, 'gap').map((gap) => ({
      ...gap,
      id: held.string(gap.id),
      stages: links(gap.stages),
      objectives: links(gap.objectives),
      areaIds: ids(gap.areaIds),
    })),
    objectives: rowsOf<ObjectiveFacts>(taxonomy, 'objective').map((objective) => ({
      ...objective,
      id: held.string(objective.id),
    })),
    projects: projects.map((project) => ({
      id: held.string(project.id),
      label: project.label,
      year: project.year ?? null,
      fundingEur: project.fundingEur ?? null,
      callIds: ids(project.callIds),
      programmeIds: ids(project.programmeIds ?? []),
      funderIds: ids(project.funderIds),
      countryCodes: ids(project.countryCodes),
      organisationIds: ids(project.organisationIds),
      subjectKeys: ids(project.subjectKeys ?? []),
      datasets: ids(project.datasets ?? []),
      gaps: links(project.gaps),
      stages: links(project.stages),
      objectives: links(project.objectives),
    })),
    calls: calls.map((call) => ({
      ...call,
      id: held.string(call.id),
      year: call.year ?? null,
      fundedProjectsCount: call.fundedProjectsCount ?? null,
      fundingGrantedEur: call.fundingGrantedEur ?? null,
      funderIds: ids(call.funderIds),
      participatingCountryCodes: ids(call.participatingCountryCodes),
      participatingRegionIds: ids(call.participatingRegionIds),
      targets: links(call.targets),
      namedProjectIds: ids(call.namedProjectIds),
      datasets: ids(call.datasets ?? []),
    })),
    funders: rowsOf<FunderFacts>(actors, 'funder').map((funder) => ({
      ...funder,
      id: held.string(funder.id),
      countryCode: typeof funder.countryCode === 'string' ? held.string(funder.countryCode) : null,
      regionIds: ids(funder.regionIds),
    })),
    countries: rowsOf<CountryFacts>(actors, 'country').map((country) => ({
      ...country,
      code: held.string(country.code),
    })),
    regions: rowsOf<RegionFacts>(actors, 'region').map((region) => ({
      ...region,
      id: held.string(region.id),
    })),
    organisations: rowsOf<OrganisationFacts>(actors, 'organisation').map((o) => ({
      ...o,
      id: held.string(o.id),
      countryCode: o.countryCode ?? null,
    })),
  });
}
