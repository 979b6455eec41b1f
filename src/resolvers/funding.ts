// Resolvers of Programme, Funder and Call, and their list and by-id queries.

import type {
  CallResolvers,
  FunderResolvers,
  ProgrammeResolvers,
  QueryResolvers,
} from '../generated/graphql';
import { checkFilterIds, LIST_ID_FIELDS } from './validateIds';
import * as funding from '../db/funding';
import { derivationFilter, relatedLimit } from './arguments';
import { callFilter, funderFilter } from './listFilters';
import { coordinatesOf } from './coordinates';
import { entityByIdOrIdentifier, knownDatasets } from './datasets';
import { linksFromParent } from './links';
import { listPage, plannedOr } from './planning/planned';
import { entityByTypedId } from './rootLookup';
import { RELATION_CAPS, TO_ONE } from './relationCaps';

export const fundingQueries: Pick<
  QueryResolvers,
  'programme' | 'programmes' | 'funder' | 'funders' | 'call' | 'calls'
> = {
  programme: (_, { id }, context, info) => entityByTypedId(context, info, 'Programme', id),
  programmes: (_, { sort, first, after }, context, info) =>
    listPage(context, info, funding.PROGRAMMES, {
      sort: { field: sort?.field ?? 'START_YEAR', direction: sort?.direction ?? 'ASC' },
      first,
      after,
    }),
  funder: (_, args, context, info) =>
    entityByIdOrIdentifier(context, info, 'Funder', args, ['id', 'acronym', 'ror', 'fundref', 'pic']),
  funders: async (_, { filter, sort, first, after }, context, info) =>
    listPage(context, info, funding.FUNDERS, {
      filter: await checkFilterIds(context.db, funderFilter(filter), LIST_ID_FIELDS.funders),
      sort: { field: sort?.field ?? 'NAME', direction: sort?.direction ?? 'ASC' },
      first,
      after,
    }),
  call: (_, { id }, context, info) => entityByTypedId(context, info, 'Call', id),
  calls: async (_, { filter, sort, first, after }, context, info) =>
    listPage(context, info, funding.CALLS, {
      filter: await checkFilterIds(context.db, callFilter(filter), LIST_ID_FIELDS.calls),
      sort: { field: sort?.field ?? 'YEAR', direction: sort?.direction ?? 'DESC' },
      first,
      after,
    }),
};

export const Programme: ProgrammeResolvers = {
  uncertain: (programme) => programme.uncertain ?? false,
  datasets: (programme) => knownDatasets(programme.datasets),
  calls: (programme, { first }, { loaders }, info) =>
    plannedOr(programme, info, () =>
      loaders.related(funding.CALLS_BY_PROGRAMME_ID, relatedLimit(first)).load(programme.id),
    ),
  callCount: (programme, _, { loaders }, info) =>
    plannedOr(programme, info, () => loaders.count(funding.CALLS_BY_PROGRAMME_ID).load(programme.id)),
  funders: (programme, { first }, { loaders }, info) =>
    plannedOr(programme, info, () =>
      loaders.related(funding.FUNDERS_BY_PROGRAMME_ID, relatedLimit(first)).load(programme.id),
    ),
  funderCount: (programme, _, { loaders }, info) =>
    plannedOr(programme, info, () => loaders.count(funding.FUNDERS_BY_PROGRAMME_ID).load(programme.id)),
  projects: (programme, { first }, { loaders }, info) =>
    plannedOr(programme, info, () =>
      loaders.related(funding.PROJECTS_BY_PROGRAMME_ID, relatedLimit(first)).load(programme.id),
    ),
  projectCount: (programme, _, { loaders }, info) =>
    plannedOr(programme, info, () => loaders.count(funding.PROJECTS_BY_PROGRAMME_ID).load(programme.id)),
};

export const Funder: FunderResolvers = {
  roles: (funder) => funder.roles ?? [],
  identifiers: (funder, _, { loaders }) => loaders.identifiers('Funder').load(funder.id),
  datasets: (funder) => knownDatasets(funder.datasets),
  uncertain: (funder) => funder.uncertain ?? false,
  // countryCode is kept in step with BASED_IN by every writer; reading the Country by its
  // id (the code) lets funders and organisations share one batch of countries.
  country: (funder, _, { loaders }, info) =>
    plannedOr(funder, info, () =>
      funder.countryCode ? loaders.byId('Country').load(funder.countryCode) : null,
    ),
  coordinates: (funder, _, context, info) => coordinatesOf('Funder', funder, context, info),
  region: (funder, _, { loaders }, info) =>
    plannedOr(
      funder,
      info,
      async () => (await loaders.related(funding.REGION_BY_FUNDER_ID, TO_ONE).load(funder.id))[0] ?? null,
    ),
  programmes: (funder, _, { loaders }, info) =>
    plannedOr(funder, info, () =>
      loaders.related(funding.PROGRAMMES_BY_FUNDER_ID, RELATION_CAPS['Funder.programmes']).load(funder.id),
    ),
  calls: (funder, { first }, { loaders }, info) =>
    plannedOr(funder, info, () =>
      loaders.related(funding.CALLS_BY_FUNDER_ID, relatedLimit(first)).load(funder.id),
    ),
  callCount: (funder, _, { loaders }, info) =>
    plannedOr(funder, info, () => loaders.count(funding.CALLS_BY_FUNDER_ID).load(funder.id)),
  secretariatOf: (funder, _, { loaders }, info) =>
    plannedOr(funder, info, () =>
      loaders
        .related(funding.SECRETARIAT_CALLS_BY_FUNDER_ID, RELATION_CAPS['Funder.secretariatOf'])
        .load(funder.id),
    ),
  projects: (funder, { first }, { loaders }, info) =>
    plannedOr(funder, info, () =>
      loaders.related(funding.PROJECTS_BY_FUNDER_ID, relatedLimit(first)).load(funder.id),
    ),
  projectCount: (funder, _, { loaders }, info) =>
    plannedOr(funder, info, () => loaders.count(funding.PROJECTS_BY_FUNDER_ID).load(funder.id)),
};

export const Call: CallResolvers = {
  uncertain: (call) => call.uncertain ?? false,
  datasets: (call) => knownDatasets(call.datasets),
  programme: (call, _, { loaders }, info) =>
    plannedOr(
      call,
      info,
      async () => (await loaders.related(funding.PROGRAMME_BY_CALL_ID, TO_ONE).load(call.id))[0] ?? null,
    ),
  secretariat: (call, _, { loaders }, info) =>
    plannedOr(
      call,
      info,
      async () => (await loaders.related(funding.SECRETARIAT_BY_CALL_ID, TO_ONE).load(call.id))[0] ?? null,
    ),
  funders: (call, { first }, { loaders }, info) =>
    plannedOr(call, info, () =>
      loaders.related(funding.FUNDERS_BY_CALL_ID, relatedLimit(first)).load(call.id),
    ),
  funderCount: (call, _, { loaders }, info) =>
    plannedOr(call, info, () => loaders.count(funding.FUNDERS_BY_CALL_ID).load(call.id)),
  participatingCountries: (call, _, { loaders }, info) =>
    plannedOr(call, info, () =>
      loaders
        .related(funding.COUNTRIES_BY_CALL_ID, RELATION_CAPS['Call.participatingCountries'])
        .load(call.id),
    ),
  participatingRegions: (call, _, { loaders }, info) =>
    plannedOr(call, info, () =>
      loaders.related(funding.REGIONS_BY_CALL_ID, RELATION_CAPS['Call.participatingRegions']).load(call.id),
    ),
  projects: (call, { first }, { loaders }, info) =>
    plannedOr(call, info, () =>
      loaders.related(funding.PROJECTS_BY_CALL_ID, relatedLimit(first)).load(call.id),
    ),
  projectCount: (call, _, { loaders }, info) =>
    plannedOr(call, info, () => loaders.count(funding.PROJECTS_BY_CALL_ID).load(call.id)),
  gaps: async (call, args, { loaders }, info) =>
    linksFromParent(
      call,
      await plannedOr(call, info, () =>
        loaders
          .derived(funding.GAP_LINKS_BY_CALL_ID, derivationFilter(args), RELATION_CAPS['Call.gaps'])
          .load(call.id),
      ),
    ),
};
