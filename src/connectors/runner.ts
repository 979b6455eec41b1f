// The one runner of every connector: a source's input becomes an import run (src/import, src/db).
// First the source checks its whole input without writing (a refusal writes nothing); then its
// records are resolved onto the graph's identities, planned and written in batches, each its own
// audited write batch under a RUNNING import run with a heartbeat. A failure undoes the batches
// already committed; a crash is undone at the next start-up (recoverImports.ts); a committed run
// is undone by its id (rollbackImportRun). Batches that change nothing roll back, so the same
// export twice leaves the data version as it was.

import { randomUUID } from 'node:crypto';
import { datasetLinkCount, datasetNodeIds } from '../db/connectorWrites';
import { readerOf } from '../db/curation';
import { emptyDerivationSummary, mergeSummaries } from '../derivation';
import { finishImportRun, touchImportRun } from '../db/imports';
import type { Db } from '../db/run';
import { registerDataset } from '../db/sourceDatasets';
import { RollBack, writeBatch } from '../db/writeBatch';
import { CONNECTOR_AUDIT_SOURCE_PREFIX, rollbackImportRun } from '../import/rollbackImport';
import { beginImportRun, RunHeartbeat } from '../import/writeFile';
import { isDatasetId, linkShapeKey, type DatasetId } from '../model';
import {
  ReportCollector,
  type ConnectorReport,
  type ConnectorStatus,
  type RunProgress,
} from './connectorReport';
import {
  ConnectorInputError,
  type ConnectorRecord,
  type ConnectorSource,
  type RecordResolver,
} from './source';
import { ReadAhead } from './readAhead';
import {
  writeConnectorBatch,
  type ConnectorBatchJob,
  type ConnectorBatchResult,
} from './writeConnectorBatch';

export interface ConnectorRunOptions {
  /** The audit actor, e.g. cli:alice. */
  actor: string;
  /** Check, resolve and plan everything, report it, write nothing. */
  dryRun?: boolean;
  /** Records per write transaction (default 2,000). */
  batchSize?: number;
  /** Puts each batch onto the graph's identities before it is planned (default: ids as emitted). */
  resolve?: RecordResolver;
  /** Entries kept per listed section and malformed rows kept (default 1,000; all are counted). */
  maxListed?: number;
  onProgress?: (progress: RunProgress) => void;
}

/** Ids of vanished nodes kept per label in the report. */
const VANISHED_SAMPLE = 20;
const VANISHED_PAGE = 5_000;

/**
 * Runs `source` as an import run. A refused input returns a report with status rejected and
 * nothing written. Throws ImportFileError while another import run is RUNNING; any other error is
 * rethrown after what the run committed has been undone.
 */
export async function runConnector(
  db: Db,
  source: ConnectorSource,
  options: ConnectorRunOptions,
): Promise<ConnectorReport> {
  const started = performance.now();
  const runId = randomUUID();
  const dryRun = options.dryRun === true;
  const batchSize = options.batchSize ?? 2_000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new TypeError(
      `runConnector expects batchSize to be a positive integer, received ${String(batchSize)}`,
    );
  const collector = new ReportCollector(options.maxListed ?? 1_000);
  const progress = options.onProgress ?? (() => undefined);
  const run = new RunState();
  const report = (status: ConnectorStatus, refusal: ConnectorInputError | null = null): ConnectorReport => ({
    connector: source.name,
    dataset: source.dataset,
    input: source.inputName,
    format: source.format,
    status,
    dryRun,
    runId,
    refusal: refusal?.message ?? null,
    refusalCode: refusal?.code ?? null,
    records: run.records,
    duplicates: run.duplicates,
    nodes: collector.nodes,
    links: collector.links,
    malformed: collector.malformed,
    malformedCount: collector.malformedCount,
    tallies: collector.tallies,
    lists: collector.lists,
    vanished: run.vanished,
    dataVersion: status === 'imported' ? run.lastDataVersion : null,
    derived: run.derived,
    durationMs: Math.round(performance.now() - started),
  });

  try {
    await source.check(collector.context('check', progress, () => 0));
  } catch (error) {
    if (error instanceof ConnectorInputError) return report('rejected', error);
    throw error;
  }
  const linksBefore = await linkCountsBefore(db, source);
  if (!dryRun)
    await beginImportRun(db, {
      id: runId,
      file: source.inputName,
      kind: source.name,
      format: source.format,
      sha256: source.sha256,
      actor: options.actor,
      rows: 0,
    });
  const job: ConnectorBatchJob = {
    dataset: source.dataset.id,
    runId,
    actor: options.actor,
    inputName: source.inputName,
    dryRun,
    created: run.created,
  };
  const heartbeat = new RunHeartbeat(db, runId, dryRun);
  const auditSource = `${CONNECTOR_AUDIT_SOURCE_PREFIX}${source.name}:${source.inputName}`;
  const writeRecords = async (records: ConnectorRecord[]) => {
    const resolved = options.resolve === undefined ? records : await options.resolve(records);
    const outcome = await writeBatch(
      db,
      { actor: options.actor, source: auditSource, importRunId: runId },
      async (batch): Promise<ConnectorBatchResult> => {
        if (!dryRun) await touchImportRun(batch.tx, runId, batch.at);
        const result = await writeConnectorBatch(batch, job, resolved);
        // The batch's projects are placed now, in its transaction, so that a dry run reports the links too.
        await batch.derive();
        if (dryRun || result.changes === 0) throw new RollBack(result);
        return result;
      },
    );
    await heartbeat.after(outcome.committed);
    run.count(outcome.result, outcome.committed ? outcome.dataVersion : null);
    mergeSummaries(run.derived, outcome.derived);
    collector.add('nodes', outcome.result.nodes);
    collector.add('links', outcome.result.links);
  };

  const context = collector.context('write', progress, () => run.records);
  // The next batch is read while this one is written (readAhead.ts).
  const batches = new ReadAhead(batchesOf(source.read(context), run, batchSize));
  try {
    for (let batch = await batches.next(); batch !== null; batch = await batches.next())
      await writeRecords(batch);
    await run.findVanished(db, source, linksBefore);
  } catch (error) {
    await batches.close();
    if (!dryRun) await rollbackImportRun(db, runId, options.actor);
    throw error;
  }
  if (dryRun) return report('dry-run');
  const totals = run.totals(collector);
  await finishImportRun(db, runId, {
    rows: run.records,
    ...totals,
    firstDataVersion: run.firstDataVersion,
    lastDataVersion: run.lastDataVersion,
  });
  const changed = totals.created + totals.updated > 0;
  // The dataset facet lists the loaded datasets with their version date (src/db/sourceDatasets.ts).
  if (changed && isDatasetId(source.dataset.id)) {
    const at = new Date().toISOString();
    await db.writeTransaction((tx) =>
      registerDataset(tx, source.dataset.id as DatasetId, {
        versionDate: source.dataset.versionDate ?? at.slice(0, 10),
        at,
      }),
    );
  }
  return report(changed ? 'imported' : 'unchanged');
}

/** The source's records in batches of `size`, those already emitted in the run dropped. */
async function* batchesOf(
  records: AsyncIterable<ConnectorRecord>,
  run: RunState,
  size: number,
): AsyncGenerator<ConnectorRecord[]> {
  let batch: ConnectorRecord[] = [];
  for await (const record of records) {
    if (!run.admit(record)) continue;
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Relationships per shape that earlier runs of the dataset wrote, before this run writes. */
async function linkCountsBefore(db: Db, source: ConnectorSource): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const reader = readerOf(db);
  for (const shape of source.shapes)
    counts.set(linkShapeKey(shape), await datasetLinkCount(reader, shape, source.dataset.id));
  return counts;
}

/**
 * What a run keeps between batches: the records seen (to drop duplicates and find what
 * vanished), the nodes created by committed batches, and the data versions.
 */
class RunState {
  records = 0;
  duplicates = 0;
  readonly derived = emptyDerivationSummary();
  readonly created = new Set<string>();
  firstDataVersion: number | null = null;
  lastDataVersion: number | null = null;
  readonly vanished: ConnectorReport['vanished'] = { nodes: {}, links: {} };
  /** `Label:id` of the nodes emitted, and a 53-bit hash of each relationship's key. */
  private readonly seenNodes = new Set<string>();
  private readonly seenLinks = new Set<number>();
  /** Relationships seen that the dataset had written before, per shape key. */
  private readonly linksHeld = new Map<string, number>();

  /** False for a record already emitted in this run (the first one is kept). */
  admit(record: ConnectorRecord): boolean {
    const fresh =
      record.kind === 'node'
        ? this.admitNode(`${record.label}:${record.id}`)
        : this.admitLink(linkShapeKey(record.shape), record.from, record.to);
    if (fresh) this.records += 1;
    else this.duplicates += 1;
    return fresh;
  }

  private admitNode(key: string): boolean {
    if (this.seenNodes.has(key)) return false;
    this.seenNodes.add(key);
    return true;
  }

  private admitLink(shape: string, from: string, to: string): boolean {
    const hash = hash53(`${shape}|${from}|${to}`);
    if (this.seenLinks.has(hash)) return false;
    this.seenLinks.add(hash);
    return true;
  }

  count(result: ConnectorBatchResult, dataVersion: number | null): void {
    for (const [shape, held] of result.linksHeld)
      this.linksHeld.set(shape, (this.linksHeld.get(shape) ?? 0) + held);
    if (dataVersion === null) return;
    for (const id of result.created) this.created.add(id);
    this.firstDataVersion ??= dataVersion;
    this.lastDataVersion = dataVersion;
  }

  totals(collector: ReportCollector): { created: number; updated: number; unchanged: number } {
    const totals = { created: 0, updated: 0, unchanged: 0 };
    for (const counts of [...Object.values(collector.nodes), ...Object.values(collector.links)]) {
      totals.created += counts.created;
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
    }
    return totals;
  }

  /** Nodes and relationships that earlier runs of the dataset wrote and this run did not see. */
  async findVanished(
    db: Db,
    source: ConnectorSource,
    linksBefore: ReadonlyMap<string, number>,
  ): Promise<void> {
    const reader = readerOf(db);
    for (const label of source.labels) {
      const vanished = { count: 0, sample: [] as string[] };
      for (let after = ''; ;) {
        const ids = await datasetNodeIds(reader, label, source.dataset.id, after, VANISHED_PAGE);
        for (const id of ids) {
          if (this.seenNodes.has(`${label}:${id}`)) continue;
          vanished.count += 1;
          if (vanished.sample.length < VANISHED_SAMPLE) vanished.sample.push(id);
        }
        if (ids.length < VANISHED_PAGE) break;
        after = ids[ids.length - 1]!;
      }
      if (vanished.count > 0) this.vanished.nodes[label] = vanished;
    }
    for (const [shape, before] of linksBefore) {
      const vanished = before - (this.linksHeld.get(shape) ?? 0);
      if (vanished > 0) this.vanished.links[shape] = vanished;
    }
  }
}

/**
 * A 53-bit hash of a string (cyrb53, public domain): a relationship key in 8 bytes instead of
 * ~70, for the 600,000 relationships of a full export; a collision only undercounts what vanished.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
