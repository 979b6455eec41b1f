// Analytics shared by every request of one data version: the gap projection, projected
// networks, coverage matrices and recommendations are computed once per version, not per request.

import type { RequestContext } from '../context';

/**
 * The result of `compute` for `key` at the request's data version: computed by the first
 * request that asks, awaited by the others. Without a shared memo (tests that build a bare
 * context), computed for this call only. `key` must name everything the result depends on
 * besides the data (the arguments, canonically serialised).
 */
export async function sharedPerVersion<T>(
  context: RequestContext,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  if (!context.analytics) return compute();
  return context.analytics.get(await context.dataVersion(), key, compute);
}
