// Analytics shared by every request of one data version: the gap projection, projected
// networks, coverage matrices and recommendations are computed once per version, not per request.

import type { RequestContext } from '../context';

/** Where per-version results are kept and the data version they are read at: a request, or the prewarm. */
export type AnalyticsScope = Pick<RequestContext, 'analytics' | 'dataVersion'>;

/**
 * The result of `compute` for `key` at the scope's data version: computed by the first
 * request (or the prewarm, src/resolvers/prewarmAnalytics.ts) that asks, awaited by the
 * others. Without a shared memo (tests that build a bare context), computed for this call
 * only. `key` must name everything the result depends on besides the data (the arguments,
 * canonically serialised).
 */
export async function sharedPerVersion<T>(
  scope: AnalyticsScope,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  if (!scope.analytics) return compute();
  return scope.analytics.get(await scope.dataVersion(), key, compute);
}
