// The entry points on the real graph: GET / and GET /export answer HTML or JSON, every
// entity table holds every record of its list in the import columns and goes back in
// through the import unchanged, dump.jsonl holds every node and relationship with the data
// version, bom=1 adds the mark, bad parameters get a coded 400, downloadUrl is absolute.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { createHttpApp, GRAPHQL_PATH } from '../../src/http/app';
import { importFile } from '../../src/import/importFile';
import { ENTITY_DEFS, type EntityKind } from '../../src/model';
import { silentLogger } from '../../src/logger';
import { useTestApi } from '../helpers/useTestApi';

const api = useTestApi({ http: true });
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-export-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const LIST_QUERY = (list: string): string =>
  `query($after: String) { list: ${list}(first: 100, after: $after) { totalCount nodes { id } ` +
  'pageInfo { endCursor hasNextPage } } }';
const LIST_QUERIES: Record<EntityKind, string> = {
  projects: LIST_QUERY('projects'),
  funders: LIST_QUERY('funders'),
  calls: LIST_QUERY('calls'),
  organisations: LIST_QUERY('organisations'),
};

interface ListPage {
  list: {
    totalCount: number;
    nodes: Array<{ id: string }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

async function allIds(kind: EntityKind): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ListPage = await api.data<ListPage>(LIST_QUERIES[kind], { after });
    ids.push(...page.list.nodes.map((node) => node.id));
    if (!page.list.pageInfo.hasNextPage) return ids;
    after = page.list.pageInfo.endCursor;
  }
}

describe('GET /export/<table>.csv', () => {
  it.each(Object.keys(ENTITY_DEFS) as EntityKind[])(
    'when %s.csv is downloaded and dry-run imported, then it has every record in the template columns, all unchanged',
    async (kind) => {
      const response = await fetch(`${api.base}/export/${kind}.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${kind}.csv"`);
      const text = await response.text();
      const template = fs
        .readFileSync(path.join(__dirname, '../../docs/import-templates', `${kind}.csv`), 'utf8')
        .trim();
      expect(text.split('\r\n')[0]).toBe(template);
      const rows = parseCsv(text, { columns: true }) as Array<Record<string, string>>;
      expect(rows.map((row) => row.id).sort()).toEqual((await allIds(kind)).sort());

      const file = path.join(dir, `${kind}-export.csv`);
      fs.writeFileSync(file, text);
      const report = await importFile(api.database.db, file, { actor: 'cli:export-test', dryRun: true });
      expect(report.issues).toEqual([]);
      expect(report.samples.updated).toEqual([]);
      expect({
        status: report.status,
        rows: report.rows,
        unchanged: report.unchanged,
        created: report.created,
        updated: report.updated,
      }).toEqual({
        status: report.status,
        rows: rows.length,
        unchanged: rows.length,
        created: 0,
        updated: 0,
      });
    },
  );

  it('when a table is filtered, then it holds the records of the GraphQL list with the same filter', async () => {
    const { projects } = await api.data<{ projects: { nodes: Array<{ id: string }> } }>(
      '{ projects(filter: {calls: ["jtc2022"], countries: ["es"]}, first: 100) { nodes { id } } }',
    );
    expect(projects.nodes.length).toBeGreaterThan(0);
    const response = await fetch(`${api.base}/export/projects.csv?call=jtc2022&countries=ES`);
    const rows = parseCsv(await response.text(), { columns: true }) as Array<{ id: string }>;
    expect(rows.map((row) => row.id).sort()).toEqual(projects.nodes.map((node) => node.id).sort());

    const calls = await fetch(
      `${api.base}/export/calls.csv?kind=joint_transnational_call,innovation_call&yearFrom=2023`,
    );
    const callRows = parseCsv(await calls.text(), { columns: true }) as Array<{ kind: string; year: string }>;
    expect(callRows.length).toBeGreaterThan(0);
    for (const row of callRows) {
      expect(['JOINT_TRANSNATIONAL_CALL', 'INNOVATION_CALL']).toContain(row.kind);
      expect(Number(row.year)).toBeGreaterThanOrEqual(2023);
    }
  });

  it('when bom=1 is asked, then a CSV file starts with the UTF-8 byte-order mark, else not', async () => {
    const withBom = new Uint8Array(await (await fetch(`${api.base}/export/funders.csv?bom=1`)).arrayBuffer());
    const without = new Uint8Array(await (await fetch(`${api.base}/export/funders.csv`)).arrayBuffer());
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...without.slice(0, 2)]).toEqual([...Buffer.from('id')]);
    expect(withBom.length).toBe(without.length + 3);
    const nodes = new Uint8Array(
      await (await fetch(`${api.base}/export/cofunding.nodes.csv?call=jtc2024&bom=1`)).arrayBuffer(),
    );
    expect([...nodes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const gexf = await (await fetch(`${api.base}/export/cofunding.gexf?call=jtc2024&bom=1`)).text();
    expect(gexf.startsWith('<?xml')).toBe(true);
  });

  it.each([
    ['/export/projects.csv?yearFrom=soon', 'yearFrom'],
    ['/export/projects.csv?minConfidence=2', 'minConfidence'],
    ['/export/projects.csv?provenance=guessed', 'provenance'],
    ['/export/calls.csv?kind=party', 'kind'],
    ['/export/funders.csv?colour=red', 'colour'],
    ['/export/funders.csv?bom=maybe', 'bom'],
    ['/export/organisations.csv?text=a&text=b', 'text'],
    ['/export/dump.jsonl?limit=3', 'limit'],
    ['/export/projects.csv?call=jtc2099', 'calls'],
    ['/export/funders.csv?countries=XX', 'countries'],
  ])('when %s is asked, then the answer is a 400 naming %s', async (url, parameter) => {
    const response = await fetch(`${api.base}${url}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string; parameter: string } }>;
    };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
    expect(body.errors[0]!.message).toContain(parameter);
  });

  it('when a call id is misspelt, then the 400 lists the unknown id and its nearest ids, as /export/network does', async () => {
    const response = await fetch(`${api.base}/export/projects.csv?call=jtc202`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ extensions: { parameter: string; unknownIds: string[]; suggestions: unknown } }>;
    };
    expect(body.errors[0]!.extensions.parameter).toBe('calls');
    expect(body.errors[0]!.extensions.unknownIds).toEqual(['jtc202']);
    expect(JSON.stringify(body.errors[0]!.extensions.suggestions)).toContain('jtc2022');
  });
});

describe('GET /export/dump.jsonl', () => {
  it('when the dump is downloaded, then its header gives the data version and the counts of its lines', async () => {
    const response = await fetch(`${api.base}/export/dump.jsonl`);
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const header = lines[0] as {
      type: string;
      dataVersion: number;
      datasetVersion: string;
      counts: { nodes: Record<string, number>; relationships: Record<string, number> };
    };
    const end = lines[lines.length - 1] as {
      type: string;
      dataVersion: number;
      nodes: number;
      relationships: number;
    };
    const { stats } = await api.data<{ stats: { dataVersion: number; datasetVersion: string } }>(
      '{ stats { dataVersion datasetVersion } }',
    );
    expect(header).toMatchObject({
      type: 'header',
      dataVersion: stats.dataVersion,
      datasetVersion: stats.datasetVersion,
    });
    expect(end).toMatchObject({ type: 'end', dataVersion: stats.dataVersion });

    const nodes = lines.filter((line) => line.type === 'node') as Array<{
      label: string;
      id: string;
      properties: Record<string, unknown>;
    }>;
    const relationships = lines.filter((line) => line.type === 'relationship') as Array<{ label: string }>;
    const count = (items: Array<{ label: string }>): Record<string, number> =>
      items.reduce<Record<string, number>>(
        (counts, item) => ({ ...counts, [item.label]: (counts[item.label] ?? 0) + 1 }),
        {},
      );
    expect(count(nodes)).toEqual(
      Object.fromEntries(Object.entries(header.counts.nodes).filter(([, n]) => n > 0)),
    );
    expect(count(relationships)).toEqual(header.counts.relationships);
    expect(end.nodes).toBe(nodes.length);
    expect(end.relationships).toBe(relationships.length);
    expect(nodes.length + relationships.length + 2).toBe(lines.length);
    // Every data node is there once, none of the bookkeeping (API keys, audit, import runs).
    expect(new Set(nodes.map((node) => `${node.label}:${node.id}`)).size).toBe(nodes.length);
    expect(nodes.map((node) => node.label)).not.toContain('ApiKey');
    const permanens = nodes.find((node) => node.id === 'project-permanens');
    expect(permanens?.properties).toMatchObject({ acronym: 'PERMANENS' });
    const { projects } = await api.data<{ projects: { totalCount: number } }>('{ projects { totalCount } }');
    expect(header.counts.nodes.Project).toBe(projects.totalCount);
  });
});

describe('GET / and GET /export', () => {
  it('when a client asks for JSON, then / gives playground, probes, data version and working downloads', async () => {
    const response = await fetch(`${api.base}/`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    const landing = (await response.json()) as {
      dataset: { dataVersion: number; datasetVersion: string };
      graphql: { url: string; playground: string | null };
      exports: { listing: string; downloads: Array<{ example: string }> };
      probes: { health: string; ready: string };
      explorer: string;
    };
    const { stats } = await api.data<{ stats: { dataVersion: number; datasetVersion: string } }>(
      '{ stats { dataVersion datasetVersion } }',
    );
    expect(landing.dataset).toMatchObject(stats);
    expect(landing.graphql).toEqual({
      url: `${api.base}${GRAPHQL_PATH}`,
      playground: `${api.base}${GRAPHQL_PATH}`,
      howTo: expect.any(String),
    });
    expect(landing.probes).toEqual({ health: `${api.base}/health`, ready: `${api.base}/ready` });
    expect(landing.explorer).toBe(`${api.base}/explore`);
    expect(landing.exports.downloads.length).toBeGreaterThanOrEqual(9);
    for (const url of [
      landing.exports.listing,
      landing.probes.health,
      landing.probes.ready,
      ...landing.exports.downloads.map((d) => d.example),
    ]) {
      const answer = await fetch(url);
      expect({ url, status: answer.status }).toEqual({ url, status: 200 });
      await answer.arrayBuffer();
    }
  });

  it('when a browser asks, then / and /export are HTML pages linking the playground and the downloads', async () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const landing = await fetch(`${api.base}/`, { headers: { accept } });
    expect(landing.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await landing.text();
    expect(html).toContain(`href="${api.base}/graphql"`);
    expect(html).toContain(`href="${api.base}/export/projects.csv?call=jtc2022"`);
    expect(html).toContain(`href="${api.base}/ready"`);
    const listing = await fetch(`${api.base}/export`, { headers: { accept } });
    expect(listing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await listing.text()).toContain('/export/dump.jsonl');
  });

  it('when /export is asked for JSON, then it lists the tables, the dump and the networks', async () => {
    const { exports } = (await (await fetch(`${api.base}/export`)).json()) as {
      exports: Array<{ name: string; parameters: Array<{ name: string }> }>;
    };
    expect(exports.map((entry) => entry.name)).toEqual([
      'projects',
      'funders',
      'calls',
      'organisations',
      'dump',
      'cofunding',
      'collaboration',
      'bipartite',
      'neighbourhood',
    ]);
    expect(exports[0]!.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['calls', 'countries', 'text', 'bom']),
    );
  });
});

describe('Network.downloadUrl', () => {
  it('when asked over HTTP, then the URL is absolute on the host asked and downloads the file', async () => {
    const query = JSON.stringify({
      query: '{ cofundingNetwork(filter: {calls: ["jtc2024"]}) { downloadUrl(format: GEXF) } }',
    });
    const answer = await fetch(`${api.base}${GRAPHQL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    const plain = (await answer.json()) as { data: { cofundingNetwork: { downloadUrl: string } } };
    expect(plain.data.cofundingNetwork.downloadUrl).toMatch(
      new RegExp(`^${api.base}/export/cofunding\\.gexf\\?`),
    );
    const file = await fetch(plain.data.cofundingNetwork.downloadUrl);
    expect(file.status).toBe(200);
    await file.arrayBuffer();
  });

  it('when PUBLIC_URL is configured, then downloadUrl and the landing page use it', async () => {
    const limits = { defaultPageSize: 20, maxPageSize: 100 };
    const configured = await createHttpApp({
      db: api.database.db,
      limits,
      logger: silentLogger,
      introspection: false,
      publicUrl: 'https://permed.example.org/graph',
    });
    await new Promise<void>((resolve) => configured.httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const at = `http://127.0.0.1:${(configured.httpServer.address() as AddressInfo).port}`;
      const body = JSON.stringify({ query: '{ cofundingNetwork { downloadUrl(format: GEXF) } }' });
      const answer = await fetch(`${at}${GRAPHQL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const result = (await answer.json()) as { data: { cofundingNetwork: { downloadUrl: string } } };
      expect(result.data.cofundingNetwork.downloadUrl).toMatch(
        /^https:\/\/permed\.example\.org\/graph\/export\/cofunding\.gexf\?/,
      );
      const landing = (await (await fetch(`${at}/`)).json()) as {
        graphql: { url: string; playground: string | null };
      };
      expect(landing.graphql).toMatchObject({
        url: 'https://permed.example.org/graph/graphql',
        playground: null,
      });
    } finally {
      await configured.apollo.stop();
    }
  });

  it('when the Host header is hostile, then it is not written into downloadUrl or the landing page', async () => {
    const { port } = api.server.httpServer.address() as AddressInfo;
    const send = (path: string, method: string, host: string, body?: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            headers: { host, 'content-type': 'application/json', accept: 'application/json' },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve(text));
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    const hostile = 'evil.example/phish?x=';
    const graphql = JSON.parse(
      await send(
        GRAPHQL_PATH,
        'POST',
        hostile,
        JSON.stringify({ query: '{ cofundingNetwork { downloadUrl(format: GEXF) } }' }),
      ),
    ) as { data: { cofundingNetwork: { downloadUrl: string } } };
    expect(graphql.data.cofundingNetwork.downloadUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/export/`),
    );
    const landing = await send('/', 'GET', hostile);
    expect(landing).not.toContain('evil.example');
    expect(JSON.parse(await send('/', 'GET', 'permed.example.org')).graphql.url).toBe(
      'http://permed.example.org/graphql',
    );
  });
});
