// The plain-data shape of a projected network (nodes, weighted edges, truncation) that
// src/db produces and that analytics and exporters consume; no database or GraphQL here.

import type { CoordinatePrecision, DatasetId } from '../model';

/** What the items behind an edge's weight are. */
export type EvidenceKind = 'PROJECT' | 'CALL' | 'RELATIONSHIP';

/** Where a node's coordinates come from, most precise first (NONE: it has none). */
export type CoordinateBasis =
  /** An organisation or funder at its own address's point (CORDIS geolocation): precise. */
  | 'ADDRESS'
  /** An international body (the European Commission) at its headquarters' city. */
  | 'HEADQUARTERS'
  /** An organisation or funder at its city's point (ROR's GeoNames location). */
  | 'CITY'
  /** A region at its centroid, or a regional funder at its region's centroid. */
  | 'REGION_CENTROID'
  /** A country at its centroid, or an organisation, funder or region at its country's (not at its address). */
  | 'COUNTRY_CENTROID'
  /** No location: gaps, objectives, stages, projects, calls, programmes. */
  | 'NONE';

/** WGS84 degrees, with where the point comes from, how exact it is and the dataset that gave it. */
export interface Coordinates {
  latitude: number;
  longitude: number;
  basis: Exclude<CoordinateBasis, 'NONE'>;
  /** How exact the point is (src/model/coordinates.ts). */
  precision: CoordinatePrecision;
  /** The dataset that gave the point, e.g. CORDIS_HORIZON_EUROPE, ROR, PERMED_CURATED (centroids). */
  source: DatasetId;
}

/** A scalar attribute value as exporters can write it. */
export type AttributeValue = string | number | boolean | null;

/** A network node: one entity of the graph. `id` is the entity's id, unique within the network. */
export interface NetworkNodeData {
  id: string;
  /** Display name, e.g. a funder's acronym or a country's name. */
  label: string;
  /** The GraphQL EntityKind of the entity, e.g. FUNDER, COUNTRY. */
  kind: string;
  /** Scalar facts about the node (e.g. countryCode, evidenceCount); keys are camelCase. */
  attributes: Record<string, AttributeValue>;
  /** Null when the node has no location (basis NONE: gaps, objectives, projects, calls ...). */
  coordinates: Coordinates | null;
}

/** An undirected weighted edge; `source` < `target` is not required. */
export interface NetworkEdgeData {
  source: string;
  target: string;
  /** Number of distinct evidence items (projects, calls or relationships) behind the edge; > 0. */
  weight: number;
  evidenceKind: EvidenceKind;
  /** Ids of the projects or calls behind the weight, sorted; empty for RELATIONSHIP edges. */
  evidenceIds: string[];
  /** For RELATIONSHIP edges, the relationship types joining the two nodes; otherwise empty. */
  relationshipTypes: string[];
}

/** A projected network as read from the graph, possibly cut to a node limit. */
export interface NetworkData {
  /** Machine name, e.g. cofunding-calls; used in file names. */
  name: string;
  /** One sentence saying what the nodes are, what links them and what the weight counts. */
  description: string;
  /** True for a two-mode network (e.g. funders x knowledge gaps); edges join the two modes. */
  bipartite: boolean;
  nodes: NetworkNodeData[];
  edges: NetworkEdgeData[];
  /** Nodes that matched before the limit was applied. */
  totalNodeCount: number;
  /** True when the node limit cut nodes (and their edges) from the network. */
  truncated: boolean;
}
