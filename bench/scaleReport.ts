// The docs/benchmarks.md section of `npm run bench:scale`: latency by data-set size, with the
// issue's aims checked. Pure: results in, Markdown out.

import { formatMs, formatRatio } from './report';
import { UnreachableCaseError } from '../src/errors';

export const SCALE_SECTION_START =
  '<!-- scale-bench:start (written by npm run bench:scale; edits inside are overwritten) -->';
export const SCALE_SECTION_END = '<!-- scale-bench:end -->';

/**
 * What a scenario's aim is measured against: `indexed` reads within 1.2x of x1 (issue 11), `page`
 * the nested and deep pages of 50 within 1.5x (issue 20), `analytic` answers under 1 s.
 */
export type ScaleAim = 'indexed' | 'page' | 'analytic';

/** One scenario at one size: sequential latencies of the measured requests, in ms. */
export interface SizeMeasurement {
  /** Data-set size as a multiple of the seeds (1 = the seeds alone), rounded. */
  factor: number;
  /** The size's name (`x1000`, `100k`); reports before it had one are `x<factor>`. */
  label?: string;
  p50Ms: number;
  p90Ms: number;
  /** p50 of the seed data set (x1) measured in the same alternating rounds as this size. */
  baselineP50Ms: number;
  /**
   * The median over the rounds of each round's p50 over x1's p50 in the same round (both sides
   * measured back to back, the order alternating): steadier than the ratio of the two p50s when
   * load comes in bursts. Reports written before it have none: the ratio of the p50s stands in.
   */
  ratio?: number;
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
  label?: string;
  projects: number;
  organisations: number;
  relationships: number;
  /** From start-up until the background computation of the analytics (src/resolvers/prewarmAnalytics.ts) ended. */
  prewarmMs?: number;
  /** The seed file's version the data set was built on (SYNTHETIC.json). */
  seedVersion?: string;
}

/** Ours against @neo4j/graphql on one size's database (bench/scale.ts measurePeer). */
export interface ScalePeerMeasurement {
  /** The size's label (`100k`). */
  label: string;
  /** The peer bench's scenario (bench/peerScenarios.ts). */
  scenario: string;
  description: string;
  oursP50Ms: number;
  theirsP50Ms: number;
  /** The median over the rounds of each round's p50 of ours over theirs (below 1: ours is faster). */
  ratio: number;
  /** Requests behind each p50, per side. */
  requests: number;
  measuredAt: string;
}

export interface ScaleReport {
  date: string;
  /** The run's wall time, building data sets included, in seconds. */
  wallTimeS?: number;
  /** The sizes this run measured (--sizes), by label (by factor in older reports); others come from earlier runs. */
  sizesMeasured?: Array<string | number>;
  machine: string;
  dataSets: ScaleDataSet[];
  scenarios: ScaleScenarioResult[];
  /** Ours against @neo4j/graphql on the same database (absent in reports written before it). */
  peer?: ScalePeerMeasurement[];
  /** File name of the plot, relative to docs/. */
  plot: string | null;
}

/** At the largest size: indexed reads within 1.2x of their x1 p50, pages of 50 within 1.5x; analytics under 1 s. */
export const INDEXED_RATIO_AIM = 1.2;
export const PAGE_RATIO_AIM = 1.5;
export const ANALYTIC_P50_AIM_MS = 1000;

/** A size's name: its label, or `x<factor>` in reports written before sizes had labels. */
export function sizeLabel(size: { factor: number; label?: string }): string {
  return size.label ?? `x${size.factor}`;
}

/** A size's ratio to x1: the median of the rounds' ratios, or the ratio of the p50s in older reports. */
export function ratioToSeeds(size: SizeMeasurement): number {
  return size.ratio ?? size.p50Ms / size.baselineP50Ms;
}

/** Whether a measurement meets its scenario's aim (only the largest size is judged). */
export function meetsAim(aim: ScaleAim, size: SizeMeasurement): boolean {
  switch (aim) {
    case 'indexed':
      return ratioToSeeds(size) <= INDEXED_RATIO_AIM;
    case 'page':
      return ratioToSeeds(size) <= PAGE_RATIO_AIM;
    case 'analytic':
      return size.p50Ms < ANALYTIC_P50_AIM_MS;
    default:
      throw new UnreachableCaseError(aim);
  }
}

function aimText(aim: ScaleAim): string {
  switch (aim) {
    case 'indexed':
      return `<= ${INDEXED_RATIO_AIM}x of x1`;
    case 'page':
      return `<= ${PAGE_RATIO_AIM}x of x1`;
    case 'analytic':
      return `< ${ANALYTIC_P50_AIM_MS} ms`;
    default:
      throw new UnreachableCaseError(aim);
  }
}

function formatSeconds(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

function largest(result: ScaleScenarioResult): SizeMeasurement | undefined {
  return [...result.sizes].sort((a, b) => b.factor - a.factor)[0];
}

/** The Markdown section: data sets, the table of p50 (ratio to x1) per size, the aims. */
export function renderScaleSection(report: ScaleReport): string {
  const all = report.scenarios.flatMap((s) => s.sizes);
  const labels = [...new Map(all.map((m) => [sizeLabel(m), m.factor])).entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([label]) => label);
  const sizeColumns = labels.map((l) => `${l} p50 (ratio to x1) | ${l} first request`).join(' | ');
  const header = `| scenario | x1 p50 (median over the sizes' rounds) | ${sizeColumns} | aim (at the largest size) |`;
  const rule = `|---|---:|${labels.map(() => '---:|---:').join('|')}|---|`;
  const rows = report.scenarios.map((scenario) => {
    const baseline = scenario.sizes.map((m) => m.baselineP50Ms).sort((a, b) => a - b)[
      Math.floor((scenario.sizes.length - 1) / 2)
    ];
    const cells = labels.map((label) => {
      const m = scenario.sizes.find((size) => sizeLabel(size) === label);
      return m
        ? `${formatMs(m.p50Ms)} ms (${formatRatio(ratioToSeeds(m))}) | ${formatMs(m.coldMs)} ms`
        : '- | -';
    });
    const top = largest(scenario);
    const aim = aimText(scenario.aim);
    const verdict = top ? (meetsAim(scenario.aim, top) ? `met (${aim})` : `**missed** (${aim})`) : '-';
    const x1 = baseline === undefined ? '-' : `${formatMs(baseline)} ms`;
    return `| ${scenario.name} | ${x1} | ${cells.join(' | ')} | ${verdict} |`;
  });
  const seedsOfX1 = report.dataSets.find((set) => set.factor === 1)?.seedVersion;
  const sets = report.dataSets
    .map(
      (set) =>
        `${sizeLabel(set)}: ${set.projects.toLocaleString('en')} projects, ` +
        `${set.organisations.toLocaleString('en')} organisations, ` +
        `${set.relationships.toLocaleString('en')} relationships` +
        (set.prewarmMs === undefined
          ? ''
          : ` (analytics prewarmed ${formatSeconds(set.prewarmMs)} after start-up)`) +
        (set.seedVersion && seedsOfX1 && set.seedVersion !== seedsOfX1
          ? `, built over seed file ${set.seedVersion} (x1: ${seedsOfX1}; kept with --keep-data)`
          : ''),
    )
    .join('; ');
  const requests = Math.min(...all.map((m) => m.requests));
  const earlierDates = labels.flatMap((label) => {
    const at = all.find(
      (m) => sizeLabel(m) === label && m.measuredAt && m.measuredAt !== report.date,
    )?.measuredAt;
    return at ? [`${label} on ${at.slice(0, 16).replace('T', ' ')} UTC`] : [];
  });
  const measured = (report.sizesMeasured ?? []).map((size) => (typeof size === 'number' ? `x${size}` : size));
  const runLine =
    report.wallTimeS === undefined
      ? []
      : [
          `The run took ${formatSeconds(report.wallTimeS * 1000)} (sizes measured: ${measured.join(', ')}` +
            `${earlierDates.length ? `; ${earlierDates.join(', ')} kept from earlier runs` : ''}).`,
          '',
        ];
  return [
    SCALE_SECTION_START,
    '## Flat at scale (npm run bench:scale)',
    '',
    'Sequential p50 latency over HTTP with the response cache off (RESPONSE_CACHE=false), on the seed graph (x1)',
    'and on synthetic data sets of 10, 100 and 1000 times its projects and of 100,000 projects (100k: the import',
    "bench's own file). The synthetic projects are made by the import bench's generator (bench/importData.ts: ids",
    '`bench-project-*`, partners "Synthetic Institute N [CC]" from a pool of one per 50 projects, seeded calls and',
    'funders) and loaded by `importFile` (what `npm run import` runs), so every write path invariant holds; each',
    'data set lives in its own folder (.data/bench-scale/<size>-synthetic, marked by',
    'SYNTHETIC.json), never in the real data. Each size runs beside the seed graph, both Neo4j processes started',
    'afresh and warmed up by 20 passes, in alternating rounds, so both meet the same background load; each p50',
    `is of at least ${Number.isFinite(requests) ? requests : '-'} requests per side, and the ratio is the median over the ` +
      "rounds of each round's p50 over x1's (which side goes first alternates by round; sizes measured before that",
    'show the ratio of the two p50s).',
    'Shared analytics (the gap projection, the default networks) are computed once per data version, in the',
    'background after start-up and after each write (src/resolvers/prewarmAnalytics.ts); "first',
    'request" is the first answer once that prewarm has ended, so it shows what the first reader pays.',
    '`npm run bench:scale -- --sizes 1000` (or `100k`) measures one size again and keeps the others; `npm run',
    'bench:scale:profile -- --size 100k` PROFILEs every statement of the scenarios at x1 and one size, side by side.',
    '',
    `Data sets: ${sets}.`,
    '',
    header,
    rule,
    ...rows,
    '',
    ...peerLines(report.peer ?? []),
    ...(report.plot ? [`![p50 latency by data-set size](${report.plot})`, ''] : []),
    ...runLine,
    `Measured ${report.date.slice(0, 10)} on ${report.machine}.`,
    SCALE_SECTION_END,
  ].join('\n');
}

/** The table of ours against @neo4j/graphql on the same database, with its paragraph; nothing without figures. */
function peerLines(peer: readonly ScalePeerMeasurement[]): string[] {
  if (peer.length === 0) return [];
  return [
    "Against @neo4j/graphql on the same database (bench/peerServers.ts, the peer bench's scenario and type",
    'definitions, both answers checked equal first; ours with the response cache off; alternating rounds, the',
    "ratio the median of each round's p50 of ours over theirs):",
    '',
    '| size | scenario | ours p50 | @neo4j/graphql p50 | ours / theirs | requests per side | measured |',
    '|---|---|---:|---:|---:|---:|---|',
    ...peer.map(
      (m) =>
        `| ${m.label} | ${m.scenario}: ${m.description} | ${formatMs(m.oursP50Ms)} ms | ${formatMs(m.theirsP50Ms)} ms | ` +
        `${formatRatio(m.ratio)} | ${m.requests} | ${m.measuredAt.slice(0, 16).replace('T', ' ')} UTC |`,
    ),
    '',
  ];
}
