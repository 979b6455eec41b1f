// The operations `npm run bench:scale` measures at each data-set size: indexed reads (aim:
// flat, within 1.2x of the seed graph), pages of 50 (within 1.5x) and analytic answers (under 1 s).

import type { ScaleAim } from './scaleReport';

type Variables = Record<string, unknown>;

export interface ScaleScenario {
  name: string;
  description: string;
  aim: ScaleAim;
  graphql: { query: string; variables?: Variables };
  /** Variables read from the data set served at `url` before measuring (a cursor into its list). */
  prepare?: (url: string) => Promise<Variables>;
}

/** The request body of each scenario on the API at `url` (its `prepare` run once). */
export async function scenarioBodies(
  url: string,
  scenarios: readonly ScaleScenario[],
): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const scenario of scenarios) {
    const variables = { ...scenario.graphql.variables, ...(await scenario.prepare?.(url)) };
    bodies.set(scenario.name, JSON.stringify({ query: scenario.graphql.query, variables }));
  }
  return bodies;
}

async function graphqlData<T>(url: string, query: string, variables: Variables): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!response.ok || body.errors?.length || !body.data)
    throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 400)}`);
  return body.data;
}

/**
 * The cursor of the project a third into the default order (newest first), reached as a client
 * would, page by page (100 a page; 334 pages at 100,000 projects, cursors only). A third, not
 * the middle: the synthetic projects fall into 8 years, and the middle of 100,030 projects is
 * the first of a year, where a cursor costs least; a third in is 8,343 projects into its year.
 */
async function cursorAThirdIn(url: string): Promise<Variables> {
  const { projects } = await graphqlData<{ projects: { totalCount: number } }>(
    url,
    '{ projects { totalCount } }',
    {},
  );
  let remaining = Math.floor(projects.totalCount / 3);
  let after: string | null = null;
  while (remaining > 0) {
    const first = Math.min(100, remaining);
    const page: { projects: { pageInfo: { endCursor: string | null } } } = await graphqlData(
      url,
      'query Walk($first: Int!, $after: String) { projects(first: $first, after: $after) { pageInfo { endCursor } } }',
      { first, after },
    );
    after = page.projects.pageInfo.endCursor;
    remaining -= first;
  }
  return { after };
}

const NESTED_PAGE_SELECTION = `nodes { acronym year
        funders { acronym country { code name } }
        partners { role organisation { name country { code name } } } }`;

export const SCALE_SCENARIOS: readonly ScaleScenario[] = [
  {
    name: 'by id',
    description: 'project(id) with five scalar fields',
    aim: 'indexed',
    graphql: { query: '{ project(id: "project-permanens") { id acronym title year fundingEur } }' },
  },
  {
    name: 'nested page',
    // 20, not 50: the seed graph has 29 projects, and a page must hold as many rows at x1 as at x1000
    // for the ratio to measure the data set's size rather than the page's.
    description: 'projects(first: 20), newest first, with funders, partners and their countries',
    aim: 'indexed',
    graphql: {
      query: `{ projects(first: 20) { nodes { acronym year
        funders { acronym country { code name } }
        partners { role organisation { name country { code name } } } } } }`,
    },
  },
  {
    name: 'nested page of 50',
    // The page (issue 20: 2.9x at 100k). The seed graph holds 30 projects, so at x1 the page has 30
    // rows and at the larger sizes 50.
    description:
      'projects(first: 50), newest first, with funders, partners and their countries (x1: 30 rows)',
    aim: 'page',
    graphql: { query: `{ projects(first: 50) { ${NESTED_PAGE_SELECTION} } }` },
  },
  {
    name: 'deep page after a cursor',
    // Keyset pagination deep into the list (issue 20: 3.5x at 100k): the page after the first third,
    // 20 rows at x1, 50 at the larger sizes.
    description: 'the nested page of 50 after the cursor of the project a third into the list (x1: 20 rows)',
    aim: 'page',
    graphql: {
      query: `query Deep($after: String) { projects(first: 50, after: $after) { ${NESTED_PAGE_SELECTION} } }`,
    },
    prepare: cursorAThirdIn,
  },
  {
    name: 'search',
    description: 'search(text: "pharmacogenomics", first: 10)',
    aim: 'indexed',
    graphql: { query: '{ search(text: "pharmacogenomics", first: 10) { kind label score } }' },
  },
  {
    name: 'projects totalCount',
    description: 'projects(filter: {countries: ["DE"]}) { totalCount }',
    // A count of one filter value is read from the degree store (src/db/countQuery.ts): flat.
    aim: 'indexed',
    graphql: { query: '{ projects(filter: { countries: ["DE"] }) { totalCount } }' },
  },
  {
    name: 'stats',
    description: 'stats: node and relationship counts',
    aim: 'indexed',
    graphql: { query: '{ stats { dataVersion nodes { label count } relationships { type count } } }' },
  },
  {
    name: 'cofundingNetwork',
    description: 'cofundingNetwork (calls): counts, PageRank ranking, communities',
    aim: 'analytic',
    graphql: {
      query: `{ cofundingNetwork { nodeCount edgeCount totalWeight
        ranking(measure: PAGE_RANK, first: 10) { rank score node { id } } communities { id size } } }`,
    },
  },
  {
    name: 'collaborationNetwork',
    description: 'collaborationNetwork(level: COUNTRIES): counts, PageRank ranking',
    aim: 'analytic',
    graphql: {
      query: `{ collaborationNetwork(level: COUNTRIES) { nodeCount edgeCount totalWeight
        ranking(measure: PAGE_RANK, first: 10) { rank score node { id } } } }`,
    },
  },
  {
    name: 'coverageMatrix',
    description: "coverageMatrix: every cell's project count",
    aim: 'analytic',
    graphql: {
      query: `{ coverageMatrix { linkCount projectsInScopeCount columns { stageId }
        rows { id label cells { stageId projectLevel { projectCount } } } } }`,
    },
  },
  {
    name: 'whiteSpots',
    description: 'whiteSpots(first: 10): rows and cells',
    aim: 'analytic',
    graphql: {
      query:
        '{ whiteSpots(first: 10) { rowCount linkCount rows { rank rowId } cells { rank rowId stageId } } }',
    },
  },
];
