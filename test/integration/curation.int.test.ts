/** @jest-environment-options {"graphAccess": "exclusive"} */
// Curation mutations against the real Neo4j: refused without a credential, with a wrong,
// revoked or expired one (UNAUTHENTICATED) and with a reader's (FORBIDDEN); accepted with a
// curator's API key or JWT, idempotent, validated field by field, and each accepted write
// readable back from the audit trail with who, what and the previous values.

import { randomBytes } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { buildSchema, type GraphQLFormattedError } from 'graphql';
import { SignJWT } from 'jose';
import { createAuthenticator } from '../../src/auth/authenticate';
import { generateApiKey, parseApiKeyToken } from '../../src/auth/apiKeyToken';
import { createJwtVerifier } from '../../src/auth/jwt';
import type { Role } from '../../src/model';
import { createContext, type RequestContext } from '../../src/context';
import { findApiKey, insertApiKey, revokeApiKey } from '../../src/db/apiKeys';
import { seedGraph } from '../../src/db/seedGraph';
import { readSeedDataset } from '../../src/seed/readSeedDataset';
import { createApolloServer, createHttpApp } from '../../src/http/app';
import { silentLogger } from '../../src/logger';
import { loadTypeDefs } from '../../src/schema';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

const prefix = `test-curation-${randomBytes(4).toString('hex')}`;
const JWT_SECRET = `test-secret-${randomBytes(24).toString('hex')}`;
let database: TestDatabase;
let forgetSourceDatasets: () => Promise<void>;
let apollo: ApolloServer<RequestContext>;
const tokens = {} as Record<Role | 'revoked', { id: string; token: string }>;

interface Result {
  data: Record<string, any> | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

function deps() {
  const db = database.db;
  return {
    db,
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    logger: silentLogger,
    authenticate: createAuthenticator({
      apiKeys: true,
      findApiKey: (id) => findApiKey(db, id),
      verifyJwt: createJwtVerifier({
        jwtSecret: JWT_SECRET,
        jwksUrl: null,
        jwtIssuer: null,
        jwtAudience: null,
        roleClaim: 'role',
        clockToleranceSeconds: 0,
      }),
    }),
  };
}

async function run(
  query: string,
  variables: Record<string, unknown> = {},
  authorization: string | null = null,
): Promise<Result> {
  const response = await apollo.executeOperation(
    { query, variables },
    { contextValue: createContext(deps(), undefined, authorization) },
  );
  if (response.body.kind !== 'single') throw new Error('unexpected incremental result');
  return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
}

const bearer = (role: Role | 'revoked') => `Bearer ${tokens[role].token}`;

async function jwt(role: string, subject: string, expiresIn: string | number = '5m'): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(JWT_SECRET));
}

function errorCode(result: Result): string | undefined {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.extensions?.code as string | undefined;
}

async function history(kind: string, id: string): Promise<Array<Record<string, any>>> {
  const result = await run(
    `query ($kind: EntityKind!, $id: ID!) { history(kind: $kind, id: $id) {
       actor action entityType entityId relatedType relatedId relationship fields previous values dataVersion source } }`,
    { kind, id },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.history;
}

async function dataVersion(): Promise<number> {
  return (await run('{ stats { dataVersion lastChangedAt } }')).data!.stats.dataVersion;
}

const ids = {
  funder: `${prefix}-funder`,
  call: `${prefix}-call`,
  project: `${prefix}-project`,
  organisation: `org-${prefix}-lab`,
};
const SOURCE = 'https://www.eppermed.eu/';

/** One valid operation per mutation (what a curator would send). */
const MUTATIONS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  upsertOrganisation: {
    query:
      'mutation ($input: OrganisationInput!) { upsertOrganisation(input: $input) { outcome changedFields dataVersion organisation { id name } } }',
    variables: {
      input: { id: ids.organisation, name: `${prefix} Lab`, countryCode: 'DE', sources: [SOURCE] },
    },
  },
  upsertFunder: {
    query:
      'mutation ($input: FunderInput!) { upsertFunder(input: $input) { outcome changedFields dataVersion funder { id name country { code } } } }',
    variables: {
      input: {
        id: ids.funder,
        name: `${prefix} Funder`,
        kind: 'FOUNDATION',
        countryCode: 'AT',
        sources: [SOURCE],
      },
    },
  },
  upsertCall: {
    query:
      'mutation ($input: CallInput!) { upsertCall(input: $input) { outcome changedFields dataVersion call { id title programme { id } } } }',
    variables: {
      input: {
        id: ids.call,
        kind: 'SUPPORT_CALL',
        title: `${prefix} Call`,
        year: 2025,
        programmeId: 'eppermed-programme',
        sources: [SOURCE],
      },
    },
  },
  upsertProject: {
    query: `mutation ($input: ProjectInput!) { upsertProject(input: $input) { outcome changedFields dataVersion
              project { id year yearBasis call { id } funders { id } partners { role organisation { id } } countries { code } } } }`,
    variables: {
      input: {
        id: ids.project,
        acronym: 'CURATE',
        callId: ids.call,
        funderIds: [ids.funder],
        coordinator: ids.organisation,
        partners: ['Lund University [SE]'],
        sources: [SOURCE],
      },
    },
  },
  linkProject: {
    query:
      'mutation ($input: ProjectLinkInput!) { linkProject(input: $input) { outcome previous dataVersion } }',
    variables: {
      input: {
        projectId: ids.project,
        type: 'ADDRESSES',
        targetId: 'gap-prevention',
        confidence: 0.8,
        evidence: 'test evidence',
      },
    },
  },
  linkPartner: {
    query:
      'mutation ($p: ID!, $o: ID!) { linkPartner(projectId: $p, organisationId: $o, role: PARTNER) { outcome previous dataVersion } }',
    variables: { p: ids.project, o: 'org-university-of-oslo' },
  },
  unlinkPartner: {
    query:
      'mutation ($p: ID!, $o: ID!) { unlinkPartner(projectId: $p, organisationId: $o) { outcome previous dataVersion } }',
    variables: { p: ids.project, o: 'org-university-of-oslo' },
  },
  unlinkProject: {
    query:
      'mutation ($p: ID!) { unlinkProject(projectId: $p, type: ADDRESSES, targetId: "gap-prevention") { outcome previous dataVersion } }',
    variables: { p: ids.project },
  },
  clearPossibleDuplicate: {
    query:
      'mutation ($id: ID!) { clearPossibleDuplicate(organisationId: $id) { outcome changedFields dataVersion organisation { id possibleDuplicateOf } } }',
    variables: { id: 'org-university-of-oslo' },
  },
  deleteProject: {
    query: 'mutation ($id: ID!) { deleteProject(id: $id) { outcome id dataVersion } }',
    variables: { id: ids.project },
  },
  deleteCall: {
    query: 'mutation ($id: ID!) { deleteCall(id: $id) { outcome id dataVersion } }',
    variables: { id: ids.call },
  },
  deleteFunder: {
    query: 'mutation ($id: ID!) { deleteFunder(id: $id) { outcome id dataVersion } }',
    variables: { id: ids.funder },
  },
  deleteOrganisation: {
    query: 'mutation ($id: ID!) { deleteOrganisation(id: $id) { outcome id dataVersion } }',
    variables: { id: ids.organisation },
  },
  createApiKey: {
    query:
      'mutation { createApiKey(name: "test key", role: reader) { token key { id name role revokedAt } } }',
    variables: {},
  },
  revokeApiKey: {
    query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }',
    variables: { id: '0000000000000000' },
  },
};
const KEY_MUTATIONS = new Set(['createApiKey', 'revokeApiKey']);

beforeAll(async () => {
  database = openTestDatabase();
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
  apollo = createApolloServer({ introspection: true });
  await apollo.start();
  for (const role of ['reader', 'curator', 'admin', 'revoked'] as const) {
    const key = generateApiKey();
    await insertApiKey(
      database.db,
      { id: key.id, name: `${prefix} ${role}`, role: role === 'revoked' ? 'curator' : role, hash: key.hash },
      'cli:test',
    );
    tokens[role] = { id: key.id, token: key.token };
  }
  await revokeApiKey(database.db, tokens.revoked.id, 'cli:test');
});

afterAll(async () => {
  await forgetSourceDatasets();
  const keyIds = Object.values(tokens).map((token) => token.id);
  await database.db.write(
    `MATCH (n) WHERE (n:Funder OR n:Call OR n:Organisation OR n:Project) AND n.id CONTAINS $prefix DETACH DELETE n`,
    { prefix },
  );
  await database.db.write(
    // Also the keys' own actions and the key CLI's (actor cli:test, used by this file only): 6
    // events were left behind before the isolation check of integrationEnvironment.ts found them.
    `MATCH (e:AuditEvent) WHERE e.entityId CONTAINS $prefix OR e.relatedId CONTAINS $prefix OR e.actor CONTAINS $prefix OR e.entityId IN $keyIds OR e.actor IN $actors OR e.actor = 'cli:test' DELETE e`,
    { prefix, keyIds, actors: keyIds.map((id) => `key:${id}`) },
  );
  await database.db.write(
    `MATCH (k:ApiKey) WHERE k.name STARTS WITH $prefix OR k.createdBy IN $actors DETACH DELETE k`,
    {
      prefix,
      actors: keyIds.map((id) => `key:${id}`),
    },
  );
  await apollo.stop();
  await database.close();
});

describe('curation mutations', () => {
  it('the test table covers every mutation of the schema', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  describe('when there is no credential, then every mutation is UNAUTHENTICATED and writes nothing', () => {
    it.each(Object.keys(MUTATIONS))('%s', async (name) => {
      const before = await dataVersion();
      const result = await run(MUTATIONS[name]!.query, MUTATIONS[name]!.variables);
      expect(errorCode(result)).toBe('UNAUTHENTICATED');
      expect(result.errors![0]!.message).toMatch(/Authorization: Bearer/);
      expect(await dataVersion()).toBe(before);
    });
  });

  describe("when the credential is a reader's, then every mutation is FORBIDDEN", () => {
    it.each(Object.keys(MUTATIONS))('%s', async (name) => {
      const result = await run(MUTATIONS[name]!.query, MUTATIONS[name]!.variables, bearer('reader'));
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(result.errors![0]!.message).toMatch(/role "reader" may not/);
    });
  });

  describe("when the credential is a curator's, then API key management is still FORBIDDEN", () => {
    it.each([...KEY_MUTATIONS])('%s', async (name) => {
      const result = await run(MUTATIONS[name]!.query, MUTATIONS[name]!.variables, bearer('curator'));
      expect(errorCode(result)).toBe('FORBIDDEN');
    });
  });

  describe('when the credential is not valid, then the answer is UNAUTHENTICATED without echoing it', () => {
    const cases: Array<[string, () => Promise<string>]> = [
      ['an unknown API key', async () => `Bearer ${generateApiKey().token}`],
      ['a wrong secret for a known key id', async () => `Bearer pmg_${tokens.curator.id}_${'A'.repeat(43)}`],
      ['a malformed API key', async () => 'Bearer pmg_not-a-key'],
      ['a revoked API key', async () => bearer('revoked')],
      [
        'an expired JWT',
        async () => `Bearer ${await jwt('curator', 'alice', Math.floor(Date.now() / 1000) - 60)}`,
      ],
      [
        'a JWT signed with another secret',
        async () =>
          `Bearer ${await new SignJWT({ role: 'curator' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('mallory')
            .setExpirationTime('5m')
            .sign(new TextEncoder().encode('x'.repeat(40)))}`,
      ],
      ['a JWT without a role', async () => `Bearer ${await jwt('', 'alice')}`],
      ['not a bearer header', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ];
    it.each(cases)('%s', async (_label, header) => {
      const authorization = await header();
      const result = await run(
        MUTATIONS.upsertFunder!.query,
        MUTATIONS.upsertFunder!.variables,
        authorization,
      );
      expect(errorCode(result)).toBe('UNAUTHENTICATED');
      const secret = authorization.split(' ')[1]!;
      expect(JSON.stringify(result.errors)).not.toContain(secret);
    });
  });

  it('when the seeds are loaded again, then that write batch increases dataVersion and moves lastChangedAt', async () => {
    const read = async () =>
      (await run('{ stats { dataVersion lastChangedAt } }')).data!.stats as {
        dataVersion: number;
        lastChangedAt: string;
      };
    const before = await read();
    await seedGraph(database.db, await readSeedDataset(database.config.seedsDir));
    const after = await read();
    expect(after.dataVersion).toBe(before.dataVersion + 1);
    expect(Date.parse(after.lastChangedAt)).toBeGreaterThanOrEqual(Date.parse(before.lastChangedAt));
  });

  it('when a link comes from the seed dataset, then its derivation names no curator', async () => {
    const result = await run(
      '{ project(id: "project-permanens") { gaps(provenance: CURATED) { derivation { rule curator curatedAt } } } }',
    );
    const derivations = result.data!.project.gaps.map((link: { derivation: unknown }) => link.derivation);
    expect(derivations.length).toBeGreaterThan(0);
    for (const derivation of derivations)
      expect(derivation).toEqual({ rule: 'curated-project-links', curator: null, curatedAt: null });
  });

  it('when a reader sends a bad credential to a query, then reading still works', async () => {
    const result = await run('{ stats { dataVersion } }', {}, 'Bearer pmg_bad');
    expect(result.errors).toBeUndefined();
  });

  it("when the credential is a curator's, then every write is accepted and its audit record can be read back", async () => {
    const curator = `key:${tokens.curator.id}`;
    const accept = async (name: string) => {
      const result = await run(MUTATIONS[name]!.query, MUTATIONS[name]!.variables, bearer('curator'));
      expect(result.errors).toBeUndefined();
      return result.data![name];
    };
    const start = await dataVersion();

    const organisation = await accept('upsertOrganisation');
    expect(organisation).toMatchObject({
      outcome: 'CREATED',
      dataVersion: start + 1,
      organisation: { id: ids.organisation },
    });
    expect(organisation.changedFields.sort()).toEqual(['countryCode', 'name', 'sources']);
    expect((await history('ORGANISATION', ids.organisation))[0]).toMatchObject({
      actor: curator,
      action: 'CREATE',
      entityType: 'Organisation',
      source: 'graphql',
      previous: null,
      dataVersion: start + 1,
    });

    expect(await accept('upsertFunder')).toMatchObject({
      outcome: 'CREATED',
      funder: { country: { code: 'AT' } },
    });
    expect(await accept('upsertCall')).toMatchObject({
      outcome: 'CREATED',
      call: { programme: { id: 'eppermed-programme' } },
    });
    const project = await accept('upsertProject');
    expect(project.project).toMatchObject({
      year: 2025,
      yearBasis: 'CALL_YEAR',
      call: { id: ids.call },
      funders: [{ id: ids.funder }],
      partners: expect.arrayContaining([
        { role: 'COORDINATOR', organisation: { id: ids.organisation } },
        { role: 'PARTNER', organisation: { id: 'org-lund-university' } },
      ]),
    });
    expect(project.project.countries.map((country: { code: string }) => country.code).sort()).toEqual([
      'DE',
      'SE',
    ]);
    expect((await history('PROJECT', ids.project))[0]).toMatchObject({ actor: curator, action: 'CREATE' });

    // The same input again changes nothing and leaves the data version alone.
    const versionBefore = await dataVersion();
    const again = await accept('upsertProject');
    expect(again).toMatchObject({ outcome: 'UNCHANGED', changedFields: [], dataVersion: versionBefore });
    expect(await dataVersion()).toBe(versionBefore);

    // An update records the previous values.
    const update = await run(
      'mutation ($input: ProjectInput!) { upsertProject(input: $input) { outcome changedFields project { title } } }',
      { input: { id: ids.project, title: 'A curated title', acronym: 'CURATED' } },
      bearer('curator'),
    );
    expect(update.data!.upsertProject).toMatchObject({
      outcome: 'UPDATED',
      changedFields: ['acronym', 'title'],
      project: { title: 'A curated title' },
    });
    const [updated] = await history('PROJECT', ids.project);
    expect(updated).toMatchObject({ action: 'UPDATE', actor: curator, fields: ['acronym', 'title'] });
    expect(JSON.parse(updated!.previous)).toEqual({ acronym: 'CURATE', title: null });
    expect(JSON.parse(updated!.values)).toEqual({ acronym: 'CURATED', title: 'A curated title' });

    expect(await accept('linkProject')).toMatchObject({ outcome: 'CREATED', previous: null });
    const gaps = await run(
      `{ project(id: "${ids.project}") { gaps { gap { id } derivation { provenance rule confidence evidence curator curatedAt } } } }`,
    );
    expect(gaps.data!.project.gaps).toEqual([
      {
        gap: { id: 'gap-prevention' },
        derivation: {
          provenance: 'CURATED',
          rule: 'curated-api',
          confidence: 0.8,
          evidence: 'test evidence',
          curator,
          curatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
      },
    ]);
    const [link] = await history('KNOWLEDGE_GAP', 'gap-prevention');
    expect(link).toMatchObject({
      action: 'LINK',
      actor: curator,
      entityId: ids.project,
      relatedType: 'KnowledgeGap',
      relationship: 'ADDRESSES',
    });
    expect(JSON.parse(link!.values)).toMatchObject({ provenance: 'CURATED', curator });
    const [stored] = await database.db.read<{ curator: string }>(
      'MATCH (:Project {id: $id})-[r:ADDRESSES]->(:KnowledgeGap {id: "gap-prevention"}) RETURN r.curator AS curator',
      { id: ids.project },
    );
    expect(stored?.curator).toBe(curator);
    expect(await accept('linkProject')).toMatchObject({ outcome: 'UNCHANGED' });

    expect(await accept('linkPartner')).toMatchObject({ outcome: 'CREATED', previous: null });
    expect((await history('ORGANISATION', 'org-university-of-oslo'))[0]).toMatchObject({
      action: 'LINK',
      relationship: 'PARTNER_IN',
      relatedId: ids.project,
    });
    const promote = await run(
      'mutation ($p: ID!, $o: ID!) { linkPartner(projectId: $p, organisationId: $o, role: COORDINATOR) { outcome previous } }',
      MUTATIONS.linkPartner!.variables,
      bearer('curator'),
    );
    expect(promote.data!.linkPartner).toEqual({
      outcome: 'UPDATED',
      previous: JSON.stringify({ role: 'PARTNER' }),
    });
    expect(await accept('unlinkPartner')).toMatchObject({
      outcome: 'DELETED',
      previous: JSON.stringify({ role: 'COORDINATOR' }),
    });
    expect((await history('PROJECT', ids.project))[0]).toMatchObject({
      action: 'UNLINK',
      relationship: 'PARTNER_IN',
    });
    expect(await accept('unlinkPartner')).toMatchObject({ outcome: 'UNCHANGED' });

    expect(await accept('unlinkProject')).toMatchObject({ outcome: 'DELETED' });
    expect((await history('PROJECT', ids.project))[0]).toMatchObject({
      action: 'UNLINK',
      relationship: 'ADDRESSES',
      relatedId: 'gap-prevention',
    });

    for (const [name, kind, id] of [
      ['deleteProject', 'PROJECT', ids.project],
      ['deleteCall', 'CALL', ids.call],
      ['deleteFunder', 'FUNDER', ids.funder],
      ['deleteOrganisation', 'ORGANISATION', ids.organisation],
    ] as const) {
      expect(await accept(name)).toMatchObject({ outcome: 'DELETED', id });
      const [deleted] = await history(kind, id);
      expect(deleted).toMatchObject({ action: 'DELETE', actor: curator, values: null });
      expect(JSON.parse(deleted!.previous)).toHaveProperty('sources', [SOURCE]);
      expect(await accept(name)).toMatchObject({ outcome: 'UNCHANGED' });
    }
    expect(await dataVersion()).toBeGreaterThan(start);
  });

  it("when the credential is an admin's, then keys are created, listed, work and are revoked", async () => {
    const created = await run(MUTATIONS.createApiKey!.query, {}, bearer('admin'));
    expect(created.errors).toBeUndefined();
    const { token, key } = created.data!.createApiKey;
    expect(key).toMatchObject({ name: 'test key', role: 'reader', revokedAt: null });
    expect(token).toMatch(new RegExp(`^pmg_${key.id}_`));
    const listed = await run('{ apiKeys { id name role createdBy } }', {}, bearer('admin'));
    expect(listed.data!.apiKeys).toContainEqual({
      id: key.id,
      name: 'test key',
      role: 'reader',
      createdBy: `key:${tokens.admin.id}`,
    });
    // The secret is base64url and may itself contain "_": take it as the parser does.
    expect(JSON.stringify(listed.data)).not.toContain(parseApiKeyToken(token)!.secret);
    // The new reader key authenticates (and a reader may not write).
    expect(
      errorCode(
        await run(MUTATIONS.upsertFunder!.query, MUTATIONS.upsertFunder!.variables, `Bearer ${token}`),
      ),
    ).toBe('FORBIDDEN');
    const revoked = await run(MUTATIONS.revokeApiKey!.query, { id: key.id }, bearer('admin'));
    expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect(
      errorCode(
        await run(MUTATIONS.upsertFunder!.query, MUTATIONS.upsertFunder!.variables, `Bearer ${token}`),
      ),
    ).toBe('UNAUTHENTICATED');
    expect(errorCode(await run('{ apiKeys { id } }', {}, bearer('curator')))).toBe('FORBIDDEN');
    await database.db.write('MATCH (k:ApiKey {id: $id}) DETACH DELETE k', { id: key.id });
  });

  it('when an admin creates and revokes a key, then each raises dataVersion by one, audited with it; revoking again does not', async () => {
    const start = await dataVersion();
    const created = await run(MUTATIONS.createApiKey!.query, {}, bearer('admin'));
    const keyId = created.data!.createApiKey.key.id as string;
    expect(await dataVersion()).toBe(start + 1);
    await run(MUTATIONS.revokeApiKey!.query, { id: keyId }, bearer('admin'));
    expect(await dataVersion()).toBe(start + 2);
    const again = await run(MUTATIONS.revokeApiKey!.query, { id: keyId }, bearer('admin'));
    expect(again.errors).toBeUndefined();
    expect(await dataVersion()).toBe(start + 2);
    const events = await database.db.read<{ action: string; dataVersion: number }>(
      'MATCH (e:AuditEvent {entityLabel: "ApiKey", entityId: $id}) RETURN e.action AS action, e.dataVersion AS dataVersion ORDER BY e.dataVersion',
      { id: keyId },
    );
    expect(events).toEqual([
      { action: 'CREATE_KEY', dataVersion: start + 1 },
      { action: 'REVOKE_KEY', dataVersion: start + 2 },
    ]);
    await database.db.write('MATCH (k:ApiKey {id: $id}) DETACH DELETE k', { id: keyId });
  });

  it("when the key CLI's functions create and revoke a key, then each raises dataVersion by one", async () => {
    const start = await dataVersion();
    const key = await insertApiKey(
      database.db,
      { id: `${prefix}cli`.replace(/-/g, ''), name: 'cli key', role: 'reader', hash: 'x'.repeat(64) },
      'cli:test',
    );
    expect(await dataVersion()).toBe(start + 1);
    await revokeApiKey(database.db, key.id, 'cli:test');
    expect(await dataVersion()).toBe(start + 2);
    await database.db.write('MATCH (k:ApiKey {id: $id}) DETACH DELETE k', { id: key.id });
  });

  it("when the credential is a curator's JWT, then the write is accepted and audited under its subject", async () => {
    const id = `${prefix}-jwt-org`;
    const result = await run(
      'mutation ($input: OrganisationInput!) { upsertOrganisation(input: $input) { outcome } }',
      { input: { id, name: `${prefix} JWT Institute`, countryCode: 'FR', sources: [SOURCE] } },
      `Bearer ${await jwt('curator', `${prefix}-alice`)}`,
    );
    expect(result.data!.upsertOrganisation.outcome).toBe('CREATED');
    expect((await history('ORGANISATION', id))[0]).toMatchObject({
      actor: `jwt:${prefix}-alice`,
      action: 'CREATE',
    });
    const reader = await run(
      MUTATIONS.upsertFunder!.query,
      MUTATIONS.upsertFunder!.variables,
      `Bearer ${await jwt('reader', 'bob')}`,
    );
    expect(errorCode(reader)).toBe('FORBIDDEN');
  });

  describe('when an input is invalid, then the error names the field and nothing is written', () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      [
        'a bad date',
        'upsertProject',
        { id: `${prefix}-bad`, acronym: 'X', sources: [SOURCE], startDate: '2024-02-30' },
        'input.startDate',
      ],
      [
        'an unknown call',
        'upsertProject',
        { id: `${prefix}-bad`, acronym: 'X', sources: [SOURCE], callId: 'jtc1900' },
        'input.callId',
      ],
      [
        'a missing field to create',
        'upsertProject',
        { id: `${prefix}-bad`, sources: [SOURCE] },
        'input.acronym',
      ],
      [
        'a bad country',
        'upsertOrganisation',
        { id: `${prefix}-bad`, name: 'X', countryCode: 'XX', sources: [SOURCE] },
        'input.countryCode',
      ],
      [
        'a negative amount',
        'upsertCall',
        { id: `${prefix}-bad`, kind: 'EVENT', title: 'X', sources: [SOURCE], budgetEur: -1 },
        'input.budgetEur',
      ],
      [
        'a bad URL',
        'upsertFunder',
        { id: `${prefix}-bad`, name: 'X', kind: 'EU_BODY', sources: ['ftp://x'] },
        'input.sources',
      ],
      [
        'a duplicate organisation',
        'upsertOrganisation',
        { id: `${prefix}-lund`, name: 'Lund University', countryCode: 'SE', sources: [SOURCE] },
        'input.name',
      ],
      [
        'clearing a required field',
        'upsertProject',
        { id: 'project-permanens', acronym: null },
        'input.acronym',
      ],
    ];
    it.each(cases)('%s', async (_label, name, input, field) => {
      const before = await dataVersion();
      const query = MUTATIONS[name]!.query;
      const result = await run(query, { input }, bearer('curator'));
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain(`"${field}"`);
      expect(await dataVersion()).toBe(before);
    });

    it('a link to an unknown gap', async () => {
      const input = {
        projectId: 'project-permanens',
        type: 'ADDRESSES',
        targetId: 'gap-none',
        evidence: 'x',
      };
      const result = await run(MUTATIONS.linkProject!.query, { input }, bearer('curator'));
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain('"input.targetId"');
    });
  });

  it('when a mutation arrives over HTTP, then the Authorization header reaches the authenticator', async () => {
    const { httpServer, apollo: server } = await createHttpApp({ ...deps(), introspection: false });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const address = httpServer.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
      const post = (authorization?: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: '{ apiKeys { id } }' }),
        }).then((response) => response.json() as Promise<Result>);
      expect((await post()).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect((await post(bearer('reader'))).errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect((await post(bearer('admin'))).errors).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});
