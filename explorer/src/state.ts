// View state lives in the URL hash (#/network?net=cofunding&...), so every view is a link
// that can be shared, bookmarked and reloaded.

export type ViewName = 'network' | 'map' | 'gaps' | 'record';

export interface Route {
  view: ViewName;
  /** For record pages: [kind, id]. */
  path: string[];
  params: URLSearchParams;
}

const VIEWS: readonly ViewName[] = ['network', 'map', 'gaps', 'record'];

/** Reads the route from a hash such as "#/record/funder/funder-aecc?x=1". */
export function parseRoute(hash: string): Route {
  const [pathPart = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [first = '', ...rest] = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const view = (VIEWS as readonly string[]).includes(first) ? (first as ViewName) : 'network';
  return { view, path: rest, params: new URLSearchParams(query) };
}

/** The hash of a route; empty parameters are left out so URLs stay short. */
export function routeHash(
  view: ViewName,
  params: Record<string, string | undefined> = {},
  path: string[] = [],
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const tail = path.map(encodeURIComponent).join('/');
  const query = search.toString();
  return `#/${view}${tail ? `/${tail}` : ''}${query ? `?${query}` : ''}`;
}

/** Link to a record page. */
export function recordHash(kind: string, id: string): string {
  return routeHash('record', {}, [kind.toLowerCase(), id]);
}
