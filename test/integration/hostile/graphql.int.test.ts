// Hostile GraphQL: syntax garbage, invalid documents, variables of the wrong type and
// credentials that are garbage. Each is refused with its status and a coded error without
// internals (and never echoes a credential), and the server still answers afterwards. With
// introspection off, no error suggests a field name.

import {
  expectAlive,
  expectCleanLog,
  expectRefused,
  send,
  startHostileServer,
  type HostileServer,
  type RawResponse,
} from '../../helpers/hostileServer';

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

function post(port: number, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(port, {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const SYNTAX_GARBAGE: Array<[string, string]> = [
  ['an empty query', ''],
  ['a lone brace', '{'],
  ['a closing brace', '}'],
  ['an unclosed selection', '{ stats {'],
  ['double braces', 'query {{ }}'],
  ['the word query', 'query'],
  ['the word mutation', 'mutation'],
  ['an emoji', '{ 📈 }'],
  ['an unterminated string', '{ funder(id: "isciii-es) { id } }'],
  ['a bad escape in a string', '{ funder(id: "\\x41") { id } }'],
  ['an unterminated block string', '{ funder(id: """abc) { id } }'],
  ['a number where a name goes', '{ 42 }'],
  ['a stray dollar', '{ stats { $ } }'],
  ['a spread of nothing', '{ ... }'],
  ['a fragment without a type', 'fragment F { id } { stats { dataVersion } }'],
  ['a variable without a type', 'query ($x) { stats { dataVersion } }'],
  ['SQL', "SELECT * FROM users WHERE '1'='1'"],
  ['Cypher', 'MATCH (n) DETACH DELETE n'],
  ['JSON', '{"query": "{ stats { dataVersion } }"}'],
  ['HTML', '<script>alert(1)</script>'],
  ['a NUL character', '{ stats\u0000 { dataVersion } }'],
  ['a 10,000-character name', `{ ${'a'.repeat(10_000)}( }`],
  ['a directive with no name', '{ stats @ { dataVersion } }'],
  ['a list literal never closed', '{ funders(filter: { countries: ["ES" }) { totalCount } }'],
];

const INVALID_DOCUMENTS: Array<[string, string, string]> = [
  ['an unknown root field', '{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
  ['an unknown nested field', '{ stats { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a subscription (none exist)', 'subscription { stats { dataVersion } }', 'GRAPHQL_VALIDATION_FAILED'],
  [
    'two anonymous operations',
    '{ stats { dataVersion } } { stats { dataVersion } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a fragment cycle',
    'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['an unused variable', 'query ($a: Int) { stats { dataVersion } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['an undefined variable', '{ funder(id: $id) { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a variable of an unknown type',
    'query ($x: Nope) { stats { dataVersion } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['a duplicated argument', '{ funder(id: "a", id: "b") { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a missing required argument', '{ call { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['an unknown argument', '{ funder(id: "a", nope: 1) { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['an unknown directive', '{ stats @nope { dataVersion } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['@skip without if', '{ stats @skip { dataVersion } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a scalar given a selection', '{ stats { dataVersion { x } } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['an object without a selection', '{ stats }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a string literal for an Int', '{ funders(first: "ten") { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a float literal for an Int', '{ funders(first: 1.5) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
  [
    'an Int literal over 32 bits',
    '{ funders(first: 99999999999) { totalCount } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'an unknown enum literal',
    '{ call(id: "jtc2022") { gaps(provenance: MAYBE) { gap { id } } } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a string for an enum',
    '{ call(id: "jtc2022") { gaps(provenance: "CURATED") { gap { id } } } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['an object for an ID', '{ funder(id: { a: 1 }) { id } }', 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a mismatched fragment type',
    'fragment F on Funder { id } { stats { ...F } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'conflicting aliases',
    '{ a: funder(id: "x") { id } a: stats { dataVersion } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'an introspection of an unknown type field',
    '{ __type(name: "Funder") { nope } }',
    'GRAPHQL_VALIDATION_FAILED',
  ],
];

const BY_ID = 'query ($id: ID!) { funder(id: $id) { id } }';
const FIRST = 'query ($n: Int) { funders(first: $n) { totalCount } }';
const PROVENANCE = 'query ($p: Provenance) { call(id: "jtc2022") { gaps(provenance: $p) { gap { id } } } }';
const CONFIDENCE = 'query ($c: Float) { call(id: "jtc2022") { gaps(minConfidence: $c) { gap { id } } } }';

const WRONG_VARIABLES: Array<[string, string, Record<string, unknown>]> = [
  ['a missing required ID', BY_ID, {}],
  ['a null required ID', BY_ID, { id: null }],
  ['an object for an ID', BY_ID, { id: { $gt: '' } }],
  ['a list for an ID', BY_ID, { id: ['a', 'b'] }],
  ['a boolean for an ID', BY_ID, { id: true }],
  ['a float for an ID', BY_ID, { id: 1.5 }],
  ['a string for an Int', FIRST, { n: 'ten' }],
  ['a float for an Int', FIRST, { n: 1.5 }],
  ['2^40 for an Int', FIRST, { n: 2 ** 40 }],
  ['an object for an Int', FIRST, { n: {} }],
  ['a list for an Int', FIRST, { n: [1] }],
  ['a boolean for an Int', FIRST, { n: true }],
  ['a numeric string for an Int', FIRST, { n: '10' }],
  ['an unknown enum value', PROVENANCE, { p: 'MAYBE' }],
  ['a lower-case enum value', PROVENANCE, { p: 'curated' }],
  ['a number for an enum', PROVENANCE, { p: 1 }],
  ['a string for a Float', CONFIDENCE, { c: 'high' }],
  ['an object for a Float', CONFIDENCE, { c: { value: 1 } }],
];

/** Credentials that must never be echoed: each is checked against the body and the log. */
const SECRETS = [
  'pmg_deadbeef_c2VjcmV0LXNob3VsZC1uZXZlci1iZS1lY2hvZWQ',
  'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.',
  'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4iLCJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLWdhcmJhZ2U',
  'dXNlcjpzdXBlci1zZWNyZXQtcGFzc3dvcmQ=',
  `pmg_${'k'.repeat(4000)}`,
];

const GARBAGE_CREDENTIALS: Array<[string, string]> = [
  ['Bearer alone', 'Bearer'],
  ['Bearer and a space', 'Bearer '],
  ['a Basic credential', `Basic ${SECRETS[3]}`],
  ['an unknown API key', `Bearer ${SECRETS[0]}`],
  ['an API key prefix only', 'Bearer pmg_'],
  ['an API key without a secret', 'Bearer pmg_abc_'],
  ['an alg:none JWT', `Bearer ${SECRETS[1]}`],
  ['a JWT with a garbage signature', `Bearer ${SECRETS[2]}`],
  ['three dots', 'Bearer ...'],
  ['a 4 KB token', `Bearer ${SECRETS[4]}`],
  ['a lower-case scheme', `bearer ${SECRETS[0]}`],
  ['an unknown scheme', `Token ${SECRETS[0]}`],
  ['two credentials', `Bearer ${SECRETS[0]}, Bearer ${SECRETS[2]}`],
  ['a credential with control characters', 'Bearer pmg_a\tb_c'],
];

const REVOKE = 'mutation { revokeApiKey(id: "no-such-key") { id } }';

describe('hostile GraphQL: syntax garbage', () => {
  it.each(SYNTAX_GARBAGE)(
    'when the query is %s, then it is refused as GRAPHQL_PARSE_FAILED (or BAD_REQUEST) and the server still answers',
    async (_, query) => {
      const response = await post(server.port, { query });
      expect(response.status).toBe(400);
      expect(['GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']).toContain(
        JSON.parse(response.body).errors?.[0]?.extensions?.code,
      );
      expectRefused(response, 400, JSON.parse(response.body).errors[0].extensions.code);
      await expectAlive(server.port);
    },
  );
});

describe('hostile GraphQL: invalid documents', () => {
  it.each(INVALID_DOCUMENTS)(
    'when the query has %s, then it is refused with 400 %s... and the server still answers',
    async (_, query, code) => {
      expectRefused(await post(server.port, { query }), 400, code);
      await expectAlive(server.port);
    },
  );
});

describe('hostile GraphQL: variables of the wrong type', () => {
  it.each(WRONG_VARIABLES)(
    'when a variable is %s, then it is refused with 400 BAD_USER_INPUT and the server still answers',
    async (_, query, variables) => {
      expectRefused(await post(server.port, { query, variables }), 400, 'BAD_USER_INPUT');
      await expectAlive(server.port);
    },
  );
});

describe('hostile GraphQL: garbage credentials', () => {
  it.each(GARBAGE_CREDENTIALS)(
    'when the Authorization header is %s, then a mutation is UNAUTHENTICATED without echoing it',
    async (_, authorization) => {
      const response = await post(server.port, { query: REVOKE }, { authorization });
      expectRefused(response, 200, 'UNAUTHENTICATED');
      for (const secret of SECRETS) expect(response.body.includes(secret)).toBe(false);
      expect(response.body.includes(authorization.slice(7, 40)) && authorization.length > 12).toBe(false);
      await expectAlive(server.port);
    },
  );

  it('when the cases above have run, then no credential reached the log, and every line is one JSON object', () => {
    expectCleanLog(server.logLines, SECRETS);
  });
});

describe('field suggestions', () => {
  let closed: HostileServer;
  beforeAll(async () => {
    closed = await startHostileServer({ introspection: false });
  });
  afterAll(() => closed.close());

  it.each([
    ['a misspelt field', { query: '{ stats { dataVersio } }' }],
    ['a misspelt root field', { query: '{ funderz(first: 1) { totalCount } }' }],
    ['a misspelt argument', { query: '{ funders(frist: 1) { totalCount } }' }],
    ['a misspelt type', { query: 'query ($p: Provenanse) { stats { dataVersion } }' }],
    [
      'a misspelt enum literal',
      { query: '{ call(id: "jtc2022") { gaps(provenance: CURATE) { gap { id } } } }' },
    ],
    ['a misspelt enum variable', { query: PROVENANCE, variables: { p: 'CURATE' } }],
  ])('when introspection is off and the query has %s, then the error suggests nothing', async (_, body) => {
    const response = await post(closed.port, body);
    expect(response.status).toBe(400);
    const message = JSON.parse(response.body).errors[0].message as string;
    expect(message).not.toMatch(/did you mean/i);
    expect(message.length).toBeGreaterThan(10);
  });

  it('when introspection is on, then the same mistake gets its suggestion (the check above can fail)', async () => {
    const response = await post(server.port, { query: '{ stats { dataVersio } }' });
    expect(JSON.parse(response.body).errors[0].message).toContain('Did you mean "dataVersion"');
  });

  it('when introspection is off, then an introspection query is refused', async () => {
    expectRefused(
      await post(closed.port, { query: '{ __schema { types { name } } }' }),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});
