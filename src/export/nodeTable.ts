// The flat node and edge tables every tabular or XML exporter writes: one column per
// attribute, coordinate and measure, with a type per column.

import type { NetworkMeasures } from '../analytics/networkMeasures';
import type { AttributeValue, NetworkData } from '../analytics/networkData';

export type ColumnType = 'string' | 'integer' | 'double' | 'boolean';

export interface Column {
  /** camelCase key, e.g. countryCode, pageRank. */
  key: string;
  type: ColumnType;
}

export interface NodeTable {
  /** Every column but id and label: kind, the attributes (in order of first appearance), coordinates, measures. */
  columns: Column[];
  rows: Array<{ id: string; label: string; values: Record<string, AttributeValue> }>;
}

const MEASURE_COLUMNS: Column[] = [
  { key: 'degree', type: 'integer' },
  { key: 'degreeCentrality', type: 'double' },
  { key: 'weightedDegree', type: 'double' },
  { key: 'betweenness', type: 'double' },
  { key: 'pageRank', type: 'double' },
  { key: 'community', type: 'integer' },
];

const COORDINATE_COLUMNS: Column[] = [
  { key: 'latitude', type: 'double' },
  { key: 'longitude', type: 'double' },
  { key: 'coordinateBasis', type: 'string' },
  { key: 'coordinatePrecision', type: 'string' },
  { key: 'coordinateSource', type: 'string' },
];

/**
 * Flattens nodes into rows: kind, attributes, latitude/longitude/coordinateBasis/
 * coordinatePrecision/coordinateSource (null when the node is not geographic) and the measures of `measures`. A column's type is the
 * narrowest that holds all its non-null values (integer < double < string; booleans stay
 * boolean unless mixed). An attribute named like a fixed column is a caller's bug.
 *
 * @throws TypeError when `measures` lacks a node of the network.
 */
export function nodeTable(network: NetworkData, measures: NetworkMeasures): NodeTable {
  const attributeKeys: string[] = [];
  for (const node of network.nodes) {
    for (const key of Object.keys(node.attributes)) if (!attributeKeys.includes(key)) attributeKeys.push(key);
  }
  const rows = network.nodes.map((node) => {
    const nodeMeasures = measures.byNode.get(node.id);
    if (!nodeMeasures)
      throw new TypeError(`nodeTable expects measures for every node, received none for "${node.id}"`);
    const values: Record<string, AttributeValue> = { kind: node.kind };
    for (const key of attributeKeys) values[key] = node.attributes[key] ?? null;
    values.latitude = node.coordinates?.latitude ?? null;
    values.longitude = node.coordinates?.longitude ?? null;
    values.coordinateBasis = node.coordinates?.basis ?? null;
    values.coordinatePrecision = node.coordinates?.precision ?? null;
    values.coordinateSource = node.coordinates?.source ?? null;
    for (const column of MEASURE_COLUMNS)
      values[column.key] = nodeMeasures[column.key as keyof typeof nodeMeasures];
    return { id: node.id, label: node.label, values };
  });
  const attributeColumns = attributeKeys.map((key) => ({
    key,
    type: columnType(rows.map((row) => row.values[key] ?? null)),
  }));
  return {
    columns: [
      { key: 'kind', type: 'string' },
      ...attributeColumns,
      ...COORDINATE_COLUMNS,
      ...MEASURE_COLUMNS,
    ],
    rows,
  };
}

/** The narrowest column type for `values` (nulls ignored; all-null is string). */
export function columnType(values: readonly AttributeValue[]): ColumnType {
  const present = values.filter((value) => value !== null);
  if (present.length === 0) return 'string';
  if (present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.every((value) => typeof value === 'number')) {
    return present.every((value) => Number.isSafeInteger(value)) ? 'integer' : 'double';
  }
  return 'string';
}

/** Columns of every edge table: weight and where it comes from. */
export const EDGE_COLUMNS: Column[] = [
  { key: 'weight', type: 'double' },
  { key: 'evidenceKind', type: 'string' },
  { key: 'evidenceIds', type: 'string' },
  { key: 'relationshipTypes', type: 'string' },
];

/** Lists inside one cell are joined with this separator (ids never contain it). */
export const LIST_SEPARATOR = ';';
