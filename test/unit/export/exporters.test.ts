// Every exporter against its golden file (test/fixtures/export/tiny.*), and parsed back
// with a real reader: csv-parse, graphology-gexf, graphology-graphml, cytoscape headless,
// @placemarkio/check-geojson.

import fs from 'node:fs';
import path from 'node:path';
import { check } from '@placemarkio/check-geojson';
import type { FeatureCollection } from 'geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import cytoscape from 'cytoscape';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { analyseNetwork } from '../../../src/analytics/analyseNetwork';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportNetwork,
  formatOfExtension,
  networkDocument,
} from '../../../src/export/exportNetwork';
import { toGephiEdgesCsv, toGephiNodesCsv } from '../../../src/export/toGephiCsv';
import { geoJsonGaps } from '../../../src/export/toGeoJson';
import { escapeXml } from '../../../src/export/toGraphml';
import { tinyNetwork } from '../../fixtures/export/tinyNetwork';

const network = tinyNetwork();
const measures = analyseNetwork(network).measures();
/** Validates with check-geojson (throws on any RFC 7946 violation) and returns the collection. */
function checkGeoJson(text: string): FeatureCollection {
  const value = check(text);
  if (value.type !== 'FeatureCollection') throw new Error(`expected a FeatureCollection, got ${value.type}`);
  return value;
}

const GOLDEN_DIR = path.join(__dirname, '../../fixtures/export');

function golden(format: ExportFormat): string {
  return fs.readFileSync(path.join(GOLDEN_DIR, `tiny.${EXPORT_FORMATS[format].extension}`), 'utf8');
}

describe('exportNetwork', () => {
  it.each(Object.keys(EXPORT_FORMATS) as ExportFormat[])('writes %s exactly as its golden file', (format) => {
    expect(exportNetwork(format, network, measures)).toBe(golden(format));
  });

  it('serves each JSON document as the parsed form of its file', () => {
    for (const format of ['CYTOSCAPE', 'VOSVIEWER', 'GEOJSON'] as const) {
      expect(networkDocument(format, network, measures)).toEqual(
        JSON.parse(exportNetwork(format, network, measures)),
      );
    }
  });

  it('finds formats by extension and nothing else', () => {
    expect(formatOfExtension('nodes.csv')).toBe('NODES_CSV');
    expect(formatOfExtension('gexf')).toBe('GEXF');
    expect(formatOfExtension('csv')).toBeNull();
  });
});

describe('toGephiNodesCsv and toGephiEdgesCsv', () => {
  it('parse back with Gephi columns, the same nodes, edges and weights', () => {
    const nodes = parseCsv(toGephiNodesCsv(network, measures), { columns: true }) as Array<
      Record<string, string>
    >;
    const edges = parseCsv(toGephiEdgesCsv(network), { columns: true }) as Array<Record<string, string>>;
    expect(nodes.map((row) => row.Id)).toEqual(['DE', 'FR', 'gap-care', 'org-x']);
    expect(nodes[2]!.Label).toBe('Research, "Innovation" & <Care>');
    // Values are written as they are, a leading "=" included.
    expect(nodes[3]!.Label).toBe('=Institut X');
    expect(Object.keys(nodes[0]!).slice(0, 2)).toEqual(['Id', 'Label']);
    expect(nodes[0]).toMatchObject({
      Kind: 'COUNTRY',
      Latitude: '51',
      Longitude: '9',
      Degree: '2',
      WeightedDegree: '3',
    });
    expect(nodes[2]!.Latitude).toBe('');
    expect(edges).toEqual([
      {
        Source: 'DE',
        Target: 'FR',
        Type: 'Undirected',
        Weight: '2',
        EvidenceKind: 'PROJECT',
        EvidenceIds: 'project-a;project-b',
        RelationshipTypes: '',
      },
      {
        Source: 'DE',
        Target: 'gap-care',
        Type: 'Undirected',
        Weight: '1',
        EvidenceKind: 'PROJECT',
        EvidenceIds: 'project-a',
        RelationshipTypes: '',
      },
      {
        Source: 'FR',
        Target: 'org-x',
        Type: 'Undirected',
        Weight: '1',
        EvidenceKind: 'PROJECT',
        EvidenceIds: 'project-b',
        RelationshipTypes: '',
      },
    ]);
  });
});

describe('toGexf', () => {
  it('parses back with graphology-gexf as an undirected graph with the labels, weights and measures', () => {
    const graph = parseGexf(Graph, exportNetwork('GEXF', network, measures));
    expect(graph.type).toBe('undirected');
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(3);
    expect(graph.getNodeAttribute('gap-care', 'label')).toBe('Research, "Innovation" & <Care>');
    expect(graph.getNodeAttribute('DE', 'latitude')).toBe(51);
    expect(graph.getNodeAttribute('DE', 'pageRank')).toBeCloseTo(measures.byNode.get('DE')!.pageRank, 12);
    expect(graph.getEdgeAttribute(graph.edge('DE', 'FR')!, 'weight')).toBe(2);
    expect(graph.getEdgeAttribute(graph.edge('DE', 'FR')!, 'evidenceIds')).toBe('project-a;project-b');
  });

  it('declares GEXF 1.3', () => {
    expect(exportNetwork('GEXF', network, measures)).toContain(
      '<gexf version="1.3" xmlns="http://gexf.net/1.3"',
    );
  });
});

describe('toGraphml', () => {
  it('parses back with graphology-graphml with typed attributes and weights', () => {
    const graph = parseGraphml(Graph, exportNetwork('GRAPHML', network, measures));
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(3);
    expect(graph.type).toBe('undirected');
    expect(graph.getNodeAttribute('gap-care', 'label')).toBe('Research, "Innovation" & <Care>');
    expect(graph.getNodeAttribute('DE', 'degree')).toBe(2);
    expect(graph.getNodeAttribute('gap-care', 'latitude')).toBeUndefined();
    const weights = graph
      .mapEdges((_edge, attributes, source, target) => `${source}-${target}:${attributes.weight}`)
      .sort();
    expect(weights).toEqual(['DE-FR:2', 'DE-gap-care:1', 'FR-org-x:1']);
  });

  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
  });
});

describe('toCytoscapeJson', () => {
  it('loads into headless cytoscape with the same nodes, edges and weights', () => {
    const document = networkDocument('CYTOSCAPE', network, measures) as {
      elements: cytoscape.ElementsDefinition;
    };
    const cy = cytoscape({ headless: true, elements: document.elements });
    expect(cy.nodes().length).toBe(4);
    expect(cy.edges().length).toBe(3);
    expect(cy.getElementById('DE--FR').data('weight')).toBe(2);
    expect(cy.getElementById('gap-care').data('label')).toBe('Research, "Innovation" & <Care>');
    // cytoscape's own degree agrees with ours.
    expect(cy.getElementById('DE').degree(false)).toBe(measures.byNode.get('DE')!.degree);
  });
});

describe('toVosviewerJson', () => {
  it('has integer items with integer clusters from 1 and links with strengths', () => {
    const document = networkDocument('VOSVIEWER', network, measures) as {
      network: {
        items: Array<{ id: number; label: string; cluster: number; weights: Record<string, number> }>;
        links: Array<{ source_id: number; target_id: number; strength: number }>;
      };
    };
    const { items, links } = document.network;
    expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4]);
    for (const item of items) expect(Number.isInteger(item.cluster) && item.cluster >= 1).toBe(true);
    expect(links).toEqual([
      { source_id: 1, target_id: 2, strength: 2 },
      { source_id: 1, target_id: 3, strength: 1 },
      { source_id: 2, target_id: 4, strength: 1 },
    ]);
    expect(items[0]!.weights).toEqual({ Links: 2, 'Total link strength': 3 });
  });
});

describe('toGeoJson', () => {
  it('is valid GeoJSON with one feature per node and per edge, so feature counts equal the network counts', () => {
    const collection = checkGeoJson(exportNetwork('GEOJSON', network, measures));
    expect(collection.features).toHaveLength(network.nodes.length + network.edges.length);
    const points = collection.features.filter((feature) => feature.geometry?.type === 'Point');
    expect(points.map((feature) => feature.properties?.id)).toEqual(['DE', 'FR', 'org-x']);
  });

  it('keeps a node without a location as a feature with a null geometry and basis NONE', () => {
    const collection = checkGeoJson(exportNetwork('GEOJSON', network, measures));
    const gap = collection.features.find((feature) => feature.id === 'gap-care');
    expect([gap?.geometry, gap?.properties?.coordinateBasis]).toEqual([null, 'NONE']);
  });

  it('draws a line only between two located nodes at different points, and says why the others have none', () => {
    const collection = checkGeoJson(exportNetwork('GEOJSON', network, measures));
    const edges = collection.features.filter((feature) => feature.properties?.source !== undefined);
    expect(
      edges.map((feature) => [
        feature.properties?.source,
        feature.properties?.target,
        feature.geometry?.type ?? null,
        feature.properties?.geometryOmitted,
      ]),
    ).toEqual([
      ['DE', 'FR', 'LineString', null],
      ['DE', 'gap-care', null, 'UNLOCATED_END'],
      // org-x sits at France's centroid: a line to FR would have zero length.
      ['FR', 'org-x', null, 'COLOCATED'],
    ]);
    for (const feature of edges) {
      if (feature.geometry?.type !== 'LineString') continue;
      const [from, to] = feature.geometry.coordinates;
      expect(from).not.toEqual(to);
    }
  });

  it('counts what a map cannot draw for the export headers', () => {
    expect(geoJsonGaps(network)).toEqual({
      unlocatedNodeIds: ['gap-care'],
      colocatedEdgeCount: 1,
      unlocatedEdgeCount: 1,
    });
  });

  it('writes positions as [longitude, latitude] (RFC 7946)', () => {
    const collection = checkGeoJson(exportNetwork('GEOJSON', network, measures));
    const germany = collection.features.find((feature) => feature.properties?.id === 'DE');
    expect(germany?.geometry).toEqual({ type: 'Point', coordinates: [9, 51] });
    expect(
      collection.features.find((feature) => feature.properties?.id === 'org-x')?.properties?.coordinateBasis,
    ).toBe('COUNTRY_CENTROID');
  });
});
