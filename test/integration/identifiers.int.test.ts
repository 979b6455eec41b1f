/** @jest-environment-options {"graphAccess": "exclusive"} */
// Persistent identifiers and the dataset facet against the real Neo4j: identifiers imported as
// SCHEME:value cells are stored once per (scheme, value), found by organisation(ror:/pic:) and
// funder(fundref:), listed with source and confidence, exported in the entity tables, the
// networks and the dump, and undone with their import run; records know their datasets and
// lists filter by them.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dumpNodes, dumpRelationships } from '../../src/db/dump';
import { readNeighbourhood } from '../../src/db/networks';
import { importFile } from '../../src/import/importFile';
import { rollbackImportRun } from '../../src/import/rollbackImport';
import { tableCsvChunks } from '../../src/http/entityExports';
import { readSeedDataset } from '../../src/seed/readSeedDataset';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { useTestApi } from '../helpers/useTestApi';

const prefix = `test-ids-${randomBytes(4).toString('hex')}`;
const actor = 'cli:identifiers-test';
let dir: string;
let forgetSourceDatasets: () => Promise<void>;

// Registered before useTestApi's hooks, so that it runs while the database is still open.
afterAll(async () => {
  const { db } = api.database;
  await db.write(
    `MATCH (n) WHERE (n:Funder OR n:Organisation) AND n.id CONTAINS $prefix
     OPTIONAL MATCH (n)-[:HAS_IDENTIFIER]->(i:Identifier)
     DETACH DELETE n, i`,
    { prefix },
  );
  await db.write('MATCH (e:AuditEvent) WHERE e.entityId CONTAINS $prefix DELETE e', { prefix });
  await db.write('MATCH (r:ImportRun) WHERE r.file CONTAINS $prefix DELETE r', { prefix });
  await forgetSourceDatasets();
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = useTestApi();

// Synthetic identifiers (made up for this test; PICs of the 999... test range are not real ones).
const ROR_A = 'https://ror.org/0abcdef12';
const PIC_A = '999000111';
const FUNDREF_F = '501100099999';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-ids-'));
  forgetSourceDatasets = await rememberSourceDatasets(api.database.db);
});

function file(kind: string, name: string, content: string): string {
  const target = path.join(dir, `${kind}-${prefix}-${name}.csv`);
  fs.writeFileSync(target, content);
  return target;
}

const organisationsCsv = (identifiersA: string) =>
  'id,name,countryCode,aliases,identifiers,sources\n' +
  `${prefix}-a,${prefix} Institute A,SE,,"${identifiersA}",https://example.org/a\n` +
  `${prefix}-b,${prefix} Institute B,DE,,VAT:DE 123 456 789,https://example.org/b\n`;

const fundersCsv =
  'id,name,kind,countryCode,identifiers,sources\n' +
  `${prefix}-f,${prefix} Agency,NATIONAL_FUNDING_AGENCY,SE,FUNDREF:10.13039/${FUNDREF_F},https://example.org/f\n`;

async function identifierNodes(): Promise<string[]> {
  const rows = await api.database.db.read<{ id: string }>(
    'MATCH (i:Identifier) WHERE i.id IN $keys RETURN i.id AS id ORDER BY id',
    { keys: [`ROR:${ROR_A}`, `PIC:${PIC_A}`, 'PIC:999000222', 'VAT:DE123456789', `FUNDREF:${FUNDREF_F}`] },
  );
  return rows.map((row) => row.id);
}

describe('identifiers imported with organisations and funders', () => {
  let runId: string;

  beforeAll(async () => {
    const organisations = await importFile(
      api.database.db,
      file('organisations', 'first', organisationsCsv(`ror:0abcdef12;PIC:${PIC_A}`)),
      { actor },
    );
    expect(organisations).toMatchObject({ status: 'imported', created: 2 });
    const funders = await importFile(api.database.db, file('funders', 'first', fundersCsv), { actor });
    expect(funders).toMatchObject({ status: 'imported', created: 1 });
    runId = organisations.runId;
  });

  it('when an organisation is asked for by ROR or PIC, in any written form, then it is found', async () => {
    const data = await api.data<Record<string, { id: string } | null>>(
      `query ($ror: String, $pic: String) {
        byUrl: organisation(ror: $ror) { id }
        byBare: organisation(ror: "0ABCDEF12") { id }
        byPic: organisation(pic: $pic) { id }
        none: organisation(pic: "999999998") { id }
      }`,
      { ror: ROR_A, pic: PIC_A },
    );
    expect(data).toEqual({
      byUrl: { id: `${prefix}-a` },
      byBare: { id: `${prefix}-a` },
      byPic: { id: `${prefix}-a` },
      none: null,
    });
  });

  it('when a funder is asked for by Crossref Funder ID, then it is found with its identifiers and datasets', async () => {
    const data = await api.data<{ funder: Record<string, unknown> }>(
      `{ funder(fundref: "https://doi.org/10.13039/${FUNDREF_F}") {
          id datasets identifiers { scheme value url source confidence } } }`,
    );
    expect(data.funder).toEqual({
      id: `${prefix}-f`,
      datasets: ['USER_IMPORT'],
      identifiers: [
        {
          scheme: 'FUNDREF',
          value: FUNDREF_F,
          url: `https://doi.org/10.13039/${FUNDREF_F}`,
          source: 'USER_IMPORT',
          confidence: 1,
        },
      ],
    });
  });

  it('lists identifiers in scheme order with their source, for a page of organisations', async () => {
    const data = await api.data<{ organisations: { nodes: Array<Record<string, unknown>> } }>(
      `query ($text: String) { organisations(filter: { text: $text, datasets: [USER_IMPORT] }) {
          nodes { id identifiers { scheme value source confidence } } } }`,
      { text: prefix },
    );
    expect(data.organisations.nodes).toEqual([
      {
        id: `${prefix}-a`,
        identifiers: [
          { scheme: 'ROR', value: ROR_A, source: 'USER_IMPORT', confidence: 1 },
          { scheme: 'PIC', value: PIC_A, source: 'USER_IMPORT', confidence: 1 },
        ],
      },
      {
        id: `${prefix}-b`,
        identifiers: [{ scheme: 'VAT', value: 'DE123456789', source: 'USER_IMPORT', confidence: 1 }],
      },
    ]);
  });

  it('when more than one or none of id, ror and pic is given, then the lookup is refused naming them', async () => {
    const both = await api.execute(`{ organisation(id: "x", ror: "${ROR_A}") { id } }`);
    expect(both.errors?.[0]).toMatchObject({
      message: 'Invalid argument "ror": give exactly one of id, ror, pic, received id and ror',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const none = await api.execute('{ funder { id } }');
    expect(none.errors?.[0]?.message).toBe(
      'Invalid argument "id": give exactly one of id, acronym, ror, fundref, pic, received none',
    );
    const acronymAndRor = await api.execute(`{ funder(acronym: "ISCIII", ror: "${ROR_A}") { id } }`);
    expect(acronymAndRor.errors?.[0]?.message).toBe(
      'Invalid argument "ror": give exactly one of id, acronym, ror, fundref, pic, received acronym and ror',
    );
    const bad = await api.execute('{ organisation(pic: "12-34") { id } }');
    expect(bad.errors?.[0]?.message).toBe('Invalid argument "pic": expected a PIC value like 999991722');
  });

  it('when the same file is imported again, then nothing changes', async () => {
    const again = await importFile(
      api.database.db,
      file('organisations', 'again', organisationsCsv(`PIC:${PIC_A};ROR:${ROR_A}`)),
      { actor },
    );
    expect(again).toMatchObject({ status: 'unchanged', updated: 0, dataVersion: null });
  });

  it('when a cell holds no identifier, then the file is refused naming row and column, and nothing is written', async () => {
    const before = await identifierNodes();
    const refused = await importFile(
      api.database.db,
      file('organisations', 'bad', organisationsCsv('PIC:999000222;GRID:nonsense')),
      { actor },
    );
    expect(refused.status).toBe('rejected');
    expect(refused.issues).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'identifiers',
        reason: 'item 2: expected a GRID value like grid.4714.6, received "GRID:nonsense"',
      }),
    ]);
    expect(await identifierNodes()).toEqual(before);
  });

  it('writes identifiers into the entity table as SCHEME:value, the form an import reads back', async () => {
    let text = '';
    for await (const chunk of tableCsvChunks(
      api.database.db,
      'organisations',
      { text: prefix },
      {
        defaultPageSize: 20,
        maxPageSize: 100,
      },
    ))
      text += chunk;
    expect(text.split('\r\n')).toEqual(
      expect.arrayContaining([
        `${prefix}-a,${prefix} Institute A,SE,,ROR:${ROR_A};PIC:${PIC_A},https://example.org/a`,
      ]),
    );
  });

  it('dumps Identifier nodes with the HAS_IDENTIFIER relationships that carry source and confidence', async () => {
    const nodes = [];
    for await (const node of dumpNodes(api.database.db)) if (node.id === `PIC:${PIC_A}`) nodes.push(node);
    expect(nodes).toEqual([
      {
        label: 'Identifier',
        id: `PIC:${PIC_A}`,
        properties: { id: `PIC:${PIC_A}`, scheme: 'PIC', value: PIC_A },
      },
    ]);
    const relationships = [];
    for await (const relationship of dumpRelationships(api.database.db))
      if (relationship.end.id === `PIC:${PIC_A}`) relationships.push(relationship);
    expect(relationships).toEqual([
      {
        type: 'HAS_IDENTIFIER',
        start: { label: 'Organisation', id: `${prefix}-a` },
        end: { label: 'Identifier', id: `PIC:${PIC_A}` },
        properties: { source: 'USER_IMPORT', confidence: 1 },
      },
    ]);
  });

  it('gives an organisation node of a network its identifiers as attributes, one per scheme', async () => {
    const network = await readNeighbourhood(api.database.db, {
      of: { label: 'Organisation', id: `${prefix}-a` },
      hops: 1,
      relationshipTypes: [],
      limit: 10,
    });
    const node = network?.nodes.find((candidate) => candidate.id === `${prefix}-a`);
    expect(node?.attributes).toMatchObject({ ror: ROR_A, pic: PIC_A });
    expect(network?.nodes.find((candidate) => candidate.id === 'SE')?.attributes).not.toHaveProperty('ror');
  });

  it('when a changed identifier list is imported and rolled back, then the identifiers are as before', async () => {
    const changed = await importFile(
      api.database.db,
      file('organisations', 'changed', organisationsCsv('PIC:999000222')),
      { actor },
    );
    expect(changed).toMatchObject({ status: 'imported', updated: 1 });
    expect(await identifierNodes()).toEqual([`FUNDREF:${FUNDREF_F}`, 'PIC:999000222', 'VAT:DE123456789']);
    await rollbackImportRun(api.database.db, changed.runId, actor);
    expect(await identifierNodes()).toEqual([
      `FUNDREF:${FUNDREF_F}`,
      `PIC:${PIC_A}`,
      `ROR:${ROR_A}`,
      'VAT:DE123456789',
    ]);
    expect(runId).not.toBe(changed.runId);
  });
});

describe('the dataset facet', () => {
  it('lists the curated data with the seed version date, and every seeded record names it', async () => {
    const seeds = await readSeedDataset(api.database.config.seedsDir);
    const data = await api.data<{
      datasets: Array<Record<string, unknown>>;
      stats: { datasets: Array<{ id: string }> };
      organisation: { datasets: string[] };
      project: { datasets: string[] };
    }>(
      `query ($org: ID, $project: ID!) {
        datasets { id versionDate release licence licenceUrl attribution }
        stats { datasets { id } }
        organisation(id: $org) { datasets }
        project(id: $project) { datasets }
      }`,
      { org: seeds.organisations[0]!.id, project: seeds.projects[0]!.id },
    );
    expect(data.datasets[0]).toMatchObject({
      id: 'PERMED_CURATED',
      versionDate: seeds.manifest.version.slice(0, 10),
      release: seeds.manifest.version,
      licenceUrl: null,
    });
    expect(data.stats.datasets.map((dataset) => dataset.id)).toEqual(
      data.datasets.map((dataset) => dataset.id),
    );
    expect(data.organisation.datasets).toContain('PERMED_CURATED');
    expect(data.project.datasets).toContain('PERMED_CURATED');
  });

  it('when projects are filtered by the curated dataset, then every seeded project is in the list', async () => {
    const seeds = await readSeedDataset(api.database.config.seedsDir);
    const data = await api.data<{ projects: { totalCount: number }; none: { totalCount: number } }>(
      `{ projects(filter: { datasets: [PERMED_CURATED] }) { totalCount }
         none: projects(filter: { datasets: [CORDIS_HORIZON_2020] }) { totalCount } }`,
    );
    expect(data.projects.totalCount).toBeGreaterThanOrEqual(seeds.projects.length);
    expect(data.none.totalCount).toBe(0);
  });

  it('counts the records of a dataset per label when asked', async () => {
    const seeds = await readSeedDataset(api.database.config.seedsDir);
    const data = await api.data<{
      datasets: Array<{ id: string; recordCounts: Array<{ label: string; count: number }> }>;
    }>('{ datasets { id recordCounts { label count } } }');
    const curated = data.datasets.find((dataset) => dataset.id === 'PERMED_CURATED')!;
    expect(curated.recordCounts.find((row) => row.label === 'Funder')?.count).toBeGreaterThanOrEqual(
      seeds.funders.length,
    );
  });
});
