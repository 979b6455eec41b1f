/** @jest-environment-options {"graphAccess": "exclusive"} */
// The schema migrations against the real Neo4j: constraints, indexes and idempotency.

import { applySchema, NODE_LABELS, FULLTEXT_INDEX } from '../../src/db/migrations';
import { SEARCH_ANALYZER_VERSION } from '../../src/search/searchProperties';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(() => {
  database = openTestDatabase();
});
afterAll(() => database.close());

describe('applySchema', () => {
  it('creates a uniqueness constraint on id for every label', async () => {
    const rows = await database.db.read<{ labels: string[]; properties: string[] }>(
      "SHOW CONSTRAINTS YIELD labelsOrTypes AS labels, properties, type WHERE type = 'UNIQUENESS' RETURN labels, properties",
    );
    for (const label of NODE_LABELS) {
      expect(rows).toContainEqual({ labels: [label], properties: ['id'] });
    }
  });

  it('creates an online full-text index over the analysed search properties', async () => {
    const rows = await database.db.read<{ state: string; properties: string[] }>(
      'SHOW FULLTEXT INDEXES YIELD name, state, properties WHERE name = $name RETURN state, properties',
      { name: FULLTEXT_INDEX },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.state).toBe('ONLINE');
    expect(rows[0]?.properties).toEqual(['searchName', 'searchText', 'searchWords']);
  });

  it('gives every searchable node its search properties, from the current analyzer', async () => {
    const [row] = await database.db.read<{ missing: number; nodes: number }>(
      `MATCH (n) WHERE n:Programme OR n:Funder OR n:Call OR n:Project OR n:Organisation OR n:Country OR n:Region
         OR n:Objective OR n:ValueChainStage OR n:SriaArea OR n:KnowledgeGap
       RETURN count(n) AS nodes, count(CASE WHEN n.searchText IS NULL OR n.searchVersion <> $version THEN 1 END) AS missing`,
      { version: SEARCH_ANALYZER_VERSION },
    );
    expect(row?.nodes).toBeGreaterThan(100);
    expect(row?.missing).toBe(0);
  });

  it('changes nothing when applied a second time', async () => {
    const count = async () =>
      (await database.db.read<{ n: number }>('SHOW INDEXES YIELD name RETURN count(*) AS n'))[0]?.n;
    const before = await count();
    await applySchema(database.db);
    expect(await count()).toBe(before);
  });

  it('rejects a second node with the same id', async () => {
    const id = `test-duplicate-${Date.now()}`;
    await database.db.write('CREATE (:Funder {id: $id})', { id });
    await expect(database.db.write('CREATE (:Funder {id: $id})', { id })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    await database.db.write('MATCH (f:Funder {id: $id}) DELETE f', { id });
  });
});
