// GeoJSON (RFC 7946): one Feature per node and one per edge, so that feature counts equal the
// network's node and edge counts. Nodes without a location and edges that cannot be drawn as
// a line of non-zero length keep their Feature with a null geometry (RFC 7946 section 3.2).

import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';

export type NodeFeature = Feature<Point | null, Record<string, string | number | boolean | null>>;

/** Why an edge has no line: an end without a location, or both ends at one point. */
export type EdgeGeometryOmitted = 'UNLOCATED_END' | 'COLOCATED';

export type EdgeProperties = {
  source: string;
  target: string;
  weight: number;
  evidenceKind: string;
  evidenceIds: string[];
  geometryOmitted: EdgeGeometryOmitted | null;
};

export type EdgeFeature = Feature<LineString | null, EdgeProperties>;

/** What a map of the network cannot show: nodes without a location, edges without a line. */
export interface GeoJsonGaps {
  /** Ids of the nodes whose Feature has a null geometry (coordinateBasis NONE), in node order. */
  unlocatedNodeIds: string[];
  /** Edges between two nodes at the same point (e.g. two funders of one country): null geometry, counted here. */
  colocatedEdgeCount: number;
  /** Edges with an end that has no location: null geometry. */
  unlocatedEdgeCount: number;
}

function positionsOf(network: NetworkData): Map<string, [number, number]> {
  const positions = new Map<string, [number, number]>();
  for (const node of network.nodes) {
    if (node.coordinates) positions.set(node.id, [node.coordinates.longitude, node.coordinates.latitude]);
  }
  return positions;
}

function omission(
  from: [number, number] | undefined,
  to: [number, number] | undefined,
): EdgeGeometryOmitted | null {
  if (!from || !to) return 'UNLOCATED_END';
  return from[0] === to[0] && from[1] === to[1] ? 'COLOCATED' : null;
}

/** The nodes and edges that a map of `network` cannot draw (the export route names them in headers). */
export function geoJsonGaps(network: NetworkData): GeoJsonGaps {
  const positions = positionsOf(network);
  const gaps: GeoJsonGaps = { unlocatedNodeIds: [], colocatedEdgeCount: 0, unlocatedEdgeCount: 0 };
  for (const node of network.nodes) if (!positions.has(node.id)) gaps.unlocatedNodeIds.push(node.id);
  for (const edge of network.edges) {
    const omitted = omission(positions.get(edge.source), positions.get(edge.target));
    if (omitted === 'COLOCATED') gaps.colocatedEdgeCount += 1;
    if (omitted === 'UNLOCATED_END') gaps.unlocatedEdgeCount += 1;
  }
  return gaps;
}

/**
 * A FeatureCollection: first one Feature per node (a Point at its coordinates, or a null
 * geometry when it has none; properties: id, label, kind, coordinateBasis, coordinatePrecision
 * (PRECISE, CITY, REGION, COUNTRY), coordinateSource (the dataset that gave the point), the
 * attributes and the measures), then one Feature per edge from source to target (properties: source, target,
 * weight, evidenceKind, evidenceIds, geometryOmitted). An edge is a LineString when both ends
 * have a location at different points; otherwise its geometry is null and geometryOmitted
 * says why ("COLOCATED": both ends at one point, e.g. two funders at one country's centroid;
 * "UNLOCATED_END"), so no line has zero length and every edge is still counted.
 * Coordinates are WGS84 degrees, [longitude, latitude] (RFC 7946 section 3.1.1).
 */
export function toGeoJson(
  network: NetworkData,
  measures: NetworkMeasures,
): FeatureCollection<Point | LineString | null> {
  const positions = positionsOf(network);
  const points: NodeFeature[] = network.nodes.map((node) => {
    const values = measures.byNode.get(node.id);
    if (!values)
      throw new TypeError(`toGeoJson expects measures for every node, received none for "${node.id}"`);
    const position = positions.get(node.id);
    return {
      type: 'Feature',
      id: node.id,
      geometry: position ? { type: 'Point', coordinates: position } : null,
      properties: {
        id: node.id,
        label: node.label,
        kind: node.kind,
        coordinateBasis: node.coordinates?.basis ?? 'NONE',
        coordinatePrecision: node.coordinates?.precision ?? null,
        coordinateSource: node.coordinates?.source ?? null,
        ...node.attributes,
        degree: values.degree,
        weightedDegree: values.weightedDegree,
        betweenness: values.betweenness,
        pageRank: values.pageRank,
        community: values.community,
      },
    };
  });
  const lines: EdgeFeature[] = network.edges.map((edge) => {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    const geometryOmitted = omission(from, to);
    return {
      type: 'Feature',
      id: `${edge.source}--${edge.target}`,
      geometry:
        geometryOmitted === null && from && to ? { type: 'LineString', coordinates: [from, to] } : null,
      properties: {
        source: edge.source,
        target: edge.target,
        weight: edge.weight,
        evidenceKind: edge.evidenceKind,
        evidenceIds: edge.evidenceIds,
        geometryOmitted,
      },
    };
  });
  return { type: 'FeatureCollection', features: [...points, ...lines] };
}
