// GeoJSON (RFC 7946): geographic nodes as Points, edges between two geographic nodes as
// weighted LineStrings, positions in [longitude, latitude] order.

import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';

export type NodeFeature = Feature<Point, Record<string, string | number | boolean | null>>;
export type EdgeFeature = Feature<LineString, { source: string; target: string; weight: number; evidenceKind: string; evidenceIds: string[] }>;

/**
 * A FeatureCollection: first one Point per node with coordinates (properties: id, label,
 * kind, coordinateBasis, the attributes and the measures), then one LineString per edge
 * whose both ends have coordinates, from source to target (properties: source, target,
 * weight, evidenceKind, evidenceIds). Nodes without coordinates (gaps, objectives, the
 * European Commission) and their edges are left out. Organisations and funders sit at
 * their country's centroid (coordinateBasis HOME_COUNTRY_CENTROID), so several share a
 * point and an edge between two of them can have zero length. Coordinates are WGS84
 * degrees, [longitude, latitude] (RFC 7946 section 3.1.1). Opens in QGIS, kepler.gl,
 * geojson.io and any Leaflet or MapLibre map.
 */
export function toGeoJson(network: NetworkData, measures: NetworkMeasures): FeatureCollection<Point | LineString> {
  const positions = new Map<string, [number, number]>();
  const points: NodeFeature[] = [];
  for (const node of network.nodes) {
    if (!node.coordinates) continue;
    const values = measures.byNode.get(node.id);
    if (!values) throw new TypeError(`toGeoJson expects measures for every node, received none for "${node.id}"`);
    const position: [number, number] = [node.coordinates.longitude, node.coordinates.latitude];
    positions.set(node.id, position);
    points.push({
      type: 'Feature',
      id: node.id,
      geometry: { type: 'Point', coordinates: position },
      properties: {
        id: node.id,
        label: node.label,
        kind: node.kind,
        coordinateBasis: node.coordinates.basis,
        ...node.attributes,
        degree: values.degree,
        weightedDegree: values.weightedDegree,
        betweenness: values.betweenness,
        pageRank: values.pageRank,
        community: values.community,
      },
    });
  }
  const lines: EdgeFeature[] = [];
  for (const edge of network.edges) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (!from || !to) continue;
    lines.push({
      type: 'Feature',
      id: `${edge.source}--${edge.target}`,
      geometry: { type: 'LineString', coordinates: [from, to] },
      properties: { source: edge.source, target: edge.target, weight: edge.weight, evidenceKind: edge.evidenceKind, evidenceIds: edge.evidenceIds },
    });
  }
  return { type: 'FeatureCollection', features: [...points, ...lines] };
}
