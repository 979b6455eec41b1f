// createLoaders over a recording Db: one batch per relation, keys deduplicated, results
// in key order, and nodes read through relations primed for lookups by id.

import type { Db, Params } from '../../src/db/run';
import { createLoaders } from '../../src/loaders';
import { PROJECTS_BY_FUNDER_ID } from '../../src/db/funding';
import { relatedNodesStatement } from '../../src/db/relations';

interface Batch {
  cypher: string;
  params: Params;
}

/** A Db that answers from fixed rows and records every statement (the batch log). */
function recordingDb(answer: (cypher: string, params: Params) => Record<string, unknown>[]): {
  db: Db;
  batches: Batch[];
} {
  const batches: Batch[] = [];
  const db: Db = {
    database: 'test',
    async read<T>(cypher: string, params: Params = {}) {
      batches.push({ cypher, params });
      return answer(cypher, params) as T[];
    },
    readAll: () => Promise.reject(new Error('loaders read one statement at a time')),
    write: () => Promise.reject(new Error('no writes in loader tests')),
    writeTransaction: () => Promise.reject(new Error('no writes in loader tests')),
    observe: () => () => undefined,
    withScope: () => db,
  };
  return { db, batches };
}

const projectA = {
  id: 'p-a',
  acronym: 'A',
  keywords: [],
  sources: [],
  uncertain: false,
  unnamedPartners: [],
};
const projectB = {
  id: 'p-b',
  acronym: 'B',
  keywords: [],
  sources: [],
  uncertain: false,
  unnamedPartners: [],
};

describe('createLoaders', () => {
  it('answers many keys of one relation with one batch, in key order', async () => {
    const { db, batches } = recordingDb(() => [
      { key: 'f-2', value: [projectB] },
      { key: 'f-1', value: [projectA, projectB] },
    ]);
    const loader = createLoaders(db).related(PROJECTS_BY_FUNDER_ID, 10);
    const results = await Promise.all(['f-1', 'f-2', 'f-3', 'f-1'].map((id) => loader.load(id)));
    expect(batches).toHaveLength(1);
    expect(batches).toEqual([relatedNodesStatement(PROJECTS_BY_FUNDER_ID, ['f-1', 'f-2', 'f-3'], 10)]);
    expect(results).toEqual([[projectA, projectB], [projectB], [], [projectA, projectB]]);
  });

  it('primes the by-id loader with nodes read through a relation', async () => {
    const { db, batches } = recordingDb(() => [{ key: 'f-1', value: [projectA] }]);
    const loaders = createLoaders(db);
    await loaders.related(PROJECTS_BY_FUNDER_ID, 10).load('f-1');
    expect(await loaders.byId('Project').load('p-a')).toEqual(projectA);
    expect(batches).toHaveLength(1);
  });

  it('keeps one loader per relation and limit', async () => {
    const { db, batches } = recordingDb(() => []);
    const loaders = createLoaders(db);
    await Promise.all([
      loaders.related(PROJECTS_BY_FUNDER_ID, 10).load('f-1'),
      loaders.related(PROJECTS_BY_FUNDER_ID, 10).load('f-2'),
      loaders.related(PROJECTS_BY_FUNDER_ID, 5).load('f-1'),
    ]);
    expect(batches.map((batch) => [batch.params.keys, String(batch.params.limit)])).toEqual([
      [['f-1', 'f-2'], '10'],
      [['f-1'], '5'],
    ]);
  });

  it('returns null for ids that do not exist', async () => {
    const { db } = recordingDb(() => [{ key: 'p-a', value: projectA }]);
    const loader = createLoaders(db).byId('Project');
    expect(await Promise.all([loader.load('p-a'), loader.load('p-missing')])).toEqual([projectA, null]);
  });

  it('does not share caches between requests', async () => {
    const { db, batches } = recordingDb(() => [{ key: 'p-a', value: projectA }]);
    await createLoaders(db).byId('Project').load('p-a');
    await createLoaders(db).byId('Project').load('p-a');
    expect(batches).toHaveLength(2);
  });
});
