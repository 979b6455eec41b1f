// `stats` against the seeds (node counts per label, relationship counts per type, dataset
// version), and how errors reach clients: internal ones masked with a request id and
// logged in full, public ones with their extensions.code.

import type { ApolloServer } from '@apollo/server';
import { createContext, type RequestContext } from '../../../src/context';
import * as relations from '../../../src/db/relations';
import * as stats from '../../../src/db/stats';
import { createApolloServer } from '../../../src/http/app';
import { createLogger } from '../../../src/logger';
import type { SeedDataset } from '../../../src/model';
import { expectBadUserInput, onlyError } from '../../helpers/graphqlErrors';
import { compareValues, seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();
/** The same API with the planner off: the tests that break a loader's batch read need the loaders. */
const loaderApi = useTestApi({ planner: false });
/** The planner on whatever QUERY_PLANNER says: the test of a failing planned statement needs it. */
const plannedApi = useTestApi({ planner: true });
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});
afterEach(() => jest.restoreAllMocks());

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
/** Largest first, then by name, as Stats documents. */
const largestFirst =
  <K extends string>(key: K) =>
  (a: Record<K, string> & { count: number }, b: Record<K, string> & { count: number }) =>
    b.count - a.count || compareValues(a[key], b[key]);

describe('stats', () => {
  const STATS = '{ stats { datasetVersion seededAt nodes { label count } relationships { type count } } }';
  interface StatsAnswer {
    stats: {
      datasetVersion: string | null;
      seededAt: string | null;
      nodes: Array<{ label: string; count: number }>;
      relationships: Array<{ type: string; count: number }>;
    };
  }

  it('when stats are read, then there is one count per label, equal to the length of its seed file, largest first', async () => {
    const { stats: answer } = await api.data<StatsAnswer>(STATS);
    const expected = [
      { label: 'Programme', count: seeds.programmes.length },
      { label: 'Funder', count: seeds.funders.length },
      { label: 'Call', count: seeds.calls.length },
      { label: 'Project', count: seeds.projects.length },
      { label: 'Organisation', count: seeds.organisations.length },
      { label: 'Country', count: seeds.countries.length },
      { label: 'Region', count: seeds.regions.length },
      { label: 'Objective', count: seeds.objectives.length },
      { label: 'ValueChainStage', count: seeds.valueChainStages.length },
      { label: 'SriaArea', count: seeds.sriaAreas.length },
      { label: 'KnowledgeGap', count: seeds.knowledgeGaps.length },
      { label: 'DiseaseArea', count: seeds.diseaseAreas.length },
    ].sort(largestFirst('label'));
    expect(answer.nodes).toEqual(expected);
  });

  it('when stats are read, then every relationship type has the count the seeds imply, largest first', async () => {
    const { stats: answer } = await api.data<StatsAnswer>(STATS);
    const links = (type: string) => seeds.links.filter((link) => link.type === type).length;
    const expected = [
      // Stated facts.
      { type: 'FUNDS', count: sum(seeds.projects.map((p) => p.funderIds.length)) },
      { type: 'PARTNER_IN', count: sum(seeds.projects.map((p) => p.partners.length)) },
      { type: 'HAS_PARTNER_IN', count: sum(seeds.projects.map((p) => p.partnerCountryCodes.length)) },
      { type: 'FUNDED', count: seeds.projects.filter((p) => p.callId !== null).length },
      { type: 'MEMBER_OF', count: sum(seeds.funders.map((f) => f.programmeIds.length)) },
      {
        type: 'PARTICIPATES_IN',
        count:
          sum(seeds.funders.map((f) => f.callIds.length)) +
          sum(seeds.calls.map((c) => c.participatingCountryCodes.length + c.participatingRegionIds.length)),
      },
      { type: 'SECRETARIAT_OF', count: seeds.calls.filter((c) => c.secretariatFunderId !== null).length },
      {
        type: 'BASED_IN',
        count:
          seeds.funders.filter((f) => f.countryCode !== null).length +
          seeds.funders.filter((f) => f.regionId !== null).length,
      },
      { type: 'LOCATED_IN', count: seeds.organisations.length },
      {
        type: 'PART_OF',
        count:
          seeds.regions.length +
          seeds.calls.filter((c) => c.programmeId !== null).length +
          seeds.projects.filter((p) => p.programmeId !== null).length +
          seeds.valueChainStages.filter((s) => s.parentId !== null).length,
      },
      { type: 'COVERS', count: sum(seeds.sriaAreas.map((a) => a.stageIds.length)) },
      // Derived links.
      { type: 'ADVANCES', count: links('ADVANCES') },
      { type: 'AT_STAGE', count: links('AT_STAGE') },
      { type: 'ADDRESSES', count: links('ADDRESSES') },
      { type: 'IN_AREA', count: links('IN_AREA') },
      { type: 'SERVES', count: links('SERVES') },
      { type: 'TARGETS', count: links('TARGETS') },
      { type: 'IN_DISEASE_AREA', count: seeds.diseaseAreaLinks.length },
    ]
      .filter((row) => row.count > 0)
      .sort(largestFirst('type'));
    expect(answer.relationships).toEqual(expected);
  });

  it('when stats are read, then the dataset version is that of seeds/manifest.json and the seeding time is a timestamp', async () => {
    const { stats: answer } = await api.data<StatsAnswer>(STATS);
    expect(answer.datasetVersion).toBe(seeds.manifest.version);
    expect(Number.isNaN(Date.parse(answer.seededAt ?? ''))).toBe(false);
  });
});

describe('internal errors', () => {
  it('when a database function fails, then the client gets INTERNAL_SERVER_ERROR with a request id and none of the details', async () => {
    jest
      .spyOn(stats, 'readStats')
      .mockRejectedValueOnce(new Error('secret detail: bolt://neo4j:hunter2@db:7687'));
    const result = await api.execute('{ stats { datasetVersion } }');
    const error = onlyError(result);
    expect(result.data).toBeNull();
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
    const requestId = String(error.extensions?.requestId);
    expect(requestId.length).toBeGreaterThan(0);
    expect(error.message).toContain(requestId);
    expect(JSON.stringify(result)).not.toMatch(/secret|hunter2|bolt:|stacktrace|at .*\.ts/);
    expect(error.path).toEqual(['stats']);
  });

  it('when a batched relation read fails, then only that field is nulled, masked, and the rest of the answer survives', async () => {
    jest
      .spyOn(relations, 'relatedNodes')
      .mockRejectedValueOnce(new TypeError('Cannot read properties of undefined (reading "id")'));
    const result = await loaderApi.execute<{ funder: { id: string; region: unknown } | null }>(
      '{ funder(id: "navarra-es-na") { id region { id } } }',
    );
    const error = onlyError(result);
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('Cannot read');
    expect(error.path).toEqual(['funder', 'region']);
    expect(result.data).toEqual({ funder: { id: 'navarra-es-na', region: null } });
  });

  it('when an internal error happens, then the server log has the request id, the path and the original error', async () => {
    const lines: string[] = [];
    const apollo: ApolloServer<RequestContext> = createApolloServer({ introspection: false });
    await apollo.start();
    try {
      jest.spyOn(stats, 'readStats').mockRejectedValueOnce(new Error('the original failure'));
      const context = createContext(
        {
          db: api.database.db,
          limits: { defaultPageSize: 20, maxPageSize: 100 },
          logger: createLogger('error', (line) => lines.push(line)),
        },
        'request-under-test',
      );
      const response = await apollo.executeOperation(
        { query: '{ stats { datasetVersion } }' },
        { contextValue: context },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      expect(response.body.singleResult.errors?.[0]?.extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        requestId: 'request-under-test',
      });
      expect(lines).toHaveLength(1);
      const logged = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(logged).toMatchObject({ level: 'error', requestId: 'request-under-test', path: 'stats' });
      expect(String(logged.error)).toContain('the original failure');
    } finally {
      await apollo.stop();
    }
  });
});

describe('public errors', () => {
  it('when an argument is invalid, then BAD_USER_INPUT names it in the message and in extensions.argument', async () => {
    const error = expectBadUserInput(await api.execute('{ projects(first: 500) { totalCount } }'), 'first');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('when a variable has the wrong type, then BAD_USER_INPUT comes from validation, before any query runs', async () => {
    api.resetQueryLog();
    const result = await api.execute('query ($first: Int) { funders(first: $first) { totalCount } }', {
      first: 'ten',
    });
    expect(onlyError(result).extensions?.code).toBe('BAD_USER_INPUT');
    expect(api.queryLog).toEqual([]);
  });

  it('when a field does not exist, then GRAPHQL_VALIDATION_FAILED', async () => {
    const error = onlyError(await api.execute('{ funder(id: "isciii-es") { budget } }'));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toContain('budget');
  });

  it('when a required argument is missing, then GRAPHQL_VALIDATION_FAILED names it', async () => {
    const error = onlyError(await api.execute('{ call { id } }'));
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toContain('"id"');
  });

  it('when the document does not parse, then GRAPHQL_PARSE_FAILED', async () => {
    const error = onlyError(await api.execute('{ funder(id: "x" { id } }'));
    expect(error.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('when the other end of a link is missing, then NOT_FOUND names the record, and it is not masked', async () => {
    // Simulate a region whose country link and node are gone: Region.country falls back to its countryCode.
    const nodesById = relations.nodesById;
    jest.spyOn(relations, 'relatedNodes').mockResolvedValueOnce([[]]);
    jest
      .spyOn(relations, 'nodesById')
      .mockImplementation((db, label, ids) =>
        label === 'Country' ? Promise.resolve(ids.map(() => null)) : nodesById(db, label, ids),
      );
    const result = await loaderApi.execute('{ region(id: "es-navarre") { id country { id } } }');
    const error = onlyError(result);
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', kind: 'Country', id: 'ES' });
    expect(error.message).toBe('Country "ES" not found');
    expect(error.path).toEqual(['region', 'country']);
  });

  it('when a planned statement fails, then its root field is nulled and masked, and the other root fields survive', async () => {
    const readAll = plannedApi.database.db.readAll.bind(plannedApi.database.db);
    jest
      .spyOn(plannedApi.database.db, 'readAll')
      .mockImplementationOnce((statements) =>
        statements.some((statement) => statement.cypher.includes('MATCH (n:Funder {id: $id})'))
          ? Promise.reject(new TypeError('Cannot read properties of undefined (reading "id")'))
          : readAll(statements),
      );
    const result = await plannedApi.execute<{ funder: unknown; stats: { dataVersion: number } }>(
      '{ funder(id: "navarra-es-na") { id region { id } } stats { dataVersion } }',
    );
    const error = onlyError(result);
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('Cannot read');
    expect(error.path).toEqual(['funder']);
    expect(result.data?.funder).toBeNull();
    expect(typeof result.data?.stats.dataVersion).toBe('number');
  });

  it('when errors are public, then they carry no request id, internal flag or stack trace', async () => {
    const results = await Promise.all([
      api.execute('{ projects(first: -1) { totalCount } }'),
      api.execute('{ funder(id: "isciii-es") { budget } }'),
      api.execute('{ search(text: " ") { id } }'),
    ]);
    for (const result of results) {
      const error = onlyError(result);
      expect(error.extensions).not.toHaveProperty('requestId');
      expect(error.extensions).not.toHaveProperty('internal');
      expect(error.extensions).not.toHaveProperty('stacktrace');
    }
  });
});
