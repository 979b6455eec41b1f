/** @jest-environment-options {"graphAccess": "exclusive"} */
// Seeding against the real Neo4j: a second run leaves the graph identical, a malformed
// seed file is rejected before anything is written, and a failure part-way rolls back.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEED_ORIGIN, seedGraph } from '../../src/db/seedGraph';
import type { Db } from '../../src/db/run';
import { readSeedDataset } from '../../src/seed/readSeedDataset';
import type { SeedDataset } from '../../src/model';
import { SeedValidationError } from '../../src/seed/validateSeeds';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let dataset: SeedDataset;
beforeAll(async () => {
  database = openTestDatabase();
  dataset = await readSeedDataset(database.config.seedsDir);
});
afterAll(() => database.close());

/** Every seeded node (label, id, properties) and seeded relationship, in a stable order. */
async function seededSnapshot(db: Db): Promise<{ nodes: unknown[]; relationships: unknown[] }> {
  const nodes = await db.read(
    `MATCH (n) WHERE n.updatedAt = $builtAt AND NOT n:Dataset
     RETURN labels(n) AS labels, n.id AS id, properties(n) AS properties ORDER BY labels[0], id`,
    { builtAt: dataset.manifest.builtAt },
  );
  const relationships = await db.read(
    `MATCH (a)-[r]->(b) WHERE r.origin = $origin
     RETURN labels(a)[0] + ':' + a.id AS from, type(r) AS type, labels(b)[0] + ':' + b.id AS to, properties(r) AS properties
     ORDER BY from, type, to`,
    { origin: SEED_ORIGIN },
  );
  return { nodes, relationships };
}

function expectedNodeCount(data: SeedDataset): number {
  return (
    data.programmes.length +
    data.countries.length +
    data.regions.length +
    data.funders.length +
    data.calls.length +
    data.organisations.length +
    data.projects.length +
    data.objectives.length +
    data.valueChainStages.length +
    data.sriaAreas.length +
    data.knowledgeGaps.length +
    data.diseaseAreas.length
  );
}

describe('seedGraph', () => {
  it('loads every record of the dataset', async () => {
    const { nodes } = await seededSnapshot(database.db);
    expect(nodes).toHaveLength(expectedNodeCount(dataset));
  });

  it('leaves the graph identical when run a second time', async () => {
    const before = await seededSnapshot(database.db);
    const summary = await seedGraph(database.db, dataset);
    const after = await seededSnapshot(database.db);
    expect(after).toEqual(before);
    expect(summary.relationships).toBe(before.relationships.length);
  });

  it('writes every derived link with its provenance, rule and confidence', async () => {
    const rows = await database.db.read<{ missing: number }>(
      `MATCH ()-[r:ADVANCES|AT_STAGE|ADDRESSES|IN_AREA|SERVES|TARGETS|IN_DISEASE_AREA]->()
       WHERE r.provenance IS NULL OR r.rule IS NULL OR r.confidence IS NULL OR r.evidence IS NULL
       RETURN count(r) AS missing`,
    );
    expect(rows[0]?.missing).toBe(0);
    const [links] = await database.db.read<{ n: number }>(
      'MATCH ()-[r:ADVANCES|AT_STAGE|ADDRESSES|IN_AREA|SERVES|TARGETS]->() WHERE r.origin = $origin RETURN count(r) AS n',
      { origin: SEED_ORIGIN },
    );
    expect(links?.n).toBe(dataset.links.length);
  });

  it('rolls back everything when a statement fails part-way', async () => {
    const marker = `test-seed-atomic-${Date.now()}`;
    const before = await seededSnapshot(database.db);
    const broken: SeedDataset = {
      ...dataset,
      // Written early (funders come before projects)...
      funders: [...dataset.funders, { ...dataset.funders[0]!, id: marker }],
      // ...then Neo4j refuses a map as a property value, failing the transaction later on.
      projects: [{ ...dataset.projects[0]!, description: { nested: true } as unknown as string }],
    };
    await expect(seedGraph(database.db, broken)).rejects.toThrow();
    const [found] = await database.db.read<{ n: number }>('MATCH (f:Funder {id: $id}) RETURN count(f) AS n', {
      id: marker,
    });
    expect(found?.n).toBe(0);
    expect(await seededSnapshot(database.db)).toEqual(before);
  });
});

describe('readSeedDataset', () => {
  it('rejects a malformed seed file naming file, record and field, before anything is written', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-seeds-'));
    try {
      for (const file of fs.readdirSync(database.config.seedsDir)) {
        if (file.endsWith('.json'))
          fs.copyFileSync(path.join(database.config.seedsDir, file), path.join(directory, file));
      }
      const funders = JSON.parse(fs.readFileSync(path.join(directory, 'funders.json'), 'utf8')) as Array<
        Record<string, unknown>
      >;
      funders[3]!.kind = 'BANK';
      fs.writeFileSync(path.join(directory, 'funders.json'), JSON.stringify(funders));
      const before = await seededSnapshot(database.db);

      const failure = await readSeedDataset(directory).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SeedValidationError);
      const message = (failure as SeedValidationError).message;
      expect(message).toContain('seeds/funders.json');
      expect(message).toContain(`record 3 (id "${String(funders[3]!.id)}")`);
      expect(message).toContain('field "kind"');
      expect(await seededSnapshot(database.db)).toEqual(before);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
