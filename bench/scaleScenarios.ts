// The operations `npm run bench:scale` measures at each data-set size: indexed reads (aim:
// flat, within 1.2x of the seed graph) and analytic answers (aim: under 1 s).

import type { ScaleAim } from './scaleReport';

export interface ScaleScenario {
  name: string;
  description: string;
  aim: ScaleAim;
  graphql: { query: string; variables?: Record<string, unknown> };
}

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
