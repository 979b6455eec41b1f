// The render benchmark page (/explore/bench.html?nodes=10000): draws a synthetic network of
// the given size with the network view's own code, runs the ForceAtlas2 worker, pans and zooms,
// and reports frame times in document.body.dataset.bench for bench/explorer.ts to read.

import { drawGraph, graphOfNetwork } from './networkView';
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

async function run(): Promise<void> {
  const size = Math.max(
    10,
    Math.min(50_000, Number(new URLSearchParams(location.search).get('nodes') ?? '10000')),
  );
  const started = performance.now();
  const network = syntheticNetwork(size);
  const graph = graphOfNetwork(network, 'pageRank', 'community');
  const container = document.getElementById('bench-canvas') as HTMLElement;
  const { renderer, stop } = drawGraph(graph, container, () => undefined);
  // sigma draws the first frame in its constructor; the next animation frame puts it on screen.
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const firstRenderMs = performance.now() - started;

  // Frame times while the layout runs and the camera pans and zooms (animated, as sigma's own
  // mouse and wheel handlers move it), for 3 s.
  const frames: number[] = [];
  const camera = renderer.getCamera();
  const moves = [
    { x: 0.3, y: 0.4, ratio: 0.5 },
    { x: 0.7, y: 0.6, ratio: 0.3 },
    { x: 0.5, y: 0.5, ratio: 1 },
  ];
  const measuring = new Promise<void>((resolve) => {
    let last = performance.now();
    const until = last + 3000;
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      if (now < until) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  for (const move of moves) await camera.animate(move, { duration: 1000 });
  await measuring;
  stop();
  const sorted = frames.slice(1).sort((a, b) => a - b);
  document.body.dataset['bench'] = JSON.stringify({
    nodes: graph.order,
    edges: graph.size,
    firstRenderMs: Math.round(firstRenderMs),
    frames: sorted.length,
    frameP50Ms: Number(percentile(sorted, 50).toFixed(1)),
    frameP95Ms: Number(percentile(sorted, 95).toFixed(1)),
    frameMaxMs: Number((sorted[sorted.length - 1] ?? 0).toFixed(1)),
  });
}

void run();
