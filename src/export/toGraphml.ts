// GraphML (http://graphml.graphdrawing.org/) written by hand: graphology-graphml only reads.

import type { AttributeValue, NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';
import { type Column, type ColumnType, EDGE_COLUMNS, LIST_SEPARATOR, nodeTable } from './nodeTable';

const GRAPHML_TYPES: Record<ColumnType, string> = {
  string: 'string',
  integer: 'long',
  double: 'double',
  boolean: 'boolean',
};

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function keyElement(domain: 'node' | 'edge', column: Column): string {
  return `  <key id="${domain === 'node' ? 'n' : 'e'}_${column.key}" for="${domain}" attr.name="${column.key}" attr.type="${GRAPHML_TYPES[column.type]}"/>`;
}

function dataElement(domain: 'node' | 'edge', key: string, value: AttributeValue): string | null {
  if (value === null || value === '') return null;
  return `      <data key="${domain === 'node' ? 'n' : 'e'}_${key}">${escapeXml(String(value))}</data>`;
}

/**
 * A GraphML document: an undirected graph with <key> declarations for label, kind, every
 * attribute, latitude/longitude and measure (nodes), and weight and evidence (edges);
 * null and empty values are left out. Edge ids are e0, e1, ... in edge order.
 * Opens in yEd, Cytoscape (File > Import > Network from File), Gephi, networkx
 * (read_graphml) and igraph.
 */
export function toGraphml(network: NetworkData, measures: NetworkMeasures): string {
  const table = nodeTable(network, measures);
  const nodeColumns: Column[] = [{ key: 'label', type: 'string' }, ...table.columns];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeColumns.map((column) => keyElement('node', column)),
    ...EDGE_COLUMNS.map((column) => keyElement('edge', column)),
    `  <graph id="${escapeXml(network.name)}" edgedefault="undirected">`,
    `    <desc>${escapeXml(network.description)}</desc>`,
  ];
  for (const row of table.rows) {
    lines.push(`    <node id="${escapeXml(row.id)}">`);
    const values: Record<string, AttributeValue> = { label: row.label, ...row.values };
    for (const column of nodeColumns) {
      const data = dataElement('node', column.key, values[column.key] ?? null);
      if (data) lines.push(data);
    }
    lines.push('    </node>');
  }
  network.edges.forEach((edge, index) => {
    lines.push(
      `    <edge id="e${index}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">`,
    );
    const values: Record<string, AttributeValue> = {
      weight: edge.weight,
      evidenceKind: edge.evidenceKind,
      evidenceIds: edge.evidenceIds.join(LIST_SEPARATOR),
      relationshipTypes: edge.relationshipTypes.join(LIST_SEPARATOR),
    };
    for (const column of EDGE_COLUMNS) {
      const data = dataElement('edge', column.key, values[column.key] ?? null);
      if (data) lines.push(data);
    }
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
