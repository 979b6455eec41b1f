// The shape of an import kind's definition: its label, its columns (the fields an import row and a
// mutation input may hold, in template order) and the columns written as relationships.

import type { FieldSpec, RelationSpec } from './fields';
import type { EntityKind } from './kinds';

/** The labels of the import kinds' nodes. */
export type EntityDefLabel = 'Funder' | 'Call' | 'Organisation' | 'Project';

/** A column that is stored as a relationship rather than (or as well as) a property. */
export interface RelationDef extends RelationSpec {
  field: string;
  many: boolean;
}

export interface EntityDef {
  kind: EntityKind;
  label: EntityDefLabel;
  /** The import columns, in the templates' order (seed-only properties left out). */
  fields: readonly FieldSpec[];
  relations: readonly RelationDef[];
}

/** The import definition of a kind whose record properties are `fields`. */
export function entityDef(kind: EntityKind, label: EntityDefLabel, fields: readonly FieldSpec[]): EntityDef {
  const columns = fields.filter((field) => field.only !== 'seed');
  const relations = columns.flatMap((field): RelationDef[] =>
    field.relation === undefined ? [] : [{ field: field.name, ...field.relation, many: field.list === true }],
  );
  return { kind, label, fields: columns, relations };
}
