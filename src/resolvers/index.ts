// The resolver map: one module per area, merged here for Apollo Server.

import type { Resolvers } from '../generated/graphql';
import { Call, Funder, fundingQueries, Programme } from './funding';
import { Dataset, datasetQueries, Identifier, Stats } from './datasets';
import { DiseaseArea, diseaseAreaQueries, ProjectDiseaseArea } from './diseaseAreas';
import { AuditEvent, curationMutations, curationQueries } from './curation';
import { Country, geographyQueries, Region } from './geography';
import { gapQueries, gapTypeResolvers } from './gaps';
import { linkResolvers } from './links';
import { networkQueries, networkTypeResolvers } from './networks';
import { Organisation, Partnership, Project, projectQueries } from './projects';
import { searchQueries, searchTypeResolvers } from './search';
import { KnowledgeGap, Objective, SriaArea, strategyQueries, ValueChainStage } from './strategy';

export const resolvers: Resolvers = {
  Query: {
    ...fundingQueries,
    ...geographyQueries,
    ...projectQueries,
    ...strategyQueries,
    ...searchQueries,
    ...networkQueries,
    ...gapQueries,
    ...curationQueries,
    ...diseaseAreaQueries,
    ...datasetQueries,
  },
  Mutation: curationMutations,
  AuditEvent,
  Programme,
  Funder,
  Call,
  Country,
  Region,
  Project,
  Organisation,
  Partnership,
  Objective,
  ValueChainStage,
  SriaArea,
  KnowledgeGap,
  DiseaseArea,
  ProjectDiseaseArea,
  Dataset,
  Identifier,
  Stats,
  ...linkResolvers,
  ...searchTypeResolvers,
  ...networkTypeResolvers,
  ...gapTypeResolvers,
};
