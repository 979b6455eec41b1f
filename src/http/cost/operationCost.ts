// The price of a GraphQL operation before it runs: one point per object the answer can
// hold (each list multiplied by its `first`, `limit` or cap through the nesting), plus the
// work of the analytics fields. Pure: a schema, a document and variables in, numbers out.

import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import {
  FIELD_WEIGHTS,
  isConnectionPageField,
  LIST_SIZES,
  PAGED_CHILDREN,
  SIZE_ARGUMENTS,
  UNLISTED_LIST_SIZE,
  VOCABULARY_SIZES,
} from './listSizes';

/** Points charged for an introspection field (__schema, __type) and all below it: the schema is in memory. */
export const INTROSPECTION_COST = 100;

/** What the model needs besides the tables of listSizes.ts. */
export interface CostModelOptions {
  /** `first` of a connection the caller leaves it out of (DEFAULT_PAGE_SIZE). */
  defaultPageSize: number;
}

/** The measured shape of one operation. */
export interface OperationCost {
  /** Priced points: objects the answer can hold plus the analytics work (FIELD_WEIGHTS). */
  cost: number;
  /** The part of `cost` that is analytics work rather than objects. */
  work: number;
  /** Fields at the root, aliases and fragments expanded (skipped ones left out). */
  rootFields: number;
  /** Names of the root fields selected (each once), e.g. ["cofundingNetwork"]. */
  rootFieldNames: string[];
}

type Variables = Readonly<Record<string, unknown>> | undefined;

/** Points of a selection per instance of its parent, and the analytics work among them. */
interface Price {
  cost: number;
  work: number;
}
const FREE: Price = Object.freeze({ cost: 0, work: 0 });

/**
 * Prices `operation` against `schema`. Fragments are priced once per (fragment, parent
 * type, page) and reused, so a document that spreads each fragment twice into the next
 * ("fragment doubling") is priced in linear time although its cost doubles per level;
 * costs beyond 2^53 lose precision but stay above any limit (Infinity at worst).
 * Skipped selections (@skip(if: true), @include(if: false)) cost nothing; a directive
 * whose variable is missing counts as selected. Fields the schema does not know cost
 * nothing (validation refuses them first).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  requestVariables: Variables,
  options: CostModelOptions,
): OperationCost {
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, work: 0, rootFields: 0, rootFieldNames: [] };
  const variables = withVariableDefaults(operation, requestVariables);
  const memo = new Map<string, Price>();
  const inProgress = new Set<string>();

  function selectionCost(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    page: number | undefined,
  ): Price {
    const total: Price = { cost: 0, work: 0 };
    const add = (price: Price) => {
      total.cost += price.cost;
      total.work += price.work;
    };
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection.directives, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        add(fieldCost(selection, parent, page));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        // Alternatives on an abstract type are summed: an over-estimate, never an under-estimate.
        if (type && isCompositeType(type)) add(selectionCost(selection.selectionSet, type, page));
      } else {
        add(spreadCost(selection.name.value, parent, page));
      }
    }
    return total;
  }

  function spreadCost(name: string, parent: GraphQLCompositeType, page: number | undefined): Price {
    const key = `${name}|${parent.name}|${page ?? ''}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments[name];
    // A cycle or an unknown fragment is refused by validation; price it at nothing here.
    if (!fragment || inProgress.has(key)) return FREE;
    const type = schema.getType(fragment.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return FREE;
    inProgress.add(key);
    const cost = selectionCost(fragment.selectionSet, type, page);
    inProgress.delete(key);
    memo.set(key, cost);
    return cost;
  }

  function fieldCost(node: FieldNode, parent: GraphQLCompositeType, page: number | undefined): Price {
    const name = node.name.value;
    if (name === '__schema' || name === '__type')
      return { cost: INTROSPECTION_COST, work: INTROSPECTION_COST };
    if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return FREE;
    const field = parent.getFields()[name];
    if (!field) return FREE;
    const key = `${parent.name}.${name}`;
    const weight = FIELD_WEIGHTS[key] ?? 0;
    const type = getNamedType(field.type);
    if (!node.selectionSet || !isCompositeType(type)) return { cost: weight, work: weight };
    const sizeArgument = sizeArgumentValue(field, node, variables);
    const isList = isListType(getNullableType(field.type));
    const size = isList ? listSize(key, parent.name, name, sizeArgument, page) : 1;
    // A field that takes `first`/`limit` pages the lists below it (a connection's nodes, a
    // network's nodes); a list without one passes its parent's page on (communities -> members).
    const childPage = isList ? (sizeArgument === undefined ? page : undefined) : sizeArgument;
    const child = selectionCost(node.selectionSet, type, childPage);
    return { cost: weight + size * (1 + child.cost), work: weight + size * child.work };
  }

  function listSize(
    key: string,
    typeName: string,
    fieldName: string,
    argument: number | undefined,
    page: number | undefined,
  ): number {
    if (argument !== undefined) return argument;
    const paged = PAGED_CHILDREN[key];
    if (paged !== undefined && page !== undefined)
      return Math.min(paged.factor * page, paged.max ?? Infinity);
    if (isConnectionPageField(typeName, fieldName)) return page ?? options.defaultPageSize;
    return LIST_SIZES[key] ?? UNLISTED_LIST_SIZE;
  }

  /** The size argument of a field: given, else its SDL default; capped by a closed vocabulary. */
  function sizeArgumentValue(
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    vars: Variables,
  ): number | undefined {
    const definition = field.args.find((arg) => (SIZE_ARGUMENTS as readonly string[]).includes(arg.name));
    if (!definition) return undefined;
    const given = node.arguments?.find((arg) => arg.name.value === definition.name);
    let value = given ? valueOf(given.value, vars) : undefined;
    if (value === undefined && typeof definition.defaultValue === 'number') value = definition.defaultValue;
    // Every `first` without an SDL default takes the page default (listQuery.ts, search).
    value ??= options.defaultPageSize;
    const vocabulary = VOCABULARY_SIZES[`${root!.name}.${field.name}`];
    return vocabulary !== undefined ? Math.min(value, vocabulary) : value;
  }

  const rootNames = new Set<string>();
  const rootFields = countRootFields(operation.selectionSet, fragments, variables, rootNames, new Set());
  const { cost, work } = selectionCost(operation.selectionSet, root, undefined);
  return { cost, work, rootFields, rootFieldNames: [...rootNames] };
}

/** The request's variables over the defaults the operation declares ($first: Int = 50). */
function withVariableDefaults(operation: OperationDefinitionNode, variables: Variables): Variables {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return { ...defaults, ...variables };
}

/** A size argument's number; undefined for null, a missing variable or a non-number (validation's business). */
function valueOf(value: ValueNode, variables: Variables): number | undefined {
  if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
  if (value.kind === Kind.VARIABLE) {
    const given = variables?.[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? Math.max(0, given) : undefined;
  }
  return undefined;
}

/** False only when @skip(if: true) or @include(if: false) is certain. */
function isIncluded(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((arg) => arg.name.value === 'if')?.value;
    let value: unknown;
    if (condition?.kind === Kind.BOOLEAN) value = condition.value;
    else if (condition?.kind === Kind.VARIABLE) value = variables?.[condition.name.value];
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value === false) return false;
  }
  return true;
}

function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Variables,
  names: Set<string>,
  visited: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection.directives, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      names.add(selection.name.value);
      count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, fragments, variables, names, visited);
    } else {
      const fragment = fragments[selection.name.value];
      // Each fragment counts once at the root: spreading it twice selects the same fields.
      if (!fragment || visited.has(fragment.name.value)) continue;
      visited.add(fragment.name.value);
      count += countRootFields(fragment.selectionSet, fragments, variables, names, visited);
    }
  }
  return count;
}
