/** @jest-environment-options {"graphAccess": "exclusive"} */
// The response cache and the analytics memo over the real database: a repeated query is
// answered from memory, any write that raises dataVersion (here through the curation write
// path, as the import CLI would from another process) makes the next answer fresh, the
// caller's role is part of the key, the size bound holds, and the switch turns it all off.

import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../../../src/auth/authenticate';
import { ANONYMOUS } from '../../../src/auth/principal';
import { VersionedMemo } from '../../../src/cache/versionedCache';
import { type ContextDependencies, createContext, type RequestContext } from '../../../src/context';
import { writeEntities } from '../../../src/db/curation';
import { PROJECT_FACTS } from '../../../src/db/gaps';
import type { QueryEvent } from '../../../src/db/run';
import { bumpDataVersion, readDataVersion } from '../../../src/db/stats';
import { createApolloServer } from '../../../src/http/app';
import { PROJECT } from '../../../src/model';
import { silentLogger } from '../../../src/logger';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

/** Bearer tokens name the role they stand for; no credential store is involved. */
const authenticate: Authenticator = async (header) =>
  header
    ? { kind: 'jwt', subject: 'cache-test', role: header.includes('admin') ? 'admin' : 'curator' }
    : ANONYMOUS;

const projectId = `project-cache-test-${randomUUID()}`;
let database: TestDatabase;
let deps: ContextDependencies;
let cached: ApolloServer<RequestContext>;
let uncached: ApolloServer<RequestContext>;
let tiny: ApolloServer<RequestContext>;
const log: QueryEvent[] = [];
let unobserve: () => void;

beforeAll(async () => {
  database = openTestDatabase();
  unobserve = database.db.observe((event) => log.push(event));
  deps = {
    db: database.db,
    limits: { defaultPageSize: database.config.defaultPageSize, maxPageSize: database.config.maxPageSize },
    logger: silentLogger,
    authenticate,
    analytics: new VersionedMemo(16),
  };
  cached = createApolloServer({ introspection: true, responseCache: { maxBytes: 1024 * 1024 } });
  uncached = createApolloServer({ introspection: true });
  tiny = createApolloServer({ introspection: true, responseCache: { maxBytes: 1 } });
  await Promise.all([cached.start(), uncached.start(), tiny.start()]);
});

afterAll(async () => {
  // The test project leaves no trace in the lists other test files count.
  await database.db.writeTransaction(async (tx) => {
    await tx.run('MATCH (p:Project {id: $id}) DETACH DELETE p', { id: projectId });
    await bumpDataVersion(tx, new Date().toISOString());
  });
  unobserve();
  await Promise.all([cached.stop(), uncached.stop(), tiny.stop()]);
  await database.close();
});

interface Answer {
  data: Record<string, unknown> | null | undefined;
  errors: readonly unknown[] | undefined;
  cache: unknown;
  statements: string[];
}

async function ask(
  server: ApolloServer<RequestContext>,
  query: string,
  authorization: string | null = null,
): Promise<Answer> {
  log.length = 0;
  const response = await server.executeOperation(
    { query },
    { contextValue: createContext(deps, randomUUID(), authorization) },
  );
  if (response.body.kind !== 'single') throw new Error('a single result was expected');
  const { data, errors, extensions } = response.body.singleResult;
  return { data, errors, cache: extensions?.cache, statements: log.map((event) => event.cypher) };
}

/** Writes the test project through the curation write path, raising dataVersion in the same transaction. */
async function writeProject(acronym: string, year: number): Promise<void> {
  const at = new Date().toISOString();
  await database.db.writeTransaction(async (tx) => {
    await writeEntities(tx, PROJECT, [{ id: projectId, acronym, year }], {
      at,
      actor: 'cli:cache-test',
      origin: 'curation',
      importFile: null,
      importRunId: null,
    });
    await bumpDataVersion(tx, at);
  });
}

const BY_ID = `{ project(id: "${projectId}") { id acronym year } }`;

describe('response cache', () => {
  it('when a query is repeated at the same data version, then the second is a HIT, only the version read', async () => {
    const query = '{ funders(first: 5) { totalCount nodes { id name } } }';
    const first = await ask(cached, query);
    const second = await ask(cached, query);
    expect(first.cache).toBe('MISS');
    expect(second.cache).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(second.statements).toHaveLength(1);
    expect(second.statements[0]).toContain('MATCH (d:Dataset {id: $id}) RETURN d.dataVersion');
  });

  it('when a write raises dataVersion, then the next answer is a MISS that shows the write', async () => {
    expect((await ask(cached, BY_ID)).data).toEqual({ project: null });
    expect((await ask(cached, BY_ID)).cache).toBe('HIT');
    const before = await readDataVersion(database.db);
    await writeProject('CACHETEST', 2031);
    expect(await readDataVersion(database.db)).toBe(before + 1);
    const after = await ask(cached, BY_ID);
    expect(after.cache).toBe('MISS');
    expect(after.data).toEqual({ project: { id: projectId, acronym: 'CACHETEST', year: 2031 } });
    await writeProject('CACHETEST2', 2031);
    expect((await ask(cached, BY_ID)).data).toEqual({
      project: { id: projectId, acronym: 'CACHETEST2', year: 2031 },
    });
  });

  it('when the same query comes from another role, then it is answered and cached apart', async () => {
    const query = '{ calls(first: 3) { nodes { id } } }';
    expect((await ask(cached, query)).cache).toBe('MISS');
    expect((await ask(cached, query)).cache).toBe('HIT');
    expect((await ask(cached, query, 'Bearer curator-token')).cache).toBe('MISS');
    expect((await ask(cached, query, 'Bearer curator-token')).cache).toBe('HIT');
    expect((await ask(cached, query, 'Bearer admin-token')).cache).toBe('MISS');
  });

  it('when an answer is larger than the size budget, then it is not kept', async () => {
    const query = '{ countries(first: 3) { nodes { code } } }';
    expect((await ask(tiny, query)).cache).toBe('MISS');
    const again = await ask(tiny, query);
    expect(again.cache).toBe('MISS');
    expect(again.statements.length).toBeGreaterThan(1);
  });

  it('when the cache is off, then answers carry no cache extension and every request executes', async () => {
    const query = '{ regions(first: 2) { nodes { id } } }';
    const first = await ask(uncached, query);
    const second = await ask(uncached, query);
    expect([first.cache, second.cache]).toEqual([undefined, undefined]);
    expect(second.statements.some((cypher) => cypher.includes('MATCH (n:Region)'))).toBe(true);
  });

  it('when the operation is a mutation or reads API keys, then nothing is cached', async () => {
    const mutation = await ask(cached, `mutation { deleteProject(id: "${projectId}") { __typename } }`);
    expect(mutation.errors).toBeDefined();
    expect(mutation.cache).toBeUndefined();
    const keys = await ask(cached, '{ apiKeys { id } }', 'Bearer admin-token');
    expect(keys.cache).toBeUndefined();
  });
});

describe('analytics memo', () => {
  it('when two requests of one data version ask for coverage, then the projection is read once', async () => {
    await writeProject('CACHETEST3', 2031);
    const first = await ask(uncached, '{ coverageMatrix { linkCount } }');
    const second = await ask(
      uncached,
      '{ coverageMatrix(rows: OBJECTIVE) { linkCount } whiteSpots { rowCount } }',
    );
    expect(first.statements.filter((cypher) => cypher === PROJECT_FACTS)).toHaveLength(1);
    expect(second.statements.filter((cypher) => cypher === PROJECT_FACTS)).toHaveLength(0);
    await writeProject('CACHETEST4', 2031);
    const third = await ask(uncached, '{ coverageMatrix { linkCount } }');
    expect(third.statements.filter((cypher) => cypher === PROJECT_FACTS)).toHaveLength(1);
    expect(third.data).toEqual(first.data);
  });

  it('when a network is asked again at the same data version, then it is not projected again', async () => {
    const query = '{ collaborationNetwork(level: COUNTRIES) { nodeCount edgeCount } }';
    const first = await ask(uncached, query);
    const second = await ask(uncached, query);
    expect(first.statements.length).toBeGreaterThan(1);
    expect(second.statements).toHaveLength(1);
    expect(second.data).toEqual(first.data);
  });
});
