// Specifies bench:memory's pure parts: the flood's texts are valid and never repeat, and its
// section of docs/benchmarks.md reports what was sampled.

import { buildSchema, parse, validate } from 'graphql';
import { floodRequest, type FloodVocabulary } from '../../../bench/memoryFlood';
import {
  MEMORY_SECTION_END,
  MEMORY_SECTION_START,
  issueConditionsUnmet,
  renderMemorySection,
  thinned,
  type MemoryReport,
} from '../../../bench/memoryReport';
import type { MemorySample } from '../../../bench/memoryServer';
import { loadTypeDefs } from '../../../src/schema';

const VOCABULARY: FloodVocabulary = {
  projectIds: ['project-permanens', 'project-other'],
  countryCodes: ['DE', 'FR'],
  words: ['cancer', 'genomics', 'prevention'],
};

const MIB = 1024 * 1024;
const sample = (rssMiB: number, heapMiB: number, externalMiB: number): MemorySample => ({
  rss: rssMiB * MIB,
  heapUsed: heapMiB * MIB,
  heapTotal: heapMiB * 2 * MIB,
  external: externalMiB * MIB,
  arrayBuffers: externalMiB * MIB,
  heapLimit: 384 * MIB,
});

describe('floodRequest', () => {
  it('gives valid operations of the schema whose texts never repeat', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const texts = new Set<string>();
    const families = new Set<string>();
    for (let index = 0; index < 160; index += 1) {
      const request = floodRequest(index, VOCABULARY);
      expect([index, validate(schema, parse(request.query)).map((e) => e.message)]).toEqual([index, []]);
      texts.add(request.query);
      families.add(request.family);
    }
    expect(texts.size).toBe(160);
    expect([...families].sort()).toEqual([
      'by id',
      'filtered page',
      'funders by country',
      'gap counts',
      'network',
      'search',
    ]);
  });

  it('gives the same request for the same index', () => {
    expect(floodRequest(1234, VOCABULARY)).toEqual(floodRequest(1234, VOCABULARY));
  });

  it('refuses an index that is not a non-negative integer', () => {
    expect(() => floodRequest(-1, VOCABULARY)).toThrow(
      'floodRequest expects a non-negative integer index, received -1',
    );
  });
});

describe('thinned', () => {
  it('keeps about the number of rows asked for, the last one always', () => {
    const points = Array.from({ length: 96 }, (_, k) => k);
    expect(thinned(points, 16)).toHaveLength(16);
    expect(thinned(points, 16).at(-1)).toBe(95);
    expect(thinned([1, 2], 16)).toEqual([1, 2]);
  });
});

describe('renderMemorySection', () => {
  const report: MemoryReport = {
    date: '2026-11-30T12:00:00.000Z',
    machine: 'a test machine',
    loadAverage: { start: [1, 2, 3], end: [4, 5, 6] },
    settings: {
      durationS: 60,
      connections: 32,
      requests: 1000,
      heapMiB: 384,
      environment: { MEMORY_LIMIT_MIB: '512' },
    },
    requests: { sent: 1000, answered: 990, outcomes: { ok: 980, errors: 10 }, seconds: 60 },
    cpu: { client: 0.12, server: 0.85, neo4j: 0.6 },
    atStart: sample(130, 40, 5),
    timeline: [
      { seconds: 30, sample: sample(300, 120, 40), caches: {} },
      { seconds: 60, sample: sample(350, 150, 60), caches: {} },
    ],
    peakRss: 360 * MIB,
    afterGc: sample(340, 90, 50),
    cachesAtEnd: {
      memory_budget_bytes: 512 * MIB,
      'cache_entries{cache="responses"}': 900,
      'cache_bytes{cache="responses"}': 60 * MIB,
      'cache_budget_bytes{cache="responses"}': 64 * MIB,
    },
  };

  it('reports memory over time, after GC, the peak against the budget and the caches', () => {
    const section = renderMemorySection(report);
    expect(section.startsWith(MEMORY_SECTION_START)).toBe(true);
    expect(section.endsWith(MEMORY_SECTION_END)).toBe(true);
    expect(section).toContain('| at start, after GC | 130 MiB | 40 MiB | 5 MiB | 5 MiB |');
    expect(section).toContain('| after 60 s | 350 MiB | 150 MiB | 60 MiB | 60 MiB |');
    expect(section).toContain('| at the end, after GC | 340 MiB | 90 MiB | 50 MiB | 50 MiB |');
    expect(section).toContain('peak RSS of the process (VmHWM) 360 MiB');
    expect(section).toContain('the memory budget (MEMORY_LIMIT_MIB) 512 MiB: peak / budget 0.70.');
    expect(section).toContain('| responses | 900 | 60 MiB | 64 MiB |');
    expect(section).toContain(
      '1,000 sent, 990 answered in 60 s (16.5 a second against a target of 16.7, 99%; errors 10, ok 980)',
    );
    expect(section).toContain(
      "the flood's client (the bench) 12%, the API process 85%, Neo4j 60%; per answer, the API process 51.5 ms and Neo4j 36.4 ms of CPU.",
    );
    expect(section).toContain('load average (1 / 5 / 15 min) 1.0 / 2.0 / 3.0 at the start');
  });

  it("when a run falls short of the issue's flood, then it says so with the reasons", () => {
    const section = renderMemorySection(report);
    expect(section).toContain("**Not the issue's flood: this run does not meet the issue's conditions**");
    expect(issueConditionsUnmet(report)).toEqual([
      '60 s, not 480',
      "16.5 answers a second, under the issue's 83.3",
      '20 requests not answered with data',
    ]);
  });

  it("when a run is the issue's flood, then it says the conditions were met", () => {
    const issueRun: MemoryReport = {
      ...report,
      settings: { ...report.settings, durationS: 480, requests: 40_000 },
      requests: { sent: 40_000, answered: 40_000, outcomes: { ok: 40_000 }, seconds: 481 },
    };
    expect(issueConditionsUnmet(issueRun)).toEqual([]);
    expect(renderMemorySection(issueRun)).toContain("**The issue's conditions were met**");
    const slow = { ...issueRun, requests: { ...issueRun.requests, seconds: 600 } };
    expect(issueConditionsUnmet(slow)).toEqual(["66.7 answers a second, under the issue's 83.3"]);
  });
});
