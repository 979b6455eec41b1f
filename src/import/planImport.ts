// The plan step of an import, pure: a batch of valid rows and the graph's current state in,
// what to write out (records completed and compared, organisations to create, links that
// change) with the audit entries that record it. The write step (writeImportBatch.ts) reads
// the state and writes the plan; nothing here touches the database.

import type { AuditEntry } from '../db/audit';
import type { LinkState, ProjectLinkInput } from '../db/curation';
import type { OrganisationIndex } from '../db/matchOrganisation';
import { normaliseOrganisationName } from '../db/matchOrganisation';
import {
  completeIdentifiers,
  completeProject,
  planEntity,
  sameCuratedLink,
  type EntityPlan,
  type PlanLookups,
  type PlanOutcome,
} from '../db/planRecord';
import {
  PROJECT_LINK_TYPES,
  type EntityDefLabel,
  type EntityKind,
  type EntityState,
  type ProjectLinkType,
} from '../model';
import type { OrganisationReference } from '../model';
import type { ValidRecord } from '../model';
import { organisationReferencesOf } from '../model/validateRecord';

/** How the check step resolved organisation names; the write step follows it. */
export interface OrganisationResolution {
  index: OrganisationIndex;
  /** cc|normalised name -> the organisation id it resolves to. */
  byName: Map<string, string>;
  /** Organisations to create (matched nothing), by id. */
  toCreate: Map<string, { name: string; countryCode: string }>;
}

/** The key of a name within a country, as OrganisationResolution.byName keys it. */
export function nameKey(name: string, countryCode: string): string {
  return `${countryCode}|${normaliseOrganisationName(name)}`;
}

/** A record of an entity kind with its id known. */
export type IdentifiedRecord = ValidRecord & { id: string };

/** One record's outcome, for the counts and samples. */
export interface PlannedOutcome {
  outcome: PlanOutcome;
  id: string;
  fields: string[];
}

/**
 * The records of a batch with their ids: organisations rows without an id take the one their
 * name resolved to in the check step (existing or new). Throws a TypeError for a name that
 * was not resolved, which the check step guarantees cannot happen.
 */
export function recordsWithIds(
  kind: EntityKind,
  records: readonly ValidRecord[],
  resolution: OrganisationResolution | null,
): IdentifiedRecord[] {
  return records.map((record) => {
    if (typeof record.id === 'string') return record as IdentifiedRecord;
    const row = record as { name: string; countryCode: string };
    const id =
      kind === 'organisations' ? resolution?.byName.get(nameKey(row.name, row.countryCode)) : undefined;
    if (id === undefined)
      throw new TypeError(
        `planImport expected organisation "${String(record.name)}" to be resolved in the check pass`,
      );
    return { ...record, id };
  });
}

/** An organisation an import creates for a partner name that matched none. */
export interface OrganisationStub extends IdentifiedRecord {
  name: string;
  countryCode: string;
  aliases: string[];
  /** The sources of the project that named it. */
  sources: unknown;
}

/**
 * The organisations to create before a batch of projects is written: those that partner
 * names of the batch resolved to and that no earlier batch (`created`) made, once each,
 * carrying the sources of the first project that names them.
 */
export function partnerStubs(
  records: readonly ValidRecord[],
  resolution: OrganisationResolution | null,
  created: ReadonlySet<string>,
): OrganisationStub[] {
  if (resolution === null) return [];
  const stubs = new Map<string, OrganisationStub>();
  for (const record of records) {
    for (const { reference } of organisationReferencesOf(record)) {
      if ('id' in reference) continue;
      const id = resolution.byName.get(nameKey(reference.name, reference.countryCode));
      const pending = id === undefined ? undefined : resolution.toCreate.get(id);
      if (id === undefined || pending === undefined || created.has(id) || stubs.has(id)) continue;
      stubs.set(id, {
        id,
        name: pending.name,
        countryCode: pending.countryCode,
        aliases: [],
        sources: record.sources,
      });
    }
  }
  return [...stubs.values()];
}

/** The CREATE events of partner organisations an import made. */
export function stubAuditEntries(stubs: readonly OrganisationStub[]): AuditEntry[] {
  return stubs.map((stub) => ({
    action: 'CREATE',
    entityLabel: 'Organisation',
    entityId: stub.id,
    fields: ['name', 'countryCode', 'sources'],
    previous: null,
    values: null,
  }));
}

/** The call ids whose years a batch of projects needs: given ones and the stored ones. */
export function callIdsOf(
  records: readonly IdentifiedRecord[],
  states: ReadonlyMap<string, EntityState>,
): string[] {
  return [
    ...new Set(
      records
        .flatMap((record) => [record.callId, states.get(record.id)?.callId])
        .filter((id): id is string => typeof id === 'string'),
    ),
  ];
}

/**
 * Plans each record against its current state (absent: created). Projects are completed
 * first: partners resolved through `resolution`, partner countries, year from start date or call.
 */
export function planEntities(
  kind: EntityKind,
  records: readonly IdentifiedRecord[],
  states: ReadonlyMap<string, EntityState>,
  resolution: OrganisationResolution | null,
  callYears: ReadonlyMap<string, number>,
): EntityPlan[] {
  const lookups: PlanLookups = {
    callYear: (id) => callYears.get(id) ?? null,
    organisationCountry: (id) => resolution?.index.countryOf(id) ?? null,
  };
  return records.map((record) => {
    const existing = states.get(record.id) ?? null;
    const complete =
      kind === 'projects'
        ? completeProject(record, partnersOf(record, resolution), existing, lookups)
        : completeIdentifiers(record, existing, 'USER_IMPORT');
    return planEntity(complete, existing);
  });
}

/** A project row's coordinator and partners as organisation ids (null when it names neither). */
function partnersOf(
  record: ValidRecord,
  resolution: OrganisationResolution | null,
): Parameters<typeof completeProject>[1] {
  if (record.coordinator === undefined && record.partners === undefined) return null;
  const names = new Map<string, string[]>();
  const resolve = (reference: OrganisationReference): string => {
    if ('id' in reference) return reference.id;
    const id = resolution?.byName.get(nameKey(reference.name, reference.countryCode));
    if (id === undefined)
      throw new TypeError(`planImport expected partner "${reference.name}" to be resolved in the check pass`);
    names.set(id, [...(names.get(id) ?? []), reference.name]);
    return id;
  };
  let coordinator: string | null = null;
  const partners: string[] = [];
  for (const { column, reference } of organisationReferencesOf(record)) {
    const id = resolve(reference);
    if (column === 'coordinator') coordinator = id;
    else partners.push(id);
  }
  return { coordinator, partners, names };
}

/**
 * The audit entries of the plans that change something: a creation's values are the record
 * itself (null); an update keeps old and new values and the bookkeeping it overwrites.
 */
export function entityAuditEntries(
  label: EntityDefLabel,
  plans: readonly EntityPlan[],
  states: ReadonlyMap<string, EntityState>,
): AuditEntry[] {
  return plans
    .filter((plan) => plan.outcome !== 'unchanged')
    .map((plan) => ({
      action: plan.outcome === 'created' ? 'CREATE' : 'UPDATE',
      entityLabel: label,
      entityId: plan.id,
      fields: plan.fields,
      previous: plan.previous,
      values: plan.outcome === 'created' ? null : plan.values,
      previousStamp: plan.outcome === 'created' ? null : stampOf(states.get(plan.id)),
    }));
}

/** The bookkeeping properties an update overwrites, as they were (null ones included, so undo removes them). */
function stampOf(state: EntityState | undefined): Record<string, unknown> {
  return {
    updatedAt: state?.updatedAt ?? null,
    importFile: state?.importFile ?? null,
    importRunId: state?.importRunId ?? null,
    lastChangedBy: state?.lastChangedBy ?? null,
    datasets: state?.datasets ?? null,
  };
}

/** The links of a batch of links rows, grouped by type in the order types first appear. */
export function linksByType(links: readonly ProjectLinkInput[]): Map<ProjectLinkType, ProjectLinkInput[]> {
  const byType = new Map<ProjectLinkType, ProjectLinkInput[]>();
  for (const link of links) byType.set(link.type, [...(byType.get(link.type) ?? []), link]);
  return byType;
}

/** What writing links of one type changes. */
export interface LinkPlan {
  outcomes: PlannedOutcome[];
  /** The links to write (created or updated). */
  changed: ProjectLinkInput[];
  entries: AuditEntry[];
}

/** Link properties an import writes (and audits). */
const LINK_FIELDS = ['provenance', 'confidence', 'evidence'];

/**
 * Plans links of one type against the current links of their (project, target) pairs, keyed
 * `projectId|targetId`: a link already curated with the same confidence and evidence is unchanged.
 */
export function planLinks(
  type: ProjectLinkType,
  links: readonly ProjectLinkInput[],
  current: ReadonlyMap<string, LinkState>,
): LinkPlan {
  const plan: LinkPlan = { outcomes: [], changed: [], entries: [] };
  for (const link of links) {
    const before = current.get(`${link.projectId}|${link.targetId}`) ?? null;
    const id = `${link.projectId} ${type} ${link.targetId}`;
    if (sameCuratedLink(before, link)) {
      plan.outcomes.push({ outcome: 'unchanged', id, fields: [] });
      continue;
    }
    const fields = [...LINK_FIELDS];
    plan.outcomes.push({ outcome: before === null ? 'created' : 'updated', id, fields });
    plan.changed.push(link);
    plan.entries.push({
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
  return plan;
}
