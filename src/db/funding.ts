// Cypher of the funding area: list plans for programmes, funders and calls, and the
// relation specs behind their relationship fields.

import type { DatasetId } from '../model';
import { TEXT_MATCHES, type ListSpec } from './listQuery';
import { FROM_DATASETS } from './sourceDatasets';
import type { CallNode, FunderNode } from './models';
import {
  BY_NAME,
  derivedRelation,
  NEWEST_CALLS_FIRST,
  NEWEST_PROJECTS_FIRST,
  type RelationSpec,
} from './relations';

export const PROGRAMMES: ListSpec<'Programme', Record<string, never>, 'START_YEAR' | 'NAME'> = {
  name: 'programmes',
  label: 'Programme',
  filters: {},
  sorts: {
    START_YEAR: { expression: 'n.startYear', type: 'number' },
    NAME: { expression: 'toLower(n.shortName)', type: 'string' },
  },
};

/** Which funders a list holds: fields combine with AND, values of a list with OR; absent or null: any. */
export interface FunderListFilter {
  ids?: readonly string[] | null;
  /** ISO 3166-1 alpha-2 codes of the funders' countries (any case). */
  countries?: readonly string[] | null;
  regions?: readonly string[] | null;
  calls?: readonly string[] | null;
  programmes?: readonly string[] | null;
  kinds?: ReadonlyArray<FunderNode['kind']> | null;
  /** Funders of a project addressing one of these gaps. */
  gaps?: readonly string[] | null;
  /** Records that came from one of these datasets. */
  datasets?: readonly DatasetId[] | null;
  /** Words matched against the searchable text (src/search). */
  text?: string | null;
}

/** Which calls a list holds (as FunderListFilter: AND of fields, OR within a field). */
export interface CallListFilter {
  ids?: readonly string[] | null;
  programmes?: readonly string[] | null;
  kinds?: ReadonlyArray<CallNode['kind']> | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  funders?: readonly string[] | null;
  countries?: readonly string[] | null;
  gaps?: readonly string[] | null;
  datasets?: readonly DatasetId[] | null;
  text?: string | null;
}

export const FUNDERS: ListSpec<'Funder', FunderListFilter, 'NAME' | 'ACRONYM'> = {
  name: 'funders',
  label: 'Funder',
  countryCodeFields: ['countries'],
  filters: {
    ids: 'n.id IN $ids',
    countries: 'n.countryCode IN $countries',
    regions: 'EXISTS { MATCH (n)-[:BASED_IN]->(r:Region) WHERE r.id IN $regions }',
    calls: 'EXISTS { MATCH (n)-[:PARTICIPATES_IN]->(c:Call) WHERE c.id IN $calls }',
    programmes: 'EXISTS { MATCH (n)-[:MEMBER_OF]->(p:Programme) WHERE p.id IN $programmes }',
    kinds: 'n.kind IN $kinds',
    gaps: 'EXISTS { MATCH (n)-[:FUNDS]->(:Project)-[:ADDRESSES]->(g:KnowledgeGap) WHERE g.id IN $gaps }',
    datasets: FROM_DATASETS,
    text: TEXT_MATCHES,
  },
  sorts: {
    NAME: { expression: 'toLower(n.name)', type: 'string' },
    ACRONYM: { expression: 'toLower(n.acronym)', type: 'string' },
  },
};

export const CALLS: ListSpec<'Call', CallListFilter, 'YEAR' | 'TITLE'> = {
  name: 'calls',
  label: 'Call',
  countryCodeFields: ['countries'],
  filters: {
    ids: 'n.id IN $ids',
    programmes: 'EXISTS { MATCH (n)-[:PART_OF]->(p:Programme) WHERE p.id IN $programmes }',
    kinds: 'n.kind IN $kinds',
    yearFrom: 'n.year >= $yearFrom',
    yearTo: 'n.year <= $yearTo',
    funders: 'EXISTS { MATCH (n)<-[:PARTICIPATES_IN]-(f:Funder) WHERE f.id IN $funders }',
    countries: 'EXISTS { MATCH (n)<-[:PARTICIPATES_IN]-(c:Country) WHERE c.code IN $countries }',
    gaps: 'EXISTS { MATCH (n)-[:TARGETS]->(g:KnowledgeGap) WHERE g.id IN $gaps }',
    datasets: FROM_DATASETS,
    text: TEXT_MATCHES,
  },
  sorts: {
    YEAR: { expression: 'n.year', type: 'number' },
    TITLE: { expression: 'toLower(n.title)', type: 'string' },
  },
};

export const CALLS_BY_PROGRAMME_ID: RelationSpec<'Programme', 'Call'> = {
  name: 'callsByProgrammeId',
  from: 'Programme',
  to: 'Call',
  pattern: '(from)<-[:PART_OF]-(to:Call)',
  orderBy: NEWEST_CALLS_FIRST,
};
export const FUNDERS_BY_PROGRAMME_ID: RelationSpec<'Programme', 'Funder'> = {
  name: 'fundersByProgrammeId',
  from: 'Programme',
  to: 'Funder',
  pattern: '(from)<-[:MEMBER_OF]-(to:Funder)',
  orderBy: BY_NAME,
};
export const PROJECTS_BY_PROGRAMME_ID: RelationSpec<'Programme', 'Project'> = {
  name: 'projectsByProgrammeId',
  from: 'Programme',
  to: 'Project',
  pattern: '(from)<-[:PART_OF]-(to:Project)',
  orderBy: NEWEST_PROJECTS_FIRST,
};

export const REGION_BY_FUNDER_ID: RelationSpec<'Funder', 'Region'> = {
  name: 'regionByFunderId',
  from: 'Funder',
  to: 'Region',
  pattern: '(from)-[:BASED_IN]->(to:Region)',
  orderBy: 'to.id',
};
export const PROGRAMMES_BY_FUNDER_ID: RelationSpec<'Funder', 'Programme'> = {
  name: 'programmesByFunderId',
  from: 'Funder',
  to: 'Programme',
  pattern: '(from)-[:MEMBER_OF]->(to:Programme)',
  orderBy: 'to.startYear, to.id',
};
export const CALLS_BY_FUNDER_ID: RelationSpec<'Funder', 'Call'> = {
  name: 'callsByFunderId',
  from: 'Funder',
  to: 'Call',
  pattern: '(from)-[:PARTICIPATES_IN]->(to:Call)',
  orderBy: NEWEST_CALLS_FIRST,
};
export const SECRETARIAT_CALLS_BY_FUNDER_ID: RelationSpec<'Funder', 'Call'> = {
  name: 'secretariatCallsByFunderId',
  from: 'Funder',
  to: 'Call',
  pattern: '(from)-[:SECRETARIAT_OF]->(to:Call)',
  orderBy: NEWEST_CALLS_FIRST,
};
export const PROJECTS_BY_FUNDER_ID: RelationSpec<'Funder', 'Project'> = {
  name: 'projectsByFunderId',
  from: 'Funder',
  to: 'Project',
  pattern: '(from)-[:FUNDS]->(to:Project)',
  orderBy: NEWEST_PROJECTS_FIRST,
};

export const PROGRAMME_BY_CALL_ID: RelationSpec<'Call', 'Programme'> = {
  name: 'programmeByCallId',
  from: 'Call',
  to: 'Programme',
  pattern: '(from)-[:PART_OF]->(to:Programme)',
  orderBy: 'to.id',
};
export const SECRETARIAT_BY_CALL_ID: RelationSpec<'Call', 'Funder'> = {
  name: 'secretariatByCallId',
  from: 'Call',
  to: 'Funder',
  pattern: '(from)<-[:SECRETARIAT_OF]-(to:Funder)',
  orderBy: 'to.id',
};
export const FUNDERS_BY_CALL_ID: RelationSpec<'Call', 'Funder'> = {
  name: 'fundersByCallId',
  from: 'Call',
  to: 'Funder',
  pattern: '(from)<-[:PARTICIPATES_IN]-(to:Funder)',
  orderBy: BY_NAME,
};
export const COUNTRIES_BY_CALL_ID: RelationSpec<'Call', 'Country'> = {
  name: 'countriesByCallId',
  from: 'Call',
  to: 'Country',
  pattern: '(from)<-[:PARTICIPATES_IN]-(to:Country)',
  orderBy: BY_NAME,
};
export const REGIONS_BY_CALL_ID: RelationSpec<'Call', 'Region'> = {
  name: 'regionsByCallId',
  from: 'Call',
  to: 'Region',
  pattern: '(from)<-[:PARTICIPATES_IN]-(to:Region)',
  orderBy: BY_NAME,
};
export const PROJECTS_BY_CALL_ID: RelationSpec<'Call', 'Project'> = {
  name: 'projectsByCallId',
  from: 'Call',
  to: 'Project',
  pattern: '(from)-[:FUNDED]->(to:Project)',
  orderBy: NEWEST_PROJECTS_FIRST,
};
export const GAP_LINKS_BY_CALL_ID = derivedRelation<'Call', 'KnowledgeGap'>({
  name: 'gapLinksByCallId',
  from: 'Call',
  to: 'KnowledgeGap',
  pattern: '(from)-[r:TARGETS]->(to:KnowledgeGap)',
});
