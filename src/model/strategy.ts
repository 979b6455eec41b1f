// The strategy taxonomy: ICPerMed objectives, value-chain stages, SRIA areas and knowledge gaps,
// compiled from the programmes' documents (seeds only; the graph stores them as read).

import { boolean, id, integer, number, oneOf, text, type NodeOf, type RecordOf } from './fields';
import { SRIA_AREA_KINDS, STAGE_LEVELS } from './kinds';
import { NOTES, SOURCES } from './sourced';

export const OBJECTIVE_FIELDS = [
  id('id', 'Stable id, e.g. obj-01.', { required: true }),
  integer('order', { min: 1 }, 'Position in the published list.', { required: true }),
  text('shortName', 'Short name.', { required: true }),
  text('description', 'The objective as published.', { required: true }),
  boolean('textVerified', 'true when the text was checked against the source.', { required: true }),
  SOURCES,
] as const;
export type ObjectiveRecord = RecordOf<typeof OBJECTIVE_FIELDS>;
export type ObjectiveProperties = NodeOf<typeof OBJECTIVE_FIELDS>;

export const VALUE_CHAIN_STAGE_FIELDS = [
  id('id', 'Stable id, e.g. vc-basic-research.', { required: true }),
  text('name', 'Name of the stage.', { required: true }),
  number(
    'order',
    { min: 0, max: 100 },
    'Position along the continuum (1, 1.1, 1.2, 2, ...); null for the cross-cutting group.',
  ),
  oneOf('level', STAGE_LEVELS, 'MACRO, SUB or CROSS_CUTTING.', { required: true }),
  id('parentId', 'The stage a SUB stage belongs to.', {
    ref: 'ValueChainStage',
    relation: { type: 'PART_OF', other: 'ValueChainStage', direction: 'out' },
  }),
  text('description', 'What the stage covers.', { required: true }),
  text('namesUsed', 'Labels other documents use for this stage, with who uses them: "label (by)".', {
    list: true,
  }),
  boolean('inferred', "true when the stage is the compiler's grouping rather than a named continuum step.", {
    required: true,
  }),
  text('inferenceNote', 'Why the grouping was inferred.'),
  SOURCES,
] as const;
export type ValueChainStageRecord = RecordOf<typeof VALUE_CHAIN_STAGE_FIELDS>;
export type ValueChainStageProperties = NodeOf<typeof VALUE_CHAIN_STAGE_FIELDS>;

export const SRIA_AREA_FIELDS = [
  id('id', 'Stable id of the SRIA area.', { required: true }),
  integer('order', { min: 1 }, 'Position in the SRIA.', { required: true }),
  text('name', 'Name of the area.', { required: true }),
  oneOf('kind', SRIA_AREA_KINDS, 'MAIN_AREA or OVERARCHING.', { required: true }),
  text('description', 'What the area covers.', { required: true }),
  id('stageIds', 'Value-chain stages the area covers.', {
    list: true,
    unique: true,
    ref: 'ValueChainStage',
    relation: { type: 'COVERS', other: 'ValueChainStage', direction: 'out' },
  }),
  SOURCES,
] as const;
export type SriaAreaRecord = RecordOf<typeof SRIA_AREA_FIELDS>;
export type SriaAreaProperties = NodeOf<typeof SRIA_AREA_FIELDS>;

export const KNOWLEDGE_GAP_FIELDS = [
  id('id', 'Stable id of the gap.', { required: true }),
  text('shortName', 'Short name.', { required: true }),
  text('description', 'The need as expressed.', { required: true }),
  text('namedIn', 'Documents in which the need is expressed (paraphrased names).', { list: true }),
  boolean('inferred', 'true when the gap is deduced from a call topic rather than stated as a gap.', {
    required: true,
  }),
  NOTES,
  SOURCES,
] as const;
export type KnowledgeGapRecord = RecordOf<typeof KNOWLEDGE_GAP_FIELDS>;
export type KnowledgeGapProperties = NodeOf<typeof KNOWLEDGE_GAP_FIELDS>;
