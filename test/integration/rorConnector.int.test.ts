/** @jest-environment-options {"graphAccess": "exclusive"} */
// The ROR connector against the real Neo4j, on synthetic records in the dump's schema v2 shape
// (test/fixtures/ror/README.md): active records matched to the seeds' organisations and funders by
// name or alias within the country give them their ROR, GRID, ISNI, Wikidata and Funder ids with
// the match's confidence; inactive and withdrawn records, unmatched ones and reviews write
// nothing; the same dump twice writes nothing; the run is undone by its id (Identifier nodes
// included); schema v1 and a dump with too many unreadable records are refused with nothing written.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { runConnector } from '../../src/connectors/runner';
import { IdentityResolver, reviewCsv } from '../../src/connectors/resolveIdentities';
import { openRorSource } from '../../src/connectors/ror/rorSource';
import { readStats } from '../../src/db/stats';
import { rollbackImportRun } from '../../src/import/rollbackImport';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { useTestApi } from '../helpers/useTestApi';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'ror');
const DUMP = path.join(FIXTURES, 'synthetic-ror-v2.json');
const actor = 'cli:ror-test';
let dir: string;
let forgetSourceDatasets: () => Promise<void>;
const runIds: string[] = [];

// Registered before useTestApi's hooks, so that it runs while the database is still open.
afterAll(async () => {
  const { db } = api.database;
  for (const runId of runIds) await rollbackImportRun(db, runId, actor);
  await db.write('MATCH (r:ImportRun) WHERE r.id IN $runIds DETACH DELETE r', { runIds });
  await db.write('MATCH (e:AuditEvent) WHERE e.importRunId IN $runIds DETACH DELETE e', { runIds });
  await forgetSourceDatasets();
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = useTestApi();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-ror-'));
  forgetSourceDatasets = await rememberSourceDatasets(api.database.db);
});

async function run(file: string, dryRun = false) {
  const resolver = new IdentityResolver(api.database.db, { unmatched: 'drop' });
  const report = await runConnector(api.database.db, await openRorSource(file), {
    actor,
    dryRun,
    resolve: resolver.resolve,
  });
  if (report.status !== 'rejected' && !dryRun) runIds.push(report.runId);
  return { report, resolver };
}

const IDENTIFIERS = `{
  organisation(id: "org-charite-universitatsmedizin-berlin") { datasets identifiers { scheme value source confidence } }
  idibell: organisation(id: "org-bellvitge-biomedical-research-institute") { identifiers { scheme value confidence } }
  heidelberg: organisation(id: "org-heidelberg-university") { identifiers { scheme } }
  funder(id: "asrt-eg") { identifiers { scheme value source confidence } }
  byRor: organisation(ror: "0zzzzz001") { id }
}`;

interface Identified {
  identifiers: Array<{ scheme: string; value: string; source?: string; confidence: number }>;
}

describe('npm run connect -- ror', () => {
  it('when the dump is read dry, then it counts the matches and writes nothing', async () => {
    const before = await readStats(api.database.db);
    const { report, resolver } = await run(DUMP, true);
    expect(report.status).toBe('dry-run');
    expect(report.tallies.status).toEqual({ active: 8, inactive: 1, withdrawn: 1 });
    expect(Object.fromEntries(resolver.tally)).toEqual({
      'matched by name': 4,
      'matched by alias': 1,
      review: 2,
      'not matched': 1,
    });
    expect((await readStats(api.database.db)).dataVersion).toBe(before.dataVersion);
  });

  it('when the dump is loaded, then matched organisations and funders carry its identifiers with the match confidence', async () => {
    const { report, resolver } = await run(DUMP);
    expect(report.status).toBe('imported');
    const data = await api.data<{
      organisation: Identified & { datasets: string[] };
      idibell: Identified;
      heidelberg: Identified;
      funder: Identified;
      byRor: { id: string } | null;
    }>(IDENTIFIERS);
    expect(data.organisation.datasets).toEqual(expect.arrayContaining(['PERMED_CURATED', 'ROR']));
    expect(data.organisation.identifiers).toEqual([
      { scheme: 'ROR', value: 'https://ror.org/0zzzzz001', source: 'ROR', confidence: 0.95 },
      { scheme: 'GRID', value: 'grid.99901.a', source: 'ROR', confidence: 0.95 },
      { scheme: 'ISNI', value: '0000000099990001', source: 'ROR', confidence: 0.95 },
      { scheme: 'WIKIDATA', value: 'Q999999001', source: 'ROR', confidence: 0.95 },
    ]);
    // Matched through the alias the ROR record gives: a lower confidence.
    expect(data.idibell.identifiers.map((identifier) => identifier.confidence)).toEqual([
      0.85, 0.85, 0.85, 0.85,
    ]);
    // Heidelberg University's records are inactive and withdrawn: never matched.
    expect(data.heidelberg.identifiers).toEqual([]);
    expect(data.funder.identifiers).toEqual(
      expect.arrayContaining([
        { scheme: 'ROR', value: 'https://ror.org/0zzzzz002', source: 'ROR', confidence: 0.95 },
        { scheme: 'FUNDREF', value: '999999002', source: 'ROR', confidence: 0.95 },
      ]),
    );
    expect(data.byRor).toEqual({ id: 'org-charite-universitatsmedizin-berlin' });

    // The second Monzino record (the first gave the node its ROR id) and the acronym-only agency
    // go to the review file, unwritten.
    const csv = reviewCsv(resolver.reviews).trim().split('\n');
    expect(csv[0]).toBe('theirId,theirName,theirCountry,ourLabel,ourId,ourName,score,reason,outcome');
    expect(csv.slice(1).sort()).toEqual([
      expect.stringMatching(
        /^https:\/\/ror\.org\/0zzzzz008,Centro Cardiologico Monzino,IT,Organisation,org-centro-cardiologico-monzino,Centro Cardiologico Monzino,0\.95,"Organisation:org-centro-cardiologico-monzino matches by name but holds ROR:https:\/\/ror\.org\/0zzzzz007, the row gives ROR:https:\/\/ror\.org\/0zzzzz008",not written$/,
      ),
      expect.stringMatching(
        /^https:\/\/ror\.org\/0zzzzz009,Synthetic Research Agency,FR,Funder,anr-fr,.*,0\.6,best score 0\.6 is below 0\.8 \(acronym: ANR\),not written$/,
      ),
    ]);
    const unmatched = await api.database.db.read<{ count: number }>(
      "MATCH (i:Identifier) WHERE i.id IN ['ROR:https://ror.org/0zzzzz006', 'ROR:https://ror.org/0zzzzz008', 'ROR:https://ror.org/0zzzzz009'] RETURN count(i) AS count",
    );
    expect(unmatched[0]!.count).toBe(0);
  });

  it('when the same dump is loaded again, then nothing is written and the data version stays', async () => {
    const before = await readStats(api.database.db);
    const { report } = await run(DUMP);
    expect(report.status).toBe('unchanged');
    expect((await readStats(api.database.db)).dataVersion).toBe(before.dataVersion);
  });

  it('when the run is rolled back by its id, then the identifiers and their Identifier nodes are gone', async () => {
    const runId = runIds[0]!;
    await rollbackImportRun(api.database.db, runId, actor);
    const data = await api.data<{ organisation: Identified & { datasets: string[] }; funder: Identified }>(
      IDENTIFIERS,
    );
    expect(data.organisation.identifiers).toEqual([]);
    expect(data.organisation.datasets).not.toContain('ROR');
    expect(data.funder.identifiers).toEqual([]);
    const left = await api.database.db.read<{ count: number }>(
      "MATCH (i:Identifier) WHERE i.id STARTS WITH 'ROR:https://ror.org/0zzzzz' OR i.id STARTS WITH 'GRID:grid.999' RETURN count(i) AS count",
    );
    expect(left[0]!.count).toBe(0);
  });

  it('when the dump is in schema v1, then it is refused naming the schema, with nothing written', async () => {
    const { report } = await run(path.join(FIXTURES, 'synthetic-ror-v1.json'));
    expect(report.status).toBe('rejected');
    expect(report.refusal).toContain('schema v1');
    expect(report.refusalCode).toBe('WRONG_SCHEMA_VERSION');
  });

  it('when more than 1% of the records cannot be read, then the dump is refused; fewer are reported and skipped', async () => {
    const records = JSON.parse(fs.readFileSync(DUMP, 'utf8')) as Array<Record<string, unknown>>;
    const broken = { id: 'https://ror.org/0zzzzz099', status: 'active', types: [], locations: [] };
    const tooMany = path.join(dir, 'too-many.json');
    fs.writeFileSync(tooMany, JSON.stringify([...records, broken]));
    const refused = await run(tooMany);
    expect(refused.report.status).toBe('rejected');
    expect(refused.report.refusal).toContain('1 of 11 records cannot be read');
    expect(refused.report.refusalCode).toBe('TOO_MANY_MALFORMED');

    // 200 synthetic active records in a country of no seed organisation, and one broken: 0.5%.
    const filler = Array.from({ length: 200 }, (_, n) => ({
      ...records[5],
      id: `https://ror.org/0zzzzz${String(100 + n).padStart(3, '0')}`,
    }));
    const few = path.join(dir, 'few.json');
    fs.writeFileSync(few, JSON.stringify([...filler, broken]));
    const { report } = await run(few, true);
    expect(report.status).toBe('dry-run');
    expect(report.malformedCount).toBe(1);
    expect(report.malformed[0]).toMatchObject({ file: 'few.json', line: 201 });
    expect(report.malformed[0]!.reason).toContain('names is not a list');
  });

  it('when the release zip is given, then its schema v2 file is read (not the v1 file beside it) and its date is the version', async () => {
    const zip = new yazl.ZipFile();
    const folder = 'v9.99-2026-01-02-ror-data';
    zip.addFile(path.join(FIXTURES, 'synthetic-ror-v1.json'), `${folder}/${folder}.json`);
    zip.addFile(DUMP, `${folder}/${folder}_schema_v2.json`);
    zip.end();
    const file = path.join(dir, `${folder}.zip`);
    await new Promise<void>((resolve, reject) => {
      zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
    });
    const { report, resolver } = await run(file, true);
    expect(report.status).toBe('dry-run');
    expect(report.dataset.versionDate).toBe('2026-01-02');
    expect(report.format).toBe('zip');
    expect(resolver.tally.get('matched by name')).toBe(4);
  });

  it('when the file is not a JSON array, then it is refused', async () => {
    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, '{"id": "https://ror.org/0zzzzz001"');
    const { report } = await run(notJson);
    expect(report.status).toBe('rejected');
    expect(report.refusal).toContain('is not a JSON array of ROR records');
    expect(report.refusalCode).toBe('WRONG_FORMAT');
  });
});
