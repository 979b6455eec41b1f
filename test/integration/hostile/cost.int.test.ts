// Hostile cost shapes over HTTP: each is refused with a code before any Cypher runs, the body
// leaks no stack, path or library name, and the server answers normally afterwards. Every shape
// is sent to two servers: one without graph statistics (lists priced at their caps, as every
// server prices before its first prewarm) and one with the statistics of the prewarm (as a
// served server prices from its first minute; issue 19 item 1). With the statistics a list is
// priced at most at the graph's largest such list, so some shapes that their caps made huge
// are honestly small on this graph and answered: each such test says which and why, and
// asserts that the answer is small (SMALL_ANSWER). The huge ones stay refused (issue 19 item 3).

import { GRAPHQL_PATH } from '../../../src/http/app';
import type { QueryEvent } from '../../../src/db/run';
import { type UsedTestApi, useTestApi } from '../../helpers/useTestApi';

/** The two servers every shape is sent to. */
const SERVERS = [
  { name: 'without graph statistics (before the first prewarm)', withStatistics: false },
  { name: "with the prewarm's graph statistics (a served server)", withStatistics: true },
] as const;

/**
 * The most objects an answered shape may return and still count as small: a tenth of the
 * anonymous limit (100,000 points). The realistic corpus's largest answer is 1,387 objects
 * (bench:peer's deep scenario); the largest answered shape here returned 6,237 (a network's
 * 250 edges with their calls and the calls' funders).
 */
const SMALL_ANSWER = 10_000;

/** The server of the describe block running, set by its beforeAll. */
let api: UsedTestApi;
const statements: QueryEvent[] = [];

interface Answer {
  status: number;
  text: string;
  body: {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, any>;
  };
}

async function post(
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<Answer> {
  const response = await fetch(`${api.base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
}

const LEAKS = [
  /\n\s+at /,
  /node_modules/,
  /\/work\//,
  /\/home\//,
  /\/tmp\//,
  /escape\.tech/i,
  /armor/i,
  /apollo/i,
  /neo4j-driver/i,
  /express/i,
  /Syntax Error/,
];

/** Refused with `code` and nothing ran, nothing leaked, and the server still answers. */
async function expectRefused(answer: Answer, code: string, status = 400): Promise<void> {
  expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
  expect(answer.status).toBe(status);
  expect(answer.body.data ?? null).toBeNull();
  for (const leak of LEAKS) expect(answer.text).not.toMatch(leak);
  expect(statements).toEqual([]);
  await expectAlive();
}

/**
 * Answered in full, within the limit, and small: at most SMALL_ANSWER objects (as counted by
 * extensions.cost.actual) and no more than it was priced at; the server still answers.
 */
async function expectSmallAnswer(answer: Answer): Promise<void> {
  expect(answer.body.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  expect(answer.body.data).not.toBeNull();
  const cost = answer.body.extensions?.cost as { requested: number; actual: number; limit: number };
  expect(cost.requested).toBeLessThanOrEqual(cost.limit);
  expect(cost.actual).toBeGreaterThan(0);
  expect(cost.actual).toBeLessThanOrEqual(Math.min(SMALL_ANSWER, cost.requested));
  await expectAlive();
}

/**
 * With statistics, a `first` beyond its bound (0-100) no longer prices the query over the limit
 * (the graph holds at most a handful of such items): the resolver refuses the argument instead,
 * with a code naming it, and no list is answered.
 */
async function expectArgumentRefused(answer: Answer, given: number): Promise<void> {
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(answer.body.errors?.[0]?.message).toBe(
    `Invalid argument "first": must be an integer from 0 to 100, got ${given}`,
  );
  expect(answer.body.extensions?.cost.actual).toBe(0);
  for (const leak of LEAKS) expect(answer.text).not.toMatch(leak);
  await expectAlive();
}

/** The plain countries x projects x countries query, without directives or other operations. */
const COUNTRIES_PROJECTS_COUNTRIES =
  '{ countries(first: 100) { nodes { projects(first: 100) { countries { id } } } } }';

/**
 * With statistics the countries x projects x countries shape is small (35 countries, 11
 * projects a country, 5 countries a project: 2,346 points, 292 objects) and answered; what the
 * test is about still holds: the part behind a directive, or the chosen operation of several, is
 * priced exactly as the plain query.
 */
async function expectPricedAsPlain(answer: Answer): Promise<void> {
  await expectSmallAnswer(answer);
  const plain = await post(COUNTRIES_PROJECTS_COUNTRIES);
  expect(plain.body.extensions?.cost.requested).toBeGreaterThan(1);
  expect(answer.body.extensions?.cost.requested).toBe(plain.body.extensions?.cost.requested);
}

async function expectAlive(): Promise<void> {
  expect((await fetch(`${api.base}/health`)).status).toBe(200);
  const simple = await post('{ funder(id: "isciii-es") { acronym } }');
  expect(simple.body.data).toEqual({ funder: { acronym: 'ISCIII' } });
}

/** `call(id: "jtc2022")` then funders/calls of 1000 alternating `levels` deep (the query). */
function alternating(levels: number): string {
  let inner = 'id';
  for (let level = levels; level >= 1; level--)
    inner = `${level % 2 ? 'funders' : 'calls'}(first: 1000) { id ${inner} }`;
  return `{ call(id: "jtc2022") { id ${inner} } }`;
}

function nest(levels: number, open: (level: number) => string, leaf = 'id'): string {
  let inner = leaf;
  for (let level = levels; level >= 1; level--) inner = `${open(level)} { id ${inner} }`;
  return inner;
}

function doubling(levels: number, base: string, type: string, root: string): string {
  let document = `fragment F0 on ${type} { ${base} }\n`;
  for (let level = 1; level <= levels; level++)
    document += `fragment F${level} on ${type} { ...F${level - 1} ...F${level - 1} }\n`;
  return `${document}{ ${root} { ...F${levels} } }`;
}

const aliases = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe.each(SERVERS)('$name', ({ withStatistics }) => {
  const served = useTestApi(
    withStatistics ? { http: { prewarmAnalytics: true, prewarmIntervalMs: 3_600_000 } } : { http: true },
  );
  // One warming at start-up (projection, networks, statistics: seconds, more at a load of 20);
  // no later tick reads the data version while a test counts statements.
  beforeAll(async () => {
    api = served;
    if (withStatistics) {
      await api.server.analyticsPrewarm!.ready();
      expect(api.server.protection!.statistics).not.toBeNull();
    } else expect(api.server.protection!.statistics).toBeNull();
    api.database.db.observe((event) => statements.push(event));
  }, 300_000);
  beforeEach(() => {
    statements.length = 0;
  });

  /** A test's outcome: `refused` without statistics; with them, answered and small. */
  const small = (refused: string) =>
    withStatistics ? 'it is answered, small (priced on the statistics)' : refused;

  describe('hostile cost shapes', () => {
    it("when the issue's 422-byte query (funders/calls of 1000, 15 levels) is sent, then it is refused with its cost and the limit, before any Cypher", async () => {
      const query = alternating(15);
      expect(query.length).toBeGreaterThan(400);
      const answer = await post(query);
      // Depth is checked while validating, before pricing: the message gives the measured depth and the limit.
      expect(answer.body.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded, found 17/);
      expect(answer.body.extensions?.cost).toMatchObject({ limit: 100000 });
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when the alternating query is 3 levels deep, then it is refused: by cost on its caps, by its first of 1000 on the statistics', async () => {
      const answer = await post(alternating(3));
      if (withStatistics) {
        // Small with statistics: a call has at most 13 funders and a funder 6 calls, so the
        // three lists of 1000 are priced at 13 x 6 x 13 (1,106 points); then the resolver refuses
        // first: 1000, over the page maximum of 100.
        expect(answer.body.extensions?.cost.requested).toBeLessThan(2000);
        await expectArgumentRefused(answer, 1000);
        return;
      }
      expect(answer.body.errors?.[0]?.message).toMatch(/cost is \d+ points and the limit is 100000/);
      expect(answer.body.extensions?.cost.requested).toBeGreaterThan(100000);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it.each([7])(
      'when the alternating query is %i levels deep, then it is refused by cost, with the cost and the limit',
      async (levels) => {
        const answer = await post(alternating(levels));
        expect(answer.body.errors?.[0]?.message).toMatch(/cost is \d+ points and the limit is 100000/);
        expect(answer.body.extensions?.cost.requested).toBeGreaterThan(100000);
        await expectRefused(answer, 'QUERY_TOO_COMPLEX');
      },
    );

    it('when 5,000 aliases are sent, then the token limit refuses them while parsing', async () => {
      const answer = await post(aliases(5000, 'stats { datasetVersion }'));
      expect(answer.body.errors?.[0]?.message).toMatch(/more than 5000 tokens/);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when 151 aliases of a cheap field are sent, then the alias limit refuses them', async () => {
      const answer = await post(aliases(151, 'stats { datasetVersion }'));
      expect(answer.body.errors?.[0]?.message).toMatch(/aliases limit of 150 exceeded, found 151/);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when 100 aliases of collaborationNetwork are sent, then they are refused by cost', async () => {
      await expectRefused(
        await post(aliases(100, 'collaborationNetwork(level: COUNTRIES) { nodeCount }')),
        'QUERY_TOO_COMPLEX',
      );
    });

    it("when 300 aliases of cofundingNetwork are sent (the issue's flood), then they are refused", async () => {
      await expectRefused(await post(aliases(300, 'cofundingNetwork { nodeCount }')), 'QUERY_TOO_COMPLEX');
    });

    it(`when countries(100) x projects(100) x countries x projects(100) is asked, then ${small('it is refused by cost')}`, async () => {
      const answer = await post(
        '{ countries(first: 100) { nodes { projects(first: 100) { countries { projects(first: 100) { id } } } } } }',
      );
      // Small with statistics: 35 countries, at most 11 projects a country and 5 countries a
      // project (23,521 points); 1,334 objects came back.
      if (withStatistics) await expectSmallAnswer(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when project -> funders -> projects is nested 15 levels, then it is refused', async () => {
      const inner = nest(15, (level) => (level % 2 ? 'funders' : 'projects'));
      await expectRefused(
        await post(`{ project(id: "project-permanens") { id ${inner} } }`),
        'QUERY_TOO_COMPLEX',
      );
    });

    it('when fragments double 30 times, then the selection limit refuses them while validating', async () => {
      const answer = await post(doubling(30, 'id acronym', 'Funder', 'funder(id: "isciii-es")'));
      expect(answer.body.errors?.[0]?.message).toMatch(/more than 100000 selections/);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when fragments double 12 times over a list, then the cost refuses them', async () => {
      await expectRefused(
        await post(doubling(12, 'projects(first: 100) { id }', 'Funder', 'funder(id: "isciii-es")')),
        'QUERY_TOO_COMPLEX',
      );
    });

    it('when inline fragments nest 40 levels deep, then the depth limit refuses them', async () => {
      let inner = 'stats { datasetVersion }';
      for (let i = 0; i < 40; i++) inner = `... on Query { ${inner} }`;
      await expectRefused(await post(`{ ${inner} }`), 'QUERY_TOO_COMPLEX');
    });

    it('when fields nest 20 levels through single objects, then the depth limit refuses them', async () => {
      const inner = nest(20, (level) => (level % 2 ? 'call' : 'projects(first: 1)'));
      const answer = await post(`{ project(id: "project-permanens") { ${inner} } }`);
      expect(answer.body.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when depth comes through fragments, then it is counted through them', async () => {
      const fragments = Array.from(
        { length: 14 },
        (_, i) => `fragment D${i} on Project { call { projects(first: 1) { ...D${i + 1} } } }`,
      );
      fragments.push('fragment D14 on Project { id }');
      await expectRefused(
        await post(`${fragments.join('\n')}\n{ project(id: "project-permanens") { ...D0 } }`),
        'QUERY_TOO_COMPLEX',
      );
    });

    it('when 40 directives are sent, then the directive limit refuses them', async () => {
      const fields = Array.from(
        { length: 40 },
        (_, i) => `a${i}: stats @include(if: true) { datasetVersion }`,
      ).join(' ');
      const answer = await post(`{ ${fields} }`);
      expect(answer.body.errors?.[0]?.message).toMatch(/directives limit of 30 exceeded/);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when a filter lists 6,000 ids, then the token limit refuses it', async () => {
      const ids = Array.from({ length: 6000 }, (_, i) => `"id${i}"`).join(',');
      await expectRefused(
        await post(`{ funders(filter: { ids: [${ids}] }) { totalCount } }`),
        'QUERY_TOO_COMPLEX',
      );
    });

    it(`when first comes from variables at the largest Int, then ${withStatistics ? 'the argument is refused (the statistics price it small)' : 'the cost refuses it'}`, async () => {
      const answer = await post(
        'query Q($n: Int) { funder(id: "isciii-es") { projects(first: $n) { funders { projects(first: $n) { id } } } } }',
        {
          n: 2147483647,
        },
      );
      // Small with statistics: a funder has at most 4 projects and a project 4 funders, whatever
      // `first` says (85 points); the resolver then refuses the first beyond 100.
      if (withStatistics) await expectArgumentRefused(answer, 2147483647);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it(`when first comes from a variable default, then the default is priced${withStatistics ? ' (small with the statistics: answered)' : ''}`, async () => {
      const answer = await post(
        'query Q($n: Int = 100) { countries(first: $n) { nodes { projects(first: $n) { funders { projects(first: $n) { id } } } } } }',
        {},
      );
      if (withStatistics) {
        // Small with statistics (35 countries x 11 projects x 4 funders x 4 projects, 8,121
        // points, 220 objects), and priced as the same query with 100 written out.
        await expectSmallAnswer(answer);
        const written = await post(
          '{ countries(first: 100) { nodes { projects(first: 100) { funders { projects(first: 100) { id } } } } } }',
        );
        expect(answer.body.extensions?.cost.requested).toBe(written.body.extensions?.cost.requested);
      } else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it(`when an expensive part hides behind @include with a variable that is true, then it is priced${withStatistics ? ' (small with the statistics: answered)' : ''}`, async () => {
      const answer = await post(
        'query Q($on: Boolean!) { countries(first: 100) @include(if: $on) { nodes { projects(first: 100) { countries { id } } } } }',
        { on: true },
      );
      if (withStatistics) await expectPricedAsPlain(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it(`when an expensive part carries @skip(if: false), then it still counts${withStatistics ? ' (small with the statistics: answered)' : ''}`, async () => {
      const answer = await post(
        '{ countries(first: 100) @skip(if: false) { nodes { projects(first: 100) { countries { id } } } } }',
      );
      if (withStatistics) await expectPricedAsPlain(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it(`when a document holds a cheap and an expensive operation, then the chosen expensive one is ${withStatistics ? 'priced (small with the statistics: answered)' : 'refused'}`, async () => {
      const document = `query Cheap { stats { datasetVersion } }
        query Dear { countries(first: 100) { nodes { projects(first: 100) { countries { id } } } } }`;
      const answer = await post(document, undefined, 'Dear');
      if (withStatistics) await expectPricedAsPlain(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it(`when 40 aliases each ask countries x projects, then ${small('the sum is refused')}`, async () => {
      const answer = await post(
        aliases(40, 'countries(first: 100) { nodes { projects(first: 50) { id } } }'),
      );
      if (!withStatistics) return expectRefused(answer, 'QUERY_TOO_COMPLEX');
      // Small with statistics: 40 x 35 countries x 11 projects (16,840 points, 3,600 objects). The
      // 40 copies run one after another; at a load average of 20 on two cores one run in two
      // reached the 15 s query timeout (QUERY_TIMEOUT, the deadline as backstop), the other
      // answered in 12 s. Either way it is not refused by its price, and an answer is small.
      expect(answer.body.extensions?.cost.requested).toBeLessThanOrEqual(20_000);
      const code = answer.body.errors?.[0]?.extensions?.code;
      if (code === 'QUERY_TIMEOUT') await expectAlive();
      else await expectSmallAnswer(answer);
    });

    it(`when a network asks 1000 nodes with edges and their calls, then ${small('it is refused')}`, async () => {
      const answer = await post(
        '{ cofundingNetwork(limit: 1000) { edges { calls { id funders { id } } } } }',
      );
      // Small with statistics: the network holds 250 edges over 30 funders, an edge at most 18
      // calls and a call 13 funders (22,251 points); 6,237 objects came back.
      if (withStatistics) await expectSmallAnswer(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it(`when the coverage matrix asks every cell's projects and partners, then ${small('it is refused')}`, async () => {
      const answer = await post(
        '{ coverageMatrix { rows { cells { projectLevel { projects { partners { organisation { id } } } } } } } }',
      );
      // Small with statistics: the prewarmed matrix's rows, columns and fullest cells, and at
      // most 6 partners a project (34,901 points); 972 objects came back.
      if (withStatistics) await expectSmallAnswer(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it("when 100 searches ask their hits' nested lists, then they are refused", async () => {
      await expectRefused(
        await post(aliases(100, 'search(text: "cancer", first: 100) { kind label }')),
        'QUERY_TOO_COMPLEX',
      );
    });

    it(`when a query beside a mutation selects a huge answer, then ${small('cost refuses it before authentication is asked')}`, async () => {
      const answer = await post(
        'mutation M { deleteFunder(id: "nope") { id } a: deleteCall(id: "x") { id } } query Q { countries(first: 100) { nodes { projects(first: 100) { countries { id } } } } }',
        undefined,
        'Q',
      );
      if (withStatistics) await expectPricedAsPlain(answer);
      else await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when 160 distinct root fields are selected through fragments, then the root-field limit refuses them', async () => {
      const fragment = `fragment R on Query { ${Array.from({ length: 160 }, (_, i) => `r${i}: stats { datasetVersion }`).join(' ')} }`;
      const answer = await post(`${fragment}\n{ ...R }`);
      await expectRefused(answer, 'QUERY_TOO_COMPLEX');
    });

    it('when fragments form a cycle, then validation refuses them', async () => {
      const answer = await post(
        'fragment A on Funder { calls { ...B } } fragment B on Call { funders { ...A } } { funder(id: "x") { ...A } }',
      );
      await expectRefused(answer, 'GRAPHQL_VALIDATION_FAILED');
    });

    it('when first is a float literal of a billion, then validation refuses it', async () => {
      await expectRefused(
        await post('{ funder(id: "isciii-es") { projects(first: 1e9) { id } } }'),
        'GRAPHQL_VALIDATION_FAILED',
      );
    });

    it('when first is a string variable, then the variable is refused', async () => {
      await expectRefused(
        await post('query Q($n: Int) { funder(id: "isciii-es") { projects(first: $n) { id } } }', {
          n: '1000',
        }),
        'BAD_USER_INPUT',
      );
    });

    it('when 2,000 __typename aliases are sent, then the token limit refuses them', async () => {
      await expectRefused(await post(aliases(2000, '__typename')), 'QUERY_TOO_COMPLEX');
    });

    it('when 1,000 tiny fragments are each spread once, then the token limit refuses them', async () => {
      const fragments = Array.from(
        { length: 1000 },
        (_, i) => `fragment f${i} on Query { stats { datasetVersion } }`,
      );
      const spreads = Array.from({ length: 1000 }, (_, i) => `...f${i}`).join(' ');
      await expectRefused(await post(`${fragments.join('\n')}\n{ ${spreads} }`), 'QUERY_TOO_COMPLEX');
    });

    it("when a GET asks the issue's query, then it is refused the same way", async () => {
      const url = `${api.base}${GRAPHQL_PATH}?query=${encodeURIComponent(alternating(15))}`;
      const response = await fetch(url, {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      });
      const text = await response.text();
      await expectRefused({ status: response.status, text, body: JSON.parse(text) }, 'QUERY_TOO_COMPLEX');
    });

    it('when the same huge query is sent 20 times at once, then each is refused and the server lives', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(alternating(15))));
      for (const answer of answers)
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(statements).toEqual([]);
      await expectAlive();
    });
  });

  describe('accepted operations tell their cost', () => {
    it('when a nested page is asked, then extensions.cost gives requested, limit and actual', async () => {
      const answer = await post('{ projects(first: 5) { nodes { acronym funders { acronym } } } }');
      expect(answer.body.errors).toBeUndefined();
      // connection 1 + 5 × (1 + 20 funders), or with statistics the largest funders of a project
      const funders = withStatistics ? api.server.protection!.statistics!.lists['Project.funders']! : 20;
      expect(funders).toBeLessThanOrEqual(20);
      expect(answer.body.extensions?.cost).toMatchObject({ requested: 1 + 5 * (1 + funders), limit: 100000 });
      const nodes = (answer.body.data as { projects: { nodes: Array<{ funders: unknown[] }> } }).projects
        .nodes;
      // the connection, its nodes and their funders (the data object itself is not counted)
      const objects = 1 + nodes.length + nodes.reduce((sum, node) => sum + node.funders.length, 0);
      expect(answer.body.extensions?.cost.actual).toBe(objects);
    });

    it('when the expensive part is left out with @include(if: false), then it is accepted', async () => {
      const answer = await post(
        'query Q($on: Boolean!) { stats { datasetVersion } countries(first: 100) @include(if: $on) { nodes { projects(first: 100) { countries { id } } } } }',
        { on: false },
      );
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.extensions?.cost.requested).toBe(1);
    });
  });
});
