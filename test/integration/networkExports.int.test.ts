// The /export routes over HTTP on the real graph: every file opens in a real reader with
// the node and edge counts and weights of the GraphQL answer for the same arguments, the
// JSON forms equal Network.document, and bad parameters get a 400 naming them.

import { check } from '@placemarkio/check-geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import cytoscape from 'cytoscape';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { useTestApi } from '../helpers/useTestApi';

const api = useTestApi({ http: { introspection: false } });

interface Answer {
  nodeCount: number;
  edgeCount: number;
  totalWeight: number;
  nodes: Array<{ id: string; label: string }>;
  edges: Array<{ source: string; target: string; weight: number }>;
  nodesCsv: string;
  gexf: string;
  cytoscape: { elements: cytoscape.ElementsDefinition };
  vosviewer: {
    network: {
      items: Array<{ id: number; cluster: number }>;
      links: Array<{ source_id: number; target_id: number; strength: number }>;
    };
  };
  geojson: { features: Array<{ geometry: { type: string } }> };
}

/** The GraphQL answer for a query field and its arguments, with its download URLs. */
async function graphql(field: string, args: string): Promise<Answer> {
  const data = await api.data<Record<string, Answer>>(`{
    network: ${field}${args ? `(${args})` : ''} {
      nodeCount edgeCount totalWeight
      nodes { id label }
      edges { source target weight }
      nodesCsv: downloadUrl(format: NODES_CSV)
      gexf: downloadUrl(format: GEXF)
      cytoscape: document(format: CYTOSCAPE)
      vosviewer: document(format: VOSVIEWER)
      geojson: document(format: GEOJSON)
    }
  }`);
  return data.network!;
}

async function download(path: string): Promise<{
  status: number;
  type: string | null;
  disposition: string | null;
  truncated: string | null;
  body: string;
}> {
  const response = await fetch(`${api.base}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    truncated: response.headers.get('x-network-truncated'),
    body: await response.text(),
  };
}

/** Replaces the extension of a download URL, keeping its query. */
function withExtension(url: string, extension: string): string {
  return url.replace(/^(\/export\/[a-z]+)\.[a-z.]+\?/, `$1.${extension}?`);
}

function weightsOf(edges: Array<{ source: string; target: string; weight: number }>): string[] {
  return edges.map((edge) => `${[edge.source, edge.target].sort().join('~')}=${edge.weight}`).sort();
}

// Other test files write projects (years 2023 and later) and funders while these run; the
// project-based networks below stop at 2022 (or take JTC2022, whose imported test projects
// add no co-funding pair), so that the GraphQL answer and the file downloaded a moment
// later see the same data.
const NETWORKS: Array<[string, string, string]> = [
  ['co-funding by shared calls (all)', 'cofundingNetwork', ''],
  ['co-funding by shared calls in JTC2024', 'cofundingNetwork', 'filter: { calls: ["jtc2024"] }'],
  [
    'co-funding by shared projects of JTC2022 (PERMANENS)',
    'cofundingNetwork',
    'basis: PROJECTS, filter: { calls: ["jtc2022"] }',
  ],
  [
    'country collaboration 2018-2022',
    'collaborationNetwork',
    'level: COUNTRIES, filter: { yearFrom: 2018, yearTo: 2022 }',
  ],
  [
    'organisation collaboration to 2022',
    'collaborationNetwork',
    'level: ORGANISATIONS, filter: { yearTo: 2022 }',
  ],
  [
    'countries x knowledge gaps to 2022',
    'bipartiteNetwork',
    'actors: COUNTRIES, targets: GAPS, filter: { yearTo: 2022 }',
  ],
  [
    'funders x gaps by calls, cut to 10 nodes',
    'bipartiteNetwork',
    'actors: FUNDERS, targets: GAPS, basis: CALLS, limit: 10',
  ],
  [
    'the calls neighbourhood of AECC',
    'neighbourhood',
    'of: { kind: FUNDER, id: "aecc-es" }, hops: 2, relationshipTypes: [PARTICIPATES_IN], limit: 40',
  ],
];

describe.each(NETWORKS)('the exports of %s', (_name, field, args) => {
  let answer: Answer;
  beforeAll(async () => {
    answer = await graphql(field, args);
  });

  it('when the answer is read, then it is not empty', () => {
    expect(answer.nodeCount).toBeGreaterThan(1);
    expect(answer.edgeCount).toBeGreaterThan(0);
  });

  it('when the CSV tables are downloaded, then csv-parse reads the same nodes and weighted edges', async () => {
    const nodes = await download(answer.nodesCsv);
    const edges = await download(withExtension(answer.nodesCsv, 'edges.csv'));
    expect(nodes.status).toBe(200);
    expect(nodes.type).toBe('text/csv; charset=utf-8; header=present');
    expect(nodes.disposition).toMatch(/^attachment; filename="[\w.-]+\.nodes\.csv"$/);
    const nodeRows = parseCsv(nodes.body, { columns: true }) as Array<{ Id: string; Label: string }>;
    const edgeRows = parseCsv(edges.body, { columns: true }) as Array<{
      Source: string;
      Target: string;
      Weight: string;
      Type: string;
    }>;
    expect(nodeRows.map((row) => row.Id).sort()).toEqual(answer.nodes.map((node) => node.id).sort());
    expect(edgeRows).toHaveLength(answer.edgeCount);
    expect(
      weightsOf(
        edgeRows.map((row) => ({ source: row.Source, target: row.Target, weight: Number(row.Weight) })),
      ),
    ).toEqual(weightsOf(answer.edges));
    expect(new Set(edgeRows.map((row) => row.Type))).toEqual(new Set(['Undirected']));
  });

  it('when the GEXF file is downloaded, then graphology-gexf reads the same counts and weights', async () => {
    const file = await download(answer.gexf);
    expect(file.type).toBe('application/gexf+xml; charset=utf-8');
    const graph = parseGexf(Graph, file.body);
    expect(graph.order).toBe(answer.nodeCount);
    expect(graph.size).toBe(answer.edgeCount);
    expect(
      weightsOf(
        graph.mapEdges((_edge, attributes, source, target) => ({
          source,
          target,
          weight: attributes.weight as number,
        })),
      ),
    ).toEqual(weightsOf(answer.edges));
  });

  it('when the GraphML file is downloaded, then graphology-graphml reads the same counts and weights', async () => {
    const file = await download(withExtension(answer.gexf, 'graphml'));
    expect(file.type).toBe('application/graphml+xml; charset=utf-8');
    const graph = parseGraphml(Graph, file.body);
    expect(graph.order).toBe(answer.nodeCount);
    expect(graph.size).toBe(answer.edgeCount);
    expect(
      weightsOf(
        graph.mapEdges((_edge, attributes, source, target) => ({
          source,
          target,
          weight: attributes.weight as number,
        })),
      ),
    ).toEqual(weightsOf(answer.edges));
  });

  it('when the Cytoscape file is downloaded, then headless cytoscape loads it and it equals Network.document', async () => {
    const file = await download(withExtension(answer.gexf, 'cyjs'));
    expect(file.type).toBe('application/json; charset=utf-8');
    const document = JSON.parse(file.body) as { elements: cytoscape.ElementsDefinition };
    expect(document).toEqual(answer.cytoscape);
    const cy = cytoscape({ headless: true, elements: document.elements });
    expect(cy.nodes().length).toBe(answer.nodeCount);
    expect(cy.edges().length).toBe(answer.edgeCount);
    expect(
      weightsOf(
        cy.edges().map((edge) => ({
          source: edge.source().id(),
          target: edge.target().id(),
          weight: edge.data('weight') as number,
        })),
      ),
    ).toEqual(weightsOf(answer.edges));
  });

  it('when the VOSviewer file is downloaded, then it has integer clusters, the same links and strengths, and equals Network.document', async () => {
    const file = await download(withExtension(answer.gexf, 'vosviewer.json'));
    const document = JSON.parse(file.body) as Answer['vosviewer'];
    expect(document).toEqual(answer.vosviewer);
    expect(document.network.items).toHaveLength(answer.nodeCount);
    for (const item of document.network.items)
      expect(Number.isInteger(item.cluster) && item.cluster >= 1).toBe(true);
    expect(document.network.links).toHaveLength(answer.edgeCount);
    const strength = document.network.links.reduce((sum, link) => sum + link.strength, 0);
    expect(strength).toBe(answer.totalWeight);
  });

  it('when the GeoJSON file is downloaded, then check-geojson accepts it and it equals Network.document', async () => {
    const file = await download(withExtension(answer.gexf, 'geojson'));
    expect(file.type).toBe('application/geo+json; charset=utf-8');
    check(file.body);
    expect(JSON.parse(file.body)).toEqual(answer.geojson);
  });
});

describe('the GeoJSON of the country collaboration network', () => {
  it('when every node is a country, then every node is a point and every edge a LineString', async () => {
    const answer = await graphql('collaborationNetwork', 'level: COUNTRIES, filter: { yearTo: 2022 }');
    const types = answer.geojson.features.map((feature) => feature.geometry.type);
    expect(types.filter((type) => type === 'Point')).toHaveLength(answer.nodeCount);
    expect(types.filter((type) => type === 'LineString')).toHaveLength(answer.edgeCount);
  });
});

describe('the GeoJSON of the EP PerMed co-funding network', () => {
  interface GeoFeature {
    id: string;
    geometry: { type: 'Point' | 'LineString'; coordinates: unknown } | null;
    properties: { coordinateBasis?: string; source?: string; geometryOmitted?: string | null };
  }
  const ARGS = 'filter: { yearFrom: 2023 }';

  it('when it is read, then every node and edge is a feature and the Commission sits at its headquarters', async () => {
    const answer = await graphql('cofundingNetwork', ARGS);
    const features = answer.geojson.features as unknown as GeoFeature[];
    expect(features).toHaveLength(answer.nodeCount + answer.edgeCount);
    const commission = features.find((feature) => feature.id === 'european-commission');
    expect([commission?.geometry?.type, commission?.properties.coordinateBasis]).toEqual([
      'Point',
      'HEADQUARTERS',
    ]);
    // Every funder has a place: a country, a region or a headquarters.
    expect(
      features.filter((feature) => feature.properties.source === undefined && feature.geometry === null),
    ).toEqual([]);
  });

  it('when edges join co-located funders, then they carry no zero-length line and the headers count them', async () => {
    const answer = await graphql('cofundingNetwork', ARGS);
    const features = answer.geojson.features as unknown as GeoFeature[];
    const edges = features.filter((feature) => feature.properties.source !== undefined);
    for (const edge of edges) {
      if (edge.geometry === null) continue;
      const [from, to] = edge.geometry.coordinates as number[][];
      expect(from).not.toEqual(to);
    }
    const colocated = edges.filter((edge) => edge.properties.geometryOmitted === 'COLOCATED');
    for (const edge of colocated) expect(edge.geometry).toBeNull();
    const response = await fetch(`${api.base}${withExtension(answer.gexf, 'geojson')}`);
    expect(response.headers.get('x-network-colocated-edge-count')).toBe(String(colocated.length));
    expect(response.headers.get('x-network-unlocated-node-count')).toBe('0');
    expect(response.headers.get('x-network-node-count')).toBe(String(answer.nodeCount));
  });

  it('when gaps are among the nodes, then they stay as null-geometry features and a header names them', async () => {
    const answer = await graphql('bipartiteNetwork', 'actors: FUNDERS, targets: GAPS, basis: CALLS');
    const features = answer.geojson.features as unknown as GeoFeature[];
    const unlocated = features
      .filter((feature) => feature.properties.source === undefined && feature.geometry === null)
      .map((feature) => feature.id);
    expect(unlocated.length).toBeGreaterThan(0);
    expect(unlocated.every((id) => id.startsWith('gap-'))).toBe(true);
    const response = await fetch(`${api.base}${withExtension(answer.gexf, 'geojson')}`);
    expect(response.headers.get('x-network-unlocated-node-count')).toBe(String(unlocated.length));
    expect(response.headers.get('x-network-unlocated-nodes')?.split(',')).toEqual(unlocated.slice(0, 50));
  });
});

describe('the /export routes', () => {
  it('when the URL of the brief is fetched, then it is the JTC2024 co-funding network in GEXF with a file name', async () => {
    const file = await download('/export/cofunding.gexf?call=jtc2024');
    expect(file.status).toBe(200);
    expect(file.disposition).toBe('attachment; filename="cofunding-calls.gexf"');
    expect(file.truncated).toBe('false');
    const graph = parseGexf(Graph, file.body);
    // Ten funders named in JTC2024, each pair sharing that one call.
    expect(graph.order).toBe(10);
    expect(graph.size).toBe(45);
  });

  it('when a dataset is named, then only evidence from it counts: the curated data give the JTC2024 network, ROR none', async () => {
    const curated = await download('/export/cofunding.gexf?call=jtc2024&dataset=permed_curated');
    expect(curated.status).toBe(200);
    expect(parseGexf(Graph, curated.body).size).toBe(45);
    const ror = await download('/export/cofunding.gexf?call=jtc2024&dataset=ROR');
    expect(ror.status).toBe(200);
    expect(parseGexf(Graph, ror.body).order).toBe(0);
  });

  it('when the node limit cuts, then the X-Network-Truncated header says so', async () => {
    const file = await download('/export/cofunding.nodes.csv?limit=3');
    expect(file.truncated).toBe('true');
    expect(parseCsv(file.body, { columns: true })).toHaveLength(3);
  });

  it.each([
    ['/export/cofunding.gexf?calls=jtc2024', 'calls'],
    ['/export/cofunding.gexf?yearFrom=twenty', 'yearFrom'],
    ['/export/cofunding.gexf?dataset=CORDIS', 'dataset'],
    ['/export/collaboration.graphml', 'level'],
    ['/export/neighbourhood.cyjs?kind=funder&id=isciii-es&hops=7', 'hops'],
  ])('when %s is fetched, then the answer is 400 naming %s', async (path, parameter) => {
    const file = await download(path);
    expect(file.status).toBe(400);
    const body = JSON.parse(file.body) as {
      errors: Array<{ message: string; extensions: { code: string; parameter: string } }>;
    };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', parameter });
    expect(body.errors[0]!.message).toContain(`"${parameter}"`);
  });

  it('when an unknown network or format is asked for, then the answer is 404', async () => {
    expect((await download('/export/friendship.gexf')).status).toBe(404);
    expect((await download('/export/cofunding.pdf')).status).toBe(404);
  });

  it('when the centre of a neighbourhood does not exist, then the answer is 400 naming id', async () => {
    const missing = await download('/export/neighbourhood.gexf?kind=funder&id=no-such-funder');
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      parameter: 'id',
    });
  });
});
