// The write-batch contract without a database: a Db whose one transaction records its
// statements and keeps them only when the work returns, as Neo4j commits or rolls back.

import type { Db, Params, WriteTransaction } from '../../../src/db/run';
import { BUMP_DATA_VERSION, DATASET_ID } from '../../../src/db/stats';
import { RollBack, writeBatch } from '../../../src/db/writeBatch';

interface Statement {
  cypher: string;
  params: Params;
}

/** A Db with one write transaction at a time; `committed` holds the statements of committed ones. */
function recordingDb(dataVersion: number) {
  const committed: Statement[][] = [];
  let transactions = 0;
  const db: Db = {
    database: 'test',
    read: () => Promise.reject(new Error('writeBatch reads nothing outside its transaction')),
    readAll: () => Promise.reject(new Error('writeBatch reads nothing outside its transaction')),
    write: () => Promise.reject(new Error('writeBatch writes in one transaction')),
    async writeTransaction<R>(work: (tx: WriteTransaction) => Promise<R>): Promise<R> {
      transactions += 1;
      const statements: Statement[] = [];
      const tx: WriteTransaction = {
        run<T>(cypher: string, params: Params = {}): Promise<T[]> {
          statements.push({ cypher, params });
          return Promise.resolve((cypher === BUMP_DATA_VERSION ? [{ dataVersion }] : []) as T[]);
        },
      };
      const result = await work(tx);
      committed.push(statements);
      return result;
    },
    observe: () => () => undefined,
    withScope: () => db,
  };
  return { db, committed, transactions: () => transactions };
}

const entry = {
  action: 'UPDATE' as const,
  entityLabel: 'Project',
  entityId: 'p-1',
  fields: ['fundingEur'],
  previous: { fundingEur: 1 },
  values: { fundingEur: 2 },
};

/** What a batch that derived nothing reports. */
const NOTHING_DERIVED = {
  projects: 0,
  calls: 0,
  totals: { added: 0, changed: 0, removed: 0 },
  byRule: {},
  byTarget: {},
  samples: [],
  unplaced: [],
  unplacedCount: 0,
};

describe('writeBatch', () => {
  it('raises the data version first and commits the work with it', async () => {
    const { db, committed } = recordingDb(8);
    const outcome = await writeBatch(
      db,
      { actor: 'cli:test', source: 'graphql' },
      async ({ tx, dataVersion }) => {
        await tx.run('MATCH (n:Project {id: $id}) SET n.x = 1', { id: 'p-1' });
        return dataVersion * 10;
      },
    );
    expect(outcome).toEqual({ committed: true, result: 80, dataVersion: 8, derived: NOTHING_DERIVED });
    expect(committed).toHaveLength(1);
    expect(committed[0]!.map((statement) => statement.cypher)).toEqual([
      BUMP_DATA_VERSION,
      'MATCH (n:Project {id: $id}) SET n.x = 1',
    ]);
  });

  it('stamps the version with the batch time it hands the work', async () => {
    const { db, committed } = recordingDb(3);
    const { result: at } = await writeBatch(db, { actor: 'cli:test', source: 'graphql' }, ({ at }) =>
      Promise.resolve(at),
    );
    expect(new Date(at).toISOString()).toBe(at);
    expect(committed[0]![0]!.params).toEqual({ id: DATASET_ID, at });
  });

  it('audits entries with the batch actor, source, run, time and data version', async () => {
    const { db, committed } = recordingDb(5);
    await writeBatch(db, { actor: 'cli:ann', source: 'import:a.csv', importRunId: 'run-1' }, ({ audit }) =>
      audit([entry]),
    );
    const [, auditStatement] = committed[0]!;
    expect(auditStatement!.params).toMatchObject({
      actor: 'cli:ann',
      source: 'import:a.csv',
      importRunId: 'run-1',
      dataVersion: 5,
      at: committed[0]![0]!.params.at,
    });
    expect(auditStatement!.params.events).toEqual([
      expect.objectContaining({
        action: 'UPDATE',
        entityKey: 'Project:p-1',
        previous: '{"fundingEur":1}',
        values: '{"fundingEur":2}',
      }),
    ]);
  });

  it('audits outside imports with a null run and writes no statement for no entries', async () => {
    const { db, committed } = recordingDb(1);
    await writeBatch(db, { actor: 'key:k', source: 'graphql' }, async ({ audit }) => {
      await audit([]);
      await audit([entry]);
    });
    expect(committed[0]).toHaveLength(2);
    expect(committed[0]![1]!.params.importRunId).toBeNull();
  });

  it('derives again, in the same transaction, a project whose rule-read field changed', async () => {
    const { db, committed } = recordingDb(2);
    await writeBatch(db, { actor: 'key:k', source: 'graphql' }, ({ audit }) =>
      audit([{ ...entry, fields: ['title'], previous: { title: 'A' }, values: { title: 'B' } }]),
    );
    const statements = committed[0]!.map((statement) => statement.cypher);
    // The data version, the person's audit event, then the rule book's reads of the project.
    expect(statements[0]).toBe(BUMP_DATA_VERSION);
    expect(statements.slice(2).some((cypher) => cypher.includes('MATCH (n:Project {id: id})'))).toBe(true);
    const projectRead = committed[0]!.find((statement) =>
      statement.cypher.includes('MATCH (n:Project {id: id})'),
    );
    expect(projectRead!.params).toEqual({ ids: ['p-1'] });
  });

  it('when the work throws RollBack, commits nothing and returns its result', async () => {
    const { db, committed, transactions } = recordingDb(4);
    const outcome = await writeBatch(db, { actor: 'cli:test', source: 'graphql' }, async ({ tx }) => {
      await tx.run('MATCH (n:Project {id: $id}) DETACH DELETE n', { id: 'p-1' });
      throw new RollBack({ outcome: 'UNCHANGED' });
    });
    expect(outcome).toEqual({
      committed: false,
      result: { outcome: 'UNCHANGED' },
      dataVersion: null,
      derived: NOTHING_DERIVED,
    });
    expect(transactions()).toBe(1);
    expect(committed).toEqual([]);
  });

  it('when the work throws anything else, commits nothing and rethrows it', async () => {
    const { db, committed } = recordingDb(4);
    const failure = new TypeError('no such record');
    await expect(
      writeBatch(db, { actor: 'cli:test', source: 'graphql' }, () => Promise.reject(failure)),
    ).rejects.toBe(failure);
    expect(committed).toEqual([]);
  });
});
