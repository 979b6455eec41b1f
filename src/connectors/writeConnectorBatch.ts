// One batch of a connector run inside its write batch (src/db/writeBatch.ts): the stored state of
// the batch's nodes and relationships is read, each record planned (planRecords.ts), and what
// changed is written with its audit entries: nodes first, then the relationships that reach them.

import type { AuditEntry } from '../db/audit';
import type { WriteStamp } from '../db/curation';
import {
  connectorLinkStates,
  connectorNodeStates,
  linkKey,
  writeConnectorLinks,
  writeConnectorNodes,
} from '../db/connectorWrites';
import type { WriteBatch } from '../db/writeBatch';
import { emptyCounts, tally, type ImportCounts } from '../import/importReport';
import { linkShapeKey, type ConnectorLabel, type ConnectorLinkShape } from '../model';
import { planLink, planNode, recordHash, type LinkPlan, type NodePlan } from './planRecords';
import type { ConnectorRecord, LinkRecord, NodeRecord } from './source';

/** What every batch of one run shares. */
export interface ConnectorBatchJob {
  dataset: string;
  runId: string;
  actor: string;
  /** The input's name, which written nodes carry as importFile. */
  inputName: string;
  /** Plan and count only; nothing is written. */
  dryRun: boolean;
  /** `Label:id` of the nodes that committed batches of this run created. */
  created: ReadonlySet<string>;
}

/** What one batch did (its effects count once it commits, or in a dry run). */
export interface ConnectorBatchResult {
  nodes: Map<ConnectorLabel, ImportCounts>;
  links: Map<string, ImportCounts>;
  /** `Label:id` of the nodes this batch created. */
  created: string[];
  /** Relationships of the batch that `dataset` had written before, per shape key (for what vanished). */
  linksHeld: Map<string, number>;
  /** Records created or updated. */
  changes: number;
}

function grouped<K, T>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function countsOf<K>(map: Map<K, ImportCounts>, key: K): ImportCounts {
  let counts = map.get(key);
  if (counts === undefined) {
    counts = emptyCounts();
    map.set(key, counts);
  }
  return counts;
}

/** Plans and writes one batch of records in `batch`'s transaction. */
export async function writeConnectorBatch(
  batch: WriteBatch,
  job: ConnectorBatchJob,
  records: readonly ConnectorRecord[],
): Promise<ConnectorBatchResult> {
  const result: ConnectorBatchResult = {
    nodes: new Map(),
    links: new Map(),
    created: [],
    linksHeld: new Map(),
    changes: 0,
  };
  const stamp: WriteStamp = {
    at: batch.at,
    actor: job.actor,
    origin: 'import',
    importFile: job.inputName,
    importRunId: job.runId,
    // planNode adds the run's dataset to `datasets` itself (planRecords.ts).
    dataset: null,
  };
  const nodes = records.filter((record): record is NodeRecord => record.kind === 'node');
  const links = records.filter((record): record is LinkRecord => record.kind === 'link');
  const createdHere = new Set<string>();
  for (const [label, group] of grouped(nodes, (record) => record.label)) {
    const states = await connectorNodeStates(
      batch.tx,
      label,
      group.map((record) => record.id),
    );
    const plans = group.map((record) =>
      planNode(record, states.get(record.id), job.dataset, recordHash(record)),
    );
    await writeNodes(batch, job, stamp, label, plans, countsOf(result.nodes, label));
    for (const plan of plans) {
      if (plan.outcome === 'created') createdHere.add(`${label}:${plan.id}`);
      if (plan.outcome !== 'unchanged') result.changes += 1;
    }
  }
  result.created.push(...createdHere);
  const wasCreated = (label: string, id: string) =>
    createdHere.has(`${label}:${id}`) || job.created.has(`${label}:${id}`);
  for (const [, group] of grouped(links, (record) => linkShapeKey(record.shape))) {
    const shape = group[0]!.shape;
    const states = await connectorLinkStates(
      batch.tx,
      shape,
      group.map((record) => ({ from: record.from, to: record.to })),
    );
    const plans = group.map((record) => {
      const state = states.get(linkKey(record));
      const endCreated = wasCreated(shape.from, record.from) || wasCreated(shape.to, record.to);
      return planLink(record, state, job.dataset, recordHash(record), endCreated);
    });
    const held = group.filter((record) => states.get(linkKey(record))?.dataset === job.dataset).length;
    result.linksHeld.set(linkShapeKey(shape), held);
    const countries = await writeLinks(
      batch,
      job,
      stamp,
      shape,
      plans,
      countsOf(result.links, linkShapeKey(shape)),
    );
    result.created.push(...countries.map((code) => `Country:${code}`));
    result.changes += plans.filter((plan) => plan.outcome !== 'unchanged').length;
  }
  return result;
}

async function writeNodes(
  batch: WriteBatch,
  job: ConnectorBatchJob,
  stamp: WriteStamp,
  label: ConnectorLabel,
  plans: readonly NodePlan[],
  counts: ImportCounts,
): Promise<void> {
  for (const plan of plans) tally(counts, plan.outcome, plan.id, plan.fields);
  const changed = plans.filter((plan) => plan.outcome !== 'unchanged');
  if (job.dryRun || changed.length === 0) return;
  await writeConnectorNodes(
    batch.tx,
    label,
    changed.map((plan) => ({ id: plan.id, props: plan.props })),
    stamp,
  );
  await batch.audit(changed.flatMap((plan) => (plan.audit === null ? [] : [plan.audit])));
}

async function writeLinks(
  batch: WriteBatch,
  job: ConnectorBatchJob,
  stamp: WriteStamp,
  shape: ConnectorLinkShape,
  plans: readonly LinkPlan[],
  counts: ImportCounts,
): Promise<string[]> {
  for (const plan of plans) tally(counts, plan.outcome, `${plan.from} -> ${plan.to}`, plan.fields);
  const changed = plans.filter((plan) => plan.outcome !== 'unchanged');
  if (job.dryRun || changed.length === 0) return [];
  const { createdCountries } = await writeConnectorLinks(
    batch.tx,
    shape,
    changed.map((plan) => ({ from: plan.from, to: plan.to, props: plan.props })),
    stamp,
  );
  // A Country node made for this run is undone with it (its relationships go with it).
  const countries = createdCountries.map((code): AuditEntry => ({
    action: 'CREATE',
    entityLabel: 'Country',
    entityId: code,
    fields: [],
    previous: null,
    values: null,
  }));
  await batch.audit([...countries, ...changed.flatMap((plan) => (plan.audit === null ? [] : [plan.audit]))]);
  return createdCountries;
}
