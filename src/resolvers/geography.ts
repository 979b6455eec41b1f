// Resolvers of Country and Region, and their list and by-id queries.

import type { CountryResolvers, QueryResolvers, RegionResolvers } from '../generated/graphql';
import { checkFilterIds, LIST_ID_FIELDS } from './validateIds';
import * as geography from '../db/geography';
import { relatedLimit } from './arguments';
import { countryFilter, regionFilter } from './listFilters';
import { loadRequired } from './loadRequired';
import { listPage, plannedOr } from './planning/planned';
import { entityByTypedId } from './rootLookup';
import { RELATION_CAPS, TO_ONE } from './relationCaps';

export const geographyQueries: Pick<QueryResolvers, 'country' | 'countries' | 'region' | 'regions'> = {
  // Codes are stored upper case; accept "de" as well as "DE".
  country: (_, { code }, context, info) =>
    entityByTypedId(context, info, 'Country', code.trim().toUpperCase(), 'code', code),
  countries: async (_, { filter, sort, first, after }, context, info) =>
    listPage(context, info, geography.COUNTRIES, {
      filter: await checkFilterIds(context.db, countryFilter(filter), LIST_ID_FIELDS.countries),
      sort: { field: sort?.field ?? 'NAME', direction: sort?.direction ?? 'ASC' },
      first,
      after,
    }),
  region: (_, { id }, context, info) => entityByTypedId(context, info, 'Region', id),
  regions: async (_, { filter, first, after }, context, info) =>
    listPage(context, info, geography.REGIONS, {
      filter: await checkFilterIds(context.db, regionFilter(filter), LIST_ID_FIELDS.regions),
      sort: { field: 'NAME', direction: 'ASC' },
      first,
      after,
    }),
};

export const Country: CountryResolvers = {
  funders: (country, { first }, { loaders }, info) =>
    plannedOr(country, info, () =>
      loaders.related(geography.FUNDERS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
    ),
  funderCount: (country, _, { loaders }, info) =>
    plannedOr(country, info, () => loaders.count(geography.FUNDERS_BY_COUNTRY_ID).load(country.id)),
  regions: (country, _, { loaders }, info) =>
    plannedOr(country, info, () =>
      loaders.related(geography.REGIONS_BY_COUNTRY_ID, RELATION_CAPS['Country.regions']).load(country.id),
    ),
  organisations: (country, { first }, { loaders }, info) =>
    plannedOr(country, info, () =>
      loaders.related(geography.ORGANISATIONS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
    ),
  organisationCount: (country, _, { loaders }, info) =>
    plannedOr(country, info, () => loaders.count(geography.ORGANISATIONS_BY_COUNTRY_ID).load(country.id)),
  projects: (country, { first }, { loaders }, info) =>
    plannedOr(country, info, () =>
      loaders.related(geography.PROJECTS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
    ),
  projectCount: (country, _, { loaders }, info) =>
    plannedOr(country, info, () => loaders.count(geography.PROJECTS_BY_COUNTRY_ID).load(country.id)),
  calls: (country, { first }, { loaders }, info) =>
    plannedOr(country, info, () =>
      loaders.related(geography.CALLS_BY_COUNTRY_ID, relatedLimit(first)).load(country.id),
    ),
  callCount: (country, _, { loaders }, info) =>
    plannedOr(country, info, () => loaders.count(geography.CALLS_BY_COUNTRY_ID).load(country.id)),
};

export const Region: RegionResolvers = {
  country: async (region, _, context, info) =>
    (await plannedOr(
      region,
      info,
      async () =>
        (await context.loaders.related(geography.COUNTRY_BY_REGION_ID, TO_ONE).load(region.id))[0] ?? null,
    )) ?? loadRequired(context, 'Country', region.countryCode),
  funders: (region, _, { loaders }, info) =>
    plannedOr(region, info, () =>
      loaders.related(geography.FUNDERS_BY_REGION_ID, RELATION_CAPS['Region.funders']).load(region.id),
    ),
  calls: (region, _, { loaders }, info) =>
    plannedOr(region, info, () =>
      loaders.related(geography.CALLS_BY_REGION_ID, RELATION_CAPS['Region.calls']).load(region.id),
    ),
};
