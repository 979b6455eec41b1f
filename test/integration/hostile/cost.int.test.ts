// Hostile cost shapes over HTTP: each is refused with a code before any Cypher runs, the body
// leaks no stack, path or library name, and the server answers normally afterwards. This server
// has no graph statistics (no prewarm): lists are priced at their caps, as every server prices
// before its first statistics; hostile/queryCorpus.int.test.ts prices the huge shapes with them.

import { GRAPHQL_PATH } from '../../../src/http/app';
import type { QueryEvent } from '../../../src/db/run';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi({ http: true });
const statements: QueryEvent[] = [];
beforeAll(() => {
  api.database.db.observe((event) => statements.push(event));
});

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

async function expectAlive(): Promise<void> {
  expect((await fetch(`${api.base}/health`)).status).toBe(200);
  const simple = await post('{ funder(id: "isciii-es") { acronym } }');
  expect(simple.body.data).toEqual({ funder: { acronym: 'ISCIII' } });
}

beforeEach(() => {
  statements.length = 0;
});

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

  it.each([3, 7])(
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

  it('when countries(100) x projects(100) x countries x projects(100) is asked, then it is refused by cost', async () => {
    const answer = await post(
      '{ countries(first: 100) { nodes { projects(first: 100) { countries { projects(first: 100) { id } } } } } }',
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
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

  it('when first comes from variables at the largest Int, then the cost refuses it', async () => {
    const answer = await post(
      'query Q($n: Int) { funder(id: "isciii-es") { projects(first: $n) { funders { projects(first: $n) { id } } } } }',
      {
        n: 2147483647,
      },
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
  });

  it('when first comes from a variable default, then the default is priced', async () => {
    const answer = await post(
      'query Q($n: Int = 100) { countries(first: $n) { nodes { projects(first: $n) { funders { projects(first: $n) { id } } } } } }',
      {},
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
  });

  it('when an expensive part hides behind @include with a variable that is true, then it is priced', async () => {
    const answer = await post(
      'query Q($on: Boolean!) { countries(first: 100) @include(if: $on) { nodes { projects(first: 100) { countries { id } } } } }',
      { on: true },
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
  });

  it('when an expensive part carries @skip(if: false), then it still counts', async () => {
    const answer = await post(
      '{ countries(first: 100) @skip(if: false) { nodes { projects(first: 100) { countries { id } } } } }',
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
  });

  it('when a document holds a cheap and an expensive operation, then the chosen expensive one is refused', async () => {
    const document = `query Cheap { stats { datasetVersion } }
      query Dear { countries(first: 100) { nodes { projects(first: 100) { countries { id } } } } }`;
    await expectRefused(await post(document, undefined, 'Dear'), 'QUERY_TOO_COMPLEX');
  });

  it('when 40 aliases each ask countries x projects, then the sum is refused', async () => {
    await expectRefused(
      await post(aliases(40, 'countries(first: 100) { nodes { projects(first: 50) { id } } }')),
      'QUERY_TOO_COMPLEX',
    );
  });

  it('when a network asks 1000 nodes with edges and their calls, then it is refused', async () => {
    await expectRefused(
      await post('{ cofundingNetwork(limit: 1000) { edges { calls { id funders { id } } } } }'),
      'QUERY_TOO_COMPLEX',
    );
  });

  it("when the coverage matrix asks every cell's projects and partners, then it is refused", async () => {
    const answer = await post(
      '{ coverageMatrix { rows { cells { projectLevel { projects { partners { organisation { id } } } } } } } }',
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
  });

  it("when 100 searches ask their hits' nested lists, then they are refused", async () => {
    await expectRefused(
      await post(aliases(100, 'search(text: "cancer", first: 100) { kind label }')),
      'QUERY_TOO_COMPLEX',
    );
  });

  it('when a mutation selects a huge answer, then cost refuses it before authentication is asked', async () => {
    const answer = await post(
      'mutation M { deleteFunder(id: "nope") { id } a: deleteCall(id: "x") { id } } query Q { countries(first: 100) { nodes { projects(first: 100) { countries { id } } } } }',
      undefined,
      'Q',
    );
    await expectRefused(answer, 'QUERY_TOO_COMPLEX');
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
    for (const answer of answers) expect(answer.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(statements).toEqual([]);
    await expectAlive();
  });
});

describe('accepted operations tell their cost', () => {
  it('when a nested page is asked, then extensions.cost gives requested, limit and actual', async () => {
    const answer = await post('{ projects(first: 5) { nodes { acronym funders { acronym } } } }');
    expect(answer.body.errors).toBeUndefined();
    // connection 1 + 5 × (1 + 20 funders)
    expect(answer.body.extensions?.cost).toMatchObject({ requested: 106, limit: 100000 });
    const nodes = (answer.body.data as { projects: { nodes: Array<{ funders: unknown[] }> } }).projects.nodes;
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
