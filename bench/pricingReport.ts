// The figures and the docs/benchmarks.md section of `npm run bench:pricing`, as pure functions:
// each corpus query's requested price against what its answer held (extensions.cost.actual).

import { percentile } from './load';

/** One realistic query as measured. */
export interface PricedQuery {
  name: string;
  question: string;
  /** The price without the graph statistics (each list at its first, cap or page; ids filters counted). */
  capsPrice: number;
  /** extensions.cost.requested, priced with the statistics. */
  requested: number;
  /** extensions.cost.actual: objects of the answer plus the analytics work. */
  actual: number;
  /** Median answer time over the rounds, ms. */
  ms: number;
  /** Size of the answer, bytes. */
  bytes: number;
}

/** One huge shape as answered. */
export interface RefusedQuery {
  name: string;
  question: string;
  capsPrice: number;
  requested: number;
  status: number;
  code: string | null;
}

export interface RatioSummary {
  median: number;
  max: number;
  /** Queries whose requested price is over 10 and over 100 times their actual. */
  over10: number;
  over100: number;
}

/** requested / actual of a query (an empty answer counts as one object). */
export function priceRatio(query: Pick<PricedQuery, 'requested' | 'actual'>): number {
  return query.requested / Math.max(1, query.actual);
}

/**
 * The median and largest ratio of requested price to actual over `queries`, and how many
 * exceed issue 19's aims (median under 10x, none of the realistic ones over 100x).
 * @throws TypeError for an empty list.
 */
export function summariseRatios(
  queries: ReadonlyArray<Pick<PricedQuery, 'requested' | 'actual'>>,
): RatioSummary {
  if (queries.length === 0) throw new TypeError('summariseRatios expects at least one query, received none');
  const ratios = queries.map(priceRatio).sort((a, b) => a - b);
  return {
    median: percentile(ratios, 50),
    max: ratios.at(-1)!,
    over10: ratios.filter((ratio) => ratio > 10).length,
    over100: ratios.filter((ratio) => ratio > 100).length,
  };
}

const thousands = (value: number) => Math.round(value).toLocaleString('en-GB');
const ratio = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)}x`;

export interface PricingRun {
  date: string;
  machine: string;
  loadAverage: number;
  limit: number;
  rounds: number;
  realistic: PricedQuery[];
  huge: RefusedQuery[];
  /** Microseconds per pricing of the nested page, with and without the statistics. */
  pricingMicros: { withStatistics: number; capsOnly: number };
  /** The nested page's p50 over HTTP in the same run, ms. */
  nestedPageP50Ms: number;
}

/** The markdown of the run, between `start` and `end` marker lines. */
export function renderPricingSection(run: PricingRun, start: string, end: string): string {
  const summary = summariseRatios(run.realistic);
  const caps = summariseRatios(
    run.realistic.map((query) => ({ requested: query.capsPrice, actual: query.actual })),
  );
  const refusedBefore = run.realistic.filter((query) => query.capsPrice > run.limit).length;
  const overheadShare = (run.pricingMicros.withStatistics / 1000 / run.nestedPageP50Ms) * 100;
  const rows = run.realistic.map(
    (query) =>
      `| ${query.name} | ${query.question.replace(/\|/g, '\\|')} | ${thousands(query.capsPrice)}${query.capsPrice > run.limit ? ' (refused)' : ''} | ${thousands(query.requested)} | ${thousands(query.actual)} | ${ratio(priceRatio(query))} | ${query.ms.toFixed(0)} | ${thousands(query.bytes)} |`,
  );
  const huge = run.huge.map(
    (query) =>
      `| ${query.name} | ${query.question.replace(/\|/g, '\\|')} | ${thousands(query.capsPrice)} | ${thousands(query.requested)} | ${query.status} ${query.code ?? ''} |`,
  );
  return [
    start,
    '## Query prices that follow the data (npm run bench:pricing)',
    '',
    `Measured ${run.date} on ${run.machine}; load average ${run.loadAverage.toFixed(1)} at the end` +
      `${run.loadAverage > 2 ? ' (the machine was busy: the times are provisional, the prices and ratios are not)' : ''}.`,
    'One embedded Neo4j with the seeds, one server with the default limits and the graph statistics of the',
    `prewarm; each query sent anonymously, ${run.rounds} timed rounds after one warm-up (median time).`,
    '"Caps only" is the price without the statistics (each list at its `first`, cap or page: what a server',
    'charges before its first statistics; before issue 19 an `ids` filter did not count either, so the first',
    `row was 18,202,021); "requested" is extensions.cost.requested, "actual" extensions.cost.actual; the limit is ${thousands(run.limit)}.`,
    '',
    `Realistic queries (${run.realistic.length}, bench/queries/realistic and bench:peer's deep scenario): requested / actual`,
    `median **${ratio(summary.median)}** (aim under 10x), largest **${ratio(summary.max)}** (aim: none over 100x; ${summary.over100} over),`,
    `${summary.over10} over 10x. With the caps only: median ${ratio(caps.median)}, largest ${ratio(caps.max)}, and ${refusedBefore} of`,
    `the ${run.realistic.length} refused by the limit.`,
    '',
    `Pricing the parsed nested page (projects(first: 50) with funders, partners, countries) takes ` +
      `${run.pricingMicros.withStatistics.toFixed(1)} µs with the statistics and ${run.pricingMicros.capsOnly.toFixed(1)} µs ` +
      `with the caps only, against the page's p50 of ${run.nestedPageP50Ms.toFixed(1)} ms over HTTP in the same run: ` +
      `**${overheadShare.toFixed(3)}%** (aim under 5%; bench:fairness measures the whole protection on against off).`,
    '',
    '| query | question | caps only | requested | actual | ratio | ms | bytes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Huge shapes (bench/queries/huge), each refused before any Cypher runs:',
    '',
    '| query | question | caps only | requested | answer |',
    '| --- | --- | ---: | ---: | --- |',
    ...huge,
    end,
  ].join('\n');
}
