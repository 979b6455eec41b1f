// The network view: sigma.js over graphology, laid out by ForceAtlas2 in a web worker, sized
// by a chosen centrality, coloured by community or kind; hover shows neighbours, a click
// opens the record in the side panel.

import Graph from 'graphology';
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import { playgroundUrl } from './api';
import { formatNumber, h, select } from './dom';
import { filterBar, loadCatalogue } from './filters';
import {
  type ApiNetwork,
  type ApiNetworkNode,
  fetchNetwork,
  networkKindOf,
  networkQuery,
  networkVariables,
} from './networkData';
import { categoryColour } from './palette';
import { recordSummary } from './recordView';
import { recordHash } from './state';
import type { ViewContext } from './view';

type SizeMeasure = 'pageRank' | 'betweenness' | 'degree' | 'weightedDegree';
const SIZE_MEASURES: [SizeMeasure, string][] = [
  ['pageRank', 'PageRank'],
  ['betweenness', 'Betweenness'],
  ['degree', 'Degree'],
  ['weightedDegree', 'Weighted degree'],
];
const KINDS = [
  'FUNDER',
  'COUNTRY',
  'ORGANISATION',
  'KNOWLEDGE_GAP',
  'OBJECTIVE',
  'CALL',
  'PROJECT',
  'REGION',
];

/** How long ForceAtlas2 runs before it settles; the graph is drawn (circular) before it starts. */
const LAYOUT_MS = 2500;
/** Above this many nodes the edges are hidden while the layout runs. */
const LARGE_NETWORK_NODES = 2000;

/** Builds the graphology graph sigma draws; exported for the 10,000-node benchmark page. */
export function graphOfNetwork(
  network: Pick<ApiNetwork, 'nodes' | 'edges'>,
  size: SizeMeasure,
  colour: string,
): Graph {
  const graph = new Graph({ type: 'undirected' });
  const values = network.nodes.map((node) => node[size]);
  const max = Math.max(...values, 1e-9);
  for (const node of network.nodes) {
    const colourIndex = colour === 'kind' ? KINDS.indexOf(node.kind) : node.community - 1;
    graph.addNode(node.id, {
      label: node.label,
      size: 4 + 16 * Math.sqrt(node[size] / max),
      color: categoryColour(colourIndex),
      kind: node.kind,
    });
  }
  for (const edge of network.edges) {
    if (
      graph.hasNode(edge.source) &&
      graph.hasNode(edge.target) &&
      !graph.hasEdge(edge.source, edge.target)
    ) {
      graph.addEdge(edge.source, edge.target, {
        size: Math.min(8, 0.5 + Math.log2(1 + edge.weight)),
        color: '#c8c8c8',
      });
    }
  }
  circular.assign(graph);
  return graph;
}

/** Draws a graph with hover highlighting; returns the renderer and a stop function. */
export function drawGraph(
  graph: Graph,
  container: HTMLElement,
  onClick: (id: string) => void,
): { renderer: Sigma; stop: () => void } {
  let hovered: string | null = null;
  let neighbours = new Set<string>();
  // On large networks the edges wait until the layout settles: drawing 25,000 of them on every
  // ForceAtlas2 iteration is what made a 10,000-node network stutter (docs/benchmarks.md).
  let edgesWait = graph.order > LARGE_NETWORK_NODES;
  const renderer = new Sigma(graph, container, {
    labelDensity: 0.08,
    labelGridCellSize: 80,
    labelRenderedSizeThreshold: 8,
    labelColor: { color: '#111' },
    zIndex: true,
    // Edges and labels are most of a frame's work; while the camera moves they wait, so
    // dragging a 10,000-node network stays fluid (docs/benchmarks.md).
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    // Without a hovered node the data pass through untouched: no object per node per frame.
    nodeReducer: (node, data) => {
      if (hovered === null) return data;
      if (node === hovered || neighbours.has(node)) return { ...data, zIndex: 1 };
      return { ...data, color: '#e2e2e2', label: '', zIndex: 0 };
    },
    edgeReducer: (edge, data) => {
      if (edgesWait) return { ...data, hidden: true };
      if (hovered === null) return data;
      const [source, target] = graph.extremities(edge);
      return source === hovered || target === hovered
        ? { ...data, color: '#555' }
        : { ...data, hidden: true };
    },
  });
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    neighbours = new Set(graph.neighbors(node));
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    neighbours = new Set();
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => onClick(node));

  let layout: FA2Layout | null = null;
  let timer: number | undefined;
  if (graph.order > 1) {
    layout = new FA2Layout(graph, {
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 },
    });
    layout.start();
    // Counted from the first iteration the worker hands back: on 10,000 nodes that one alone
    // can take seconds, and a clock started earlier stopped the layout before it moved a node.
    graph.once('eachNodeAttributesUpdated', () => {
      timer = window.setTimeout(() => {
        layout?.stop();
        edgesWait = false;
        renderer.refresh({ skipIndexation: true });
      }, LAYOUT_MS);
    });
  }
  return {
    renderer,
    stop: () => {
      window.clearTimeout(timer);
      layout?.kill();
      renderer.kill();
    },
  };
}

/** Renders the network view into `ctx.main`. */
export async function renderNetworkView(ctx: ViewContext): Promise<void> {
  const { params } = ctx.route;
  const kind = networkKindOf(params);
  const size = (SIZE_MEASURES.find(([value]) => value === params.get('size'))?.[0] ??
    'pageRank') as SizeMeasure;
  const colour = params.get('colour') === 'kind' ? 'kind' : 'community';
  const catalogue = await loadCatalogue();
  const variables = networkVariables(kind, params, catalogue.networkFilterFields);
  const query = networkQuery(kind);

  const controls = h(
    'fieldset',
    { class: 'filters' },
    h('legend', {}, 'Network'),
    select(
      'Network',
      'net',
      [
        ['cofunding', 'Co-funding'],
        ['collaboration', 'Collaboration'],
        ['bipartite', 'Funders × gaps'],
      ],
      kind,
      (v) => ctx.set({ net: v }),
    ),
    kind === 'cofunding'
      ? select(
          'Linked by',
          'basis',
          [
            ['CALLS', 'shared calls'],
            ['PROJECTS', 'shared projects'],
          ],
          String(variables['basis']),
          (v) => ctx.set({ basis: v }),
        )
      : null,
    kind === 'collaboration'
      ? select(
          'Level',
          'level',
          [
            ['COUNTRIES', 'countries'],
            ['ORGANISATIONS', 'organisations'],
          ],
          String(variables['level']),
          (v) => ctx.set({ level: v }),
        )
      : null,
    kind === 'bipartite'
      ? select(
          'Actors',
          'actors',
          [
            ['FUNDERS', 'funders'],
            ['COUNTRIES', 'countries'],
          ],
          String(variables['actors']),
          (v) => ctx.set({ actors: v }),
        )
      : null,
    kind === 'bipartite'
      ? select(
          'Targets',
          'targets',
          [
            ['GAPS', 'gaps'],
            ['OBJECTIVES', 'objectives'],
          ],
          String(variables['targets']),
          (v) => ctx.set({ targets: v }),
        )
      : null,
    select('Size by', 'size', SIZE_MEASURES, size, (v) => ctx.set({ size: v })),
    select(
      'Colour by',
      'colour',
      [
        ['community', 'community'],
        ['kind', 'kind'],
      ],
      colour,
      (v) => ctx.set({ colour: v }),
    ),
  );
  const status = h('p', { class: 'status', role: 'status' }, 'Loading the network…');
  const canvas = h('div', {
    class: 'graph',
    id: 'network-canvas',
    role: 'img',
    'aria-label': 'Network drawing',
  });
  const panel = h(
    'aside',
    { class: 'panel', id: 'side-panel', 'aria-live': 'polite' },
    h('p', {}, 'Click a node to see its record.'),
  );
  ctx.main.append(
    controls,
    filterBar(catalogue, params, (name, value) => ctx.set({ [name]: value })),
    status,
    h('div', { class: 'split' }, canvas, panel),
  );

  const network = await fetchNetwork(kind, variables);
  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  const graph = graphOfNetwork(network, size, colour);
  const drawn = drawGraph(graph, canvas, (id) => {
    const node = byId.get(id);
    if (node) void showNode(panel, node);
  });
  ctx.onLeave(drawn.stop);
  // For the browser tests: where a node is drawn, so a test can click it as a person would.
  (window as unknown as { __sigma?: Sigma }).__sigma = drawn.renderer;
  canvas.dataset['nodes'] = String(graph.order);
  canvas.dataset['edges'] = String(graph.size);

  status.replaceChildren(
    `${network.description} ${formatNumber(network.nodeCount)} nodes, ${formatNumber(network.edgeCount)} edges`,
    network.truncated ? ` (cut from ${network.totalNodeCount})` : '',
    network.modularity === null ? '.' : `, modularity ${formatNumber(network.modularity)}.`,
  );
  ctx.setActions({ download: network.gexf, downloadLabel: 'GEXF', query: playgroundUrl(query, variables) });
  ctx.ready({ nodes: graph.order, edges: graph.size });
}

async function showNode(panel: HTMLElement, node: ApiNetworkNode): Promise<void> {
  panel.replaceChildren(
    h('h2', {}, node.label),
    h(
      'dl',
      { class: 'measures' },
      h('dt', {}, 'Degree'),
      h('dd', {}, formatNumber(node.degree)),
      h('dt', {}, 'Weighted degree'),
      h('dd', {}, formatNumber(node.weightedDegree)),
      h('dt', {}, 'Betweenness'),
      h('dd', {}, formatNumber(node.betweenness)),
      h('dt', {}, 'PageRank'),
      h('dd', {}, formatNumber(node.pageRank)),
      h('dt', {}, 'Community'),
      h('dd', {}, String(node.community)),
    ),
    h('p', {}, h('a', { href: recordHash(node.kind, node.id) }, 'Open the record page')),
  );
  const summary = await recordSummary(node.kind, node.id);
  if (summary) panel.append(summary);
}
