// One declaration per property. A FieldSpec names the property, its kind and bounds, what it
// holds (docs and templates), the relationship it becomes, and its stored zod schema: the record
// types (z.infer), seed validation and node shapes follow from it; import coercion from its kind.

import type { z } from 'zod';
import type { ReferenceLabel } from './kinds';
import {
  storedBoolean,
  storedCode,
  storedConfidence,
  storedCountry,
  storedDate,
  storedEnum,
  storedId,
  storedInteger,
  storedList,
  storedNumber,
  storedObject,
  storedText,
  storedTimestamp,
  storedUrl,
  type ListOptions,
} from './stored';

/** Kinds of import columns and mutation input fields (coerce.ts turns text or JSON into them). */
export type ColumnKind =
  | 'text'
  | 'id'
  | 'integer'
  | 'amount'
  | 'confidence'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'country'
  | 'url'
  | 'organisation'
  | 'identifier';

/** Column kinds, plus kinds of properties that only the seeds hold (never an import column). */
export type FieldKind = ColumnKind | 'number' | 'timestamp' | 'code' | 'object';

/** A property stored as a relationship rather than (or as well as) a node property. */
export interface RelationSpec {
  type: string;
  other: 'Country' | 'Region' | 'Programme' | 'Call' | 'Funder' | 'Organisation' | 'ValueChainStage';
  /** out: (entity)-[:TYPE]->(other); in: (other)-[:TYPE]->(entity). */
  direction: 'out' | 'in';
  /** Also kept as a node property (e.g. countryCode, which lists filter on). */
  alsoProperty?: boolean;
}

/** One property of a record: a seed record field, an import column and a mutation input field. */
export interface FieldSpec<N extends string = string, T = unknown> {
  /** Key in the seed record and JSON, column name in CSV, field of the GraphQL input. */
  name: N;
  kind: FieldKind;
  /** A list: `;`-separated in CSV, an array in JSON and in the seeds. */
  list?: boolean;
  /** Needed in every import row and when a mutation creates the record; never null when stored. */
  required?: boolean;
  /** The value is the id of an existing node with this label. */
  ref?: ReferenceLabel;
  /** Allowed values of an enum. */
  values?: readonly string[];
  /** Inclusive bounds of an integer column. */
  min?: number;
  max?: number;
  /** Date columns: a month only (YYYY-MM) is accepted too. */
  monthAllowed?: boolean;
  /** What the property holds, for docs/import.md and the templates. */
  description: string;
  /** 'seed': a record property that is no import column; 'import': a column that is no record property. */
  only?: 'seed' | 'import';
  /** The relationship the property is written as. */
  relation?: RelationSpec;
  /** The stored value: its TypeScript type (z.infer) and the seed validator's check. */
  stored?: z.ZodType<T>;
  /** Properties of each item of an 'object' list (project partners). */
  fields?: readonly FieldSpec[];
}

/** Separator of list items inside one CSV cell. */
export const LIST_SEPARATOR = ';';

// --- Builders ---------------------------------------------------------------------------------

/** How a property is held: which of the import, the seeds and the graph know it, and how. */
export interface FieldOptions extends ListOptions {
  /** Needed in every import row; never null when stored. */
  required?: boolean;
  /** Never null when stored, though an import row may leave it out (a default applies). */
  present?: boolean;
  list?: boolean;
  ref?: ReferenceLabel;
  relation?: RelationSpec;
  only?: 'seed' | 'import';
  monthAllowed?: boolean;
}

/** The stored type of a property: a list is always an array; an optional value may be null. */
type Stored<T, O> = O extends { list: true }
  ? T[]
  : O extends { required: true } | { present: true }
    ? T
    : T | null;

/** A spec whose `only` and `relation` keep their literal types, so record and node types can use them. */
export type Declared<N extends string, T, O> = FieldSpec<N, Stored<T, O>> &
  (O extends { only: infer W } ? { only: W } : unknown) &
  (O extends { relation: infer R } ? { relation: R } : unknown);

type Extra = Pick<FieldSpec, 'values' | 'min' | 'max' | 'fields'>;

function declare<const N extends string, T, const O extends FieldOptions>(
  name: N,
  kind: FieldKind,
  item: z.ZodType<T> | null,
  description: string,
  options: O,
  extra: Extra = {},
): Declared<N, T, O> {
  const { nonEmpty, unique, present, ...rest } = options;
  let stored: z.ZodType | undefined;
  if (item !== null && options.only !== 'import') {
    if (options.list === true) stored = storedList(item, { nonEmpty, unique });
    else stored = options.required === true || present === true ? item : item.nullable();
  }
  const spec: FieldSpec = { name, kind, ...extra, ...rest, description };
  if (stored !== undefined) spec.stored = stored;
  return spec as Declared<N, T, O>;
}

/** Free text; stored non-empty; an import trims it and takes at most 20,000 characters. */
export function text<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, string, O> {
  return declare(name, 'text', storedText, description, options);
}

/** A lower-case slug id, e.g. project-permanens; with `ref`, the id of an existing node. */
export function id<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, string, O> {
  return declare(name, 'id', storedId, description, options);
}

/** A whole number from `min` to `max` (inclusive; no upper bound when max is left out). */
export function integer<const N extends string, const O extends FieldOptions = object>(
  name: N,
  bounds: { min: number; max?: number },
  description: string,
  options: O = {} as O,
): Declared<N, number, O> {
  return declare(name, 'integer', storedInteger(bounds.min, bounds.max), description, options, bounds);
}

/** A year from 1900 to 2100. */
export function year<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, number, O> {
  return integer(name, { min: 1900, max: 2100 }, description, options);
}

/** A published count: stored as any whole number from 0; an import takes up to 1,000,000. */
export function count<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, number, O> {
  return declare(name, 'integer', storedInteger(0), description, options, { min: 0, max: 1_000_000 });
}

/** Euros: stored as any number from 0; an import takes plain decimals up to 10^13. */
export function amount<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, number, O> {
  return declare(name, 'amount', storedNumber(0, Number.MAX_SAFE_INTEGER), description, options);
}

/** How sure a judgement is: 0 < c <= 1. */
export function confidence<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, number, O> {
  return declare(name, 'confidence', storedConfidence, description, options);
}

/** true or false; an import also reads yes/no and 1/0. */
export function boolean<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, boolean, O> {
  return declare(name, 'boolean', storedBoolean, description, options);
}

/** A calendar date YYYY-MM-DD; the seeds may hold a month YYYY-MM, an import only with monthAllowed. */
export function date<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, string, O> {
  return declare(name, 'date', storedDate, description, options);
}

/** One of `values` (upper-case enumerations as the GraphQL enums have them). */
export function oneOf<
  const N extends string,
  const V extends readonly [string, ...string[]],
  const O extends FieldOptions = object,
>(name: N, values: V, description: string, options: O = {} as O): Declared<N, V[number], O> {
  const item = storedEnum(values) as unknown as z.ZodType<V[number]>;
  return declare(name, 'enum', item, description, options, { values });
}

/** An assigned ISO 3166-1 alpha-2 country code; an import upper-cases it. */
export function country<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, string, O> {
  return declare(name, 'country', storedCountry, description, options);
}

/** Public http(s) URLs the facts come from: at least one, none twice. */
export function sources(description = 'Public URLs the facts come from (at least one).') {
  return declare('sources', 'url', storedUrl, description, {
    list: true,
    required: true,
    nonEmpty: true,
    unique: true,
  });
}

/** An import column naming a partner organisation by id or as "Name [CC]" (never stored as such). */
export function organisation<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, never, O & { only: 'import' }> {
  return declare(name, 'organisation', null, description, { ...options, only: 'import' as const });
}

/**
 * The import column `identifiers`: persistent identifiers as `SCHEME:value` (e.g. `PIC:999991722`,
 * src/model/identifiers.ts). Stored as (record)-[:HAS_IDENTIFIER]->(:Identifier) relationships,
 * never as a node or seed property; a given list replaces the record's identifiers.
 */
export function identifiers(description: string) {
  return declare('identifiers', 'identifier', null, description, { list: true, only: 'import' as const });
}

/** A number from `min` to `max` (coordinates, stage order); seeds only. */
export function number<const N extends string, const O extends FieldOptions = object>(
  name: N,
  bounds: { min: number; max: number },
  description: string,
  options: O = {} as O,
): Declared<N, number, O> {
  return declare(name, 'number', storedNumber(bounds.min, bounds.max), description, options, bounds);
}

/** An ISO timestamp like 2026-11-29T00:00:00.000Z; seeds only. */
export function timestamp<const N extends string, const O extends FieldOptions = object>(
  name: N,
  description: string,
  options: O = {} as O,
): Declared<N, string, O> {
  return declare(name, 'timestamp', storedTimestamp, description, options);
}

/** Text of a fixed shape (`expected` names it in messages); seeds only. */
export function code<const N extends string, const O extends FieldOptions = object>(
  name: N,
  pattern: RegExp,
  expected: string,
  description: string,
  options: O = {} as O,
): Declared<N, string, O> {
  const item = storedCode(pattern, expected);
  return declare(name, 'code', item, description, options);
}

/** Nested records (a project's partners): each item has exactly `fields`; seeds only. */
export function object<
  const N extends string,
  const F extends readonly FieldSpec[],
  const O extends FieldOptions = object,
>(name: N, fields: F, description: string, options: O = {} as O): Declared<N, RecordOf<F>, O> {
  const item = recordSchema(fields) as unknown as z.ZodType<RecordOf<F>>;
  return declare(name, 'object', item, description, options, { fields });
}

// --- Records ----------------------------------------------------------------------------------

type Keep<S> = S extends { only: 'import' } ? false : true;
type StoredOf<S> = S extends FieldSpec<string, infer T> ? T : never;

/** The record a list of specs describes (seed records): one key per stored property. */
export type RecordOf<F extends readonly FieldSpec[]> = {
  [S in F[number] as Keep<S> extends true ? S['name'] : never]: StoredOf<S>;
};

/** The stored properties of a spec list (import-only columns left out), in declaration order. */
export function storedFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.filter((field) => field.only !== 'import' && field.stored !== undefined);
}

/** A strict zod object of the stored properties: unknown keys and missing ones are issues. */
export function recordSchema(fields: readonly FieldSpec[]): z.ZodType {
  return storedObject(
    Object.fromEntries(storedFields(fields).map((field) => [field.name, field.stored as z.ZodType])),
  );
}

/** Node properties as stored in Neo4j: relationship fields left out, null ones absent (optional). */
export type NodeOf<F extends readonly FieldSpec[]> = Flatten<
  {
    [
      S in F[number] as IsProperty<S> extends true ? (null extends StoredOf<S> ? never : S['name']) : never
    ]: StoredOf<S>;
  } & {
    [
      S in F[number] as IsProperty<S> extends true ? (null extends StoredOf<S> ? S['name'] : never) : never
    ]?: StoredOf<S>;
  }
>;
type IsProperty<S> =
  Keep<S> extends false
    ? false
    : S extends { relation: { alsoProperty: true } }
      ? true
      : S extends { relation: object }
        ? false
        : true;
type Flatten<T> = { [K in keyof T]: T[K] };
