// The import kinds (funders, calls, organisations, projects, links): their columns, which
// columns are references, and which become relationships. Curation mutations use the same
// definitions, so a file row and a mutation input are validated alike.

import { CALL_KINDS, FUNDER_KINDS } from '../seed/seedRecords';
import type { FieldSpec } from './fields';

export const IMPORT_KINDS = ['funders', 'calls', 'organisations', 'projects', 'links'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Kinds whose rows are nodes (links are relationships between existing nodes). */
export type EntityKind = Exclude<ImportKind, 'links'>;
export type EntityLabel = 'Funder' | 'Call' | 'Organisation' | 'Project';

/** The project links an import or a curator may make, and the label each one reaches. */
export const PROJECT_LINK_TYPES = {
  ADDRESSES: 'KnowledgeGap',
  AT_STAGE: 'ValueChainStage',
  ADVANCES: 'Objective',
} as const;
export type ProjectLinkType = keyof typeof PROJECT_LINK_TYPES;

/** A column that is stored as a relationship rather than (or as well as) a property. */
export interface RelationDef {
  field: string;
  type: string;
  other: 'Country' | 'Region' | 'Programme' | 'Call' | 'Funder' | 'Organisation';
  /** out: (entity)-[:TYPE]->(other); in: (other)-[:TYPE]->(entity). */
  direction: 'out' | 'in';
  many: boolean;
  /** Also kept as a node property (e.g. countryCode, which lists filter on). */
  alsoProperty?: boolean;
}

export interface EntityDef {
  kind: EntityKind;
  label: EntityLabel;
  fields: readonly FieldSpec[];
  relations: readonly RelationDef[];
}

const sources: FieldSpec = {
  name: 'sources',
  kind: 'url',
  list: true,
  required: true,
  description: 'Public URLs the facts come from (at least one).',
};
const notes: FieldSpec = { name: 'notes', kind: 'text', description: "Compiler's remarks." };
const uncertain: FieldSpec = {
  name: 'uncertain',
  kind: 'boolean',
  description: 'true when a fact comes from a weak or single source (default false).',
};
const monthDate = (name: string, description: string): FieldSpec => ({
  name,
  kind: 'date',
  monthAllowed: true,
  description,
});
const count = (name: string, description: string): FieldSpec => ({
  name,
  kind: 'integer',
  min: 0,
  max: 1_000_000,
  description,
});

export const FUNDER: EntityDef = {
  kind: 'funders',
  label: 'Funder',
  fields: [
    { name: 'id', kind: 'id', required: true, description: 'Stable id, e.g. isciii-es.' },
    { name: 'name', kind: 'text', required: true, description: 'Full name.' },
    { name: 'acronym', kind: 'text', description: 'Usual acronym.' },
    {
      name: 'kind',
      kind: 'enum',
      values: FUNDER_KINDS,
      required: true,
      description: `One of ${FUNDER_KINDS.join(', ')}.`,
    },
    {
      name: 'countryCode',
      kind: 'country',
      description: 'ISO 3166-1 alpha-2 code of its country; needed unless kind is EU_BODY.',
    },
    {
      name: 'regionId',
      kind: 'id',
      ref: 'Region',
      description: 'Id of the region it acts for (an existing Region), e.g. es-navarre.',
    },
    {
      name: 'programmeIds',
      kind: 'id',
      list: true,
      ref: 'Programme',
      description: 'Programmes it is a member of (existing Programme ids).',
    },
    {
      name: 'callIds',
      kind: 'id',
      list: true,
      ref: 'Call',
      description: 'Calls it took part in (existing Call ids).',
    },
    {
      name: 'roles',
      kind: 'text',
      list: true,
      description: 'Roles in the programmes, e.g. ERA PerMed coordinator.',
    },
    notes,
    uncertain,
    sources,
  ],
  relations: [
    {
      field: 'countryCode',
      type: 'BASED_IN',
      other: 'Country',
      direction: 'out',
      many: false,
      alsoProperty: true,
    },
    { field: 'regionId', type: 'BASED_IN', other: 'Region', direction: 'out', many: false },
    { field: 'programmeIds', type: 'MEMBER_OF', other: 'Programme', direction: 'out', many: true },
    { field: 'callIds', type: 'PARTICIPATES_IN', other: 'Call', direction: 'out', many: true },
  ],
};

export const CALL: EntityDef = {
  kind: 'calls',
  label: 'Call',
  fields: [
    { name: 'id', kind: 'id', required: true, description: 'Stable id, e.g. jtc2024.' },
    {
      name: 'kind',
      kind: 'enum',
      values: CALL_KINDS,
      required: true,
      description: `One of ${CALL_KINDS.join(', ')}.`,
    },
    { name: 'title', kind: 'text', required: true, description: 'Full title.' },
    { name: 'shortTitle', kind: 'text', description: 'Short title or acronym.' },
    {
      name: 'programmeId',
      kind: 'id',
      ref: 'Programme',
      description: 'The programme that ran it (an existing Programme id).',
    },
    { name: 'year', kind: 'integer', min: 1900, max: 2100, description: 'Year of the call.' },
    monthDate('publicationDate', 'Publication date, YYYY-MM-DD or YYYY-MM.'),
    monthDate('infoDay', 'Date of the information day.'),
    monthDate('preProposalDeadline', 'Deadline for pre-proposals.'),
    monthDate('fullProposalDeadline', 'Deadline for full proposals.'),
    { name: 'budgetEur', kind: 'amount', description: 'Announced budget in euros.' },
    { name: 'budgetNote', kind: 'text', description: 'How the budget was reported.' },
    { name: 'ecCofunded', kind: 'boolean', description: 'true when the European Commission co-funded it.' },
    {
      name: 'secretariatFunderId',
      kind: 'id',
      ref: 'Funder',
      description: 'Funder running the joint call secretariat (an existing Funder id).',
    },
    {
      name: 'participatingCountryCodes',
      kind: 'country',
      list: true,
      description: 'Countries whose applicants could take part.',
    },
    count('fundersCount', 'Number of participating funders published.'),
    count('countriesCount', 'Number of participating countries published.'),
    count('regionsCount', 'Number of participating regions published.'),
    count('eligiblePreProposals', 'Eligible pre-proposals received.'),
    count('invitedFullProposals', 'Applicants invited to full proposals.'),
    count('fundedProjectsCount', 'Number of projects funded, as published.'),
    { name: 'fundingGrantedEur', kind: 'amount', description: 'Total funding granted in euros.' },
    count('researchGroupsCount', 'Research groups funded, as published.'),
    count('fundedCountriesCount', 'Countries of funded groups, as published.'),
    { name: 'description', kind: 'text', description: 'What the call is about.' },
    notes,
    uncertain,
    sources,
  ],
  relations: [
    { field: 'programmeId', type: 'PART_OF', other: 'Programme', direction: 'out', many: false },
    { field: 'secretariatFunderId', type: 'SECRETARIAT_OF', other: 'Funder', direction: 'in', many: false },
    {
      field: 'participatingCountryCodes',
      type: 'PARTICIPATES_IN',
      other: 'Country',
      direction: 'in',
      many: true,
    },
  ],
};

export const ORGANISATION: EntityDef = {
  kind: 'organisations',
  label: 'Organisation',
  fields: [
    {
      name: 'id',
      kind: 'id',
      description:
        'Stable id; when empty, the row is matched by name within its country, or gets org-<slug of the name>.',
    },
    { name: 'name', kind: 'text', required: true, description: 'Canonical name.' },
    {
      name: 'countryCode',
      kind: 'country',
      required: true,
      description: 'ISO 3166-1 alpha-2 code of its country.',
    },
    {
      name: 'aliases',
      kind: 'text',
      list: true,
      description: 'Other spellings of the name met in the sources.',
    },
    sources,
  ],
  relations: [
    {
      field: 'countryCode',
      type: 'LOCATED_IN',
      other: 'Country',
      direction: 'out',
      many: false,
      alsoProperty: true,
    },
  ],
};

export const PROJECT: EntityDef = {
  kind: 'projects',
  label: 'Project',
  fields: [
    { name: 'id', kind: 'id', required: true, description: 'Stable id, e.g. project-permanens.' },
    { name: 'acronym', kind: 'text', required: true, description: 'Project acronym.' },
    { name: 'title', kind: 'text', description: 'Full title.' },
    {
      name: 'programmeId',
      kind: 'id',
      ref: 'Programme',
      description: 'Programme (an existing Programme id).',
    },
    {
      name: 'callId',
      kind: 'id',
      ref: 'Call',
      description: 'The call that funded it (an existing Call id).',
    },
    { name: 'referenceNumber', kind: 'text', description: 'Reference number given by the call.' },
    { name: 'startDate', kind: 'date', description: 'Start date, YYYY-MM-DD.' },
    { name: 'endDate', kind: 'date', description: 'End date, YYYY-MM-DD (not before startDate).' },
    {
      name: 'startYear',
      kind: 'integer',
      min: 1900,
      max: 2100,
      description: 'Start year when the date is unknown (must agree with startDate).',
    },
    { name: 'durationMonths', kind: 'integer', min: 1, max: 240, description: 'Duration in months.' },
    { name: 'fundingEur', kind: 'amount', description: 'Funding in euros.' },
    { name: 'fundingNote', kind: 'text', description: 'What the funding figure covers.' },
    {
      name: 'funderIds',
      kind: 'id',
      list: true,
      ref: 'Funder',
      description: 'Funders (existing Funder ids).',
    },
    {
      name: 'coordinator',
      kind: 'organisation',
      description: 'Coordinating organisation: an id (org-...) or "Name [CC]".',
    },
    {
      name: 'partners',
      kind: 'organisation',
      list: true,
      description:
        'Other partner organisations, each an id or "Name [CC]". With coordinator, the whole consortium.',
    },
    {
      name: 'partnerCountryCodes',
      kind: 'country',
      list: true,
      description: "Countries with a partner (the named partners' countries are added).",
    },
    {
      name: 'unnamedPartners',
      kind: 'text',
      list: true,
      description: 'Partners named without an institution, e.g. research group in Paris.',
    },
    { name: 'diseaseArea', kind: 'text', description: 'Disease or application area.' },
    { name: 'keywords', kind: 'text', list: true, description: 'Keywords.' },
    { name: 'description', kind: 'text', description: 'What the project does.' },
    notes,
    uncertain,
    sources,
  ],
  relations: [
    { field: 'programmeId', type: 'PART_OF', other: 'Programme', direction: 'out', many: false },
    { field: 'callId', type: 'FUNDED', other: 'Call', direction: 'in', many: false },
    { field: 'funderIds', type: 'FUNDS', other: 'Funder', direction: 'in', many: true },
    { field: 'partnerCountryCodes', type: 'HAS_PARTNER_IN', other: 'Country', direction: 'out', many: true },
  ],
};

/** Columns of a links file: one derived link from a project per row. */
export const LINK_FIELDS: readonly FieldSpec[] = [
  {
    name: 'projectId',
    kind: 'id',
    required: true,
    ref: 'Project',
    description: 'The project (an existing Project id).',
  },
  {
    name: 'type',
    kind: 'enum',
    values: Object.keys(PROJECT_LINK_TYPES),
    required: true,
    description: 'ADDRESSES (a knowledge gap), AT_STAGE (a value-chain stage) or ADVANCES (an objective).',
  },
  {
    name: 'targetId',
    kind: 'id',
    required: true,
    description: 'Id of the gap, stage or objective (by type).',
  },
  { name: 'confidence', kind: 'confidence', description: 'How sure the curator is, 0 < c <= 1 (default 1).' },
  {
    name: 'evidence',
    kind: 'text',
    required: true,
    description: 'What the link rests on, in words that can be checked against the sources.',
  },
];

export const ENTITY_DEFS: Readonly<Record<EntityKind, EntityDef>> = {
  funders: FUNDER,
  calls: CALL,
  organisations: ORGANISATION,
  projects: PROJECT,
};

/** The columns of an import kind. */
export function fieldsOf(kind: ImportKind): readonly FieldSpec[] {
  return kind === 'links' ? LINK_FIELDS : ENTITY_DEFS[kind].fields;
}

/** True when `value` names an import kind. */
export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}
