// Cypher of the strategy area: objectives, value-chain stages, SRIA areas and knowledge
// gaps, with the derived links between them and to projects and calls.

import { TEXT_MATCHES, type ListSpec } from './listQuery';
import type { ValueChainStageNode } from './models';
import { derivedRelation, type RelationSpec } from './relations';

/** Which objectives a list holds: fields combine with AND, values of a list with OR; absent or null: any. */
export interface ObjectiveListFilter {
  /** Objectives one of these gaps serves. */
  gaps?: readonly string[] | null;
  text?: string | null;
}

/** Which value-chain stages a list holds. */
export interface StageListFilter {
  levels?: ReadonlyArray<ValueChainStageNode['level']> | null;
  /** Stages part of one of these stages. */
  parents?: readonly string[] | null;
  /** Stages one of these SRIA areas covers. */
  areas?: readonly string[] | null;
  text?: string | null;
}

/** Which knowledge gaps a list holds. */
export interface GapListFilter {
  ids?: readonly string[] | null;
  areas?: readonly string[] | null;
  stages?: readonly string[] | null;
  objectives?: readonly string[] | null;
  /** Gaps one of these calls targets. */
  calls?: readonly string[] | null;
  text?: string | null;
}

export const OBJECTIVES: ListSpec<'Objective', ObjectiveListFilter, 'ORDER'> = {
  name: 'objectives',
  label: 'Objective',
  filters: {
    gaps: 'EXISTS { MATCH (n)<-[:SERVES]-(g:KnowledgeGap) WHERE g.id IN $gaps }',
    text: TEXT_MATCHES,
  },
  sorts: { ORDER: { expression: 'n.order', type: 'number' } },
};

export const VALUE_CHAIN_STAGES: ListSpec<'ValueChainStage', StageListFilter, 'ORDER'> = {
  name: 'valueChainStages',
  label: 'ValueChainStage',
  filters: {
    levels: 'n.level IN $levels',
    parents: 'EXISTS { MATCH (n)-[:PART_OF]->(p:ValueChainStage) WHERE p.id IN $parents }',
    areas: 'EXISTS { MATCH (n)<-[:COVERS]-(a:SriaArea) WHERE a.id IN $areas }',
    text: TEXT_MATCHES,
  },
  // The cross-cutting group has no order and comes last.
  sorts: { ORDER: { expression: 'n.order', type: 'number' } },
};

export const SRIA_AREAS: ListSpec<'SriaArea', Record<string, never>, 'ORDER'> = {
  name: 'sriaAreas',
  label: 'SriaArea',
  filters: {},
  sorts: { ORDER: { expression: 'n.order', type: 'number' } },
};

export const KNOWLEDGE_GAPS: ListSpec<'KnowledgeGap', GapListFilter, 'SHORT_NAME'> = {
  name: 'knowledgeGaps',
  label: 'KnowledgeGap',
  filters: {
    ids: 'n.id IN $ids',
    areas: 'EXISTS { MATCH (n)-[:IN_AREA]->(a:SriaArea) WHERE a.id IN $areas }',
    stages: 'EXISTS { MATCH (n)-[:AT_STAGE]->(s:ValueChainStage) WHERE s.id IN $stages }',
    objectives: 'EXISTS { MATCH (n)-[:SERVES]->(o:Objective) WHERE o.id IN $objectives }',
    calls: 'EXISTS { MATCH (n)<-[:TARGETS]-(c:Call) WHERE c.id IN $calls }',
    text: TEXT_MATCHES,
  },
  sorts: { SHORT_NAME: { expression: 'toLower(n.shortName)', type: 'string' } },
};

export const PROJECT_LINKS_BY_OBJECTIVE_ID = derivedRelation<'Objective', 'Project'>({
  name: 'projectLinksByObjectiveId',
  from: 'Objective',
  to: 'Project',
  pattern: '(from)<-[r:ADVANCES]-(to:Project)',
});
export const GAP_LINKS_BY_OBJECTIVE_ID = derivedRelation<'Objective', 'KnowledgeGap'>({
  name: 'gapLinksByObjectiveId',
  from: 'Objective',
  to: 'KnowledgeGap',
  pattern: '(from)<-[r:SERVES]-(to:KnowledgeGap)',
});

export const PARENT_BY_STAGE_ID: RelationSpec<'ValueChainStage', 'ValueChainStage'> = {
  name: 'parentByStageId',
  from: 'ValueChainStage',
  to: 'ValueChainStage',
  pattern: '(from)-[:PART_OF]->(to:ValueChainStage)',
  orderBy: 'to.id',
};
export const CHILDREN_BY_STAGE_ID: RelationSpec<'ValueChainStage', 'ValueChainStage'> = {
  name: 'childrenByStageId',
  from: 'ValueChainStage',
  to: 'ValueChainStage',
  pattern: '(from)<-[:PART_OF]-(to:ValueChainStage)',
  orderBy: 'to.order, to.id',
};
export const AREAS_BY_STAGE_ID: RelationSpec<'ValueChainStage', 'SriaArea'> = {
  name: 'areasByStageId',
  from: 'ValueChainStage',
  to: 'SriaArea',
  pattern: '(from)<-[:COVERS]-(to:SriaArea)',
  orderBy: 'to.order, to.id',
};
export const PROJECT_LINKS_BY_STAGE_ID = derivedRelation<'ValueChainStage', 'Project'>({
  name: 'projectLinksByStageId',
  from: 'ValueChainStage',
  to: 'Project',
  pattern: '(from)<-[r:AT_STAGE]-(to:Project)',
});
export const GAP_LINKS_BY_STAGE_ID = derivedRelation<'ValueChainStage', 'KnowledgeGap'>({
  name: 'gapLinksByStageId',
  from: 'ValueChainStage',
  to: 'KnowledgeGap',
  pattern: '(from)<-[r:AT_STAGE]-(to:KnowledgeGap)',
});

export const STAGES_BY_AREA_ID: RelationSpec<'SriaArea', 'ValueChainStage'> = {
  name: 'stagesByAreaId',
  from: 'SriaArea',
  to: 'ValueChainStage',
  pattern: '(from)-[:COVERS]->(to:ValueChainStage)',
  orderBy: 'to.order, to.id',
};
export const GAP_LINKS_BY_AREA_ID = derivedRelation<'SriaArea', 'KnowledgeGap'>({
  name: 'gapLinksByAreaId',
  from: 'SriaArea',
  to: 'KnowledgeGap',
  pattern: '(from)<-[r:IN_AREA]-(to:KnowledgeGap)',
});

export const AREA_LINKS_BY_GAP_ID = derivedRelation<'KnowledgeGap', 'SriaArea'>({
  name: 'areaLinksByGapId',
  from: 'KnowledgeGap',
  to: 'SriaArea',
  pattern: '(from)-[r:IN_AREA]->(to:SriaArea)',
});
export const STAGE_LINKS_BY_GAP_ID = derivedRelation<'KnowledgeGap', 'ValueChainStage'>({
  name: 'stageLinksByGapId',
  from: 'KnowledgeGap',
  to: 'ValueChainStage',
  pattern: '(from)-[r:AT_STAGE]->(to:ValueChainStage)',
});
export const OBJECTIVE_LINKS_BY_GAP_ID = derivedRelation<'KnowledgeGap', 'Objective'>({
  name: 'objectiveLinksByGapId',
  from: 'KnowledgeGap',
  to: 'Objective',
  pattern: '(from)-[r:SERVES]->(to:Objective)',
});
export const CALL_LINKS_BY_GAP_ID = derivedRelation<'KnowledgeGap', 'Call'>({
  name: 'callLinksByGapId',
  from: 'KnowledgeGap',
  to: 'Call',
  pattern: '(from)<-[r:TARGETS]-(to:Call)',
});
export const PROJECT_LINKS_BY_GAP_ID = derivedRelation<'KnowledgeGap', 'Project'>({
  name: 'projectLinksByGapId',
  from: 'KnowledgeGap',
  to: 'Project',
  pattern: '(from)<-[r:ADDRESSES]-(to:Project)',
});
