// Turns the selection of a root field (fragments, aliases, variables, @include/@skip and the
// arguments of nested fields) into the planner's NodePlan and compiles it, once per field
// node and variable values (kept within a budget): a repeated operation costs no planning.

import {
  getNamedType,
  type GraphQLObjectType,
  isLeafType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import { LRUCache } from 'lru-cache';
import { BadUserInputError } from '../../errors';
import { compileProjection, type CompiledProjection, type NodePlan, type SlotPlan } from '../../db/planner';
import { derivationFilter, relatedLimit } from '../arguments';
import { type FieldPlan, PLANNED_FIELDS, PROPERTIES_RESOLVERS_READ } from './plannedFields';

/**
 * The slot of each field node; a field node is one place in one document. Slots are numbered
 * by a walk of the node's document (numberSlots), so that documents of one shape, whatever their
 * aliases and inlined values, compile to one Cypher text: Neo4j caches plans by text, and slots
 * from a process-wide counter made every new document's statements new texts, which Neo4j planned
 * anew each time (about 85 ms of its CPU per request of bench:memory's flood on the seed graph).
 */
const slotIds = new WeakMap<FieldNode, string>();

/** Operations whose documents' field nodes are numbered. */
const numberedOperations = new WeakSet<OperationDefinitionNode>();

/** Slots of field nodes outside the walked document (not expected; a prefix of their own keeps them unique). */
let nextStraySlot = 0;

/** The slot a field's planned value is stored under (its first field node, as execution merges them). */
export function slotOf(fieldNode: FieldNode): string | undefined {
  return slotIds.get(fieldNode);
}

function slotFor(fieldNode: FieldNode): string {
  let slot = slotIds.get(fieldNode);
  if (slot === undefined) {
    nextStraySlot += 1;
    slot = `x${nextStraySlot}`;
    slotIds.set(fieldNode, slot);
  }
  return slot;
}

/**
 * Numbers every field node of the operation being run and of its document's fragments, in
 * document order: `s1`, `s2`, ... over the fragments first, then on over the operation. Fragments
 * first because they are shared by the document's operations: each operation's numbers continue
 * after the same fragments' ones, so no two field nodes of one operation share a slot.
 */
function numberSlots(info: Pick<GraphQLResolveInfo, 'operation' | 'fragments'>): void {
  if (numberedOperations.has(info.operation)) return;
  let next = 0;
  const walk = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        next += 1;
        slotIds.set(selection, `s${next}`);
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD) walk(selection.selectionSet);
    }
  };
  for (const fragment of Object.values(info.fragments)) walk(fragment.selectionSet);
  walk(info.operation.selectionSet);
  numberedOperations.add(info.operation);
}

/** How a root field's nodes are reached from its return type. */
export type RootShape = 'node' | 'connection';

/** What a root field's selection needs: its compiled projection and, for a connection, which parts. */
export interface RootPlan {
  /** The projection of its nodes, or null when nothing below them is planned. */
  projection: CompiledProjection | null;
  /** Whether the selection reads the connection's page (nodes, edges or pageInfo). */
  page: boolean;
  /** Whether the selection reads the connection's totalCount. */
  totalCount: boolean;
}

/** A name per root field node, for the plan cache's keys (a node is one place in one document). */
const rootIds = new WeakMap<FieldNode, string>();
let nextRoot = 0;

function rootIdOf(fieldNode: FieldNode): string {
  let id = rootIds.get(fieldNode);
  if (id === undefined) {
    nextRoot += 1;
    id = `r${nextRoot}`;
    rootIds.set(fieldNode, id);
  }
  return id;
}

/**
 * What a kept plan costs besides its Cypher text and key: the plan's objects and parameters,
 * measured as 800 bytes of heap a plan with three limits (node --expose-gc, 20,000 plans of the nested page's shape, after GC), and the LRU's bookkeeping.
 */
const PLAN_OVERHEAD_BYTES = 1000;

/** Bytes a plan is counted at: its key, its Cypher text and its objects. */
function planBytes(plan: RootPlan, key: string): number {
  const projection = plan.projection;
  const text = projection ? projection.calls.length + projection.cypher.length : 0;
  return key.length + text + PLAN_OVERHEAD_BYTES;
}

/** The default budget of the plan cache: a thirty-second of the default MEMORY_LIMIT_MIB (512). */
export const DEFAULT_PLAN_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * Root plans by root field node and variable values, least recently used out first, within a
 * budget in bytes (MemoryConfig.plansBytes). One per process, as the field nodes' names are.
 */
let plans = new LRUCache<string, RootPlan>({ maxSize: DEFAULT_PLAN_CACHE_BYTES, sizeCalculation: planBytes });

/** Gives the plan cache its budget in bytes (the server does, from MEMORY_LIMIT_MIB); its plans are dropped. */
export function configurePlanCache(maxBytes: number): void {
  if (!(maxBytes >= 1)) throw new TypeError(`configurePlanCache expects maxBytes >= 1, received ${maxBytes}`);
  if (plans.maxSize !== maxBytes) plans = new LRUCache({ maxSize: maxBytes, sizeCalculation: planBytes });
}

/** The plan cache's entries, the bytes they are counted at and its budget (for /metrics). */
export function planCacheStats(): { entries: number; bytes: number; budgetBytes: number } {
  return { entries: plans.size, bytes: plans.calculatedSize, budgetBytes: plans.maxSize };
}

/**
 * The compiled projection of the root field being resolved (over its node `n`), or null
 * when nothing below it is planned (plain properties: the loaders do as well). For a
 * connection, the selections of `nodes` and `edges.node` are planned together.
 */
export function plannedProjection(info: GraphQLResolveInfo, shape: RootShape): CompiledProjection | null {
  return rootPlan(info, shape).projection;
}

/** The plan of the root field being resolved, computed once per field node and variable values. */
export function rootPlan(info: GraphQLResolveInfo, shape: RootShape): RootPlan {
  const key = `${rootIdOf(info.fieldNodes[0] as FieldNode)} ${JSON.stringify(info.variableValues)}`;
  const known = plans.get(key);
  if (known) return known;
  numberSlots(info);
  const planner = new Planner(info);
  const plan = planRoot(planner, info, shape);
  const parts = shape === 'connection' ? connectionParts(planner, info) : { page: true, totalCount: false };
  const planned: RootPlan = {
    projection: plan.slots.length > 0 ? compileProjection('n', plan) : null,
    ...parts,
  };
  plans.set(key, planned);
  return planned;
}

/** Which parts of a connection the root field's selection reads (after fragments and @include/@skip). */
function connectionParts(planner: Planner, info: GraphQLResolveInfo): Pick<RootPlan, 'page' | 'totalCount'> {
  const type = getNamedType(info.returnType);
  const parts = { page: false, totalCount: false };
  if (!isObjectType(type)) return parts;
  for (const [, fieldNodes] of planner.subfields(type, info.fieldNodes)) {
    const name = (fieldNodes[0] as FieldNode).name.value;
    if (name === 'totalCount') parts.totalCount = true;
    else if (name !== '__typename') parts.page = true;
  }
  return parts;
}

function planRoot(planner: Planner, info: GraphQLResolveInfo, shape: RootShape): NodePlan {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return { properties: null, slots: [] };
  if (shape === 'node') return planner.nodePlan(type, info.fieldNodes);
  const nodeGroups: Array<{ type: GraphQLObjectType; fieldNodes: readonly FieldNode[] }> = [];
  for (const [, fieldNodes] of planner.subfields(type, info.fieldNodes)) {
    const field = type.getFields()[(fieldNodes[0] as FieldNode).name.value];
    const fieldType = field && getNamedType(field.type);
    if (!fieldType || !isObjectType(fieldType)) continue;
    if (field.name === 'nodes') nodeGroups.push({ type: fieldType, fieldNodes });
    if (field.name === 'edges') {
      for (const [, edgeFieldNodes] of planner.subfields(fieldType, fieldNodes)) {
        const edgeField = fieldType.getFields()[(edgeFieldNodes[0] as FieldNode).name.value];
        const nodeType = edgeField && getNamedType(edgeField.type);
        if (edgeField?.name === 'node' && nodeType && isObjectType(nodeType)) {
          nodeGroups.push({ type: nodeType, fieldNodes: edgeFieldNodes });
        }
      }
    }
  }
  return mergePlans(nodeGroups.map((group) => planner.nodePlan(group.type, group.fieldNodes)));
}

/**
 * One plan reading every property and slot of `plans` once (a fragment spread in two places
 * repeats field nodes); all properties when any of them reads all.
 */
function mergePlans(plans: NodePlan[]): NodePlan {
  const slots = new Map<string, SlotPlan>();
  const properties = new Set<string>();
  let all = plans.length === 0;
  for (const plan of plans) {
    for (const slot of plan.slots) slots.set(slot.slot, slot);
    if (plan.properties === null) all = true;
    else for (const property of plan.properties) properties.add(property);
  }
  return { properties: all ? null : [...properties], slots: [...slots.values()] };
}

/** Walks a selection the way execution will (graphql-js's own collectSubfields). */
class Planner {
  constructor(private readonly info: GraphQLResolveInfo) {}

  subfields(type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): Map<string, readonly FieldNode[]> {
    return collectSubfields(
      this.info.schema,
      this.info.fragments,
      this.info.variableValues,
      type,
      fieldNodes,
    );
  }

  /** The plan of the planned fields selected on `type` by `fieldNodes`' selection sets. */
  nodePlan(type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): NodePlan {
    const table = PLANNED_FIELDS[type.name];
    // Every entity type has a table; a type without one (a future entity) reads every
    // property, so whatever its unplanned fields read below is there.
    if (!table) return { properties: null, slots: [] };
    const slots: SlotPlan[] = [];
    // Scalar fields read the property of their name; resolvers read `id` and a few more.
    const properties = new Set<string>(['id', ...(PROPERTIES_RESOLVERS_READ[type.name] ?? [])]);
    let allProperties = false;
    for (const [, nodes] of this.subfields(type, fieldNodes)) {
      const first = nodes[0] as FieldNode;
      const field = type.getFields()[first.name.value];
      if (!field) continue;
      const fieldType = getNamedType(field.type);
      if (isLeafType(fieldType)) properties.add(field.name);
      const fieldPlan = table[first.name.value];
      if (!fieldPlan) continue;
      // A link type hands its parent end down as is (Partnership.project of Project.partners):
      // what is selected below that end is read from this node, so it keeps every property.
      if ((fieldPlan.kind === 'links' || fieldPlan.kind === 'derived') && isObjectType(fieldType)) {
        allProperties ||= this.selectsOtherEnd(fieldType, fieldPlan.end, nodes);
      }
      const slot = this.slotPlan(fieldPlan, slotFor(first), fieldType, nodes, () =>
        getArgumentValues(field, first, this.info.variableValues),
      );
      if (slot) slots.push(slot);
    }
    return { properties: allProperties ? null : [...properties], slots };
  }

  /** Whether a link type's selection reads a node field other than its `end` (the parent's end). */
  private selectsOtherEnd(
    linkType: GraphQLObjectType,
    end: string,
    fieldNodes: readonly FieldNode[],
  ): boolean {
    for (const [, nodes] of this.subfields(linkType, fieldNodes)) {
      const field = linkType.getFields()[(nodes[0] as FieldNode).name.value];
      if (field && field.name !== end && isObjectType(getNamedType(field.type))) return true;
    }
    return false;
  }

  /**
   * A field's slot, or null when it is left to its resolver: an argument its resolver would
   * refuse (the resolver then reports the error at the field's own path, as without the
   * planner), or a type the planner does not know.
   */
  private slotPlan(
    plan: FieldPlan,
    slot: string,
    type: ReturnType<typeof getNamedType>,
    fieldNodes: readonly FieldNode[],
    args: () => Record<string, unknown>,
  ): SlotPlan | null {
    if (!isObjectType(type) && plan.kind !== 'count') return null;
    try {
      switch (plan.kind) {
        case 'nodes': {
          const limit =
            plan.limit === 'first' ? relatedLimit(args().first as number | null | undefined) : plan.limit;
          const child = this.nodePlan(type as GraphQLObjectType, fieldNodes);
          return { kind: 'nodes', slot, spec: plan.spec, limit, single: plan.single ?? false, child };
        }
        case 'links':
          return {
            kind: 'links',
            slot,
            spec: plan.spec,
            limit: plan.limit,
            relationshipProperties: this.leafFields(type as GraphQLObjectType, fieldNodes),
            child: this.endPlan(type as GraphQLObjectType, plan.end, fieldNodes),
          };
        case 'derived': {
          const filter = derivationFilter(args() as Parameters<typeof derivationFilter>[0]);
          return {
            kind: 'derived',
            slot,
            spec: plan.spec,
            filter,
            limit: plan.limit,
            child: this.endPlan(type as GraphQLObjectType, plan.end, fieldNodes),
          };
        }
        case 'count': {
          // A derived count reads provenance/minConfidence as its loader does (Objective.projectCount).
          const filter =
            'derived' in plan.spec ? derivationFilter(args() as Parameters<typeof derivationFilter>[0]) : {};
          return { kind: 'count', slot, spec: plan.spec, filter };
        }
        case 'byKey':
          return {
            kind: 'byKey',
            slot,
            label: plan.label,
            property: plan.property,
            child: this.nodePlan(type as GraphQLObjectType, fieldNodes),
          };
        case 'place':
          return { kind: 'place', slot };
        default:
          return null;
      }
    } catch (error) {
      if (error instanceof BadUserInputError) return null;
      throw error;
    }
  }

  /**
   * The scalar fields a link type's selection reads: a link type's scalars are its relationship's
   * properties (Partnership.role and asNamed are PARTNER_IN's), so only those are read.
   */
  private leafFields(linkType: GraphQLObjectType, fieldNodes: readonly FieldNode[]): string[] {
    const names = new Set<string>();
    for (const [, nodes] of this.subfields(linkType, fieldNodes)) {
      const field = linkType.getFields()[(nodes[0] as FieldNode).name.value];
      if (field && isLeafType(getNamedType(field.type))) names.add(field.name);
    }
    return [...names];
  }

  /** The plan of the node a link type's `end` field returns, merged over every selection of it. */
  private endPlan(linkType: GraphQLObjectType, end: string, fieldNodes: readonly FieldNode[]): NodePlan {
    const plans: NodePlan[] = [];
    for (const [, nodes] of this.subfields(linkType, fieldNodes)) {
      const field = linkType.getFields()[(nodes[0] as FieldNode).name.value];
      const endType = field && getNamedType(field.type);
      if (field?.name === end && endType && isObjectType(endType)) plans.push(this.nodePlan(endType, nodes));
    }
    return mergePlans(plans);
  }
}
