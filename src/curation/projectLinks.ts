// The link mutations of projects: a CURATED link to a gap, stage or objective made, changed
// or removed, the curator recorded as the link's actor and the change audited.

import { projectLinkOf, readProjectLinks, removeProjectLink, writeProjectLinks } from '../db/curation';
import { sameCuratedLink } from '../db/planRecord';
import type { Db } from '../db/run';
import { PROJECT_LINK_TYPES, type ProjectLinkType } from '../model';
import { referencesOf, validateRecord } from '../model/validateRecord';
import { assertReferencesExist, assertValid } from './checks';
import { inCurationBatch, unchanged, type CurationResult } from './curationBatch';

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
  const link = projectLinkOf(record);
  return inCurationBatch(db, actor, async ({ tx, stamp, audit }) => {
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
    if (sameCuratedLink(before, link)) unchanged(JSON.stringify(previous));
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
  return inCurationBatch(db, actor, async ({ tx, audit }) => {
    const previous = await removeProjectLink(tx, type, projectId, targetId);
    if (previous === null) unchanged();
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
