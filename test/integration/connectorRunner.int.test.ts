/** @jest-environment-options {"graphAccess": "exclusive"} */
// The connector runner against the real Neo4j, with a small synthetic source declared here: a dry
// run writes nothing and counts per label and relationship; the same export twice writes nothing
// the second time (data version unchanged); a newer export updates what changed and reports what
// vanished; a run is undone by its id, after a failure half-way and after a crash (start-up
// recovery), each time back to exactly the graph before; a refused input writes nothing.

import { randomBytes } from 'node:crypto';
import { readStats } from '../../src/db/stats';
import { runConnector } from '../../src/connectors/runner';
import {
  ConnectorInputError,
  type ConnectorRecord,
  type ConnectorSource,
  type ReadContext,
} from '../../src/connectors/source';
import { recoverInterruptedImports } from '../../src/import/recoverImports';
import { rollbackImportRun } from '../../src/import/rollbackImport';
import { createLogger } from '../../src/logger';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

const prefix = `test-connector-${randomBytes(4).toString('hex')}`;
const dataset = `${prefix}-dataset`;
const actor = 'cli:connector-test';
let database: TestDatabase;

beforeAll(() => {
  // Batches run many statements; on the shared 2-core machine one took 1 s at load 35.
  database = openTestDatabase({ queryTimeoutMs: 600_000 });
});

afterAll(async () => {
  await database.db.write(`MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix });
  await database.db.write(`MATCH (e:AuditEvent) WHERE e.source CONTAINS $prefix DETACH DELETE e`, { prefix });
  await database.db.write(`MATCH (r:ImportRun) WHERE r.file CONTAINS $prefix DETACH DELETE r`, { prefix });
  await database.close();
});

/** A synthetic export: projects, their organisations and partnerships, all invented for the test. */
interface Export {
  projects: Array<{ id: string; title: string }>;
  partners: Array<{ org: string; project: string; role: 'COORDINATOR' | 'PARTNER' }>;
}

const PROGRAMME = `${prefix}-programme`;

function recordsOf(data: Export): ConnectorRecord[] {
  const records: ConnectorRecord[] = [
    {
      kind: 'node',
      label: 'Programme',
      id: PROGRAMME,
      properties: { name: 'Synthetic programme', shortName: 'SYN', uncertain: false },
      union: { sources: ['https://example.org/synthetic'] },
    },
  ];
  for (const project of data.projects) {
    records.push(
      {
        kind: 'node',
        label: 'Project',
        id: `${prefix}-${project.id}`,
        properties: { acronym: project.id.toUpperCase(), title: project.title, uncertain: false },
        onCreate: { keywords: [], unnamedPartners: [] },
        union: { sources: [`https://example.org/synthetic/${project.id}`] },
      },
      {
        kind: 'link',
        shape: { type: 'PART_OF', from: 'Project', to: 'Programme' },
        from: `${prefix}-${project.id}`,
        to: PROGRAMME,
        properties: {},
      },
    );
  }
  for (const org of new Set(data.partners.map((partner) => partner.org))) {
    records.push(
      {
        kind: 'node',
        label: 'Organisation',
        id: `${prefix}-${org}`,
        properties: { countryCode: 'SE' },
        onCreate: { name: `Synthetic institute ${org}`, aliases: [] },
        union: { sources: ['https://example.org/synthetic'] },
      },
      {
        kind: 'link',
        shape: { type: 'LOCATED_IN', from: 'Organisation', to: 'Country' },
        from: `${prefix}-${org}`,
        to: 'SE',
        properties: {},
      },
    );
  }
  for (const partner of data.partners) {
    records.push({
      kind: 'link',
      shape: { type: 'PARTNER_IN', from: 'Organisation', to: 'Project' },
      from: `${prefix}-${partner.org}`,
      to: `${prefix}-${partner.project}`,
      properties: { role: partner.role, asNamed: [] },
    });
  }
  return records;
}

interface SourceOptions {
  /** Throw after this many records have been read (a failure half-way). */
  failAfter?: number;
  /** Refuse the input in the check pass. */
  refuse?: string;
}

function syntheticSource(data: Export, options: SourceOptions = {}): ConnectorSource {
  const records = recordsOf(data);
  return {
    name: 'synthetic',
    dataset: {
      id: dataset,
      name: 'Synthetic test dataset',
      url: 'https://example.org/synthetic',
      licence: 'CC0-1.0',
      attribution: 'Invented for the connector runner test',
      versionDate: null,
    },
    inputName: `${prefix}.zip`,
    format: 'zip',
    sha256: 'synthetic',
    labels: ['Programme', 'Project', 'Organisation'],
    shapes: [
      { type: 'PART_OF', from: 'Project', to: 'Programme' },
      { type: 'PARTNER_IN', from: 'Organisation', to: 'Project' },
      { type: 'LOCATED_IN', from: 'Organisation', to: 'Country' },
    ],
    async check(context: ReadContext) {
      context.malformed({ file: 'projects.csv', line: 7, reason: 'a synthetic malformed row' });
      if (options.refuse !== undefined) throw new ConnectorInputError(options.refuse);
    },
    async *read(context: ReadContext) {
      let read = 0;
      for (const record of records) {
        if (options.failAfter !== undefined && read === options.failAfter)
          throw new Error('synthetic failure half-way');
        read += 1;
        if (record.kind === 'node') context.tally('labels', record.label);
        context.progress({ file: 'records', rows: read, bytes: read, totalBytes: records.length });
        yield record;
      }
    },
  };
}

const FIRST: Export = {
  projects: [
    { id: 'alpha', title: 'First synthetic project' },
    { id: 'beta', title: 'Second synthetic project' },
    { id: 'gamma', title: 'Third synthetic project' },
  ],
  partners: [
    { org: 'o1', project: 'alpha', role: 'COORDINATOR' },
    { org: 'o2', project: 'alpha', role: 'PARTNER' },
    { org: 'o2', project: 'beta', role: 'COORDINATOR' },
    { org: 'o1', project: 'gamma', role: 'COORDINATOR' },
  ],
};

/** Alpha's title changed, gamma gone, o1 joins beta (both ends existed before the run). */
const NEWER: Export = {
  projects: [
    { id: 'alpha', title: 'First synthetic project, renamed' },
    { id: 'beta', title: 'Second synthetic project' },
  ],
  partners: [
    { org: 'o1', project: 'alpha', role: 'COORDINATOR' },
    { org: 'o2', project: 'alpha', role: 'PARTNER' },
    { org: 'o2', project: 'beta', role: 'COORDINATOR' },
    { org: 'o1', project: 'beta', role: 'PARTNER' },
  ],
};

/** Every node of the test and its relationships with all their properties, sorted, and the data version. */
async function snapshot(): Promise<{ nodes: unknown[]; links: unknown[]; dataVersion: number }> {
  const nodes = await database.db.read(
    `MATCH (n) WHERE n.id STARTS WITH $prefix RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id`,
    { prefix },
  );
  const links = await database.db.read(
    `MATCH (a)-[r]->(b) WHERE a.id STARTS WITH $prefix OR b.id STARTS WITH $prefix
     RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props ORDER BY from, type, to`,
    { prefix },
  );
  return { nodes, links, dataVersion: (await readStats(database.db)).dataVersion };
}

async function runStatus(runId: string): Promise<string | null> {
  const [row] = await database.db.read<{ status: string }>(
    'MATCH (r:ImportRun {id: $id}) RETURN r.status AS status',
    { id: runId },
  );
  return row?.status ?? null;
}

describe('runConnector', () => {
  it('when an input is refused in the check pass, then nothing is written and the refusal is reported', async () => {
    const before = await snapshot();
    const report = await runConnector(
      database.db,
      syntheticSource(FIRST, { refuse: 'projects.csv: unknown header' }),
      {
        actor,
      },
    );
    expect(report).toMatchObject({
      status: 'rejected',
      refusal: 'projects.csv: unknown header',
      refusalCode: 'INPUT_REFUSED',
      records: 0,
    });
    expect(report.malformed).toEqual([
      { file: 'projects.csv', line: 7, reason: 'a synthetic malformed row' },
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await runStatus(report.runId)).toBeNull();
  });

  it('when run as a dry run, then it counts per label and relationship and writes nothing', async () => {
    const before = await snapshot();
    const report = await runConnector(database.db, syntheticSource(FIRST), {
      actor,
      dryRun: true,
      batchSize: 4,
    });
    expect(report.status).toBe('dry-run');
    expect(report.nodes.Project).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(report.nodes.Organisation).toMatchObject({ created: 2 });
    expect(report.nodes.Programme).toMatchObject({ created: 1 });
    expect(report.links['(Organisation)-[:PARTNER_IN]->(Project)']).toMatchObject({ created: 4 });
    expect(report.links['(Project)-[:PART_OF]->(Programme)']).toMatchObject({ created: 3 });
    expect(report.links['(Organisation)-[:LOCATED_IN]->(Country)']).toMatchObject({ created: 2 });
    expect(report.tallies.labels).toEqual({ Programme: 1, Project: 3, Organisation: 2 });
    expect(report.malformedCount).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  let afterFirst: Awaited<ReturnType<typeof snapshot>>;

  it('when an export is run, then its records are written with their dataset, sources and search text', async () => {
    const before = await snapshot();
    const progress: number[] = [];
    const report = await runConnector(database.db, syntheticSource(FIRST), {
      actor,
      batchSize: 4,
      onProgress: (event) => progress.push(event.rows),
    });
    expect(report).toMatchObject({ status: 'imported', records: 15, duplicates: 0 });
    expect(report.dataVersion).toBeGreaterThan(before.dataVersion);
    expect(await runStatus(report.runId)).toBe('COMMITTED');
    expect(progress.length).toBeGreaterThan(0);
    const [alpha] = await database.db.read<{ props: Record<string, unknown> }>(
      'MATCH (p:Project {id: $id}) RETURN properties(p) AS props',
      { id: `${prefix}-alpha` },
    );
    expect(alpha!.props).toMatchObject({
      title: 'First synthetic project',
      datasets: [dataset],
      sources: ['https://example.org/synthetic/alpha'],
      keywords: [],
      importRunId: report.runId,
      sortAcronym: 'alpha',
    });
    expect(alpha!.props.searchText).toEqual(expect.stringContaining('synthet'));
    const [partners] = await database.db.read<{ roles: string[] }>(
      `MATCH (:Organisation)-[r:PARTNER_IN]->(:Project {id: $id}) RETURN collect(r.role) AS roles`,
      { id: `${prefix}-alpha` },
    );
    expect(partners!.roles.sort()).toEqual(['COORDINATOR', 'PARTNER']);
    afterFirst = await snapshot();
  });

  it('when the same export is run again, then nothing is written and the data version stays', async () => {
    const report = await runConnector(database.db, syntheticSource(FIRST), { actor, batchSize: 4 });
    expect(report.status).toBe('unchanged');
    expect(report.nodes.Project).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(report.links['(Organisation)-[:PARTNER_IN]->(Project)']).toMatchObject({ unchanged: 4 });
    expect(report.vanished).toEqual({ nodes: {}, links: {} });
    expect(report.dataVersion).toBeNull();
    expect(await snapshot()).toEqual(afterFirst);
    expect(await runStatus(report.runId)).toBeNull();
  });

  let newerRunId: string;

  it('when a newer export is run, then what changed is updated and what vanished is reported', async () => {
    const report = await runConnector(database.db, syntheticSource(NEWER), { actor, batchSize: 4 });
    newerRunId = report.runId;
    expect(report.status).toBe('imported');
    expect(report.nodes.Project).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(report.nodes.Project!.samples.updated).toEqual([{ id: `${prefix}-alpha`, fields: ['title'] }]);
    expect(report.links['(Organisation)-[:PARTNER_IN]->(Project)']).toMatchObject({
      created: 1,
      unchanged: 3,
    });
    expect(report.vanished.nodes).toEqual({ Project: { count: 1, sample: [`${prefix}-gamma`] } });
    expect(report.vanished.links).toEqual({
      '(Project)-[:PART_OF]->(Programme)': 1,
      '(Organisation)-[:PARTNER_IN]->(Project)': 1,
    });
    const [alpha] = await database.db.read<{ title: string }>(
      'MATCH (p:Project {id: $id}) RETURN p.title AS title',
      {
        id: `${prefix}-alpha`,
      },
    );
    expect(alpha!.title).toBe('First synthetic project, renamed');
    // The new partnership joins two nodes that existed before the run: it has its own audit event.
    const [event] = await database.db.read<{ action: string }>(
      `MATCH (e:AuditEvent {importRunId: $runId, relationship: 'PARTNER_IN'}) RETURN e.action AS action`,
      { runId: report.runId },
    );
    expect(event).toEqual({ action: 'LINK' });
  });

  it('when a committed run is rolled back by its id, then the graph is as before it, to the property', async () => {
    const undone = await rollbackImportRun(database.db, newerRunId, actor);
    expect(undone).toBe(2);
    const after = await snapshot();
    expect({ ...after, dataVersion: 0 }).toEqual({ ...afterFirst, dataVersion: 0 });
    expect(await runStatus(newerRunId)).toBe('ROLLED_BACK');
  });

  it('when a run fails half-way, then what its committed batches wrote is undone', async () => {
    const before = await snapshot();
    const source = syntheticSource(NEWER, { failAfter: 9 });
    await expect(runConnector(database.db, source, { actor, batchSize: 2 })).rejects.toThrow(
      'synthetic failure half-way',
    );
    const after = await snapshot();
    expect({ ...after, dataVersion: 0 }).toEqual({ ...before, dataVersion: 0 });
  });

  it('when a process died during a run, then start-up recovery undoes it', async () => {
    const before = await snapshot();
    const report = await runConnector(database.db, syntheticSource(NEWER), { actor, batchSize: 3 });
    expect(report.status).toBe('imported');
    // The process died after its last batch, before marking the run COMMITTED, from a pid that is gone.
    await database.db.write(
      `MATCH (r:ImportRun {id: $id}) SET r.status = 'RUNNING', r.finishedAt = null, r.owner = 'elsewhere:1'`,
      { id: report.runId },
    );
    const logger = createLogger('error', () => undefined);
    const outcome = await recoverInterruptedImports(database.db, {
      exclusive: false,
      actor,
      logger,
      now: () => Date.now() + 10 * 60_000,
    });
    expect(outcome.rolledBack.map((run) => run.id)).toEqual([report.runId]);
    const after = await snapshot();
    expect({ ...after, dataVersion: 0 }).toEqual({ ...before, dataVersion: 0 });
  });
});
