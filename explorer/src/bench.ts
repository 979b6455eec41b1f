// The render benchmark page (/explore/bench.html?nodes=10000): draws a synthetic network of
// the given size with the network view's own code, runs the ForceAtlas2 worker until it
// settles, then pans (a mouse drag), zooms (wheel turns) and hovers node after node, as sigma's
// own mouse handlers see a person do it, and reports frame times per phase in
// document.body.dataset.bench for bench/explorer.ts to read.

import { drawGraph, graphOfNetwork, isLargeNetwork } from './networkView';
import type { ApiNetwork, ApiNetworkNode } from './networkData';

/** A small deterministic generator (mulberry32), so every run draws the same network. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A network with `nodes` nodes and about 2.5 edges per node, preferential by index. */
function syntheticNetwork(nodes: number): Pick<ApiNetwork, 'nodes' | 'edges'> {
  const next = random(42);
  const list: ApiNetworkNode[] = [];
  for (let index = 0; index < nodes; index += 1) {
    list.push({
      id: `n${index}`,
      label: `Synthetic ${index}`,
      kind: 'FUNDER',
      attributes: {},
      coordinates: null,
      degree: 0,
      weightedDegree: 0,
      betweenness: 0,
      pageRank: next(),
      community: 1 + Math.floor(next() * 12),
    });
  }
  const edges: ApiNetwork['edges'] = [];
  for (let index = 1; index < nodes; index += 1) {
    for (let k = 0; k < 2 + (next() < 0.5 ? 1 : 0); k += 1) {
      const other = Math.floor(next() ** 2 * index);
      if (other !== index)
        edges.push({ source: `n${other}`, target: `n${index}`, weight: 1 + Math.floor(next() * 4) });
    }
  }
  return { nodes: list, edges };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

interface PhaseResult {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** The phase's length over its frames: what a person sees as the frame rate. */
  mean: number;
  /** Median main-thread time of sigma's render() (beforeRender to afterRender) in the phase. */
  renderP50: number;
  /** How many full renders sigma made in the phase. */
  renders: number;
  /** What the phase asserted about the drawing, e.g. whether edges were drawn while moving. */
  [key: string]: number;
}

function summarise(frames: number[], renders: number[]): PhaseResult {
  const sorted = [...frames].sort((a, b) => a - b);
  const renderSorted = [...renders].sort((a, b) => a - b);
  const round = (value: number) => Number(value.toFixed(1));
  return {
    frames: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.reduce((sum, frame) => sum + frame, 0) / Math.max(1, sorted.length)),
    renderP50: round(percentile(renderSorted, 50)),
    renders: renders.length,
  };
}

/**
 * Pixels with any opacity on a canvas, at a 300 x 200 sample; a WebGL canvas is read in the task
 * that drew it (sigma does not preserve its drawing buffer).
 */
function drawnPixels(canvas: HTMLCanvasElement): number {
  const copy = document.createElement('canvas');
  copy.width = 300;
  copy.height = 200;
  const context = copy.getContext('2d')!;
  context.drawImage(canvas, 0, 0, copy.width, copy.height);
  const { data } = context.getImageData(0, 0, copy.width, copy.height);
  let count = 0;
  for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) count += 1;
  return count;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function run(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const size = Math.max(10, Math.min(50_000, Number(params.get('nodes') ?? '10000')));
  const phaseMs = Math.max(500, Math.min(10_000, Number(params.get('phaseMs') ?? '2500')));
  const started = performance.now();
  const network = syntheticNetwork(size);
  // ?large=off draws it as networks under LARGE_NETWORK_NODES are drawn: the before of the bench.
  const large = params.get('large') === 'off' ? false : isLargeNetwork(size);
  const graph = graphOfNetwork(network, 'pageRank', 'community', large);
  const container = document.getElementById('bench-canvas') as HTMLElement;
  const drawn = drawGraph(graph, container, () => undefined, large);
  const { renderer } = drawn;
  // sigma draws the first frame in its constructor; the next animation frame puts it on screen.
  await nextFrame();
  const firstRenderMs = performance.now() - started;

  // sigma's own render time, per render, for the phase being measured.
  let renders: number[] = [];
  let renderStart = 0;
  renderer.on('beforeRender', () => {
    renderStart = performance.now();
  });
  renderer.on('afterRender', () => renders.push(performance.now() - renderStart));

  /** Resolves once three animation frames in a row passed without a render: the stage is at rest. */
  async function atRest(): Promise<void> {
    let count = renders.length;
    for (let still = 0; still < 3;) {
      await nextFrame();
      still = renders.length === count ? still + 1 : 0;
      count = renders.length;
    }
  }

  /** Frame times (between animation frames) while `act` runs once per frame for `ms`. */
  async function phase(name: string, ms: number, act: (frame: number) => void): Promise<PhaseResult> {
    // bench/explorer.ts reads the browser's CPU time at these marks.
    console.info(`bench-phase:${name}:start`);
    renders = [];
    const frames: number[] = [];
    let last = await nextFrame();
    const until = last + ms;
    // At least five frames, however slow they are.
    for (let frame = 0; last < until || frame < 5; frame += 1) {
      act(frame);
      const now = await nextFrame();
      frames.push(now - last);
      last = now;
    }
    console.info(`bench-phase:${name}:end`);
    return summarise(frames, renders);
  }

  // 1. The layout: ForceAtlas2 in its worker, the camera still.
  const layout = await phase('layout', phaseMs, () => undefined);
  await drawn.settled;
  await atRest();

  const target = container.querySelector('canvas.sigma-mouse') ?? container.lastElementChild!;
  const box = container.getBoundingClientRect();
  const fire = (type: string, x: number, y: number, extra: WheelEventInit = {}) =>
    target.dispatchEvent(
      type === 'wheel'
        ? new WheelEvent(type, { clientX: box.left + x, clientY: box.top + y, bubbles: true, ...extra })
        : new MouseEvent(type, { clientX: box.left + x, clientY: box.top + y, bubbles: true, ...extra }),
    );
  /** Whether the next frame sigma draws has edges on its edge layer (read back from the canvas). */
  const edgesDrawn = () =>
    new Promise<number>((resolve) => {
      renderer.once('afterRender', () => resolve(Number(drawnPixels(renderer.getCanvases()['edges']!) > 0)));
      renderer.scheduleRender();
    });

  // 2. Pan: a drag across the canvas, one mouse move per frame (as Chromium delivers them).
  const probes: Promise<number>[] = [];
  fire('mousedown', box.width / 2, box.height / 2, { button: 0 });
  const pan = await phase('pan', phaseMs, (frame) => {
    const step = frame % 120 < 60 ? frame % 60 : 60 - (frame % 60);
    fire('mousemove', box.width / 2 + 6 * step, box.height / 2 + 3 * step, { buttons: 1 });
    if (frame === 0) probes.push(edgesDrawn());
  });
  fire('mouseup', box.width / 2, box.height / 2, { button: 0 });
  pan['edgesWhileMoving'] = await probes[0]!;
  // The drag's inertia and sigma's refresh after it.
  await atRest();
  pan['edgesAfterMoving'] = await edgesDrawn();

  // 3. Zoom: a wheel notch every frame at the centre, in for 30 frames then out (sigma animates
  // each over 250 ms and drops a notch within 50 ms of the last, so the camera never rests).
  const zoom = await phase('zoom', phaseMs, (frame) => {
    fire('wheel', box.width / 2, box.height / 2, { deltaY: Math.floor(frame / 30) % 2 ? 100 : -100 });
  });
  await atRest();
  renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  await atRest();

  // 4. Hover: the pointer goes from node to node, one move per frame; each enters a new node,
  // whose neighbours are highlighted.
  const nodes = graph.nodes();
  let entered = 0;
  renderer.on('enterNode', () => (entered += 1));
  const hover = await phase('hover', phaseMs, (frame) => {
    const node = nodes[(frame * 7919) % nodes.length]!;
    const { x, y } = renderer.graphToViewport(graph.getNodeAttributes(node) as { x: number; y: number });
    fire('mousemove', x, y);
  });
  hover['entered'] = entered;
  // The hovered node's neighbourhood, on sigma's hover layer (a 2D canvas: readable any time).
  hover['hoverLayerPixels'] = drawnPixels(renderer.getCanvases()['hovers']!);
  // ?keep=1 leaves the drawing (and the last hovered node) on screen, to look at it.
  if (!params.get('keep')) drawn.stop();

  document.body.dataset['bench'] = JSON.stringify({
    nodes: graph.order,
    edges: graph.size,
    firstRenderMs: Math.round(firstRenderMs),
    layout,
    pan,
    zoom,
    hover,
  });
}

void run();
