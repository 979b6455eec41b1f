/** @jest-environment-options {"graphAccess": "exclusive"} */
// The CORDIS records in the API, after the connector ran on the synthetic Horizon Europe fixture
// (test/fixtures/cordis/synthetic-horizon, every row written for the tests): Project.subjects,
// Project.outputs, the CORDIS facts on Project, projects(filter: { subjects }) by code and by path
// with narrower subjects included, the loaders' one statement per page, a bad filter refused, and
// docs/connectors.md's example answering what the page quotes. The run is rolled back in afterAll.

import fs from 'node:fs';
import path from 'node:path';
import { openCordisSource } from '../../../src/connectors/cordis/cordisSource';
import { IdentityResolver } from '../../../src/connectors/resolveIdentities';
import { runConnector } from '../../../src/connectors/runner';
import { rollbackImportRun } from '../../../src/import/rollbackImport';
import { PROJECT_ROOT } from '../../../src/config';
import { rememberSourceDatasets } from '../../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../../helpers/testDatabase';
import { useTestApi } from '../../helpers/useTestApi';

const HORIZON = path.join(PROJECT_ROOT, 'test/fixtures/cordis/synthetic-horizon');
const actor = 'cli:cordis-api-test';

// The connector's first run of the 8-project fixture took over 60 s at load 20 on the shared
// 2-core machine (cordisConnector.int.test.ts); the queries after it take well under a second.
jest.setTimeout(300_000);

const api = useTestApi();
// The connector's own handle: jest runs afterAll hooks in the order they were registered, so
// useTestApi's closes its database before the rollback below could use it.
let database: TestDatabase;
let runId: string | null = null;
let forgetSourceDatasets: () => Promise<void>;

beforeAll(async () => {
  database = openTestDatabase({ queryTimeoutMs: 600_000 });
  const { db } = database;
  forgetSourceDatasets = await rememberSourceDatasets(db);
  const source = await openCordisSource([HORIZON], {});
  try {
    const report = await runConnector(db, source, {
      actor,
      resolve: new IdentityResolver(db, { unmatched: 'create' }).resolve,
    });
    if (report.status !== 'imported')
      throw new Error(`the fixture was not imported: ${JSON.stringify(report).slice(0, 2000)}`);
    runId = report.runId;
  } finally {
    source.close();
  }
});

afterAll(async () => {
  const { db } = database;
  try {
    if (runId !== null) await rollbackImportRun(db, runId, actor);
    await forgetSourceDatasets();
    // Every run of this file's actor: the committed one rolled back above, or one that was refused.
    await db.write(`MATCH (r:ImportRun {actor: $actor}) DETACH DELETE r`, { actor });
  } finally {
    await database.close();
  }
});

/** The acronyms of the projects a subject filter keeps, by acronym. */
async function acronymsTaggedWith(subjects: string[]): Promise<string[]> {
  const data = await api.data<{ projects: { nodes: Array<{ acronym: string }> } }>(
    `query ($subjects: [String!]) {
      projects(filter: { subjects: $subjects }, sort: { field: ACRONYM, direction: ASC }, first: 100) {
        nodes { acronym }
      }
    }`,
    { subjects },
  );
  return data.projects.nodes.map((node) => node.acronym);
}

describe('when the connector has run on the synthetic Horizon Europe export', () => {
  it('then Project.subjects lists its EuroSciVoc tags by code, with path, label and level', async () => {
    const data = await api.data<{ project: { subjects: unknown[] } }>(
      `{ project(id: "cordis-990000001") { subjects { id code path label level } } }`,
    );
    expect(data.project.subjects).toEqual([
      {
        id: 'euroscivoc-213',
        code: '/21/30/213',
        path: 'medical and health sciences/clinical medicine/cardiology',
        label: 'cardiology',
        level: 3,
      },
      {
        id: 'euroscivoc-5029300',
        code: '/21/33/5029300',
        path: 'medical and health sciences/health sciences/personalized medicine',
        label: 'personalized medicine',
        level: 3,
      },
    ]);
  });

  it('then Project.outputs lists its publications with DOI, title, journal and year, and outputCount counts them', async () => {
    const data = await api.data<{ a: unknown; b: unknown }>(
      `{
        a: project(id: "cordis-990000001") { outputCount outputs { id kind doi title journal year sources } }
        b: project(id: "cordis-990000005") { outputCount outputs(first: 0) { id } }
      }`,
    );
    expect(data.a).toEqual({
      outputCount: 1,
      outputs: [
        {
          id: 'doi-10-9999-synthetic-2024-001',
          kind: 'PUBLICATION',
          doi: '10.9999/synthetic.2024.001',
          title: 'Synthetic paper: digital twins for heart failure',
          journal: 'Synthetic Journal of Cardiology',
          year: 2024,
          sources: ['https://doi.org/10.9999/synthetic.2024.001'],
        },
      ],
    });
    // The paper without a DOI is counted; first: 0 lists none of it.
    expect(data.b).toEqual({ outputCount: 1, outputs: [] });
  });

  it('then the CORDIS facts of a project read as the node holds them', async () => {
    const fields = [
      'grantId',
      'status',
      'totalCost',
      'ecMaxContribution',
      'fundingScheme',
      'grantDoi',
      'frameworkProgramme',
      'legalBasis',
      'legalBasisTitle',
      'masterCall',
      'subCall',
      'topics',
      'ecSignatureDate',
      'scopeRule',
      'scopeRules',
      'scopeEvidence',
      'scopeConfidence',
      'scopeWeak',
    ];
    const data = await api.data<{ project: Record<string, unknown> }>(
      `{ project(id: "cordis-990000001") { ${fields.join(' ')} } }`,
    );
    const [row] = await api.database.db.read<{ props: Record<string, unknown> }>(
      `MATCH (p:Project {id: 'cordis-990000001'}) RETURN properties(p) AS props`,
    );
    expect(data.project).toEqual(
      Object.fromEntries(fields.map((field) => [field, row!.props[field] ?? null])),
    );
    expect(data.project).toMatchObject({
      grantId: '990000001',
      status: 'SIGNED',
      totalCost: 7567787.5,
      fundingScheme: 'HORIZON-RIA',
      grantDoi: '10.3030/990000001',
      scopeRules: ['pm-phrase', 'euroscivoc-personalised-medicine'],
    });
  });

  it('then a curated project has no subjects, outputs, topics or scope rules, and null CORDIS facts', async () => {
    const data = await api.data<{ project: Record<string, unknown> }>(
      `{ project(id: "project-permanens") { subjects { id } outputs { id } outputCount topics scopeRules scopeEvidence grantId scopeRule } }`,
    );
    expect(data.project).toEqual({
      subjects: [],
      outputs: [],
      outputCount: 0,
      topics: [],
      scopeRules: [],
      scopeEvidence: [],
      grantId: null,
      scopeRule: null,
    });
  });

  it('then the subject filter keeps the projects tagged with the subject, by code with or without the leading slash', async () => {
    expect(await acronymsTaggedWith(['/21/33/5029300'])).toEqual(['MICROFLOW', 'PMTWIN', 'QUOTES']);
    expect(await acronymsTaggedWith(['21/33/5029300'])).toEqual(['MICROFLOW', 'PMTWIN', 'QUOTES']);
  });

  it('then a broader subject keeps the projects tagged with any narrower one', async () => {
    // medical and health sciences: cardiology, personalized medicine, inflammation, pharmacogenomics
    // (PGXCARE's row has a path of four levels for a code of three, so it has no broader subjects
    // in the tree: the filter reads the tagged subject's own code).
    expect(await acronymsTaggedWith(['/21'])).toEqual([
      'INFLAMAP',
      'MICROFLOW',
      'PGXCARE',
      'PMTWIN',
      'QUOTES',
    ]);
    // clinical medicine: cardiology (PMTWIN), inflammation (INFLAMAP); by its label path in any case.
    expect(await acronymsTaggedWith(['Medical and Health Sciences / Clinical Medicine'])).toEqual([
      'INFLAMAP',
      'PMTWIN',
    ]);
    // engineering and technology (the microreactor) or pharmacogenomics: values combine with OR.
    expect(await acronymsTaggedWith(['/20', '/21/32/681'])).toEqual(['MICROFLOW', 'PGXCARE']);
    expect(await acronymsTaggedWith(['/99'])).toEqual([]);
  });

  it('then the subject filter combines with the other filters and counts', async () => {
    const data = await api.data<{ projects: { totalCount: number; nodes: Array<{ id: string }> } }>(
      `{ projects(filter: { subjects: ["/21/33/5029300"], datasets: [CORDIS_HORIZON_EUROPE], countries: ["GR"] }) {
          totalCount nodes { id } } }`,
    );
    const rows = await api.database.db.read<{ id: string }>(
      `MATCH (p:Project)-[:HAS_SUBJECT]->(:Subject {code: '/21/33/5029300'})
       WHERE (p)-[:HAS_PARTNER_IN]->(:Country {code: 'GR'}) RETURN p.id AS id ORDER BY id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(data.projects.totalCount).toBe(rows.length);
    expect(data.projects.nodes.map((node) => node.id).sort()).toEqual(rows.map((row) => row.id));
  });

  it('then the coverage analytics take the subject filter: the tagged projects and the calls that funded them', async () => {
    const data = await api.data<{ all: { projectsInScopeCount: number }; pm: Record<string, unknown> }>(
      `{
        all: coverageMatrix(filter: { minConfidence: 0 }) { projectsInScopeCount }
        pm: coverageMatrix(filter: { subjects: ["/21/33/5029300"], minConfidence: 0 }) {
          projectsInScopeCount callsInScopeCount
        }
      }`,
    );
    const [calls] = await api.database.db.read<{ count: number }>(
      `MATCH (c:Call)-[:FUNDED]->(:Project)-[:HAS_SUBJECT]->(:Subject {code: '/21/33/5029300'})
       RETURN count(DISTINCT c) AS count`,
    );
    expect(data.pm).toEqual({ projectsInScopeCount: 3, callsInScopeCount: calls!.count });
    expect(data.all.projectsInScopeCount).toBeGreaterThan(3);
  });

  it('then the coverage analytics take the dataset filter: the projects and calls of each dataset, as the lists count them', async () => {
    const data = await api.data<Record<string, { projectsInScopeCount: number; callsInScopeCount: number }>>(
      `{
        all: coverageMatrix(filter: { minConfidence: 0 }) { projectsInScopeCount callsInScopeCount }
        cordis: coverageMatrix(filter: { datasets: [CORDIS_HORIZON_EUROPE], minConfidence: 0 }) {
          projectsInScopeCount callsInScopeCount
        }
        curated: coverageMatrix(filter: { datasets: [PERMED_CURATED], minConfidence: 0 }) {
          projectsInScopeCount callsInScopeCount
        }
        both: coverageMatrix(filter: { datasets: [PERMED_CURATED, CORDIS_HORIZON_EUROPE], minConfidence: 0 }) {
          projectsInScopeCount callsInScopeCount
        }
        ror: coverageMatrix(filter: { datasets: [ROR] }) { projectsInScopeCount callsInScopeCount }
      }`,
    );
    const lists = await api.data<Record<string, { totalCount: number }>>(
      `{
        cordisProjects: projects(filter: { datasets: [CORDIS_HORIZON_EUROPE] }) { totalCount }
        curatedProjects: projects(filter: { datasets: [PERMED_CURATED] }) { totalCount }
        cordisCalls: calls(filter: { datasets: [CORDIS_HORIZON_EUROPE] }) { totalCount }
        curatedCalls: calls(filter: { datasets: [PERMED_CURATED] }) { totalCount }
      }`,
    );
    // The fixture's 8 projects, none of them curated: the two datasets part the graph.
    expect(lists.cordisProjects!.totalCount).toBeGreaterThan(0);
    expect(data.cordis).toEqual({
      projectsInScopeCount: lists.cordisProjects!.totalCount,
      callsInScopeCount: lists.cordisCalls!.totalCount,
    });
    expect(data.curated).toEqual({
      projectsInScopeCount: lists.curatedProjects!.totalCount,
      callsInScopeCount: lists.curatedCalls!.totalCount,
    });
    expect(data.both!.projectsInScopeCount).toBe(
      lists.cordisProjects!.totalCount + lists.curatedProjects!.totalCount,
    );
    expect(data.all!.projectsInScopeCount).toBeGreaterThanOrEqual(data.both!.projectsInScopeCount);
    expect(data.ror).toEqual({ projectsInScopeCount: 0, callsInScopeCount: 0 });
  });

  it('then white spots and trends take the dataset filter, and an empty or unknown dataset is refused', async () => {
    const data = await api.data<{
      matrix: { rows: Array<{ projectLevel: { projectCount: number } }> };
      spots: { rowProjectTotal: number };
      none: { rowProjectTotal: number };
      trend: { years: unknown[] };
      rorTrend: { years: unknown[]; undatedProjectIds: string[] };
    }>(
      `{
        matrix: coverageMatrix(filter: { datasets: [CORDIS_HORIZON_EUROPE], minConfidence: 0 }) {
          rows { projectLevel { projectCount } }
        }
        spots: whiteSpots(filter: { datasets: [CORDIS_HORIZON_EUROPE], minConfidence: 0 }, first: 3) { rowProjectTotal }
        none: whiteSpots(filter: { datasets: [ROR] }, first: 3) { rowProjectTotal }
        trend: coverageTrend(dimension: STAGE, id: "vc-research") { years { year } }
        rorTrend: coverageTrend(dimension: STAGE, id: "vc-research", filter: { datasets: [ROR] }) {
          years { year } undatedProjectIds
        }
      }`,
    );
    // T of the white spots is the Σ of the rows' distinct projects of the same filtered matrix.
    const rowTotal = data.matrix.rows.reduce((sum, row) => sum + row.projectLevel.projectCount, 0);
    expect(data.spots.rowProjectTotal).toBe(rowTotal);
    expect(data.none.rowProjectTotal).toBe(0);
    expect(data.trend.years.length).toBeGreaterThan(0);
    expect(data.rorTrend).toEqual({ years: [], undatedProjectIds: [] });
    const empty = await api.execute(`{ coverageMatrix(filter: { datasets: [] }) { linkCount } }`);
    expect(empty.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.datasets' },
    });
    const unknown = await api.execute(`{ coverageMatrix(filter: { datasets: [CORDIS] }) { linkCount } }`);
    expect(unknown.errors?.[0]?.message).toContain('CORDIS');
  });

  it('then search takes the subject facet: the projects its words find that are tagged with the subject or a narrower one', async () => {
    type Hits = Array<{ kind: string; label: string; entity: { subjects?: Array<{ code: string }> } }>;
    const data = await api.data<{ all: Hits; tagged: Hits; health: Hits; asProjects: Hits }>(
      `{
        all: search(text: "synthetic row", kinds: [PROJECT], first: 100) { kind label entity { __typename } }
        tagged: search(text: "synthetic row", subjects: ["21/33/5029300"], first: 100) {
          kind label entity { ... on Project { subjects { code } } }
        }
        health: search(text: "synthetic row", subjects: ["Medical and Health Sciences"], first: 100) { kind label entity { __typename } }
        asProjects: search(text: "synthetic row", kinds: [PROJECT, FUNDER], subjects: ["/21/33/5029300"], first: 100) {
          kind label entity { __typename }
        }
      }`,
    );
    const labels = (hits: Hits) => hits.map((hit) => hit.label).sort();
    // The words find every project of the fixture in scope; the facet keeps those the list's subject filter keeps.
    expect(labels(data.all)).toEqual(expect.arrayContaining(['INFLAMAP', 'MICROFLOW', 'PGXCARE', 'PMTWIN']));
    expect(labels(data.tagged)).toEqual(await acronymsTaggedWith(['/21/33/5029300']));
    expect(labels(data.tagged)).toEqual(['MICROFLOW', 'PMTWIN', 'QUOTES']);
    for (const hit of data.tagged) {
      expect(hit.kind).toBe('PROJECT');
      expect(hit.entity.subjects?.map((subject) => subject.code)).toContain('/21/33/5029300');
    }
    expect(labels(data.health)).toEqual(await acronymsTaggedWith(['Medical and Health Sciences']));
    expect(data.health.length).toBeGreaterThan(data.tagged.length);
    expect(labels(data.asProjects)).toEqual(labels(data.tagged));
  });

  it('then a subject facet on kinds without projects, or without a subject, is refused naming subjects', async () => {
    for (const query of [
      '{ search(text: "synthetic", kinds: [FUNDER], subjects: ["/21"]) { id } }',
      '{ search(text: "synthetic", subjects: []) { id } }',
      '{ search(text: "synthetic", subjects: ["/"]) { id } }',
    ]) {
      const result = await api.execute(query);
      expect(result.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argument: 'subjects' },
      });
    }
  });

  it('then the subjects and outputs of a whole page are read in one statement each', async () => {
    api.queryLog.length = 0;
    await api.data(
      `{ projects(filter: { datasets: [CORDIS_HORIZON_EUROPE] }, first: 10) {
          nodes { subjects { code } outputs { doi } outputCount } } }`,
    );
    const statements = api.queryLog.map((event) => event.cypher);
    expect(statements.filter((cypher) => cypher.includes('[:HAS_SUBJECT]->(s:Subject)'))).toHaveLength(1);
    expect(statements.filter((cypher) => cypher.includes('[:HAS_OUTPUT]->(o:Output)'))).toHaveLength(1);
    expect(statements.filter((cypher) => cypher.includes('COUNT { (p)-[:HAS_OUTPUT]'))).toHaveLength(1);
  });

  it('then a subject filter without a subject is refused with BAD_USER_INPUT naming filter.subjects', async () => {
    for (const subjects of [[], ['/'], ['x'.repeat(201)]]) {
      const result = await api.execute(
        `query ($subjects: [String!]) { projects(filter: { subjects: $subjects }) { totalCount } }`,
        {
          subjects,
        },
      );
      expect(result.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argument: 'filter.subjects' },
      });
    }
  });

  it("then docs/connectors.md's example answers what the page quotes for this fixture", async () => {
    const page = fs.readFileSync(path.join(PROJECT_ROOT, 'docs/connectors.md'), 'utf8');
    const section = page.split('### In the API: subjects, outputs and the CORDIS facts')[1]!;
    const query = /```graphql\n([\s\S]*?)```/.exec(section)![1]!;
    const answer = /```jsonc\n([\s\S]*?)```/.exec(section)![1]!;
    expect(await api.data(query)).toEqual(JSON.parse(answer));
  });
});
