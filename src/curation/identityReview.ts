// The curation mutation that clears an organisation's possible-duplicate flag, all of it or some
// ids, once a curator has judged the records apart; audited as an UPDATE of possibleDuplicateOf
// (previous and new lists), in one write batch like every curation write. A connector never writes
// the flag again on a node it matches (src/connectors/planRecords.ts), so a cleared flag stays
// cleared when the same export is loaded again.

import { readPossibleDuplicates, writePossibleDuplicates } from '../db/identityReview';
import type { Db } from '../db/run';
import { BadUserInputError } from '../errors';
import { inCurationBatch, unchanged, type CurationResult } from './curationBatch';

/**
 * Takes `of` (all when null) off the possibleDuplicateOf of organisation `organisationId`.
 * Idempotent: ids it does not hold change nothing, and a write that removes none is UNCHANGED.
 * @throws BadUserInputError naming organisationId when there is no such organisation.
 */
export async function clearPossibleDuplicate(
  db: Db,
  organisationId: string,
  of: readonly string[] | null,
  actor: string,
): Promise<CurationResult> {
  return inCurationBatch(db, actor, async (batch) => {
    const held = await readPossibleDuplicates(batch.tx, organisationId);
    if (held === null)
      throw new BadUserInputError('organisationId', `no Organisation has the id "${organisationId}"`);
    const kept = of === null ? [] : held.filter((id) => !of.includes(id));
    if (kept.length === held.length) unchanged();
    await writePossibleDuplicates(batch.tx, organisationId, kept, batch.stamp);
    await batch.audit([
      {
        action: 'UPDATE',
        entityLabel: 'Organisation',
        entityId: organisationId,
        fields: ['possibleDuplicateOf'],
        previous: { possibleDuplicateOf: held },
        values: { possibleDuplicateOf: kept },
      },
    ]);
    return { outcome: 'UPDATED', changedFields: ['possibleDuplicateOf'], previous: null };
  });
}
