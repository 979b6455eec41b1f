// Specifies bench:gap-projection's section of docs/benchmarks.md: between its own markers, with
// the machine and its load, the data folder it read, its figures and each measure's answer.

import {
  GAP_PROJECTION_SECTION_END,
  GAP_PROJECTION_SECTION_START,
  type GapProjectionReport,
  renderGapProjectionSection,
} from '../../../bench/gapProjectionReport';
import { replaceSection } from '../../../bench/report';

const MIB = 1024 * 1024;

const report = (overrides: Partial<GapProjectionReport> = {}): GapProjectionReport => ({
  date: '2026-12-07T10:00:00.000Z',
  machine: 'AMD EPYC (nproc 2), Node v20.20.2',
  loadAverage: { start: [1.5, 1.8, 2.1], end: [1.9, 1.8, 2.0] },
  data: {
    folder: '.data/bench-scale/100k-synthetic',
    marker: {
      label: '100k',
      syntheticProjects: 100_000,
      seedVersion: '2026-11-29.4',
      builtAt: '2026-12-07T00:30:00.000Z',
    },
  },
  projects: 100_030,
  calls: 18,
  links: 800_202,
  read: { ms: 41_234, neo4jCpuMs: 52_010, nodeCpuMs: 9_870 },
  countedBytes: 65.7 * MIB,
  heapBytes: 81.9 * MIB,
  budget: { limitBytes: 512 * MIB, shareBytes: 64 * MIB, largestBytes: 128 * MIB },
  measures: [
    { name: 'coverage GAP x MACRO (default)', ms: 812.4, cpuMs: 830, fingerprint: '95886bafd78fca4d' },
    { name: 'coverageTrend of GAP gap-x, every link', ms: 120, cpuMs: 118, fingerprint: '99113626e0cce2d7' },
  ],
  ...overrides,
});

describe('renderGapProjectionSection', () => {
  it('is enclosed by its markers, so that a run replaces only its own section', () => {
    const section = renderGapProjectionSection(report());
    expect(section.startsWith(GAP_PROJECTION_SECTION_START)).toBe(true);
    expect(section.endsWith(GAP_PROJECTION_SECTION_END)).toBe(true);
    const doc = `# Benchmarks\n\nbefore\n\n${renderGapProjectionSection(report({ projects: 1 }))}\n\nafter\n`;
    const replaced = replaceSection(doc, section, {
      start: GAP_PROJECTION_SECTION_START,
      end: GAP_PROJECTION_SECTION_END,
    });
    expect(replaced).toBe(`# Benchmarks\n\nbefore\n\n${section}\n\nafter\n`);
  });

  it('names the machine, its load at the start and end, and the data folder it read', () => {
    const section = renderGapProjectionSection(report());
    expect(section).toContain(
      'Measured 2026-12-07T10:00:00.000Z on AMD EPYC (nproc 2), Node v20.20.2; load average (1, 5, 15 min) ' +
        '1.50, 1.80, 2.10 at the start, 1.90, 1.80, 2.00 at the end.',
    );
    expect(section).toContain(
      'Data folder `.data/bench-scale/100k-synthetic`: the seeds (version 2026-11-29.4) and 100,000 synthetic ' +
        'projects of bench/importData.ts (size 100k, built 2026-12-07T00:30:00.000Z).',
    );
  });

  it('calls its times provisional when the machine was busy, and says when a folder is not a bench build', () => {
    const section = renderGapProjectionSection(
      report({
        loadAverage: { start: [2.5, 2, 2], end: [1, 1, 1] },
        data: { folder: '/tmp/copy', marker: null },
      }),
    );
    expect(section).toContain(
      '(the machine was busy: the times are provisional; compare CPU, not wall time)',
    );
    expect(section).toContain('Data folder `/tmp/copy` (no SYNTHETIC.json');
  });

  it('tabulates the figures and each measure with its CPU time and answer', () => {
    const section = renderGapProjectionSection(report());
    expect(section).toContain('| projects | 100,030 |');
    expect(section).toContain('| project links (gaps, stages, objectives) | 800,202 |');
    expect(section).toContain("| read: Neo4j CPU ms / this process's CPU ms | 52010 / 9870 |");
    expect(section).toContain(
      '| counted (approximateBytes, what the analytics memo keeps it at) | 65.7 MiB |',
    );
    expect(section).toContain('| heap held after GC | 81.9 MiB |');
    expect(section).toContain("| kept by the memo (counted within one result's room) | yes |");
    expect(section).toContain('| coverage GAP x MACRO (default) | 812 | 830 | `95886bafd78fca4d` |');
  });

  it('says when the projection outgrows what one analytics result may take', () => {
    const section = renderGapProjectionSection(report({ countedBytes: 395 * MIB }));
    expect(section).toContain(
      "| kept by the memo (counted within one result's room) | **no**: read anew per request |",
    );
  });
});
