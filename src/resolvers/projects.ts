// Resolvers of Project, Organisation and Partnership, and their list and by-id queries.

import type {
  OrganisationResolvers,
  PartnershipResolvers,
  ProjectResolvers,
  QueryResolvers,
} from '../generated/graphql';
import { listNodes } from '../db/listQuery';
import type { PartnershipModel } from '../db/models';
import * as projects from '../db/projects';
import type { PartnerRole } from '../seed/seedRecords';
import { derivationFilter, loadRequired, relatedLimit } from './arguments';
import { linksFromParent } from './links';
import { RELATION_CAPS } from './relationCaps';

export const projectQueries: Pick<QueryResolvers, 'project' | 'projects' | 'organisation' | 'organisations'> = {
  project: (_, { id }, { loaders }) => loaders.byId('Project').load(id),
  projects: (_, { filter, sort, first, after }, { db, limits }) => {
    if (filter) derivationFilter(filter, 'filter.');
    return listNodes(
      db,
      projects.PROJECTS,
      { filter, sort: { field: sort?.field ?? 'YEAR', direction: sort?.direction ?? 'DESC' }, first, after },
      limits,
    );
  },
  organisation: (_, { id }, { loaders }) => loaders.byId('Organisation').load(id),
  organisations: (_, { filter, sort, first, after }, { db, limits }) =>
    listNodes(
      db,
      projects.ORGANISATIONS,
      { filter, sort: { field: sort?.field ?? 'NAME', direction: sort?.direction ?? 'ASC' }, first, after },
      limits,
    ),
};

function partnership(
  relationship: Record<string, unknown>,
  ends: Pick<PartnershipModel, 'organisationId' | 'projectId' | 'organisation' | 'project'>,
): PartnershipModel {
  return {
    ...ends,
    role: relationship.role as PartnerRole,
    asNamed: Array.isArray(relationship.asNamed) ? (relationship.asNamed as string[]) : [],
  };
}

export const Project: ProjectResolvers = {
  keywords: (project) => project.keywords ?? [],
  unnamedPartners: (project) => project.unnamedPartners ?? [],
  uncertain: (project) => project.uncertain ?? false,
  programme: async (project, _, { loaders }) =>
    (await loaders.related(projects.PROGRAMME_BY_PROJECT_ID, 1).load(project.id))[0] ?? null,
  call: async (project, _, { loaders }) =>
    (await loaders.related(projects.CALL_BY_PROJECT_ID, 1).load(project.id))[0] ?? null,
  funders: (project, _, { loaders }) => loaders.related(projects.FUNDERS_BY_PROJECT_ID, RELATION_CAPS['Project.funders']).load(project.id),
  funderCount: (project, _, { loaders }) => loaders.count(projects.FUNDERS_BY_PROJECT_ID).load(project.id),
  partners: async (project, _, { loaders }) =>
    (await loaders.withRelationship(projects.PARTNERS_BY_PROJECT_ID, RELATION_CAPS['Project.partners']).load(project.id)).map((row) =>
      partnership(row.relationship, {
        organisationId: row.node.id,
        organisation: row.node,
        projectId: project.id,
        project,
      }),
    ),
  partnerCount: (project, _, { loaders }) => loaders.count(projects.PARTNERS_BY_PROJECT_ID).load(project.id),
  countries: (project, _, { loaders }) => loaders.related(projects.COUNTRIES_BY_PROJECT_ID, RELATION_CAPS['Project.countries']).load(project.id),
  countryCount: (project, _, { loaders }) => loaders.count(projects.COUNTRIES_BY_PROJECT_ID).load(project.id),
  objectives: async (project, args, { loaders }) =>
    linksFromParent(
      project,
      await loaders.derived(projects.OBJECTIVE_LINKS_BY_PROJECT_ID, derivationFilter(args), RELATION_CAPS['Project.objectives']).load(project.id),
    ),
  stages: async (project, args, { loaders }) =>
    linksFromParent(
      project,
      await loaders.derived(projects.STAGE_LINKS_BY_PROJECT_ID, derivationFilter(args), RELATION_CAPS['Project.stages']).load(project.id),
    ),
  gaps: async (project, args, { loaders }) =>
    linksFromParent(project, await loaders.derived(projects.GAP_LINKS_BY_PROJECT_ID, derivationFilter(args), RELATION_CAPS['Project.gaps']).load(project.id)),
};

export const Organisation: OrganisationResolvers = {
  aliases: (organisation) => organisation.aliases ?? [],
  // countryCode is kept in step with LOCATED_IN (see Funder.country).
  country: (organisation, _, context) => loadRequired(context, 'Country', organisation.countryCode),
  projects: (organisation, { first }, { loaders }) =>
    loaders.related(projects.PROJECTS_BY_ORGANISATION_ID, relatedLimit(first)).load(organisation.id),
  partnerships: async (organisation, _, { loaders }) =>
    (await loaders.withRelationship(projects.PROJECTS_BY_ORGANISATION_ID, RELATION_CAPS['Organisation.partnerships']).load(organisation.id)).map((row) =>
      partnership(row.relationship, {
        organisationId: organisation.id,
        organisation,
        projectId: row.node.id,
        project: row.node,
      }),
    ),
  projectCount: (organisation, _, { loaders }) =>
    loaders.count(projects.PROJECTS_BY_ORGANISATION_ID).load(organisation.id),
};

export const Partnership: PartnershipResolvers = {
  organisation: (link, _, context) => link.organisation ?? loadRequired(context, 'Organisation', link.organisationId),
  project: (link, _, context) => link.project ?? loadRequired(context, 'Project', link.projectId),
};
