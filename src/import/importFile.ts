// importFile: the library entry point of bulk imports. Three streaming passes over the file:
// (1) validate every row, (2) check references and match organisations against the graph,
// (3) write in batches, each its own transaction, under a RUNNING import run; if any batch
// fails, the run is undone from its audit events (rollbackImportRun), so a file is imported
// all-or-nothing with memory bounded by the batch size. A dry run rolls every batch back.

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { writeAuditEvents, type AuditEntry } from '../db/audit';
import {
  callYears,
  ensureCountries,
  existingIds,
  organisationCandidates,
  readEntityStates,
  readProjectLinks,
  writeEntities,
  writeProjectLinks,
  type ProjectLinkInput,
  type Runner,
  type WriteStamp,
} from '../db/curation';
import { finishImportRun, runningImports, startImportRun, touchImportRun } from '../db/imports';
import { importOwner } from './recoverImports';
import { DEFAULT_ENCODING } from './decodeText';
import type { Db, WriteTransaction } from '../db/run';
import { rollbackImportRun } from './rollbackImport';
import { bumpDataVersion } from '../db/stats';
import {
  ENTITY_DEFS,
  fieldsOf,
  ORGANISATION,
  PROJECT_LINK_TYPES,
  type ImportKind,
  type OrganisationReference,
  type ProjectLinkType,
  type ReferenceLabel,
  type ValidRecord,
} from '../model';
import { normaliseOrganisationName, OrganisationIndex } from './matchOrganisation';
import { completeProject, planEntity, type EntityPlan, type PlanOutcome } from './planRecord';
import {
  formatOf,
  ImportFileError,
  kindOf,
  newDigest,
  readRows,
  type ImportFormat,
  type SourceRow,
} from './readRows';
import { organisationReferencesOf, referencesOf, validateRecord } from './validateRecord';

export interface ImportOptions {
  /** What the file holds; by default from the file (JSON "kind") or its name. */
  kind?: ImportKind | null;
  /** Plan everything, report it, write nothing. */
  dryRun?: boolean;
  /** The file's text encoding, a WHATWG label such as latin1 (default utf-8: invalid bytes are refused). */
  encoding?: string;
  /** Who imports: the audit actor id, e.g. cli:alice or key:<id>. */
  actor: string;
  /** Rows per write transaction (default 500); Neo4j holds one batch's changes at a time. */
  batchSize?: number;
  /** Issues kept in the report (default 1000); all are counted. */
  maxIssues?: number;
  /** Told how far each pass is; throwing from it aborts the import and undoes what was written. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'validate' | 'check' | 'write';
  rows: number;
  /** Rows in the file, known after the first pass. */
  totalRows: number | null;
}

/** One rejected value or row: file, row, column and reason. */
export interface ImportIssue {
  file: string;
  /** CSV or JSON Lines line number (the header is line 1), or JSON record number; null for the file. */
  row: number | null;
  column: string | null;
  reason: string;
  /** All of the above in one line. */
  message: string;
}

export type ImportStatus = 'imported' | 'unchanged' | 'rejected' | 'dry-run';

export interface ImportReport {
  file: string;
  kind: ImportKind | null;
  format: ImportFormat | null;
  status: ImportStatus;
  dryRun: boolean;
  /** Id of this run; committed runs are ImportRun nodes and the source of what they wrote. */
  runId: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows with at least one issue (any rejects the whole file). */
  rejected: number;
  /** Organisations created because a project named a partner that matched none. */
  organisationsCreated: number;
  issues: ImportIssue[];
  issueCount: number;
  /** Up to 20 ids per outcome, for the dry run's listing; updates carry their changed fields. */
  samples: { created: string[]; updated: Array<{ id: string; fields: string[] }>; unchanged: string[] };
  /** Data version the import committed as; null when nothing was written. */
  dataVersion: number | null;
  durationMs: number;
}

const SAMPLE_SIZE = 20;
/** Most time between heartbeats of a running import (see STALE_HEARTBEAT_MS in recoverImports). */
const HEARTBEAT_INTERVAL_MS = 10_000;
const ID_CHUNK = 10_000;

/** Thrown inside a batch's transaction to roll it back (dry run, nothing changed) keeping its counts. */
class Rollback extends Error {
  constructor(
    readonly counts: BatchCounts,
    readonly stubs: string[],
  ) {
    super('rollback');
  }
}

interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  samples: ImportReport['samples'];
}

interface WriteCounts extends BatchCounts {
  /** The last committed batch's data version. */
  dataVersion: number;
}

class IssueLog {
  readonly kept: ImportIssue[] = [];
  count = 0;
  readonly rows = new Set<number>();

  constructor(
    private readonly file: string,
    private readonly max: number,
  ) {}

  add(row: number | null, column: string | null, reason: string): void {
    this.count += 1;
    if (row !== null) this.rows.add(row);
    if (this.kept.length >= this.max) return;
    const where = [row === null ? null : `row ${row}`, column === null ? null : `column "${column}"`]
      .filter(Boolean)
      .join(', ');
    this.kept.push({
      file: this.file,
      row,
      column,
      reason,
      message: `${this.file}${where ? ` ${where}` : ''}: ${reason}`,
    });
  }
}

/** Resolution of organisation names, shared by the check and write passes. */
interface OrganisationResolution {
  index: OrganisationIndex;
  /** cc|normalised name -> the organisation id it resolves to. */
  byName: Map<string, string>;
  /** Organisations to create (matched nothing), by id. */
  toCreate: Map<string, { name: string; countryCode: string }>;
}

function nameKey(name: string, countryCode: string): string {
  return `${countryCode}|${normaliseOrganisationName(name)}`;
}

/** The key that must be unique within a file (a duplicate row is rejected). */
function rowKey(kind: ImportKind, record: ValidRecord): string | null {
  if (kind === 'links')
    return `${String(record.projectId)}|${String(record.type)}|${String(record.targetId)}`;
  if (
    kind === 'organisations' &&
    record.id === undefined &&
    typeof record.name === 'string' &&
    typeof record.countryCode === 'string'
  ) {
    return `name:${nameKey(record.name, record.countryCode)}`;
  }
  return typeof record.id === 'string' ? record.id : null;
}

function dbRunner(db: Db): Runner {
  return { run: (cypher, params) => db.read(cypher, params) };
}

/**
 * Imports one file. Returns a report; a rejected file (any bad row) writes nothing and
 * lists every issue. Throws ImportFileError for a file that cannot be read as its kind, or
 * while another run is RUNNING (one import at a time); any error during the writes is
 * rethrown after the batches already committed have been undone.
 */
export async function importFile(db: Db, file: string, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const name = path.basename(file);
  const format = formatOf(file);
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  const kind = await kindOf(file, options.kind ?? null, encoding);
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new TypeError(
      `importFile expects batchSize to be a positive integer, received ${String(batchSize)}`,
    );
  const issues = new IssueLog(name, options.maxIssues ?? 1000);
  const progress = options.onProgress ?? (() => undefined);
  const runId = randomUUID();
  const report = (status: ImportStatus, rows: number, counts: Partial<WriteCounts> = {}): ImportReport => ({
    file: name,
    kind,
    format,
    status,
    dryRun: options.dryRun === true,
    runId,
    rows,
    created: counts.created ?? 0,
    updated: counts.updated ?? 0,
    unchanged: counts.unchanged ?? 0,
    rejected: issues.rows.size,
    organisationsCreated: counts.organisationsCreated ?? 0,
    issues: issues.kept,
    issueCount: issues.count,
    samples: counts.samples ?? { created: [], updated: [], unchanged: [] },
    dataVersion: status === 'imported' ? (counts.dataVersion ?? null) : null,
    durationMs: Math.round(performance.now() - started),
  });

  // Pass 1: every row on its own (types, required columns, duplicates), and what it references.
  const fields = fieldsOf(kind);
  const columns = new Set(fields.map((field) => field.name));
  const onHeader = (header: string[]) => {
    const unknown = header.filter((column) => !columns.has(column));
    const missing = fields
      .filter((field) => field.required === true && !header.includes(field.name))
      .map((field) => field.name);
    if (unknown.length > 0)
      throw new ImportFileError(
        name,
        `the header names columns that ${kind} files do not have: ${unknown.join(', ')} (expected some of ${[...columns].join(', ')})`,
      );
    if (missing.length > 0)
      throw new ImportFileError(
        name,
        `the header lacks required columns of ${kind} files: ${missing.join(', ')}`,
      );
  };
  const firstDigest = newDigest();
  const seen = new Map<string, number>();
  const references = new Map<ReferenceLabel, Set<string>>();
  let needsOrganisations = kind === 'organisations';
  let rows = 0;
  for await (const source of readRows(file, format, { onHeader, digest: firstDigest, encoding })) {
    rows += 1;
    const { record, issues: rowIssues } = validateRecord(kind, source.values, 'row');
    for (const issue of rowIssues) issues.add(source.row, issue.column, issue.reason);
    if (rowIssues.length === 0) {
      const key = rowKey(kind, record);
      const first = key === null ? undefined : seen.get(key);
      if (first !== undefined)
        issues.add(
          source.row,
          kind === 'links' ? 'targetId' : 'id',
          `duplicates row ${first}; a file may give each record once`,
        );
      else if (key !== null) seen.set(key, source.row);
      for (const reference of referencesOf(kind, record)) {
        const ids = references.get(reference.label) ?? new Set<string>();
        ids.add(reference.id);
        references.set(reference.label, ids);
      }
      if (organisationReferencesOf(record).length > 0) needsOrganisations = true;
    }
    if (rows % 1000 === 0) progress({ phase: 'validate', rows, totalRows: null });
  }
  seen.clear();
  progress({ phase: 'validate', rows, totalRows: rows });
  const sha256 = firstDigest.digest('hex');
  if (rows === 0) {
    issues.add(null, null, 'the file has no rows');
    return report('rejected', rows);
  }

  // Pass 2: references against the graph, organisation matching.
  const runner = dbRunner(db);
  const known = new Map<ReferenceLabel, Set<string>>();
  for (const [label, ids] of references) {
    const all = [...ids];
    const found = new Set<string>();
    for (let start = 0; start < all.length; start += ID_CHUNK) {
      for (const id of await existingIds(runner, label, all.slice(start, start + ID_CHUNK))) found.add(id);
    }
    known.set(label, found);
  }
  references.clear();
  const organisations: OrganisationResolution | null = needsOrganisations
    ? {
        index: new OrganisationIndex(await organisationCandidates(runner)),
        byName: new Map(),
        toCreate: new Map(),
      }
    : null;
  let checked = 0;
  for await (const source of readRows(file, format, { encoding })) {
    checked += 1;
    if (issues.rows.has(source.row)) continue;
    const { record } = validateRecord(kind, source.values, 'row');
    for (const reference of referencesOf(kind, record)) {
      if (!known.get(reference.label)?.has(reference.id)) {
        issues.add(source.row, reference.column, `no ${reference.label} has the id "${reference.id}"`);
      }
    }
    if (organisations !== null)
      checkOrganisations(kind, record, organisations, (column, reason) =>
        issues.add(source.row, column, reason),
      );
    if (checked % 1000 === 0) progress({ phase: 'check', rows: checked, totalRows: rows });
  }
  if (issues.count > 0) return report('rejected', rows);

  // Pass 3: plan and write in batches, each batch its own transaction. The run is RUNNING
  // until the last batch commits; any failure rolls back what earlier batches wrote.
  const dryRun = options.dryRun === true;
  if (!dryRun) {
    const running = await runningImports(db);
    if (running.length > 0) {
      const [other] = running;
      throw new ImportFileError(
        name,
        `import run ${other!.id} (${other!.file}, started ${other!.startedAt}) has not finished; wait for it, or roll it back with npm run import -- --recover`,
      );
    }
    const startedAt = new Date().toISOString();
    await startImportRun(db, {
      id: runId,
      file: name,
      kind,
      format,
      sha256,
      actor: options.actor,
      owner: importOwner(),
      heartbeatAt: startedAt,
      status: 'RUNNING',
      startedAt,
      finishedAt: null,
      rows,
      created: 0,
      updated: 0,
      unchanged: 0,
      firstDataVersion: null,
      lastDataVersion: null,
    });
  }
  const totals: WriteCounts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    organisationsCreated: 0,
    samples: { created: [], updated: [], unchanged: [] },
    dataVersion: 0,
  };
  const createdOrganisations = new Set<string>();
  let firstDataVersion: number | null = null;
  let lastHeartbeat = Date.now();
  const writeBatch = async (batch: Array<{ row: number; record: ValidRecord }>): Promise<void> => {
    let outcome: { counts: BatchCounts; stubs: string[]; dataVersion: number | null };
    try {
      outcome = await db.writeTransaction(async (tx) => {
        const at = new Date().toISOString();
        const dataVersion = await bumpDataVersion(tx, at);
        if (!dryRun) await touchImportRun(tx, runId, at);
        const stamp: WriteStamp = {
          at,
          actor: options.actor,
          origin: 'import',
          importFile: name,
          importRunId: runId,
        };
        const writer = new BatchWriter(tx, kind, stamp, dataVersion, organisations, createdOrganisations);
        await writer.write(batch);
        if (dryRun || writer.counts.created + writer.counts.updated === 0)
          throw new Rollback(writer.counts, writer.stubs);
        return { counts: writer.counts, stubs: writer.stubs, dataVersion };
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
      outcome = { counts: error.counts, stubs: error.stubs, dataVersion: null };
    }
    if (outcome.dataVersion !== null) lastHeartbeat = Date.now();
    else if (!dryRun && Date.now() - lastHeartbeat > HEARTBEAT_INTERVAL_MS) {
      // A long stretch of unchanged rows commits nothing; the run must still look alive.
      const at = new Date().toISOString();
      await db.writeTransaction((tx) => touchImportRun(tx, runId, at));
      lastHeartbeat = Date.now();
    }
    // Only now, after the commit (or the planned rollback), do the batch's effects count.
    for (const id of outcome.stubs) createdOrganisations.add(id);
    addCounts(totals, outcome.counts);
    if (outcome.dataVersion !== null) {
      firstDataVersion ??= outcome.dataVersion;
      totals.dataVersion = outcome.dataVersion;
    }
  };
  try {
    const digest = newDigest();
    let batch: Array<{ row: number; record: ValidRecord }> = [];
    let written = 0;
    for await (const source of readRows(file, format, { digest, encoding })) {
      batch.push({ row: source.row, record: validateRecord(kind, source.values, 'row').record });
      if (batch.length >= batchSize) {
        await writeBatch(batch);
        written += batch.length;
        batch = [];
        progress({ phase: 'write', rows: written, totalRows: rows });
      }
    }
    if (batch.length > 0) {
      await writeBatch(batch);
      written += batch.length;
      progress({ phase: 'write', rows: written, totalRows: rows });
    }
    if (digest.digest('hex') !== sha256)
      throw new ImportFileError(name, 'the file changed while it was being imported; nothing was written');
  } catch (error) {
    if (!dryRun) await rollbackImportRun(db, runId, options.actor);
    throw error;
  }
  if (dryRun) return report('dry-run', rows, totals);
  await finishImportRun(db, runId, {
    rows,
    created: totals.created,
    updated: totals.updated,
    unchanged: totals.unchanged,
    firstDataVersion,
    lastDataVersion: firstDataVersion === null ? null : totals.dataVersion,
  });
  return report(totals.created + totals.updated === 0 ? 'unchanged' : 'imported', rows, totals);
}

function addCounts(totals: WriteCounts, counts: BatchCounts): void {
  totals.created += counts.created;
  totals.updated += counts.updated;
  totals.unchanged += counts.unchanged;
  totals.organisationsCreated += counts.organisationsCreated;
  for (const id of counts.samples.created)
    if (totals.samples.created.length < SAMPLE_SIZE) totals.samples.created.push(id);
  for (const update of counts.samples.updated)
    if (totals.samples.updated.length < SAMPLE_SIZE) totals.samples.updated.push(update);
  for (const id of counts.samples.unchanged)
    if (totals.samples.unchanged.length < SAMPLE_SIZE) totals.samples.unchanged.push(id);
}

/** Pass 2 for organisation references: ids must exist; names match one, none (new) or several (rejected). */
function checkOrganisations(
  kind: ImportKind,
  record: ValidRecord,
  resolution: OrganisationResolution,
  report: (column: string, reason: string) => void,
): void {
  const { index, byName, toCreate } = resolution;
  // Partner names that match nothing become organisations of their own (stubs); an
  // organisations row that matches nothing is itself the new organisation.
  const resolveName = (column: string, name: string, countryCode: string, stub: boolean): void => {
    const key = nameKey(name, countryCode);
    if (byName.has(key)) return;
    const match = index.match(name, countryCode);
    if (match.kind === 'ambiguous') {
      report(
        column,
        `"${name}" [${countryCode}] matches several organisations (${match.ids.join(', ')}); give the id instead`,
      );
    } else {
      byName.set(key, match.id);
      if (match.kind === 'new' && stub) toCreate.set(match.id, { name, countryCode });
    }
  };
  if (kind === 'organisations') {
    const name = record.name as string;
    const countryCode = record.countryCode as string;
    if (typeof record.id === 'string') {
      if (!index.hasId(record.id)) {
        const others = index.candidates(name, countryCode);
        if (others.length > 0)
          report(
            'id',
            `is new, but "${name}" [${countryCode}] is already ${others.join(', ')}; use that id, or another name`,
          );
        else index.add({ id: record.id, name, countryCode });
      }
    } else {
      resolveName('name', name, countryCode, false);
    }
    return;
  }
  for (const { column, reference } of organisationReferencesOf(record)) {
    if ('id' in reference) {
      if (!index.hasId(reference.id)) report(column, `no Organisation has the id "${reference.id}"`);
    } else {
      resolveName(column, reference.name, reference.countryCode, true);
    }
  }
}

/** Plans and writes batches of one kind inside the import transaction, counting outcomes. */
class BatchWriter {
  readonly counts: BatchCounts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    organisationsCreated: 0,
    samples: { created: [], updated: [], unchanged: [] },
  };
  /** Partner organisations this batch created (they count once the batch commits). */
  readonly stubs: string[] = [];

  constructor(
    private readonly tx: WriteTransaction,
    private readonly kind: ImportKind,
    private readonly stamp: WriteStamp,
    private readonly dataVersion: number,
    private readonly organisations: OrganisationResolution | null,
    private readonly createdOrganisations: ReadonlySet<string>,
  ) {}

  async write(batch: Array<{ row: number; record: ValidRecord }>): Promise<void> {
    if (this.kind === 'links') return this.writeLinks(batch.map((item) => item.record));
    const def = ENTITY_DEFS[this.kind];
    const records = batch.map((item) => this.withId(item.record));
    const states = await readEntityStates(
      this.tx,
      def,
      records.map((record) => record.id as string),
    );
    let completed = records;
    if (this.kind === 'projects') {
      await this.createPartnerOrganisations(records);
      const years = await callYears(this.tx, [
        ...new Set(
          records
            .flatMap((record) => [record.callId, states.get(record.id as string)?.callId])
            .filter((id): id is string => typeof id === 'string'),
        ),
      ]);
      const lookups = {
        callYear: (id: string) => years.get(id) ?? null,
        organisationCountry: (id: string) => this.organisations?.index.countryOf(id) ?? null,
      };
      completed = records.map((record) =>
        completeProject(record, this.partnersOf(record), states.get(record.id as string) ?? null, lookups),
      );
    }
    const plans = completed.map((record) => planEntity(def, record, states.get(record.id as string) ?? null));
    await this.apply(def, plans, states);
  }

  /** Organisations rows without an id take the one matching resolved (existing or new). */
  private withId(record: ValidRecord): ValidRecord {
    if (this.kind !== 'organisations' || typeof record.id === 'string') return record;
    const id = this.organisations?.byName.get(nameKey(record.name as string, record.countryCode as string));
    if (id === undefined)
      throw new TypeError(
        `BatchWriter expected organisation "${String(record.name)}" to be resolved in the check pass`,
      );
    return { ...record, id };
  }

  private partnersOf(
    record: ValidRecord,
  ): { coordinator: string | null; partners: string[]; names: Map<string, string[]> } | null {
    if (record.coordinator === undefined && record.partners === undefined) return null;
    const names = new Map<string, string[]>();
    const resolve = (reference: OrganisationReference): string => {
      if ('id' in reference) return reference.id;
      const id = this.organisations?.byName.get(nameKey(reference.name, reference.countryCode));
      if (id === undefined)
        throw new TypeError(
          `BatchWriter expected partner "${reference.name}" to be resolved in the check pass`,
        );
      names.set(id, [...(names.get(id) ?? []), reference.name]);
      return id;
    };
    const coordinator =
      record.coordinator === undefined ? null : resolve(record.coordinator as OrganisationReference);
    const partners = ((record.partners as OrganisationReference[] | undefined) ?? []).map(resolve);
    return { coordinator, partners, names };
  }

  /** Creates, once, the organisations that partner names of this batch matched nowhere. */
  private async createPartnerOrganisations(records: ValidRecord[]): Promise<void> {
    const resolution = this.organisations;
    if (resolution === null) return;
    const stubs: ValidRecord[] = [];
    for (const record of records) {
      const references = [record.coordinator, ...((record.partners as unknown[] | undefined) ?? [])].filter(
        (reference): reference is { name: string; countryCode: string } =>
          typeof reference === 'object' && reference !== null && 'name' in reference,
      );
      for (const reference of references) {
        const id = resolution.byName.get(nameKey(reference.name, reference.countryCode));
        const pending = id === undefined ? undefined : resolution.toCreate.get(id);
        if (
          id === undefined ||
          pending === undefined ||
          this.createdOrganisations.has(id) ||
          this.stubs.includes(id)
        )
          continue;
        this.stubs.push(id);
        stubs.push({
          id,
          name: pending.name,
          countryCode: pending.countryCode,
          aliases: [],
          sources: record.sources,
        });
      }
    }
    if (stubs.length === 0) return;
    await ensureCountries(
      this.tx,
      stubs.map((stub) => stub.countryCode as string),
      this.stamp.at,
    );
    await writeEntities(this.tx, ORGANISATION, stubs, this.stamp);
    this.counts.organisationsCreated += stubs.length;
    await this.audit(
      stubs.map((stub) => ({
        action: 'CREATE',
        entityLabel: 'Organisation',
        entityId: stub.id as string,
        fields: ['name', 'countryCode', 'sources'],
        previous: null,
        values: null,
      })),
    );
  }

  private async apply(
    def: (typeof ENTITY_DEFS)[keyof typeof ENTITY_DEFS],
    plans: EntityPlan[],
    states: Map<string, Record<string, unknown>>,
  ): Promise<void> {
    const changed = plans.filter((plan) => plan.outcome !== 'unchanged');
    for (const plan of plans) this.count(plan.outcome, plan.id, plan.fields);
    if (changed.length === 0) return;
    const codes = changed.flatMap((plan) =>
      ['countryCode', 'participatingCountryCodes', 'partnerCountryCodes'].flatMap((field) => {
        const value = plan.record[field];
        return typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
      }),
    );
    await ensureCountries(this.tx, codes, this.stamp.at);
    await writeEntities(
      this.tx,
      def,
      changed.map((plan) => plan.record),
      this.stamp,
    );
    await this.audit(
      changed.map((plan) => ({
        action: plan.outcome === 'created' ? 'CREATE' : 'UPDATE',
        entityLabel: def.label,
        entityId: plan.id,
        fields: plan.fields,
        previous: plan.previous,
        // A created record's values are the record itself; updates keep old and new values.
        values: plan.outcome === 'created' ? null : plan.values,
        previousStamp: plan.outcome === 'created' ? null : stampOf(states.get(plan.id)),
      })),
    );
  }

  private async writeLinks(records: ValidRecord[]): Promise<void> {
    const byType = new Map<ProjectLinkType, ProjectLinkInput[]>();
    for (const record of records) {
      const type = record.type as ProjectLinkType;
      const link: ProjectLinkInput = {
        projectId: record.projectId as string,
        type,
        targetId: record.targetId as string,
        confidence: (record.confidence as number | undefined) ?? 1,
        evidence: record.evidence as string,
      };
      byType.set(type, [...(byType.get(type) ?? []), link]);
    }
    for (const [type, links] of byType) {
      const current = await readProjectLinks(this.tx, type, links);
      const changed: ProjectLinkInput[] = [];
      const entries: AuditEntry[] = [];
      for (const link of links) {
        const before = current.get(`${link.projectId}|${link.targetId}`) ?? null;
        const id = `${link.projectId} ${type} ${link.targetId}`;
        if (
          before !== null &&
          before.provenance === 'CURATED' &&
          before.confidence === link.confidence &&
          before.evidence === link.evidence
        ) {
          this.count('unchanged', id, []);
          continue;
        }
        const fields = ['provenance', 'confidence', 'evidence'];
        this.count(before === null ? 'created' : 'updated', id, fields);
        changed.push(link);
        entries.push({
          action: 'LINK',
          entityLabel: 'Project',
          entityId: link.projectId,
          relatedLabel: PROJECT_LINK_TYPES[type],
          relatedId: link.targetId,
          relationship: type,
          fields,
          previous:
            before === null
              ? null
              : {
                  provenance: before.provenance,
                  rule: before.rule,
                  confidence: before.confidence,
                  evidence: before.evidence,
                },
          values: { provenance: 'CURATED', confidence: link.confidence, evidence: link.evidence },
          previousStamp: before,
        });
      }
      await writeProjectLinks(this.tx, type, changed, this.stamp);
      await this.audit(entries);
    }
  }

  private count(outcome: PlanOutcome, id: string, fields: string[]): void {
    this.counts[outcome] += 1;
    const samples = this.counts.samples;
    if (outcome === 'updated' && samples.updated.length < SAMPLE_SIZE) samples.updated.push({ id, fields });
    if (outcome === 'created' && samples.created.length < SAMPLE_SIZE) samples.created.push(id);
    if (outcome === 'unchanged' && samples.unchanged.length < SAMPLE_SIZE) samples.unchanged.push(id);
  }

  private audit(entries: AuditEntry[]): Promise<void> {
    return writeAuditEvents(
      this.tx,
      {
        actor: this.stamp.actor,
        at: this.stamp.at,
        dataVersion: this.dataVersion,
        source: `import:${this.stamp.importFile}`,
        importRunId: this.stamp.importRunId,
      },
      entries,
    );
  }
}

/** The bookkeeping properties an update overwrites, as they were (null ones included, so undo removes them). */
function stampOf(state: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    updatedAt: state?.updatedAt ?? null,
    importFile: state?.importFile ?? null,
    importRunId: state?.importRunId ?? null,
    lastChangedBy: state?.lastChangedBy ?? null,
  };
}

export { ImportFileError } from './readRows';
export type { SourceRow };
