// Hostile URLs, methods and headers: unknown paths and methods, path traversal, malformed
// HTTP that Node's parser refuses, oversized headers, and /export URLs with bad escapes,
// unknown networks or formats, and huge or repeated parameters. Each is refused with its
// status and a coded JSON error without leaking internals, and the server still answers.

import {
  expectAlive,
  expectCleanLog,
  expectRefused,
  send,
  sendRaw,
  startHostileServer,
  type HostileServer,
} from '../../helpers/hostileServer';

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

interface RouteCase {
  method: string;
  path: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const route = (
  method: string,
  path: string,
  status: number,
  code: string,
  headers?: Record<string, string>,
): RouteCase => ({ method, path, status, code, headers });

const METHODS_AND_PATHS: RouteCase[] = [
  route('GET', '/nope', 404, 'NOT_FOUND'),
  route('GET', '/graphql/extra', 404, 'NOT_FOUND'),
  route('POST', '/graphql/extra', 404, 'NOT_FOUND'),
  route('GET', '/.env', 404, 'NOT_FOUND'),
  route('GET', '/.git/config', 404, 'NOT_FOUND'),
  route('GET', '/../../etc/passwd', 404, 'NOT_FOUND'),
  route('GET', '/%2e%2e/%2e%2e/etc/passwd', 404, 'NOT_FOUND'),
  route('GET', '/node_modules/express/package.json', 404, 'NOT_FOUND'),
  route('GET', '/src/config.ts', 404, 'NOT_FOUND'),
  route('GET', '/package.json', 404, 'NOT_FOUND'),
  route('GET', '/playground/assets/nohash/graphiql.min.js', 404, 'NOT_FOUND'),
  route('GET', '/playground/assets/x/..%2f..%2fpackage.json', 404, 'NOT_FOUND'),
  route('GET', '/health/extra', 404, 'NOT_FOUND'),
  route('GET', `/${'a'.repeat(5000)}`, 404, 'NOT_FOUND'),
  route('GET', '/%00', 404, 'NOT_FOUND'),
  route('GET', '/%ZZ', 404, 'NOT_FOUND'),
  route('PUT', '/graphql', 405, 'METHOD_NOT_ALLOWED'),
  route('DELETE', '/graphql', 405, 'METHOD_NOT_ALLOWED'),
  route('PATCH', '/graphql', 405, 'METHOD_NOT_ALLOWED', { 'content-type': 'application/json' }),
  route('TRACE', '/graphql', 405, 'METHOD_NOT_ALLOWED'),
  route('PROPFIND', '/graphql', 405, 'METHOD_NOT_ALLOWED'),
  route('POST', '/health', 405, 'METHOD_NOT_ALLOWED'),
  route('DELETE', '/health', 405, 'METHOD_NOT_ALLOWED'),
  route('PUT', '/ready', 405, 'METHOD_NOT_ALLOWED'),
  route('POST', '/export/cofunding.gexf', 405, 'METHOD_NOT_ALLOWED'),
  route('DELETE', '/export/cofunding.csv', 405, 'METHOD_NOT_ALLOWED'),
  route('PUT', '/export/nothing.here', 405, 'METHOD_NOT_ALLOWED'),
  route('GET', '/graphql', 400, 'BAD_REQUEST', {
    accept: 'application/json',
    'apollo-require-preflight': 'true',
  }),
  route('GET', `/graphql?query=${encodeURIComponent('{ stats { dataVersion } }')}`, 400, 'BAD_REQUEST', {
    accept: 'application/json',
  }),
  route('GET', '/graphql?query=%ZZ', 400, 'GRAPHQL_PARSE_FAILED', {
    accept: 'application/json',
    'apollo-require-preflight': 'true',
  }),
  route(
    'GET',
    `/graphql?query=${encodeURIComponent('mutation { revokeApiKey(id: "x") { id } }')}`,
    405,
    'BAD_REQUEST',
    {
      accept: 'application/json',
      'apollo-require-preflight': 'true',
    },
  ),
  route('GET', '/graphql?query=%7B&variables=%7B', 400, 'BAD_REQUEST', {
    accept: 'application/json',
    'apollo-require-preflight': 'true',
  }),
];

const EXPORT_URLS: RouteCase[] = [
  route('GET', '/export/%ZZ.gexf', 400, 'BAD_REQUEST'),
  route('GET', '/export/cofunding%.gexf', 400, 'BAD_REQUEST'),
  route('GET', '/export/cofunding.gexf%', 400, 'BAD_REQUEST'),
  route('GET', '/export/%E0%A4%A.csv', 400, 'BAD_REQUEST'),
  route('GET', '/export/%FF%FE.gexf', 400, 'BAD_REQUEST'),
  route('GET', '/export/%C0%AF.gexf', 400, 'BAD_REQUEST'),
  route('GET', '/export/friendship.gexf', 404, 'NOT_FOUND'),
  route('GET', '/export/cofunding.pdf', 404, 'NOT_FOUND'),
  route('GET', '/export/cofunding', 404, 'NOT_FOUND'),
  route('GET', '/export/.gexf', 404, 'NOT_FOUND'),
  route('GET', '/export/cofunding.gexf.gexf', 404, 'NOT_FOUND'),
  route('GET', '/export/%2e%2e%2fpackage.json', 404, 'NOT_FOUND'),
  route('GET', `/export/${'x'.repeat(3000)}.gexf`, 404, 'NOT_FOUND'),
  route('GET', '/export/__proto__.gexf', 404, 'NOT_FOUND'),
  route('GET', '/export/neighbourhood.gexf?kind=funder&id=no-such-funder', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?call=jtc2099', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?nope=1', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?__proto__=1', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?constructor=1', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit[]=1', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=1&limit=2', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=abc', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=%ZZ', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=-1', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=1e9', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=99999999999999999999999', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?limit=', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?basis=nope', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?yearFrom=2020.5', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?minConfidence=NaN', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?minConfidence=Infinity', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/cofunding.gexf?provenance=BOTH', 400, 'BAD_USER_INPUT'),
  route(
    'GET',
    `/export/cofunding.gexf?${Array.from({ length: 300 }, (_, index) => `calls=c${index}`).join('&')}`,
    400,
    'BAD_USER_INPUT',
  ),
  route('GET', `/export/cofunding.gexf?calls=${'x'.repeat(5000)}`, 400, 'BAD_USER_INPUT'),
  route('GET', `/export/cofunding.gexf?${'a=1&'.repeat(2000)}`, 400, 'BAD_USER_INPUT'),
  route('GET', '/export/collaboration.graphml', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/collaboration.graphml?level=galaxies', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/bipartite.gexf?actors=funders', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/neighbourhood.gexf?kind=funder', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/neighbourhood.gexf?kind=spaceship&id=x', 400, 'BAD_USER_INPUT'),
  route('GET', '/export/neighbourhood.gexf?kind=funder&id=isciii-es&hops=9', 400, 'BAD_USER_INPUT'),
  route('GET', `/export/neighbourhood.gexf?kind=funder&id=${'i'.repeat(300)}`, 400, 'BAD_USER_INPUT'),
  route('GET', '/export/neighbourhood.gexf?kind=funder&id=isciii-es&type=LOVES', 400, 'BAD_USER_INPUT'),
];

const RAW_HTTP: Array<{ name: string; bytes: string; status: number; code: string }> = [
  { name: 'a request line of garbage', bytes: 'GARBAGE\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'an unknown method',
    bytes: 'FOO /graphql HTTP/1.1\r\nHost: x\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'HTTP/9.9', bytes: 'GET /health HTTP/9.9\r\nHost: x\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a header without a colon',
    bytes: 'GET /health HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a NUL in a header',
    bytes: 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a space in the URL',
    bytes: 'GET /he alth HTTP/1.1\r\nHost: x\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'two Content-Length headers that disagree',
    bytes: 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a negative Content-Length',
    bytes: 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'Content-Length with Transfer-Encoding chunked',
    bytes:
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a broken chunk size',
    bytes:
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a 20 KB header',
    bytes: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
  },
  {
    name: 'a 20 KB URL',
    bytes: `GET /export/cofunding.gexf?calls=${'c'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
  },
  {
    name: '500 headers of 40 bytes',
    bytes: `GET /health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 500 }, (_, index) => `X-H${index}: ${'v'.repeat(30)}\r\n`).join('')}\r\n`,
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
  },
];

describe.each([
  ['methods and paths', METHODS_AND_PATHS],
  ['/export URLs', EXPORT_URLS],
])('hostile routes: %s', (_, cases) => {
  it.each(cases.map((testCase) => [`${testCase.method} ${testCase.path.slice(0, 80)}`, testCase] as const))(
    'when the request is %s, then it is refused with a coded error and the server still answers',
    async (_name, testCase) => {
      const response = await send(server.port, {
        method: testCase.method,
        path: testCase.path,
        headers: testCase.headers,
      });
      expectRefused(response, testCase.status, testCase.code);
      await expectAlive(server.port);
    },
  );
});

describe('hostile raw HTTP', () => {
  it.each(RAW_HTTP.map((testCase) => [testCase.name, testCase] as const))(
    'when the request has %s, then Node refuses it with a coded JSON error and the server still answers',
    async (_name, testCase) => {
      const response = await sendRaw(server.port, testCase.bytes);
      expectRefused(response, testCase.status, testCase.code);
      await expectAlive(server.port);
    },
  );
});

describe('what a refusal says', () => {
  it('when a method is not allowed, then the Allow header lists the methods that are', async () => {
    const response = await send(server.port, { method: 'DELETE', path: '/graphql' });
    expect(response.headers.allow).toBe('GET, POST, HEAD');
  });

  it('when the caller sends a plain request id, then the error response echoes it', async () => {
    const response = await send(server.port, {
      method: 'GET',
      path: '/nope',
      headers: { 'x-request-id': 'hostile-42' },
    });
    expect([response.status, response.headers['x-request-id']]).toEqual([404, 'hostile-42']);
  });

  it('when an export parameter is bad, then the error names it in extensions.parameter', async () => {
    const response = await send(server.port, { method: 'GET', path: '/export/cofunding.gexf?limit=abc' });
    expect(JSON.parse(response.body).errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      parameter: 'limit',
    });
  });

  it('when OPTIONS is asked, then it answers 204 with Allow and no body', async () => {
    const response = await send(server.port, { method: 'OPTIONS', path: '/health' });
    expect([response.status, response.headers.allow, response.body]).toEqual([204, 'GET, HEAD', '']);
  });

  it('when the cases above have run, then every log line is one JSON object', () => {
    expect(server.logLines.length).toBeGreaterThan(50);
    expectCleanLog(server.logLines, []);
  });
});

describe('what still works', () => {
  it.each([
    ['/health', 200],
    ['/ready', 200],
    ['/export/cofunding.gexf?limit=3', 200],
    ['/playground', 200],
  ])('when %s is asked, then it answers %i', async (path, status) => {
    expect((await send(server.port, { method: 'GET', path })).status).toBe(status);
  });
});
