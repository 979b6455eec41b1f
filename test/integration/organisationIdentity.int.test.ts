/** @jest-environment-options {"graphAccess": "exclusive"} */
// One organisation, one node across CORDIS and ROR, against the real Neo4j. Every row here is
// synthetic: copies of the synthetic CORDIS fixtures (test/fixtures/cordis) with rows added in
// folders named synthetic-*, PICs 9999xxxxx and streets "Synthetic ...", and ROR records with ids
// 0zzzzy1NN written below. A CORDIS partner becomes an Organisation carrying its PIC and VAT as
// identifiers; a ROR record joins it by name and country; another export naming the PIC under
// another name reaches the same node; a second PIC under a name already taken becomes a new node
// flagged possibly duplicate; a consortium row of EP PerMed gives our funder its PIC and seat; a
// ROR record whose name matches a node holding another ROR id is not attached; the same exports
// twice write nothing; graphs holding `pic` properties are migrated.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCordisSource } from '../../src/connectors/cordis/cordisSource';
import type { ConnectorReport } from '../../src/connectors/connectorReport';
import { IdentityResolver, type MatchReview } from '../../src/connectors/resolveIdentities';
import { openRorSource } from '../../src/connectors/ror/rorSource';
import { clearPossibleDuplicate } from '../../src/curation';
import { runConnector } from '../../src/connectors/runner';
import type { ConnectorSource } from '../../src/connectors/source';
import { migrateIdentifierProperties } from '../../src/db/identifiers';
import { readNeighbourhood } from '../../src/db/networks';
import { readStats } from '../../src/db/stats';
import { rollbackImportRun } from '../../src/import/rollbackImport';
import { PROJECT_ROOT } from '../../src/config';
import { syntheticRorRecord, writeSyntheticRorDump } from '../helpers/rorRecords';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { useTestApi } from '../helpers/useTestApi';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/cordis');
const actor = 'cli:identity-test';
let database: TestDatabase;
let dir: string;
let forgetSourceDatasets: () => Promise<void>;
const runs: string[] = [];
// The API over the same graph, to read the flags as clients see them (its own database handle).
const api = useTestApi();

// Batches run many statements; the CORDIS connector test measured over 60 s for a run at load 20.
jest.setTimeout(300_000);

beforeAll(async () => {
  database = openTestDatabase({ queryTimeoutMs: 600_000 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-identity-'));
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
});

afterAll(async () => {
  for (const runId of runs.reverse()) await rollbackImportRun(database.db, runId, actor);
  await database.db.write('MATCH (r:ImportRun) WHERE r.id IN $runs DETACH DELETE r', { runs });
  // The curator's clearing of a flag (no import run to roll back).
  await database.db.write("MATCH (e:AuditEvent {actor: $actor, source: 'graphql'}) DELETE e", { actor });
  await database.db.write(
    `MATCH (o:Organisation {id: 'org-pic-999900099'}) OPTIONAL MATCH (o)-[:HAS_IDENTIFIER]->(i:Identifier)
     DETACH DELETE o, i`,
  );
  await forgetSourceDatasets();
  fs.rmSync(dir, { recursive: true, force: true });
  await database.close();
});

/** A copy of a fixture folder with rows appended to organization.csv (each line as the file holds it). */
function cordisVariant(fixture: string, name: string, organisationRows: readonly string[]): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  for (const file of fs.readdirSync(path.join(FIXTURES, fixture))) {
    const text = fs.readFileSync(path.join(FIXTURES, fixture, file), 'utf8');
    const added = file === 'organization.csv' ? organisationRows.map((row) => `${row}\n`).join('') : '';
    fs.writeFileSync(path.join(folder, file), `${text.endsWith('\n') ? text : `${text}\n`}${added}`);
  }
  return folder;
}

/** An organization.csv line (the Horizon Europe header's 25 columns). */
function organisationRow(fields: {
  project: string;
  acronym: string;
  pic: string;
  name: string;
  country: string;
  vat?: string;
  shortName?: string;
  geolocation?: string;
}): string {
  const quoted = (value: string) => `"${value}"`;
  return [
    fields.project,
    fields.acronym,
    fields.pic,
    fields.vat ?? '',
    fields.name,
    fields.shortName ?? '',
    'false',
    'PUB',
    'Synthetic Street 7',
    '10000',
    'SYNTHETIC CITY',
    fields.country,
    `${fields.country}A22`,
    fields.geolocation ?? '',
    '',
    '',
    '2024-03-01 08:00:00',
    '9909999',
    '2',
    'participant',
    '0',
    '0',
    '0',
    'false',
    '',
  ]
    .map(quoted)
    .join(';');
}

async function run(
  source: ConnectorSource & { close?(): void },
  unmatched: 'create' | 'drop',
): Promise<{ report: ConnectorReport; reviews: MatchReview[]; tally: Record<string, number> }> {
  const resolver = new IdentityResolver(database.db, { unmatched });
  try {
    const report = await runConnector(database.db, source, { actor, resolve: resolver.resolve });
    if (report.status === 'imported') runs.push(report.runId);
    return { report, reviews: resolver.reviews, tally: Object.fromEntries(resolver.tally) };
  } finally {
    source.close?.();
  }
}

async function runCordis(folder: string, scope: 'pm' | 'all' = 'pm') {
  return run(await openCordisSource([folder], { scope }), 'create');
}

async function runRor(name: string, records: ReadonlyArray<Record<string, unknown>>) {
  return run(await openRorSource(writeSyntheticRorDump(dir, name, records)), 'drop');
}

/** A synthetic ROR record (test/helpers/rorRecords.ts) of this name and country. */
function rorRecord(id: string, name: string, countryCode: string): Record<string, unknown> {
  return syntheticRorRecord({ id, name, countryCode });
}

/** Ids of the records of `label` carrying the identifier key. */
async function holders(key: string, label = 'Organisation'): Promise<string[]> {
  const rows = await database.db.read<{ id: string }>(
    `MATCH (n:${label})-[:HAS_IDENTIFIER]->(:Identifier {id: $key}) RETURN n.id AS id ORDER BY id`,
    { key },
  );
  return rows.map((row) => row.id);
}

async function identifiersOf(label: string, id: string): Promise<Array<[string, string, number]>> {
  const rows = await database.db.read<{ key: string; source: string; confidence: number }>(
    `MATCH (:${label} {id: $id})-[r:HAS_IDENTIFIER]->(i:Identifier)
     RETURN i.id AS key, r.source AS source, r.confidence AS confidence ORDER BY key`,
    { id },
  );
  return rows.map((row) => [row.key, row.source, row.confidence]);
}

async function properties(label: string, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await database.db.read<{ props: Record<string, unknown> }>(
    `MATCH (n:${label} {id: $id}) RETURN properties(n) AS props`,
    { id },
  );
  return row?.props ?? null;
}

const HORIZON = () =>
  cordisVariant('synthetic-horizon', 'synthetic-horizon-consortium', [
    // The EP PerMed consortium names our funder bmg-de (Federal Ministry of Health, DE).
    organisationRow({
      project: '101137129',
      acronym: 'EP PerMed',
      pic: '999900020',
      name: 'Federal Ministry of Health',
      country: 'DE',
      geolocation: '50.7101,7.1302',
    }),
  ]);

const H2020 = () =>
  cordisVariant('synthetic-h2020', 'synthetic-h2020-renamed', [
    // The Uppsala hospital's PIC under another name: the same node.
    organisationRow({
      project: '990100001',
      acronym: 'PILOTPM',
      pic: '999900001',
      name: 'SYNTHETIC UPPSALA UNIVERSITY HOSPITAL',
      country: 'SE',
    }),
    // Another PIC under the Athens institute's name: a new node flagged possibly duplicate.
    organisationRow({
      project: '990100001',
      acronym: 'PILOTPM',
      pic: '999900030',
      name: 'SYNTHETIC INSTITUTE OF CARDIOLOGY ATHENS',
      country: 'EL',
    }),
  ]);

describe('one organisation, one node across CORDIS and ROR', () => {
  let horizon: string;
  let h2020: string;
  let first: Awaited<ReturnType<typeof runCordis>>;
  beforeAll(async () => {
    horizon = HORIZON();
    h2020 = H2020();
    first = await runCordis(horizon);
  });

  it('when a CORDIS export is loaded, then each partner carries its PIC and VAT as identifiers, not as properties', async () => {
    expect(first.report.status).toBe('imported');
    expect(await identifiersOf('Organisation', 'org-pic-999900001')).toEqual([
      ['PIC:999900001', 'CORDIS_HORIZON_EUROPE', 1],
      ['VAT:SE2021001234', 'CORDIS_HORIZON_EUROPE', 1],
    ]);
    const props = await properties('Organisation', 'org-pic-999900001');
    expect(props).toMatchObject({ name: 'SYNTHETIC UNIVERSITY HOSPITAL OF UPPSALA', countryCode: 'SE' });
    expect(props).not.toHaveProperty('pic');
    expect(props).not.toHaveProperty('vatNumber');
    expect(first.tally).toMatchObject({ new: expect.any(Number) });
  });

  it('when an EP PerMed consortium row names one of our funders, then the funder takes its PIC and seat, and no organisation is made', async () => {
    expect(await identifiersOf('Funder', 'bmg-de')).toEqual([
      ['PIC:999900020', 'CORDIS_HORIZON_EUROPE', 0.95],
    ]);
    expect(await properties('Funder', 'bmg-de')).toMatchObject({
      name: 'Federal Ministry of Health',
      street: 'Synthetic Street 7',
      nutsCode: 'DEA22',
      latitude: 50.7101,
      longitude: 7.1302,
      coordinatesPrecision: 'PRECISE',
      coordinatesSource: 'CORDIS_HORIZON_EUROPE',
      datasets: expect.arrayContaining(['CORDIS_HORIZON_EUROPE']),
    });
    expect(await properties('Organisation', 'org-pic-999900020')).toBeNull();
    expect(first.tally['matched by name']).toBe(1);
  });

  it('when the same export is loaded again, then nothing is written and the data version stays', async () => {
    const before = (await readStats(database.db)).dataVersion;
    const again = await runCordis(horizon);
    expect(again.report.status).toBe('unchanged');
    expect((await readStats(database.db)).dataVersion).toBe(before);
    expect(again.tally).toMatchObject({ 'matched by PIC': expect.any(Number) });
    expect(again.tally).not.toHaveProperty('new');
  });

  it('when a ROR record has the name and country of a CORDIS organisation, then its ROR id joins that node beside the PIC', async () => {
    const { report } = await runRor('synthetic-ror-join.json', [
      rorRecord('0zzzzy101', 'Synthetic University Hospital of Uppsala', 'SE'),
      rorRecord('0zzzzy102', 'Synthetic Institute of Cardiology Athens', 'GR'),
    ]);
    expect(report.status).toBe('imported');
    expect(await holders('ROR:https://ror.org/0zzzzy101')).toEqual(['org-pic-999900001']);
    expect((await identifiersOf('Organisation', 'org-pic-999900001')).map(([key]) => key)).toEqual([
      'PIC:999900001',
      'ROR:https://ror.org/0zzzzy101',
      'VAT:SE2021001234',
    ]);
  });

  it('when a ROR record matches by name a node that holds another ROR id, then it is not attached and the review names both ids', async () => {
    const { reviews, tally } = await runRor('synthetic-ror-conflict.json', [
      rorRecord('0zzzzy103', 'Synthetic Institute of Cardiology Athens', 'GR'),
    ]);
    expect(tally).toEqual({ review: 1 });
    expect(reviews).toEqual([
      expect.objectContaining({
        theirId: 'https://ror.org/0zzzzy103',
        ourId: 'org-pic-999900002',
        reason:
          'Organisation:org-pic-999900002 matches by name but holds ROR:https://ror.org/0zzzzy102, the row gives ROR:https://ror.org/0zzzzy103',
        outcome: 'not written',
      }),
    ]);
    expect(await holders('ROR:https://ror.org/0zzzzy103')).toEqual([]);
  });

  describe('when another export names a known PIC under another name, and a new PIC under a known name', () => {
    let second: Awaited<ReturnType<typeof runCordis>>;
    beforeAll(async () => {
      second = await runCordis(h2020, 'all');
    });

    it('then the known PIC reaches the same node, whatever the name', async () => {
      expect(second.report.status).toBe('imported');
      expect(await holders('PIC:999900001')).toEqual(['org-pic-999900001']);
      const partners = await database.db.read<{ id: string }>(
        `MATCH (o:Organisation)-[:PARTNER_IN]->(:Project {id: 'cordis-990100001'}) RETURN o.id AS id ORDER BY id`,
      );
      expect(partners.map((row) => row.id)).toEqual([
        'org-pic-999900001',
        'org-pic-999900002',
        'org-pic-999900012',
        'org-pic-999900030',
      ]);
    });

    it('then the new PIC under a taken name is a new node flagged possibly duplicate, and listed for review', async () => {
      expect(await properties('Organisation', 'org-pic-999900030')).toMatchObject({
        possibleDuplicateOf: ['org-pic-999900002'],
      });
      expect(second.reviews).toEqual([
        expect.objectContaining({
          theirId: 'org-pic-999900030',
          ourId: 'org-pic-999900002',
          score: 0.95,
          reason: expect.stringMatching(/holds PIC:999900002, the row gives PIC:999900030$/),
          outcome: 'new node flagged possible duplicate',
        }),
      ]);
    });

    it('then the API gives the flag as Organisation.possibleDuplicateOf, by id and in lists, and an empty list on the others', async () => {
      const data = await api.data<{
        flagged: { possibleDuplicateOf: string[] };
        page: { nodes: Array<{ id: string; possibleDuplicateOf: string[] }> };
      }>(
        `{
          flagged: organisation(id: "org-pic-999900030") { possibleDuplicateOf }
          page: organisations(filter: { ids: ["org-pic-999900030", "org-pic-999900002"] }, first: 10) {
            nodes { id possibleDuplicateOf }
          }
        }`,
      );
      expect(data.flagged.possibleDuplicateOf).toEqual(['org-pic-999900002']);
      expect([...data.page.nodes].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'org-pic-999900002', possibleDuplicateOf: [] },
        { id: 'org-pic-999900030', possibleDuplicateOf: ['org-pic-999900002'] },
      ]);
      // Each id names a record the client can read.
      const named = await api.data<{ organisation: { id: string } | null }>(
        `{ organisation(id: "${data.flagged.possibleDuplicateOf[0]!}") { id } }`,
      );
      expect(named.organisation).toEqual({ id: 'org-pic-999900002' });
    });

    it('then a network gives the flagged node its flag as the node attribute possibleDuplicateOf (GEXF, GraphML, CSV), and the others none', async () => {
      const network = await readNeighbourhood(database.db, {
        of: { label: 'Organisation', id: 'org-pic-999900030' },
        hops: 1,
        relationshipTypes: [],
        limit: 50,
      });
      const attributes = (id: string) => network?.nodes.find((node) => node.id === id)?.attributes;
      expect(attributes('org-pic-999900030')).toMatchObject({
        possibleDuplicateOf: 'org-pic-999900002',
        pic: '999900030',
      });
      expect(attributes('cordis-990100001')).not.toHaveProperty('possibleDuplicateOf');
    });

    it('then the same export again writes nothing, the flag included', async () => {
      const before = (await readStats(database.db)).dataVersion;
      const again = await runCordis(h2020, 'all');
      expect(again.report.status).toBe('unchanged');
      expect(again.reviews).toEqual([]);
      expect((await readStats(database.db)).dataVersion).toBe(before);
    });

    it('then the first export again, after the other, writes nothing either: a PIC both exports assert is not rewritten in turn', async () => {
      const before = (await readStats(database.db)).dataVersion;
      const again = await runCordis(horizon);
      expect(again.report.status).toBe('unchanged');
      expect((await readStats(database.db)).dataVersion).toBe(before);
    });
  });
});

describe('when a ROR record matches by name an organisation that CORDIS flagged possibly duplicate', () => {
  // Two PICs of one country share a short name: the second is flagged a possible duplicate of the
  // first (an acronym alone scores 0.6, below the threshold), as bench:connect's synthetic
  // exports flag ~3,000 of 5,600 PICs whose short names SO<PIC % 1000> repeat.
  const flaggedExport = () =>
    cordisVariant('synthetic-h2020', 'synthetic-h2020-shared-acronym', [
      organisationRow({
        project: '990100001',
        acronym: 'PILOTPM',
        pic: '999900040',
        name: 'SYNTHETIC ALPHA INSTITUTE OF GENOMICS',
        shortName: 'SAIG',
        country: 'IT',
      }),
      organisationRow({
        project: '990100001',
        acronym: 'PILOTPM',
        pic: '999900041',
        name: 'SYNTHETIC BETA INSTITUTE OF GENOMICS',
        shortName: 'SAIG',
        country: 'IT',
      }),
    ]);
  const dump = [rorRecord('0zzzzy141', 'Synthetic Beta Institute of Genomics', 'IT')];

  beforeAll(async () => {
    const loaded = await runCordis(flaggedExport(), 'all');
    expect(loaded.report.status).toBe('imported');
  });

  it('then the ROR dump joins the flagged node, and the same dump twice (and thrice) writes nothing after the first run', async () => {
    expect(await properties('Organisation', 'org-pic-999900041')).toMatchObject({
      possibleDuplicateOf: ['org-pic-999900040'],
    });
    const first = await runRor('synthetic-ror-flagged.json', dump);
    expect(first.report.status).toBe('imported');
    expect(first.tally).toEqual({ 'matched by name': 1 });
    expect(await holders('ROR:https://ror.org/0zzzzy141')).toEqual(['org-pic-999900041']);
    const before = (await readStats(database.db)).dataVersion;
    // The second run reaches the node by the ROR id the first gave it, not by its name.
    const second = await runRor('synthetic-ror-flagged.json', dump);
    expect(second.tally).toEqual({ 'matched by ROR': 1 });
    expect(second.report.nodes).toEqual({
      Organisation: expect.objectContaining({ updated: 0, unchanged: 1 }),
    });
    expect(second.report.status).toBe('unchanged');
    const third = await runRor('synthetic-ror-flagged.json', dump);
    expect(third.report.status).toBe('unchanged');
    expect((await readStats(database.db)).dataVersion).toBe(before);
    // The flag CORDIS wrote stays as it was.
    expect(await properties('Organisation', 'org-pic-999900041')).toMatchObject({
      possibleDuplicateOf: ['org-pic-999900040'],
    });
  });

  it('then a curator clears the flag: audited as an UPDATE of possibleDuplicateOf, UNCHANGED the second time, and neither the dump nor the export writes it back', async () => {
    const cleared = await clearPossibleDuplicate(database.db, 'org-pic-999900041', null, actor);
    expect(cleared).toMatchObject({ outcome: 'UPDATED', changedFields: ['possibleDuplicateOf'] });
    expect(await properties('Organisation', 'org-pic-999900041')).not.toHaveProperty('possibleDuplicateOf');
    const { history } = await api.data<{
      history: Array<{ action: string; fields: string[]; previous: string; values: string }>;
    }>(
      '{ history(kind: ORGANISATION, id: "org-pic-999900041", first: 1) { action fields previous values } }',
    );
    expect(history[0]).toMatchObject({ action: 'UPDATE', fields: ['possibleDuplicateOf'] });
    expect(JSON.parse(history[0]!.previous)).toEqual({ possibleDuplicateOf: ['org-pic-999900040'] });
    expect(JSON.parse(history[0]!.values)).toEqual({ possibleDuplicateOf: [] });
    const version = (await readStats(database.db)).dataVersion;
    expect(await clearPossibleDuplicate(database.db, 'org-pic-999900041', null, actor)).toMatchObject({
      outcome: 'UNCHANGED',
      dataVersion: version,
    });
    expect((await runRor('synthetic-ror-flagged.json', dump)).report.status).toBe('unchanged');
    expect((await runCordis(flaggedExport(), 'all')).report.status).toBe('unchanged');
    const { organisation } = await api.data<{ organisation: { possibleDuplicateOf: string[] } }>(
      '{ organisation(id: "org-pic-999900041") { possibleDuplicateOf } }',
    );
    expect(organisation.possibleDuplicateOf).toEqual([]);
    await expect(clearPossibleDuplicate(database.db, 'org-pic-none', null, actor)).rejects.toThrow(
      'no Organisation has the id "org-pic-none"',
    );
  });
});

describe('migrateIdentifierProperties', () => {
  it('when an organisation holds pic and vatNumber properties, then they become identifiers once', async () => {
    await database.db.write(
      `CREATE (:Organisation {id: 'org-pic-999900099', name: 'Synthetic migrated organisation', pic: '999900099',
         vatNumber: 'de 123.456.789', datasets: ['CORDIS_HORIZON_2020']})`,
    );
    expect(await migrateIdentifierProperties(database.db)).toBe(1);
    expect(await identifiersOf('Organisation', 'org-pic-999900099')).toEqual([
      ['PIC:999900099', 'CORDIS_HORIZON_2020', 1],
      ['VAT:DE123456789', 'CORDIS_HORIZON_2020', 1],
    ]);
    const props = await properties('Organisation', 'org-pic-999900099');
    expect(props).not.toHaveProperty('pic');
    expect(props).not.toHaveProperty('vatNumber');
    expect(await migrateIdentifierProperties(database.db)).toBe(0);
  });
});

describe('when PICs share a short name, whether their rows arrive in one run or in two', () => {
  // Row A creates a node with short name SYNSNA; row C names the seed organisation
  // org-hasso-plattner-institut by its name and gives it short name SYNSNC (synthetic, written by
  // this test, rolled back with its run). Rows B and D come after them, other PICs under other
  // names with those short names: each is a possible duplicate (an acronym alone scores 0.6).
  const row = (pic: string, name: string, shortName: string) =>
    organisationRow({ project: '990000001', acronym: 'PMTWIN', pic, name, country: 'DE', shortName });
  const firstRows = [
    row('999900081', 'SYNTHETIC ALPHA INSTITUTE OF SHORT NAMES', 'SYNSNA'),
    row('999900083', 'Hasso-Plattner-Institut für Digital Engineering', 'SYNSNC'),
  ];
  const laterRows = [
    row('999900082', 'SYNTHETIC BETA CLINIC OF SHORT NAMES', 'SYNSNA'),
    row('999900084', 'SYNTHETIC DELTA LABORATORY OF SHORT NAMES', 'SYNSNC'),
  ];
  const IDS = ['org-pic-999900081', 'org-pic-999900082', 'org-pic-999900084', 'org-hasso-plattner-institut'];

  /** Each node's possibleDuplicateOf (null: none; 'absent': no such node), by id. */
  async function flags(): Promise<Record<string, string[] | null | 'absent'>> {
    const rows = await database.db.read<{ id: string; exists: boolean; flag: string[] | null }>(
      `UNWIND $ids AS id OPTIONAL MATCH (o:Organisation {id: id})
       RETURN id, o IS NOT NULL AS exists, o.possibleDuplicateOf AS flag`,
      { ids: IDS },
    );
    return Object.fromEntries(rows.map((found) => [found.id, found.exists ? found.flag : 'absent']));
  }

  let oneRun: Awaited<ReturnType<typeof flags>>;
  let twoRuns: Awaited<ReturnType<typeof flags>>;
  let between: Awaited<ReturnType<typeof flags>>;
  beforeAll(async () => {
    const together = await runCordis(
      cordisVariant('synthetic-horizon', 'synthetic-horizon-short-names', [...firstRows, ...laterRows]),
    );
    expect(together.report.status).toBe('imported');
    oneRun = await flags();
    // Undone as if it had never run, so the two runs start from the same graph.
    const runId = runs.pop() as string;
    await rollbackImportRun(database.db, runId, actor);
    await database.db.write('MATCH (r:ImportRun {id: $runId}) DETACH DELETE r', { runId });
    between = await flags();
    for (const [name, rows] of [
      ['synthetic-horizon-short-names-1', firstRows],
      ['synthetic-horizon-short-names-2', laterRows],
    ] as const) {
      const { report } = await runCordis(cordisVariant('synthetic-horizon', name, rows));
      expect(report.status).toBe('imported');
    }
    twoRuns = await flags();
  });

  it('then a PIC with the short name of a node created before it is flagged a possible duplicate of that node', () => {
    expect(oneRun['org-pic-999900082']).toEqual(['org-pic-999900081']);
    expect(oneRun['org-pic-999900081']).toBeNull();
  });

  it('then a PIC with the short name a matched node took from its row is flagged a possible duplicate of that node', () => {
    expect(oneRun['org-pic-999900084']).toEqual(['org-hasso-plattner-institut']);
    expect(oneRun['org-hasso-plattner-institut']).toBeNull();
  });

  it('then the flags are the same in two runs as in one', () => {
    // Rolled back: the created nodes are gone and the seed organisation holds no flag.
    expect(between).toEqual({
      'org-pic-999900081': 'absent',
      'org-pic-999900082': 'absent',
      'org-pic-999900084': 'absent',
      'org-hasso-plattner-institut': null,
    });
    expect(twoRuns).toEqual(oneRun);
  });
});
