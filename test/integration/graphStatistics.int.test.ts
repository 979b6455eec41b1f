// The graph statistics on the seed graph: every largest degree is at least the most distinct
// records one node's list holds (exactly that where the far end's label is checked), the
// degree-only statements are answered from the degree store, and the whole read takes a few
// statements.

import { readLargestDegrees, largestDegreeStatements, readLargestGroups } from '../../src/db/graphStatistics';
import type { QueryEvent } from '../../src/db/run';
import { VersionedMemo } from '../../src/cache/versionedCache';
import { readDataVersion } from '../../src/db/stats';
import { degreeQueries, FILTER_GROUPS, readGraphStatistics } from '../../src/resolvers/graphStatistics';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const log: QueryEvent[] = [];
beforeAll(() => {
  database = openTestDatabase();
  database.db.observe((event) => log.push(event));
});
afterAll(() => database.close());

/** The most distinct far ends one `from` node has through `pattern`, counted another way. */
async function mostDistinct(from: string, pattern: string): Promise<number> {
  const [row] = await database.db.read<{ most: number | null }>(
    `MATCH (from:${from}) OPTIONAL MATCH ${pattern} WITH from, count(DISTINCT to) AS ends RETURN max(ends) AS most`,
  );
  return row?.most ?? 0;
}

describe('readLargestDegrees', () => {
  it('when read on the seeds, then each is at least the fullest list, and exact where the label is checked', async () => {
    const queries = degreeQueries();
    const degrees = await readLargestDegrees(database.db, queries);
    const labelled = new Set(
      largestDegreeStatements(queries).flatMap((statement) =>
        statement.keys.filter((key) => {
          const query = queries.find((q) => q.key === key)!;
          return statement.cypher.includes(`MATCH ${query.pattern} }`);
        }),
      ),
    );
    // a call's funders, countries and regions share PARTICIPATES_IN: each is read with its label
    expect([...labelled]).toEqual(
      expect.arrayContaining(['Call.funders', 'Call.participatingCountries', 'Call.participatingRegions']),
    );
    for (const query of queries) {
      const most = await mostDistinct(query.from, query.pattern);
      expect({ key: query.key, degree: degrees[query.key]! >= most }).toEqual({
        key: query.key,
        degree: true,
      });
      if (labelled.has(query.key))
        expect({ key: query.key, degree: degrees[query.key] }).toEqual({ key: query.key, degree: most });
    }
    // the figures: a funder joined at most 6 calls, a call funded at most 7 named projects
    expect(degrees['Funder.calls']).toBe(
      await mostDistinct('Funder', '(from)-[:PARTICIPATES_IN]->(to:Call)'),
    );
    expect(degrees['Call.projects']).toBe(await mostDistinct('Call', '(from)-[:FUNDED]->(to:Project)'));
  });

  it("when a label's lists are all its own types, then Neo4j answers them from the degree store", async () => {
    const [statement] = largestDegreeStatements(degreeQueries().filter((query) => query.from === 'Funder'));
    const session = database.driver.session({
      database: database.config.database,
      defaultAccessMode: 'READ',
    });
    try {
      const result = await session.run(`PROFILE ${statement!.cypher}`);
      const operators: string[] = [];
      const details: string[] = [];
      const walk = (plan: {
        operatorType: string;
        arguments: Record<string, unknown>;
        children: unknown[];
      }) => {
        operators.push(plan.operatorType.replace(/@.*/, ''));
        details.push(String(plan.arguments.Details ?? ''));
        for (const child of plan.children) walk(child as typeof plan);
      };
      walk(result.summary.profile as never);
      // one label scan and the degrees: no relationship is expanded
      expect(operators.filter((operator) => operator.startsWith('Expand'))).toEqual([]);
      expect(details.join(' ')).toContain('getDegree');
    } finally {
      await session.close();
    }
  });
});

describe('readLargestGroups', () => {
  it('when read on the seeds, then each is the most records sharing one value of the property', async () => {
    const groups = await readLargestGroups(database.db, FILTER_GROUPS);
    const [funders] = await database.db.read<{ most: number }>(
      'MATCH (f:Funder) WHERE f.countryCode IS NOT NULL WITH f.countryCode AS c, count(*) AS n RETURN max(n) AS most',
    );
    expect(groups['Query.funders[countries]']).toBe(funders!.most);
    expect(groups['Query.organisations[countries]']).toBeGreaterThan(0);
  });
});

describe('readGraphStatistics', () => {
  it('when read for a data version, then it takes one statement per label of lists and per filter property, plus the counts and the analytics', async () => {
    const version = await readDataVersion(database.db);
    const scope = { db: database.db, analytics: new VersionedMemo(64), dataVersion: async () => version };
    log.length = 0;
    const statistics = await readGraphStatistics(scope);
    expect(statistics.dataVersion).toBe(version);
    const labels = new Set(degreeQueries().map((query) => query.from)).size;
    const degreeStatements = log.filter((event) => event.cypher.includes('max(COUNT {')).length;
    expect(degreeStatements).toBe(labels);
    expect(log.filter((event) => event.cypher.includes('AS largest')).length).toBe(FILTER_GROUPS.length);
    // the seeds: 43 funders, the co-funding network by calls, the coverage matrix's gap rows
    const [funders] = await database.db.read<{ n: number }>('MATCH (f:Funder) RETURN count(f) AS n');
    expect(statistics.lists['Query.funders']).toBe(funders!.n);
    expect(statistics.lists['Query.cofundingNetwork(basis: CALLS)']).toBeGreaterThan(0);
    const [gaps] = await database.db.read<{ n: number }>('MATCH (g:KnowledgeGap) RETURN count(g) AS n');
    expect(
      statistics.below['Query.coverageMatrix(rows: GAP, stageGrain: MACRO)']?.['CoverageMatrix.rows'],
    ).toBe(gaps!.n);
  });
});
