// The docs/benchmarks.md section of `npm run bench:gap-projection`: the gap projection of a built
// data folder as the analytics memo counts it and as V8 holds it, and the coverage and gap measures
// answered from it in memory. Pure: the run's figures in, Markdown out.

export const GAP_PROJECTION_SECTION_START =
  '<!-- gap-projection-bench:start (written by npm run bench:gap-projection; edits inside are overwritten) -->';
export const GAP_PROJECTION_SECTION_END = '<!-- gap-projection-bench:end -->';

/** What a data folder's SYNTHETIC.json says (bench/scaleData.ts writes it when it builds one). */
export interface DataFolderMarker {
  label: string;
  syntheticProjects: number;
  /** Absent in folders built before the marker named their seeds. */
  seedVersion?: string;
  builtAt: string;
}

/** One measure answered from the projection in memory. */
export interface GapMeasureTiming {
  name: string;
  /** Wall time of the computation. */
  ms: number;
  /** This process's CPU time (user and system) over it: what to compare on a shared machine. */
  cpuMs: number;
  /** sha256 of the answer's JSON (keys in canonical order, uncompared keys left out), first 16 hex digits. */
  fingerprint: string;
}

export interface GapProjectionReport {
  date: string;
  /** CPU model, core count and Node version. */
  machine: string;
  /** os.loadavg() (1, 5 and 15 minutes) when the run started and ended. */
  loadAverage: { start: number[]; end: number[] };
  /** The data folder's name and its marker (null: the folder holds none, so it is not known to be a bench build). */
  data: { folder: string; marker: DataFolderMarker | null };
  projects: number;
  calls: number;
  /** Gap, stage and objective links of the projection's projects. */
  links: number;
  /** Reading the projection from Neo4j: wall time, Neo4j's CPU and this process's CPU. */
  read: { ms: number; neo4jCpuMs: number; nodeCpuMs: number };
  /** approximateBytes of the projection: what the analytics memo keeps it at. */
  countedBytes: number;
  /** Heap held by the projection after GC. */
  heapBytes: number;
  /** The analytics budget of the default MEMORY_LIMIT_MIB: its share and what one result may take. */
  budget: { limitBytes: number; shareBytes: number; largestBytes: number };
  measures: GapMeasureTiming[];
}

const MIB = 1024 * 1024;

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

function ms(value: number): string {
  return value.toFixed(0);
}

/** The section, markers included. */
export function renderGapProjectionSection(report: GapProjectionReport): string {
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
  const busy = Math.max(report.loadAverage.start[0] ?? 0, report.loadAverage.end[0] ?? 0) > 2;
  const { marker } = report.data;
  const dataLine = marker
    ? `Data folder \`${report.data.folder}\`: the seeds (version ${marker.seedVersion ?? 'not recorded'})` +
      (marker.syntheticProjects > 0
        ? ` and ${marker.syntheticProjects.toLocaleString('en')} synthetic projects of bench/importData.ts`
        : ' alone') +
      ` (size ${marker.label}, built ${marker.builtAt}).`
    : `Data folder \`${report.data.folder}\` (no SYNTHETIC.json: not a folder bench:scale or this bench built).`;
  const kept = report.countedBytes <= report.budget.largestBytes;
  return [
    GAP_PROJECTION_SECTION_START,
    '## The gap projection at size (npm run bench:gap-projection)',
    '',
    `Measured ${report.date} on ${report.machine}; load average (1, 5, 15 min) ${load(report.loadAverage.start)} ` +
      `at the start, ${load(report.loadAverage.end)} at the end` +
      `${busy ? ' (the machine was busy: the times are provisional; compare CPU, not wall time)' : ''}.`,
    dataLine,
    'The bench reads the gap projection (every project with its gap, stage and objective links, the',
    "coverage and gap measures' one input) from an embedded Neo4j on the folder, weighs it as the",
    'analytics memo counts it and as V8 holds it (heap after GC), then computes the measures from it in',
    "memory, each once. Fingerprints are sha256 of the answer with keys in canonical order (links' evidence",
    "and rule book versions and entries' rowKind left out, so that builds before and after they changed",
    'compare), first 16 hex digits: two builds give the same answers when their fingerprints are equal.',
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| projects | ${report.projects.toLocaleString('en')} |`,
    `| calls | ${report.calls.toLocaleString('en')} |`,
    `| project links (gaps, stages, objectives) | ${report.links.toLocaleString('en')} |`,
    `| read from Neo4j, wall ms | ${ms(report.read.ms)} |`,
    `| read: Neo4j CPU ms / this process's CPU ms | ${ms(report.read.neo4jCpuMs)} / ${ms(report.read.nodeCpuMs)} |`,
    `| counted (approximateBytes, what the analytics memo keeps it at) | ${mib(report.countedBytes)} |`,
    `| heap held after GC | ${mib(report.heapBytes)} |`,
    `| analytics budget at MEMORY_LIMIT_MIB=${report.budget.limitBytes / MIB}: share / one result up to | ` +
      `${mib(report.budget.shareBytes)} / ${mib(report.budget.largestBytes)} |`,
    `| kept by the memo (counted within one result's room) | ${kept ? 'yes' : '**no**: read anew per request'} |`,
    '',
    '| measure, from the projection in memory | wall ms | CPU ms | answer |',
    '| --- | ---: | ---: | --- |',
    ...report.measures.map(
      (measure) =>
        `| ${measure.name} | ${ms(measure.ms)} | ${ms(measure.cpuMs)} | \`${measure.fingerprint}\` |`,
    ),
    GAP_PROJECTION_SECTION_END,
  ].join('\n');
}
