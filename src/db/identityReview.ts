// Cypher of the identity review flag: the possibleDuplicateOf list that a connector writes on an
// organisation it created from a row it could not match for sure (src/connectors/resolveIdentities.ts),
// read and rewritten by the curation mutation that clears it (src/curation/identityReview.ts).

import type { WriteStamp } from './curation';
import type { WriteTransaction } from './run';

/** The organisation's possibleDuplicateOf ([] when it has none), or null when there is no such organisation. */
export async function readPossibleDuplicates(tx: WriteTransaction, id: string): Promise<string[] | null> {
  const [row] = await tx.run<{ ids: string[] | null }>(
    'MATCH (o:Organisation {id: $id}) RETURN o.possibleDuplicateOf AS ids',
    { id },
  );
  return row === undefined ? null : (row.ids ?? []);
}

/**
 * Sets the organisation's possibleDuplicateOf to `ids` (an empty list removes the property, as
 * a record nothing doubted holds none), with the write stamp. The record's datasets stay as they
 * are: a curator's verdict on a doubt is no fact of the users' dataset.
 */
export async function writePossibleDuplicates(
  tx: WriteTransaction,
  id: string,
  ids: readonly string[],
  stamp: WriteStamp,
): Promise<void> {
  await tx.run(
    `MATCH (o:Organisation {id: $id})
SET o.possibleDuplicateOf = CASE WHEN size($ids) = 0 THEN null ELSE $ids END,
    o.updatedAt = $at, o.lastChangedBy = $actor`,
    { id, ids: [...ids], at: stamp.at, actor: stamp.actor },
  );
}
