// The upsert mutations: one record created or updated from a mutation input, planned against
// its current state and written with its audit events in one batch.

import type { AuditEntry } from '../db/audit';
import {
  callYears,
  ensureCountries,
  organisationsInCountry,
  readEntityStates,
  writeEntities,
} from '../db/curation';
import { OrganisationIndex } from '../db/matchOrganisation';
import {
  completeIdentifiers,
  completeProject,
  countryCodesOf,
  planEntity,
  type PlanOutcome,
} from '../db/planRecord';
import type { Db, WriteTransaction } from '../db/run';
import { BadUserInputError } from '../errors';
import { ENTITY_DEFS, type EntityKind, type EntityState, type ValidRecord } from '../model';
import { referencesOf, validateRecord } from '../model/validateRecord';
import { assertCreatable, assertReferencesExist, assertValid } from './checks';
import { inCurationBatch, unchanged, type CurationBatch, type CurationResult } from './curationBatch';
import { resolvePartners } from './resolvePartners';

const OUTCOMES: Record<PlanOutcome, CurationResult['outcome']> = {
  created: 'CREATED',
  updated: 'UPDATED',
  unchanged: 'UNCHANGED',
};

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
  return inCurationBatch(db, actor, async (batch) => {
    const { tx, stamp } = batch;
    const existing = (await readEntityStates(tx, def, [id])).get(id) ?? null;
    if (existing === null) assertCreatable(kind, record);
    await assertReferencesExist(tx, referencesOf(kind, record));
    const entries: AuditEntry[] = [];
    const complete =
      kind === 'projects'
        ? await completeProjectInput(batch, record, existing, entries)
        : completeIdentifiers(record, existing, 'USER_IMPORT');
    if (kind === 'organisations' && existing === null) await assertNoTwin(tx, record);
    const plan = planEntity(complete, existing);
    if (plan.outcome === 'unchanged' && entries.length === 0) unchanged();
    await ensureCountries(tx, countryCodesOf(complete), stamp.at);
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
    await batch.audit(entries);
    return { outcome: OUTCOMES[plan.outcome], changedFields: plan.fields, previous: null };
  });
}

/** A project input with its partners resolved (new ones created) and its derived fields filled in. */
async function completeProjectInput(
  batch: CurationBatch,
  record: ValidRecord,
  existing: EntityState | null,
  entries: AuditEntry[],
): Promise<ValidRecord> {
  const partners = await resolvePartners(batch, record, entries);
  const years = await callYears(
    batch.tx,
    [record.callId, existing?.callId].filter((value): value is string => typeof value === 'string'),
  );
  return completeProject(record, partners.resolved, existing, {
    callYear: (callId) => years.get(callId) ?? null,
    organisationCountry: (organisationId) => partners.countries.get(organisationId) ?? null,
  });
}

/** A new organisation may not take the name of one that exists in its country. */
async function assertNoTwin(tx: WriteTransaction, record: ValidRecord): Promise<void> {
  if (typeof record.name !== 'string' || typeof record.countryCode !== 'string') return;
  const index = new OrganisationIndex(await organisationsInCountry(tx, record.countryCode));
  const twins = index.candidates(record.name, record.countryCode);
  if (twins.length > 0)
    throw new BadUserInputError(
      'input.name',
      `"${record.name}" [${record.countryCode}] is already ${twins.join(', ')}; update that record instead`,
    );
}
