// The round trips of DESIGN.md: with the planner, a nested page is one statement in one
// transaction; with the planner off, the loaders send one query per level, whatever its size.

import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi({ planner: false });
const plannedApi = useTestApi({ planner: true });

const NESTED_PAGE = `
query NestedPage($first: Int!) {
  projects(first: $first, sort: { field: ACRONYM, direction: ASC }) {
    nodes {
      acronym
      funders { acronym country { code name } }
      partners { role organisation { name country { code name } } }
    }
  }
}`;

async function statementsFor(first: number): Promise<{ count: number; kinds: number; projects: number }> {
  api.resetQueryLog();
  const data = await api.data<{ projects: { nodes: unknown[] } }>(NESTED_PAGE, { first });
  const kinds = new Set(api.queryLog.map((event) => event.cypher)).size;
  return { count: api.queryLog.length, kinds, projects: data.projects.nodes.length };
}

describe('nested project page, planned', () => {
  it('when funders, partners and their countries are selected, then one statement answers the page', async () => {
    plannedApi.resetQueryLog();
    const planned = await plannedApi.data<{ projects: { nodes: unknown[] } }>(NESTED_PAGE, { first: 50 });
    expect(plannedApi.queryLog).toHaveLength(1);
    expect(plannedApi.queryLog[0]?.cypher).toContain('<-[:FUNDS]-(n1:Funder)');
    expect(planned).toEqual(await api.data(NESTED_PAGE, { first: 50 }));
  });
});

describe('nested project page, planner off', () => {
  it('when the page grows from 5 to 50 projects, then the number of Cypher statements stays the same', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(small.projects).toBe(5);
    // The seed has fewer than 50 projects: the large page is every project.
    expect(large.projects).toBeGreaterThan(20);
    // One statement per kind of read whatever the page size. The countries may come in one batch
    // or two (see the next test): when the page's funders and partners answer in one tick they
    // share a batch, which happened for 5 projects and not for 30 (dataset 2026-11-29.2).
    expect(large.kinds).toBe(small.kinds);
    expect(large.count).toBeLessThanOrEqual(small.kinds + 1);
  });

  it('when funders, partners and their countries are selected, then it sends at most one statement per level plus the page', async () => {
    const { count } = await statementsFor(50);
    // page; Project.funders; Project.partners; countries by code, one batch as the funders
    // arrive and one as the partners do (their loaders answer at different moments).
    // Organisation needs no query: partners prime it.
    expect(count).toBeLessThanOrEqual(5);
  });

  it('when a relation is read for every project, then its one statement carries all project ids', async () => {
    api.resetQueryLog();
    await api.data(NESTED_PAGE, { first: 50 });
    const fundersBatch = api.queryLog.find((event) => event.cypher.includes('<-[:FUNDS]-(to:Funder)'));
    expect(fundersBatch).toBeDefined();
    expect((fundersBatch?.params.keys as string[]).length).toBeGreaterThan(20);
  });
});
