// The planner's input: what to read at each node of a selection, as plain data. The GraphQL
// side (src/resolvers/planning) builds it; compileProjection turns it into Cypher.

import type { EntityLabel } from '../models';
import type { DerivationFilter, DerivedRelationSpec, RelationSpec } from '../relations';

/** The key planned values are stored under in a node's projection (no GraphQL name starts with "__"). */
export const PLANNED_KEY = '__planned';

/** What to read of a node: its properties (all, or only those named) and one slot per planned field. */
export interface NodePlan {
  /**
   * The properties to read; null reads all (`n {.*}`). Naming them keeps rows small: a
   * project's description and sources are most of its bytes and few selections ask for them.
   */
  properties: string[] | null;
  slots: SlotPlan[];
}

type AnySpec = RelationSpec<EntityLabel, EntityLabel>;

/**
 * One planned field. `slot` names its value inside the node's `__planned` map; params are
 * named after it, so slots must be unique within one statement (src/resolvers/planning
 * gives each GraphQL field node its own).
 */
export type SlotPlan =
  /** The nodes a relation reaches, as relatedNodes reads them; `single` takes the first or null. */
  | { kind: 'nodes'; slot: string; spec: AnySpec; limit: number; single: boolean; child: NodePlan }
  /**
   * The other ends with the relationship's properties, as relatedWithRelationship reads them:
   * only `relationshipProperties` (those the link type's selection reads), not properties(r),
   * whose unread properties (origin, ...) made the deep scenario's rows 28% larger.
   */
  | {
      kind: 'links';
      slot: string;
      spec: AnySpec;
      limit: number;
      relationshipProperties: string[];
      child: NodePlan;
    }
  /** Derived links passing `filter`, as derivedLinks reads them. */
  | {
      kind: 'derived';
      slot: string;
      spec: DerivedRelationSpec<EntityLabel, EntityLabel>;
      filter: DerivationFilter;
      /** At most this many, most confident first (the loader's cap). */
      limit: number;
      child: NodePlan;
    }
  /** How many distinct nodes the relation reaches, as relatedCounts counts them. */
  | {
      kind: 'count';
      slot: string;
      spec: AnySpec | DerivedRelationSpec<EntityLabel, EntityLabel>;
      filter: DerivationFilter;
    }
  /** The node of `label` whose id is the parent's `property` (e.g. a funder's Country by countryCode), or null. */
  | { kind: 'byKey'; slot: string; label: EntityLabel; property: string; child: NodePlan }
  /** The parent's place (src/db/places.ts: its seat's properties and centroids), as placesById reads it. */
  | { kind: 'place'; slot: string };

/** A plan that reads nothing but the node's properties. */
export const EMPTY_PLAN: NodePlan = Object.freeze({ properties: null, slots: [] }) as NodePlan;
