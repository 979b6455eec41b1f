/** @jest-environment-options {"graphAccess": "exclusive"} */
// The response cache over HTTP and the real database: a repeated query is answered in front of
// Apollo with the bytes of its miss, any write that raises dataVersion (here through a second
// driver, as the import CLI would from another process) makes the next answer fresh, hits are
// charged to budgets, roles and API keys get their own entries, the size bound holds, and the
// switch turns it all off. The analytics memo is checked in-process at the end.

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import { generateApiKey } from '../../../src/auth/apiKeyToken';
import { createAuthenticator } from '../../../src/auth/authenticate';
import { SharedVersionReads } from '../../../src/cache/sharedVersionReads';
import { readGraphStatistics } from '../../../src/resolvers/graphStatistics';
import { VersionedMemo } from '../../../src/cache/versionedCache';
import { DEFAULT_PROTECTION, type ProtectionConfig } from '../../../src/config';
import { type ContextDependencies, createContext, type RequestContext } from '../../../src/context';
import { findApiKey, insertApiKey, revokeApiKey } from '../../../src/db/apiKeys';
import { writeEntities } from '../../../src/db/curation';
import { PROJECT_FACTS } from '../../../src/db/gaps';
import type { QueryEvent } from '../../../src/db/run';
import { bumpDataVersion, readDataVersion } from '../../../src/db/stats';
import { createApolloServer, createHttpApp, GRAPHQL_PATH, type HttpApp } from '../../../src/http/app';
import { PROJECT } from '../../../src/model';
import { silentLogger } from '../../../src/logger';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

const projectId = `project-cache-test-${randomUUID()}`;
const BY_ID = `{ project(id: "${projectId}") { id acronym year } }`;

/** Budgets large enough for every test but the flood, which has its own server. */
const GENEROUS: ProtectionConfig = {
  ...DEFAULT_PROTECTION,
  rateLimit: {
    enabled: true,
    windowSeconds: 60,
    points: { anonymous: 1_000_000, reader: 1_000_000, curator: 1_000_000, admin: 1_000_000 },
  },
};
/**
 * 100 points a day for anonymous clients: a flood of hits is refused at the budget. A day, not a
 * minute: at 100 points a minute the budget refilled 1.7 points a second, so a hit answered more
 * than 0.6 s after the miss (a loaded machine) seemed charged a point less than it was.
 */
const TIGHT: ProtectionConfig = {
  ...DEFAULT_PROTECTION,
  limits: { ...DEFAULT_PROTECTION.limits, maxCost: { ...DEFAULT_PROTECTION.limits.maxCost, anonymous: 100 } },
  rateLimit: {
    ...GENEROUS.rateLimit,
    windowSeconds: 86_400,
    points: { ...GENEROUS.rateLimit.points, anonymous: 100 },
  },
};
const TINY_BYTES = 2048;

let database: TestDatabase;
/** A second driver: writes through it are writes by another process as far as the servers know. */
let other: TestDatabase;
const servers: Record<
  'cached' | 'tight' | 'uncached' | 'tiny' | 'lagging' | 'repriced',
  { app: HttpApp; base: string }
> = {} as never;
const log: QueryEvent[] = [];
/** API keys the tests create, removed with their audit events at the end. */
const keyIds: string[] = [];
let unobserve: () => void;
/** Holds the lagging server's version reads: `open` resolves when they may answer; `read` is told each read. */
const gate = { open: Promise.resolve(), read: () => undefined as void };

async function serve(
  options: Partial<Parameters<typeof createHttpApp>[0]>,
): Promise<{ app: HttpApp; base: string }> {
  const db = database.db;
  const app = await createHttpApp({
    db,
    limits: { defaultPageSize: database.config.defaultPageSize, maxPageSize: database.config.maxPageSize },
    logger: silentLogger,
    introspection: true,
    authenticate: createAuthenticator({
      apiKeys: true,
      findApiKey: (id) => findApiKey(db, id),
      verifyJwt: null,
    }),
    ...options,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  database = openTestDatabase();
  other = openTestDatabase();
  unobserve = database.db.observe((event) => log.push(event));
  servers.cached = await serve({ responseCache: { maxBytes: 4 * 1024 * 1024 }, protection: GENEROUS });
  servers.tight = await serve({ responseCache: { maxBytes: 4 * 1024 * 1024 }, protection: TIGHT });
  servers.uncached = await serve({ protection: GENEROUS });
  servers.tiny = await serve({ responseCache: { maxBytes: TINY_BYTES }, protection: GENEROUS });
  servers.repriced = await serve({ responseCache: { maxBytes: 4 * 1024 * 1024 }, protection: GENEROUS });
  // Version reads that the test can hold after Neo4j answered them (see `gate`).
  servers.lagging = await serve({
    responseCache: { maxBytes: 4 * 1024 * 1024 },
    protection: GENEROUS,
    versions: new SharedVersionReads(async () => {
      const version = await readDataVersion(database.db);
      gate.read();
      await gate.open;
      return version;
    }),
  });
});

afterAll(async () => {
  // The test project leaves no trace in the lists other test files count.
  await database.db.writeTransaction(async (tx) => {
    await tx.run('MATCH (p:Project {id: $id}) DETACH DELETE p', { id: projectId });
    await tx.run('MATCH (k:ApiKey) WHERE k.id IN $ids DETACH DELETE k', { ids: keyIds });
    await tx.run('MATCH (e:AuditEvent) WHERE e.entityId IN $ids DELETE e', { ids: keyIds });
    await bumpDataVersion(tx, new Date().toISOString());
  });
  unobserve();
  for (const { app } of Object.values(servers)) await app.apollo.stop();
  await Promise.all([database.close(), other.close()]);
});

interface HttpAnswer {
  status: number;
  text: string;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ extensions?: { code?: string } }>;
    extensions?: Record<string, unknown>;
  };
  cache: unknown;
  /** Statements sent to Neo4j while the request ran (shared version reads included). */
  statements: string[];
}

async function post(
  base: string,
  query: string,
  options: { variables?: Record<string, unknown>; authorization?: string; requestId?: string } = {},
): Promise<HttpAnswer> {
  log.length = 0;
  const response = await fetch(`${base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as HttpAnswer['body'];
  return {
    status: response.status,
    text,
    headers: response.headers,
    body,
    cache: body.extensions?.cache,
    statements: log.map((event) => event.cypher),
  };
}

/** Writes the test project through a second driver, raising dataVersion in the same transaction. */
async function writeProject(acronym: string, year: number): Promise<void> {
  const at = new Date().toISOString();
  await other.db.writeTransaction(async (tx) => {
    await writeEntities(tx, PROJECT, [{ id: projectId, acronym, year }], {
      at,
      actor: 'cli:cache-test',
      origin: 'curation',
      importFile: null,
      importRunId: null,
      dataset: null,
    });
    await bumpDataVersion(tx, at);
  });
}

const isVersionRead = (cypher: string) =>
  cypher.startsWith('MATCH (d:Dataset {id: $id}) RETURN d.dataVersion');

describe('response cache hits (HTTP)', () => {
  it('when a query is repeated, then the hit sends the bytes of the miss with only a version read', async () => {
    const query = 'query Funders($first: Int) { funders(first: $first) { totalCount nodes { id name } } }';
    const miss = await post(servers.cached.base, query, { variables: { first: 5 } });
    const hit = await post(servers.cached.base, query, {
      variables: { first: 5 },
      requestId: 'hit-request-1',
    });
    expect([miss.cache, hit.cache]).toEqual(['MISS', 'HIT']);
    expect(hit.body.data).toEqual(miss.body.data);
    // Byte for byte what Apollo sent, but for the cache marker and this client's remaining budget.
    const budget = (text: string) => text.replace(/"budgetRemaining":\d+/, '"budgetRemaining":0');
    expect(budget(hit.text)).toBe(budget(miss.text).replace('"cache":"MISS"', '"cache":"HIT"'));
    expect(hit.text.endsWith('}\n')).toBe(true);
    expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
    expect(hit.headers.get('cache-control')).toBe('no-store');
    expect(hit.headers.get('x-request-id')).toBe('hit-request-1');
    expect(hit.headers.get('etag')).toBeTruthy();
    expect(hit.statements.filter((cypher) => !isVersionRead(cypher))).toEqual([]);
    expect(hit.statements.length).toBeLessThanOrEqual(1);
  });

  it('when the variables come in another order, then they share the entry; other values do not', async () => {
    const query =
      'query Page($first: Int, $after: String) { calls(first: $first, after: $after) { nodes { id } } }';
    expect((await post(servers.cached.base, query, { variables: { first: 2, after: null } })).cache).toBe(
      'MISS',
    );
    expect((await post(servers.cached.base, query, { variables: { after: null, first: 2 } })).cache).toBe(
      'HIT',
    );
    expect((await post(servers.cached.base, query, { variables: { first: 3, after: null } })).cache).toBe(
      'MISS',
    );
  });

  it('when the same query is sent by GET, then it is answered from the same entry', async () => {
    const query = '{ countries(first: 2) { nodes { code } } }';
    const miss = await post(servers.cached.base, query);
    const response = await fetch(`${servers.cached.base}${GRAPHQL_PATH}?query=${encodeURIComponent(query)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    const hit = (await response.json()) as HttpAnswer['body'];
    expect(hit.extensions?.cache).toBe('HIT');
    expect(hit.data).toEqual(miss.body.data);
  });

  it('when a write through another driver raises dataVersion, then the next request is a MISS with the new data', async () => {
    const missing = await post(servers.cached.base, BY_ID);
    expect(missing.body.data).toEqual({ project: null });
    const hit = await post(servers.cached.base, BY_ID);
    expect(hit.cache).toBe('HIT');
    // The lookup that found nothing keeps its suggestion on the hit.
    expect(hit.body.extensions?.suggestions).toEqual(missing.body.extensions?.suggestions);
    expect(hit.body.extensions?.suggestions).toEqual([expect.objectContaining({ given: projectId })]);
    const before = await readDataVersion(database.db);
    await writeProject('CACHETEST', 2031);
    expect(await readDataVersion(database.db)).toBe(before + 1);
    const after = await post(servers.cached.base, BY_ID);
    expect(after.cache).toBe('MISS');
    expect(after.body.data).toEqual({ project: { id: projectId, acronym: 'CACHETEST', year: 2031 } });
    expect((await post(servers.cached.base, BY_ID)).cache).toBe('HIT');
  });

  it('when a request arrives during a version read begun before a write, then it waits for the next read', async () => {
    await writeProject('BEFORE', 2031);
    const lagging = servers.lagging.base;
    await post(lagging, BY_ID);
    expect((await post(lagging, BY_ID)).cache).toBe('HIT');
    let release = () => undefined as void;
    gate.open = new Promise<void>((resolve) => (release = resolve));
    const readTaken = new Promise<void>((resolve) => (gate.read = resolve));
    // A arrives, its version is read before the write and held; then the write commits; then B arrives.
    const first = post(lagging, BY_ID);
    await readTaken;
    gate.read = () => undefined;
    await writeProject('AFTER', 2031);
    const second = post(lagging, BY_ID);
    await new Promise((resolve) => setTimeout(resolve, 100));
    gate.open = Promise.resolve();
    release();
    const [a, b] = await Promise.all([first, second]);
    // A arrived before the commit: the old answer is a true answer for it.
    expect([a.cache, (a.body.data?.project as { acronym: string }).acronym]).toEqual(['HIT', 'BEFORE']);
    expect((b.body.data?.project as { acronym: string }).acronym).toBe('AFTER');
  });

  it('when requests run concurrently across a write, then none sent after the commit gets the old answer', async () => {
    await writeProject('BEFORE', 2031);
    let committedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    const answers: Array<{ sentAt: number; acronym: unknown; cache: unknown }> = [];
    // The loops send for at least 300 ms before the write and after it, and at least 4 × ROUNDS
    // requests each side: counted, not only timed, so that on a loaded machine (a request slower
    // than the window) enough are sent for the hits to outnumber the misses (about one per loop
    // and version).
    const ROUNDS = 8;
    const sent = { before: 0, after: 0 };
    const loop = async () => {
      while (!stop) {
        // Out of step, so that requests arrive while a version read is running.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        const sentAt = performance.now();
        const answer = await post(servers.cached.base, BY_ID);
        const project = answer.body.data?.project as { acronym?: unknown } | null;
        answers.push({ sentAt, acronym: project?.acronym, cache: answer.cache });
        sent[sentAt > committedAt ? 'after' : 'before'] += 1;
      }
    };
    const loops = [loop(), loop(), loop(), loop()];
    const atLeast = async (side: 'before' | 'after') => {
      const started = performance.now();
      while (performance.now() - started < 300 || sent[side] < 4 * ROUNDS)
        await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await atLeast('before');
    await writeProject('AFTER', 2031);
    committedAt = performance.now();
    await atLeast('after');
    stop = true;
    await Promise.all(loops);
    const sentAfter = answers.filter((answer) => answer.sentAt > committedAt);
    expect(sentAfter.length).toBeGreaterThan(0);
    expect(sentAfter.filter((answer) => answer.acronym !== 'AFTER')).toEqual([]);
    expect(answers.filter((answer) => answer.cache === 'HIT').length).toBeGreaterThan(answers.length / 2);
  });

  it('when the graph statistics arrive after an answer was stored, then the next request is priced and stored again with them', async () => {
    // A replica answers before its prewarm has read the statistics: lists are priced at their caps.
    const query = '{ funders(first: 100) { nodes { id calls { id } } } }';
    const priced = (answer: HttpAnswer) => (answer.body.extensions?.cost as { requested: number }).requested;
    const atCaps = [await post(servers.repriced.base, query), await post(servers.repriced.base, query)];
    expect(atCaps.map((answer) => answer.cache)).toEqual(['MISS', 'HIT']);
    expect(priced(atCaps[1]!)).toBe(priced(atCaps[0]!));

    const version = await readDataVersion(database.db);
    const scope = { db: database.db, analytics: new VersionedMemo(64), dataVersion: async () => version };
    servers.repriced.app.protection!.useStatistics(await readGraphStatistics(scope));
    // Without the check, the hit kept the price at the caps until the next write (a replica
    // whose first answer came before its prewarm charged 441 for a page others charged 121).
    const withStatistics = [
      await post(servers.repriced.base, query),
      await post(servers.repriced.base, query),
    ];
    expect(withStatistics.map((answer) => answer.cache)).toEqual(['MISS', 'HIT']);
    expect(priced(withStatistics[0]!)).toBeLessThan(priced(atCaps[0]!));
    expect(priced(withStatistics[1]!)).toBe(priced(withStatistics[0]!));
    expect(withStatistics[1]!.body.data).toEqual(atCaps[0]!.body.data);
  });

  it('when hits are flooded, then each is charged and the budget refuses them', async () => {
    const query = '{ regions(first: 2) { nodes { id } } }';
    const first = await post(servers.tight.base, query);
    const cost = first.body.extensions?.cost as {
      requested: number;
      actual: number;
      budgetRemaining: number;
    };
    expect(first.cache).toBe('MISS');
    expect(cost.actual).toBeGreaterThan(0);
    const hit = await post(servers.tight.base, query);
    expect(hit.cache).toBe('HIT');
    const hitCost = hit.body.extensions?.cost as typeof cost;
    expect({ ...hitCost, budgetRemaining: 0 }).toEqual({ ...cost, budgetRemaining: 0 });
    expect(hitCost.budgetRemaining).toBeLessThanOrEqual(cost.budgetRemaining - cost.actual + 1);
    let refused: HttpAnswer | null = null;
    for (let request = 0; request < 200 && refused === null; request += 1) {
      const answer = await post(servers.tight.base, query);
      if (answer.status === 429) refused = answer;
      else expect(answer.cache).toBe('HIT');
    }
    expect(refused?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused?.headers.get('retry-after')).toBeTruthy();
  });

  it('when API keys of two roles ask the same query, then each role has its own entry and keys are read once per version', async () => {
    const reader = generateApiKey();
    const curator = generateApiKey();
    keyIds.push(reader.id, curator.id);
    await insertApiKey(
      other.db,
      { id: reader.id, name: 'cache reader', role: 'reader', hash: reader.hash },
      'cli:test',
    );
    await insertApiKey(
      other.db,
      { id: curator.id, name: 'cache curator', role: 'curator', hash: curator.hash },
      'cli:test',
    );
    const query = '{ programmes { nodes { id } } }';
    const asReader = { authorization: `Bearer ${reader.token}` };
    const asCurator = { authorization: `Bearer ${curator.token}` };
    expect((await post(servers.cached.base, query)).cache).toBe('MISS');
    expect((await post(servers.cached.base, query, asReader)).cache).toBe('MISS');
    expect((await post(servers.cached.base, query, asCurator)).cache).toBe('MISS');
    const hit = await post(servers.cached.base, query, asReader);
    expect(hit.cache).toBe('HIT');
    // The key was looked up once at this version: the hit reads only the version.
    expect(hit.statements.filter((cypher) => !isVersionRead(cypher))).toEqual([]);
    expect((await post(servers.cached.base, query, asCurator)).cache).toBe('HIT');
    expect((await post(servers.cached.base, query)).cache).toBe('HIT');

    // A revoked key raises the version: no hit for it any more, and no entry is stored for it.
    await revokeApiKey(other.db, reader.id, 'cli:test');
    const revoked = await post(servers.cached.base, query, asReader);
    expect(revoked.cache).toBeUndefined();
    expect((await post(servers.cached.base, query, asReader)).cache).toBeUndefined();
  });

  it('when the answer has errors or the operation is a mutation, then nothing is stored', async () => {
    // Executed with an error: a page larger than the largest page.
    const failing = `{ project(id: "${projectId}") { id } funders(first: 100000) { nodes { id } } }`;
    const first = await post(servers.cached.base, failing);
    expect(first.body.errors?.length).toBeGreaterThan(0);
    expect((await post(servers.cached.base, failing)).cache).not.toBe('HIT');
    const mutation = await post(
      servers.cached.base,
      `mutation { deleteProject(id: "${projectId}") { __typename } }`,
    );
    expect(mutation.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(mutation.cache).toBeUndefined();
  });
});

describe('response cache bounds and switch (HTTP)', () => {
  it('when many answers are stored, then the cache stays within its byte budget and keeps no answer larger than it', async () => {
    const cache = servers.tiny.app.responseCache!;
    for (let first = 1; first <= 12; first += 1) {
      await post(servers.tiny.base, `{ projects(first: ${first}) { nodes { id acronym } } }`);
      expect(cache.answers.stats().bytes).toBeLessThanOrEqual(TINY_BYTES);
    }
    const large = '{ projects(first: 50) { nodes { id acronym title year } } }';
    expect((await post(servers.tiny.base, large)).cache).toBe('MISS');
    expect((await post(servers.tiny.base, large)).cache).toBe('MISS');
    expect(cache.answers.stats().entries).toBeGreaterThan(0);
  });

  it('when the cache is off, then answers carry no cache extension and every request executes', async () => {
    const query = '{ regions(first: 2) { nodes { id } } }';
    const first = await post(servers.uncached.base, query);
    const second = await post(servers.uncached.base, query);
    expect([first.cache, second.cache]).toEqual([undefined, undefined]);
    expect(second.statements.some((cypher) => cypher.includes('Region'))).toBe(true);
    expect(servers.uncached.app.responseCache).toBeNull();
  });
});

describe('analytics memo', () => {
  let uncached: ApolloServer<RequestContext>;
  let deps: ContextDependencies;
  beforeAll(async () => {
    deps = {
      db: database.db,
      limits: { defaultPageSize: database.config.defaultPageSize, maxPageSize: database.config.maxPageSize },
      logger: silentLogger,
      analytics: new VersionedMemo(16),
    };
    uncached = createApolloServer({ introspection: true });
    await uncached.start();
  });
  afterAll(() => uncached.stop());

  async function ask(query: string): Promise<{ data: unknown; statements: string[] }> {
    log.length = 0;
    const response = await uncached.executeOperation({ query }, { contextValue: createContext(deps) });
    if (response.body.kind !== 'single') throw new Error('a single result was expected');
    return { data: response.body.singleResult.data, statements: log.map((event) => event.cypher) };
  }

  it('when two requests of one data version ask for coverage, then the projection is read once', async () => {
    await writeProject('CACHETEST3', 2031);
    const first = await ask('{ coverageMatrix { linkCount } }');
    const second = await ask('{ coverageMatrix(rows: OBJECTIVE) { linkCount } whiteSpots { rowCount } }');
    expect(first.statements.filter((cypher) => cypher === PROJECT_FACTS)).toHaveLength(1);
    expect(second.statements.filter((cypher) => cypher === PROJECT_FACTS)).toHaveLength(0);
    await writeProject('CACHETEST4', 2031);
    const third = await ask('{ coverageMatrix { linkCount } }');
    expect(third.statements.filter((cypher) => cypher === PROJECT_FACTS)).toHaveLength(1);
    expect(third.data).toEqual(first.data);
  });

  it('when a network is asked again at the same data version, then it is not projected again', async () => {
    const query = '{ collaborationNetwork(level: COUNTRIES) { nodeCount edgeCount } }';
    const first = await ask(query);
    const second = await ask(query);
    expect(first.statements.length).toBeGreaterThan(1);
    expect(second.statements).toHaveLength(1);
    expect(second.data).toEqual(first.data);
  });
});
