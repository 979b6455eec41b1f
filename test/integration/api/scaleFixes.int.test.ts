// The read-path fixes of issue 11, checked where they live: list pages ordered by an index
// on a stored sort key (no sort of the whole label), a totalCount that runs only the count,
// stats from the count store, and stored sort keys that every write path keeps.

import neo4j from 'neo4j-driver';
import type { QueryEvent } from '../../../src/db/run';
import { SORT_KEYS } from '../../../src/db/sortKeys';
import { COUNTED_LABELS, COUNTED_RELATIONSHIP_TYPES, STORE_COUNTS } from '../../../src/db/stats';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** The operators of EXPLAIN's plan for a statement, depth first, e.g. "NodeIndexScan@neo4j". */
async function operators(
  cypher: string,
  params: Record<string, unknown>,
): Promise<Array<{ type: string; details: string }>> {
  const session = api.database.driver.session({
    database: api.database.db.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const summary = await session.executeRead((tx) => tx.run(`EXPLAIN ${cypher}`, params).summary());
    const out: Array<{ type: string; details: string }> = [];
    const walk = (node: PlanNode) => {
      out.push({
        type: node.operatorType.replace(/@.*$/, ''),
        details: String(node.arguments.Details ?? ''),
      });
      node.children.forEach(walk);
    };
    walk(summary.plan as unknown as PlanNode);
    return out;
  } finally {
    await session.close();
  }
}

/** The page statement a list query sent (the one with LIMIT), with its parameters. */
async function pageStatement(query: string): Promise<QueryEvent> {
  api.resetQueryLog();
  await api.data(query);
  const page = api.queryLog.find((event) => event.cypher.includes('LIMIT $_limit'));
  if (!page) throw new Error(`no page statement for ${query}`);
  return page;
}

const SORTING = /^(Sort|Top|PartialSort|PartialTop)$/;

describe('index-served sorts', () => {
  it.each([
    [
      'projects, newest first (the default)',
      '{ projects(first: 5) { nodes { id } } }',
      SORT_KEYS.Project.yearDesc.property,
    ],
    [
      'projects, oldest first',
      '{ projects(first: 5, sort: { field: YEAR, direction: ASC }) { nodes { id } } }',
      SORT_KEYS.Project.yearAsc.property,
    ],
    [
      'projects by acronym',
      '{ projects(first: 5, sort: { field: ACRONYM, direction: ASC }) { nodes { id } } }',
      SORT_KEYS.Project.acronymAsc.property,
    ],
    [
      'organisations by name',
      '{ organisations(first: 5) { nodes { id } } }',
      SORT_KEYS.Organisation.nameAsc.property,
    ],
  ])(
    'when %s is paged, then an index on the stored key orders the page and nothing is sorted',
    async (_, query, property) => {
      const page = await pageStatement(query);
      const plan = await operators(page.cypher, page.params);
      expect(plan.filter((op) => SORTING.test(op.type))).toEqual([]);
      expect(
        plan.some(
          (op) => /^NodeIndex(Scan|Seek|SeekByRange)$/.test(op.type) && op.details.includes(property),
        ),
      ).toBe(true);
    },
  );

  it('when a page continues after a cursor, then the index seeks the rest of its key and the keys after it, and sorts only those rows', async () => {
    const { projects } = await api.data<{ projects: { pageInfo: { endCursor: string } } }>(
      '{ projects(first: 3) { pageInfo { endCursor } } }',
    );
    const page = await pageStatement(
      `{ projects(first: 3, after: "${projects.pageInfo.endCursor}") { nodes { id } } }`,
    );
    const plan = await operators(page.cypher, page.params);
    const seeks = plan.filter(
      (op) =>
        /^NodeIndexSeek(ByRange)?$/.test(op.type) && op.details.includes(SORT_KEYS.Project.yearDesc.property),
    );
    // One seek of the cursor's key after its id, one of the keys after it; each ends at the page's
    // limit, so the one Top sorts at most twice the page whatever the list's length.
    expect([seeks.length, plan.filter((op) => SORTING.test(op.type)).map((op) => op.details)]).toEqual([
      2,
      ['sortKey ASC, `n.id` ASC LIMIT $_limit'],
    ]);
    expect(plan.filter((op) => op.type === 'Limit')).toHaveLength(2);
  });

  it.each([
    ['newest first', 'YEAR', 'DESC'],
    ['oldest first', 'YEAR', 'ASC'],
    ['by acronym', 'ACRONYM', 'ASC'],
  ])(
    'when projects %s are walked two at a time, then the pages join into the one long page',
    async (_, field, direction) => {
      type Page = { projects: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string | null } } };
      const query = `query ($after: String, $first: Int!) {
        projects(first: $first, after: $after, sort: { field: ${field}, direction: ${direction} }) {
          nodes { id } pageInfo { endCursor }
        }
      }`;
      const whole = await api.data<Page>(query, { first: 100 });
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const page: Page = await api.data<Page>(query, { first: 2, after });
        walked.push(...page.projects.nodes.map((node) => node.id));
        after = page.projects.nodes.length === 2 ? page.projects.pageInfo.endCursor : null;
      } while (after !== null);
      expect(walked).toEqual(whole.projects.nodes.map((node) => node.id));
      expect(walked.length).toBeGreaterThan(20);
    },
  );

  it('when any seeded node is read, then its stored sort keys equal what they are computed from', async () => {
    for (const [label, keys] of Object.entries(SORT_KEYS)) {
      for (const key of Object.values(keys)) {
        const [row] = await api.database.db.read<{ stale: number; total: number }>(
          `MATCH (n:${label}) RETURN count(n) AS total, count(CASE WHEN n.${key.property} IS NULL ` +
            `OR n.${key.property} <> ${key.expression} THEN 1 END) AS stale`,
        );
        expect([label, key.property, row!.stale]).toEqual([label, key.property, 0]);
        expect(row!.total).toBeGreaterThan(0);
      }
    }
  });
});

describe('totalCount alone', () => {
  it('when only totalCount is selected, then the count statement is the only one sent', async () => {
    api.resetQueryLog();
    const data = await api.data<{ projects: { totalCount: number } }>(
      '{ projects(filter: { countries: ["DE"] }) { totalCount } }',
    );
    expect(data.projects.totalCount).toBeGreaterThan(0);
    // Besides the check of the country codes, one statement is sent: the count (no page).
    const others = api.queryLog.filter((event) => !event.cypher.includes('collect(n.id)'));
    expect(others).toHaveLength(1);
    expect(others[0]!.cypher).toMatch(/AS total$/);
    expect(others[0]!.cypher).not.toContain('LIMIT');
  });

  it('when only totalCount is selected with a bad first, then the argument is still refused', async () => {
    const result = await api.execute('{ projects(first: -1) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('stats', () => {
  it('when counts are read, then the count store answers each in one short statement', async () => {
    const plan = await operators(STORE_COUNTS, {});
    expect(plan.filter((op) => /CountFromCountStore$/.test(op.type))).toHaveLength(
      COUNTED_LABELS.length + COUNTED_RELATIONSHIP_TYPES.length,
    );
    expect(plan.filter((op) => /Scan|Expand/.test(op.type))).toEqual([]);
    // Under one TCP segment, so that the message does not wait for a delayed ACK (Nagle).
    expect(Buffer.byteLength(STORE_COUNTS)).toBeLessThan(1400);
  });
});
