// Resolvers of Objective, ValueChainStage, SriaArea and KnowledgeGap, and their queries.

import type {
  KnowledgeGapResolvers,
  ObjectiveResolvers,
  QueryResolvers,
  SriaAreaResolvers,
  ValueChainStageResolvers,
} from '../generated/graphql';
import { checkFilterIds, LIST_ID_FIELDS } from './validateIds';
import * as strategy from '../db/strategy';
import { derivationFilter } from './arguments';
import { listPage, plannedOr } from './planning/planned';
import { entityByTypedId } from './rootLookup';
import { gapFilter, objectiveFilter, stageFilter } from './listFilters';
import { linksFromParent, linksToParent } from './links';
import { RELATION_CAPS, TO_ONE } from './relationCaps';

export const strategyQueries: Pick<
  QueryResolvers,
  | 'objective'
  | 'objectives'
  | 'valueChainStage'
  | 'valueChainStages'
  | 'sriaArea'
  | 'sriaAreas'
  | 'knowledgeGap'
  | 'knowledgeGaps'
> = {
  objective: (_, { id }, context, info) => entityByTypedId(context, info, 'Objective', id),
  objectives: async (_, { filter, first, after }, context, info) =>
    listPage(context, info, strategy.OBJECTIVES, {
      filter: await checkFilterIds(context.db, objectiveFilter(filter), LIST_ID_FIELDS.objectives),
      sort: { field: 'ORDER', direction: 'ASC' },
      first,
      after,
    }),
  valueChainStage: (_, { id }, context, info) => entityByTypedId(context, info, 'ValueChainStage', id),
  valueChainStages: async (_, { filter, first, after }, context, info) =>
    listPage(context, info, strategy.VALUE_CHAIN_STAGES, {
      filter: await checkFilterIds(context.db, stageFilter(filter), LIST_ID_FIELDS.valueChainStages),
      sort: { field: 'ORDER', direction: 'ASC' },
      first,
      after,
    }),
  sriaArea: (_, { id }, context, info) => entityByTypedId(context, info, 'SriaArea', id),
  sriaAreas: (_, { first, after }, context, info) =>
    listPage(context, info, strategy.SRIA_AREAS, {
      sort: { field: 'ORDER', direction: 'ASC' },
      first,
      after,
    }),
  knowledgeGap: (_, { id }, context, info) => entityByTypedId(context, info, 'KnowledgeGap', id),
  knowledgeGaps: async (_, { filter, first, after }, context, info) =>
    listPage(context, info, strategy.KNOWLEDGE_GAPS, {
      filter: await checkFilterIds(context.db, gapFilter(filter), LIST_ID_FIELDS.knowledgeGaps),
      sort: { field: 'SHORT_NAME', direction: 'ASC' },
      first,
      after,
    }),
};

export const Objective: ObjectiveResolvers = {
  projects: async (objective, args, { loaders }, info) =>
    linksToParent(
      objective,
      await plannedOr(objective, info, () =>
        loaders
          .derived(
            strategy.PROJECT_LINKS_BY_OBJECTIVE_ID,
            derivationFilter(args),
            RELATION_CAPS['Objective.projects'],
          )
          .load(objective.id),
      ),
    ),
  projectCount: (objective, args, { loaders }, info) =>
    plannedOr(objective, info, () =>
      loaders.count(strategy.PROJECT_LINKS_BY_OBJECTIVE_ID, derivationFilter(args)).load(objective.id),
    ),
  gaps: async (objective, _, { loaders }, info) =>
    linksToParent(
      objective,
      await plannedOr(objective, info, () =>
        loaders
          .derived(strategy.GAP_LINKS_BY_OBJECTIVE_ID, {}, RELATION_CAPS['Objective.gaps'])
          .load(objective.id),
      ),
    ),
};

export const ValueChainStage: ValueChainStageResolvers = {
  namesUsed: (stage) => stage.namesUsed ?? [],
  parent: (stage, _, { loaders }, info) =>
    plannedOr(
      stage,
      info,
      async () => (await loaders.related(strategy.PARENT_BY_STAGE_ID, TO_ONE).load(stage.id))[0] ?? null,
    ),
  children: (stage, _, { loaders }, info) =>
    plannedOr(stage, info, () =>
      loaders
        .related(strategy.CHILDREN_BY_STAGE_ID, RELATION_CAPS['ValueChainStage.children'])
        .load(stage.id),
    ),
  areas: (stage, _, { loaders }, info) =>
    plannedOr(stage, info, () =>
      loaders.related(strategy.AREAS_BY_STAGE_ID, RELATION_CAPS['ValueChainStage.areas']).load(stage.id),
    ),
  projects: async (stage, args, { loaders }, info) =>
    linksToParent(
      stage,
      await plannedOr(stage, info, () =>
        loaders
          .derived(
            strategy.PROJECT_LINKS_BY_STAGE_ID,
            derivationFilter(args),
            RELATION_CAPS['ValueChainStage.projects'],
          )
          .load(stage.id),
      ),
    ),
  projectCount: (stage, args, { loaders }, info) =>
    plannedOr(stage, info, () =>
      loaders.count(strategy.PROJECT_LINKS_BY_STAGE_ID, derivationFilter(args)).load(stage.id),
    ),
  gaps: async (stage, _, { loaders }, info) =>
    linksToParent(
      stage,
      await plannedOr(stage, info, () =>
        loaders
          .derived(strategy.GAP_LINKS_BY_STAGE_ID, {}, RELATION_CAPS['ValueChainStage.gaps'])
          .load(stage.id),
      ),
    ),
};

export const SriaArea: SriaAreaResolvers = {
  stages: (area, _, { loaders }, info) =>
    plannedOr(area, info, () =>
      loaders.related(strategy.STAGES_BY_AREA_ID, RELATION_CAPS['SriaArea.stages']).load(area.id),
    ),
  gaps: async (area, _, { loaders }, info) =>
    linksToParent(
      area,
      await plannedOr(area, info, () =>
        loaders.derived(strategy.GAP_LINKS_BY_AREA_ID, {}, RELATION_CAPS['SriaArea.gaps']).load(area.id),
      ),
    ),
};

export const KnowledgeGap: KnowledgeGapResolvers = {
  namedIn: (gap) => gap.namedIn ?? [],
  areas: async (gap, _, { loaders }, info) =>
    linksFromParent(
      gap,
      await plannedOr(gap, info, () =>
        loaders.derived(strategy.AREA_LINKS_BY_GAP_ID, {}, RELATION_CAPS['KnowledgeGap.areas']).load(gap.id),
      ),
    ),
  stages: async (gap, _, { loaders }, info) =>
    linksFromParent(
      gap,
      await plannedOr(gap, info, () =>
        loaders
          .derived(strategy.STAGE_LINKS_BY_GAP_ID, {}, RELATION_CAPS['KnowledgeGap.stages'])
          .load(gap.id),
      ),
    ),
  objectives: async (gap, _, { loaders }, info) =>
    linksFromParent(
      gap,
      await plannedOr(gap, info, () =>
        loaders
          .derived(strategy.OBJECTIVE_LINKS_BY_GAP_ID, {}, RELATION_CAPS['KnowledgeGap.objectives'])
          .load(gap.id),
      ),
    ),
  calls: async (gap, _, { loaders }, info) =>
    linksToParent(
      gap,
      await plannedOr(gap, info, () =>
        loaders.derived(strategy.CALL_LINKS_BY_GAP_ID, {}, RELATION_CAPS['KnowledgeGap.calls']).load(gap.id),
      ),
    ),
  projects: async (gap, args, { loaders }, info) =>
    linksToParent(
      gap,
      await plannedOr(gap, info, () =>
        loaders
          .derived(
            strategy.PROJECT_LINKS_BY_GAP_ID,
            derivationFilter(args),
            RELATION_CAPS['KnowledgeGap.projects'],
          )
          .load(gap.id),
      ),
    ),
  projectCount: (gap, args, { loaders }, info) =>
    plannedOr(gap, info, () =>
      loaders.count(strategy.PROJECT_LINKS_BY_GAP_ID, derivationFilter(args)).load(gap.id),
    ),
};
