/** @jest-environment-options {"graphAccess": "exclusive"} */
// Derivation inside every write of a project (issue 17 item 2), on the real Neo4j: a projects
// file without links (test/fixtures/import/projects-jtc2024-synthetic.csv, four SYNTHETIC
// projects written for this test after the example) is imported and each project lands
// in the coverage matrix through INFERRED links that carry their rule, evidence, the rule book
// version and origin; a dry run reports the same links per rule and writes nothing; a curation
// edit of a title derives again, one of a field no rule reads derives nothing; a CURATED link
// survives every re-derivation, on a pair the rules infer and on one they do not.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entityHistory } from '../../src/db/audit';
import { readStats } from '../../src/db/stats';
import { RULE_BOOK_VERSION } from '../../src/derivation';
import { linkProject, upsertRecord } from '../../src/curation';
import { importFile } from '../../src/import/importFile';
import { formatImportReport } from '../../src/import/formatReport';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { useTestApi } from '../helpers/useTestApi';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'import', 'projects-jtc2024-synthetic.csv');
const PROJECT_IDS = [
  'synthetic-derive-omics-crc',
  'synthetic-derive-pgx-dose',
  'synthetic-derive-prs-prevent',
  'synthetic-derive-seq-hta',
];
const actor = 'cli:derive-test';
const api = useTestApi();
// Its own connection for the clean-up, which must outlive the API's (closed by useTestApi's afterAll).
let cleaner: TestDatabase;
// The imports and mutations below register the USER_IMPORT dataset when the graph had none.
let forgetSourceDatasets: (() => Promise<void>) | null = null;

interface StoredLink {
  projectId: string;
  type: string;
  targetId: string;
  provenance: string;
  rule: string;
  confidence: number;
  evidence: string;
  ruleBookVersion: string | null;
  origin: string | null;
  curator: string | null;
}

async function links(projectIds = PROJECT_IDS): Promise<StoredLink[]> {
  return api.database.db.read<StoredLink>(
    `MATCH (p:Project)-[r:ADDRESSES|AT_STAGE|ADVANCES|IN_DISEASE_AREA]->(t)
     WHERE p.id IN $projectIds
     RETURN p.id AS projectId, type(r) AS type, t.id AS targetId, r.provenance AS provenance, r.rule AS rule,
       r.confidence AS confidence, r.evidence AS evidence, r.ruleBookVersion AS ruleBookVersion,
       r.origin AS origin, r.curator AS curator
     ORDER BY projectId, type, targetId`,
    { projectIds },
  );
}

/** Removes what the test wrote: its projects, the organisation the file created, the runs and their events. */
async function cleanUp(): Promise<void> {
  const { db } = cleaner;
  await db.write(`MATCH (p:Project) WHERE p.id IN $ids DETACH DELETE p`, { ids: PROJECT_IDS });
  await db.write(`MATCH (o:Organisation) WHERE o.name STARTS WITH 'Synthetic Primary Care' DETACH DELETE o`);
  await db.write(
    `MATCH (e:AuditEvent) WHERE e.entityId IN $ids OR e.relatedId IN $ids OR e.actor = $actor DETACH DELETE e`,
    { ids: PROJECT_IDS, actor },
  );
  await db.write(`MATCH (r:ImportRun) WHERE r.file STARTS WITH 'projects-jtc2024-synthetic' DETACH DELETE r`);
}

beforeAll(async () => {
  cleaner = openTestDatabase();
  await cleanUp();
  forgetSourceDatasets = await rememberSourceDatasets(cleaner.db);
});

afterAll(async () => {
  await cleanUp();
  await forgetSourceDatasets?.();
  await cleaner.close();
});

const MATRIX = `query Matrix {
  coverageMatrix {
    projectLevel { projectIds inferredProjectCount curatedProjectCount }
    rows { id projectLevel { projectIds } }
  }
}`;

interface MatrixAnswer {
  coverageMatrix: {
    projectLevel: { projectIds: string[]; inferredProjectCount: number; curatedProjectCount: number };
    rows: Array<{ id: string; projectLevel: { projectIds: string[] } }>;
  };
}

describe('derivation inside every write of a project', () => {
  it('a dry run reports, per rule, the links a real import derives, and writes nothing', async () => {
    const before = await readStats(api.database.db);
    const dry = await importFile(api.database.db, FIXTURE, { actor, dryRun: true });
    expect(dry).toMatchObject({ status: 'dry-run', created: 4 });
    expect(dry.derived.projects).toBe(4);
    expect(dry.derived.totals.added).toBeGreaterThanOrEqual(8);
    expect(Object.keys(dry.derived.byRule).length).toBeGreaterThan(1);
    // The partner named "Name [CC]" that matches no organisation is named before it is created.
    expect(dry.organisationsToCreate).toEqual([
      expect.objectContaining({ name: 'Synthetic Primary Care Research Institute', countryCode: 'FR' }),
    ]);
    const text = formatImportReport(dry);
    expect(text).toContain('Synthetic Primary Care Research Institute [FR]');
    expect(text).toContain(`derived links (rule book ${RULE_BOOK_VERSION}`);
    for (const rule of Object.keys(dry.derived.byRule)) expect(text).toContain(`  ${rule}: added`);
    expect(await links()).toEqual([]);
    expect((await readStats(api.database.db)).dataVersion).toBe(before.dataVersion);

    const real = await importFile(api.database.db, FIXTURE, { actor });
    expect(real).toMatchObject({ status: 'imported', created: 4 });
    // The dry run said what the real run did.
    expect(real.derived.byRule).toEqual(dry.derived.byRule);
    expect(real.derived.totals).toEqual(dry.derived.totals);
    expect(real.derived.unplacedCount).toBe(0);
  });

  it('places every imported project in the coverage matrix through inferred links with rule, evidence, version and origin', async () => {
    const stored = await links();
    for (const id of PROJECT_IDS) {
      const own = stored.filter((link) => link.projectId === id);
      expect(own.some((link) => link.type === 'ADDRESSES')).toBe(true);
      expect(own.some((link) => link.type === 'AT_STAGE')).toBe(true);
    }
    for (const link of stored) {
      expect(link).toMatchObject({
        provenance: 'INFERRED',
        ruleBookVersion: RULE_BOOK_VERSION,
        origin: 'import',
      });
      expect(link.rule).not.toBe('');
      expect(link.evidence).not.toBe('');
      expect(link.confidence).toBeGreaterThan(0);
    }
    // ADVANCES chains through the gaps the projects address (project-advances-objective-via-gap).
    expect(
      stored.some((link) => link.type === 'ADVANCES' && link.rule === 'project-advances-objective-via-gap'),
    ).toBe(true);
    const { coverageMatrix } = await api.data<MatrixAnswer>(MATRIX);
    for (const id of PROJECT_IDS) expect(coverageMatrix.projectLevel.projectIds).toContain(id);
    const gapsOf = (id: string) =>
      coverageMatrix.rows.filter((row) => row.projectLevel.projectIds.includes(id)).map((row) => row.id);
    for (const id of PROJECT_IDS) expect(gapsOf(id).length).toBeGreaterThan(0);

    // The API says what each link rests on: rule, evidence, the rule book's version and the origin.
    const { project } = await api.data<{
      project: { gaps: Array<{ gap: { id: string }; derivation: Record<string, unknown> }> };
    }>(
      `query Gaps($id: ID!) {
        project(id: $id) { gaps { gap { id } derivation { provenance rule evidence ruleBookVersion origin } } }
      }`,
      { id: 'synthetic-derive-omics-crc' },
    );
    expect(project.gaps.length).toBe(
      stored.filter((link) => link.projectId === 'synthetic-derive-omics-crc' && link.type === 'ADDRESSES')
        .length,
    );
    for (const { derivation } of project.gaps)
      expect(derivation).toMatchObject({
        provenance: 'INFERRED',
        ruleBookVersion: RULE_BOOK_VERSION,
        origin: 'IMPORT',
      });

    // The audit trail lists the derived links with the run's rows, under the rule book's source:
    // one DERIVE event for the project, naming each link with its derivation.
    const run = (await entityHistory(api.database.db, 'Project', 'synthetic-derive-seq-hta', 50)).filter(
      (event) => event.source.startsWith('derivation:'),
    );
    const storedOfProject = stored.filter((link) => link.projectId === 'synthetic-derive-seq-hta');
    expect(run).toHaveLength(1);
    expect(run[0]).toMatchObject({
      action: 'DERIVE',
      relationship: null,
      previous: null,
      source: 'derivation:import:projects-jtc2024-synthetic.csv',
    });
    expect([...run[0]!.fields].sort()).toEqual(
      storedOfProject.map((link) => `${link.type}:${link.targetId}`).sort(),
    );
    const values = JSON.parse(run[0]!.values!) as Record<string, Record<string, unknown>>;
    for (const link of storedOfProject)
      expect(values[`${link.type}:${link.targetId}`]).toEqual({
        provenance: 'INFERRED',
        rule: link.rule,
        confidence: link.confidence,
        evidence: link.evidence,
        ruleBookVersion: RULE_BOOK_VERSION,
        origin: 'import',
      });
  });

  it('a curation edit of a field no rule reads derives nothing', async () => {
    const before = await links();
    const history = await entityHistory(api.database.db, 'Project', 'synthetic-derive-pgx-dose', 100);
    const result = await upsertRecord(
      api.database.db,
      'projects',
      { id: 'synthetic-derive-pgx-dose', fundingEur: 1_250_000 },
      actor,
    );
    expect(result.outcome).toBe('UPDATED');
    const after = await entityHistory(api.database.db, 'Project', 'synthetic-derive-pgx-dose', 100);
    expect(
      after.filter((event) => event.dataVersion === result.dataVersion).map((event) => event.source),
    ).toEqual(['graphql']);
    expect(after.length).toBe(history.length + 1);
    expect(await links()).toEqual(before);
  });

  it('a curation edit of a title derives again; curated links survive, on pairs the rules infer and on pairs they do not', async () => {
    const id = 'synthetic-derive-prs-prevent';
    const inferred = (await links([id])).filter((link) => link.type === 'ADDRESSES');
    const overridden = inferred[0]!;
    // A curator overrides one inferred pair with a weaker curated link, and adds one no rule infers.
    await linkProject(
      api.database.db,
      {
        projectId: id,
        type: 'ADDRESSES',
        targetId: overridden.targetId,
        confidence: 0.5,
        evidence: 'curator read the aims',
      },
      actor,
    );
    const unseenGap = 'gap-data-privacy';
    expect(inferred.map((link) => link.targetId)).not.toContain(unseenGap);
    await linkProject(
      api.database.db,
      {
        projectId: id,
        type: 'ADDRESSES',
        targetId: unseenGap,
        confidence: 0.7,
        evidence: 'ethics work package',
      },
      actor,
    );

    const result = await upsertRecord(
      api.database.db,
      'projects',
      {
        id,
        title: 'Polygenic risk scores and pharmacogenomics for the prevention of cardiovascular disease',
      },
      actor,
    );
    expect(result.outcome).toBe('UPDATED');
    const events = (await entityHistory(api.database.db, 'Project', id, 200)).filter(
      (event) => event.dataVersion === result.dataVersion,
    );
    const derived = events.filter((event) => event.source === 'derivation:graphql');
    expect(derived).toHaveLength(1);
    expect(derived[0]).toMatchObject({ action: 'DERIVE', entityLabel: 'Project', entityId: id });
    const after = await links([id]);
    // The new title's words are in the evidence of the links written by the edit, stamped as curation.
    const rewritten = after.filter((link) => link.origin === 'curation' && link.provenance === 'INFERRED');
    const written = Object.keys(JSON.parse(derived[0]!.values ?? '{}') as Record<string, unknown>);
    expect(written.length).toBeGreaterThan(0);
    for (const key of written)
      expect(rewritten).toContainEqual(
        expect.objectContaining({
          type: key.slice(0, key.indexOf(':')),
          targetId: key.slice(key.indexOf(':') + 1),
          ruleBookVersion: RULE_BOOK_VERSION,
        }),
      );
    expect(rewritten.some((link) => /pharmacogenomic/i.test(link.evidence))).toBe(true);
    // Neither curated link was replaced, weakened or removed.
    expect(after).toContainEqual(
      expect.objectContaining({
        type: 'ADDRESSES',
        targetId: overridden.targetId,
        provenance: 'CURATED',
        confidence: 0.5,
        evidence: 'curator read the aims',
        curator: actor,
      }),
    );
    expect(after).toContainEqual(
      expect.objectContaining({
        type: 'ADDRESSES',
        targetId: unseenGap,
        provenance: 'CURATED',
        confidence: 0.7,
      }),
    );
  });

  it('a curated links file that adds an ADDRESSES link brings the objectives its gap serves (ADVANCES via the gap)', async () => {
    const id = 'synthetic-derive-omics-crc';
    const before = await links([id]);
    const addressed = new Set(
      before.filter((link) => link.type === 'ADDRESSES').map((link) => link.targetId),
    );
    const advanced = new Set(before.filter((link) => link.type === 'ADVANCES').map((link) => link.targetId));
    const serves = await api.database.db.read<{ gapId: string; objectiveId: string; confidence: number }>(
      `MATCH (g:KnowledgeGap)-[r:SERVES]->(o:Objective)
       RETURN g.id AS gapId, o.id AS objectiveId, r.confidence AS confidence ORDER BY gapId, objectiveId`,
    );
    // A gap the rules do not place the project in, serving an objective it does not advance yet.
    const gapId = serves.find((row) => !addressed.has(row.gapId) && !advanced.has(row.objectiveId))?.gapId;
    expect(gapId).toBeDefined();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-links-'));
    const file = path.join(dir, 'projects-jtc2024-synthetic-links.csv');
    fs.writeFileSync(
      file,
      `projectId,type,targetId,confidence,evidence\n${id},ADDRESSES,${gapId},1,curator read the work plan\n`,
    );
    try {
      const report = await importFile(api.database.db, file, { actor, kind: 'links' });
      expect(report).toMatchObject({ status: 'imported', created: 1 });
      expect(report.derived.byRule['project-advances-objective-via-gap']?.added).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const after = await links([id]);
    expect(after).toContainEqual(
      expect.objectContaining({ type: 'ADDRESSES', targetId: gapId, provenance: 'CURATED', confidence: 1 }),
    );
    // Every objective the gap serves is advanced, at least as surely as the curated link times SERVES.
    for (const row of serves.filter((candidate) => candidate.gapId === gapId)) {
      const advances = after.find((link) => link.type === 'ADVANCES' && link.targetId === row.objectiveId);
      expect(advances).toMatchObject({
        provenance: 'INFERRED',
        rule: 'project-advances-objective-via-gap',
        origin: 'import',
        ruleBookVersion: RULE_BOOK_VERSION,
      });
      expect(advances!.confidence).toBeGreaterThanOrEqual(row.confidence - 1e-9);
    }
    expect(
      after.some(
        (link) =>
          link.type === 'ADVANCES' && link.evidence.startsWith(`addresses ${gapId} (curated-import, 1)`),
      ),
    ).toBe(true);
  });
});
