// The plot of `npm run bench:scale`: p50 latency by data-set size, one line per scenario,
// both axes logarithmic, drawn offline with pureimage (pure JavaScript, no native binary).

import fs from 'node:fs';
// pureimage is typed as an ES module but ships a CommonJS build (its "main"), which require loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports
const PImage = require('pureimage') as typeof import('pureimage', { with: { 'resolution-mode': 'import' } });
import type { ScaleScenarioResult } from './scaleReport';

/** Fonts tried in turn for the labels (Debian's DejaVu or Liberation); without one the plot has no text. */
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
];
const COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#17becf',
];
const WIDTH = 900;
const HEIGHT = 560;
const MARGIN = { left: 80, right: 230, top: 40, bottom: 60 };

/** Writes the PNG to `file`; returns false when no font was found (the lines are still drawn). */
export async function renderScalePlot(
  scenarios: readonly ScaleScenarioResult[],
  file: string,
): Promise<boolean> {
  const fontFile = FONT_FILES.find((candidate) => fs.existsSync(candidate));
  if (fontFile) PImage.registerFont(fontFile, 'PlotSans').loadSync();
  const image = PImage.make(WIDTH, HEIGHT);
  const ctx = image.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);

  const points = scenarios.flatMap((s) =>
    s.sizes.flatMap((m) => [
      { f: 1, ms: m.baselineP50Ms },
      { f: m.factor, ms: m.p50Ms },
    ]),
  );
  const maxFactor = Math.max(...points.map((p) => p.f));
  const minMs = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...points.map((p) => p.ms)))));
  const maxMs = 10 ** Math.ceil(Math.log10(Math.max(...points.map((p) => p.ms))));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (factor: number) => MARGIN.left + (Math.log10(factor) / Math.log10(maxFactor)) * plotW;
  const y = (ms: number) =>
    MARGIN.top +
    plotH -
    ((Math.log10(ms) - Math.log10(minMs)) / (Math.log10(maxMs) - Math.log10(minMs))) * plotH;
  const text = (value: string, px: number, py: number, size = 13) => {
    if (!fontFile) return;
    ctx.font = `${size}px PlotSans`;
    ctx.fillStyle = '#222222';
    ctx.fillText(value, px, py);
  };
  const line = (x1: number, y1: number, x2: number, y2: number, colour: string, width = 1) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  };

  for (let ms = minMs; ms <= maxMs; ms *= 10) {
    line(MARGIN.left, y(ms), MARGIN.left + plotW, y(ms), '#dddddd');
    text(ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`, 10, y(ms) + 4);
  }
  for (let factor = 1; factor <= maxFactor; factor *= 10) {
    line(x(factor), MARGIN.top, x(factor), MARGIN.top + plotH, '#dddddd');
    text(`x${factor}`, x(factor) - 12, MARGIN.top + plotH + 20);
  }
  line(MARGIN.left, y(1000), MARGIN.left + plotW, y(1000), '#d62728');
  text('1 s aim (network, coverage)', MARGIN.left + 6, y(1000) + 14, 11);
  text(
    'p50 latency (ms, log) by data-set size (multiple of the seed graph, log); response cache off',
    MARGIN.left,
    24,
    14,
  );
  text('data-set size', MARGIN.left + plotW / 2 - 40, HEIGHT - 16);

  scenarios.forEach((scenario, index) => {
    const colour = COLOURS[index % COLOURS.length]!;
    const series = [
      { f: 1, ms: median(scenario.sizes.map((m) => m.baselineP50Ms)) },
      ...scenario.sizes.map((m) => ({ f: m.factor, ms: m.p50Ms })),
    ].sort((a, b) => a.f - b.f);
    for (let i = 1; i < series.length; i += 1)
      line(x(series[i - 1]!.f), y(series[i - 1]!.ms), x(series[i]!.f), y(series[i]!.ms), colour, 2);
    for (const point of series) {
      ctx.fillStyle = colour;
      ctx.fillRect(x(point.f) - 3, y(point.ms) - 3, 6, 6);
    }
    const legendY = MARGIN.top + 10 + index * 22;
    line(WIDTH - MARGIN.right + 16, legendY, WIDTH - MARGIN.right + 40, legendY, colour, 3);
    text(scenario.name, WIDTH - MARGIN.right + 46, legendY + 4);
  });

  await PImage.encodePNGToStream(image, fs.createWriteStream(file));
  return fontFile !== undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
