// Resolvers of `search`, `stats` and the Entity union.

import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { searchEntities } from '../db/search';
import { readStats } from '../db/stats';
import { BadUserInputError } from '../errors';
import { pageSize, searchText, subjectList } from './arguments';
import type { TypedNode } from '../db/models';

export const searchQueries: Pick<QueryResolvers, 'search' | 'stats'> = {
  search: (_, { text, kinds, subjects, first }, { db, limits }) => {
    const limit = pageSize(first, limits);
    const tagged = subjectList(subjects, 'subjects');
    // Only projects carry subjects: a subject filter on other kinds alone could match nothing.
    if (tagged && kinds && kinds.length > 0 && !kinds.includes('PROJECT'))
      throw new BadUserInputError(
        'subjects',
        `only projects carry EuroSciVoc subjects; add PROJECT to kinds (got ${kinds.join(', ')}) or leave kinds out`,
      );
    return searchEntities(db, { text: searchText(text), kinds, subjects: tagged, limit });
  },
  stats: (_, __, { db }) => readStats(db),
};

export const searchTypeResolvers: Pick<Resolvers, 'Entity'> = {
  Entity: {
    __resolveType: (entity) => {
      // Search results (the only source of Entity values) carry their label as __typename.
      if ('__typename' in entity && typeof entity.__typename === 'string')
        return (entity as TypedNode).__typename;
      throw new TypeError(`Entity without __typename: ${JSON.stringify(entity).slice(0, 80)}`);
    },
  },
};
