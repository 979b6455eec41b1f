// The Call: a joint transnational call, another call or action, or an event, with its dates,
// budget and published results, as the seeds, imports, mutations and the graph hold it.

import {
  amount,
  boolean,
  count,
  country,
  date,
  id,
  oneOf,
  text,
  year,
  type NodeOf,
  type RecordOf,
} from './fields';
import { entityDef } from './entityDef';
import { CALL_KINDS } from './kinds';
import { NOTES, SOURCES, UNCERTAIN } from './sourced';

export const CALL_FIELDS = [
  id('id', 'Stable id, e.g. jtc2024.', { required: true }),
  oneOf('kind', CALL_KINDS, `One of ${CALL_KINDS.join(', ')}.`, { required: true }),
  text('title', 'Full title.', { required: true }),
  text('shortTitle', 'Short title or acronym.'),
  id('programmeId', 'The programme that ran it (an existing Programme id).', {
    ref: 'Programme',
    relation: { type: 'PART_OF', other: 'Programme', direction: 'out' },
  }),
  year('year', 'Year of the call.'),
  date('publicationDate', 'Publication date, YYYY-MM-DD or YYYY-MM.', { monthAllowed: true }),
  date('infoDay', 'Date of the information day.', { monthAllowed: true }),
  date('preProposalDeadline', 'Deadline for pre-proposals.', { monthAllowed: true }),
  date('fullProposalDeadline', 'Deadline for full proposals.', { monthAllowed: true }),
  amount('budgetEur', 'Announced budget in euros.'),
  text('budgetNote', 'How the budget was reported.'),
  boolean('ecCofunded', 'true when the European Commission co-funded it.'),
  id('secretariatFunderId', 'Funder running the joint call secretariat (an existing Funder id).', {
    ref: 'Funder',
    relation: { type: 'SECRETARIAT_OF', other: 'Funder', direction: 'in' },
  }),
  country('participatingCountryCodes', 'Countries whose applicants could take part.', {
    list: true,
    unique: true,
    relation: { type: 'PARTICIPATES_IN', other: 'Country', direction: 'in' },
  }),
  id('participatingRegionIds', 'Regions whose applicants could take part (Region ids).', {
    list: true,
    unique: true,
    ref: 'Region',
    only: 'seed',
    relation: { type: 'PARTICIPATES_IN', other: 'Region', direction: 'in' },
  }),
  count('fundersCount', 'Number of participating funders published.'),
  count('countriesCount', 'Number of participating countries published.'),
  count('regionsCount', 'Number of participating regions published.'),
  count('eligiblePreProposals', 'Eligible pre-proposals received.'),
  count('invitedFullProposals', 'Applicants invited to full proposals.'),
  count('fundedProjectsCount', 'Number of projects funded, as published.'),
  amount('fundingGrantedEur', 'Total funding granted in euros.'),
  count('researchGroupsCount', 'Research groups funded, as published.'),
  count('fundedCountriesCount', 'Countries of funded groups, as published.'),
  text('description', 'What the call is about.'),
  NOTES,
  UNCERTAIN,
  SOURCES,
] as const;

/** A call in seeds/calls.json; dates are ISO as published and may be a month only (YYYY-MM). */
export type CallRecord = RecordOf<typeof CALL_FIELDS>;
/** A Call node's own properties (relationships left out). */
export type CallProperties = NodeOf<typeof CALL_FIELDS>;

export const CALL = entityDef('calls', 'Call', CALL_FIELDS);
