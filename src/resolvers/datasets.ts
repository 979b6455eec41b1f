// Resolvers of the dataset facet and of persistent identifiers: `datasets`, Dataset, Identifier,
// Stats.datasets, and the lookups of `organisation` and `funder` by ROR, PIC or Crossref Funder ID.

import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../context';
import type {
  DatasetResolvers,
  IdentifierResolvers,
  QueryResolvers,
  StatsResolvers,
} from '../generated/graphql';
import { idByIdentifier, type IdentifiedLabel } from '../db/identifiers';
import { ACRONYM_LABELS, type AcronymLabel } from '../db/lookups';
import type { NodeModels } from '../db/models';
import { datasetRecordCounts, readSourceDatasets } from '../db/sourceDatasets';
import { BadUserInputError } from '../errors';
import {
  canonicalIdentifier,
  IDENTIFIER_SCHEME_SPECS,
  isDatasetId,
  type DatasetId,
  type IdentifierScheme,
} from '../model';
import { entityById } from './planning/planned';
import { entityByIdOrAcronym, entityByTypedId } from './rootLookup';

/** The arguments of `organisation` and `funder`: an id or one identifier. */
type LookupArgs = { id?: string | null; acronym?: string | null } & Partial<
  Record<'ror' | 'pic' | 'fundref', string | null>
>;

const SCHEME_OF_ARGUMENT: Readonly<Record<'ror' | 'pic' | 'fundref', IdentifierScheme>> = {
  ror: 'ROR',
  pic: 'PIC',
  fundref: 'FUNDREF',
};

/**
 * A record of `label` by id (any case), by acronym (funders), or by the one identifier argument
 * given: the identifier is looked up through the Identifier index (one statement), then the
 * record is read as by id. An id or acronym that matches nothing leaves a suggestion.
 * @throws BadUserInputError when not exactly one argument is given, or a value is not of its scheme.
 */
export async function entityByIdOrIdentifier<L extends IdentifiedLabel>(
  context: RequestContext,
  info: GraphQLResolveInfo,
  label: L,
  args: LookupArgs,
  names: readonly string[],
): Promise<NodeModels[L] | null> {
  const given = Object.entries(args).filter(([, value]) => value !== null && value !== undefined);
  if (given.length !== 1) {
    throw new BadUserInputError(
      given[1]?.[0] ?? 'id',
      `give exactly one of ${names.join(', ')}, received ${given.length === 0 ? 'none' : given.map(([name]) => name).join(' and ')}`,
    );
  }
  const [name, raw] = given[0] as [string, string];
  // An id in any case, and an acronym, with suggestions when nothing matches (rootLookup.ts).
  if (name === 'id') return entityByTypedId(context, info, label, raw);
  if (name === 'acronym') {
    if (!isAcronymLabel(label)) throw new TypeError(`entityByIdOrIdentifier: ${label} has no acronym lookup`);
    return entityByIdOrAcronym(context, info, label, { acronym: raw }) as Promise<NodeModels[L] | null>;
  }
  const scheme = SCHEME_OF_ARGUMENT[name as keyof typeof SCHEME_OF_ARGUMENT];
  const value = canonicalIdentifier(scheme, raw);
  if (value === null)
    throw new BadUserInputError(
      name,
      `expected a ${scheme} value like ${IDENTIFIER_SCHEME_SPECS[scheme].example}`,
    );
  const id = await idByIdentifier(context.db, label, scheme, value);
  return id === null ? null : entityById(context, info, label, id);
}

function isAcronymLabel(label: string): label is AcronymLabel {
  return (ACRONYM_LABELS as readonly string[]).includes(label);
}

/** A record's datasets that the API knows (DatasetId), in their stored order; absent: none. */
export function knownDatasets(datasets: readonly unknown[] | null | undefined): DatasetId[] {
  return (datasets ?? []).filter(isDatasetId);
}

export const datasetQueries: Pick<QueryResolvers, 'datasets'> = {
  datasets: (_, __, { db }) => readSourceDatasets(db),
};

export const Dataset: DatasetResolvers = {
  recordCounts: async (dataset, _, { db }) =>
    (await datasetRecordCounts(db, dataset.id)).sort(
      (a, b) => b.count - a.count || a.label.localeCompare(b.label),
    ),
};

export const Identifier: IdentifierResolvers = {
  url: (identifier) => IDENTIFIER_SCHEME_SPECS[identifier.scheme].url(identifier.value),
};

export const Stats: StatsResolvers = {
  datasets: (_, __, { db }) => readSourceDatasets(db),
};
