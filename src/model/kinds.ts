// The kinds of things the graph holds: node labels a record may refer to, the enumerations
// stored on nodes (funder, call, stage and SRIA area kinds, partner roles) and the import kinds.

/** Funder kinds (GraphQL FunderKind). */
export const FUNDER_KINDS = [
  'NATIONAL_FUNDING_AGENCY',
  'MINISTRY',
  'REGIONAL_MINISTRY',
  'REGIONAL_FUNDING_AGENCY',
  'REGIONAL_AGENCY',
  'REGIONAL_GOVERNMENT',
  'REGIONAL_FOUNDATION',
  'FOUNDATION',
  'PROJECT_MANAGEMENT_AGENCY',
  'EU_BODY',
] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

/** Call kinds (GraphQL CallKind): joint transnational calls and the other calls and actions. */
export const CALL_KINDS = [
  'JOINT_TRANSNATIONAL_CALL',
  'INNOVATION_CALL',
  'INNOVATION_ACTION',
  'SUPPORT_CALL',
  'EVENT',
] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** The role of an organisation in a project's consortium (PARTNER_IN {role}). */
export const PARTNER_ROLES = ['COORDINATOR', 'PARTNER'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Levels of a value-chain stage: a continuum step, a sub-step, or the cross-cutting group. */
export const STAGE_LEVELS = ['MACRO', 'SUB', 'CROSS_CUTTING'] as const;
export type StageLevel = (typeof STAGE_LEVELS)[number];

export const SRIA_AREA_KINDS = ['MAIN_AREA', 'OVERARCHING'] as const;
export type SriaAreaKind = (typeof SRIA_AREA_KINDS)[number];

/** What a project's `year` was taken from: its start date, or the year of its call. */
export const YEAR_BASES = ['START_DATE', 'CALL_YEAR'] as const;
export type YearBasis = (typeof YEAR_BASES)[number];

/**
 * The labels of the data's entities, in the order lists, dumps and searches walk them: every
 * node label but the bookkeeping ones (Dataset, AuditEvent, ImportRun, ApiKey) and the
 * classification DiseaseArea.
 */
export const ENTITY_LABELS = [
  'Programme',
  'Funder',
  'Call',
  'Project',
  'Organisation',
  'Country',
  'Region',
  'Objective',
  'ValueChainStage',
  'SriaArea',
  'KnowledgeGap',
] as const;

/** Labels a reference column may point at (an existing node's id). */
export const REFERENCE_LABELS = [
  'Programme',
  'Funder',
  'Call',
  'Region',
  'Organisation',
  'Project',
  'KnowledgeGap',
  'ValueChainStage',
  'Objective',
] as const;
export type ReferenceLabel = (typeof REFERENCE_LABELS)[number];

/** The import kinds: files of these records go through `npm run import`, and curation mutations. */
export const IMPORT_KINDS = ['funders', 'calls', 'organisations', 'projects', 'links'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Kinds whose rows are nodes (links are relationships between existing nodes). */
export type EntityKind = Exclude<ImportKind, 'links'>;

/** True when `value` names an import kind. */
export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}
