/** @jest-environment-options {"graphAccess": "exclusive"} */
// `npm run derive` (issue 17 item 3) on the real Neo4j: right after the seed it writes nothing
// and the data version stays; after links drift from the rule book (one deleted, one rewritten
// as an older book would have it, one of a retired rule) a dry run reports the changes per rule
// and per gap and writes nothing, a real run restores them in audited batches that each raise
// the data version once, a CURATED link on a pair the rules infer survives, and a run found
// RUNNING after a crash is undone at start-up. The graph is put back as the file found it.

import os from 'node:os';
import { readStats } from '../../src/db/stats';
import { RULE_BOOK_VERSION } from '../../src/derivation';
import { deriveGraph } from '../../src/import/deriveGraph';
import { formatDeriveReport } from '../../src/import/formatReport';
import { recoverInterruptedImports } from '../../src/import/recoverImports';
import { createLogger } from '../../src/logger';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';

const actor = 'cli:derive-graph-test';
/** Small batches, so that a run has many and only those holding a drifted link commit. */
const BATCH_SIZE = 25;
const RETIRED_RULE = 'retired-test-rule';

let database: TestDatabase;
let forgetSourceDatasets: (() => Promise<void>) | null = null;

interface Link {
  projectId: string;
  gapId: string;
  props: Record<string, unknown>;
}

/** Every project -> gap link, with all its properties. */
async function gapLinks(): Promise<Link[]> {
  return database.db.read<Link>(
    `MATCH (p:Project)-[r:ADDRESSES]->(g:KnowledgeGap)
     RETURN p.id AS projectId, g.id AS gapId, properties(r) AS props ORDER BY projectId, gapId`,
  );
}

async function setLink(link: Link): Promise<void> {
  await database.db.write(
    `MATCH (p:Project {id: $projectId}), (g:KnowledgeGap {id: $gapId})
     MERGE (p)-[r:ADDRESSES]->(g) SET r = $props`,
    { ...link },
  );
}

async function deleteLink(projectId: string, gapId: string): Promise<void> {
  await database.db.write(
    'MATCH (:Project {id: $projectId})-[r:ADDRESSES]->(:KnowledgeGap {id: $gapId}) DELETE r',
    { projectId, gapId },
  );
}

/** Every link the test touches, as the seed left it, for putting back. */
let original: Link[] = [];
/** The drifted links: deleted, rewritten by an older book, of a retired rule; and the curated one. */
let deleted: Link;
let older: Link;
let retired: Link;
let curated: Link;

beforeAll(async () => {
  database = openTestDatabase({ queryTimeoutMs: 120_000 });
  forgetSourceDatasets = await rememberSourceDatasets(database.db);
  const links = await gapLinks();
  const inferred = links.filter((link) => link.props.provenance === 'INFERRED');
  // Three inferred links of three projects, and a gap the first project is not linked to.
  const [first, second, third] = [...new Map(inferred.map((link) => [link.projectId, link])).values()];
  if (first === undefined || second === undefined || third === undefined)
    throw new Error('the seeds hold fewer than three projects with inferred gap links');
  const linkedGaps = new Set(
    links.filter((link) => link.projectId === first.projectId).map((link) => link.gapId),
  );
  const [gap] = await database.db.read<{ id: string }>(
    'MATCH (g:KnowledgeGap) WHERE NOT g.id IN $linked RETURN g.id AS id ORDER BY id LIMIT 1',
    { linked: [...linkedGaps] },
  );
  deleted = first;
  older = second;
  curated = third;
  retired = {
    projectId: first.projectId,
    gapId: gap!.id,
    props: {
      provenance: 'INFERRED',
      rule: RETIRED_RULE,
      confidence: 0.9,
      evidence: 'a retired rule',
      origin: 'import',
    },
  };
  original = [first, second, third];
});

afterAll(async () => {
  // Back as the seed left them, whatever a failed expectation left behind.
  for (const link of original) await setLink(link);
  await deleteLink(retired.projectId, retired.gapId);
  await database.db.write('MATCH (e:AuditEvent {actor: $actor}) DELETE e', { actor });
  await database.db.write('MATCH (r:ImportRun {actor: $actor}) DELETE r', { actor });
  await forgetSourceDatasets?.();
  await database.close();
});

describe('npm run derive (deriveGraph)', () => {
  it('right after the seed, a dry run and a real run find nothing to change, and the data version stays', async () => {
    const before = await readStats(database.db);
    const links = await gapLinks();
    const dry = await deriveGraph(database.db, { actor, dryRun: true, batchSize: BATCH_SIZE });
    expect(dry.derived.totals).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(dry.derived.projects).toBe((await database.db.read('MATCH (p:Project) RETURN p.id')).length);
    const real = await deriveGraph(database.db, { actor, batchSize: BATCH_SIZE });
    expect(real).toMatchObject({ status: 'unchanged', committedBatches: 0, lastDataVersion: null });
    expect(real.batches).toBeGreaterThan(1);
    expect((await readStats(database.db)).dataVersion).toBe(before.dataVersion);
    expect(await gapLinks()).toEqual(links);
    // A run that changed nothing leaves no ImportRun behind.
    expect(await database.db.read('MATCH (r:ImportRun {id: $id}) RETURN r', { id: real.runId })).toEqual([]);
    expect(formatDeriveReport(real)).toMatch(/^Nothing to change/);
  });

  it('after the links drift from the rule book, a dry run reports per rule and per gap and writes nothing; a real run restores them, curated links untouched', async () => {
    // Drift: one link gone, one as an older rule book wrote it, one of a retired rule; and a
    // curator's link on a pair the rules infer, weaker than the rule's.
    await deleteLink(deleted.projectId, deleted.gapId);
    await setLink({ ...older, props: { ...older.props, confidence: 0.11, ruleBookVersion: '1.0.0' } });
    await setLink(retired);
    const curatedProps = {
      provenance: 'CURATED',
      rule: 'curated-api',
      confidence: 0.55,
      evidence: 'the curator read the aims',
      curator: actor,
    };
    await setLink({ ...curated, props: curatedProps });
    const drifted = await gapLinks();
    const before = await readStats(database.db);

    const dry = await deriveGraph(database.db, { actor, dryRun: true, batchSize: BATCH_SIZE });
    expect(dry.status).toBe('dry-run');
    expect(dry.derived.byRule[String(deleted.props.rule)]?.added).toBeGreaterThanOrEqual(1);
    expect(dry.derived.byRule[String(older.props.rule)]?.changed).toBeGreaterThanOrEqual(1);
    expect(dry.derived.byRule[RETIRED_RULE]).toEqual({ added: 0, changed: 0, removed: 1 });
    expect(dry.derived.byTarget[retired.gapId]?.removed).toBeGreaterThanOrEqual(1);
    expect(dry.derived.byTarget[deleted.gapId]?.added).toBeGreaterThanOrEqual(1);
    expect(await gapLinks()).toEqual(drifted);
    expect((await readStats(database.db)).dataVersion).toBe(before.dataVersion);
    const text = formatDeriveReport(dry);
    expect(text).toContain(`  ${RETIRED_RULE}: added 0, changed 0, removed 1`);
    expect(text).toContain(`    ${retired.gapId}: added 0, changed 0, removed `);

    const real = await deriveGraph(database.db, { actor, batchSize: BATCH_SIZE });
    expect(real.status).toBe('derived');
    expect(real.derived.totals).toEqual(dry.derived.totals);
    expect(real.derived.byRule).toEqual(dry.derived.byRule);
    // One data version per batch that changed something; the others rolled back.
    expect(real.committedBatches).toBeGreaterThanOrEqual(1);
    expect(real.committedBatches).toBeLessThan(real.batches);
    expect((await readStats(database.db)).dataVersion).toBe(before.dataVersion + real.committedBatches);
    const after = await gapLinks();
    const find = (link: Link) =>
      after.find((candidate) => candidate.projectId === link.projectId && candidate.gapId === link.gapId);
    for (const link of [deleted, older])
      expect(find(link)?.props).toEqual({
        ...link.props,
        ruleBookVersion: RULE_BOOK_VERSION,
        origin: 'derive',
      });
    expect(find(retired)).toBeUndefined();
    expect(find(curated)?.props).toEqual(curatedProps);
    // Audited under the run, and the run committed.
    // One DERIVE event per project whose links changed, naming each link it added, changed or removed.
    const events = await database.db.read<{
      source: string;
      action: string;
      entityId: string;
      fields: string[];
    }>(
      'MATCH (e:AuditEvent {importRunId: $runId}) RETURN e.source AS source, e.action AS action, e.entityId AS entityId, e.fields AS fields',
      { runId: real.runId },
    );
    expect(events.flatMap((event) => event.fields).length).toBe(
      real.derived.totals.added + real.derived.totals.changed + real.derived.totals.removed,
    );
    expect(new Set(events.map((event) => event.source))).toEqual(new Set(['derivation:derive']));
    expect(new Set(events.map((event) => event.action))).toEqual(new Set(['DERIVE']));
    expect(new Set(events.map((event) => event.entityId)).size).toBe(events.length);
    for (const link of [deleted, older, retired])
      expect(events.find((event) => event.entityId === link.projectId)?.fields).toContain(
        `ADDRESSES:${link.gapId}`,
      );
    const [run] = await database.db.read<{ status: string }>(
      'MATCH (r:ImportRun {id: $id}) RETURN r.status AS status',
      { id: real.runId },
    );
    expect(run?.status).toBe('COMMITTED');

    // Idempotent: at once again, nothing.
    const again = await deriveGraph(database.db, { actor, batchSize: BATCH_SIZE });
    expect(again).toMatchObject({ status: 'unchanged', committedBatches: 0 });
    expect((await readStats(database.db)).dataVersion).toBe(before.dataVersion + real.committedBatches);

    // A derive run found RUNNING, its process gone (a crash), is undone at start-up: the drift is back.
    await database.db.write("MATCH (r:ImportRun {id: $id}) SET r.status = 'RUNNING', r.owner = $owner", {
      id: real.runId,
      owner: `${os.hostname()}:999999999`,
    });
    const recovery = await recoverInterruptedImports(database.db, {
      exclusive: false,
      actor,
      logger: createLogger('error'),
    });
    expect(recovery.rolledBack.map((run) => run.id)).toEqual([real.runId]);
    expect(await gapLinks()).toEqual(drifted);
  });
});
