// Checks of a mutation's input that name the field at fault: validation issues, references
// to records that must exist, and the fields a new record needs.

import { existingIds } from '../db/curation';
import type { WriteTransaction } from '../db/run';
import { BadUserInputError } from '../errors';
import { ENTITY_DEFS, type EntityKind } from '../model';
import type { ValidRecord } from '../model';
import type { Reference } from '../model/validateRecord';

/** Throws BadUserInputError naming `input.<field>` for the first issue. */
export function assertValid(issues: ReadonlyArray<{ column: string; reason: string }>): void {
  const [first] = issues;
  if (first !== undefined) throw new BadUserInputError(`input.${first.column}`, first.reason);
}

/** Throws BadUserInputError naming `input.<column>` for the first reference to a missing record. */
export async function assertReferencesExist(
  tx: WriteTransaction,
  references: readonly Reference[],
): Promise<void> {
  for (const reference of references) {
    const found = await existingIds(tx, reference.label, [reference.id]);
    if (!found.has(reference.id))
      throw new BadUserInputError(
        `input.${reference.column}`,
        `no ${reference.label} has the id "${reference.id}"`,
      );
  }
}

/** Fields a record needs when it is created (and not merely updated). */
export function assertCreatable(kind: EntityKind, record: ValidRecord): void {
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
