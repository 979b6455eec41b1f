// Per-request DataLoaders over the batch functions of src/db: every relationship field
// of a page is answered by one query per field (UNWIND $keys), never one per parent.

import DataLoader from 'dataloader';
import type { EntityLabel, NodeModels } from './db/models';
import {
  type DerivationFilter,
  type DerivedRelationSpec,
  type DerivedRow,
  derivedLinks,
  nodesById,
  type RelationSpec,
  relatedCounts,
  relatedNodes,
  relatedWithRelationship,
  type RelationshipRow,
} from './db/relations';
import { identifiersById, type IdentifiedLabel } from './db/identifiers';
import { placesById, type PlacedLabel, type PlaceRow } from './db/places';
import type { Db } from './db/run';
import {
  outputCountsByProjectId,
  outputsByProjectId,
  subjectsByProjectId,
  type OutputModel,
  type SubjectModel,
} from './db/subjects';
import type { IdentifierRecord } from './model';

/** Largest number of keys sent in one batch query. */
export const MAX_BATCH_SIZE = 500;

export interface Loaders {
  /** Nodes of `label` by id; null where there is none. */
  byId<L extends EntityLabel>(label: L): DataLoader<string, NodeModels[L] | null>;
  /** The nodes a relation reaches from each key, at most `limit` each. */
  related<F extends EntityLabel, T extends EntityLabel>(
    spec: RelationSpec<F, T>,
    limit: number,
  ): DataLoader<string, NodeModels[T][]>;
  /** Like `related`, with the relationship's properties. */
  withRelationship<F extends EntityLabel, T extends EntityLabel>(
    spec: RelationSpec<F, T>,
    limit: number,
  ): DataLoader<string, RelationshipRow<T>[]>;
  /** The derived links from each key that pass `filter`, at most `limit` each (most confident first). */
  derived<F extends EntityLabel, T extends EntityLabel>(
    spec: DerivedRelationSpec<F, T>,
    filter: DerivationFilter,
    limit: number,
  ): DataLoader<string, DerivedRow<T>[]>;
  /** How many nodes the relation reaches from each key. */
  count<F extends EntityLabel, T extends EntityLabel>(
    spec: RelationSpec<F, T> | DerivedRelationSpec<F, T>,
    filter?: DerivationFilter,
  ): DataLoader<string, number>;
  /** The persistent identifiers of records of `label` by id (scheme order; [] for none). */
  identifiers(label: IdentifiedLabel): DataLoader<string, IdentifierRecord[]>;
  /** Where funders or organisations are drawn, by id: their seat's properties and centroids (null: no such record). */
  places(label: PlacedLabel): DataLoader<string, PlaceRow | null>;
  /** The EuroSciVoc subjects of projects by id (by code; [] for none). */
  readonly subjects: DataLoader<string, SubjectModel[]>;
  /** The outputs of projects by id, at most `limit` each (newest first). */
  outputs(limit: number): DataLoader<string, OutputModel[]>;
  /** The number of outputs of projects by id. */
  readonly outputCount: DataLoader<string, number>;
}

/**
 * Creates the loaders of one request. Loaders are made on first use, one per relation
 * and argument set, and cache for the request only, so no request sees another's data.
 */
export function createLoaders(db: Db): Loaders {
  const loaders = new Map<string, DataLoader<string, unknown>>();

  function memo<V>(key: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: MAX_BATCH_SIZE, name: key });
      loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  function byId<L extends EntityLabel>(label: L): DataLoader<string, NodeModels[L] | null> {
    return memo(`byId:${label}`, (ids) => nodesById(db, label, ids));
  }

  // Nodes read through a relation are complete, so later lookups by id need no query.
  function prime<L extends EntityLabel>(label: L, nodes: Iterable<NodeModels[L]>): void {
    const loader = byId(label);
    for (const node of nodes) loader.prime(node.id, node);
  }

  return {
    byId,
    related(spec, limit) {
      return memo(`${spec.name}:${limit}`, async (keys) => {
        const results = await relatedNodes(db, spec, keys, limit);
        prime(spec.to, results.flat());
        return results;
      });
    },
    withRelationship(spec, limit) {
      return memo(`${spec.name}:rel:${limit}`, async (keys) => {
        const results = await relatedWithRelationship(db, spec, keys, limit);
        prime(
          spec.to,
          results.flat().map((row) => row.node),
        );
        return results;
      });
    },
    derived(spec, filter, limit) {
      const filterKey = `${filter.provenance ?? '*'}:${filter.minConfidence ?? '*'}`;
      return memo(`${spec.name}:${filterKey}:${limit}`, async (keys) => {
        const results = await derivedLinks(db, spec, keys, filter, limit);
        prime(
          spec.to,
          results.flat().map((row) => row.node),
        );
        return results;
      });
    },
    count(spec, filter = {}) {
      const filterKey = `${filter.provenance ?? '*'}:${filter.minConfidence ?? '*'}`;
      return memo(`${spec.name}:count:${filterKey}`, (keys) => relatedCounts(db, spec, keys, filter));
    },
    identifiers(label) {
      return memo(`identifiersById:${label}`, (keys) => identifiersById(db, label, keys));
    },
    places(label) {
      return memo(`placesById:${label}`, (keys) => placesById(db, label, keys));
    },
    get subjects() {
      return memo('subjectsByProjectId', (keys) => subjectsByProjectId(db, keys));
    },
    outputs(limit) {
      return memo(`outputsByProjectId:${limit}`, (keys) => outputsByProjectId(db, keys, limit));
    },
    get outputCount() {
      return memo('outputCountsByProjectId', (keys) => outputCountsByProjectId(db, keys));
    },
  };
}
