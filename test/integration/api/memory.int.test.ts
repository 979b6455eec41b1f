// A replica's memory has a ceiling: every cache keyed by query text (answers, parsed documents,
// persisted queries, plans) and the shared analytics keep to their budgets, and /metrics says
// how full each is, with the MEMORY_LIMIT_MIB they are shares of.

import { DEFAULT_MEMORY, type MemoryConfig } from '../../../src/config';
import { GRAPHQL_PATH } from '../../../src/http/app';
import { parseExposition, type MetricSample } from '../../helpers/metricsExposition';
import { useTestApi } from '../../helpers/useTestApi';

// Budgets small enough for a few dozen queries to fill them.
const MEMORY: MemoryConfig = {
  limitBytes: 300 * 1024 * 1024,
  analyticsBytes: 1024 * 1024,
  analyticsLargestBytes: 2 * 1024 * 1024,
  documentsBytes: 40_000,
  plansBytes: 20_000,
  persistedQueriesBytes: 10_000,
};
const RESPONSES_BYTES = 30_000;

const http = useTestApi({
  http: { memory: MEMORY, responseCache: { maxBytes: RESPONSES_BYTES }, protection: false },
});

async function post(query: string): Promise<{ data?: unknown; errors?: Array<Record<string, unknown>> }> {
  const response = await fetch(`${http.base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: Array<Record<string, unknown>> };
}

async function metrics(): Promise<MetricSample[]> {
  return parseExposition(await (await fetch(`${http.base}/metrics`)).text());
}

/** A distinct text per index: a nested page whose alias and page size vary. */
const distinct = (i: number) =>
  `{ p${i}: projects(first: ${1 + (i % 20)}) { nodes { acronym funders { acronym country { name } } } } }`;

/** Distinct texts sent: more than the answers, documents and plans budgets above hold (asserted below). */
const SENT = 20;

describe('cache budgets', () => {
  // 180 s for 20 sequential requests: at load average 48 on the shared two cores they took over
  // 1.5 s each (40 of them overran the default 60 s).
  beforeAll(async () => {
    for (let i = 0; i < SENT; i += 1) expect((await post(distinct(i))).errors).toBeUndefined();
  }, 180_000);

  it('when more distinct queries arrive than the budgets hold, then /metrics counts each cache within its budget', async () => {
    const samples = await metrics();
    const of = (name: string, cache: string) =>
      samples.find((s) => s.name === name && s.labels['cache'] === cache)?.value;
    const budgets: Record<string, number> = {
      responses: RESPONSES_BYTES,
      documents: MEMORY.documentsBytes,
      plans: MEMORY.plansBytes,
      persisted_queries: MEMORY.persistedQueriesBytes,
      // The most the analytics hold: their share, or one result over it beside fewer others.
      analytics: MEMORY.analyticsLargestBytes,
    };
    for (const [cache, budget] of Object.entries(budgets)) {
      expect([cache, of('cache_budget_bytes', cache)]).toEqual([cache, budget]);
      expect([cache, of('cache_bytes', cache)! <= budget]).toEqual([cache, true]);
    }
    // The texts do not all fit: the answers, documents and plans caches each dropped some and are near full.
    for (const cache of ['responses', 'documents', 'plans']) {
      expect([cache, of('cache_entries', cache)! < SENT]).toEqual([cache, true]);
      expect([cache, of('cache_bytes', cache)! > budgets[cache]! / 2]).toEqual([cache, true]);
    }
    expect(samples.find((s) => s.name === 'memory_budget_bytes')?.value).toBe(MEMORY.limitBytes);
  });

  it('when a query kept in the document store fails again, then its error still names line and column', async () => {
    const failing = '{\n  projects(first: 100000) { nodes { id } }\n}';
    const first = await post(failing);
    const second = await post(failing);
    expect(first.errors?.[0]?.['locations']).toEqual([{ line: 2, column: 3 }]);
    expect(second.errors).toEqual(first.errors);
  });

  it('when the analytics are computed, then they are counted at their size', async () => {
    expect((await post('{ cofundingNetwork { nodeCount } }')).errors).toBeUndefined();
    const samples = await metrics();
    const bytes = samples.find((s) => s.name === 'cache_bytes' && s.labels['cache'] === 'analytics')?.value;
    // A network of the seed graph's funders and calls: tens of kilobytes, not the 1 byte of a pending entry.
    expect(bytes).toBeGreaterThan(10_000);
  });
});

describe('the default budgets', () => {
  it('are shares of a 512 MiB process', () => {
    expect(DEFAULT_MEMORY.limitBytes).toBe(512 * 1024 * 1024);
  });
});
