// Cypher of countries and regions: list plans and the relation specs of their fields.

import { TEXT_MATCHES, type ListSpec } from './listQuery';
import { BY_NAME, NEWEST_CALLS_FIRST, NEWEST_PROJECTS_FIRST, type RelationSpec } from './relations';

/** Which countries a list holds: fields combine with AND, values of a list with OR; absent or null: any. */
export interface CountryListFilter {
  /** ISO 3166-1 alpha-2 codes (any case). */
  codes?: readonly string[] | null;
  continents?: readonly string[] | null;
  calls?: readonly string[] | null;
  /** Whether a funder is based in the country. */
  hasFunders?: boolean | null;
  text?: string | null;
}

/** Which regions a list holds. */
export interface RegionListFilter {
  /** Codes of the regions' countries (any case). */
  countries?: readonly string[] | null;
  text?: string | null;
}

export const COUNTRIES: ListSpec<'Country', CountryListFilter, 'NAME' | 'CODE'> = {
  name: 'countries',
  label: 'Country',
  countryCodeFields: ['codes'],
  filters: {
    codes: 'n.code IN $codes',
    continents: 'n.continent IN $continents',
    calls: 'EXISTS { MATCH (n)-[:PARTICIPATES_IN]->(c:Call) WHERE c.id IN $calls }',
    hasFunders: 'EXISTS { MATCH (n)<-[:BASED_IN]-(:Funder) } = $hasFunders',
    text: TEXT_MATCHES,
  },
  sorts: {
    NAME: { expression: 'toLower(n.name)', type: 'string' },
    CODE: { expression: 'n.code', type: 'string' },
  },
};

export const REGIONS: ListSpec<'Region', RegionListFilter, 'NAME'> = {
  name: 'regions',
  label: 'Region',
  countryCodeFields: ['countries'],
  filters: {
    countries: 'n.countryCode IN $countries',
    text: TEXT_MATCHES,
  },
  sorts: { NAME: { expression: 'toLower(n.name)', type: 'string' } },
};

export const FUNDERS_BY_COUNTRY_ID: RelationSpec<'Country', 'Funder'> = {
  name: 'fundersByCountryId',
  from: 'Country',
  to: 'Funder',
  pattern: '(from)<-[:BASED_IN]-(to:Funder)',
  orderBy: BY_NAME,
};
export const REGIONS_BY_COUNTRY_ID: RelationSpec<'Country', 'Region'> = {
  name: 'regionsByCountryId',
  from: 'Country',
  to: 'Region',
  pattern: '(from)<-[:PART_OF]-(to:Region)',
  orderBy: BY_NAME,
};
export const ORGANISATIONS_BY_COUNTRY_ID: RelationSpec<'Country', 'Organisation'> = {
  name: 'organisationsByCountryId',
  from: 'Country',
  to: 'Organisation',
  pattern: '(from)<-[:LOCATED_IN]-(to:Organisation)',
  orderBy: BY_NAME,
};
export const PROJECTS_BY_COUNTRY_ID: RelationSpec<'Country', 'Project'> = {
  name: 'projectsByCountryId',
  from: 'Country',
  to: 'Project',
  pattern: '(from)<-[:HAS_PARTNER_IN]-(to:Project)',
  orderBy: NEWEST_PROJECTS_FIRST,
};
export const CALLS_BY_COUNTRY_ID: RelationSpec<'Country', 'Call'> = {
  name: 'callsByCountryId',
  from: 'Country',
  to: 'Call',
  pattern: '(from)-[:PARTICIPATES_IN]->(to:Call)',
  orderBy: NEWEST_CALLS_FIRST,
};

export const COUNTRY_BY_REGION_ID: RelationSpec<'Region', 'Country'> = {
  name: 'countryByRegionId',
  from: 'Region',
  to: 'Country',
  pattern: '(from)-[:PART_OF]->(to:Country)',
  orderBy: 'to.id',
};
export const FUNDERS_BY_REGION_ID: RelationSpec<'Region', 'Funder'> = {
  name: 'fundersByRegionId',
  from: 'Region',
  to: 'Funder',
  pattern: '(from)<-[:BASED_IN]-(to:Funder)',
  orderBy: BY_NAME,
};
export const CALLS_BY_REGION_ID: RelationSpec<'Region', 'Call'> = {
  name: 'callsByRegionId',
  from: 'Region',
  to: 'Call',
  pattern: '(from)-[:PARTICIPATES_IN]->(to:Call)',
  orderBy: NEWEST_CALLS_FIRST,
};
