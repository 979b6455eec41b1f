/** @jest-environment-options {"graphAccess": "exclusive"} */
// The CORDIS connector against the real Neo4j, on the synthetic fixtures of test/fixtures/cordis
// (every row written for the tests): what maps where, the scope rules and their tallies, the same
// export twice (as a folder, then zipped with an extra folder level) writing nothing, each bad input
// refused with its message and nothing written, malformed rows skipped and reported, --download
// from a local HTTP server, and a CLI run killed half-way undone by start-up recovery.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticExport, zipFolder } from '../../bench/cordisData';
import { openCordisSource, type CordisSourceOptions } from '../../src/connectors/cordis/cordisSource';
import { downloadCordis } from '../../src/connectors/cordis/downloadCordis';
import { IdentityResolver } from '../../src/connectors/resolveIdentities';
import type { ConnectorReport } from '../../src/connectors/connectorReport';
import { runConnector } from '../../src/connectors/runner';
import { readStats } from '../../src/db/stats';
import { recoverInterruptedImports } from '../../src/import/recoverImports';
import { rollbackImportRun } from '../../src/import/rollbackImport';
import { createLogger } from '../../src/logger';
import { PROJECT_ROOT } from '../../src/config';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/cordis');
const HORIZON = path.join(FIXTURES, 'synthetic-horizon');
const H2020 = path.join(FIXTURES, 'synthetic-h2020');
const actor = 'cli:cordis-test';
let database: TestDatabase;
let dir: string;
/** Committed runs, undone in afterAll so that the seeded records they touched get their state back. */
const runs: string[] = [];

// A batch runs some 50 statements (state, write and audit per label and relationship shape); at load
// 20 on the shared 2-core machine the first run of the 8-project fixture took over jest's 60 s.
jest.setTimeout(300_000);

let forgetSourceDatasets: () => Promise<void>;

beforeAll(async () => {
  // Batches run many statements; on the shared 2-core machine one took 1 s at load 35.
  database = openTestDatabase({ queryTimeoutMs: 600_000 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-cordis-'));
  // A run that changed the graph registers its dataset (CORDIS_HORIZON_EUROPE, ...) as a SourceDataset.
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
});

afterAll(async () => {
  for (const runId of runs.reverse()) await rollbackImportRun(database.db, runId, actor);
  await forgetSourceDatasets();
  await database.db.write(
    `MATCH (r:ImportRun) WHERE r.kind = 'cordis' AND r.status = 'ROLLED_BACK' DETACH DELETE r`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  await database.close();
});

async function run(
  paths: string[],
  options: CordisSourceOptions & { dryRun?: boolean; batchSize?: number } = {},
): Promise<ConnectorReport> {
  const source = await openCordisSource(paths, options);
  try {
    const report = await runConnector(database.db, source, {
      actor,
      dryRun: options.dryRun,
      batchSize: options.batchSize,
      resolve: new IdentityResolver(database.db, { unmatched: 'create' }).resolve,
    });
    if (report.status === 'imported') runs.push(report.runId);
    return report;
  } finally {
    source.close();
  }
}

/** A copy of a fixture folder, changed by `edit` (file name -> new content from the old). */
function variant(from: string, name: string, edit: Record<string, (text: string) => string> = {}): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  for (const file of fs.readdirSync(from)) {
    const text = fs.readFileSync(path.join(from, file), 'utf8');
    fs.writeFileSync(path.join(folder, file), edit[file]?.(text) ?? text);
  }
  return folder;
}

/** Every node the fixtures make, its relationships and the data version. */
async function snapshot(): Promise<Record<string, unknown>> {
  const [row] = await database.db.read(
    `CALL { MATCH (n) WHERE n.id STARTS WITH 'cordis-' OR n.id STARTS WITH 'org-pic-9999' OR n.id STARTS WITH 'euroscivoc-'
              OR n.id STARTS WITH 'doi-10-9999' OR n.id IN ['horizon-europe', 'horizon-2020']
            RETURN count(n) AS nodes, collect(n.id) AS ids }
     CALL { MATCH (f:Funder {id: 'european-commission'}) RETURN properties(f) AS commission }
     RETURN nodes, ids, commission`,
  );
  return { ...row, dataVersion: (await readStats(database.db)).dataVersion };
}

async function node(label: string, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await database.db.read<{ props: Record<string, unknown> }>(
    `MATCH (n:${label} {id: $id}) RETURN properties(n) AS props`,
    { id },
  );
  return row?.props ?? null;
}

describe('the CORDIS connector', () => {
  let before: Record<string, unknown>;
  beforeAll(async () => {
    before = await snapshot();
  });

  describe('when the synthetic Horizon Europe export is run with the default scope (pm)', () => {
    let report: ConnectorReport;
    beforeAll(async () => {
      report = await run([HORIZON]);
    });

    it('then it is imported, with the in-scope projects only and the scope tally per rule', () => {
      expect(report.status).toBe('imported');
      expect(report.nodes.Project).toMatchObject({ created: 7, updated: 0 });
      expect(report.tallies['scope rules']).toEqual({
        'partnership-grant': 1,
        'partnership-acronym': 1,
        'pm-topic': 2,
        'pm-phrase': 5,
        'euroscivoc-personalised-medicine': 3,
      });
      expect(report.tallies.scope).toEqual({
        'personalised medicine': 7,
        'out of scope': 1,
        'taken in by a euroSciVoc tag alone (weak)': 1,
      });
      expect(report.malformedCount).toBe(0);
      expect(report.dataset).toMatchObject({ id: 'CORDIS_HORIZON_EUROPE', licence: 'CC BY 4.0' });
    });

    it('then a project holds its CORDIS facts, its source page and the rules that took it in', async () => {
      expect(await node('Project', 'cordis-990000001')).toMatchObject({
        grantId: '990000001',
        acronym: 'PMTWIN',
        totalCost: 7567787.5,
        ecMaxContribution: 7567787.5,
        startDate: '2023-01-01',
        year: 2023,
        status: 'SIGNED',
        fundingScheme: 'HORIZON-RIA',
        grantDoi: '10.3030/990000001',
        sources: ['https://cordis.europa.eu/project/id/990000001'],
        scopeRule: 'pm-phrase',
        scopeRules: ['pm-phrase', 'euroscivoc-personalised-medicine'],
        scopeConfidence: 0.9,
        scopeWeak: false,
        datasets: ['CORDIS_HORIZON_EUROPE'],
      });
      expect(await node('Project', 'cordis-990000006')).toBeNull();
    });

    it('then the microreactor project tagged personalised medicine alone is in, weak, with a lower confidence that says why', async () => {
      const project = await node('Project', 'cordis-990000002');
      expect(project).toMatchObject({
        scopeRule: 'euroscivoc-personalised-medicine',
        scopeConfidence: 0.5,
        scopeWeak: true,
      });
      expect(String((project!.scopeEvidence as string[])[0])).toMatch(/one weak signal alone/);
    });

    it('then the quirks of the format read right: quotes and ";" in text, a pre-wrapped objective, a timestamp in a date column', async () => {
      expect(await node('Project', 'cordis-990000007')).toMatchObject({
        title: 'Synthetic row: "n-of-1" trials; the title holds quotes and a semicolon',
        description:
          'Synthetic row. The so-called "omics" era; a new "paradigm" of precision medicine; patients are "their own controls".',
      });
      expect(await node('Project', 'cordis-990000008')).toMatchObject({
        description: 'Synthetic row. Stratified medicine for "treatment-resistant" depression.',
      });
      expect(await node('Project', 'cordis-990000003')).toMatchObject({
        startDate: '2023-02-01',
        totalCost: 6000000.25,
      });
    });

    it('then organisations carry PIC, address and precise coordinates, EL and UK read as GR and GB', async () => {
      const [pic] = await database.db.read<{ key: string }>(
        `MATCH (:Organisation {id: 'org-pic-999900002'})-[:HAS_IDENTIFIER]->(i:Identifier {scheme: 'PIC'}) RETURN i.id AS key`,
      );
      expect(pic).toEqual({ key: 'PIC:999900002' });
      expect(await node('Organisation', 'org-pic-999900002')).toMatchObject({
        name: 'SYNTHETIC INSTITUTE OF CARDIOLOGY ATHENS',
        countryCode: 'GR',
        city: 'ATHENS',
        nutsCode: 'EL303',
        latitude: 37.9838,
        longitude: 23.7275,
        coordinatesPrecision: 'PRECISE',
      });
      const [uk] = await database.db.read<{ country: string }>(
        `MATCH (:Organisation {id: 'org-pic-999900003'})-[:LOCATED_IN]->(c:Country) RETURN c.id AS country`,
      );
      expect(uk).toEqual({ country: 'GB' });
    });

    it('then partnerships keep the role, the participation, the EU contribution and the order', async () => {
      const rows = await database.db.read<{ org: string; props: Record<string, unknown> }>(
        `MATCH (o:Organisation)-[r:PARTNER_IN]->(:Project {id: 'cordis-990000001'})
         RETURN o.id AS org, properties(r) AS props ORDER BY r.order`,
      );
      expect(
        rows.map((row) => [
          row.org,
          row.props.role,
          row.props.participation,
          row.props.ecContribution,
          row.props.order,
        ]),
      ).toEqual([
        ['org-pic-999900001', 'COORDINATOR', 'COORDINATOR', 2500000.5, 1],
        ['org-pic-999900002', 'PARTNER', 'PARTICIPANT', 1500000, 2],
        ['org-pic-999900003', 'PARTNER', 'PARTICIPANT', 68562.5, 3],
        ['org-pic-999900004', 'PARTNER', 'THIRD_PARTY', 0, 4],
      ]);
      const countries = await database.db.read<{ code: string }>(
        `MATCH (:Project {id: 'cordis-990000001'})-[:HAS_PARTNER_IN]->(c:Country) RETURN c.id AS code ORDER BY code`,
      );
      expect(countries.map((row) => row.code)).toEqual(['GB', 'GR', 'PT', 'SE']);
    });

    it('then euroSciVoc tags become a subject tree, with or without the leading slash', async () => {
      const rows = await database.db.read<{ path: string[] }>(
        `MATCH (:Project {id: 'cordis-990000002'})-[:HAS_SUBJECT]->(s:Subject {id: 'euroscivoc-5029300'})
         MATCH p = (s)-[:BROADER*]->(top:Subject) WHERE NOT (top)-[:BROADER]->()
         RETURN [n IN nodes(p) | n.label] AS path`,
      );
      expect(rows).toEqual([
        { path: ['personalized medicine', 'health sciences', 'medical and health sciences'] },
      ]);
      expect(await node('Subject', 'euroscivoc-5029300')).toMatchObject({
        code: '/21/33/5029300',
        path: 'medical and health sciences/health sciences/personalized medicine',
        scheme: 'EuroSciVoc',
        level: 3,
      });
    });

    it('then publications become outputs, one per DOI whatever its case, reached from each of its projects', async () => {
      const rows = await database.db.read<{ project: string }>(
        `MATCH (p:Project)-[:HAS_OUTPUT]->(:Output {id: 'doi-10-9999-synthetic-2024-001'}) RETURN p.id AS project ORDER BY project`,
      );
      expect(rows.map((row) => row.project)).toEqual(['cordis-990000001', 'cordis-990000007']);
      expect(await node('Output', 'doi-10-9999-synthetic-2024-001')).toMatchObject({
        doi: '10.9999/synthetic.2024.001',
        journal: 'Synthetic Journal of Cardiology',
        year: 2024,
      });
      const withoutDoi = await node('Output', 'cordis-publication-990000005-1');
      expect(withoutDoi).toMatchObject({ title: 'Synthetic conference paper without a DOI', year: 2025 });
      expect(withoutDoi).not.toHaveProperty('doi');
    });

    it('then every project is funded by the European Commission, part of Horizon Europe, through its call', async () => {
      const [row] = await database.db.read<{ funders: number; programme: string; call: string }>(
        `MATCH (p:Project {id: 'cordis-990000003'})
         RETURN COUNT { (:Funder {id: 'european-commission'})-[:FUNDS]->(p) } AS funders,
                head(COLLECT { MATCH (p)-[:PART_OF]->(g:Programme) RETURN g.id }) AS programme,
                head(COLLECT { MATCH (c:Call)-[:FUNDED]->(p) RETURN c.id }) AS call`,
      );
      expect(row).toEqual({
        funders: 1,
        programme: 'horizon-europe',
        call: 'cordis-call-horizon-hlth-2022-stayhlth-02',
      });
    });

    it('when the same export is run again, zipped with an extra folder level, then nothing is written', async () => {
      const zip = path.join(dir, 'cordis-HORIZONprojects-csv.zip');
      await zipFolder(HORIZON, zip, 'cordis-HORIZONprojects-csv');
      const version = (await readStats(database.db)).dataVersion;
      const again = await run([zip]);
      expect(again).toMatchObject({ status: 'unchanged', format: 'zip', dataVersion: null });
      expect(again.nodes.Project).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
      expect((await readStats(database.db)).dataVersion).toBe(version);
    });

    it('when a newer export drops a project and changes another, then it updates the change and reports what vanished', async () => {
      const newer = variant(HORIZON, 'newer', {
        'project.csv': (text) =>
          text
            .replace(
              'Synthetic row: drug dosing in primary care',
              'Synthetic row: drug dosing in primary care, renamed',
            )
            .split('\r\n')
            .filter((line) => !line.startsWith('"990000008"'))
            .join('\r\n'),
      });
      const report = await run([newer]);
      expect(report.status).toBe('imported');
      expect(report.nodes.Project).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
      expect(report.nodes.Project!.samples.updated).toEqual([{ id: 'cordis-990000005', fields: ['title'] }]);
      expect(report.vanished.nodes.Project).toEqual({ count: 1, sample: ['cordis-990000008'] });
      // The title's change, and each inferred link the rule book derived again from the new title.
      const derived = report.derived.totals;
      expect(await rollbackImportRun(database.db, report.runId, actor)).toBe(
        1 + derived.added + derived.changed + derived.removed,
      );
      runs.pop();
      expect(await node('Project', 'cordis-990000005')).toMatchObject({
        title: 'Synthetic row: drug dosing in primary care',
      });
    });
  });

  it('when the Horizon 2020 export is run with --scope all, then its columns are matched by name and every project comes in', async () => {
    const report = await run([H2020], { scope: 'all' });
    expect(report.status).toBe('imported');
    expect(report.dataset.id).toBe('CORDIS_HORIZON_2020');
    expect(report.nodes.Project).toMatchObject({ created: 3 });
    expect(await node('Project', 'cordis-990100001')).toMatchObject({
      keywords: ['personalised medicine', 'pilots', 'regions'],
      ecMaxContribution: 18500000.5,
      scopeRule: 'pm-topic',
      frameworkProgramme: 'H2020',
    });
    expect(await node('Project', 'cordis-779282')).toMatchObject({
      scopeRule: 'partnership-grant',
      scopeConfidence: 1,
    });
    const outside = await node('Project', 'cordis-990100003');
    expect(outside).toMatchObject({ scopeRules: [], scopeWeak: false });
    expect(outside).not.toHaveProperty('scopeRule');
    expect(outside).not.toHaveProperty('scopeConfidence');
  });

  describe('when the input is bad, then it is refused with a message naming what is wrong and nothing is written', () => {
    const cases: Array<[string, () => Promise<string[]>, CordisSourceOptions, string, RegExp]> = [
      [
        'a header that is not a known CORDIS header',
        async () => [
          variant(HORIZON, 'header', { 'project.csv': (text) => text.replace('"objective"', '"objectiv"') }),
        ],
        {},
        'UNKNOWN_HEADER',
        /^project\.csv line 1: not a known CORDIS project\.csv header: missing column "objective"; unknown column "objectiv"$/,
      ],
      [
        "more than 1% of a file's rows malformed (a truncated row)",
        async () => [
          variant(HORIZON, 'truncated', {
            'organization.csv': (text) =>
              `${text}"990000001";"PMTWIN";"999900099";"";"SYNTHETIC TRUNCATED RO\n`,
          }),
        ],
        {},
        'TOO_MANY_MALFORMED',
        /^organization\.csv: 1 of 14 rows \(7\.1%\) cannot be read, more than the 1% the connector accepts/,
      ],
      [
        'an export without project.csv',
        async () => {
          const folder = variant(HORIZON, 'no-projects');
          fs.rmSync(path.join(folder, 'project.csv'));
          return [folder];
        },
        {},
        'MISSING_FILE',
        /is not a CORDIS projects export: it has no project\.csv \(found: /,
      ],
      [
        'a --programme that the export contradicts',
        async () => [HORIZON],
        { programme: 'h2020' },
        'WRONG_PROGRAMME',
        /^project\.csv holds HORIZON projects, not H2020 as --programme h2020 says$/,
      ],
    ];
    it.each(cases)('%s', async (_case, paths, options, code, message) => {
      const before = await snapshot();
      const report = await run(await paths(), options);
      expect(report.status).toBe('rejected');
      expect(report.refusalCode).toBe(code);
      expect(report.refusal).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });

    it('a file that is not a zip, and the same file twice', async () => {
      const notZip = path.join(dir, 'cordis-projects.zip');
      fs.writeFileSync(notZip, 'this is not a zip archive\n');
      await expect(openCordisSource([notZip])).rejects.toMatchObject({
        code: 'INPUT_NOT_ARCHIVE',
        message: expect.stringMatching(/^cordis-projects\.zip is not a zip archive that can be read/),
      });
      await expect(openCordisSource([HORIZON, H2020])).rejects.toMatchObject({
        code: 'INPUT_AMBIGUOUS',
        message: expect.stringMatching(
          /^euroSciVoc\.csv is in the input twice \(.*synthetic-horizon.* and .*synthetic-h2020.*\); give one export at a time$/,
        ),
      });
    });
  });

  it("when under 1% of a file's rows are malformed, then they are skipped and listed with file, line and reason", async () => {
    const folder = path.join(dir, 'mostly-good');
    await writeSyntheticExport(folder, {
      programme: 'horizon',
      projects: 150,
      organisationRows: 1,
      euroSciVocRows: 1,
      organisations: 100,
      firstGrantId: 990_200_000,
    });
    fs.appendFileSync(
      path.join(folder, 'project.csv'),
      '"990299999";"CUT";"SIGNED";"Synthetic row cut sho\r\n',
    );
    const report = await run([folder], { dryRun: true });
    expect(report.status).toBe('dry-run');
    expect(report.malformed).toEqual([
      {
        file: 'project.csv',
        line: 152,
        code: 'UNSPLITTABLE_LINE',
        reason: 'a quoted field opened at character 28 is never closed',
      },
    ]);
    expect(report.nodes.Project).toMatchObject({ created: 6 });
  });

  describe('--download', () => {
    let server: http.Server;
    let base: string;
    const served: string[] = [];
    beforeAll(async () => {
      const zip = path.join(dir, 'served.zip');
      await zipFolder(HORIZON, zip, 'extra-level');
      server = http.createServer((request, response) => {
        served.push(request.url ?? '');
        if (request.url === '/data/cordis-HORIZONprojects-csv.zip') {
          response.writeHead(200, { 'content-type': 'application/zip' });
          fs.createReadStream(zip).pipe(response);
        } else {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('when the server has the projects export, then it is fetched and reads as from disk (publications skipped, said why)', async () => {
      const folder = fs.mkdtempSync(path.join(dir, 'download-'));
      const downloaded = await downloadCordis(base, 'horizon', folder);
      expect(downloaded.files).toEqual([path.join(folder, 'cordis-HORIZONprojects-csv.zip')]);
      expect(downloaded.skipped).toBe(
        `${base}/cordis-HORIZONprojectPublications-csv.zip (HTTP 404 Not Found)`,
      );
      const report = await run(downloaded.files, { dryRun: true });
      expect(report.status).toBe('dry-run');
      expect(report.nodes.Project).toMatchObject({ unchanged: 7 });
    });

    it('when there is no network, then the message names the URL that failed and how to download it by hand', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      await expect(downloadCordis(`http://127.0.0.1:${port}/data`, 'h2020', dir)).rejects.toMatchObject({
        code: 'DOWNLOAD_FAILED',
        message: expect.stringContaining(
          `could not download http://127.0.0.1:${port}/data/cordis-h2020projects-csv.zip (ECONNREFUSED); download it by hand`,
        ),
      });
    });

    it('when the command is given --download without a network, then it exits 1 with the code, the URL and nothing written', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const before = await snapshot();
      const child = spawn(
        process.execPath,
        ['-r', './test/helpers/registerTs.js', 'src/cli/connect.ts', 'cordis', '--download'],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, CORDIS_BASE_URL: `http://127.0.0.1:${port}/data` },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stdout).toBe(
        `Refused [DOWNLOAD_FAILED]: nothing was written — could not download http://127.0.0.1:${port}/data/cordis-HORIZONprojects-csv.zip (ECONNREFUSED); download it by hand (a browser, or curl -O with that URL) and run npm run connect -- cordis <the zip>\n`,
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  it('when the command is killed half-way through a run, then start-up recovery undoes what it committed', async () => {
    const folder = path.join(dir, 'crash');
    await writeSyntheticExport(folder, {
      programme: 'horizon',
      projects: 400,
      organisationRows: 3,
      euroSciVocRows: 2,
      organisations: 300,
      firstGrantId: 990_300_000,
    });
    const before = await snapshot();
    const child = spawn(
      process.execPath,
      [
        '-r',
        './test/helpers/registerTs.js',
        'src/cli/connect.ts',
        'cordis',
        folder,
        '--scope',
        'all',
        '--batch-size',
        '20',
      ],
      { cwd: PROJECT_ROOT, env: process.env, stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait for the run to commit some batches, then kill it as a crash would.
    let runId: string | null = null;
    for (let waited = 0; waited < 240_000 && runId === null; waited += 200) {
      const [row] = await database.db.read<{ id: string; events: number }>(
        `MATCH (r:ImportRun {status: 'RUNNING', kind: 'cordis'})
         RETURN r.id AS id, COUNT { MATCH (e:AuditEvent {importRunId: r.id}) } AS events`,
      );
      if (row !== undefined && row.events >= 10) runId = row.id;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    await exited;
    expect(runId).not.toBeNull();
    expect(await snapshot()).not.toEqual(before);
    const outcome = await recoverInterruptedImports(database.db, {
      exclusive: false,
      actor,
      logger: createLogger('error', () => undefined),
    });
    expect(outcome.rolledBack.map((run) => run.id)).toEqual([runId]);
    const after = await snapshot();
    expect({ ...after, dataVersion: 0 }).toEqual({ ...before, dataVersion: 0 });
  });

  it('when every run of the file is rolled back, then the graph is as before it', async () => {
    for (const runId of runs.splice(0).reverse()) await rollbackImportRun(database.db, runId, actor);
    const after = await snapshot();
    expect({ ...after, dataVersion: 0 }).toEqual({ ...before, dataVersion: 0 });
  });
});
