// Curation writes of single records and links (the GraphQL mutations): validate the input
// naming the field at fault, check references, plan against the current state, write and
// audit in one transaction that also takes the next data version. An input that changes
// nothing rolls back, so the data version moves only when the graph does.

import { writeAuditEvents, type AuditEntry } from '../db/audit';
import {
  callYears,
  deleteEntity,
  ensureCountries,
  existingIds,
  organisationsById,
  organisationsInCountry,
  readEntityStates,
  readProjectLinks,
  removePartnership,
  removeProjectLink,
  setPartnership,
  writeEntities,
  writeProjectLinks,
  type Runner,
  type WriteStamp,
} from '../db/curation';
import type { Db, WriteTransaction } from '../db/run';
import { bumpDataVersion } from '../db/stats';
import { BadUserInputError } from '../errors';
import {
  ENTITY_DEFS,
  ORGANISATION,
  PROJECT_LINK_TYPES,
  type EntityKind,
  type OrganisationReference,
  type ProjectLinkType,
  type ValidRecord,
} from '../model';
import { OrganisationIndex } from './matchOrganisation';
import { completeProject, planEntity, type PlanOutcome } from './planRecord';
import { organisationReferencesOf, referencesOf, validateRecord } from './validateRecord';

/** The result of one curation write. */
export interface CurationResult {
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DELETED';
  changedFields: string[];
  /** The data version after the write (the current one when nothing changed). */
  dataVersion: number;
  /** For links: the link's properties before, as JSON text. */
  previous: string | null;
}

const OUTCOMES: Record<PlanOutcome, CurationResult['outcome']> = {
  created: 'CREATED',
  updated: 'UPDATED',
  unchanged: 'UNCHANGED',
};

/** Thrown inside a transaction to roll back a write that changed nothing. */
class NothingChanged extends Error {
  constructor(readonly result: Omit<CurationResult, 'dataVersion'>) {
    super('nothing changed');
  }
}

const CURRENT_DATA_VERSION = 'MATCH (d:Dataset {id: $id}) RETURN coalesce(d.dataVersion, 0) AS dataVersion';

/**
 * Runs `work` in a write transaction with the next data version and an audit context; a
 * NothingChanged thrown by `work` rolls back and reports the current version instead.
 */
async function inWriteBatch(
  db: Db,
  actor: string,
  work: (
    tx: WriteTransaction,
    stamp: WriteStamp,
    audit: (entries: AuditEntry[]) => Promise<void>,
  ) => Promise<Omit<CurationResult, 'dataVersion'>>,
): Promise<CurationResult> {
  try {
    return await db.writeTransaction(async (tx) => {
      const at = new Date().toISOString();
      const dataVersion = await bumpDataVersion(tx, at);
      const stamp: WriteStamp = { at, actor, origin: 'curation', importFile: null, importRunId: null };
      const audit = (entries: AuditEntry[]) =>
        writeAuditEvents(tx, { actor, at, dataVersion, source: 'graphql', importRunId: null }, entries);
      return { ...(await work(tx, stamp, audit)), dataVersion };
    });
  } catch (error) {
    if (!(error instanceof NothingChanged)) throw error;
    const [row] = await db.read<{ dataVersion: number }>(CURRENT_DATA_VERSION, { id: 'permed-graph' });
    return { ...error.result, dataVersion: row?.dataVersion ?? 0 };
  }
}

/** Throws BadUserInputError naming `input.<field>` for the first issue. */
function assertValid(issues: ReadonlyArray<{ column: string; reason: string }>): void {
  const [first] = issues;
  if (first !== undefined) throw new BadUserInputError(`input.${first.column}`, first.reason);
}

async function assertReferencesExist(
  runner: Runner,
  references: ReturnType<typeof referencesOf>,
): Promise<void> {
  for (const reference of references) {
    const found = await existingIds(runner, reference.label, [reference.id]);
    if (!found.has(reference.id))
      throw new BadUserInputError(
        `input.${reference.column}`,
        `no ${reference.label} has the id "${reference.id}"`,
      );
  }
}

/** Fields a record needs when it is created (and not merely updated). */
function assertCreatable(kind: EntityKind, record: ValidRecord): void {
  for (const field of ENTITY_DEFS[kind].fields) {
    if (
      field.required === true &&
      field.name !== 'id' &&
      (record[field.name] === undefined || record[field.name] === null)
    ) {
      throw new BadUserInputError(
        `input.${field.name}`,
        `is required to create a new ${ENTITY_DEFS[kind].label}`,
      );
    }
  }
  if (kind === 'funders' && record.countryCode == null && record.kind !== 'EU_BODY') {
    throw new BadUserInputError('input.countryCode', 'is required to create a funder unless kind is EU_BODY');
  }
}

/**
 * Creates or updates one record from a mutation input (GraphQL-typed values; omitted fields
 * stay as they are, null clears an optional one). Idempotent: the same input twice gives
 * UNCHANGED the second time. Project partners named "Name [CC]" are matched within the country.
 */
export async function upsertRecord(
  db: Db,
  kind: EntityKind,
  input: Readonly<Record<string, unknown>>,
  actor: string,
): Promise<CurationResult> {
  const def = ENTITY_DEFS[kind];
  const { record, issues } = validateRecord(kind, input, 'patch');
  assertValid(issues);
  if (typeof record.id !== 'string') throw new BadUserInputError('input.id', 'is required');
  const id = record.id;
  return inWriteBatch(db, actor, async (tx, stamp, audit) => {
    const existing = (await readEntityStates(tx, def, [id])).get(id) ?? null;
    if (existing === null) assertCreatable(kind, record);
    await assertReferencesExist(tx, referencesOf(kind, record));
    let complete = record;
    const entries: AuditEntry[] = [];
    if (kind === 'projects') {
      const partners = await resolvePartners(tx, record, stamp, entries);
      const years = await callYears(
        tx,
        [record.callId, existing?.callId].filter((value): value is string => typeof value === 'string'),
      );
      complete = completeProject(record, partners.resolved, existing, {
        callYear: (callId) => years.get(callId) ?? null,
        organisationCountry: (organisationId) => partners.countries.get(organisationId) ?? null,
      });
    }
    if (
      kind === 'organisations' &&
      existing === null &&
      typeof record.name === 'string' &&
      typeof record.countryCode === 'string'
    ) {
      const twins = new OrganisationIndex(await organisationsInCountry(tx, record.countryCode)).candidates(
        record.name,
        record.countryCode,
      );
      if (twins.length > 0)
        throw new BadUserInputError(
          'input.name',
          `"${record.name}" [${record.countryCode}] is already ${twins.join(', ')}; update that record instead`,
        );
    }
    const plan = planEntity(def, complete, existing);
    if (plan.outcome === 'unchanged' && entries.length === 0)
      throw new NothingChanged({ outcome: 'UNCHANGED', changedFields: [], previous: null });
    const codes = ['countryCode', 'participatingCountryCodes', 'partnerCountryCodes'].flatMap((field) => {
      const value = complete[field];
      return typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
    });
    await ensureCountries(tx, codes, stamp.at);
    if (plan.outcome !== 'unchanged') {
      await writeEntities(tx, def, [complete], stamp);
      entries.push({
        action: plan.outcome === 'created' ? 'CREATE' : 'UPDATE',
        entityLabel: def.label,
        entityId: id,
        fields: plan.fields,
        previous: plan.previous,
        values: plan.values,
      });
    }
    await audit(entries);
    return { outcome: OUTCOMES[plan.outcome], changedFields: plan.fields, previous: null };
  });
}

/** Resolves a project input's coordinator and partners; creates organisations for new names. */
async function resolvePartners(
  tx: WriteTransaction,
  record: ValidRecord,
  stamp: WriteStamp,
  entries: AuditEntry[],
): Promise<{ resolved: Parameters<typeof completeProject>[1]; countries: Map<string, string> }> {
  const references = organisationReferencesOf(record);
  const countries = new Map<string, string>();
  if (record.coordinator === undefined && record.partners === undefined) return { resolved: null, countries };
  const ids = references.flatMap(({ reference }) => ('id' in reference ? [reference.id] : []));
  for (const organisation of await organisationsById(tx, ids))
    countries.set(organisation.id, organisation.countryCode);
  const names = new Map<string, string[]>();
  const resolveOne = async (column: string, reference: OrganisationReference): Promise<string> => {
    if ('id' in reference) {
      if (!countries.has(reference.id))
        throw new BadUserInputError(`input.${column}`, `no Organisation has the id "${reference.id}"`);
      return reference.id;
    }
    const index = new OrganisationIndex(await organisationsInCountry(tx, reference.countryCode));
    const match = index.match(reference.name, reference.countryCode);
    if (match.kind === 'ambiguous') {
      throw new BadUserInputError(
        `input.${column}`,
        `"${reference.name}" [${reference.countryCode}] matches several organisations (${match.ids.join(', ')}); give the id instead`,
      );
    }
    if (match.kind === 'new') {
      if ((await existingIds(tx, 'Organisation', [match.id])).size > 0) {
        throw new BadUserInputError(
          `input.${column}`,
          `"${reference.name}" would become ${match.id}, which is an organisation in another country; give the id instead`,
        );
      }
      const stub: ValidRecord = {
        id: match.id,
        name: reference.name,
        countryCode: reference.countryCode,
        aliases: [],
        sources: record.sources ?? [],
      };
      await ensureCountries(tx, [reference.countryCode], stamp.at);
      await writeEntities(tx, ORGANISATION, [stub], stamp);
      entries.push({
        action: 'CREATE',
        entityLabel: 'Organisation',
        entityId: match.id,
        fields: ['name', 'countryCode'],
        previous: null,
        values: { name: reference.name, countryCode: reference.countryCode },
      });
    }
    countries.set(match.id, reference.countryCode);
    names.set(match.id, [...(names.get(match.id) ?? []), reference.name]);
    return match.id;
  };
  const coordinator =
    record.coordinator == null
      ? null
      : await resolveOne('coordinator', record.coordinator as OrganisationReference);
  const partners: string[] = [];
  for (const reference of (record.partners as OrganisationReference[] | null | undefined) ?? [])
    partners.push(await resolveOne('partners', reference));
  return { resolved: { coordinator, partners, names }, countries };
}

/** Deletes a record with its relationships; UNCHANGED when there is none. Its last state is audited. */
export async function deleteRecord(
  db: Db,
  kind: EntityKind,
  id: string,
  actor: string,
): Promise<CurationResult> {
  const def = ENTITY_DEFS[kind];
  return inWriteBatch(db, actor, async (tx, _stamp, audit) => {
    const previous = await deleteEntity(tx, def, id);
    if (previous === null)
      throw new NothingChanged({ outcome: 'UNCHANGED', changedFields: [], previous: null });
    await audit([
      {
        action: 'DELETE',
        entityLabel: def.label,
        entityId: id,
        fields: Object.keys(previous).sort(),
        previous,
        values: null,
      },
    ]);
    return { outcome: 'DELETED', changedFields: [], previous: null };
  });
}

export interface ProjectLinkRequest {
  projectId: string;
  type: ProjectLinkType;
  targetId: string;
  confidence?: number | null;
  evidence: string;
}

/** Makes or updates a CURATED link from a project (the curator is the actor). */
export async function linkProject(db: Db, input: ProjectLinkRequest, actor: string): Promise<CurationResult> {
  const { record, issues } = validateRecord('links', { ...input }, 'row');
  assertValid(issues);
  const link = {
    projectId: record.projectId as string,
    type: record.type as ProjectLinkType,
    targetId: record.targetId as string,
    confidence: (record.confidence as number | undefined) ?? 1,
    evidence: record.evidence as string,
  };
  return inWriteBatch(db, actor, async (tx, stamp, audit) => {
    await assertReferencesExist(tx, referencesOf('links', record));
    const before =
      (await readProjectLinks(tx, link.type, [link])).get(`${link.projectId}|${link.targetId}`) ?? null;
    const previous =
      before === null
        ? null
        : {
            provenance: before.provenance,
            rule: before.rule,
            confidence: before.confidence,
            evidence: before.evidence,
            curator: before.curator ?? null,
          };
    if (
      before !== null &&
      before.provenance === 'CURATED' &&
      before.confidence === link.confidence &&
      before.evidence === link.evidence
    ) {
      throw new NothingChanged({
        outcome: 'UNCHANGED',
        changedFields: [],
        previous: JSON.stringify(previous),
      });
    }
    await writeProjectLinks(tx, link.type, [link], stamp);
    const fields = ['provenance', 'confidence', 'evidence', 'curator'];
    await audit([
      {
        action: 'LINK',
        entityLabel: 'Project',
        entityId: link.projectId,
        relatedLabel: PROJECT_LINK_TYPES[link.type],
        relatedId: link.targetId,
        relationship: link.type,
        fields,
        previous,
        values: {
          provenance: 'CURATED',
          confidence: link.confidence,
          evidence: link.evidence,
          curator: actor,
        },
      },
    ]);
    return {
      outcome: before === null ? 'CREATED' : 'UPDATED',
      changedFields: fields,
      previous: previous === null ? null : JSON.stringify(previous),
    };
  });
}

/** Removes a project's link of a type to a target; UNCHANGED when there is none. */
export async function unlinkProject(
  db: Db,
  projectId: string,
  type: ProjectLinkType,
  targetId: string,
  actor: string,
): Promise<CurationResult> {
  return inWriteBatch(db, actor, async (tx, _stamp, audit) => {
    const previous = await removeProjectLink(tx, type, projectId, targetId);
    if (previous === null)
      throw new NothingChanged({ outcome: 'UNCHANGED', changedFields: [], previous: null });
    await audit([
      {
        action: 'UNLINK',
        entityLabel: 'Project',
        entityId: projectId,
        relatedLabel: PROJECT_LINK_TYPES[type],
        relatedId: targetId,
        relationship: type,
        fields: Object.keys(previous).sort(),
        previous,
        values: null,
      },
    ]);
    return { outcome: 'DELETED', changedFields: [], previous: JSON.stringify(previous) };
  });
}

/** Makes an organisation a partner of a project with a role, or changes its role. */
export async function linkPartner(
  db: Db,
  projectId: string,
  organisationId: string,
  role: 'COORDINATOR' | 'PARTNER',
  actor: string,
): Promise<CurationResult> {
  return inWriteBatch(db, actor, async (tx, stamp, audit) => {
    if ((await existingIds(tx, 'Project', [projectId])).size === 0)
      throw new BadUserInputError('projectId', `no Project has the id "${projectId}"`);
    if ((await existingIds(tx, 'Organisation', [organisationId])).size === 0) {
      throw new BadUserInputError('organisationId', `no Organisation has the id "${organisationId}"`);
    }
    const previousRole = await setPartnership(tx, organisationId, projectId, role, stamp);
    const previous = previousRole === null ? null : { role: previousRole };
    if (previousRole === role)
      throw new NothingChanged({
        outcome: 'UNCHANGED',
        changedFields: [],
        previous: JSON.stringify(previous),
      });
    await audit([
      {
        action: 'LINK',
        entityLabel: 'Organisation',
        entityId: organisationId,
        relatedLabel: 'Project',
        relatedId: projectId,
        relationship: 'PARTNER_IN',
        fields: ['role'],
        previous,
        values: { role },
      },
    ]);
    return {
      outcome: previousRole === null ? 'CREATED' : 'UPDATED',
      changedFields: ['role'],
      previous: previous === null ? null : JSON.stringify(previous),
    };
  });
}

/** Ends a partnership; UNCHANGED when there is none. */
export async function unlinkPartner(
  db: Db,
  projectId: string,
  organisationId: string,
  actor: string,
): Promise<CurationResult> {
  return inWriteBatch(db, actor, async (tx, _stamp, audit) => {
    const role = await removePartnership(tx, organisationId, projectId);
    if (role === null) throw new NothingChanged({ outcome: 'UNCHANGED', changedFields: [], previous: null });
    await audit([
      {
        action: 'UNLINK',
        entityLabel: 'Organisation',
        entityId: organisationId,
        relatedLabel: 'Project',
        relatedId: projectId,
        relationship: 'PARTNER_IN',
        fields: ['role'],
        previous: { role },
        values: null,
      },
    ]);
    return { outcome: 'DELETED', changedFields: [], previous: JSON.stringify({ role }) };
  });
}
