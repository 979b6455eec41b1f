// The write step of one import batch, inside its write batch (src/db/writeBatch.ts): reads
// the state the plan needs, plans (planImport.ts) and writes records, partner organisations
// and links with their audit events, counting each record's outcome.

import {
  callYears,
  ensureCountries,
  projectLinkOf,
  readEntityStates,
  readProjectLinks,
  writeEntities,
  writeProjectLinks,
  type WriteStamp,
} from '../db/curation';
import { countryCodesOf } from '../db/planRecord';
import type { WriteBatch } from '../db/writeBatch';
import { ENTITY_DEFS, ORGANISATION, type EntityKind, type ImportKind } from '../model';
import { emptyCounts, tally, type ImportCounts } from './importReport';
import {
  callIdsOf,
  entityAuditEntries,
  linksByType,
  partnerStubs,
  planEntities,
  planLinks,
  recordsWithIds,
  stubAuditEntries,
  type OrganisationResolution,
} from './planImport';
import type { ValidRecord } from '../model';

/** What every batch of one import shares. */
export interface ImportBatchJob {
  kind: ImportKind;
  /** The file's base name and the run's id, which written nodes carry. */
  file: string;
  runId: string;
  actor: string;
  /** How the check step resolved organisation names (null when no row names one). */
  resolution: OrganisationResolution | null;
  /** Partner organisations that committed batches created (a later batch must not create them again). */
  created: ReadonlySet<string>;
}

/** What one batch did; its stubs count as created once the batch commits. */
export interface ImportBatchResult {
  counts: ImportCounts;
  /** Partner organisations this batch created. */
  stubs: string[];
}

/** Plans and writes one batch of valid rows in `batch`'s transaction. */
export async function writeImportBatch(
  batch: WriteBatch,
  job: ImportBatchJob,
  records: readonly ValidRecord[],
): Promise<ImportBatchResult> {
  const stamp: WriteStamp = {
    at: batch.at,
    actor: job.actor,
    origin: 'import',
    importFile: job.file,
    importRunId: job.runId,
    dataset: 'USER_IMPORT',
  };
  const result: ImportBatchResult = { counts: emptyCounts(), stubs: [] };
  if (job.kind === 'links') await writeLinks(batch, stamp, records, result);
  else await writeRecords(batch, stamp, job, job.kind, records, result);
  return result;
}

async function writeRecords(
  { tx, audit }: WriteBatch,
  stamp: WriteStamp,
  job: ImportBatchJob,
  kind: EntityKind,
  rows: readonly ValidRecord[],
  result: ImportBatchResult,
): Promise<void> {
  const def = ENTITY_DEFS[kind];
  const records = recordsWithIds(kind, rows, job.resolution);
  const states = await readEntityStates(
    tx,
    def,
    records.map((record) => record.id),
  );
  let years = new Map<string, number>();
  if (kind === 'projects') {
    const stubs = partnerStubs(records, job.resolution, job.created);
    if (stubs.length > 0) {
      await ensureCountries(
        tx,
        stubs.map((stub) => stub.countryCode),
        stamp.at,
      );
      await writeEntities(tx, ORGANISATION, stubs, stamp);
      result.stubs.push(...stubs.map((stub) => stub.id));
      result.counts.organisationsCreated += stubs.length;
      await audit(stubAuditEntries(stubs));
    }
    years = await callYears(tx, callIdsOf(records, states));
  }
  const plans = planEntities(kind, records, states, job.resolution, years);
  for (const plan of plans) tally(result.counts, plan.outcome, plan.id, plan.fields);
  const changed = plans.filter((plan) => plan.outcome !== 'unchanged');
  if (changed.length === 0) return;
  await ensureCountries(
    tx,
    changed.flatMap((plan) => countryCodesOf(plan.record)),
    stamp.at,
  );
  await writeEntities(
    tx,
    def,
    changed.map((plan) => plan.record),
    stamp,
  );
  await audit(entityAuditEntries(def.label, plans, states));
}

async function writeLinks(
  { tx, audit }: WriteBatch,
  stamp: WriteStamp,
  records: readonly ValidRecord[],
  result: ImportBatchResult,
): Promise<void> {
  for (const [type, links] of linksByType(records.map(projectLinkOf))) {
    const plan = planLinks(type, links, await readProjectLinks(tx, type, links));
    for (const { outcome, id, fields } of plan.outcomes) tally(result.counts, outcome, id, fields);
    await writeProjectLinks(tx, type, plan.changed, stamp);
    await audit(plan.entries);
  }
}
