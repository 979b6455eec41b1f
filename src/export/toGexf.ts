// GEXF 1.3 (Gephi's native format) through graphology-gexf's writer.

import { write } from 'graphology-gexf';
import { buildNetworkGraph } from '../analytics/buildNetworkGraph';
import type { NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';
import { LIST_SEPARATOR, nodeTable } from './nodeTable';

/**
 * A GEXF 1.3 document (https://gexf.net/schema.html): an undirected graph whose nodes carry
 * their label and, as declared attributes, kind, attributes, latitude/longitude (for
 * Gephi's Geo Layout) and measures; edges carry weight and evidence. Null values are left
 * out. The document has no date, so the same network always gives the same bytes.
 * Open in Gephi with File > Open.
 */
export function toGexf(network: NetworkData, measures: NetworkMeasures): string {
  const table = nodeTable(network, measures);
  const rowsById = new Map(table.rows.map((row) => [row.id, row]));
  const graph = buildNetworkGraph(network);
  graph.replaceAttributes({ creator: 'PerMed Graph', description: network.description });
  return write(graph, {
    version: '1.3',
    formatNode: (key) => {
      const row = rowsById.get(key)!;
      const attributes: Record<string, string | number | boolean> = {};
      for (const column of table.columns) {
        const value = row.values[column.key];
        if (value !== null && value !== undefined) attributes[column.key] = value;
      }
      return { label: row.label, attributes };
    },
    formatEdge: (_key, edge) => ({
      weight: edge.weight,
      attributes: {
        evidenceKind: edge.evidenceKind,
        evidenceIds: edge.evidenceIds.join(LIST_SEPARATOR),
        relationshipTypes: edge.relationshipTypes.join(LIST_SEPARATOR),
      },
    }),
  });
}
