// The import kinds' definitions by kind, and the columns of each kind (links included).

import { CALL } from './call';
import type { EntityDef } from './entityDef';
import type { FieldSpec } from './fields';
import { FUNDER } from './funder';
import type { EntityKind, ImportKind } from './kinds';
import { ORGANISATION } from './organisation';
import { PROJECT } from './project';
import { LINK_FIELDS } from './provenance';

export const ENTITY_DEFS: Readonly<Record<EntityKind, EntityDef>> = {
  funders: FUNDER,
  calls: CALL,
  organisations: ORGANISATION,
  projects: PROJECT,
};

/** The columns of an import kind. */
export function fieldsOf(kind: ImportKind): readonly FieldSpec[] {
  return kind === 'links' ? LINK_FIELDS : ENTITY_DEFS[kind].fields;
}
