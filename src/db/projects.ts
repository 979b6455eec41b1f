// Cypher of projects and organisations: list plans and the relation specs of their fields.

import type { DatasetId } from '../model';
import { TEXT_MATCHES, type ListSpec } from './listQuery';
import { FROM_DATASETS } from './sourceDatasets';
import { TAGGED_WITH_SUBJECTS } from './subjects';
import {
  BY_NAME,
  derivationPredicate,
  derivedRelation,
  type DerivationFilter,
  NEWEST_PROJECTS_FIRST,
  type RelationSpec,
} from './relations';
import { SORT_KEYS } from './sortKeys';

/** A derived link passes the project filter's provenance and confidence thresholds. */
const LINK_PASSES = derivationPredicate('r');

/**
 * Which projects a list holds: fields combine with AND, values of a list with OR; absent or
 * null: any. `provenance` and `minConfidence` bound the derived links the stage, objective,
 * gap and disease-area fields read.
 */
export interface ProjectListFilter extends DerivationFilter {
  ids?: readonly string[] | null;
  calls?: readonly string[] | null;
  programmes?: readonly string[] | null;
  funders?: readonly string[] | null;
  /** ISO 3166-1 alpha-2 codes of partners' countries (any case). */
  countries?: readonly string[] | null;
  organisations?: readonly string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  /** Stages, each with its sub-stages. */
  stages?: readonly string[] | null;
  objectives?: readonly string[] | null;
  gaps?: readonly string[] | null;
  /** ICD-10 chapter codes, e.g. NEOPLASMS. */
  diseaseAreas?: readonly string[] | null;
  /** Projects that came from one of these datasets. */
  datasets?: readonly DatasetId[] | null;
  /**
   * EuroSciVoc subjects, each with every narrower one, as subjectFilterValues gives them
   * (codes /21/33, lower-case label paths).
   */
  subjects?: readonly string[] | null;
  text?: string | null;
}

/** Which organisations a list holds. */
export interface OrganisationListFilter {
  ids?: readonly string[] | null;
  countries?: readonly string[] | null;
  /** Organisations partnering in one of these projects. */
  projects?: readonly string[] | null;
  /** Organisations partnering in a project funded by one of these calls. */
  calls?: readonly string[] | null;
  /** Organisations that came from one of these datasets. */
  datasets?: readonly DatasetId[] | null;
  text?: string | null;
}

export const PROJECTS: ListSpec<'Project', ProjectListFilter, 'YEAR' | 'ACRONYM'> = {
  name: 'projects',
  label: 'Project',
  countryCodeFields: ['countries'],
  filters: {
    ids: 'n.id IN $ids',
    calls: 'EXISTS { MATCH (n)<-[:FUNDED]-(c:Call) WHERE c.id IN $calls }',
    programmes: 'EXISTS { MATCH (n)-[:PART_OF]->(p:Programme) WHERE p.id IN $programmes }',
    funders: 'EXISTS { MATCH (n)<-[:FUNDS]-(f:Funder) WHERE f.id IN $funders }',
    countries: 'EXISTS { MATCH (n)-[:HAS_PARTNER_IN]->(c:Country) WHERE c.code IN $countries }',
    organisations: 'EXISTS { MATCH (n)<-[:PARTNER_IN]-(o:Organisation) WHERE o.id IN $organisations }',
    yearFrom: 'n.year >= $yearFrom',
    yearTo: 'n.year <= $yearTo',
    // A stage filter includes the stage's sub-stages (PART_OF*0..).
    stages: `EXISTS { MATCH (n)-[r:AT_STAGE]->(:ValueChainStage)-[:PART_OF*0..]->(s:ValueChainStage) WHERE s.id IN $stages AND ${LINK_PASSES} }`,
    objectives: `EXISTS { MATCH (n)-[r:ADVANCES]->(o:Objective) WHERE o.id IN $objectives AND ${LINK_PASSES} }`,
    gaps: `EXISTS { MATCH (n)-[r:ADDRESSES]->(g:KnowledgeGap) WHERE g.id IN $gaps AND ${LINK_PASSES} }`,
    diseaseAreas: `EXISTS { MATCH (n)-[r:IN_DISEASE_AREA]->(d:DiseaseArea)
      WHERE d.code IN $diseaseAreas AND ${LINK_PASSES} }`,
    // Read by the three predicates above; on their own they select every project.
    provenance: '$provenance IS NOT NULL',
    minConfidence: '$minConfidence IS NOT NULL',
    datasets: FROM_DATASETS,
    subjects: TAGGED_WITH_SUBJECTS,
    text: TEXT_MATCHES,
  },
  sorts: {
    YEAR: {
      expression: 'n.year',
      type: 'number',
      stored: { ASC: SORT_KEYS.Project.yearAsc, DESC: SORT_KEYS.Project.yearDesc },
    },
    ACRONYM: {
      expression: 'toLower(n.acronym)',
      type: 'string',
      stored: { ASC: SORT_KEYS.Project.acronymAsc },
    },
  },
  defaultParams: { provenance: null, minConfidence: null },
  // Counts start from the named nodes. Each relationship below is written by MERGE (one per
  // pair) and leads to projects only, so one value's count is its node's degree.
  counts: {
    countries: {
      from: 'MATCH (c:Country)<-[:HAS_PARTNER_IN]-(n:Project) WHERE c.code IN $countries',
      single: {
        match: 'MATCH (c:Country) WHERE c.code = $countries[0]',
        count: 'sum(COUNT { (c)<-[:HAS_PARTNER_IN]-() })',
      },
    },
    calls: {
      from: 'MATCH (c:Call)-[:FUNDED]->(n:Project) WHERE c.id IN $calls',
      single: { match: 'MATCH (c:Call {id: $calls[0]})', count: 'sum(COUNT { (c)-[:FUNDED]->() })' },
    },
    funders: {
      from: 'MATCH (f:Funder)-[:FUNDS]->(n:Project) WHERE f.id IN $funders',
      single: { match: 'MATCH (f:Funder {id: $funders[0]})', count: 'sum(COUNT { (f)-[:FUNDS]->() })' },
    },
    organisations: {
      from: 'MATCH (o:Organisation)-[:PARTNER_IN]->(n:Project) WHERE o.id IN $organisations',
      single: {
        match: 'MATCH (o:Organisation {id: $organisations[0]})',
        count: 'sum(COUNT { (o)-[:PARTNER_IN]->() })',
      },
    },
  },
};

export const ORGANISATIONS: ListSpec<'Organisation', OrganisationListFilter, 'NAME'> = {
  name: 'organisations',
  label: 'Organisation',
  countryCodeFields: ['countries'],
  filters: {
    ids: 'n.id IN $ids',
    countries: 'n.countryCode IN $countries',
    projects: 'EXISTS { MATCH (n)-[:PARTNER_IN]->(p:Project) WHERE p.id IN $projects }',
    calls: 'EXISTS { MATCH (n)-[:PARTNER_IN]->(:Project)<-[:FUNDED]-(c:Call) WHERE c.id IN $calls }',
    datasets: FROM_DATASETS,
    text: TEXT_MATCHES,
  },
  sorts: {
    NAME: { expression: 'toLower(n.name)', type: 'string', stored: { ASC: SORT_KEYS.Organisation.nameAsc } },
  },
};

export const PROGRAMME_BY_PROJECT_ID: RelationSpec<'Project', 'Programme'> = {
  name: 'programmeByProjectId',
  from: 'Project',
  to: 'Programme',
  pattern: '(from)-[:PART_OF]->(to:Programme)',
  orderBy: 'to.id',
};
export const CALL_BY_PROJECT_ID: RelationSpec<'Project', 'Call'> = {
  name: 'callByProjectId',
  from: 'Project',
  to: 'Call',
  pattern: '(from)<-[:FUNDED]-(to:Call)',
  orderBy: 'to.id',
};
export const FUNDERS_BY_PROJECT_ID: RelationSpec<'Project', 'Funder'> = {
  name: 'fundersByProjectId',
  from: 'Project',
  to: 'Funder',
  pattern: '(from)<-[:FUNDS]-(to:Funder)',
  orderBy: BY_NAME,
};
export const PARTNERS_BY_PROJECT_ID: RelationSpec<'Project', 'Organisation'> = {
  name: 'partnersByProjectId',
  from: 'Project',
  to: 'Organisation',
  pattern: '(from)<-[r:PARTNER_IN]-(to:Organisation)',
  // COORDINATOR sorts before PARTNER.
  orderBy: `r.role, ${BY_NAME}`,
};
export const COUNTRIES_BY_PROJECT_ID: RelationSpec<'Project', 'Country'> = {
  name: 'countriesByProjectId',
  from: 'Project',
  to: 'Country',
  pattern: '(from)-[:HAS_PARTNER_IN]->(to:Country)',
  orderBy: BY_NAME,
};
export const OBJECTIVE_LINKS_BY_PROJECT_ID = derivedRelation<'Project', 'Objective'>({
  name: 'objectiveLinksByProjectId',
  from: 'Project',
  to: 'Objective',
  pattern: '(from)-[r:ADVANCES]->(to:Objective)',
});
export const STAGE_LINKS_BY_PROJECT_ID = derivedRelation<'Project', 'ValueChainStage'>({
  name: 'stageLinksByProjectId',
  from: 'Project',
  to: 'ValueChainStage',
  pattern: '(from)-[r:AT_STAGE]->(to:ValueChainStage)',
});
export const GAP_LINKS_BY_PROJECT_ID = derivedRelation<'Project', 'KnowledgeGap'>({
  name: 'gapLinksByProjectId',
  from: 'Project',
  to: 'KnowledgeGap',
  pattern: '(from)-[r:ADDRESSES]->(to:KnowledgeGap)',
});

export const PROJECTS_BY_ORGANISATION_ID: RelationSpec<'Organisation', 'Project'> = {
  name: 'projectsByOrganisationId',
  from: 'Organisation',
  to: 'Project',
  pattern: '(from)-[r:PARTNER_IN]->(to:Project)',
  orderBy: NEWEST_PROJECTS_FIRST,
};
