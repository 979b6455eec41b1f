// The HTTP server on an ephemeral port over the test database: probes, GraphQL by POST,
// the playground for browsers with its assets, request ids, errors without stack traces,
// and every saved playground example run as the playground sends it.

import * as sourceDatasets from '../../../src/db/sourceDatasets';
import * as stats from '../../../src/db/stats';
import { DATASET_SPECS } from '../../../src/model';
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

describe('the landing page and stats list the loaded datasets', () => {
  interface ListedDataset {
    id: string;
    name: string;
    licence: string;
    attribution: string;
    versionDate: string;
    release: string | null;
  }

  it('when GET / is asked as JSON, then it lists the datasets as Query.datasets does, the curated data with its seed version', async () => {
    const response = await fetch(`${api.base}/`, { headers: { accept: 'application/json' } });
    const landing = (await response.json()) as {
      dataset: { datasetVersion: string };
      datasets: ListedDataset[];
    };
    const { body } = await postGraphQL({
      query: `{ datasets { id name publisher homepage licence licenceUrl attribution versionDate release }
                stats { datasets { id versionDate licence attribution } } }`,
    });
    const graphql = body.data as {
      datasets: ListedDataset[];
      stats: { datasets: Array<Pick<ListedDataset, 'id' | 'versionDate' | 'licence' | 'attribution'>> };
    };
    expect(landing.datasets).toEqual(graphql.datasets);
    expect(graphql.stats.datasets).toEqual(
      graphql.datasets.map(({ id, versionDate, licence, attribution }) => ({
        id,
        versionDate,
        licence,
        attribution,
      })),
    );
    const curated = landing.datasets.find((entry) => entry.id === 'PERMED_CURATED');
    expect(curated).toMatchObject({
      name: DATASET_SPECS.PERMED_CURATED.name,
      attribution: DATASET_SPECS.PERMED_CURATED.attribution,
      release: landing.dataset.datasetVersion,
      versionDate: landing.dataset.datasetVersion.slice(0, 10),
    });
    expect(landing.datasets[0]!.id).toBe('PERMED_CURATED');
  });

  it('when a browser opens /, then the page tables each dataset with its version date, licence and attribution, escaped', async () => {
    const response = await fetch(`${api.base}/`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    const spec = DATASET_SPECS.PERMED_CURATED;
    expect(html).toContain('<h2>Datasets</h2>');
    const row = html.split('<td class="code">PERMED_CURATED</td>')[1]!.split('</tr>')[0]!;
    expect(row).toContain(spec.name.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`));
    expect(row).toMatch(/<td>\d{4}-\d{2}-\d{2} \(/);
    expect(row).toContain(spec.attribution.replace(/'/g, '&#39;'));
  });

  it('when a CORDIS dataset is loaded, then the page gives its CC BY 4.0 licence as a link and its attribution', async () => {
    jest.spyOn(sourceDatasets, 'readSourceDatasets').mockResolvedValue([
      {
        ...DATASET_SPECS.CORDIS_HORIZON_EUROPE,
        versionDate: '2026-11-02',
        release: null,
        loadedAt: '2026-12-01T00:00:00Z',
      },
    ]);
    const html = await (await fetch(`${api.base}/`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>');
    expect(html).toContain('© European Union, licensed under CC BY 4.0.');
    expect(html).toContain('<td>2026-11-02</td>');
  });

  it('when the database does not answer, then the page still answers and says the list is unavailable', async () => {
    jest.spyOn(sourceDatasets, 'readSourceDatasets').mockRejectedValue(new Error('connection refused'));
    const response = await fetch(`${api.base}/`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dataset: { available: false }, datasets: [] });
    const html = await (await fetch(`${api.base}/`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('The list of loaded datasets is unavailable');
    expect(html).not.toContain('connection refused');
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
