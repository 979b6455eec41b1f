// The figures of bench:pricing: ratios of requested price to actual and their summary.

import { priceRatio, renderPricingSection, summariseRatios } from '../../../bench/pricingReport';

describe('summariseRatios', () => {
  it('gives the median and largest ratio and counts those over 10x and 100x', () => {
    const queries = [
      { requested: 100, actual: 50 },
      { requested: 1200, actual: 100 },
      { requested: 500, actual: 100 },
      { requested: 30_000, actual: 200 },
    ];
    // ratios 2, 12, 5, 150: median (5 + 12) / 2
    expect(summariseRatios(queries)).toEqual({ median: 8.5, max: 150, over10: 2, over100: 1 });
  });

  it('counts an empty answer as one object, and refuses no queries', () => {
    expect(priceRatio({ requested: 40, actual: 0 })).toBe(40);
    expect(() => summariseRatios([])).toThrow(TypeError);
  });
});

describe('renderPricingSection', () => {
  it('writes the summary, the table rows and the overhead between the markers', () => {
    const text = renderPricingSection(
      {
        date: '2026-12-01T00:00:00Z',
        machine: 'test',
        loadAverage: 1,
        limit: 100_000,
        rounds: 3,
        realistic: [
          {
            name: 'a',
            question: 'A?',
            capsPrice: 200_000,
            requested: 4026,
            actual: 253,
            ms: 12,
            bytes: 9000,
          },
          { name: 'b', question: 'B | C?', capsPrice: 50, requested: 20, actual: 10, ms: 3, bytes: 100 },
        ],
        huge: [
          {
            name: 'h',
            question: 'H?',
            capsPrice: 10 ** 9,
            requested: 285_392,
            status: 400,
            code: 'QUERY_TOO_COMPLEX',
          },
        ],
        pricingMicros: { withStatistics: 20, capsOnly: 15 },
        nestedPageP50Ms: 10,
      },
      '<!-- s -->',
      '<!-- e -->',
    );
    expect(text.startsWith('<!-- s -->\n')).toBe(true);
    expect(text.endsWith('\n<!-- e -->')).toBe(true);
    expect(text).toContain('| a | A? | 200,000 (refused) | 4,026 | 253 | 16x | 12 | 9,000 |');
    expect(text).toContain('| b | B \\| C? | 50 | 20 | 10 | 2.0x | 3 | 100 |');
    expect(text).toContain('and 1 of\nthe 2 refused by the limit');
    // 20 µs of a 10 ms p50
    expect(text).toContain('**0.200%**');
    expect(text).toContain('| h | H? | 1,000,000,000 | 285,392 | 400 QUERY_TOO_COMPLEX |');
  });
});
