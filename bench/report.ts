// Renders benchmark results as markdown (the section of docs/benchmarks.md the bench owns)
// and as a plain table for the terminal; pure functions of the results.

import type { LoadSummary } from './load';

/** The machine and software the numbers were measured on. */
export interface MachineFacts {
  /** `nproc`: the processors this process may use. */
  nproc: number;
  /** os.cpus(): model name and count. */
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  /** e.g. "Linux 6.1.0 x64". */
  os: string;
  /** e.g. "v20.20.2". */
  node: string;
  /** e.g. "5.26.0 community". */
  neo4j: string;
  /** os.loadavg() over 1 minute when measuring started and when it ended: other work on the machine. */
  loadAverage: { start: number; end: number };
}

export interface BenchSettings {
  /** Concurrent connections (GraphQL) and workers (floor). */
  connections: number;
  warmupSeconds: number;
  /** Measured time of each side, split into `rounds` alternating rounds. */
  durationSeconds: number;
  rounds: number;
}

/** One scenario's two measurements, taken one after the other in the same run. */
export interface ScenarioResult {
  name: string;
  description: string;
  graphql: LoadSummary;
  floor: LoadSummary;
}

export interface BenchReport {
  /** ISO 8601 time the run started. */
  date: string;
  machine: MachineFacts;
  settings: BenchSettings;
  scenarios: ScenarioResult[];
}

/** The aim of the issue: the nested page's p50 within this factor of its floor's p50. */
export const NESTED_PAGE_AIM = { scenario: 'nested page', maxP50Ratio: 1.5 } as const;

/** Markers around the part of docs/benchmarks.md that `npm run bench` rewrites. */
export const SECTION_START = '<!-- bench:start (written by npm run bench; edits inside are overwritten) -->';
export const SECTION_END = '<!-- bench:end -->';

/** p50 of GraphQL over p50 of the floor: how many times slower the API is than the floor. */
export function p50Ratio(result: ScenarioResult): number {
  return result.graphql.p50Ms / result.floor.p50Ms;
}

/** A latency in ms with two decimals, e.g. "3.14". */
export function formatMs(value: number): string {
  return value.toFixed(2);
}

/** A throughput rounded to whole requests per second. */
export function formatRate(value: number): string {
  return Math.round(value).toString();
}

/** A ratio with two decimals and an x, e.g. "1.42x". */
export function formatRatio(value: number): string {
  return `${value.toFixed(2)}x`;
}

const COLUMNS = [
  'scenario',
  'GraphQL req/s',
  'GraphQL p50 ms',
  'GraphQL p99 ms',
  'floor req/s',
  'floor p50 ms',
  'floor p99 ms',
  'p50 ratio',
] as const;

function tableRows(report: BenchReport): string[][] {
  return report.scenarios.map((result) => [
    result.name,
    formatRate(result.graphql.requestsPerSecond),
    formatMs(result.graphql.p50Ms),
    formatMs(result.graphql.p99Ms),
    formatRate(result.floor.requestsPerSecond),
    formatMs(result.floor.p50Ms),
    formatMs(result.floor.p99Ms),
    formatRatio(p50Ratio(result)),
  ]);
}

/** The results as a markdown table, one row per scenario, numbers right-aligned. */
export function renderMarkdownTable(report: BenchReport): string {
  const header = `| ${COLUMNS.join(' | ')} |`;
  const align = `| --- | ${COLUMNS.slice(1)
    .map(() => '---:')
    .join(' | ')} |`;
  const rows = tableRows(report).map((cells) => `| ${cells.join(' | ')} |`);
  return [header, align, ...rows].join('\n');
}

/** The results as a fixed-width text table for the terminal. */
export function renderTextTable(report: BenchReport): string {
  const rows = [[...COLUMNS], ...tableRows(report)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

/** Whether the nested page met its aim, as a sentence; null when that scenario did not run. */
export function aimVerdict(report: BenchReport): string | null {
  const result = report.scenarios.find((scenario) => scenario.name === NESTED_PAGE_AIM.scenario);
  if (!result) return null;
  const ratio = p50Ratio(result);
  const met = ratio <= NESTED_PAGE_AIM.maxP50Ratio;
  return (
    `Aim: the ${NESTED_PAGE_AIM.scenario}'s p50 within ${NESTED_PAGE_AIM.maxP50Ratio}x of its floor. ` +
    `Measured ${formatRatio(ratio)}: ${met ? 'met' : 'not met'}.`
  );
}

/** The markdown section the bench owns, markers included: method, run facts, table. */
export function renderSection(report: BenchReport): string {
  const { machine, settings } = report;
  const verdict = aimVerdict(report);
  return [
    SECTION_START,
    '## API latency: GraphQL against the Cypher floor',
    '',
    '`npm run bench` (bench/run.ts) starts the whole application (startApp) on an embedded Neo4j',
    'with a fresh temporary data folder, which it seeds with the real dataset, and serves it on',
    '127.0.0.1. For each scenario it measures two ways of getting the same answer:',
    '',
    '- GraphQL: autocannon posts the operation to /graphql over a few concurrent connections',
    '  (closed loop: each connection sends its next request when the previous one is answered);',
    '  every response must be byte-equal to the expected one. Latency is per response.',
    '- Floor: the best single hand-written Cypher statement for the same answer (bench/scenarios.ts),',
    '  run through neo4j-driver (one driver, a session and executeRead per request) by as many',
    '  concurrent in-process workers, timed with performance.now around each request.',
    '',
    'Before measuring, the bench checks that the floor returns exactly the GraphQL data (deep',
    'equality after a JSON round trip) and fails otherwise; any failed request fails it too. The',
    'measured time of each side is split into rounds alternating GraphQL and floor, so background',
    'load on the shared machine falls on both alike. Client and server share the machine (and,',
    'for GraphQL, the Node process), so the numbers include the cost of generating the load.',
    'Latencies are in milliseconds, p50 and p99 by linear interpolation over every request of the',
    'measured rounds; req/s is successful requests over measured wall time; the p50 ratio is',
    'GraphQL p50 over floor p50. Compare ratios within one run: absolute numbers move between',
    'runs on this noisy machine. Raw numbers: docs/benchmarks.json.',
    '',
    '### Latest run',
    '',
    `Run on ${report.date}.`,
    '',
    `- Machine: ${machine.nproc} processors (nproc); ${machine.cpuCount} x ${machine.cpuModel}; ` +
      `${machine.totalMemoryGiB.toFixed(1)} GiB memory; ${machine.os}; 1-minute load average ` +
      `${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end.toFixed(1)} at the end.`,
    `- Software: Node ${machine.node}; Neo4j ${machine.neo4j} (embedded).`,
    `- Load: ${settings.connections} concurrent connections (GraphQL, autocannon) or workers (floor, ` +
      `in-process loop); per scenario and side ${settings.warmupSeconds} s warm-up, then ` +
      `${settings.durationSeconds} s measured in ${settings.rounds} round${settings.rounds === 1 ? '' : 's'} ` +
      `alternating GraphQL and floor.`,
    '',
    renderMarkdownTable(report),
    '',
    ...(verdict ? [verdict, ''] : []),
    'Scenarios:',
    '',
    ...report.scenarios.map((result) => `- ${result.name}: ${result.description}.`),
    SECTION_END,
  ].join('\n');
}

/** The file's text when it does not exist yet: a title, then the section. */
export function renderNewDocument(section: string): string {
  return `# Benchmarks\n\n${section}\n`;
}

/** The two comment lines that enclose one generated section of docs/benchmarks.md. */
export interface SectionMarkers {
  start: string;
  end: string;
}

/**
 * Replaces the bench's section of `existing` (between `markers`, by default SECTION_START and
 * SECTION_END) with `section`; a document without the markers gets the section appended;
 * null (no file yet) gives a new document.
 * @throws TypeError when the markers are present but out of order or repeated.
 */
export function replaceSection(
  existing: string | null,
  section: string,
  markers: SectionMarkers = { start: SECTION_START, end: SECTION_END },
): string {
  if (existing === null) return renderNewDocument(section);
  const start = existing.indexOf(markers.start);
  const end = existing.indexOf(markers.end);
  if (start < 0 && end < 0) return `${existing.replace(/\s*$/, '')}\n\n${section}\n`;
  if (
    start < 0 ||
    end < start ||
    existing.indexOf(markers.start, start + 1) >= 0 ||
    existing.indexOf(markers.end, end + 1) >= 0
  ) {
    throw new TypeError(
      `replaceSection expects one ${markers.start} marker followed by one ${markers.end} marker`,
    );
  }
  return existing.slice(0, start) + section + existing.slice(end + markers.end.length);
}
