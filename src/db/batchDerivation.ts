// Derivation inside a write batch (src/db/writeBatch.ts): the batch's audit entries say which
// projects and calls changed something a rule reads; before the batch commits, their INFERRED
// links (a project's gaps, stages, objectives and disease areas, a call's TARGETS) are derived
// again by the rule book in the same transaction, written, and audited. CURATED links are read
// (they win on their pair, and ADVANCES chains through them) but never written.

import type { AuditEntry } from './audit';
import {
  addToSummary,
  CALL_KIND_STAGE_RULE,
  deriveCallTargets,
  deriveProjectLinks,
  emptyDerivationSummary,
  inferredLinkChanges,
  mergeSummaries,
  PROJECT_INHERITS_CALL_TARGETS_RULE,
  RULE_BOOK_VERSION,
  RULE_READ_CALL_FIELDS,
  RULE_READ_PROJECT_FIELDS,
  type DerivationSummary,
  type InferredLinkChange,
} from '../derivation';
import {
  derivedLinkKey,
  INFERRED_LINK_SHAPES,
  PROJECT_LINK_TYPES,
  type DerivationOrigin,
  type DerivedLinkRecord,
} from '../model';
import {
  projectsOfCalls,
  projectsWithoutCall,
  projectsWithStaleCallLinks,
  readCallsForProjects,
  readDiseaseAreaTerms,
  readGapObjectives,
  readGapTexts,
  readStoredCalls,
  readStoredProjects,
  writeInferredLinks,
  type InferredLinkWrites,
  type StoredLink,
} from './derivedLinks';
import type { WriteTransaction } from './run';

/** Projects and calls to derive again besides those the batch's writes changed (`npm run derive`). */
export interface DerivationTargets {
  projectIds?: readonly string[];
  callIds?: readonly string[];
}

/**
 * The audit source prefix of the events of derived links: `derivation:` and the batch's own
 * source ("derivation:import:projects.csv", "derivation:graphql", "derivation:derive"), so that
 * the history tells a rule's write from a person's and undo knows which events are the rules'.
 */
export const DERIVATION_AUDIT_SOURCE_PREFIX = 'derivation:';

/** Projects read and derived per statement; a batch of projects is derived in chunks of this many. */
const PROJECT_CHUNK = 5000;

const PROJECT_FIELDS: ReadonlySet<string> = new Set(RULE_READ_PROJECT_FIELDS);
const CALL_FIELDS: ReadonlySet<string> = new Set(RULE_READ_CALL_FIELDS);
/** Relationships of a project that are facts a rule reads: its call (FUNDED) and programme (PART_OF). */
const FACT_RELATIONSHIPS: ReadonlySet<string> = new Set(['FUNDED', 'PART_OF']);
/** The rules that read a project's call: their links go stale when the call is deleted. */
const CALL_READING_RULES = [PROJECT_INHERITS_CALL_TARGETS_RULE.id, CALL_KIND_STAGE_RULE.id];

function stringValue(record: Record<string, unknown> | null, field: string): string | null {
  const value = record?.[field];
  return typeof value === 'string' ? value : null;
}

/** A link's derivation as its audit event shows it (before or after a change). */
function derivationValues(link: {
  rule: string;
  confidence: number;
  evidence: string;
  ruleBookVersion: string | null;
  origin: string | null;
}): Record<string, unknown> {
  return {
    provenance: 'INFERRED',
    rule: link.rule,
    confidence: link.confidence,
    evidence: link.evidence,
    ruleBookVersion: link.ruleBookVersion,
    origin: link.origin,
  };
}

/**
 * The audit entries of derived links' changes: one DERIVE event per project (or call) holding
 * all of its links that changed, keyed by derivedLinkKey. `fields` lists the keys; `previous`
 * holds the links as they were (changed and removed ones; null when every link is new), `values`
 * as they are now (added and changed ones; null when every link went), and `previousStamp` every
 * key's full properties before, or null for a link that was not there (what undo puts back). An
 * event per link took about 70% of a re-placement batch (1,000 projects, 9,000 links: 19.5 s with
 * them against 5.8 s without any event, `npm run bench:derive:profile` at a load of 25).
 */
export function derivationAuditEntries(
  changes: ReadonlyArray<InferredLinkChange<StoredLink>>,
  origin: DerivationOrigin,
): AuditEntry[] {
  const byRecord = new Map<string, Array<InferredLinkChange<StoredLink>>>();
  for (const change of changes) {
    const key = `${INFERRED_LINK_SHAPES[change.link.type].from}|${change.link.fromId}`;
    const list = byRecord.get(key);
    if (list === undefined) byRecord.set(key, [change]);
    else list.push(change);
  }
  return [...byRecord.values()].map((recordChanges) => {
    const { link: first } = recordChanges[0]!;
    const previous: Record<string, unknown> = {};
    const values: Record<string, unknown> = {};
    const previousStamp: Record<string, unknown> = {};
    const fields: string[] = [];
    for (const change of recordChanges) {
      const key = derivedLinkKey(change.link.type, change.link.toId);
      fields.push(key);
      previousStamp[key] = change.previous?.properties ?? null;
      if (change.previous !== null) previous[key] = derivationValues(change.previous);
      if (change.change !== 'removed')
        values[key] = derivationValues({ ...change.link, ruleBookVersion: RULE_BOOK_VERSION, origin });
    }
    return {
      action: 'DERIVE',
      entityLabel: INFERRED_LINK_SHAPES[first.type].from,
      entityId: first.fromId,
      fields,
      previous: Object.keys(previous).length === 0 ? null : previous,
      values: Object.keys(values).length === 0 ? null : values,
      previousStamp,
    };
  });
}

/**
 * The derivation of one write batch: `note` is told every audit entry the batch writes,
 * `derive` derives again what they changed (and any `also`), and `summary` adds up what every
 * `derive` of the batch did.
 */
export class BatchDerivation {
  readonly summary: DerivationSummary = emptyDerivationSummary();
  private readonly projects = new Set<string>();
  private readonly calls = new Set<string>();
  private readonly programmes = new Set<string>();
  private callDeleted = false;

  /**
   * @param origin Derivation.origin of the links written.
   * @param audit writes the audit events of derived links (under DERIVATION_AUDIT_SOURCE_PREFIX).
   */
  constructor(
    private readonly origin: DerivationOrigin,
    private readonly audit: (entries: readonly AuditEntry[]) => Promise<void>,
  ) {}

  /** True when written changes wait to be derived. */
  get pending(): boolean {
    return this.projects.size + this.calls.size + this.programmes.size > 0 || this.callDeleted;
  }

  /** Takes note of what `entries` changed that a rule reads. */
  note(entries: readonly AuditEntry[]): void {
    for (const entry of entries) {
      if (entry.relationship !== undefined && entry.relationship !== null) this.noteLink(entry);
      else if (entry.entityLabel === 'Project') this.noteProject(entry);
      else if (entry.entityLabel === 'Call') this.noteCall(entry);
    }
  }

  private noteProject(entry: AuditEntry): void {
    if (
      entry.action === 'CREATE' ||
      (entry.action === 'UPDATE' && entry.fields.some((f) => PROJECT_FIELDS.has(f)))
    )
      this.projects.add(entry.entityId);
  }

  private noteCall(entry: AuditEntry): void {
    if (entry.action === 'DELETE') {
      const programmeId = stringValue(entry.previous, 'programmeId');
      if (programmeId !== null) this.programmes.add(programmeId);
      this.callDeleted = true;
      return;
    }
    if (
      entry.action === 'CREATE' ||
      (entry.action === 'UPDATE' && entry.fields.some((f) => CALL_FIELDS.has(f)))
    ) {
      this.calls.add(entry.entityId);
      const before = stringValue(entry.previous, 'programmeId');
      if (before !== null) this.programmes.add(before);
    }
  }

  private noteLink(entry: AuditEntry): void {
    const relationship = entry.relationship ?? '';
    if (FACT_RELATIONSHIPS.has(relationship)) {
      if (entry.entityLabel === 'Project') this.projects.add(entry.entityId);
      if (entry.relatedLabel === 'Project' && entry.relatedId) this.projects.add(entry.relatedId);
      return;
    }
    // A curated link made, changed or removed: the pair may fall back to (or leave) the rules,
    // and objectives follow the gaps. A person removing an INFERRED link is not undone here.
    const provenance = stringValue(entry.values, 'provenance') ?? stringValue(entry.previous, 'provenance');
    if (entry.entityLabel === 'Project' && relationship in PROJECT_LINK_TYPES && provenance === 'CURATED')
      this.projects.add(entry.entityId);
  }

  /**
   * Derives again, in `tx`, the calls and projects noted since the last call and those `also`
   * names; writes the changes and their audit events. A noted call brings the projects it
   * funded and its programme's projects without a call (they read its targets and kind).
   * Returns what this call did.
   */
  async derive(tx: WriteTransaction, also: DerivationTargets = {}): Promise<DerivationSummary> {
    const summary = emptyDerivationSummary();
    const noted = [...this.calls];
    this.calls.clear();
    const callIds = [...new Set([...noted, ...(also.callIds ?? [])])];
    if (callIds.length > 0) {
      const stored = await readStoredCalls(tx, callIds);
      const derived = deriveCallTargets(
        stored.map((entry) => entry.call),
        await readGapTexts(tx),
      );
      const changes = inferredLinkChanges(
        stored.flatMap((entry) => entry.inferred),
        derived,
        RULE_BOOK_VERSION,
      );
      await this.apply(tx, changes, new Map(stored.map((entry) => [entry.call.id, entry.nodeId])));
      addToSummary(summary, { projects: 0, calls: stored.length }, changes, []);
      const notedIds = new Set(noted);
      for (const { call } of stored)
        if (notedIds.has(call.id) && call.programmeId) this.programmes.add(call.programmeId);
      for (const id of await projectsOfCalls(tx, noted)) this.projects.add(id);
    }
    if (this.programmes.size > 0) {
      for (const id of await projectsWithoutCall(tx, [...this.programmes])) this.projects.add(id);
      this.programmes.clear();
    }
    if (this.callDeleted) {
      for (const id of await projectsWithStaleCallLinks(tx, CALL_READING_RULES)) this.projects.add(id);
      this.callDeleted = false;
    }
    const projectIds = [...new Set([...this.projects, ...(also.projectIds ?? [])])];
    this.projects.clear();
    if (projectIds.length > 0) await this.deriveProjects(tx, projectIds, summary);
    mergeSummaries(this.summary, summary);
    return summary;
  }

  private async deriveProjects(
    tx: WriteTransaction,
    projectIds: readonly string[],
    summary: DerivationSummary,
  ): Promise<void> {
    const gapObjectives = await readGapObjectives(tx);
    const diseaseAreas = await readDiseaseAreaTerms(tx);
    for (let start = 0; start < projectIds.length; start += PROJECT_CHUNK) {
      const stored = await readStoredProjects(tx, projectIds.slice(start, start + PROJECT_CHUNK));
      if (stored.length === 0) continue;
      const projects = stored.map((entry) => entry.project);
      const { calls, targets } = await readCallsForProjects(tx, projects);
      const given: DerivedLinkRecord[] = [
        ...targets,
        ...gapObjectives,
        ...stored.flatMap((entry) => entry.curated),
      ];
      const { links, unplaced } = deriveProjectLinks({ projects, calls, given, diseaseAreas });
      const changes = inferredLinkChanges(
        stored.flatMap((entry) => entry.inferred),
        links,
        RULE_BOOK_VERSION,
      );
      await this.apply(tx, changes, new Map(stored.map((entry) => [entry.project.id, entry.nodeId])));
      addToSummary(summary, { projects: stored.length, calls: 0 }, changes, unplaced);
    }
  }

  /** Writes `changes`; `nodes` gives the element id of each start node (by record id) as read. */
  private async apply(
    tx: WriteTransaction,
    changes: ReadonlyArray<InferredLinkChange<StoredLink>>,
    nodes: ReadonlyMap<string, string>,
  ): Promise<void> {
    if (changes.length === 0) return;
    const add: Array<InferredLinkWrites['add'][number]> = [];
    const change: Array<InferredLinkWrites['change'][number]> = [];
    const remove: string[] = [];
    for (const { change: kind, link, previous } of changes) {
      if (kind === 'added') add.push({ ...link, fromNode: nodes.get(link.fromId)! });
      else if (kind === 'changed') change.push({ ...link, relationshipId: previous!.relationshipId });
      else remove.push(previous!.relationshipId);
    }
    await writeInferredLinks(
      tx,
      { add, change, remove },
      { ruleBookVersion: RULE_BOOK_VERSION, origin: this.origin },
    );
    await this.audit(derivationAuditEntries(changes, this.origin));
  }
}
