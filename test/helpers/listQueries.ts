// Builds operations over the top-level lists with variables of the right input types, so
// list and pagination tests can loop over every list.

import type { Direction } from './seedExpectations';

/** The GraphQL input types of each list's `filter` and `sort` arguments (null: none). */
export const LIST_TYPES = {
  programmes: { filter: null, sort: 'ProgrammeSort' },
  funders: { filter: 'FunderFilter', sort: 'FunderSort' },
  calls: { filter: 'CallFilter', sort: 'CallSort' },
  projects: { filter: 'ProjectFilter', sort: 'ProjectSort' },
  organisations: { filter: 'OrganisationFilter', sort: 'OrganisationSort' },
  countries: { filter: 'CountryFilter', sort: 'CountrySort' },
  regions: { filter: 'RegionFilter', sort: null },
  objectives: { filter: 'ObjectiveFilter', sort: null },
  valueChainStages: { filter: 'ValueChainStageFilter', sort: null },
  sriaAreas: { filter: null, sort: null },
  knowledgeGaps: { filter: 'KnowledgeGapFilter', sort: null },
} as const;
export type ListName = keyof typeof LIST_TYPES;
export const LIST_NAMES = Object.keys(LIST_TYPES) as ListName[];

/** The sort fields of each list that takes a sort argument. */
export const SORT_FIELDS: Partial<Record<ListName, readonly string[]>> = {
  programmes: ['START_YEAR', 'NAME'],
  funders: ['NAME', 'ACRONYM'],
  calls: ['YEAR', 'TITLE'],
  projects: ['YEAR', 'ACRONYM'],
  organisations: ['NAME'],
  countries: ['NAME', 'CODE'],
};

export interface ListArgs {
  filter?: Record<string, unknown>;
  sort?: { field: string; direction?: Direction };
  first?: number;
  after?: string | null;
}

/**
 * An operation `query List(...) { list: <list>(...) <selection> }` declaring only the
 * variables `args` sets, and those variables.
 */
export function listOperation(
  list: ListName,
  args: ListArgs,
  selection: string,
): { query: string; variables: Record<string, unknown> } {
  const types = LIST_TYPES[list];
  const declarations: string[] = [];
  const passed: string[] = [];
  const variables: Record<string, unknown> = {};
  const declare = (name: keyof ListArgs, type: string | null, value: unknown) => {
    if (value === undefined) return;
    if (type === null) throw new TypeError(`${list} takes no ${name} argument`);
    declarations.push(`$${name}: ${type}`);
    passed.push(`${name}: $${name}`);
    variables[name] = value;
  };
  declare('filter', types.filter, args.filter);
  declare('sort', types.sort, args.sort);
  declare('first', 'Int', args.first);
  declare('after', 'String', args.after);
  const signature = declarations.length ? `(${declarations.join(', ')})` : '';
  const call = passed.length ? `(${passed.join(', ')})` : '';
  return { query: `query List${signature} { list: ${list}${call} ${selection} }`, variables };
}
