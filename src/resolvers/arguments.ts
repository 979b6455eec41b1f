// Validation of the arguments relationship fields share: list limits and link filters.

import { BadUserInputError, NotFoundError } from '../errors';
import type { EntityLabel, NodeModels } from '../db/models';
import type { DerivationFilter } from '../db/relations';
import type { Provenance } from '../generated/graphql';
import type { RequestContext } from '../context';
import { DEFAULT_RELATED, MAX_RELATED } from './relationCaps';

export { MAX_RELATED } from './relationCaps';

/** Checks a relationship field's `first` (at most MAX_RELATED, the most the cost model prices). */
export function relatedLimit(first: number | null | undefined): number {
  const limit = first ?? DEFAULT_RELATED;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_RELATED) {
    throw new BadUserInputError('first', `must be an integer from 0 to ${MAX_RELATED}, got ${first}`);
  }
  return limit;
}

/**
 * Checks the provenance and confidence arguments of a derived-link field, or of a list
 * filter when `path` is the input's argument path (e.g. "filter.", so errors name
 * "filter.minConfidence").
 */
export function derivationFilter(
  args: { provenance?: Provenance | null; minConfidence?: number | null },
  path = '',
): DerivationFilter {
  const { minConfidence } = args;
  if (minConfidence !== null && minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new BadUserInputError(`${path}minConfidence`, `must be between 0 and 1, got ${minConfidence}`);
  }
  return { provenance: args.provenance ?? null, minConfidence: minConfidence ?? null };
}

/** Loads a node that must exist (the other end of a relationship); a dangling id is a server fault. */
export async function loadRequired<L extends EntityLabel>(
  context: RequestContext,
  label: L,
  id: string,
): Promise<NodeModels[L]> {
  const node = await context.loaders.byId(label).load(id);
  if (!node) throw new NotFoundError(label, id);
  return node;
}
