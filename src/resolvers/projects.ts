// Resolvers of Project, Organisation and Partnership, and their list and by-id queries.

import type {
  OrganisationResolvers,
  PartnershipResolvers,
  ProjectResolvers,
  QueryResolvers,
} from '../generated/graphql';
import type { PartnershipModel } from '../db/models';
import * as projects from '../db/projects';
import { derivationFilter, relatedLimit, subjectList } from './arguments';
import { organisationFilter, projectFilter } from './listFilters';
import { coordinatesOf } from './coordinates';
import { entityByIdOrIdentifier, knownDatasets } from './datasets';
import { loadRequired } from './loadRequired';
import { projectDiseaseAreas } from './diseaseAreas';
import { linksFromParent } from './links';
import { listPage, plannedOr, plannedThen } from './planning/planned';
import { entityByIdOrAcronym } from './rootLookup';
import { RELATION_CAPS, TO_ONE } from './relationCaps';
import { checkFilterIds, LIST_ID_FIELDS } from './validateIds';

export const projectQueries: Pick<QueryResolvers, 'project' | 'projects' | 'organisation' | 'organisations'> =
  {
    project: (_, args, context, info) => entityByIdOrAcronym(context, info, 'Project', args),
    projects: async (_, { filter, sort, first, after }, context, info) => {
      if (filter) derivationFilter(filter, 'filter.');
      const checked = filter
        ? { ...filter, subjects: subjectList(filter.subjects, 'filter.subjects') }
        : filter;
      return listPage(context, info, projects.PROJECTS, {
        filter: await checkFilterIds(context.db, projectFilter(checked), LIST_ID_FIELDS.projects),
        sort: { field: sort?.field ?? 'YEAR', direction: sort?.direction ?? 'DESC' },
        first,
        after,
      });
    },
    organisation: (_, args, context, info) =>
      entityByIdOrIdentifier(context, info, 'Organisation', args, ['id', 'ror', 'pic']),
    organisations: async (_, { filter, sort, first, after }, context, info) =>
      listPage(context, info, projects.ORGANISATIONS, {
        filter: await checkFilterIds(context.db, organisationFilter(filter), LIST_ID_FIELDS.organisations),
        sort: { field: sort?.field ?? 'NAME', direction: sort?.direction ?? 'ASC' },
        first,
        after,
      }),
  };

function partnership(
  relationship: Record<string, unknown>,
  ends: Pick<PartnershipModel, 'organisationId' | 'projectId' | 'organisation' | 'project'>,
): PartnershipModel {
  return {
    ...ends,
    role: relationship.role as PartnershipModel['role'],
    asNamed: Array.isArray(relationship.asNamed) ? (relationship.asNamed as string[]) : [],
  };
}

export const Project: ProjectResolvers = {
  keywords: (project) => project.keywords ?? [],
  datasets: (project) => knownDatasets(project.datasets),
  unnamedPartners: (project) => project.unnamedPartners ?? [],
  uncertain: (project) => project.uncertain ?? false,
  programme: (project, _, { loaders }, info) =>
    plannedOr(
      project,
      info,
      async () =>
        (await loaders.related(projects.PROGRAMME_BY_PROJECT_ID, TO_ONE).load(project.id))[0] ?? null,
    ),
  call: (project, _, { loaders }, info) =>
    plannedOr(
      project,
      info,
      async () => (await loaders.related(projects.CALL_BY_PROJECT_ID, TO_ONE).load(project.id))[0] ?? null,
    ),
  funders: (project, _, { loaders }, info) =>
    plannedOr(project, info, () =>
      loaders.related(projects.FUNDERS_BY_PROJECT_ID, RELATION_CAPS['Project.funders']).load(project.id),
    ),
  funderCount: (project, _, { loaders }, info) =>
    plannedOr(project, info, () => loaders.count(projects.FUNDERS_BY_PROJECT_ID).load(project.id)),
  partners: (project, _, { loaders }, info) =>
    plannedThen(
      project,
      info,
      () =>
        loaders
          .withRelationship(projects.PARTNERS_BY_PROJECT_ID, RELATION_CAPS['Project.partners'])
          .load(project.id),
      (rows) =>
        rows.map((row) =>
          partnership(row.relationship, {
            organisationId: row.node.id,
            organisation: row.node,
            projectId: project.id,
            project,
          }),
        ),
    ),
  partnerCount: (project, _, { loaders }, info) =>
    plannedOr(project, info, () => loaders.count(projects.PARTNERS_BY_PROJECT_ID).load(project.id)),
  countries: (project, _, { loaders }, info) =>
    plannedOr(project, info, () =>
      loaders.related(projects.COUNTRIES_BY_PROJECT_ID, RELATION_CAPS['Project.countries']).load(project.id),
    ),
  countryCount: (project, _, { loaders }, info) =>
    plannedOr(project, info, () => loaders.count(projects.COUNTRIES_BY_PROJECT_ID).load(project.id)),
  objectives: async (project, args, { loaders }, info) =>
    linksFromParent(
      project,
      await plannedOr(project, info, () =>
        loaders
          .derived(
            projects.OBJECTIVE_LINKS_BY_PROJECT_ID,
            derivationFilter(args),
            RELATION_CAPS['Project.objectives'],
          )
          .load(project.id),
      ),
    ),
  stages: async (project, args, { loaders }, info) =>
    linksFromParent(
      project,
      await plannedOr(project, info, () =>
        loaders
          .derived(
            projects.STAGE_LINKS_BY_PROJECT_ID,
            derivationFilter(args),
            RELATION_CAPS['Project.stages'],
          )
          .load(project.id),
      ),
    ),
  diseaseAreas: (project, args, context) => projectDiseaseAreas(project, args, context),
  subjects: (project, _, { loaders }) => loaders.subjects.load(project.id),
  outputs: (project, { first }, { loaders }) => loaders.outputs(relatedLimit(first)).load(project.id),
  outputCount: (project, _, { loaders }) => loaders.outputCount.load(project.id),
  topics: (project) => project.topics ?? [],
  scopeRules: (project) => project.scopeRules ?? [],
  scopeEvidence: (project) => project.scopeEvidence ?? [],
  gaps: async (project, args, { loaders }, info) =>
    linksFromParent(
      project,
      await plannedOr(project, info, () =>
        loaders
          .derived(projects.GAP_LINKS_BY_PROJECT_ID, derivationFilter(args), RELATION_CAPS['Project.gaps'])
          .load(project.id),
      ),
    ),
};

export const Organisation: OrganisationResolvers = {
  aliases: (organisation) => organisation.aliases ?? [],
  identifiers: (organisation, _, { loaders }) => loaders.identifiers('Organisation').load(organisation.id),
  datasets: (organisation) => knownDatasets(organisation.datasets),
  possibleDuplicateOf: (organisation) => organisation.possibleDuplicateOf ?? [],
  // countryCode is kept in step with LOCATED_IN (see Funder.country); a planned null (no
  // such country) falls through to loadRequired, which reports it.
  country: (organisation, _, context, info) =>
    plannedThen(
      organisation,
      info,
      () => null,
      (country) => country ?? loadRequired(context, 'Country', organisation.countryCode),
    ),
  coordinates: (organisation, _, context, info) => coordinatesOf('Organisation', organisation, context, info),
  projects: (organisation, { first }, { loaders }, info) =>
    plannedOr(organisation, info, () =>
      loaders.related(projects.PROJECTS_BY_ORGANISATION_ID, relatedLimit(first)).load(organisation.id),
    ),
  partnerships: (organisation, _, { loaders }, info) =>
    plannedThen(
      organisation,
      info,
      () =>
        loaders
          .withRelationship(projects.PROJECTS_BY_ORGANISATION_ID, RELATION_CAPS['Organisation.partnerships'])
          .load(organisation.id),
      (rows) =>
        rows.map((row) =>
          partnership(row.relationship, {
            organisationId: organisation.id,
            organisation,
            projectId: row.node.id,
            project: row.node,
          }),
        ),
    ),
  projectCount: (organisation, _, { loaders }, info) =>
    plannedOr(organisation, info, () =>
      loaders.count(projects.PROJECTS_BY_ORGANISATION_ID).load(organisation.id),
    ),
};

export const Partnership: PartnershipResolvers = {
  organisation: (link, _, context) =>
    link.organisation ?? loadRequired(context, 'Organisation', link.organisationId),
  project: (link, _, context) => link.project ?? loadRequired(context, 'Project', link.projectId),
};
