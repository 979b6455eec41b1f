// Reads that stay flat as the data grows (issue 11, bench:scale): id checks that seek only the
// given ids, and totalCount that starts from the filter's nodes or reads one node's degree,
// with the same answers as a scan of every project.

import neo4j from 'neo4j-driver';
import type { SeedDataset } from '../../../src/model';
import { expectBadUserInput } from '../../helpers/graphqlErrors';
import { seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';
import { PROJECT_FACTS } from '../../../src/db/gaps';

const api = useTestApi();
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

/** The operators of EXPLAIN's plan for a statement with their details, e.g. "NodeByLabelScan c:Country". */
async function operatorTypes(cypher: string, params: Record<string, unknown>): Promise<string[]> {
  const session = api.database.driver.session({
    database: api.database.db.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const summary = await session.executeRead((tx) => tx.run(`EXPLAIN ${cypher}`, params).summary());
    const types: string[] = [];
    const walk = (node: {
      operatorType: string;
      arguments: Record<string, unknown>;
      children: unknown[];
    }) => {
      types.push(`${node.operatorType.replace(/@.*$/, '')} ${String(node.arguments.Details ?? '')}`);
      for (const child of node.children) walk(child as typeof node);
    };
    walk(summary.plan as unknown as Parameters<typeof walk>[0]);
    return types;
  } finally {
    await session.close();
  }
}

/** Projects matching by a scan of every project: what the counts must equal. */
async function scannedCount(pattern: string, params: Record<string, unknown>): Promise<number> {
  const [row] = await api.database.db.read<{ total: number }>(
    `MATCH (n:Project) WHERE EXISTS { ${pattern} } RETURN count(n) AS total`,
    params,
  );
  return row?.total ?? -1;
}

describe('id checks', () => {
  it('when a filter names ids, then one statement seeks those ids by index and no label is scanned', async () => {
    const organisation = seeds.organisations[0]!.id;
    api.resetQueryLog();
    await api.data(
      `{ projects(filter: { organisations: ["${organisation.toUpperCase()}"] }) { totalCount } }`,
    );
    const checks = api.queryLog.filter((event) => event.cypher.includes('collect(n.id)'));
    expect(checks).toHaveLength(1);
    expect(checks[0]!.cypher).toContain('n.id IN $ids0');
    expect(checks[0]!.params.ids0).toEqual(expect.arrayContaining([organisation]));
    const plan = await operatorTypes(checks[0]!.cypher, checks[0]!.params);
    expect(plan.some((op) => op.startsWith('NodeUniqueIndexSeek'))).toBe(true);
    expect(plan.filter((op) => /Scan/.test(op))).toEqual([]);
  });

  it('when an id is unknown, then every id of its kind is read for the suggestions, and only then', async () => {
    api.resetQueryLog();
    const result = await api.execute('{ projects(filter: { calls: ["jtc2O24"] }) { totalCount } }');
    const error = expectBadUserInput(result, 'filter.calls');
    expect(error.extensions?.suggestions).toContain('jtc2024');
    const checks = api.queryLog.filter((event) => event.cypher.includes('collect(n.id)'));
    expect(checks.map((event) => /\$ids0/.test(event.cypher))).toEqual([true, false]);
  });
});

describe('totalCount with a filter', () => {
  it('when one value of a relation filter is given, then the count is the node degree and equals a scan', async () => {
    const cases: Array<[field: string, id: string, pattern: string]> = [
      ...seeds.countries.map((c): [string, string, string] => [
        'countries',
        c.code ?? c.id,
        '(n)-[:HAS_PARTNER_IN]->(x:Country {code: $id})',
      ]),
      ...seeds.funders.map((f): [string, string, string] => [
        'funders',
        f.id,
        '(n)<-[:FUNDS]-(x:Funder {id: $id})',
      ]),
      ...seeds.calls.map((c): [string, string, string] => [
        'calls',
        c.id,
        '(n)<-[:FUNDED]-(x:Call {id: $id})',
      ]),
      ...seeds.organisations.map((o): [string, string, string] => [
        'organisations',
        o.id,
        '(n)<-[:PARTNER_IN]-(x:Organisation {id: $id})',
      ]),
    ];
    for (const [field, id, pattern] of cases) {
      api.resetQueryLog();
      const data = await api.data<{ projects: { totalCount: number } }>(
        `{ projects(filter: { ${field}: ["${id}"] }) { totalCount } }`,
      );
      expect({ field, id, count: data.projects.totalCount }).toEqual({
        field,
        id,
        count: await scannedCount(pattern, { id }),
      });
      const count = api.queryLog.find((event) => event.cypher.includes('AS total'))!;
      const plan = await operatorTypes(count.cypher, count.params);
      // No project is read: the degree comes from the one node's relationship counts (countries,
      // 36 of them, are found by scanning their label: there is no index on code).
      expect(
        plan.filter((op) => /Expand|Project|Organisation|Funder|Call/.test(op) && !/Seek/.test(op)),
      ).toEqual([]);
    }
  });

  it('when several values or fields are given, then each project is counted once, as a scan counts it', async () => {
    const [a, b] = ['DE', 'FR'];
    const several = await api.data<{ projects: { totalCount: number } }>(
      `{ projects(filter: { countries: ["${a}", "${b}"] }) { totalCount } }`,
    );
    expect(several.projects.totalCount).toBe(
      await scannedCount('(n)-[:HAS_PARTNER_IN]->(x:Country) WHERE x.code IN $codes', { codes: [a, b] }),
    );
    api.resetQueryLog();
    const combined = await api.data<{ projects: { totalCount: number } }>(
      `{ projects(filter: { countries: ["${a}"], yearFrom: 2022 }) { totalCount } }`,
    );
    const [row] = await api.database.db.read<{ total: number }>(
      `MATCH (n:Project) WHERE n.year >= 2022 AND EXISTS { (n)-[:HAS_PARTNER_IN]->(:Country {code: $code}) }
       RETURN count(n) AS total`,
      { code: a },
    );
    expect(combined.projects.totalCount).toBe(row!.total);
    const count = api.queryLog.find((event) => event.cypher.includes('AS total'))!;
    expect(count.cypher).toMatch(/^MATCH \(c:Country\)<-\[:HAS_PARTNER_IN\]-\(n:Project\)/);
  });

  it('when totalCount and a page are selected, then the planned statement counts the same', async () => {
    const planned = await api.data<{ projects: { totalCount: number; nodes: unknown[] } }>(
      '{ projects(first: 2, filter: { countries: ["DE"] }) { totalCount nodes { id } } }',
    );
    const alone = await api.data<{ projects: { totalCount: number } }>(
      '{ projects(filter: { countries: ["DE"] }) { totalCount } }',
    );
    expect(planned.projects.totalCount).toBe(alone.projects.totalCount);
    expect(planned.projects.totalCount).toBeGreaterThan(0);
  });
});

describe('the gap projection read', () => {
  it('when every project is read, then they come in id order from the index, with no Sort holding the rows', async () => {
    // The slotted runtime's Sort keeps every row it sorted until the last has gone out, and the
    // lists computed above it (each project's links) live on in those rows: at 100,000 projects
    // one read held 425 MB of Neo4j's heap, and two at once kept a 1 GiB Neo4j in full GCs
    // for minutes (two replicas prewarming together). From the index's order: 41 MB.
    const plan = await operatorTypes(PROJECT_FACTS, {});
    expect(plan.filter((operator) => /^(Sort|PartialSort|Top|Eager)/.test(operator))).toEqual([]);
    expect(plan.some((operator) => operator.startsWith('NodeIndexScan'))).toBe(true);
    const ids = (await api.database.db.read<{ id: string }>(PROJECT_FACTS)).map((row) => row.id);
    expect(ids.length).toBeGreaterThanOrEqual(seeds.projects.length);
    // Ids are ASCII: Neo4j's string order and JavaScript's are the same.
    expect(ids).toEqual([...ids].sort());
  });
});
