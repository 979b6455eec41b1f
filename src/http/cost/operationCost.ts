// The price of a GraphQL operation before it runs: one point per object the answer can
// hold (each list multiplied by its `first`, `limit` or cap through the nesting, or by the
// graph's largest such list when that is smaller), plus the work of the analytics fields.
// Pure: a schema, a document, variables and the graph's statistics in, numbers out.

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
  type GraphStatistics,
  ID_FILTER_FIELDS,
  LIST_VARIANT_ARGUMENTS,
  variantKey,
} from '../../resolvers/graphStatisticsModel';
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
  /**
   * The graph's largest lists (src/resolvers/graphStatistics.ts, read per data version by the
   * prewarm): each list is priced at the smaller of its size above and the graph's largest.
   * Null or absent: the sizes above alone (the price before the first statistics).
   */
  statistics?: GraphStatistics | null;
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
  /**
   * The costliest chain of fields, by response name (alias or name), each the costliest of its
   * selection, e.g. ["funders", "nodes", "calls", "funders"]: where a refused operation should
   * ask for less. Empty when nothing is priced.
   */
  heaviestPath: string[];
  /** The points of heaviestPath's first field (its whole subtree). */
  heaviestCost: number;
}

type Variables = Readonly<Record<string, unknown>> | undefined;

/** Bounds on list sizes, by `Type.field`, that hold below a field (GraphStatistics.below). */
type Bounds = Readonly<Record<string, number>>;
const NO_BOUNDS: Bounds = Object.freeze({});

/** Points of a selection per instance of its parent, and the analytics work among them. */
interface Price {
  cost: number;
  work: number;
  /** The costliest field of the selection and the costliest chain below it (response names). */
  heaviest?: { path: readonly string[]; cost: number };
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
 *
 * A list's size is the smaller of its `first`/`limit`/cap/page (above) and what the graph can
 * return: its largest degree, the records of a root list's kind, a network's nodes and edges,
 * a coverage matrix's rows, columns and fullest cells (`options.statistics`), and for a root
 * list filtered by `ids` (or `codes`) the number of ids; one value of a filter on a
 * relationship selects at most that relationship's largest degree (statistics.lists
 * `Query.projects[funders]`), and filter fields combine with AND, so the smallest bound holds.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  requestVariables: Variables,
  options: CostModelOptions,
): OperationCost {
  const root = schema.getRootType(operation.operation);
  if (!root)
    return { cost: 0, work: 0, rootFields: 0, rootFieldNames: [], heaviestPath: [], heaviestCost: 0 };
  const variables = withVariableDefaults(operation, requestVariables);
  const statistics = options.statistics ?? null;
  const memo = new Map<string, Price>();
  const inProgress = new Set<string>();
  // Bounds objects by identity, for the fragment memo: a fragment is priced once per bounds it meets.
  const boundsIds = new Map<Bounds, number>([[NO_BOUNDS, 0]]);
  const boundsId = (bounds: Bounds) => {
    let id = boundsIds.get(bounds);
    if (id === undefined) boundsIds.set(bounds, (id = boundsIds.size));
    return id;
  };

  function selectionCost(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    page: number | undefined,
    bounds: Bounds,
  ): Price {
    const total: Price = { cost: 0, work: 0 };
    const add = (price: Price) => {
      total.cost += price.cost;
      total.work += price.work;
      if (price.heaviest && price.heaviest.cost > (total.heaviest?.cost ?? -1))
        total.heaviest = price.heaviest;
    };
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection.directives, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        add(fieldCost(selection, parent, page, bounds));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        // Alternatives on an abstract type are summed: an over-estimate, never an under-estimate.
        if (type && isCompositeType(type)) add(selectionCost(selection.selectionSet, type, page, bounds));
      } else {
        add(spreadCost(selection.name.value, parent, page, bounds));
      }
    }
    return total;
  }

  function spreadCost(
    name: string,
    parent: GraphQLCompositeType,
    page: number | undefined,
    bounds: Bounds,
  ): Price {
    const key = `${name}|${parent.name}|${page ?? ''}|${boundsId(bounds)}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments[name];
    // A cycle or an unknown fragment is refused by validation; price it at nothing here.
    if (!fragment || inProgress.has(key)) return FREE;
    const type = schema.getType(fragment.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return FREE;
    inProgress.add(key);
    const cost = selectionCost(fragment.selectionSet, type, page, bounds);
    inProgress.delete(key);
    memo.set(key, cost);
    return cost;
  }

  function fieldCost(
    node: FieldNode,
    parent: GraphQLCompositeType,
    page: number | undefined,
    bounds: Bounds,
  ): Price {
    const name = node.name.value;
    const path = [node.alias?.value ?? name];
    if (name === '__schema' || name === '__type')
      return {
        cost: INTROSPECTION_COST,
        work: INTROSPECTION_COST,
        heaviest: { path, cost: INTROSPECTION_COST },
      };
    if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return FREE;
    const field = parent.getFields()[name];
    if (!field) return FREE;
    const key = `${parent.name}.${name}`;
    const weight = FIELD_WEIGHTS[key] ?? 0;
    const type = getNamedType(field.type);
    if (!node.selectionSet || !isCompositeType(type))
      return { cost: weight, work: weight, ...(weight > 0 && { heaviest: { path, cost: weight } }) };
    const sizeArgument = sizeArgumentValue(field, node, variables);
    const isList = isListType(getNullableType(field.type));
    const variant = variantOf(key, field, node);
    const bound = graphBound(key, variant, field, node, bounds);
    const size = isList ? Math.min(listSize(key, parent.name, name, sizeArgument, page), bound) : 1;
    // A field that takes `first`/`limit` pages the lists below it (a connection's nodes, a
    // network's nodes), at most what the graph holds; a list without one passes its parent's
    // page on (communities -> members).
    const childPage = isList
      ? sizeArgument === undefined
        ? page
        : undefined
      : sizeArgument === undefined
        ? undefined
        : Math.min(sizeArgument, bound);
    const entered = statistics && (statistics.below[variant ?? key] ?? statistics.below[key]);
    const childBounds = entered ? { ...bounds, ...entered } : bounds;
    const child = selectionCost(node.selectionSet, type, childPage, childBounds);
    const cost = weight + size * (1 + child.cost);
    return {
      cost,
      work: weight + size * child.work,
      heaviest: { path: [...path, ...(child.heaviest?.path ?? [])], cost },
    };
  }

  /**
   * The most items the graph lets `key`'s list (or page) hold: the bounds of the fields above,
   * the statistics' largest list of the field (of its variant when the arguments are known),
   * the ids of an id filter and the largest degrees of its relationship filters; Infinity
   * when nothing is known.
   */
  function graphBound(
    key: string,
    variant: string | undefined,
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    bounds: Bounds,
  ): number {
    let bound = bounds[key] ?? Infinity;
    const lists = statistics?.lists;
    if (lists)
      bound = Math.min(bound, (variant !== undefined ? lists[variant] : undefined) ?? lists[key] ?? Infinity);
    const filter = field.args.some((arg) => arg.name === 'filter')
      ? node.arguments?.find((arg) => arg.name.value === 'filter')
      : undefined;
    const values = filter ? valueFromASTUntyped(filter.value, variables) : null;
    if (values === null || typeof values !== 'object' || Array.isArray(values)) return bound;
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      if (value === null || value === undefined) continue;
      // A list input given one value is that value alone (GraphQL input coercion).
      const count = Array.isArray(value) ? new Set(value.map((item) => JSON.stringify(item))).size : 1;
      if (ID_FILTER_FIELDS.includes(name)) bound = Math.min(bound, count);
      const perValue = lists?.[`${key}[${name}]`];
      if (perValue !== undefined) bound = Math.min(bound, count * perValue);
    }
    return bound;
  }

  /** `key` with the values of its variant arguments (LIST_VARIANT_ARGUMENTS); undefined when one is unknown. */
  function variantOf(
    key: string,
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
  ): string | undefined {
    const names = LIST_VARIANT_ARGUMENTS[key];
    if (!names || !statistics) return undefined;
    const values: string[] = [];
    for (const name of names) {
      const given = node.arguments?.find((arg) => arg.name.value === name)?.value;
      let value: unknown = given ? valueFromASTUntyped(given, variables) : undefined;
      value ??= field.args.find((arg) => arg.name === name)?.defaultValue;
      if (typeof value !== 'string') return undefined;
      values.push(value);
    }
    return variantKey(key, values);
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
    if (paged !== undefined && page !== undefined) {
      const pairs = paged.pairs ? (page * (page + 1)) / 2 : Infinity;
      return Math.min(paged.factor * page, paged.max ?? Infinity, pairs);
    }
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
  const { cost, work, heaviest } = selectionCost(operation.selectionSet, root, undefined, NO_BOUNDS);
  return {
    cost,
    work,
    rootFields,
    rootFieldNames: [...rootNames],
    heaviestPath: [...(heaviest?.path ?? [])],
    heaviestCost: heaviest?.cost ?? 0,
  };
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
