// What resolvers use of the planner: root fields run their planned statement, and the
// fields below read the planned value, or load as before when their field was not planned.

import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context';
import {
  ALL_PROPERTIES,
  listNodes,
  pageQuery,
  type ListArgs,
  type ListSpec,
  type PageRow,
} from '../../db/listQuery';
import type { ConnectionModel, EntityLabel, NodeModels } from '../../db/models';
import { byIdStatement, PLANNED_KEY } from '../../db/planner';
import { pageArguments } from '../arguments';
import { plannedProjection, rootPlan, slotOf } from './planSelection';

/**
 * The planned value of the field being resolved on `parent`, or what `load` gives when the
 * field was not planned there (the planner left it out, or `parent` was not read by a plan).
 */
export function plannedOr<T>(
  parent: object,
  info: GraphQLResolveInfo,
  load: () => T | Promise<T>,
): T | Promise<T> {
  const planned = (parent as { [PLANNED_KEY]?: Record<string, unknown> })[PLANNED_KEY];
  if (planned !== undefined) {
    const slot = slotOf(info.fieldNodes[0] as FieldNode);
    if (slot !== undefined && slot in planned) return planned[slot] as T;
  }
  return load();
}

/**
 * `map` applied to plannedOr's value: at once when the value was planned, so that a planned
 * subtree resolves without a promise per field (graphql-js completes synchronous values
 * without promiseForObject and a microtask each; a nested page had 72 such promises).
 */
export function plannedThen<T, R>(
  parent: object,
  info: GraphQLResolveInfo,
  load: () => T | Promise<T>,
  map: (value: T) => R | Promise<R>,
): R | Promise<R> {
  const value = plannedOr(parent, info, load);
  return value instanceof Promise ? value.then(map) : map(value);
}

/**
 * An entity by id: through the planner when something below it is planned (one statement
 * for the whole selection), else through the by-id loader, which batches the by-id root
 * fields of an operation into one statement.
 */
export function entityById<L extends EntityLabel>(
  context: RequestContext,
  info: GraphQLResolveInfo,
  label: L,
  id: string,
): Promise<NodeModels[L] | null> {
  const projection = context.planner ? plannedProjection(info, 'node') : null;
  if (!context.planner || !projection) return context.loaders.byId(label).load(id);
  const statement = byIdStatement(label, id, projection);
  return context.planner
    .read<{ node: NodeModels[L] }>(statement.cypher, statement.params)
    .then((rows) => rows[0]?.node ?? null);
}

/**
 * A page of a list (`first` and `after` checked first, as every list's are): one planned
 * statement for the page, its nested fields and its totalCount when selected; else listNodes (nothing planned below the page and no count with it, or the
 * count alone, which listNodes runs without the page).
 */
export function listPage<L extends EntityLabel, Filter, SortField extends string>(
  context: RequestContext,
  info: GraphQLResolveInfo,
  spec: ListSpec<L, Filter, SortField>,
  args: ListArgs<Filter, SortField>,
): Promise<ConnectionModel<NodeModels[L]>> {
  pageArguments(spec, args, context.limits);
  const plan = context.planner ? rootPlan(info, 'connection') : null;
  if (!context.planner || !plan?.page || (plan.projection === null && !plan.totalCount)) {
    return listNodes(context.db, spec, args, context.limits);
  }
  const projection = plan.projection ?? ALL_PROPERTIES;
  const query = pageQuery(context.db, spec, args, context.limits, projection, plan.totalCount);
  return context.planner
    .read<PageRow<NodeModels[L]>>(query.cypher, query.params)
    .then((rows) => query.toConnection(rows));
}
