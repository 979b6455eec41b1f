// The HTTP server on an ephemeral port over the test database: probes, GraphQL by POST,
// the playground for browsers with its assets, request ids, errors without stack traces,
// and every saved playground example run as the playground sends it.

import * as stats from '../../../src/db/stats';
import { GRAPHQL_PATH } from '../../../src/http/app';
import { PLAYGROUND_EXAMPLES } from '../../../src/http/examples';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi({ http: true });
afterEach(() => jest.restoreAllMocks());

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  extensions?: Record<string, Record<string, unknown>>;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function postGraphQL(
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ response: Response; body: GraphQLBody }> {
  const response = await fetch(`${api.base}${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as GraphQLBody };
}

describe('probes', () => {
  it('when /health is asked, then it answers 200 ok', async () => {
    const response = await fetch(`${api.base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when /ready is asked with Neo4j up, then it answers 200 ready', async () => {
    const response = await fetch(`${api.base}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});

describe('GraphQL over HTTP', () => {
  it('when an operation is POSTed, then it answers 200 with the data', async () => {
    const { response, body } = await postGraphQL({
      query: '{ funder(id: "isciii-es") { acronym country { code } } }',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(body.data).toEqual({ funder: { acronym: 'ISCIII', country: { code: 'ES' } } });
    // Every answer tells its priced cost (funder + country) and what it used.
    expect(body.extensions?.cost).toMatchObject({ requested: 2, actual: 2 });
  });

  it('when the caller sends an x-request-id, then the response echoes it', async () => {
    const { response } = await postGraphQL(
      { query: '{ stats { datasetVersion } }' },
      { 'x-request-id': 'client-req-42' },
    );
    expect(response.headers.get('x-request-id')).toBe('client-req-42');
  });

  it.each([
    ['none', undefined],
    ['one with unsafe characters', 'bad id <script>'],
    ['one longer than 64 characters', 'x'.repeat(65)],
  ])('when the caller sends %s, then the response carries a fresh request id', async (_, requestId) => {
    const { response } = await postGraphQL(
      { query: '{ stats { datasetVersion } }' },
      requestId === undefined ? {} : { 'x-request-id': requestId },
    );
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a resolver fails, then the error is masked, carries the request id of the header, and no stack trace', async () => {
    jest.spyOn(stats, 'readStats').mockRejectedValueOnce(new Error('secret failure at /srv/app/db.ts:12'));
    const { response, body } = await postGraphQL(
      { query: '{ stats { datasetVersion } }' },
      { 'x-request-id': 'trace-me-1' },
    );
    expect(response.headers.get('x-request-id')).toBe('trace-me-1');
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-me-1' });
    expect(JSON.stringify(body)).not.toMatch(/secret|stacktrace|db\.ts/);
  });

  it.each([
    ['a syntax error', { query: '{ funder(id: ' }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', { query: '{ funder(id: "x") { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a bad argument', { query: '{ projects(first: 1000) { totalCount } }' }, 'BAD_USER_INPUT'],
  ])('when the request has %s, then the error has its code and no stack trace', async (_, request, code) => {
    const { body } = await postGraphQL(request);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

describe('the playground', () => {
  async function playgroundPage(): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${api.base}${GRAPHQL_PATH}`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    return { response, html: await response.text() };
  }

  it('when a browser opens /graphql, then it gets the playground page', async () => {
    const { response, html } = await playgroundPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<title>PerMed Graph playground</title>');
  });

  it('when the page loads its scripts and styles, then every one is served by us', async () => {
    const { html } = await playgroundPage();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(url.startsWith('/')).toBe(true);
      const asset = await fetch(`${api.base}${url}`);
      expect([url, asset.status]).toEqual([url, 200]);
      await asset.arrayBuffer();
    }
  });

  it('when a client without a preference for HTML GETs /graphql, then Apollo answers, not the page', async () => {
    const response = await fetch(
      `${api.base}${GRAPHQL_PATH}?query=${encodeURIComponent('{ stats { datasetVersion } }')}`,
      {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as GraphQLBody).data).toEqual({
      stats: { datasetVersion: expect.any(String) },
    });
  });

  it('when every tab of the page is run as the playground sends it, then each answers without errors and with data', async () => {
    const { html } = await playgroundPage();
    const configJson = /<script type="application\/json" id="playground-config">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    const config = JSON.parse(configJson!) as {
      graphqlUrl: string;
      tabs: Array<{ query: string; variables?: string }>;
    };
    expect(config.graphqlUrl).toBe(GRAPHQL_PATH);
    expect(config.tabs).toHaveLength(PLAYGROUND_EXAMPLES.length);
    for (const [index, tab] of config.tabs.entries()) {
      const name = PLAYGROUND_EXAMPLES[index]!.name;
      const { response, body } = await postGraphQL({
        query: tab.query,
        variables: tab.variables ? JSON.parse(tab.variables) : undefined,
      });
      expect([name, response.status, body.errors]).toEqual([name, 200, undefined]);
      expectSubstantialData(name, body.data);
    }
  });
});

/**
 * An example shows something: every top-level field has a value, and a list or a page
 * (its nodes or edges) at the top level is not empty.
 */
function expectSubstantialData(example: string, data: Record<string, unknown> | null | undefined): void {
  expect([example, typeof data]).toEqual([example, 'object']);
  for (const [field, value] of Object.entries(data ?? {})) {
    const list = Array.isArray(value)
      ? value
      : ((value as { nodes?: unknown[]; edges?: unknown[] } | null)?.nodes ??
        (value as { edges?: unknown[] } | null)?.edges);
    expect([example, field, value !== null, list === undefined || list.length > 0]).toEqual([
      example,
      field,
      true,
      true,
    ]);
  }
}
