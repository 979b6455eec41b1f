// Hostile request bodies on POST /graphql: broken JSON, bodies that are not an object, wrong
// media types and charsets, unknown or broken content-encodings, oversized bodies. Each case
// is refused with its status and a coded JSON error, leaks nothing, and the server answers a
// simple query afterwards; the log stays one JSON line per event without the raw body.

import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import {
  expectAlive,
  expectCleanLog,
  expectRefused,
  send,
  startHostileServer,
  type HostileServer,
} from '../../helpers/hostileServer';

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

/** Marks raw bodies so the log check can prove none reached the log. */
const MARKER = 'RAW-BODY-MARKER-7f3a';
const JSON_TYPE = { 'content-type': 'application/json' };
const QUERY = `{ stats { dataVersion } } # ${MARKER}`;
const LIMIT = 1_048_576;

interface BodyCase {
  name: string;
  headers?: Record<string, string>;
  body: string | Buffer;
  status: number;
  code: string;
}

const JSON_BODIES: BodyCase[] = [
  { name: 'an unclosed object', body: `{"query": "${MARKER}"`, status: 400, code: 'BAD_REQUEST' },
  { name: 'a lone brace', body: '{', status: 400, code: 'BAD_REQUEST' },
  { name: 'a trailing comma', body: `{"query": "${QUERY}",}`, status: 400, code: 'BAD_REQUEST' },
  { name: 'single quotes', body: `{'query': '${QUERY}'}`, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'garbage after the object',
    body: `{"query": "${QUERY}"} ${MARKER}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'a body of null', body: 'null', status: 400, code: 'BAD_REQUEST' },
  { name: 'a body of a number', body: '42', status: 400, code: 'BAD_REQUEST' },
  { name: 'a body of a negative float', body: '-1.5e300', status: 400, code: 'BAD_REQUEST' },
  { name: 'a body of a string', body: `"${MARKER}"`, status: 400, code: 'BAD_REQUEST' },
  { name: 'a body of true', body: 'true', status: 400, code: 'BAD_REQUEST' },
  { name: 'an unquoted word', body: MARKER, status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty array (a batch)', body: '[]', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a batch of one operation',
    body: JSON.stringify([{ query: QUERY }]),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'an empty object', body: '{}', status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is a number', body: '{"query": 1}', status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is an object', body: '{"query": {"a": 1}}', status: 400, code: 'BAD_REQUEST' },
  { name: 'a query of null', body: '{"query": null}', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'variables as a string',
    body: JSON.stringify({ query: QUERY, variables: 'x' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'variables as an array',
    body: JSON.stringify({ query: QUERY, variables: [1] }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'extensions as a string',
    body: JSON.stringify({ query: QUERY, extensions: 'x' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an operationName that is a number',
    body: JSON.stringify({ query: QUERY, operationName: 5 }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a NUL byte outside strings',
    body: `{"query"\u0000: "${QUERY}"}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an unescaped control character in a string',
    body: `{"query": "{ stats\u0001 }"}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a lone UTF-16 surrogate escape as the query',
    body: '{"query": "\\ud800"}',
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'invalid UTF-8 bytes in the query',
    body: Buffer.concat([Buffer.from('{"query": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'a NUL escape as the query',
    body: '{"query": "\\u0000"}',
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  { name: 'a body of whitespace only', body: '   \n\t ', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a prototype-polluting key',
    body: `{"__proto__": {"query": "${QUERY}"}}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
];

const CONTENT_TYPES: BodyCase[] = [
  ...[
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    'application/graphql',
    'application/javascript',
    'application',
    '/',
    'application/json; charset',
    'application/json;;',
    'application/json; charset="utf-8',
    '*/*',
  ].map((type) => ({
    name: `Content-Type ${type}`,
    headers: { 'content-type': type },
    body: JSON.stringify({ query: QUERY }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  })),
  ...[
    'latin1',
    'iso-8859-1',
    'ISO-8859-15',
    'windows-1252',
    'utf-16',
    'utf-16le',
    'UTF-32',
    'us-ascii',
    'koi8-r',
    'x-unknown',
    '"latin1"',
  ].map((charset) => ({
    name: `charset=${charset}`,
    headers: { 'content-type': `application/json; charset=${charset}` },
    body: JSON.stringify({ query: QUERY }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  })),
  {
    name: 'no Content-Type at all',
    headers: {},
    body: JSON.stringify({ query: QUERY }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
];

const ENCODINGS: BodyCase[] = [
  ...['compress', 'x-unknown', 'gzip, gzip', 'identity, gzip', 'zstd-ish', 'chunked'].map((encoding) => ({
    name: `Content-Encoding ${encoding}`,
    headers: { ...JSON_TYPE, 'content-encoding': encoding },
    body: JSON.stringify({ query: QUERY }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  })),
  ...['gzip', 'deflate', 'br'].map((encoding) => ({
    name: `Content-Encoding ${encoding} over a body that is not compressed`,
    headers: { ...JSON_TYPE, 'content-encoding': encoding },
    body: JSON.stringify({ query: QUERY }),
    status: 400,
    code: 'BAD_REQUEST',
  })),
  {
    name: 'a gzip stream cut in half',
    headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ query: QUERY.repeat(50) })).subarray(0, 40),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a gzip bomb (2 MiB of spaces)',
    headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    body: gzipSync(
      Buffer.concat([
        Buffer.from('{"query": "{ stats { dataVersion } }", "pad": "'),
        Buffer.alloc(2 * LIMIT, ' '),
        Buffer.from('"}'),
      ]),
    ),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a deflate bomb (2 MiB of spaces)',
    headers: { ...JSON_TYPE, 'content-encoding': 'deflate' },
    body: deflateSync(Buffer.alloc(2 * LIMIT, ' ')),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'gzipped broken JSON',
    headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    body: gzipSync(`{"query": ${MARKER}`),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'brotli-compressed null',
    headers: { ...JSON_TYPE, 'content-encoding': 'br' },
    body: brotliCompressSync('null'),
    status: 400,
    code: 'BAD_REQUEST',
  },
];

const SIZES: BodyCase[] = [
  {
    name: 'a body one byte over the limit',
    body: `{"query": "${QUERY}", "pad": "${'x'.repeat(LIMIT)}"}`,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a 2 MB body',
    body: `{"query": "${QUERY}", "pad": "${MARKER.repeat(2_000_000 / MARKER.length)}"}`,
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  { name: 'a 2 MB body of broken JSON', body: '['.repeat(2_000_000), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  {
    name: 'a body of 5,000 nested arrays',
    body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
];

describe.each([
  ['JSON bodies', JSON_BODIES],
  ['media types and charsets', CONTENT_TYPES],
  ['content-encodings', ENCODINGS],
  ['sizes', SIZES],
])('hostile bodies: %s', (_, cases) => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))(
    'when the body is %s, then it is refused with a coded error and the server still answers',
    async (_name, testCase) => {
      const response = await send(server.port, {
        method: 'POST',
        path: '/graphql',
        headers: testCase.headers ?? JSON_TYPE,
        body: testCase.body,
      });
      expectRefused(response, testCase.status, testCase.code);
      expect(response.body).not.toContain(MARKER);
      await expectAlive(server.port);
    },
  );
});

describe('the log after the hostile bodies', () => {
  it('when the cases above have run, then every log line is one JSON object with no raw body in it', () => {
    expect(server.logLines.length).toBeGreaterThan(50);
    expectCleanLog(server.logLines, [MARKER]);
  });

  it('when a body is refused, then its log line names the request id and the code', () => {
    const refusals = server.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.message === 'request refused');
    expect(refusals.length).toBeGreaterThan(10);
    for (const entry of refusals)
      expect(entry).toEqual(
        expect.objectContaining({ requestId: expect.any(String), code: expect.any(String) }),
      );
  });
});

describe('accepted bodies (the limits do not refuse what is valid)', () => {
  it.each([
    [
      'charset=utf-8',
      { 'content-type': 'application/json; charset=utf-8' },
      JSON.stringify({ query: QUERY }),
    ],
    [
      'charset=UTF-8 quoted',
      { 'content-type': 'application/json; charset="UTF-8"' },
      JSON.stringify({ query: QUERY }),
    ],
    [
      'a gzipped body',
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify({ query: QUERY })),
    ],
    [
      'a body just under the limit',
      JSON_TYPE,
      JSON.stringify({ query: QUERY, extensions: { pad: 'x'.repeat(LIMIT - 200) } }),
    ],
  ] as const)('when the body has %s, then the query runs', async (_, headers, body) => {
    const response = await send(server.port, { method: 'POST', path: '/graphql', headers, body });
    expect([response.status, JSON.parse(response.body).data?.stats?.dataVersion]).toEqual([
      200,
      expect.any(Number),
    ]);
  });
});
