// The explorer's shell: navigation, the "download" and "query" actions, and routing by the
// URL hash to the network, map, gap and record views.

import { ApiError } from './api';
import { h } from './dom';
import { renderGapView } from './gapView';
import { renderMapView } from './mapView';
import { renderNetworkView } from './networkView';
import { renderRecordView } from './recordView';
import { parseRoute, routeHash, type ViewName } from './state';
import type { ViewActions, ViewContext } from './view';

const RENDERERS: Record<ViewName, (ctx: ViewContext) => Promise<void>> = {
  network: renderNetworkView,
  map: renderMapView,
  gaps: renderGapView,
  record: renderRecordView,
};

const NAV: [ViewName, string][] = [
  ['network', 'Networks'],
  ['map', 'Map'],
  ['gaps', 'Gaps'],
];

const main = document.getElementById('view') as HTMLElement;
const actions = document.getElementById('actions') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let leave: (() => void)[] = [];
let generation = 0;

function renderActions(view: ViewActions): void {
  actions.replaceChildren(
    view.download
      ? h(
          'a',
          { href: view.download, class: 'action', download: view.downloadName ?? '', id: 'download-link' },
          `Download ${view.downloadLabel ?? ''}`.trim(),
        )
      : '',
    view.query
      ? h(
          'a',
          { href: view.query, class: 'action', target: '_blank', id: 'query-link' },
          'Query in the playground',
        )
      : '',
  );
}

async function show(): Promise<void> {
  const current = ++generation;
  for (const cleanup of leave) cleanup();
  leave = [];
  const route = parseRoute(location.hash);
  document.body.dataset['view'] = route.view;
  delete document.body.dataset['ready'];
  for (const link of nav.querySelectorAll('a')) {
    link.setAttribute('aria-current', link.dataset['view'] === route.view ? 'page' : 'false');
  }
  main.replaceChildren();
  renderActions({});
  const started = performance.now();
  const ctx: ViewContext = {
    route,
    main,
    set(params) {
      const next: Record<string, string> = Object.fromEntries(route.params.entries());
      Object.assign(next, params);
      location.hash = routeHash(route.view, next, route.path);
    },
    setActions: (view) => current === generation && renderActions(view),
    onLeave: (cleanup) => leave.push(cleanup),
    ready(counts) {
      if (current !== generation) return;
      // Read by the browser tests and the render benchmark: what was drawn and how fast.
      document.body.dataset['ready'] = JSON.stringify({
        ...counts,
        renderMs: Math.round(performance.now() - started),
        sinceNavigationMs: Math.round(performance.now()),
      });
    },
  };
  try {
    await RENDERERS[route.view](ctx);
  } catch (error) {
    if (current !== generation) return;
    const message =
      error instanceof ApiError ? `${error.message} (${error.code})` : 'The view could not be drawn.';
    main.append(h('p', { class: 'error', role: 'alert' }, message));
    document.body.dataset['ready'] = JSON.stringify({
      error: error instanceof ApiError ? error.code : 'CLIENT_ERROR',
    });
  }
}

nav.replaceChildren(
  ...NAV.map(([view, label]) => h('a', { href: routeHash(view), 'data-view': view }, label)),
);
window.addEventListener('hashchange', () => void show());
void show();
