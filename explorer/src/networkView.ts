// The network view: sigma.js over graphology, laid out by ForceAtlas2 in a web worker, sized
// by a chosen centrality, coloured by community or kind; hover shows neighbours, a click
// opens the record in the side panel.

import Graph from 'graphology';
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import { drawDiscNodeHover, EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import { playgroundUrl } from './api';
import { h, select } from './dom';
import { formatNumber } from './format';
import { filterBar, loadCatalogue, withLoadedDataset } from './filters';
import {
  type ApiNetwork,
  type ApiNetworkNode,
  fetchNetwork,
  networkKindOf,
  networkQuery,
  networkVariables,
} from './networkData';
import { type DrawnLabel, LABEL_EVERY_NODE_UP_TO, separateLabels, shortLabel } from './labelLayout';
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
/**
 * Above this many nodes the network is drawn in its large-network mode (smaller point nodes, 1 px
 * lines, picking on the CPU, hover drawn on the hover layer only, the layout copied to the screen
 * twice a second, edges shown once it settles). On a 10,000-node network this took panning from
 * hundreds of milliseconds a frame to tens (docs/benchmarks.md); smaller networks are drawn as before.
 */
export const LARGE_NETWORK_NODES = 2000;
/** How often, in large-network mode, the running layout's positions are copied to the drawing. */
const LAYOUT_COPY_MS = 500;

/** Whether a network of this many nodes is drawn in large-network mode. */
export function isLargeNetwork(nodes: number): boolean {
  return nodes > LARGE_NETWORK_NODES;
}

/** Builds the graphology graph sigma draws; exported for the 10,000-node benchmark page. */
export function graphOfNetwork(
  network: Pick<ApiNetwork, 'nodes' | 'edges'>,
  size: SizeMeasure,
  colour: string,
  large: boolean = isLargeNetwork(network.nodes.length),
): Graph {
  const graph = new Graph({ type: 'undirected' });
  const values = network.nodes.map((node) => node[size]);
  const max = Math.max(...values, 1e-9);
  // 10,000 nodes of 4-20 px on a 1200 x 800 canvas cover it about seven times over: large
  // networks get 1.5-6 px nodes, which leave them readable and cost the GPU a seventh of the fill.
  const [smallest, range] = large ? [1.5, 4.5] : [4, 16];
  // Small networks label every node (placed apart once the layout settles: placeLabels), long
  // names shortened at rest; the whole name is drawn on hover (fullLabel) and in the side panel.
  const everyLabel = network.nodes.length <= LABEL_EVERY_NODE_UP_TO;
  for (const node of network.nodes) {
    const colourIndex = colour === 'kind' ? KINDS.indexOf(node.kind) : node.community - 1;
    graph.addNode(node.id, {
      label: everyLabel ? shortLabel(node.label) : node.label,
      fullLabel: node.label,
      size: smallest + range * Math.sqrt(node[size] / max),
      color: categoryColour(colourIndex),
      kind: node.kind,
      forceLabel: everyLabel,
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

/**
 * Point nodes drawn without sigma's picking pass: in large-network mode the node under the
 * pointer is found on the CPU (nodeAtPosition), which spares a second drawing of every node per
 * frame and the synchronous GPU read-back sigma makes on every mouse move.
 */
class PointProgramWithoutPicking extends NodePointProgram {
  constructor(gl: WebGLRenderingContext, _picking: WebGLFramebuffer | null, renderer: Sigma) {
    super(gl, null, renderer);
  }
}

/** The topmost drawn node whose disc holds a viewport point, found on the CPU (~1 ms at 10,000). */
function nodeAtPosition(renderer: Sigma, nodes: string[], position: { x: number; y: number }): string | null {
  // While the stage is dragged nothing is hovered: sigma asks on every mouse move.
  if (renderer.getMouseCaptor().isMouseDown) return null;
  const point = renderer.viewportToFramedGraph(position);
  const origin = renderer.viewportToFramedGraph({ x: 0, y: 0 });
  const step = renderer.viewportToFramedGraph({ x: 1, y: 0 });
  // The framed graph is scaled alike on both axes: one viewport pixel is this long in it.
  const unit = Math.hypot(step.x - origin.x, step.y - origin.y);
  // A node's drawn radius in pixels is its size times this (sigma's scaleSize is linear in size).
  const pixelsPerSize = renderer.scaleSize(1);
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const data = renderer.getNodeDisplayData(nodes[index]);
    if (!data || data.hidden) continue;
    const radius = (data.size * pixelsPerSize + 1) * unit;
    const dx = data.x - point.x;
    const dy = data.y - point.y;
    if (dx * dx + dy * dy <= radius * radius) return nodes[index]!;
  }
  return null;
}

/** What drawGraph hands back: the renderer, a stop function and when the layout has settled. */
export interface DrawnGraph {
  renderer: Sigma;
  stop: () => void;
  settled: Promise<void>;
}

/**
 * Draws a graph with hover highlighting. `large` (by default above LARGE_NETWORK_NODES nodes)
 * picks the large-network mode; the benchmark page turns it off to measure what it saves.
 */
export function drawGraph(
  graph: Graph,
  container: HTMLElement,
  onClick: (id: string) => void,
  large: boolean = isLargeNetwork(graph.order),
): DrawnGraph {
  let hovered: string | null = null;
  let neighbours = new Set<string>();
  // On large networks the edges wait until the layout settles: drawing 25,000 of them on every
  // ForceAtlas2 iteration is what made a 10,000-node network stutter (docs/benchmarks.md).
  let edgesWait = graph.order > LARGE_NETWORK_NODES;
  const renderer: Sigma = new Sigma(graph, container, {
    labelDensity: 0.08,
    labelGridCellSize: 80,
    labelRenderedSizeThreshold: large ? 6 : 8,
    labelColor: { color: '#111' },
    zIndex: true,
    // Edges and labels are most of a frame's work; while the camera moves they wait, so
    // dragging a 10,000-node network stays fluid (docs/benchmarks.md).
    hideEdgesOnMove: true,
    hideLabelsOnMove: true,
    ...(large
      ? {
          nodeProgramClasses: { circle: PointProgramWithoutPicking },
          edgeProgramClasses: { line: EdgeLineProgram },
          // The neighbourhood is drawn on the hover layer: entering a node redraws that layer
          // only, where fading the rest meant reprocessing and redrawing every node and edge.
          defaultDrawNodeHover: (context, data, settings) => {
            drawNeighbourhood(context, renderer, graph, hovered);
            drawDiscNodeHover(context, data, settings);
          },
        }
      : {}),
    // Without a hovered node the data pass through untouched: no object per node per frame.
    nodeReducer: (node, data) => {
      if (hovered === null || large) return data;
      if (node === hovered)
        return { ...data, zIndex: 1, label: (data['fullLabel'] as string | undefined) ?? data.label };
      if (neighbours.has(node)) return { ...data, zIndex: 1 };
      return { ...data, color: '#e2e2e2', label: '', zIndex: 0 };
    },
    edgeReducer: (edge, data) => {
      if (edgesWait) return { ...data, hidden: true };
      if (hovered === null || large) return data;
      const [source, target] = graph.extremities(edge);
      return source === hovered || target === hovered
        ? { ...data, color: '#555' }
        : { ...data, hidden: true };
    },
  });
  if (large) {
    const nodes = graph.nodes();
    (
      renderer as unknown as { getNodeAtPosition: (p: { x: number; y: number }) => string | null }
    ).getNodeAtPosition = (position) => nodeAtPosition(renderer, nodes, position);
  }
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    neighbours = new Set(graph.neighbors(node));
    if (!large) renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    neighbours = new Set();
    if (!large) renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => onClick(node));

  let layout: FA2Layout | null = null;
  let timer: number | undefined;
  let copier: number | undefined;
  let markSettled = () => undefined as void;
  const settled = new Promise<void>((resolve) => (markSettled = resolve));
  if (graph.order <= 1) markSettled();
  else {
    // Large networks are laid out on a bare copy whose positions reach the drawing twice a
    // second: every position update makes sigma reprocess every node (~150 ms at 10,000).
    const laidOut = large ? bareCopy(graph) : graph;
    const copyPositions = () =>
      graph.updateEachNodeAttributes(
        (node, attributes) => {
          attributes['x'] = laidOut.getNodeAttribute(node, 'x') as number;
          attributes['y'] = laidOut.getNodeAttribute(node, 'y') as number;
          return attributes;
        },
        { attributes: ['x', 'y'] },
      );
    layout = new FA2Layout(laidOut, {
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 },
    });
    layout.start();
    // Counted from the first iteration the worker hands back: on 10,000 nodes that one alone
    // can take seconds, and a clock started earlier stopped the layout before it moved a node.
    laidOut.once('eachNodeAttributesUpdated', () => {
      if (large) copier = window.setInterval(copyPositions, LAYOUT_COPY_MS);
      timer = window.setTimeout(() => {
        layout?.stop();
        window.clearInterval(copier);
        if (large) copyPositions();
        edgesWait = false;
        // Placed labels moved nodes: those few dozen are indexed again, the others are not.
        if (graph.order <= LABEL_EVERY_NODE_UP_TO) {
          placeLabels(renderer, graph);
          renderer.refresh();
        } else renderer.refresh({ skipIndexation: true });
        markSettled();
      }, LAYOUT_MS);
    });
  }
  return {
    renderer,
    settled,
    stop: () => {
      window.clearTimeout(timer);
      window.clearInterval(copier);
      layout?.kill();
      renderer.kill();
    },
  };
}

/**
 * Moves the nodes of a small network so that no label overlaps another label or disc and every
 * label lies inside the canvas (labelLayout.ts), in viewport pixels as sigma draws them. The
 * graph's frame is fixed first: otherwise moving a node to the edge would rescale the others.
 */
function placeLabels(renderer: Sigma, graph: Graph): void {
  const { labelSize, labelFont, labelWeight } = renderer.getSettings();
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return;
  measure.font = `${labelWeight} ${labelSize}px ${labelFont}`;
  // The layout's last positions may have reached the graph after sigma's last frame, and until
  // the next one sigma's display data hold them unframed (one run in three drew every node at the
  // canvas edges): frame everything now, and read positions from the graph itself.
  renderer.refresh();
  const drawn: DrawnLabel[] = [];
  graph.forEachNode((node, attributes) => {
    const centre = renderer.graphToViewport({ x: attributes['x'] as number, y: attributes['y'] as number });
    drawn.push({
      id: node,
      x: centre.x,
      y: centre.y,
      radius: renderer.scaleSize(attributes['size'] as number),
      labelWidth: measure.measureText(String(attributes['label'] ?? '')).width,
      labelHeight: labelSize * 1.2,
    });
  });
  const { width, height } = renderer.getDimensions();
  renderer.setCustomBBox(renderer.getBBox());
  for (const [node, centre] of separateLabels(drawn, width, height)) {
    const position = renderer.viewportToGraph(centre);
    graph.mergeNodeAttributes(node, { x: position.x, y: position.y });
  }
}

/** The graph's nodes with their positions and its edges, nothing else: what ForceAtlas2 needs. */
function bareCopy(graph: Graph): Graph {
  const copy = new Graph({ type: 'undirected' });
  graph.forEachNode((node, attributes) => copy.addNode(node, { x: attributes['x'], y: attributes['y'] }));
  graph.forEachEdge((_edge, _attributes, source, target) => copy.addEdge(source, target));
  return copy;
}

/** Lines from the hovered node to its neighbours and a ring on each, on sigma's hover layer. */
function drawNeighbourhood(
  context: CanvasRenderingContext2D,
  renderer: Sigma,
  graph: Graph,
  hovered: string | null,
): void {
  if (hovered === null) return;
  const centre = renderer.getNodeDisplayData(hovered);
  if (!centre) return;
  const from = renderer.framedGraphToViewport(centre);
  context.save();
  context.strokeStyle = '#555';
  context.lineWidth = 1;
  context.beginPath();
  const rings: [number, number, number][] = [];
  graph.forEachNeighbor(hovered, (neighbour) => {
    const data = renderer.getNodeDisplayData(neighbour);
    if (!data) return;
    const to = renderer.framedGraphToViewport(data);
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    rings.push([to.x, to.y, renderer.scaleSize(data.size) + 2]);
  });
  context.stroke();
  context.strokeStyle = '#111';
  context.lineWidth = 1.5;
  context.beginPath();
  for (const [x, y, radius] of rings) {
    context.moveTo(x + radius, y);
    context.arc(x, y, radius, 0, 2 * Math.PI);
  }
  context.stroke();
  context.restore();
}

/** Renders the network view into `ctx.main`. */
export async function renderNetworkView(ctx: ViewContext): Promise<void> {
  const { params } = ctx.route;
  const kind = networkKindOf(params);
  const size = (SIZE_MEASURES.find(([value]) => value === params.get('size'))?.[0] ??
    'pageRank') as SizeMeasure;
  const colour = params.get('colour') === 'kind' ? 'kind' : 'community';
  const catalogue = await loadCatalogue();
  const variables = networkVariables(
    kind,
    withLoadedDataset(catalogue, params),
    catalogue.networkFilterFields,
  );
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
  // Read by the browser tests: the layout has stopped and the labels are where they rest.
  void drawn.settled.then(() => (canvas.dataset['settled'] = 'true'));

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
