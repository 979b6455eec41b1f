// The Project: a funded consortium, its call, funders, dates and partners, as the seeds, imports,
// mutations and the graph hold it. Imports name partners (coordinator, partners); seeds list them.

import {
  amount,
  country,
  date,
  id,
  integer,
  object,
  oneOf,
  organisation,
  text,
  year,
  type NodeOf,
  type RecordOf,
} from './fields';
import { entityDef } from './entityDef';
import { PARTNER_ROLES, YEAR_BASES } from './kinds';
import { NOTES, SOURCES, UNCERTAIN } from './sourced';

/** A membership of the consortium: (Organisation)-[:PARTNER_IN {role, asNamed}]->(Project). */
export const PROJECT_PARTNER_FIELDS = [
  id('organisationId', 'The partner organisation (an Organisation id).', {
    required: true,
    ref: 'Organisation',
  }),
  oneOf('role', PARTNER_ROLES, 'COORDINATOR or PARTNER.', { required: true }),
  text('asNamed', 'The institution names exactly as the sources gave them (one per named group).', {
    list: true,
    nonEmpty: true,
    unique: true,
  }),
] as const;
export type ProjectPartnerRecord = RecordOf<typeof PROJECT_PARTNER_FIELDS>;

export const PROJECT_FIELDS = [
  id('id', 'Stable id, e.g. project-permanens.', { required: true }),
  text('acronym', 'Project acronym.', { required: true }),
  text('title', 'Full title.'),
  id('programmeId', 'Programme (an existing Programme id).', {
    ref: 'Programme',
    relation: { type: 'PART_OF', other: 'Programme', direction: 'out' },
  }),
  id('callId', 'The call that funded it (an existing Call id).', {
    ref: 'Call',
    relation: { type: 'FUNDED', other: 'Call', direction: 'in' },
  }),
  text('referenceNumber', 'Reference number given by the call.'),
  date('startDate', 'Start date, YYYY-MM-DD.'),
  date('endDate', 'End date, YYYY-MM-DD (not before startDate).'),
  year('startYear', 'Start year when the date is unknown (must agree with startDate).'),
  year('year', 'startYear when known, otherwise the year of the funding call; used by year filters.', {
    only: 'seed',
  }),
  oneOf('yearBasis', YEAR_BASES, 'What year was taken from: START_DATE or CALL_YEAR; null with year.', {
    only: 'seed',
  }),
  integer('durationMonths', { min: 1, max: 240 }, 'Duration in months.'),
  amount('fundingEur', 'Funding in euros.'),
  text('fundingNote', 'What the funding figure covers.'),
  id('funderIds', 'Funders (existing Funder ids).', {
    list: true,
    unique: true,
    ref: 'Funder',
    relation: { type: 'FUNDS', other: 'Funder', direction: 'in' },
  }),
  organisation('coordinator', 'Coordinating organisation: an id (org-...) or "Name [CC]".'),
  organisation(
    'partners',
    'Other partner organisations, each an id or "Name [CC]". With coordinator, the whole consortium.',
    { list: true },
  ),
  object('partners', PROJECT_PARTNER_FIELDS, 'The consortium: one membership per organisation.', {
    list: true,
    only: 'seed',
    relation: { type: 'PARTNER_IN', other: 'Organisation', direction: 'in' },
  }),
  country('partnerCountryCodes', "Countries with a partner (the named partners' countries are added).", {
    list: true,
    unique: true,
    relation: { type: 'HAS_PARTNER_IN', other: 'Country', direction: 'out' },
  }),
  text('unnamedPartners', 'Partners named without an institution, e.g. research group in Paris.', {
    list: true,
    unique: true,
  }),
  text('diseaseArea', 'Disease or application area.'),
  text('keywords', 'Keywords.', { list: true }),
  text('description', 'What the project does.'),
  NOTES,
  UNCERTAIN,
  SOURCES,
] as const;

/** A project in seeds/projects.json. */
export type ProjectRecord = RecordOf<typeof PROJECT_FIELDS>;
/**
 * A project record that knows only its id, acronym and sources: every other fact empty (null,
 * [] or false). Callers that read projects from elsewhere (held-out pages, test fixtures) spread
 * what they know over it, so a field added to PROJECT_FIELDS is filled in one place.
 */
export function blankProjectRecord(known: Pick<ProjectRecord, 'id' | 'acronym' | 'sources'>): ProjectRecord {
  return {
    id: known.id,
    acronym: known.acronym,
    sources: known.sources,
    title: null,
    programmeId: null,
    callId: null,
    referenceNumber: null,
    startDate: null,
    endDate: null,
    startYear: null,
    year: null,
    yearBasis: null,
    durationMonths: null,
    fundingEur: null,
    fundingNote: null,
    funderIds: [],
    partners: [],
    partnerCountryCodes: [],
    unnamedPartners: [],
    diseaseArea: null,
    keywords: [],
    description: null,
    notes: null,
    uncertain: false,
  };
}

/** A Project node's own properties (relationships left out). */
export type ProjectProperties = NodeOf<typeof PROJECT_FIELDS>;

export const PROJECT = entityDef('projects', 'Project', PROJECT_FIELDS);
