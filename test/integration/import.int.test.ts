/** @jest-environment-options {"graphAccess": "exclusive"} */
// File imports against the real Neo4j: each rejection reason names file, row, column and
// reason and writes nothing; a dry run writes nothing; a failure half-way leaves the graph
// unchanged; a second import changes nothing; changed rows update and are audited;
// partner names match existing organisations instead of duplicating them.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { entityHistory } from '../../src/db/audit';
import { readStats } from '../../src/db/stats';
import { importFile, type ImportReport } from '../../src/import/importFile';
import { ImportFileError } from '../../src/import/readRows';
import { csvLine, SYNTHETIC_COLUMNS, syntheticProjectRow } from '../../bench/importData';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

const prefix = `test-import-${randomBytes(4).toString('hex')}`;
const actor = 'cli:import-test';
let database: TestDatabase;
let dir: string;

let forgetSourceDatasets: () => Promise<void>;

beforeAll(async () => {
  database = openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-import-'));
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
});

afterAll(async () => {
  await forgetSourceDatasets();
  await database.db.write(
    `MATCH (n) WHERE (n:Funder OR n:Call OR n:Organisation OR n:Project) AND n.id CONTAINS $prefix DETACH DELETE n`,
    { prefix },
  );
  await database.db.write(
    `MATCH (e:AuditEvent) WHERE e.entityId CONTAINS $prefix OR e.relatedId CONTAINS $prefix DETACH DELETE e`,
    { prefix },
  );
  await database.db.write(`MATCH (r:ImportRun) WHERE r.file CONTAINS $prefix DETACH DELETE r`, { prefix });
  fs.rmSync(dir, { recursive: true, force: true });
  await database.close();
});

function writeFile(name: string, content: string): string {
  // The kind is the first word of the name (projects-...); the prefix keeps names unique.
  const [kind, ...rest] = name.split('-');
  const file = path.join(dir, `${kind}-${prefix}-${rest.join('-')}`);
  fs.writeFileSync(file, content);
  return file;
}

function csv(rows: string[][]): string {
  return `${rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n')}\n`;
}

/** A project row with the seeded call jtc2022 and funder isciii-es. */
function projectRow(id: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id: `${prefix}-${id}`,
    acronym: `ACR-${id}`,
    title: `Title of ${id}`,
    callId: 'jtc2022',
    startDate: '2023-04-01',
    endDate: '2026-03-31',
    fundingEur: '250000',
    funderIds: 'isciii-es',
    coordinator: 'Lund University [SE]',
    partners: `${prefix} Institute of Testing [DE]`,
    keywords: 'genomics; prediction',
    sources: 'https://www.eppermed.eu/',
    ...overrides,
  };
}

function projectsCsv(rows: Array<Record<string, string>>, columns = Object.keys(rows[0]!)): string {
  return csv([columns, ...rows.map((row) => columns.map((column) => row[column] ?? ''))]);
}

/** The test's records, their relationships and audit events, all organisations, and the data version. */
async function graphSnapshot(): Promise<Record<string, unknown>> {
  const [row] = await database.db.read(
    `CALL { MATCH (n) WHERE n.id CONTAINS $prefix RETURN count(n) AS nodes }
     CALL { MATCH (n)-[r]-() WHERE n.id CONTAINS $prefix RETURN count(r) AS relationships }
     CALL { MATCH (e:AuditEvent) WHERE e.entityId CONTAINS $prefix RETURN count(e) AS events }
     CALL { MATCH (o:Organisation) RETURN count(o) AS organisations }
     RETURN nodes, relationships, events, organisations`,
    { prefix },
  );
  const stats = await readStats(database.db);
  return { ...row, dataVersion: stats.dataVersion };
}

function expectRejected(report: ImportReport, row: number, column: string, reason: RegExp): void {
  expect(report.status).toBe('rejected');
  expect(report.created + report.updated).toBe(0);
  const issue = report.issues.find((candidate) => candidate.row === row && candidate.column === column);
  expect(issue).toBeDefined();
  expect(issue!.reason).toMatch(reason);
  expect(issue!.message).toContain(path.basename(issue!.file));
  expect(issue!.message).toContain(`row ${row}`);
  expect(issue!.message).toContain(`column "${column}"`);
}

describe('importFile', () => {
  describe('when a file has one bad row, then it is rejected whole with the row, column and reason named', () => {
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      ['a missing required value', { acronym: '' }, 'acronym', /is required/],
      ['a malformed date', { startDate: '2023-13-01' }, 'startDate', /real calendar date/],
      ['dates out of order', { endDate: '2020-01-01' }, 'endDate', /before startDate/],
      ['a malformed amount', { fundingEur: '1,5 Mio' }, 'fundingEur', /amount in euros/],
      [
        'an unknown country code',
        { coordinator: 'Lund University [XX]' },
        'coordinator',
        /assigned ISO 3166-1/,
      ],
      ['an unknown call', { callId: 'jtc1999' }, 'callId', /no Call has the id "jtc1999"/],
      [
        'an unknown funder',
        { funderIds: 'isciii-es; no-such-funder' },
        'funderIds',
        /no Funder has the id "no-such-funder"/,
      ],
      [
        'an unknown organisation id',
        { coordinator: 'org-no-such-organisation' },
        'coordinator',
        /no Organisation has the id/,
      ],
      ['a bad URL', { sources: 'not a url' }, 'sources', /http\(s\) URL/],
      ['a bad id', { id: 'Bad Id!' }, 'id', /lower-case letters/],
    ];
    it.each(cases)('%s', async (_label, overrides, column, reason) => {
      const before = await graphSnapshot();
      const file = writeFile(
        `projects-bad-${column}.csv`,
        projectsCsv([projectRow('ok-1'), projectRow('bad', overrides), projectRow('ok-2')]),
      );
      const report = await importFile(database.db, file, { actor });
      expectRejected(report, 3, column, reason);
      expect(report.rejected).toBe(1);
      expect(await graphSnapshot()).toEqual(before);
    });

    it('a row with format and reference issues: one report names them all', async () => {
      // Before, the unknown call and funder of a row with a bad date were reported only once the date was fixed.
      const file = writeFile(
        'projects-format-and-reference.csv',
        projectsCsv([
          projectRow('both', { startDate: '2023-13-01', callId: 'jtc1999', funderIds: 'no-such-funder' }),
          projectRow('ref-only', { funderIds: 'isciii-es; another-missing-funder' }),
        ]),
      );
      const report = await importFile(database.db, file, { actor });
      expectRejected(report, 2, 'startDate', /real calendar date/);
      expectRejected(report, 2, 'callId', /no Call has the id "jtc1999"/);
      expectRejected(report, 2, 'funderIds', /no Funder has the id "no-such-funder"/);
      expectRejected(report, 3, 'funderIds', /no Funder has the id "another-missing-funder"/);
      expect([report.issueCount, report.rejected]).toEqual([4, 2]);
    });

    it('a duplicate id', async () => {
      const file = writeFile('projects-duplicate.csv', projectsCsv([projectRow('dup'), projectRow('dup')]));
      const report = await importFile(database.db, file, { actor });
      expectRejected(report, 3, 'id', /duplicates row 2/);
    });

    it('an ambiguous organisation name', async () => {
      // Two organisations share a name in one country: a partner named so is not guessed.
      await database.db.write(
        `UNWIND $ids AS id CREATE (:Organisation {id: id, name: $name, countryCode: 'FR', aliases: [], sources: []})`,
        { ids: [`${prefix}-org-twin-a`, `${prefix}-org-twin-b`], name: `${prefix} Twin Institute` },
      );
      const file = writeFile(
        'projects-ambiguous.csv',
        projectsCsv([projectRow('amb', { partners: `${prefix} Twin Institute [FR]` })]),
      );
      const report = await importFile(database.db, file, { actor });
      expectRejected(report, 2, 'partners', /matches several organisations/);
    });

    it('a column the kind does not have (the whole file)', async () => {
      const file = writeFile(
        'projects-unknown-column.csv',
        projectsCsv([{ ...projectRow('col'), budget: '1' }]),
      );
      await expect(importFile(database.db, file, { actor })).rejects.toThrow(ImportFileError);
      await expect(importFile(database.db, file, { actor })).rejects.toThrow(/budget/);
    });
  });

  it('when run as a dry run, then it reports what it would do and writes nothing', async () => {
    const before = await graphSnapshot();
    const file = writeFile('projects-dry.csv', projectsCsv([projectRow('dry-1'), projectRow('dry-2')]));
    const report = await importFile(database.db, file, { actor, dryRun: true });
    expect(report.status).toBe('dry-run');
    expect(report.created).toBe(2);
    expect(report.samples.created).toEqual([`${prefix}-dry-1`, `${prefix}-dry-2`]);
    expect(await graphSnapshot()).toEqual(before);
  });

  it('when a failure happens half-way through the writes, then the graph is unchanged', async () => {
    const { dataVersion: versionBefore, ...before } = await graphSnapshot();
    const rows = Array.from({ length: 40 }, (_, index) => projectRow(`half-${index}`));
    const file = writeFile('projects-half.csv', projectsCsv(rows));
    let committed = 0;
    await expect(
      importFile(database.db, file, {
        actor,
        batchSize: 10,
        onProgress: (progress) => {
          if (progress.phase !== 'write') return;
          committed = progress.rows;
          if (progress.rows >= 20) throw new Error('injected failure after 20 rows');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(committed).toBe(20);
    const { dataVersion: versionAfter, ...after } = await graphSnapshot();
    expect(after).toEqual(before);
    // Two batches committed and one undo page: the version moved on, the data came back.
    expect(versionAfter).toBeGreaterThan(versionBefore as number);
    const [run] = await database.db.read<{ status: string }>(
      'MATCH (r:ImportRun) WHERE r.file = $file RETURN r.status AS status',
      { file: path.basename(file) },
    );
    expect(run?.status).toBe('ROLLED_BACK');
  });

  it('when a failure interrupts re-importing changed rows, then the updated records get their previous values back', async () => {
    const name = 'projects-restore.csv';
    const original = [projectRow('restore-1'), projectRow('restore-2'), projectRow('restore-3')];
    expect((await importFile(database.db, writeFile(name, projectsCsv(original)), { actor })).created).toBe(
      3,
    );
    const state = () =>
      database.db.read(
        `MATCH (p:Project) WHERE p.id STARTS WITH $stem
         RETURN p {.*} AS project,
                COLLECT { MATCH (p)<-[r:PARTNER_IN]-(o:Organisation) RETURN o.id + ':' + r.role ORDER BY o.id } AS partners,
                COLLECT { MATCH (p)<-[:FUNDED]-(c:Call) RETURN c.id } AS calls,
                COLLECT { MATCH (p)-[:HAS_PARTNER_IN]->(c:Country) RETURN c.id ORDER BY c.id } AS countries
         ORDER BY p.id`,
        { stem: `${prefix}-restore-` },
      );
    const before = await state();
    const changed = original.map((row) => ({
      ...row,
      fundingEur: '999',
      callId: 'jtc2024',
      partners: 'org-university-of-oslo',
      title: '',
    }));
    await expect(
      importFile(database.db, writeFile(name, projectsCsv(changed)), {
        actor,
        batchSize: 2,
        onProgress: (progress) => {
          if (progress.phase === 'write' && progress.rows >= 2) throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await state()).toEqual(before);
  });

  it('when another import is still running, then a second one is refused', async () => {
    const runId = `${prefix}-running`;
    await database.db.write(
      `CREATE (:ImportRun {id: $runId, file: $file, status: 'RUNNING', startedAt: '2026-01-01T00:00:00Z'})`,
      {
        runId,
        file: `projects-${prefix}-other.csv`,
      },
    );
    try {
      const file = writeFile('projects-blocked.csv', projectsCsv([projectRow('blocked')]));
      await expect(importFile(database.db, file, { actor })).rejects.toThrow(/has not finished.*--recover/);
    } finally {
      await database.db.write('MATCH (r:ImportRun {id: $runId}) DELETE r', { runId });
    }
  });

  it('when a file is imported twice, then the second import changes nothing and says so', async () => {
    const file = writeFile(
      'projects-twice.csv',
      projectsCsv([
        projectRow('twice-1'),
        projectRow('twice-2', { coordinator: `${prefix} Institute of Testing [DE]` }),
      ]),
    );
    const first = await importFile(database.db, file, { actor });
    expect(first).toMatchObject({ status: 'imported', created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.dataVersion).toEqual(expect.any(Number));
    const after = await graphSnapshot();
    const second = await importFile(database.db, file, { actor });
    expect(second).toMatchObject({
      status: 'unchanged',
      created: 0,
      updated: 0,
      unchanged: 2,
      rejected: 0,
      dataVersion: null,
    });
    expect(await graphSnapshot()).toEqual(after);

    const [project] = await database.db.read<{ p: Record<string, unknown>; partners: string[] }>(
      `MATCH (p:Project {id: $id})
       RETURN p {.*} AS p, COLLECT { MATCH (p)<-[r:PARTNER_IN]-(o:Organisation) RETURN o.id + ':' + r.role ORDER BY o.id } AS partners`,
      { id: `${prefix}-twice-1` },
    );
    expect(project!.p).toMatchObject({
      acronym: 'ACR-twice-1',
      year: 2023,
      yearBasis: 'START_DATE',
      startYear: 2023,
      importRunId: first.runId,
    });
    expect(project!.p.importFile).toBe(path.basename(file));
    expect(project!.partners).toEqual([
      'org-lund-university:COORDINATOR',
      `org-${prefix}-institute-of-testing:PARTNER`,
    ]);
  });

  it('when a row changes, then re-importing updates it and records the previous values', async () => {
    const name = 'projects-change.csv';
    const first = await importFile(database.db, writeFile(name, projectsCsv([projectRow('change')])), {
      actor,
    });
    expect(first.created).toBe(1);
    const second = await importFile(
      database.db,
      writeFile(name, projectsCsv([projectRow('change', { fundingEur: '300000' })])),
      { actor },
    );
    expect(second).toMatchObject({ status: 'imported', created: 0, updated: 1 });
    expect(second.samples.updated).toEqual([{ id: `${prefix}-change`, fields: ['fundingEur'] }]);
    const events = await entityHistory(database.db, 'Project', `${prefix}-change`, 10);
    // The first import also derived the project's links (its call's stage and topic): the rule
    // book's events, under their own source. Changing the funding, which no rule reads, derived nothing.
    // One DERIVE event holds all the project's derived links.
    const derived = events.filter((event) => event.source.startsWith('derivation:'));
    expect(derived).toHaveLength(1);
    expect(derived[0]).toMatchObject({
      action: 'DERIVE',
      importRunId: first.runId,
      dataVersion: first.dataVersion,
      source: `derivation:import:projects-${prefix}-change.csv`,
    });
    expect(derived[0]!.fields.length).toBe(first.derived.totals.added);
    const history = events.filter((event) => !event.source.startsWith('derivation:'));
    expect(history.map((event) => event.action)).toEqual(['UPDATE', 'CREATE']);
    expect(history[0]).toMatchObject({
      actor,
      fields: ['fundingEur'],
      importRunId: second.runId,
      source: `import:projects-${prefix}-change.csv`,
    });
    expect(JSON.parse(history[0]!.previous!)).toEqual({ fundingEur: 250000 });
    expect(JSON.parse(history[0]!.values!)).toEqual({ fundingEur: 300000 });
    expect(history[0]!.dataVersion).toBe(second.dataVersion);
  });

  it('when partner names differ only in case, accents and punctuation, then they match one organisation', async () => {
    const file = writeFile(
      'projects-match.csv',
      projectsCsv([
        projectRow('match-1', {
          coordinator: `${prefix} Université de Testé [FR]`,
          partners: 'LUND UNIVERSITY [SE]',
        }),
        projectRow('match-2', {
          coordinator: `${prefix} universite de teste [FR]`,
          partners: 'Lund University. [SE]',
        }),
      ]),
    );
    const report = await importFile(database.db, file, { actor });
    expect(report).toMatchObject({ status: 'imported', created: 2, organisationsCreated: 1 });
    const rows = await database.db.read<{ id: string }>(
      `MATCH (o:Organisation)-[:PARTNER_IN]->(p:Project) WHERE p.id IN $ids RETURN DISTINCT o.id AS id ORDER BY id`,
      { ids: [`${prefix}-match-1`, `${prefix}-match-2`] },
    );
    expect(rows.map((row) => row.id)).toEqual(['org-lund-university', `org-${prefix}-universite-de-teste`]);
  });

  describe('when the documented real example (PERMANENS, from the public record) is dry-run against the seeded graph, then it is unchanged', () => {
    const examples = path.join(__dirname, '..', '..', 'docs', 'import-templates');
    it.each([
      'projects-example-permanens.csv',
      'projects-example-permanens.json',
      'links-example-permanens.csv',
    ])('%s', async (name) => {
      const report = await importFile(database.db, path.join(examples, name), { actor, dryRun: true });
      expect(report.issues).toEqual([]);
      expect(report).toMatchObject({
        status: 'dry-run',
        created: 0,
        updated: 0,
        rejected: 0,
        organisationsCreated: 0,
      });
      expect(report.unchanged).toBe(name.includes('links') ? 2 : 1);
    });
  });

  it('when a 2,000-row synthetic file is imported twice, then the first creates every row and the second finds every row unchanged', async () => {
    const rows = 2000;
    const lines = [csvLine(SYNTHETIC_COLUMNS)];
    for (let index = 0; index < rows; index += 1) {
      const cells = syntheticProjectRow(index, 40);
      cells[0] = `${prefix}-${cells[0]}`;
      // Partner names carry the prefix too, so the organisations they create are this test's; all
      // in Germany, a seeded country, so that no Country node outlives the test.
      cells[8] = cells[8]!
        .replace('Synthetic Institute', `${prefix} Institute`)
        .replace(/\[[A-Z]{2}\]$/, '[DE]');
      cells[9] = cells[9]!
        .replace(/Synthetic Institute/g, `${prefix} Institute`)
        .replace(/\[[A-Z]{2}\]/g, '[DE]');
      lines.push(csvLine(cells));
    }
    const file = writeFile('projects-synthetic.csv', lines.join(''));
    const phases = new Set<string>();
    const first = await importFile(database.db, file, {
      actor,
      onProgress: (progress) => phases.add(progress.phase),
    });
    expect(first).toMatchObject({
      status: 'imported',
      rows,
      created: rows,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      organisationsCreated: 40,
    });
    expect([...phases]).toEqual(['validate', 'check', 'write']);
    const second = await importFile(database.db, file, { actor });
    expect(second).toMatchObject({
      status: 'unchanged',
      rows,
      created: 0,
      updated: 0,
      unchanged: rows,
      rejected: 0,
      organisationsCreated: 0,
    });
    const [counts] = await database.db.read<{ partnerships: number; organisations: number }>(
      `MATCH (o:Organisation)-[r:PARTNER_IN]->(p:Project) WHERE p.id STARTS WITH $stem
       RETURN count(r) AS partnerships, count(DISTINCT o) AS organisations`,
      { stem: `${prefix}-bench-project-` },
    );
    expect(counts).toEqual({ partnerships: rows * 3, organisations: 40 });
  }, 300_000);

  it('when funders, calls, organisations and links files are imported, then each kind is written with its relationships and audited', async () => {
    const funders = writeFile(
      'funders-kinds.csv',
      csv([
        ['id', 'name', 'acronym', 'kind', 'countryCode', 'programmeIds', 'callIds', 'roles', 'sources'],
        [
          `${prefix}-fund`,
          `${prefix} Research Fund`,
          'TRF',
          'FOUNDATION',
          'AT',
          'eppermed-programme',
          'jtc2024;jtc2025',
          'member',
          'https://www.eppermed.eu/',
        ],
      ]),
    );
    expect(await importFile(database.db, funders, { actor })).toMatchObject({
      status: 'imported',
      created: 1,
    });
    const calls = writeFile(
      'calls-kinds.jsonl',
      `${JSON.stringify({ id: `${prefix}-call`, kind: 'SUPPORT_CALL', title: 'Support call', year: 2026, publicationDate: '2026-02', budgetEur: 500000, secretariatFunderId: `${prefix}-fund`, participatingCountryCodes: ['AT', 'DE'], sources: ['https://www.eppermed.eu/'] })}\n`,
    );
    expect(await importFile(database.db, calls, { actor })).toMatchObject({ status: 'imported', created: 1 });
    const organisations = writeFile(
      'organisations-kinds.csv',
      csv([
        ['id', 'name', 'countryCode', 'aliases', 'sources'],
        ['', 'LUND UNIVERSITY', 'SE', 'Lunds universitet', 'https://www.lu.se/'],
        ['', `${prefix} New Lab`, 'DE', '', 'https://www.eppermed.eu/'],
      ]),
    );
    const organisationReport = await importFile(database.db, organisations, { actor, dryRun: true });
    // The first row matches the seeded Lund University by name (and would update it); the second is new.
    expect(organisationReport).toMatchObject({ status: 'dry-run', created: 1, updated: 1 });
    expect(organisationReport.samples.created).toEqual([`org-${prefix}-new-lab`]);
    expect(organisationReport.samples.updated[0]?.id).toBe('org-lund-university');
    const duplicate = writeFile(
      'organisations-duplicate.csv',
      csv([
        ['id', 'name', 'countryCode', 'sources'],
        [`org-${prefix}-lund-copy`, 'Lund University', 'SE', 'https://www.lu.se/'],
      ]),
    );
    expectRejected(
      await importFile(database.db, duplicate, { actor }),
      2,
      'id',
      /already org-lund-university/,
    );

    const [funder] = await database.db.read<{
      calls: string[];
      programmes: string[];
      country: string[];
      secretariat: string[];
      participants: string[];
    }>(
      `MATCH (f:Funder {id: $funder})
       RETURN COLLECT { MATCH (f)-[:PARTICIPATES_IN]->(c:Call) RETURN c.id ORDER BY c.id } AS calls,
              COLLECT { MATCH (f)-[:MEMBER_OF]->(p:Programme) RETURN p.id } AS programmes,
              COLLECT { MATCH (f)-[:BASED_IN]->(c:Country) RETURN c.id } AS country,
              COLLECT { MATCH (f)-[:SECRETARIAT_OF]->(c:Call) RETURN c.id } AS secretariat,
              COLLECT { MATCH (c:Country)-[:PARTICIPATES_IN]->(:Call {id: $call}) RETURN c.id ORDER BY c.id } AS participants`,
      { funder: `${prefix}-fund`, call: `${prefix}-call` },
    );
    expect(funder).toEqual({
      calls: ['jtc2024', 'jtc2025'],
      programmes: ['eppermed-programme'],
      country: ['AT'],
      secretariat: [`${prefix}-call`],
      participants: ['AT', 'DE'],
    });

    expect(
      (
        await importFile(database.db, writeFile('projects-linked.csv', projectsCsv([projectRow('linked')])), {
          actor,
        })
      ).created,
    ).toBe(1);
    const links = (confidence: string) =>
      writeFile(
        'links-kinds.csv',
        csv([
          ['projectId', 'type', 'targetId', 'confidence', 'evidence'],
          [`${prefix}-linked`, 'ADDRESSES', 'gap-prevention', confidence, 'title says prevention'],
          [`${prefix}-linked`, 'AT_STAGE', 'vc-clinical-research', '', 'a trial'],
          [`${prefix}-linked`, 'ADVANCES', 'obj-03', '0.5', 'stated aim'],
        ]),
      );
    // The project's call (jtc2022, on prevention) placed it on gap-prevention when it was
    // imported: the curated link takes that pair over (an update), the other two are new.
    expect(await importFile(database.db, links('0.7'), { actor })).toMatchObject({
      status: 'imported',
      created: 2,
      updated: 1,
    });
    expect(await importFile(database.db, links('0.7'), { actor })).toMatchObject({
      status: 'unchanged',
      unchanged: 3,
    });
    const changed = await importFile(database.db, links('0.8'), { actor });
    expect(changed).toMatchObject({ status: 'imported', updated: 1, unchanged: 2 });
    const rows = await database.db.read<{
      type: string;
      target: string;
      derivation: Record<string, unknown>;
    }>(
      `MATCH (:Project {id: $id})-[r]->(t) WHERE type(r) IN ['ADDRESSES', 'AT_STAGE', 'ADVANCES'] AND r.provenance = 'CURATED'
       RETURN type(r) AS type, t.id AS target, {provenance: r.provenance, rule: r.rule, confidence: r.confidence, curator: r.curator, importRunId: r.importRunId} AS derivation
       ORDER BY type`,
      { id: `${prefix}-linked` },
    );
    expect(rows).toEqual([
      {
        type: 'ADDRESSES',
        target: 'gap-prevention',
        derivation: {
          provenance: 'CURATED',
          rule: 'curated-import',
          confidence: 0.8,
          curator: actor,
          importRunId: changed.runId,
        },
      },
      {
        type: 'ADVANCES',
        target: 'obj-03',
        derivation: expect.objectContaining({ provenance: 'CURATED', confidence: 0.5 }),
      },
      {
        type: 'AT_STAGE',
        target: 'vc-clinical-research',
        derivation: expect.objectContaining({ provenance: 'CURATED', confidence: 1 }),
      },
    ]);
    const [event] = await entityHistory(database.db, 'KnowledgeGap', 'gap-prevention', 1);
    expect(event).toMatchObject({
      action: 'LINK',
      entityId: `${prefix}-linked`,
      relationship: 'ADDRESSES',
      importRunId: changed.runId,
    });
    expect(JSON.parse(event!.previous!)).toMatchObject({ confidence: 0.7 });
  });
});
