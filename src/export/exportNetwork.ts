// The export formats in one table: serialiser, content type and file extension, so the
// HTTP routes and GraphQL's downloadUrl agree on names.

import type { NetworkData } from '../analytics/networkData';
import type { NetworkMeasures } from '../analytics/networkMeasures';
import { toCytoscapeJson } from './toCytoscapeJson';
import { toGephiEdgesCsv, toGephiNodesCsv } from './toGephiCsv';
import { toGeoJson } from './toGeoJson';
import { toGexf } from './toGexf';
import { toGraphml } from './toGraphml';
import { toVosviewerJson } from './toVosviewerJson';

/** Every file format, named as in the GraphQL enum NetworkFileFormat. */
export type ExportFormat =
  'NODES_CSV' | 'EDGES_CSV' | 'GEXF' | 'GRAPHML' | 'CYTOSCAPE' | 'VOSVIEWER' | 'GEOJSON';

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, { extension: string; contentType: string }>> = {
  NODES_CSV: { extension: 'nodes.csv', contentType: 'text/csv; charset=utf-8; header=present' },
  EDGES_CSV: { extension: 'edges.csv', contentType: 'text/csv; charset=utf-8; header=present' },
  // application/gexf+xml is what gexf.net and Gephi use; it is not IANA-registered.
  GEXF: { extension: 'gexf', contentType: 'application/gexf+xml; charset=utf-8' },
  GRAPHML: { extension: 'graphml', contentType: 'application/graphml+xml; charset=utf-8' },
  CYTOSCAPE: { extension: 'cyjs', contentType: 'application/json; charset=utf-8' },
  VOSVIEWER: { extension: 'vosviewer.json', contentType: 'application/json; charset=utf-8' },
  // RFC 7946 section 12.
  GEOJSON: { extension: 'geojson', contentType: 'application/geo+json; charset=utf-8' },
};

/** The format whose extension `extension` is (e.g. "gexf", "nodes.csv"); null when none. */
export function formatOfExtension(extension: string): ExportFormat | null {
  for (const [format, spec] of Object.entries(EXPORT_FORMATS) as Array<
    [ExportFormat, { extension: string }]
  >) {
    if (spec.extension === extension) return format;
  }
  return null;
}

/** The formats whose content is JSON (also served through GraphQL as Network.document). */
export type JsonExportFormat = Extract<ExportFormat, 'CYTOSCAPE' | 'VOSVIEWER' | 'GEOJSON'>;

/** The JSON document of a JSON format, as an object (the file is its JSON.stringify). */
export function networkDocument(
  format: JsonExportFormat,
  network: NetworkData,
  measures: NetworkMeasures,
): object {
  switch (format) {
    case 'CYTOSCAPE':
      return toCytoscapeJson(network, measures);
    case 'VOSVIEWER':
      return toVosviewerJson(network, measures);
    case 'GEOJSON':
      return toGeoJson(network, measures);
    default:
      return unknownFormat(format);
  }
}

/** The file body of `format` (JSON documents pretty-printed with two spaces and a final newline). */
export function exportNetwork(format: ExportFormat, network: NetworkData, measures: NetworkMeasures): string {
  switch (format) {
    case 'NODES_CSV':
      return toGephiNodesCsv(network, measures);
    case 'EDGES_CSV':
      return toGephiEdgesCsv(network);
    case 'GEXF':
      return toGexf(network, measures);
    case 'GRAPHML':
      return toGraphml(network, measures);
    case 'CYTOSCAPE':
    case 'VOSVIEWER':
    case 'GEOJSON':
      return `${JSON.stringify(networkDocument(format, network, measures), null, 2)}\n`;
    default:
      return unknownFormat(format);
  }
}

// errors.ts would pull in graphql; exporters stay free of it.
function unknownFormat(format: never): never {
  throw new TypeError(
    `expected an export format among ${Object.keys(EXPORT_FORMATS).join(', ')}, received ${String(format)}`,
  );
}
