// Loading the other end of a relationship, which must exist.

import type { RequestContext } from '../context';
import type { EntityLabel, NodeModels } from '../db/models';
import { NotFoundError } from '../errors';

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
