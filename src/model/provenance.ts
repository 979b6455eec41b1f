// Links that no source states as such: someone or some rule judged them. Their provenance
// (CURATED or INFERRED), the rule that made them, its confidence and the evidence, as the seeds
// hold them, a links import gives them and the graph stores them on the relationship.

import { confidence, id, oneOf, text, type RecordOf } from './fields';

export const PROVENANCES = ['CURATED', 'INFERRED'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const DERIVED_LINK_TYPES = [
  'ADVANCES', // Project -> Objective
  'AT_STAGE', // Project -> ValueChainStage, KnowledgeGap -> ValueChainStage
  'ADDRESSES', // Project -> KnowledgeGap
  'IN_AREA', // KnowledgeGap -> SriaArea
  'SERVES', // KnowledgeGap -> Objective
  'TARGETS', // Call -> KnowledgeGap
] as const;
export type DerivedLinkType = (typeof DERIVED_LINK_TYPES)[number];

export const LINKABLE_LABELS = [
  'Project',
  'Call',
  'KnowledgeGap',
  'Objective',
  'ValueChainStage',
  'SriaArea',
] as const;
export type LinkableLabel = (typeof LINKABLE_LABELS)[number];

/** The project links an import or a curator may make, and the label each one reaches. */
export const PROJECT_LINK_TYPES = {
  ADDRESSES: 'KnowledgeGap',
  AT_STAGE: 'ValueChainStage',
  ADVANCES: 'Objective',
} as const;
export type ProjectLinkType = keyof typeof PROJECT_LINK_TYPES;

/** How a link was judged: the properties every derived relationship carries. */
const DERIVATION_FIELDS = [
  oneOf('provenance', PROVENANCES, 'CURATED (a person read it) or INFERRED (a rule matched).', {
    required: true,
  }),
  text('rule', 'Id of the rule in src/derivation/derivationRules.ts that produced the link.', {
    required: true,
  }),
  confidence('confidence', '0 < confidence <= 1; see the rule for how it is set.', { required: true }),
  text('evidence', 'What the rule matched, in words a reader can check against the source.', {
    required: true,
  }),
] as const;

/** A derived link in seeds/links.json. */
export const DERIVED_LINK_FIELDS = [
  oneOf('fromLabel', LINKABLE_LABELS, 'Label of the start node.', { required: true }),
  id('fromId', 'Id of the start node.', { required: true }),
  oneOf('type', DERIVED_LINK_TYPES, 'The relationship type.', { required: true }),
  oneOf('toLabel', LINKABLE_LABELS, 'Label of the end node.', { required: true }),
  id('toId', 'Id of the end node.', { required: true }),
  ...DERIVATION_FIELDS,
] as const;
/** A link that is not stated as such by a source: someone or some rule judged it. */
export type DerivedLinkRecord = RecordOf<typeof DERIVED_LINK_FIELDS>;

/** (Project)-[:IN_DISEASE_AREA]->(DiseaseArea), derived by a rule of src/derivation/diseaseAreaRule.ts. */
export const DISEASE_AREA_LINK_FIELDS = [
  id('projectId', 'The project.', { required: true, ref: 'Project' }),
  id('diseaseAreaId', 'The disease area (icd10-<code>).', { required: true }),
  ...DERIVATION_FIELDS,
] as const;
export type DiseaseAreaLinkRecord = RecordOf<typeof DISEASE_AREA_LINK_FIELDS>;

/** Columns of a links import file: one curated link from a project per row. */
export const LINK_FIELDS = [
  id('projectId', 'The project (an existing Project id).', { required: true, ref: 'Project' }),
  oneOf(
    'type',
    ['ADDRESSES', 'AT_STAGE', 'ADVANCES'] as const satisfies readonly ProjectLinkType[],
    'ADDRESSES (a knowledge gap), AT_STAGE (a value-chain stage) or ADVANCES (an objective).',
    { required: true },
  ),
  id('targetId', 'Id of the gap, stage or objective (by type).', { required: true }),
  confidence('confidence', 'How sure the curator is, 0 < c <= 1 (default 1).'),
  text('evidence', 'What the link rests on, in words that can be checked against the sources.', {
    required: true,
  }),
] as const;

/**
 * The links the rule book keeps up to date in the graph (src/derivation): by relationship type,
 * the label it starts from and the label it reaches. Their INFERRED links are derived again
 * whenever a write changes what a rule reads; their CURATED links are a person's and stay.
 */
export const INFERRED_LINK_SHAPES = {
  ADDRESSES: { from: 'Project', to: 'KnowledgeGap' },
  AT_STAGE: { from: 'Project', to: 'ValueChainStage' },
  ADVANCES: { from: 'Project', to: 'Objective' },
  IN_DISEASE_AREA: { from: 'Project', to: 'DiseaseArea' },
  TARGETS: { from: 'Call', to: 'KnowledgeGap' },
} as const;
export type InferredLinkType = keyof typeof INFERRED_LINK_SHAPES;
export const INFERRED_LINK_TYPES = Object.keys(INFERRED_LINK_SHAPES) as InferredLinkType[];

/** An INFERRED link of the rule book: its type, its ends' ids and its derivation. */
export interface InferredLink {
  type: InferredLinkType;
  fromId: string;
  toId: string;
  rule: string;
  confidence: number;
  evidence: string;
}

/**
 * What wrote a derived link (the relationship's `origin`): the seed build ("seed"), an import
 * or connector run ("import"), a curation mutation ("curation") or `npm run derive` ("derive").
 */
export const DERIVATION_ORIGINS = ['seed', 'import', 'curation', 'derive'] as const;
export type DerivationOrigin = (typeof DERIVATION_ORIGINS)[number];

/** An INFERRED link as the graph holds it: with the rule book version and the origin that wrote it. */
export interface StoredInferredLink extends InferredLink {
  /** Null for links written before the rule book had versions. */
  ruleBookVersion: string | null;
  origin: string | null;
}

/**
 * How the rule book's audit event of a project or call (action DERIVE) names each of its INFERRED
 * links it added, changed or removed: `TYPE:targetId` (the target's label follows from the type),
 * e.g. `ADDRESSES:gap-data-privacy`. The event's `fields` list these keys; `previous`, `values`
 * and the undo bookkeeping are objects keyed by them.
 */
export function derivedLinkKey(type: InferredLinkType, toId: string): string {
  return `${type}:${toId}`;
}

/** The type and target id of a derivedLinkKey; null when `key` is not one. */
export function parseDerivedLinkKey(key: string): { type: InferredLinkType; toId: string } | null {
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  if (colon < 1 || !(type in INFERRED_LINK_SHAPES)) return null;
  return { type: type as InferredLinkType, toId: key.slice(colon + 1) };
}
