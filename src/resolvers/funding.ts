// Resolvers of Programme, Funder and Call, and their list and by-id queries.

import type { CallResolvers, FunderResolvers, ProgrammeResolvers, QueryResolvers } from '../generated/graphql';
import { listNodes } from '../db/listQuery';
import * as funding from '../db/funding';
import { derivationFilter, relatedLimit } from './arguments';
import { linksFromParent } from './links';
import { RELATION_CAPS } from './relationCaps';

export const fundingQueries: Pick<
  QueryResolvers,
  'programme' | 'programmes' | 'funder' | 'funders' | 'call' | 'calls'
> = {
  programme: (_, { id }, { loaders }) => loaders.byId('Programme').load(id),
  programmes: (_, { sort, first, after }, { db, limits }) =>
    listNodes(
      db,
      funding.PROGRAMMES,
      { sort: { field: sort?.field ?? 'START_YEAR', direction: sort?.direction ?? 'ASC' }, first, after },
      limits,
    ),
  funder: (_, { id }, { loaders }) => loaders.byId('Funder').load(id),
  funders: (_, { filter, sort, first, after }, { db, limits }) =>
    listNodes(
      db,
      funding.FUNDERS,
      { filter, sort: { field: sort?.field ?? 'NAME', direction: sort?.direction ?? 'ASC' }, first, after },
      limits,
    ),
  call: (_, { id }, { loaders }) => loaders.byId('Call').load(id),
  calls: (_, { filter, sort, first, after }, { db, limits }) =>
    listNodes(
      db,
      funding.CALLS,
      { filter, sort: { field: sort?.field ?? 'YEAR', direction: sort?.direction ?? 'DESC' }, first, after },
      limits,
    ),
};

export const Programme: ProgrammeResolvers = {
  uncertain: (programme) => programme.uncertain ?? false,
  calls: (programme, { first }, { loaders }) =>
    loaders.related(funding.CALLS_BY_PROGRAMME_ID, relatedLimit(first)).load(programme.id),
  callCount: (programme, _, { loaders }) => loaders.count(funding.CALLS_BY_PROGRAMME_ID).load(programme.id),
  funders: (programme, { first }, { loaders }) =>
    loaders.related(funding.FUNDERS_BY_PROGRAMME_ID, relatedLimit(first)).load(programme.id),
  funderCount: (programme, _, { loaders }) => loaders.count(funding.FUNDERS_BY_PROGRAMME_ID).load(programme.id),
  projects: (programme, { first }, { loaders }) =>
    loaders.related(funding.PROJECTS_BY_PROGRAMME_ID, relatedLimit(first)).load(programme.id),
  projectCount: (programme, _, { loaders }) => loaders.count(funding.PROJECTS_BY_PROGRAMME_ID).load(programme.id),
};

export const Funder: FunderResolvers = {
  roles: (funder) => funder.roles ?? [],
  uncertain: (funder) => funder.uncertain ?? false,
  // countryCode is kept in step with BASED_IN by every writer; reading the Country by its
  // id (the code) lets funders and organisations share one batch of countries.
  country: (funder, _, { loaders }) => (funder.countryCode ? loaders.byId('Country').load(funder.countryCode) : null),
  region: async (funder, _, { loaders }) =>
    (await loaders.related(funding.REGION_BY_FUNDER_ID, 1).load(funder.id))[0] ?? null,
  programmes: (funder, _, { loaders }) => loaders.related(funding.PROGRAMMES_BY_FUNDER_ID, RELATION_CAPS['Funder.programmes']).load(funder.id),
  calls: (funder, { first }, { loaders }) =>
    loaders.related(funding.CALLS_BY_FUNDER_ID, relatedLimit(first)).load(funder.id),
  callCount: (funder, _, { loaders }) => loaders.count(funding.CALLS_BY_FUNDER_ID).load(funder.id),
  secretariatOf: (funder, _, { loaders }) =>
    loaders.related(funding.SECRETARIAT_CALLS_BY_FUNDER_ID, RELATION_CAPS['Funder.secretariatOf']).load(funder.id),
  projects: (funder, { first }, { loaders }) =>
    loaders.related(funding.PROJECTS_BY_FUNDER_ID, relatedLimit(first)).load(funder.id),
  projectCount: (funder, _, { loaders }) => loaders.count(funding.PROJECTS_BY_FUNDER_ID).load(funder.id),
};

export const Call: CallResolvers = {
  uncertain: (call) => call.uncertain ?? false,
  programme: async (call, _, { loaders }) =>
    (await loaders.related(funding.PROGRAMME_BY_CALL_ID, 1).load(call.id))[0] ?? null,
  secretariat: async (call, _, { loaders }) =>
    (await loaders.related(funding.SECRETARIAT_BY_CALL_ID, 1).load(call.id))[0] ?? null,
  funders: (call, { first }, { loaders }) =>
    loaders.related(funding.FUNDERS_BY_CALL_ID, relatedLimit(first)).load(call.id),
  funderCount: (call, _, { loaders }) => loaders.count(funding.FUNDERS_BY_CALL_ID).load(call.id),
  participatingCountries: (call, _, { loaders }) => loaders.related(funding.COUNTRIES_BY_CALL_ID, RELATION_CAPS['Call.participatingCountries']).load(call.id),
  participatingRegions: (call, _, { loaders }) => loaders.related(funding.REGIONS_BY_CALL_ID, RELATION_CAPS['Call.participatingRegions']).load(call.id),
  projects: (call, { first }, { loaders }) =>
    loaders.related(funding.PROJECTS_BY_CALL_ID, relatedLimit(first)).load(call.id),
  projectCount: (call, _, { loaders }) => loaders.count(funding.PROJECTS_BY_CALL_ID).load(call.id),
  gaps: async (call, args, { loaders }) =>
    linksFromParent(call, await loaders.derived(funding.GAP_LINKS_BY_CALL_ID, derivationFilter(args), RELATION_CAPS['Call.gaps']).load(call.id)),
};
