// Specifies the markdown and terminal rendering of benchmark results and how the bench's
// section of docs/benchmarks.md is replaced.

import type { LoadSummary } from '../../../bench/load';
import {
  aimVerdict,
  type BenchReport,
  formatMs,
  formatRatio,
  p50Ratio,
  renderMarkdownTable,
  renderSection,
  renderTextTable,
  replaceSection,
  SECTION_END,
  SECTION_START,
} from '../../../bench/report';

function summary(requestsPerSecond: number, p50Ms: number, p99Ms: number): LoadSummary {
  return {
    requests: 100,
    errors: 0,
    elapsedMs: 1000,
    requestsPerSecond,
    p50Ms,
    p99Ms,
    meanMs: p50Ms,
    minMs: 0.5,
    maxMs: p99Ms,
  };
}

const REPORT: BenchReport = {
  date: '2026-12-01T10:00:00.000Z',
  machine: {
    nproc: 2,
    cpuModel: 'Test CPU @ 2.00GHz',
    cpuCount: 2,
    totalMemoryGiB: 24,
    os: 'Linux 6.1.0 x64',
    node: 'v20.20.2',
    neo4j: '5.26.30 community',
    loadAverage: { start: 0.52, end: 3.049 },
  },
  settings: { connections: 4, warmupSeconds: 2, durationSeconds: 10, rounds: 2 },
  scenarios: [
    {
      name: 'entity by id',
      description: 'one project',
      graphql: summary(1234.4, 3, 9.5),
      floor: summary(2000.6, 2, 6),
    },
    {
      name: 'nested page',
      description: 'fifty projects',
      graphql: summary(99.5, 16, 40.123),
      floor: summary(300, 10, 20),
    },
  ],
};

describe('p50Ratio', () => {
  it('divides the GraphQL p50 by the floor p50', () => {
    expect(p50Ratio(REPORT.scenarios[1]!)).toBe(1.6);
  });
});

describe('formatMs and formatRatio', () => {
  it('show two decimals, the ratio with an x', () => {
    expect(formatMs(3.14159)).toBe('3.14');
    expect(formatRatio(1.5)).toBe('1.50x');
  });
});

describe('renderMarkdownTable', () => {
  it('renders one right-aligned row per scenario with rates rounded and latencies to two decimals', () => {
    expect(renderMarkdownTable(REPORT)).toBe(
      [
        '| scenario | GraphQL req/s | GraphQL p50 ms | GraphQL p99 ms | floor req/s | floor p50 ms | floor p99 ms | p50 ratio |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| entity by id | 1234 | 3.00 | 9.50 | 2001 | 2.00 | 6.00 | 1.50x |',
        '| nested page | 100 | 16.00 | 40.12 | 300 | 10.00 | 20.00 | 1.60x |',
      ].join('\n'),
    );
  });
});

describe('renderTextTable', () => {
  it('pads the scenario column to the left and the numbers to the right', () => {
    const lines = renderTextTable(REPORT).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      'entity by id           1234            3.00            9.50         2001          2.00          6.00      1.50x',
    );
    expect(lines[2]).toBe(
      'nested page             100           16.00           40.12          300         10.00         20.00      1.60x',
    );
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });
});

describe('aimVerdict', () => {
  it('says the aim is not met when the nested page is more than 1.5 times its floor', () => {
    expect(aimVerdict(REPORT)).toBe(
      "Aim: the nested page's p50 within 1.5x of its floor. Measured 1.60x: not met.",
    );
  });

  it('says the aim is met at exactly 1.5 times', () => {
    const met = { ...REPORT, scenarios: [{ ...REPORT.scenarios[1]!, graphql: summary(100, 15, 30) }] };
    expect(aimVerdict(met)).toBe("Aim: the nested page's p50 within 1.5x of its floor. Measured 1.50x: met.");
  });

  it('returns null when the nested page did not run', () => {
    expect(aimVerdict({ ...REPORT, scenarios: [REPORT.scenarios[0]!] })).toBeNull();
  });
});

describe('renderSection', () => {
  const section = renderSection(REPORT);

  it('explains the method: both sides, the equality check and the alternating rounds', () => {
    expect(section).toContain('## API latency: GraphQL against the Cypher floor');
    expect(section).toContain('exactly the GraphQL data');
    expect(section).toContain('rounds alternating GraphQL and floor');
  });

  it('is wrapped in the bench markers', () => {
    expect(section.startsWith(SECTION_START)).toBe(true);
    expect(section.endsWith(SECTION_END)).toBe(true);
  });

  it('states the date, the machine, the software and the load settings', () => {
    expect(section).toContain('Run on 2026-12-01T10:00:00.000Z.');
    expect(section).toContain(
      '2 processors (nproc); 2 x Test CPU @ 2.00GHz; 24.0 GiB memory; Linux 6.1.0 x64; ' +
        '1-minute load average 0.5 at the start, 3.0 at the end.',
    );
    expect(section).toContain('Node v20.20.2; Neo4j 5.26.30 community (embedded).');
    expect(section).toContain('4 concurrent connections');
    expect(section).toContain('2 s warm-up, then 10 s measured in 2 rounds alternating GraphQL and floor.');
  });

  it("contains the table, the verdict and each scenario's description", () => {
    expect(section).toContain(renderMarkdownTable(REPORT));
    expect(section).toContain('Measured 1.60x: not met.');
    expect(section).toContain('- nested page: fifty projects.');
  });
});

describe('replaceSection', () => {
  const section = `${SECTION_START}\nnew numbers\n${SECTION_END}`;

  it('creates a document with a title when there is no file yet', () => {
    expect(replaceSection(null, section)).toBe(`# Benchmarks\n\n${section}\n`);
  });

  it('replaces only the text between the markers', () => {
    const before = `# Benchmarks\n\nHand-written notes.\n\n${SECTION_START}\nold numbers\n${SECTION_END}\n\n## History\nKept.\n`;
    expect(replaceSection(before, section)).toBe(
      `# Benchmarks\n\nHand-written notes.\n\n${SECTION_START}\nnew numbers\n${SECTION_END}\n\n## History\nKept.\n`,
    );
  });

  it('appends the section to a document without markers', () => {
    expect(replaceSection('# Benchmarks\n\nNotes.\n\n', section)).toBe(
      `# Benchmarks\n\nNotes.\n\n${section}\n`,
    );
  });

  it('throws a TypeError when the markers are out of order or repeated', () => {
    expect(() => replaceSection(`${SECTION_END}\n${SECTION_START}`, section)).toThrow(TypeError);
    expect(() => replaceSection(`${SECTION_START}\n${SECTION_START}\n${SECTION_END}`, section)).toThrow(
      TypeError,
    );
    expect(() => replaceSection(`only ${SECTION_END}`, section)).toThrow(TypeError);
  });
});
