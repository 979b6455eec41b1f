// The documentation against the seeded graph, so that it cannot drift: every local URL
// quoted in README.md and docs/*.md answers 200, every GraphQL block runs without errors
// (and equals the JSON answer quoted after it), and the counts docs/networks.md and
// docs/seeds.md quote (real networks, edge weights, records per file, links per type) are
// the counts the API gives.

import fs from 'node:fs';
import path from 'node:path';
import { corpusPrice, parseCorpusQuery } from '../../bench/queryCorpus';
import { EXPORT_FORMATS } from '../../src/export/exportNetwork';
import { EXPLORER_DIST } from '../../src/http/explorer';
import { buildExplorer } from '../helpers/explorerBuild';
import { useTestApi } from '../helpers/useTestApi';

const ROOT = path.join(__dirname, '../..');
const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const TEXTS = new Map(DOCS.map((file) => [file, fs.readFileSync(path.join(ROOT, file), 'utf8')]));

/** Fenced blocks of a language, each with the block that follows it (an answer, when JSON). */
function fencedBlocks(text: string): Array<{ language: string; body: string }> {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((match) => ({
    language: match[1]!,
    body: match[2]!,
  }));
}

const LOCAL_PATHS = '(?:export|explore|graphql|playground|health|ready|metrics)';
// A local URL starts a word (after a space, backtick, bracket or quote, or after the local
// host), so test/fixtures/export/tiny.* is not one.
// Placeholders such as <gexf|graphml> may hold a "|", which otherwise ends a URL in a table.
const URL_BODY = `(?:<[^>\\s]*>|[^\\s\`)"'|\\]<])*`;
const LOCAL_URL = new RegExp(
  `(?:^|[\\s\`(<"'])(?:https?://localhost:4000)?(/${LOCAL_PATHS}(?:[/.?]${URL_BODY})?)(?=[\\s\`)"'|\\],.:;>]|$)`,
  'gm',
);
// The server root as a full URL (http://localhost:4000/), which has no path to match above.
const ROOT_URL = /https?:\/\/localhost:4000(\/)(?=[\s`)"'>|\],.:;]|$)/gm;
const EXTENSIONS = Object.values(EXPORT_FORMATS).map((format) => format.extension);

/**
 * The URLs a quoted URL stands for: `<ext>` or `<extension>` is every network format,
 * `<a|b>` each alternative, `<network>` the co-funding network; an `?<arguments>`
 * placeholder is dropped. Other placeholders (`<hash>/...`) make a pattern, not a URL: none.
 */
function expandUrl(quoted: string): string[] {
  const url = quoted.replace(/\?<[^>]*>$/, '').replace('<network>', 'cofunding');
  const placeholder = /<([^>]*)>/.exec(url);
  // `/export/neighbourhood.*` and `/playground/assets/<hash>/...` name families of URLs, not one.
  if (placeholder === null) return url.endsWith('...') || url.endsWith('.*') ? [] : [url];
  const name = placeholder[1]!;
  if (!name.includes('|') && !['ext', 'extension'].includes(name)) return [];
  const options = name.includes('|') ? name.split('|') : EXTENSIONS;
  return options.flatMap((option) => expandUrl(url.replace(placeholder[0], option)));
}

/**
 * The status a quote promises: for a file or query (not a bare route name such as `/export`)
 * in a table row with a status (`| BAD_REQUEST | 400 | ... /export/%ZZ.gexf`), that status; else 200.
 */
function promisedStatus(text: string, index: number, quoted: string): number {
  if (/^\/\w+$/.test(quoted)) return 200;
  const line = text.slice(text.lastIndexOf('\n', index) + 1, text.indexOf('\n', index) + 1 || undefined);
  return Number(/^\|[^|]*\| (\d{3})\b/.exec(line)?.[1] ?? 200);
}

const QUOTED_URLS = [...TEXTS].flatMap(([file, text]) =>
  [...text.matchAll(LOCAL_URL), ...text.matchAll(ROOT_URL)].map((match) => ({
    file,
    quoted: match[1]!,
    status: promisedStatus(text, match.index!, match[1]!),
  })),
);
const URLS = [
  ...new Set(
    QUOTED_URLS.flatMap(({ file, quoted, status }) =>
      expandUrl(quoted).map((url) => `${file} ${status} ${url}`),
    ),
  ),
];
const QUERIES = [...TEXTS].flatMap(([file, text]) => {
  const blocks = fencedBlocks(text);
  return blocks.flatMap((block, index) =>
    block.language === 'graphql'
      ? [
          {
            file,
            query: block.body,
            answer: blocks[index + 1]?.language === 'json' ? blocks[index + 1]!.body : null,
          },
        ]
      : [],
  );
});

beforeAll(() => {
  // The docs send readers to /explore, which answers 503 until its bundle is built.
  if (!fs.existsSync(path.join(EXPLORER_DIST, 'index.html'))) buildExplorer();
});
// As a reader's server runs: prices rest on the prewarm's graph statistics (docs/operations.md's
// worked example is priced 4,026 with them and 4,550,506 on the ceilings alone, refused).
const api = useTestApi({ http: { prewarmAnalytics: true, prewarmIntervalMs: 3_600_000 } });
beforeAll(async () => {
  await api.server.analyticsPrewarm?.ready();
  expect(api.server.protection?.statistics).not.toBeNull();
});

describe('the URLs quoted in the docs', () => {
  it('are found: the export examples of README.md and docs/networks.md among them', () => {
    expect(URLS).toEqual(
      expect.arrayContaining([
        'README.md 200 /export/cofunding.gexf?call=jtc2024',
        'docs/networks.md 200 /export/cofunding.gexf?call=jtc2024',
      ]),
    );
    expect(URLS.length).toBeGreaterThan(30);
  });

  it.each(URLS)(
    'when %s is opened, then it answers the status given (200 unless a table row says)',
    async (entry) => {
      const [, , status, url] = /^(\S+) (\d{3}) (.*)$/.exec(entry)!;
      // /graphql and the playground answer a browser; a GET without a query is not a GraphQL request.
      const response = await fetch(`${api.base}${url}`, { headers: { accept: 'text/html' } });
      const body = await response.text();
      const expected = Number(status);
      expect({
        url,
        status: response.status,
        body: response.status === expected ? '' : body.slice(0, 300),
      }).toEqual({
        url,
        status: expected,
        body: '',
      });
    },
  );
});

describe('the GraphQL quoted in the docs', () => {
  it('is found', () => {
    expect(QUERIES.length).toBeGreaterThan(0);
  });

  it.each(QUERIES.map((entry) => [entry.file, entry.query.split('\n')[1]?.trim() ?? '', entry] as const))(
    'when the block of %s starting "%s" runs, then it has no errors and gives the answer quoted after it',
    async (_file, _start, { query, answer }) => {
      // Over HTTP, as a reader sends it: priced and budgeted like any request.
      const response = await fetch(`${api.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const result = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
      if (answer !== null) expect(result.data).toEqual(JSON.parse(answer));
    },
  );
});

describe("docs/operations.md's worked example of a price", () => {
  const text = TEXTS.get('docs/operations.md')!;
  const example = text.slice(text.indexOf('A worked example'));
  const figure = (pattern: RegExp) => Number(pattern.exec(example)?.[1]?.replace(/,/g, '') ?? NaN);

  it('when it is sent, then it is priced, answered and priced on the ceilings as the text says', async () => {
    const query = fencedBlocks(example)[0]!.body;
    const response = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const result = (await response.json()) as {
      extensions?: { cost?: { requested: number; actual: number } };
    };
    expect(result.extensions?.cost).toMatchObject({
      requested: figure(/= \*\*([\d,]+)\*\* points/),
      actual: figure(/the answer holds ([\d,]+) objects/),
    });
    const ceilings = corpusPrice(
      parseCorpusQuery({ name: 'worked example', question: '', query }),
      null,
      api.database.config.defaultPageSize,
    );
    expect(ceilings).toBe(figure(/against\s+([\d,]+) on the ceilings alone/));
  });
});

/** The GraphQL field of each row of the real-network table in docs/networks.md. */
const NETWORK_ROWS: Record<string, string> = {
  'co-funding by shared calls, all calls': 'cofundingNetwork(basis: CALLS, limit: 1000)',
  'co-funding by shared calls, from 2023 (EP PerMed)':
    'cofundingNetwork(basis: CALLS, filter: {yearFrom: 2023}, limit: 1000)',
  'co-funding by shared calls, JTC2024':
    'cofundingNetwork(basis: CALLS, filter: {calls: ["jtc2024"]}, limit: 1000)',
  'co-funding by shared projects': 'cofundingNetwork(basis: PROJECTS, limit: 1000)',
  'country collaboration': 'collaborationNetwork(level: COUNTRIES, limit: 1000)',
  'organisation collaboration': 'collaborationNetwork(level: ORGANISATIONS, limit: 1000)',
  'countries × knowledge gaps (projects)':
    'bipartiteNetwork(actors: COUNTRIES, targets: GAPS, basis: PROJECTS, limit: 1000)',
  'funders × knowledge gaps (calls)':
    'bipartiteNetwork(actors: FUNDERS, targets: GAPS, basis: CALLS, limit: 1000)',
  'funders × objectives (projects)':
    'bipartiteNetwork(actors: FUNDERS, targets: OBJECTIVES, basis: PROJECTS, limit: 1000)',
};

describe('docs/networks.md', () => {
  const text = TEXTS.get('docs/networks.md')!;
  const table = text.slice(text.indexOf('### The real co-funding network'));
  const rows = [...table.matchAll(/^\| ([^|]+?) \| (\d+) \| (\d+)[^|]* \| (\d+) \|$/gm)].map((match) => ({
    name: match[1]!,
    quoted: { nodes: Number(match[2]), edges: Number(match[3]), weight: Number(match[4]) },
  }));

  it('has a GraphQL query for every row of its table of real networks', () => {
    expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(NETWORK_ROWS).sort());
  });

  it.each(rows.map((row) => [row.name, row] as const))(
    'when the row "%s" is asked of the API, then it gives the quoted counts',
    async (name, row) => {
      const data = await api.data<{ network: { nodeCount: number; edgeCount: number; totalWeight: number } }>(
        `{ network: ${NETWORK_ROWS[name]} { nodeCount edgeCount totalWeight } }`,
      );
      expect({
        name,
        nodes: data.network.nodeCount,
        edges: data.network.edgeCount,
        weight: data.network.totalWeight,
      }).toEqual({ name, ...row.quoted });
    },
  );

  it('when the co-funding network by shared calls is asked, then its weights are as the text says', async () => {
    const sentence = new RegExp(
      String.raw`(\d+) edges have weight 1, (\d+) weight 2, (\d+) weight 3, (\d+) weight 4, ` +
        String.raw`(\d+) weight 5 and one weight 6`,
    );
    const quoted = sentence.exec(text.replace(/\s+/g, ' '));
    expect(quoted).not.toBeNull();
    const data = await api.data<{ network: { edges: Array<{ weight: number }> } }>(
      '{ network: cofundingNetwork(basis: CALLS, limit: 1000) { edges { weight } } }',
    );
    const weights = data.network.edges.map((edge) => edge.weight);
    const histogram = [1, 2, 3, 4, 5, 6].map((weight) => weights.filter((each) => each === weight).length);
    expect(Math.max(...weights)).toBe(6);
    expect(histogram).toEqual([...quoted!.slice(1).map(Number), 1]);
  });
});

/** The node label of each file of the counts table in docs/seeds.md. */
const SEED_FILES: Record<string, string> = {
  'programmes.json': 'Programme',
  'countries.json': 'Country',
  'regions.json': 'Region',
  'funders.json': 'Funder',
  'calls.json': 'Call',
  'organisations.json': 'Organisation',
  'projects.json': 'Project',
  'objectives.json': 'Objective',
  'valueChainStages.json': 'ValueChainStage',
  'sriaAreas.json': 'SriaArea',
  'knowledgeGaps.json': 'KnowledgeGap',
};

describe('docs/seeds.md', () => {
  it('when the API counts the nodes, then each file of the counts table has as many records as the graph', async () => {
    const text = TEXTS.get('docs/seeds.md')!;
    const quoted = Object.fromEntries(
      [...text.matchAll(/^\| (\w+\.json) \| (\d+) \|/gm)]
        .filter((match) => match[1]! in SEED_FILES)
        .map((match) => [SEED_FILES[match[1]!]!, Number(match[2])]),
    );
    expect(Object.keys(quoted).sort()).toEqual(Object.values(SEED_FILES).sort());
    const { stats } = await api.data<{ stats: { nodes: Array<{ label: string; count: number }> } }>(
      '{ stats { nodes { label count } } }',
    );
    const counted = Object.fromEntries(
      stats.nodes.filter((row) => row.label in quoted).map((row) => [row.label, row.count]),
    );
    expect(counted).toEqual(quoted);
  });

  it('when the API counts the derived links, then the totals by type are those of the text', async () => {
    const text = TEXTS.get('docs/seeds.md')!.replace(/\s+/g, ' ');
    const sentence = new RegExp(
      String.raw`by type ADDRESSES (\d+), ADVANCES (\d+), AT_STAGE (\d+) .*?, ` +
        String.raw`IN_AREA (\d+), SERVES (\d+), TARGETS (\d+)\.`,
    );
    const quoted = sentence.exec(text);
    expect(quoted).not.toBeNull();
    const { stats } = await api.data<{ stats: { relationships: Array<{ type: string; count: number }> } }>(
      '{ stats { relationships { type count } } }',
    );
    const types = ['ADDRESSES', 'ADVANCES', 'AT_STAGE', 'IN_AREA', 'SERVES', 'TARGETS'];
    const counted = types.map((type) => stats.relationships.find((row) => row.type === type)?.count ?? 0);
    expect(counted).toEqual(quoted!.slice(1).map(Number));
  });
});
