// The partnership mutations: an organisation made a project's coordinator or partner, its
// role changed, or the partnership ended; each change audited on the organisation.

import { existingIds, removePartnership, setPartnership } from '../db/curation';
import type { Db } from '../db/run';
import { BadUserInputError } from '../errors';
import { inCurationBatch, unchanged, type CurationResult } from './curationBatch';

/** Makes an organisation a partner of a project with a role, or changes its role. */
export async function linkPartner(
  db: Db,
  projectId: string,
  organisationId: string,
  role: 'COORDINATOR' | 'PARTNER',
  actor: string,
): Promise<CurationResult> {
  return inCurationBatch(db, actor, async ({ tx, stamp, audit }) => {
    if ((await existingIds(tx, 'Project', [projectId])).size === 0)
      throw new BadUserInputError('projectId', `no Project has the id "${projectId}"`);
    if ((await existingIds(tx, 'Organisation', [organisationId])).size === 0) {
      throw new BadUserInputError('organisationId', `no Organisation has the id "${organisationId}"`);
    }
    const previousRole = await setPartnership(tx, organisationId, projectId, role, stamp);
    const previous = previousRole === null ? null : { role: previousRole };
    if (previousRole === role) unchanged(JSON.stringify(previous));
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
  return inCurationBatch(db, actor, async ({ tx, audit }) => {
    const role = await removePartnership(tx, organisationId, projectId);
    if (role === null) unchanged();
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
