// Every root field and every field returning an object (or a union) of the schema is either
// planned (PLANNED_ROOTS, PLANNED_FIELDS) or loaded for a stated reason (loadedFields.ts), and
// docs/architecture.md shows exactly that classification: the table below is rendered from
// the data, so neither the page nor the data can drift from the schema.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isCompositeType, isObjectType, type GraphQLObjectType } from 'graphql';
import {
  LOADED_FIELDS,
  LOADED_ROOTS,
  LOADED_TYPES,
  type LoadedReason,
  WHY_LOADED,
} from '../../../src/resolvers/planning/loadedFields';
import { PLANNED_FIELDS, PLANNED_ROOTS } from '../../../src/resolvers/planning/plannedFields';
import { loadTypeDefs } from '../../../src/schema';

const schema = buildSchema(loadTypeDefs().join('\n'));
const page = readFileSync(path.resolve(__dirname, '../../../docs/architecture.md'), 'utf8');
const START = '<!-- planned-fields: rendered by test/unit/docs/plannedFields.test.ts -->';
const END = '<!-- /planned-fields -->';

const ROOT_TYPES = ['Query', 'Mutation'];

/** The object types other than the roots and introspection's, in schema order. */
function objectTypes(): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType =>
      isObjectType(type) && !type.name.startsWith('__') && !ROOT_TYPES.includes(type.name),
  );
}

/** A type's fields that return an object, a union or an interface: the relations to classify. */
function relationFields(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((field) => isCompositeType(getNamedType(field.type)))
    .map((field) => field.name);
}

function rootFields(): Array<{ type: string; field: string }> {
  return ROOT_TYPES.flatMap((name) => {
    const type = schema.getType(name);
    return isObjectType(type) ? Object.keys(type.getFields()).map((field) => ({ type: name, field })) : [];
  });
}

const code = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/** The table of docs/architecture.md, rendered from the classification. */
function renderTable(): string {
  const rows: string[] = ['| type | fields | planned or loaded |', '|---|---|---|'];
  const byShape = (shape: 'by id' | 'list') =>
    Object.keys(PLANNED_ROOTS).filter((root) => PLANNED_ROOTS[root] === shape);
  rows.push(
    `| \`Query\` | ${code(byShape('by id'))} | planned when a planned field is selected below; ` +
      'otherwise the by-id loader, which batches such roots into one statement |',
    `| \`Query\` | ${code(byShape('list'))} | planned when a planned field is selected below \`nodes\` ` +
      'or `edges.node`, or when `totalCount` is selected with the page; otherwise listNodes |',
  );
  for (const type of ROOT_TYPES) {
    for (const reason of Object.keys(WHY_LOADED) as LoadedReason[]) {
      const fields = rootFields()
        .filter((root) => root.type === type && LOADED_ROOTS[root.field] === reason)
        .map((root) => root.field);
      if (fields.length > 0) rows.push(`| \`${type}\` | ${code(fields)} | ${WHY_LOADED[reason]} |`);
    }
  }
  for (const type of objectTypes()) {
    const planned = PLANNED_FIELDS[type.name];
    if (!planned) continue;
    rows.push(
      `| \`${type.name}\` | ${code(Object.keys(planned))} | planned, at any depth below a planned root; ` +
        'loaded below an unplanned parent or when an argument is invalid |',
    );
    const unplanned = LOADED_FIELDS[type.name] ?? {};
    for (const reason of new Set(Object.values(unplanned))) {
      const fields = Object.keys(unplanned).filter((field) => unplanned[field] === reason);
      rows.push(`| \`${type.name}\` | ${code(fields)} | ${WHY_LOADED[reason]} |`);
    }
  }
  for (const reason of Object.keys(WHY_LOADED) as LoadedReason[]) {
    const types = objectTypes()
      .map((type) => type.name)
      .filter((name) => LOADED_TYPES[name] === reason);
    if (types.length > 0) rows.push(`| ${code(types)} | every field returning an object | ${WHY_LOADED[reason]} |`);
  }
  return rows.join('\n');
}

describe('the planned and loaded fields', () => {
  it('classify every root field once: planned, or loaded for a reason', () => {
    const unclassified = rootFields().filter(
      ({ field }) => (field in PLANNED_ROOTS ? 1 : 0) + (field in LOADED_ROOTS ? 1 : 0) !== 1,
    );
    expect(unclassified).toEqual([]);
    const known = new Set(rootFields().map((root) => root.field));
    expect([...Object.keys(PLANNED_ROOTS), ...Object.keys(LOADED_ROOTS)].filter((f) => !known.has(f))).toEqual(
      [],
    );
  });

  it('classify every field returning an object of every type once', () => {
    const unclassified: string[] = [];
    for (const type of objectTypes()) {
      const planned = PLANNED_FIELDS[type.name];
      const fields = relationFields(type);
      if (type.name in LOADED_TYPES) {
        if (planned || fields.length === 0) unclassified.push(`${type.name} (listed as a loaded type)`);
        continue;
      }
      for (const field of fields) {
        const places = (planned && field in planned ? 1 : 0) + (field in (LOADED_FIELDS[type.name] ?? {}) ? 1 : 0);
        if (places !== 1) unclassified.push(`${type.name}.${field}`);
      }
    }
    expect(unclassified).toEqual([]);
  });

  it('name only types and fields the schema has', () => {
    const stale: string[] = [];
    for (const table of [PLANNED_FIELDS, LOADED_FIELDS]) {
      for (const [typeName, fields] of Object.entries(table)) {
        const type = schema.getType(typeName);
        for (const field of Object.keys(fields)) {
          if (!isObjectType(type) || !(field in type.getFields())) stale.push(`${typeName}.${field}`);
        }
      }
    }
    for (const typeName of Object.keys(LOADED_TYPES)) if (!schema.getType(typeName)) stale.push(typeName);
    expect(stale).toEqual([]);
  });

  it('are shown in docs/architecture.md exactly as rendered from the data', () => {
    const section = page.split(START)[1]?.split(END)[0];
    expect(section?.trim()).toBe(renderTable());
  });
});
