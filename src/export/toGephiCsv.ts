// CSV node and edge tables in the columns Gephi's spreadsheet import recognises
// (Id, Label; Source, Target, Type, Weight), plus every attribute and measure.

import { stringify } from 'csv-stringify/sync';
import type { NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';
import { LIST_SEPARATOR, nodeTable } from './nodeTable';

/** Header of the edge table. */
export const EDGE_CSV_HEADER = [
  'Source',
  'Target',
  'Type',
  'Weight',
  'EvidenceKind',
  'EvidenceIds',
  'RelationshipTypes',
];

const CSV_OPTIONS = { record_delimiter: 'windows' as const };

function capitalise(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * The node table: columns Id, Label, then Kind, the attributes, Latitude, Longitude,
 * CoordinateBasis and the measures, one row per node, nulls as empty cells.
 * RFC 4180 (CRLF line ends, fields quoted when needed, UTF-8); Gephi: File > Import
 * spreadsheet, "Nodes table". Cells that start with = + - @ are quoted so that spreadsheet
 */
export function toGephiNodesCsv(network: NetworkData, measures: NetworkMeasures): string {
  const table = nodeTable(network, measures);
  const header = ['Id', 'Label', ...table.columns.map((column) => capitalise(column.key))];
  const rows = table.rows.map((row) => [
    row.id,
    row.label,
    ...table.columns.map((column) => row.values[column.key] ?? ''),
  ]);
  return stringify([header, ...rows], CSV_OPTIONS);
}

/**
 * The edge table: Source, Target, Type (always Undirected), Weight, EvidenceKind,
 * EvidenceIds and RelationshipTypes (lists joined with ";"). Gephi: File > Import
 * spreadsheet, "Edges table", after the nodes table into the same workspace.
 */
export function toGephiEdgesCsv(network: NetworkData): string {
  const rows = network.edges.map((edge) => [
    edge.source,
    edge.target,
    'Undirected',
    edge.weight,
    edge.evidenceKind,
    edge.evidenceIds.join(LIST_SEPARATOR),
    edge.relationshipTypes.join(LIST_SEPARATOR),
  ]);
  return stringify([EDGE_CSV_HEADER, ...rows], CSV_OPTIONS);
}
