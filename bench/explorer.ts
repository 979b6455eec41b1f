// `npm run bench:explorer`: the explorer in headless Chromium against the whole application on
// the real dataset. Measures the first render of the whole co-funding network and the frame
// times of synthetic networks (10, 1,000 and 10,000 nodes) drawn by the network view's own code
// while the layout runs, the stage is dragged, the wheel zooms and the pointer hovers node after
// node; the 10,000-node network with its large-network mode off (before) and on (after), in
// alternating rounds. Takes a screenshot of each view for docs/explorer.md and writes its
// section of docs/benchmarks.md. `npm run bench:explorer -- --screenshots` retakes the
// screenshots alone (a minute; the figures in docs/benchmarks.md are left as they are).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../src/config';
import { startBenchApp } from './benchApp';
import { launchChromium } from './chromium';

const START =
  '<!-- explorer-bench:start (written by npm run bench:explorer; edits inside are overwritten) -->';
const END = '<!-- explorer-bench:end -->';
const RUNS = 5;
/** Rounds of the 10,000-node network, its large-network mode off then on in each. */
const SYNTHETIC_ROUNDS = 3;
const PHASES = ['layout', 'pan', 'zoom', 'hover'] as const;
type Phase = (typeof PHASES)[number];

/** One phase of bench.html: frame times (ms) and what it read from the drawing. */
interface PhaseResult {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  renderP50: number;
  /** CPU time of every Chromium process during the phase, per frame (Linux /proc). */
  cpuPerFrame?: number;
  edgesWhileMoving?: number;
  edgesAfterMoving?: number;
  entered?: number;
}
type SyntheticResult = { nodes: number; edges: number; firstRenderMs: number; large: boolean } & Record<
  Phase,
  PhaseResult
>;

const VIEWS: [string, string][] = [
  ['network', '#/network?net=cofunding&basis=CALLS'],
  // 35 organisations with long names: every label at rest, apart (issue 19 item 7).
  ['network-organisations', '#/network?net=collaboration&level=ORGANISATIONS'],
  ['map', '#/map?layer=countries'],
  ['gaps', '#/gaps'],
  ['record', '#/record/project/project-permanens'],
];

async function readyOf(browser: Browser, url: string): Promise<Record<string, number>> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    return JSON.parse((await page.getAttribute('body', 'data-ready'))!) as Record<string, number>;
  } finally {
    await page.close();
  }
}

/** CPU time (ms) used so far by the Chromium processes under this one, from /proc; null elsewhere. */
function chromiumCpuMs(): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const stats = new Map<string, { parent: string; ticks: number; name: string }>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      stats.set(pid, { parent: fields[1]!, ticks: Number(fields[11]) + Number(fields[12]), name });
    } catch {
      // The process ended while we read.
    }
  }
  const ours = new Set([String(process.pid)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, stat] of stats)
      if (!ours.has(pid) && ours.has(stat.parent)) {
        ours.add(pid);
        grew = true;
      }
  }
  let ticks = 0;
  // Chromium only: the embedded Neo4j is our child too.
  for (const pid of ours) if (stats.get(pid)?.name.startsWith('chrom')) ticks += stats.get(pid)!.ticks;
  return (ticks * 1000) / 100;
}

async function syntheticRun(
  browser: Browser,
  base: string,
  nodes: number,
  large: 'on' | 'off' | 'default' = 'default',
): Promise<SyntheticResult> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  // bench.html logs the start and end of each phase; the browser's CPU time is read at each.
  const startCpu = new Map<string, number>();
  const cpu = new Map<string, number>();
  page.on('console', (message) => {
    const mark = /^bench-phase:(\w+):(start|end)$/.exec(message.text());
    const now = chromiumCpuMs();
    if (!mark || now === null) return;
    if (mark[2] === 'start') startCpu.set(mark[1]!, now);
    else cpu.set(mark[1]!, now - (startCpu.get(mark[1]!) ?? now));
  });
  try {
    const mode = large === 'default' ? '' : `&large=${large}`;
    await page.goto(`${base}/explore/bench.html?nodes=${nodes}${mode}`);
    await page.waitForSelector('body[data-bench]', { timeout: 600_000 });
    const result = JSON.parse((await page.getAttribute('body', 'data-bench'))!) as SyntheticResult;
    for (const phase of PHASES) {
      const used = cpu.get(phase);
      if (used !== undefined && result[phase].frames > 0)
        result[phase].cpuPerFrame = Math.round(used / result[phase].frames);
    }
    return result;
  } finally {
    await page.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One table row: a network, how it was drawn, and per phase the median over rounds of p50 / p95. */
function syntheticRow(label: string, runs: SyntheticResult[]): string {
  const first = runs[0]!;
  const cell = (phase: Phase) => {
    const p50 = median(runs.map((run) => run[phase].p50));
    const p95 = median(runs.map((run) => run[phase].p95));
    const mean = median(runs.map((run) => run[phase].mean));
    const cpu = runs.every((run) => run[phase].cpuPerFrame !== undefined)
      ? ` (${median(runs.map((run) => run[phase].cpuPerFrame!))})`
      : '';
    return `${p50.toFixed(0)} / ${p95.toFixed(0)} / ${mean.toFixed(0)}${cpu}`;
  };
  return `| ${first.nodes.toLocaleString('en')} | ${first.edges.toLocaleString('en')} | ${label} | ${runs.length} | ${median(runs.map((r) => r.firstRenderMs))} | ${PHASES.map(cell).join(' | ')} |`;
}

/** Takes the screenshot of each view into docs/explorer/, a network once its labels rest. */
async function takeScreenshots(browser: Browser, base: string): Promise<void> {
  const shotsDir = path.join(PROJECT_ROOT, 'docs', 'explorer');
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const [name, hash] of VIEWS) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/explore${hash}`);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    // A network rests once ForceAtlas2 has run (2.5 s) and its labels are placed; the other
    // views draw at once, their tiles and fonts within a moment.
    if (name.startsWith('network'))
      await page.waitForSelector('#network-canvas[data-settled]', { timeout: 60_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
    await page.close();
  }
}

async function main(): Promise<void> {
  const screenshotsOnly = process.argv.includes('--screenshots');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-graph-explorer-bench-'));
  const { app } = await startBenchApp(dataDir);
  const base = app.url.replace(/\/graphql$/, '');
  const browser = await launchChromium();
  const loadBefore = os.loadavg()[0]!;
  try {
    if (screenshotsOnly) {
      await takeScreenshots(browser, base);
      return;
    }
    // Warm the server and the browser cache once, as a returning visitor.
    await readyOf(browser, `${base}/explore${VIEWS[0]![1]}`);
    const firstRenders: Record<string, number>[] = [];
    for (let run = 0; run < RUNS; run += 1)
      firstRenders.push(await readyOf(browser, `${base}/explore${VIEWS[0]![1]}`));

    await takeScreenshots(browser, base);
    // Last: the synthetic networks keep the machine busy longest. The 10,000-node network is
    // drawn before (large-network mode off: as every network was drawn until then) and after,
    // alternately, so both see the same load.
    const floor = await syntheticRun(browser, base, 10);
    const thousand = await syntheticRun(browser, base, 1000);
    const before: SyntheticResult[] = [];
    const after: SyntheticResult[] = [];
    const loads: number[] = [os.loadavg()[0]!];
    for (let round = 0; round < SYNTHETIC_ROUNDS; round += 1) {
      before.push(await syntheticRun(browser, base, 10_000, 'off'));
      after.push(await syntheticRun(browser, base, 10_000, 'on'));
      loads.push(os.loadavg()[0]!);
    }
    const loadAfter = os.loadavg()[0]!;
    const ratio = (phase: Phase, measure: 'p50' | 'mean' | 'cpuPerFrame') =>
      (
        median(after.map((r) => r[phase][measure] ?? NaN)) /
        median(before.map((r) => r[phase][measure] ?? NaN))
      ).toFixed(2);
    const ratios = (measure: 'p50' | 'mean' | 'cpuPerFrame') =>
      (['pan', 'zoom', 'hover'] as const).map((phase) => `${phase} ${ratio(phase, measure)}x`).join(', ');
    const edgesHidden = after.every((r) => r.pan.edgesWhileMoving === 0 && r.pan.edgesAfterMoving === 1);

    const first = firstRenders[0]!;
    const section = `${START}
## Explorer rendering (npm run bench:explorer)

Headless Chromium ${browser.version()} (Debian's, WebGL through SwiftShader: no GPU here, so these
are software-rendering figures: every pixel is filled by the CPU) against the whole application
on the real dataset. Measured ${new Date().toISOString()}, 1-minute load average ${loadBefore.toFixed(1)}
at the start, ${loads.map((l) => l.toFixed(1)).join(', ')} around the 10,000-node rounds and
${loadAfter.toFixed(1)} at the end, on 2 cores shared with other work: frame times stretch with
the load, so the before/after ratio below (measured in alternating rounds) is the figure to keep.

**First render of the whole co-funding network** (${first['nodes']} nodes, ${first['edges']} edges): median
${median(firstRenders.map((r) => r['sinceNavigationMs']!))} ms from navigation to the drawn graph over ${RUNS} loads
after one warm-up (${median(firstRenders.map((r) => r['renderMs']!))} ms of it from the start of the view: the API call,
the graph and sigma's first frame). Aim: under 1 s.

**Synthetic networks** drawn by the network view's own code (graphOfNetwork, drawGraph) on a
1200 x 800 canvas (device pixel ratio 1), 2.5 s per phase: *layout* while ForceAtlas2 runs, then
once it has settled *pan* (a mouse drag, one move per frame), *zoom* (a wheel notch every
frame) and *hover* (the pointer on a new node every frame), as sigma's own handlers see them.
Each cell: frame p50 / p95 / mean in ms (time between animation frames; the mean is the phase's
length over its frames, the frame rate a person sees, since Chromium lets a frame or two run
ahead of SwiftShader), then in brackets the CPU time of all Chromium processes per frame (ms;
SwiftShader's drawing included), median over the rounds. *Layout* frames include those without a
redraw (in large mode the drawing moves twice a second).

| nodes | edges | drawn as | rounds | first render (ms) | layout | pan | zoom | hover |
|---:|---:|---|---:|---:|---|---|---|---|
${syntheticRow('small network', [floor])}
${syntheticRow('small network', [thousand])}
${syntheticRow('before: large mode off', before)}
${syntheticRow('after: large mode on', after)}

10,000 nodes, after / before: frame p50 ${ratios('p50')}; mean frame ${ratios('mean')};
browser CPU per frame ${ratios('cpuPerFrame')}. In every round after, the edges were ${edgesHidden ? '' : 'NOT '}absent
from the drawing during the drag and back after it (read from the edge layer's pixels).
The 10-node row is the floor of this machine and browser: sigma clears and composites seven
full-size canvas layers per frame whatever the network, so a frame cannot be cheaper than that
here. A frame p50 of 16.7 ms is the display's 60 Hz.
${END}`;
    const docPath = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
    const existing = fs.readFileSync(docPath, 'utf8');
    const startAt = existing.indexOf(START);
    const endAt = existing.indexOf(END);
    const next =
      startAt >= 0 && endAt > startAt
        ? existing.slice(0, startAt) + section + existing.slice(endAt + END.length)
        : `${existing.replace(/\s*$/, '')}\n\n${section}\n`;
    fs.writeFileSync(docPath, next);
    process.stdout.write(`${section}\n`);
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
