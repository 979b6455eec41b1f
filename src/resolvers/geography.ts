// Resolvers of Country and Region, and their list and by-id queries.

import type { CountryResolvers, QueryResolvers, RegionResolvers } from '../generated/graphql';
import { listNodes } from '../db/listQuery';
import * as geography from '../db/geography';
import { loadRequired, relatedLimit } from './arguments';
import { RELATION_CAPS } from './relationCaps';

export const geographyQueries: Pick<QueryResolvers, 'country' | 'countries' | 'region' | 'regions'> = {
  // Codes are stored upper case; accept "de" as well as "DE".
  country: (_, { code }, { loaders }) => loaders.byId('Country').load(code.trim().toUpperCase()),
  countries: (_, { filter, sort, first, after }, { db, limits }) =>
    listNodes(
      db,
      geography.COUNTRIES,
      {
        filter,
        sort: { field: sort?.field ?? 'NAME', direction: sort?.direction ?? 'ASC' },
        first,
        after,
      },
      limits,
    ),
  region: (_, { id }, { loaders }) => loaders.byId('Region').load(id),
  regions: (_, { filter, first, after }, { db, limits }) =>
    listNodes(db, geography.REGIONS, { filter, sort: { field: 'NAME', direction: 'ASC' }, first, after }, limits),
};

export const Country: CountryResolvers = {
  funders: (country, { first }, { loaders }) =>
    loaders.related(geography.FUNDERS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
  funderCount: (country, _, { loaders }) => loaders.count(geography.FUNDERS_BY_COUNTRY_ID).load(country.id),
  regions: (country, _, { loaders }) => loaders.related(geography.REGIONS_BY_COUNTRY_ID, RELATION_CAPS['Country.regions']).load(country.id),
  organisations: (country, { first }, { loaders }) =>
    loaders.related(geography.ORGANISATIONS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
  organisationCount: (country, _, { loaders }) => loaders.count(geography.ORGANISATIONS_BY_COUNTRY_ID).load(country.id),
  projects: (country, { first }, { loaders }) =>
    loaders.related(geography.PROJECTS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
  projectCount: (country, _, { loaders }) => loaders.count(geography.PROJECTS_BY_COUNTRY_ID).load(country.id),
  calls: (country, { first }, { loaders }) =>
    loaders.related(geography.CALLS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
  callCount: (country, _, { loaders }) => loaders.count(geography.CALLS_BY_COUNTRY_ID).load(country.id),
};

export const Region: RegionResolvers = {
  country: async (region, _, context) => {
    const [country] = await context.loaders.related(geography.COUNTRY_BY_REGION_ID, 1).load(region.id);
    return country ?? loadRequired(context, 'Country', region.countryCode);
  },
  funders: (region, _, { loaders }) => loaders.related(geography.FUNDERS_BY_REGION_ID, RELATION_CAPS['Region.funders']).load(region.id),
  calls: (region, _, { loaders }) => loaders.related(geography.CALLS_BY_REGION_ID, RELATION_CAPS['Region.calls']).load(region.id),
};
