// The docs/benchmarks.md section of `npm run bench:scale`: latency by data-set size, with the
// issue's aims checked. Pure: results in, Markdown out.

import { formatMs, formatRatio } from './report';

export const SCALE_SECTION_START =
  '<!-- scale-bench:start (written by npm run bench:scale; edits inside are overwritten) -->';
export const SCALE_SECTION_END = '<!-- scale-bench:end -->';

/** What a scenario's aim is measured against. */
export type ScaleAim = 'indexed' | 'analytic';

/** One scenario at one size: sequential latencies of the measured requests, in ms. */
export interface SizeMeasurement {
  /** Data-set size as a multiple of the seeds (1 = the seeds alone). */
  factor: number;
  p50Ms: number;
  p90Ms: number;
  /** p50 of the seed data set (x1) measured in the same alternating rounds as this size. */
  baselineP50Ms: number;
  /** The first request after start-up (what a new data version costs once), in ms. */
  coldMs: number;
  /** Requests behind p50, per side (this size and x1 each). */
  requests: number;
  /** When this size was measured (ISO 8601); a run of other sizes (--sizes) keeps it. */
  measuredAt?: string;
}

export interface ScaleScenarioResult {
  name: string;
  description: string;
  aim: ScaleAim;
  sizes: SizeMeasurement[];
}

export interface ScaleDataSet {
  factor: number;
  projects: number;
  organisations: number;
  relationships: number;
  /** From start-up until the background computation of the analytics (src/resolvers/prewarmAnalytics.ts) ended. */
  prewarmMs?: number;
}

export interface ScaleReport {
  date: string;
  /** The run's wall time, building data sets included, in seconds. */
  wallTimeS?: number;
  /** The sizes this run measured (--sizes); others come from earlier runs. */
  sizesMeasured?: number[];
  machine: string;
  dataSets: ScaleDataSet[];
  scenarios: ScaleScenarioResult[];
  /** File name of the plot, relative to docs/. */
  plot: string | null;
}

/** At x1000: indexed reads within 1.2x of their x1 p50; network and coverage answers under 1 s. */
export const INDEXED_RATIO_AIM = 1.2;
export const ANALYTIC_P50_AIM_MS = 1000;

/** Whether a measurement meets its scenario's aim (only the largest size is judged). */
export function meetsAim(aim: ScaleAim, size: SizeMeasurement): boolean {
  return aim === 'indexed'
    ? size.p50Ms / size.baselineP50Ms <= INDEXED_RATIO_AIM
    : size.p50Ms < ANALYTIC_P50_AIM_MS;
}

function formatSeconds(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

function largest(result: ScaleScenarioResult): SizeMeasurement | undefined {
  return [...result.sizes].sort((a, b) => b.factor - a.factor)[0];
}

/** The Markdown section: data sets, the table of p50 (ratio to x1) per size, the aims. */
export function renderScaleSection(report: ScaleReport): string {
  const factors = [...new Set(report.scenarios.flatMap((s) => s.sizes.map((m) => m.factor)))].sort(
    (a, b) => a - b,
  );
  const sizeColumns = factors.map((f) => `x${f} p50 (ratio to x1) | x${f} first request`).join(' | ');
  const header = `| scenario | x1 p50 (median over the sizes' rounds) | ${sizeColumns} | aim at x${factors.at(-1) ?? '?'} |`;
  const rule = `|---|---:|${factors.map(() => '---:|---:').join('|')}|---|`;
  const rows = report.scenarios.map((scenario) => {
    const baseline = scenario.sizes.map((m) => m.baselineP50Ms).sort((a, b) => a - b)[
      Math.floor((scenario.sizes.length - 1) / 2)
    ];
    const cells = factors.map((factor) => {
      const m = scenario.sizes.find((size) => size.factor === factor);
      return m
        ? `${formatMs(m.p50Ms)} ms (${formatRatio(m.p50Ms / m.baselineP50Ms)}) | ${formatMs(m.coldMs)} ms`
        : '- | -';
    });
    const top = largest(scenario);
    const aimText =
      scenario.aim === 'indexed' ? `<= ${INDEXED_RATIO_AIM}x of x1` : `< ${ANALYTIC_P50_AIM_MS} ms`;
    const verdict = top
      ? meetsAim(scenario.aim, top)
        ? `met (${aimText})`
        : `**missed** (${aimText})`
      : '-';
    const x1 = baseline === undefined ? '-' : `${formatMs(baseline)} ms`;
    return `| ${scenario.name} | ${x1} | ${cells.join(' | ')} | ${verdict} |`;
  });
  const sets = report.dataSets
    .map(
      (set) =>
        `x${set.factor}: ${set.projects.toLocaleString('en')} projects, ` +
        `${set.organisations.toLocaleString('en')} organisations, ` +
        `${set.relationships.toLocaleString('en')} relationships` +
        (set.prewarmMs === undefined
          ? ''
          : ` (analytics prewarmed ${formatSeconds(set.prewarmMs)} after start-up)`),
    )
    .join('; ');
  const requests = Math.min(...report.scenarios.flatMap((s) => s.sizes.map((m) => m.requests)));
  const earlier = [
    ...new Set(
      report.scenarios.flatMap((s) =>
        s.sizes.filter((m) => m.measuredAt && m.measuredAt !== report.date).map((m) => m.factor),
      ),
    ),
  ].sort((a, b) => a - b);
  const earlierDates = earlier.map((factor) => {
    const at = report.scenarios.flatMap((s) => s.sizes).find((m) => m.factor === factor)?.measuredAt ?? '';
    return `x${factor} on ${at.slice(0, 16).replace('T', ' ')} UTC`;
  });
  const runLine =
    report.wallTimeS === undefined
      ? []
      : [
          `The run took ${formatSeconds(report.wallTimeS * 1000)} (sizes measured: ` +
            `${(report.sizesMeasured ?? []).map((f) => `x${f}`).join(', ')}` +
            `${earlier.length ? `; ${earlierDates.join(', ')} kept from earlier runs` : ''}).`,
          '',
        ];
  return [
    SCALE_SECTION_START,
    '## Flat at scale (npm run bench:scale)',
    '',
    'Sequential p50 latency over HTTP with the response cache off (RESPONSE_CACHE=false), on the seed graph (x1)',
    'and on synthetic data sets of 10, 100 and 1000 times its projects. The synthetic projects are made by the',
    'import bench\'s generator (bench/importData.ts: ids `bench-project-*`, partners "Synthetic Institute N [CC]"',
    'from a pool of one per 50 projects, seeded calls and funders) and loaded by `importFile`, so every write path',
    'invariant holds; each data set lives in its own folder (.data/bench-scale/x<N>-synthetic, marked by',
    'SYNTHETIC.json), never in the real data. Each size runs beside the seed graph, both Neo4j processes started',
    'afresh and warmed up by 20 passes, in alternating rounds, so both meet the same background load; each p50',
    `is of at least ${Number.isFinite(requests) ? requests : '-'} requests per side, and the ratio is to the x1 p50 ` +
      'of the same rounds.',
    'Shared analytics (the gap projection, the default networks) are computed once per data version, in the',
    'background after start-up and after each write (src/resolvers/prewarmAnalytics.ts); "first',
    'request" is the first answer once that prewarm has ended, so it shows what the first reader pays.',
    '`npm run bench:scale -- --sizes 1000` measures one size again and keeps the others; `npm run',
    'bench:scale:profile` PROFILEs every statement of the scenarios at x1 and one size, side by side.',
    '',
    `Data sets: ${sets}.`,
    '',
    header,
    rule,
    ...rows,
    '',
    ...(report.plot ? [`![p50 latency by data-set size](${report.plot})`, ''] : []),
    ...runLine,
    `Measured ${report.date.slice(0, 10)} on ${report.machine}.`,
    SCALE_SECTION_END,
  ].join('\n');
}
