// Cypher of the gap analysis: four statements read the whole projection the measures of
// src/analytics/ need (taxonomy, projects, calls, actors) as plain rows, never one per gap or cell.

import type {
  CallFacts,
  CountryFacts,
  FunderFacts,
  GapFacts,
  GapProjection,
  ObjectiveFacts,
  OrganisationFacts,
  ProjectFacts,
  RegionFacts,
  StageFacts,
} from '../analytics/gapProjection';
import type { Db } from './run';

/** The map a derived relationship `r` to a node `t` becomes (LinkFacts). */
const LINK =
  '{targetId: t.id, provenance: r.provenance, confidence: r.confidence, rule: r.rule, evidence: r.evidence, ' +
  'ruleBookVersion: r.ruleBookVersion, origin: r.origin}';

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

/** Every project with its call, funders, partner countries and organisations, and its derived links. */
export const PROJECT_FACTS = `MATCH (p:Project)
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
  [(p)-[r:ADVANCES]->(t:Objective) | ${LINK}] AS objectives
ORDER BY id`;

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
 * become null and missing lists empty arrays.
 */
export async function readGapProjection(db: Db): Promise<GapProjection> {
  const [taxonomy, projects, calls, actors] = await Promise.all([
    db.read<TaggedRow>(GAP_TAXONOMY),
    db.read<ProjectFacts>(PROJECT_FACTS),
    db.read<CallFacts>(CALL_FACTS),
    db.read<TaggedRow>(GAP_ACTORS),
  ]);
  const rowsOf = <T>(rows: TaggedRow[], kind: string) =>
    rows.filter((r) => r.kind === kind).map((r) => r.row as unknown as T);
  return {
    stages: rowsOf<StageFacts>(taxonomy, 'stage').map((stage) => ({
      ...stage,
      order: stage.order ?? null,
      parentId: stage.parentId ?? null,
    })),
    gaps: rowsOf<GapFacts>(taxonomy, 'gap'),
    objectives: rowsOf<ObjectiveFacts>(taxonomy, 'objective'),
    projects: projects.map((project) => ({
      ...project,
      year: project.year ?? null,
      fundingEur: project.fundingEur ?? null,
    })),
    calls: calls.map((call) => ({
      ...call,
      year: call.year ?? null,
      fundedProjectsCount: call.fundedProjectsCount ?? null,
      fundingGrantedEur: call.fundingGrantedEur ?? null,
    })),
    funders: rowsOf<FunderFacts>(actors, 'funder').map((funder) => ({
      ...funder,
      countryCode: funder.countryCode ?? null,
    })),
    countries: rowsOf<CountryFacts>(actors, 'country'),
    regions: rowsOf<RegionFacts>(actors, 'region'),
    organisations: rowsOf<OrganisationFacts>(actors, 'organisation').map((o) => ({
      ...o,
      countryCode: o.countryCode ?? null,
    })),
  };
}
