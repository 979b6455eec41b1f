// A project input's coordinator and partners resolved to organisation ids: ids must exist,
// names "Name [CC]" match one organisation in that country, or none (then one is created,
// audited with the mutation), or several (refused: give the id).

import {
  ensureCountries,
  existingIds,
  organisationsById,
  organisationsInCountry,
  writeEntities,
} from '../db/curation';
import type { AuditEntry } from '../db/audit';
import { OrganisationIndex } from '../db/matchOrganisation';
import type { completeProject } from '../db/planRecord';
import { BadUserInputError } from '../errors';
import { ORGANISATION } from '../model';
import type { OrganisationReference } from '../model';
import type { ValidRecord } from '../model';
import { organisationReferencesOf } from '../model/validateRecord';
import type { CurationBatch } from './curationBatch';

/** Partners as completeProject takes them, and the countries of every organisation named. */
export interface ResolvedPartners {
  resolved: Parameters<typeof completeProject>[1];
  countries: Map<string, string>;
}

/**
 * Resolves a project input's coordinator and partners; creates organisations for new names
 * and adds their CREATE events to `entries`. `resolved` is null when the input names neither.
 */
export async function resolvePartners(
  batch: CurationBatch,
  record: ValidRecord,
  entries: AuditEntry[],
): Promise<ResolvedPartners> {
  const { tx } = batch;
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
    const id = await matchOrCreate(batch, column, reference, record.sources ?? [], entries);
    countries.set(id, reference.countryCode);
    names.set(id, [...(names.get(id) ?? []), reference.name]);
    return id;
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

/** The organisation a name matches in its country, created (and audited) when it matches none. */
async function matchOrCreate(
  { tx, stamp }: CurationBatch,
  column: string,
  reference: { name: string; countryCode: string },
  sources: unknown,
  entries: AuditEntry[],
): Promise<string> {
  const index = new OrganisationIndex(await organisationsInCountry(tx, reference.countryCode));
  const match = index.match(reference.name, reference.countryCode);
  if (match.kind === 'ambiguous') {
    throw new BadUserInputError(
      `input.${column}`,
      `"${reference.name}" [${reference.countryCode}] matches several organisations (${match.ids.join(', ')}); give the id instead`,
    );
  }
  if (match.kind === 'existing') return match.id;
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
    sources,
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
  return match.id;
}
