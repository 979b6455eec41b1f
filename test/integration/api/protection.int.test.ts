// Fair sharing and metrics over HTTP: per-client budgets answered with 429 and Retry-After,
// a credential's own budget and larger cost limit, the analytics pool's coded refusal, and
// the /metrics exposition in Prometheus text format.

import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { createAuthenticator } from '../../../src/auth/authenticate';
import { createJwtVerifier } from '../../../src/auth/jwt';
import { DEFAULT_PROTECTION, type ProtectionConfig } from '../../../src/config';
import * as stats from '../../../src/db/stats';
import { ErrorCode, PublicError } from '../../../src/errors';
import { createHttpApp, GRAPHQL_PATH, type HttpApp } from '../../../src/http/app';
import { silentLogger } from '../../../src/logger';
import { parseExposition } from '../../helpers/metricsExposition';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

const JWT_SECRET = 'protection-test-secret-of-at-least-32-chars';
// A budget of 300 points a minute for anonymous clients and 3000 for credentials; small cost
// limits so a credential's larger limit shows.
const CONFIG: ProtectionConfig = {
  limits: {
    ...DEFAULT_PROTECTION.limits,
    maxCost: { anonymous: 300, reader: 3000, curator: 3000, admin: 3000 },
  },
  rateLimit: {
    enabled: true,
    windowSeconds: 60,
    points: { anonymous: 300, reader: 3000, curator: 3000, admin: 3000 },
  },
  analytics: { concurrency: 1, queue: 0 },
};

let database: TestDatabase;
let server: HttpApp;
let base: string;
beforeAll(async () => {
  database = openTestDatabase();
  const db = database.db;
  server = await createHttpApp({
    db,
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    logger: silentLogger,
    introspection: true,
    protection: CONFIG,
    authenticate: createAuthenticator({
      apiKeys: false,
      findApiKey: async () => null,
      verifyJwt: createJwtVerifier({
        jwtSecret: JWT_SECRET,
        jwksUrl: null,
        jwtIssuer: null,
        jwtAudience: null,
        roleClaim: 'role',
        clockToleranceSeconds: 0,
      }),
    }),
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.apollo.stop();
  await database.close();
});

interface Answer {
  response: Response;
  body: {
    data?: any;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, any>;
  };
}

async function post(query: string, authorization?: string, operationName?: string): Promise<Answer> {
  const response = await fetch(`${base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, operationName }),
  });
  return { response, body: (await response.json()) as Answer['body'] };
}

async function jwt(subject: string): Promise<string> {
  const token = await new SignJWT({ role: 'reader' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
  return `Bearer ${token}`;
}

// A page of 100 funder ids costs 101 points (the connection and its nodes), whatever it returns.
const PAGE = 'query FunderPage { funders(first: 100) { nodes { id } } }';
// funders(first: 100) with each funder's calls(first: 2): 1 + 100 × 3 = 301 points.
const DEAR = '{ funders(first: 100) { nodes { calls(first: 2) { id } } } }';

describe('per-client budgets', () => {
  it("when a credential asks more than the anonymous cost limit, then its role's larger limit applies", async () => {
    const anonymous = await post(DEAR);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(anonymous.body.errors?.[0]?.message).toContain('its cost is 301 points and the limit is 300');
    const reader = await post(DEAR, await jwt('bob'));
    expect(reader.body.errors).toBeUndefined();
    expect(reader.body.extensions?.cost).toMatchObject({ requested: 301, limit: 3000 });
  });

  it('when an anonymous client spends its budget, then it gets 429 with Retry-After and RATE_LIMITED, and a credential keeps its own budget', async () => {
    const spent: number[] = [];
    let refused: Answer | null = null;
    for (let i = 0; i < 20 && !refused; i++) {
      const answer = await post(PAGE);
      if (answer.response.status === 429) refused = answer;
      else spent.push(answer.body.extensions?.cost.budgetRemaining as number);
    }
    expect(refused).not.toBeNull();
    // Each page takes 101 points and gives back what its answer did not hold (the seeds hold
    // 43 funders: 44 objects); pages pass while 101 points remain: 300 - 44n >= 101, n <= 4.
    // The bucket refills 5 points a second, so a slow run may pass one page more.
    expect(spent.length).toBeGreaterThanOrEqual(2);
    expect(spent.length).toBeLessThanOrEqual(6);
    expect(spent).toEqual([...spent].sort((a, b) => b - a));
    const retryAfter = Number(refused!.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const error = refused!.body.errors![0]!;
    expect(error.extensions?.code).toBe('RATE_LIMITED');
    expect(error.extensions?.retryAfterSeconds).toBe(retryAfter);
    expect(error.message).toMatch(
      /costs 101 points and the budget holds \d+ \(it refills 300 per 60 s\); retry in \d+ s/,
    );
    expect(refused!.body.data ?? null).toBeNull();

    // Inside its Retry-After the address is refused before its body is read: even a body
    // that is not JSON gets the 429.
    const early = await fetch(`${base}${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await early.json()) as Answer['body']).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    // Another client from the same address, with a credential, has its own budget.
    const answer = await post(PAGE, await jwt('alice'));
    expect(answer.response.status).toBe(200);
    expect(answer.body.data.funders.nodes.length).toBeGreaterThan(0);
  });

  it('when an answer is written, then the price taken up front is given back down to extensions.cost.actual', async () => {
    const authorization = await jwt('refund-reader');
    const first = await post(PAGE, authorization);
    const { requested, actual, budgetRemaining } = first.body.extensions?.cost as Record<string, number>;
    // 101 points reserved, the 44 objects of the answer (the connection and 43 funders) kept.
    expect(requested).toBe(101);
    expect(actual).toBe(1 + first.body.data.funders.nodes.length);
    expect(budgetRemaining).toBe(3000 - actual!);
  });

  it('when an operation is stopped by a timeout, then it keeps its whole price: it ran as long as any could', async () => {
    const spy = jest
      .spyOn(stats, 'readStats')
      .mockRejectedValue(new PublicError('The query took too long and was stopped', ErrorCode.QueryTimeout));
    try {
      const answer = await post('{ stats { nodes { label count } } }', await jwt('timeout-reader'));
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      // stats 1 + 20 label counts, none of it given back
      expect(answer.body.extensions?.cost).toMatchObject({
        requested: 21,
        actual: 21,
        budgetRemaining: 3000 - 21,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('when a credential is invalid, then the request is budgeted as anonymous by its address', async () => {
    const answer = await post(PAGE, 'Bearer not-a-valid-token');
    expect([200, 429]).toContain(answer.response.status);
    expect(answer.body.extensions?.cost.limit).toBe(300);
  });
});

describe('the analytics pool', () => {
  it('when every analytics place is taken and the queue holds none, then a network request is refused with ANALYTICS_BUSY and Retry-After', async () => {
    const release = await server.protection!.pool.acquire();
    try {
      const answer = await post('{ cofundingNetwork(limit: 5) { nodeCount } }', await jwt('carol'));
      expect(answer.response.status).toBe(503);
      expect(answer.response.headers.get('retry-after')).toBe('1');
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('ANALYTICS_BUSY');
      // A plain read does not wait for the pool.
      const plain = await post('{ funder(id: "isciii-es") { acronym } }', await jwt('carol'));
      expect(plain.body.data).toEqual({ funder: { acronym: 'ISCIII' } });
    } finally {
      release();
    }
    const answer = await post('{ cofundingNetwork(limit: 5) { nodeCount } }', await jwt('carol'));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.cofundingNetwork.nodeCount).toBeGreaterThan(0);
  });
});

describe('/metrics', () => {
  it('when scraped, then it answers Prometheus text with requests, latencies, refusals and the Neo4j and import series', async () => {
    await post(PAGE, await jwt('dave'));
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const samples = parseExposition(await response.text());
    const find = (name: string, labels: Record<string, string> = {}) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(
      find('graphql_requests_total', { operation: 'FunderPage', outcome: 'success' })[0]?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      find('graphql_request_duration_seconds_count', { operation: 'FunderPage', outcome: 'success' })[0]
        ?.value,
    ).toBeGreaterThanOrEqual(1);
    expect(
      find('graphql_request_duration_seconds_bucket', {
        operation: 'FunderPage',
        outcome: 'success',
        le: '+Inf',
      }),
    ).toHaveLength(1);
    expect(find('graphql_requests_total', { outcome: 'refused_rate' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find('graphql_refusals_total', { reason: 'rate' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find('graphql_refusals_total', { reason: 'cost' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find('graphql_refusals_total', { reason: 'busy' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find('neo4j_up')).toHaveLength(1);
    expect(find('neo4j_restarts_total')).toHaveLength(1);
    // Import runs as the graph records them, one series per status.
    expect(
      find('import_runs')
        .map((s) => s.labels['status'])
        .sort(),
    ).toEqual(['COMMITTED', 'ROLLED_BACK', 'RUNNING']);
    for (const sample of find('import_runs')) expect(sample.value).toBeGreaterThanOrEqual(0);
    expect(find('analytics_pool_active')).toHaveLength(1);
    expect(find('process_resident_memory_bytes')).toHaveLength(1);
  });
});
