// The Programme: ERA PerMed, EP PerMed, ICPerMed, with its budget and membership as published.

import { amount, count, id, text, year, type NodeOf, type RecordOf } from './fields';
import { NOTES, SOURCES, UNCERTAIN } from './sourced';

export const PROGRAMME_FIELDS = [
  id('id', 'Stable id, e.g. eppermed-programme.', { required: true }),
  SOURCES,
  UNCERTAIN,
  NOTES,
  text('name', 'Full name.', { required: true }),
  text('shortName', 'Usual short name, e.g. EP PerMed.', { required: true }),
  year('startYear', 'Year the programme started.'),
  amount('budgetEur', 'Total budget in euros when published.'),
  text('budgetNote', 'How the budget was reported.'),
  count('fundersCount', 'Number of funders published.'),
  count('countriesCount', 'Number of countries published.'),
  count('regionsCount', 'Number of regions published.'),
  text('description', 'What the programme is.'),
  id(
    'memberFunderIds',
    "Funders named as members or coordinators: the programme's own list and the funders naming it.",
    {
      list: true,
      unique: true,
      ref: 'Funder',
      relation: { type: 'MEMBER_OF', other: 'Funder', direction: 'in' },
    },
  ),
] as const;

export type ProgrammeRecord = RecordOf<typeof PROGRAMME_FIELDS>;
/** A Programme node's own properties (relationships left out). */
export type ProgrammeProperties = NodeOf<typeof PROGRAMME_FIELDS>;
