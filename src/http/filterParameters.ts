// Reads a GraphQL list filter (ProjectFilter, FunderFilter, ...) from URL query parameters,
// typed by the filter's input type in the schema: the same fields, the same enum values,
// so a table download and the GraphQL list accept the same arguments and stay in step.

import {
  buildASTSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  isListType,
  isNonNullType,
  parse,
  type GraphQLInputType,
} from 'graphql';
import { BadUserInputError } from '../errors';
import { MAX_TEXT_LENGTH } from '../resolvers/arguments';
import { loadTypeDefs } from '../schema';
import {
  booleanText,
  choiceText,
  integerText,
  numberText,
  parameterValues,
  type Query,
} from './queryParameters';

/** One query parameter of a filter: the GraphQL field it fills and how to read it. */
export interface FilterParameter {
  /** The GraphQL input field, e.g. calls. */
  field: string;
  /** Names accepted in the URL: the field and, for lists, its singular (call=jtc2024) as the network exports use. */
  names: string[];
  list: boolean;
  /** GraphQL type name of the value (ID, String, Int, Float, Boolean or an enum). */
  type: string;
  /** Allowed values of an enum type. */
  values: string[] | null;
  description: string;
}

/** The scalar types a URL parameter can hold (besides enums). */
const URL_SCALARS = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

let schemaTypes: ReturnType<typeof buildASTSchema> | null = null;

function inputFields(typeName: string): ReturnType<GraphQLInputObjectType['getFields']>[string][] {
  schemaTypes ??= buildASTSchema(parse(loadTypeDefs().join('\n')));
  const type = schemaTypes.getType(typeName);
  if (!(type instanceof GraphQLInputObjectType)) {
    throw new TypeError(`filterParameters expects an input type, received ${typeName}`);
  }
  return Object.values(type.getFields());
}

function isUrlReadable(field: ReturnType<typeof inputFields>[number]): boolean {
  const named = getNamedType(field.type);
  return named instanceof GraphQLEnumType || URL_SCALARS.has(named.name);
}

/**
 * Fields of the input type that a URL parameter cannot hold (a nested input object); the
 * tables leave them out rather than fail, and a unit test keeps this list empty.
 */
export function unreadableFilterFields(typeName: string): string[] {
  return inputFields(typeName)
    .filter((field) => !isUrlReadable(field))
    .map((field) => field.name);
}

/** The parameters of the schema's input type `typeName`, e.g. ProjectFilter. */
export function filterParameters(typeName: string): FilterParameter[] {
  return inputFields(typeName)
    .filter(isUrlReadable)
    .map((field) => {
      const list = isListType(unwrapNonNull(field.type));
      const named = getNamedType(field.type);
      const singular = list ? singularOf(field.name) : null;
      return {
        field: field.name,
        names: singular && singular !== field.name ? [field.name, singular] : [field.name],
        list,
        type: named.name,
        values: named instanceof GraphQLEnumType ? named.getValues().map((value) => value.name) : null,
        description: field.description ?? '',
      };
    });
}

function unwrapNonNull(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? type.ofType : type;
}

/** countries -> country, calls -> call, ids -> id. */
function singularOf(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function scalarValue(parameter: FilterParameter, name: string, text: string): unknown {
  if (parameter.values !== null) return choiceText(text, name, parameter.values);
  switch (parameter.type) {
    case 'Int':
      return integerText(text, name, true);
    case 'Float':
      return numberText(text, name);
    case 'Boolean':
      return booleanText(text, name);
    default:
      if (text.length > MAX_TEXT_LENGTH) {
        throw new BadUserInputError(name, `must be at most ${MAX_TEXT_LENGTH} characters`);
      }
      return text;
  }
}

/**
 * The filter that `query` describes, with the GraphQL field names as keys (fields not given
 * are absent). `ignore` names other parameters of the route (e.g. bom).
 * @throws BadUserInputError naming the parameter: unknown, repeated when single, or of the wrong type.
 */
export function filterFromQuery(
  parameters: readonly FilterParameter[],
  query: Query,
  ignore: readonly string[] = [],
): Record<string, unknown> {
  const known = new Map(
    parameters.flatMap((parameter) => parameter.names.map((name) => [name, parameter] as const)),
  );
  for (const name of Object.keys(query)) {
    if (!known.has(name) && !ignore.includes(name)) {
      const allowed = [...parameters.map((parameter) => parameter.names.join('|')), ...ignore].join(', ');
      throw new BadUserInputError(name, `is not a parameter of this table; use ${allowed}`);
    }
  }
  const filter: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const given = parameter.names.flatMap((name) =>
      (parameterValues(query, name) ?? []).map((text) => ({ name, text })),
    );
    if (given.length === 0) continue;
    if (!parameter.list && given.length > 1) {
      throw new BadUserInputError(parameter.field, `must be given once, got ${given.length} values`);
    }
    const values = given.map(({ name, text }) => scalarValue(parameter, name, text));
    filter[parameter.field] = parameter.list ? [...new Set(values)] : values[0];
  }
  return filter;
}
