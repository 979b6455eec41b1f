// Cytoscape.js JSON (also Cytoscape desktop's .cyjs): elements with data objects.

import type { AttributeValue, NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';
import { nodeTable } from './nodeTable';

export interface CytoscapeDocument {
  format_version: '1.0';
  generated_by: string;
  target_cytoscapejs_version: string;
  data: { name: string; description: string; truncated: boolean; totalNodeCount: number };
  elements: {
    nodes: Array<{ data: Record<string, AttributeValue> & { id: string; label: string } }>;
    edges: Array<{
      data: {
        id: string;
        source: string;
        target: string;
        weight: number;
        evidenceKind: string;
        evidenceIds: string[];
        relationshipTypes: string[];
      };
    }>;
  };
}

/**
 * The network as a Cytoscape.js document: `elements.nodes[].data` holds id, label, kind,
 * attributes, coordinates and measures (nulls left out); `elements.edges[].data` holds id
 * (source--target), source, target, weight and the evidence ids as an array. Load it with
 * `cytoscape({ elements: doc.elements })` or `cy.json(doc)`, or in Cytoscape desktop with
 * File > Import > Network from File (.cyjs).
 */
export function toCytoscapeJson(network: NetworkData, measures: NetworkMeasures): CytoscapeDocument {
  const table = nodeTable(network, measures);
  return {
    format_version: '1.0',
    generated_by: 'PerMed Graph',
    target_cytoscapejs_version: '~3',
    data: {
      name: network.name,
      description: network.description,
      truncated: network.truncated,
      totalNodeCount: network.totalNodeCount,
    },
    elements: {
      nodes: table.rows.map((row) => {
        const data: Record<string, AttributeValue> & { id: string; label: string } = {
          id: row.id,
          label: row.label,
        };
        for (const column of table.columns) {
          const value = row.values[column.key];
          if (value !== null && value !== undefined) data[column.key] = value;
        }
        return { data };
      }),
      edges: network.edges.map((edge) => ({
        data: {
          id: `${edge.source}--${edge.target}`,
          source: edge.source,
          target: edge.target,
          weight: edge.weight,
          evidenceKind: edge.evidenceKind,
          evidenceIds: edge.evidenceIds,
          relationshipTypes: edge.relationshipTypes,
        },
      })),
    },
  };
}
