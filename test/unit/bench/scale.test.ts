// Specifies bench:scale's pure parts: its operations are valid against the schema, the aims
// are judged at the largest size, and its section of docs/benchmarks.md is its own.

import { buildSchema, parse, validate } from 'graphql';
import { replaceSection } from '../../../bench/report';
import { SCALE_SCENARIOS } from '../../../bench/scaleScenarios';
import {
  meetsAim,
  renderScaleSection,
  SCALE_SECTION_END,
  SCALE_SECTION_START,
  type ScaleReport,
  type SizeMeasurement,
} from '../../../bench/scaleReport';
import { parseScaleSize } from '../../../bench/scaleSizes';
import { loadTypeDefs } from '../../../src/schema';

const size = (factor: number, p50Ms: number, baselineP50Ms: number): SizeMeasurement => ({
  factor,
  p50Ms,
  p90Ms: p50Ms,
  baselineP50Ms,
  coldMs: p50Ms * 3,
  requests: 30,
});

const REPORT: ScaleReport = {
  date: '2026-11-29T12:00:00.000Z',
  machine: 'a test machine',
  dataSets: [{ factor: 1, projects: 30, organisations: 100, relationships: 900 }],
  scenarios: [
    { name: 'by id', description: 'd', aim: 'indexed', sizes: [size(10, 2.1, 2), size(1000, 2.6, 2)] },
    {
      name: 'coverageMatrix',
      description: 'd',
      aim: 'analytic',
      sizes: [size(10, 20, 10), size(1000, 400, 10)],
    },
  ],
  plot: 'benchmarks-scale.png',
};

describe('SCALE_SCENARIOS', () => {
  it('are valid operations of the schema', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    for (const scenario of SCALE_SCENARIOS) {
      expect([scenario.name, validate(schema, parse(scenario.graphql.query)).map((e) => e.message)]).toEqual([
        scenario.name,
        [],
      ]);
    }
  });
});

describe('parseScaleSize', () => {
  it('reads a multiple of the seed graph', () => {
    expect(parseScaleSize('1000', 30)).toEqual({ label: 'x1000', factor: 1000, syntheticProjects: 29_970 });
  });

  it("reads thousands of synthetic projects (100k: the import bench's file) on top of the seeds", () => {
    expect(parseScaleSize(' 100k', 30)).toEqual({ label: '100k', factor: 3334, syntheticProjects: 100_000 });
  });

  it.each(['1', '0k', '100K', 'x10', ''])('refuses %p, naming --sizes', (raw) => {
    expect(() => parseScaleSize(raw, 30)).toThrow('--sizes expects an integer');
  });
});

describe('meetsAim', () => {
  it('judges indexed reads by their ratio to x1, pages by 1.5x and analytic answers by 1 s', () => {
    expect(meetsAim('indexed', size(1000, 2.4, 2))).toBe(true);
    expect(meetsAim('indexed', size(1000, 2.5, 2))).toBe(false);
    expect(meetsAim('page', size(1000, 3, 2))).toBe(true);
    expect(meetsAim('page', size(1000, 3.1, 2))).toBe(false);
    expect(meetsAim('analytic', size(1000, 999, 1))).toBe(true);
    expect(meetsAim('analytic', size(1000, 1000, 1))).toBe(false);
  });
});

describe('renderScaleSection', () => {
  it('gives p50, ratio and first request per size and the verdict at the largest size', () => {
    const section = renderScaleSection(REPORT);
    expect(section.startsWith(SCALE_SECTION_START)).toBe(true);
    expect(section.endsWith(SCALE_SECTION_END)).toBe(true);
    expect(section).toContain(
      '| by id | 2.00 ms | 2.10 ms (1.05x) | 6.30 ms | 2.60 ms (1.30x) | 7.80 ms | **missed** (<= 1.2x of x1) |',
    );
    expect(section).toContain(
      '| coverageMatrix | 10.00 ms | 20.00 ms (2.00x) | 60.00 ms | 400.00 ms (40.00x) | 1200.00 ms | met (< 1000 ms) |',
    );
    expect(section).toContain('![p50 latency by data-set size](benchmarks-scale.png)');
  });

  it('names sizes by their labels, in the order of their size, the largest judged', () => {
    const labelled: ScaleReport = {
      ...REPORT,
      dataSets: [
        ...REPORT.dataSets,
        { factor: 3334, label: '100k', projects: 100_030, organisations: 2034, relationships: 1 },
      ],
      scenarios: [
        {
          name: 'deep page after a cursor',
          description: 'd',
          aim: 'page',
          sizes: [{ ...size(3334, 4, 2), label: '100k' }, size(1000, 2.2, 2)],
        },
      ],
    };
    const section = renderScaleSection(labelled);
    expect(section).toContain('| x1000 p50 (ratio to x1) | x1000 first request | 100k p50 (ratio to x1) |');
    expect(section).toContain(
      '| deep page after a cursor | 2.00 ms | 2.20 ms (1.10x) | 6.60 ms | 4.00 ms (2.00x) | 12.00 ms | **missed** (<= 1.5x of x1) |',
    );
    expect(section).toContain('100k: 100,030 projects');
  });

  it('tables ours against @neo4j/graphql on the same database when a run measured it, and only then', () => {
    expect(renderScaleSection(REPORT)).not.toContain('@neo4j/graphql p50');
    const section = renderScaleSection({
      ...REPORT,
      peer: [
        {
          label: '100k',
          scenario: 'nested page',
          description: 'projects(first: 50)',
          oursP50Ms: 20,
          theirsP50Ms: 80,
          ratio: 0.26,
          requests: 100,
          measuredAt: '2026-12-07T01:02:03.000Z',
        },
      ],
    });
    expect(section).toContain(
      '| 100k | nested page: projects(first: 50) | 20.00 ms | 80.00 ms | 0.26x | 100 | 2026-12-07 01:02 UTC |',
    );
  });

  it('replaces only its own section of the document', () => {
    const before = `# Benchmarks\n\nintro\n\n${SCALE_SECTION_START}\nold\n${SCALE_SECTION_END}\n\nafter\n`;
    const after = replaceSection(before, renderScaleSection(REPORT), {
      start: SCALE_SECTION_START,
      end: SCALE_SECTION_END,
    });
    expect(after).toContain('intro');
    expect(after).toContain('after');
    expect(after).not.toContain('\nold\n');
  });
});
