/** @jest-environment-options {"graphAccess": "exclusive"} */
// Funders and organisations placed at their seat by the connectors, against the real Neo4j and
// the HTTP exports (issue 18 items 4 and 5). Every row here is synthetic: a copy of the synthetic
// CORDIS Horizon Europe fixture (test/fixtures/cordis) with three EP PerMed consortium rows added
// that name our German funders bmbf-de, bmg-de and dlr-de (PICs 99990004x, streets "Synthetic ...",
// made-up coordinates near Bonn), and ROR records with ids 0zzzzy2NN written below. Today these
// three funders share Germany's centroid, so their three co-funding edges have no line.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseGexf } from 'graphology-gexf';
import Graph from 'graphology';
import { openCordisSource } from '../../src/connectors/cordis/cordisSource';
import { IdentityResolver } from '../../src/connectors/resolveIdentities';
import { openRorSource } from '../../src/connectors/ror/rorSource';
import { runConnector } from '../../src/connectors/runner';
import type { ConnectorSource } from '../../src/connectors/source';
import { readStats } from '../../src/db/stats';
import { rollbackImportRun } from '../../src/import/rollbackImport';
import { PROJECT_ROOT } from '../../src/config';
import { syntheticRorRecord, writeSyntheticRorDump } from '../helpers/rorRecords';
import { rememberSourceDatasets } from '../helpers/sourceDatasets';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { useTestApi } from '../helpers/useTestApi';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/cordis');
const actor = 'cli:coordinates-test';
const runs: string[] = [];
let dir: string;
let forgetSourceDatasets: () => Promise<void>;
/** The connectors' own connection: their write batches outlast the API's query timeout under load. */
let writer: TestDatabase;

// Batches run many statements; the CORDIS connector test measured over 60 s for a run at load 20.
jest.setTimeout(300_000);

// Registered before useTestApi's hooks, so that it runs while the database is still open.
afterAll(async () => {
  const { db } = writer;
  for (const runId of runs.reverse()) await rollbackImportRun(db, runId, actor);
  // Runs of this file that failed were undone at once; their ImportRun nodes go too.
  await db.write('MATCH (r:ImportRun) WHERE r.id IN $runs OR r.actor = $actor DETACH DELETE r', {
    runs,
    actor,
  });
  await db.write('MATCH (e:AuditEvent) WHERE e.importRunId IN $runs DETACH DELETE e', { runs });
  await forgetSourceDatasets();
  fs.rmSync(dir, { recursive: true, force: true });
  await writer.close();
});

const api = useTestApi({ http: { introspection: false } });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-coordinates-'));
  writer = openTestDatabase({ queryTimeoutMs: 600_000 });
  forgetSourceDatasets = await rememberSourceDatasets(writer.db);
});

/** An organization.csv line of the EP PerMed grant (the Horizon Europe header's 25 columns), synthetic. */
function consortiumRow(pic: string, name: string, geolocation: string): string {
  return [
    '101137129',
    'EP PerMed',
    pic,
    '',
    name,
    '',
    'false',
    'PUB',
    'Synthetic Street 1',
    '53113',
    'SYNTHETIC BONN',
    'DE',
    'DEA22',
    geolocation,
    '',
    '',
    '2024-03-01 08:00:00',
    '9909998',
    '3',
    'participant',
    '100000',
    '100000',
    '200000',
    'false',
    '',
  ]
    .map((value) => `"${value}"`)
    .join(';');
}

/** The synthetic Horizon Europe fixture with the three consortium rows appended. */
function consortiumExport(): string {
  const folder = path.join(dir, 'synthetic-horizon-german-consortium');
  fs.mkdirSync(folder, { recursive: true });
  const added = [
    consortiumRow('999900041', 'Federal Ministry of Health', '50.7101,7.1302'),
    consortiumRow(
      '999900042',
      'Federal Ministry of Education and Research (now Federal Ministry of Research, Technology and Space)',
      '50.7184,7.1217',
    ),
    consortiumRow(
      '999900043',
      'DLR Projektträger (German Aerospace Center – Project Management Agency)',
      '50.7206,7.0620',
    ),
  ];
  for (const file of fs.readdirSync(path.join(FIXTURES, 'synthetic-horizon'))) {
    const text = fs.readFileSync(path.join(FIXTURES, 'synthetic-horizon', file), 'utf8');
    const tail = file === 'organization.csv' ? added.map((row) => `${row}\r\n`).join('') : '';
    fs.writeFileSync(path.join(folder, file), `${text.endsWith('\n') ? text : `${text}\r\n`}${tail}`);
  }
  return folder;
}

async function run(source: ConnectorSource & { close?(): void }, unmatched: 'create' | 'drop') {
  const resolver = new IdentityResolver(writer.db, { unmatched });
  try {
    const report = await runConnector(writer.db, source, { actor, resolve: resolver.resolve });
    if (report.status === 'imported') runs.push(report.runId);
    return report;
  } finally {
    source.close?.();
  }
}

async function runRor(records: ReadonlyArray<Record<string, unknown>>) {
  return run(await openRorSource(writeSyntheticRorDump(dir, `ror-${runs.length}`, records)), 'drop');
}

/** A synthetic ROR record (test/helpers/rorRecords.ts) located in a city at the given point. */
function rorRecord(
  id: string,
  name: string,
  countryCode: string,
  point: [number, number],
  types = ['education'],
): Record<string, unknown> {
  return syntheticRorRecord({ id, name, countryCode, point, types });
}

interface NodeAnswer {
  id: string;
  coordinates: {
    latitude: number;
    longitude: number;
    basis: string;
    precision: string;
    source: string | null;
  } | null;
}

const GERMAN_FUNDERS = ['bmbf-de', 'bmg-de', 'dlr-de'];

async function cofunding(): Promise<{
  nodes: NodeAnswer[];
  geojson: {
    features: Array<{
      geometry: { type: string; coordinates: unknown } | null;
      properties: Record<string, unknown>;
    }>;
  };
  cytoscape: { elements: { nodes: Array<{ data: Record<string, unknown> }> } };
  gexf: string;
}> {
  const data = await api.data<{
    cofundingNetwork: { nodes: NodeAnswer[]; geojson: never; cytoscape: never; gexf: string };
  }>(`{
    cofundingNetwork(filter: { around: ["bmg-de"] }) {
      nodes { id coordinates { latitude longitude basis precision source } }
      geojson: document(format: GEOJSON)
      cytoscape: document(format: CYTOSCAPE)
      gexf: downloadUrl(format: GEXF)
    }
  }`);
  return data.cofundingNetwork;
}

type Place = NodeAnswer['coordinates'];

/** The `coordinates` fields of the German funders (a planned page and a funder by id) and of two organisations. */
async function seats(): Promise<{
  funders: Map<string, Place>;
  bmgById: Place;
  organisations: Map<string, Place>;
}> {
  const data = await api.data<{
    funders: { nodes: NodeAnswer[] };
    bmg: { coordinates: Place };
    organisations: { nodes: NodeAnswer[] };
  }>(`{
    funders(filter: { ids: ${JSON.stringify(GERMAN_FUNDERS)} }) { nodes { id coordinates { latitude longitude basis precision source } } }
    bmg: funder(id: "bmg-de") { coordinates { latitude longitude basis precision source } }
    organisations(filter: { ids: ["org-pic-999900001", "org-pic-999900004"] }) {
      nodes { id coordinates { latitude longitude basis precision source } }
    }
  }`);
  const byId = (nodes: NodeAnswer[]) => new Map(nodes.map((node) => [node.id, node.coordinates]));
  return {
    funders: byId(data.funders.nodes),
    bmgById: data.bmg.coordinates,
    organisations: byId(data.organisations.nodes),
  };
}

describe('when the EP PerMed consortium rows of a CORDIS export name three German funders', () => {
  let before: Awaited<ReturnType<typeof cofunding>>;
  let after: Awaited<ReturnType<typeof cofunding>>;
  let seatsBefore: Awaited<ReturnType<typeof seats>>;
  let seatsAfter: Awaited<ReturnType<typeof seats>>;
  beforeAll(async () => {
    before = await cofunding();
    seatsBefore = await seats();
    const report = await run(await openCordisSource([consortiumExport()], { scope: 'pm' }), 'create');
    expect(report.status).toBe('imported');
    after = await cofunding();
    seatsAfter = await seats();
  });

  it('then Funder.coordinates moves each from Germany’s centroid to its own address, the point its network node has', () => {
    const germany = {
      latitude: 51,
      longitude: 9,
      basis: 'COUNTRY_CENTROID',
      precision: 'COUNTRY',
      source: 'PERMED_CURATED',
    };
    for (const id of GERMAN_FUNDERS) expect(seatsBefore.funders.get(id)).toEqual(germany);
    expect(seatsBefore.bmgById).toEqual(germany);
    expect(seatsAfter.bmgById).toEqual({
      latitude: 50.7101,
      longitude: 7.1302,
      basis: 'ADDRESS',
      precision: 'PRECISE',
      source: 'CORDIS_HORIZON_EUROPE',
    });
    for (const id of GERMAN_FUNDERS)
      expect(seatsAfter.funders.get(id)).toEqual(after.nodes.find((node) => node.id === id)?.coordinates);
  });

  it('then Organisation.coordinates gives a CORDIS geolocation as precise, and a row without one its country’s centroid', () => {
    expect(seatsAfter.organisations.get('org-pic-999900001')).toEqual({
      latitude: 59.8586,
      longitude: 17.6389,
      basis: 'ADDRESS',
      precision: 'PRECISE',
      source: 'CORDIS_HORIZON_EUROPE',
    });
    expect(seatsAfter.organisations.get('org-pic-999900004')).toMatchObject({
      basis: 'COUNTRY_CENTROID',
      precision: 'COUNTRY',
      source: 'PERMED_CURATED',
    });
  });

  it('then before the export the three share Germany’s centroid, and after it each is at its own seat, marked precise, from CORDIS', () => {
    const basis = (answer: typeof before, id: string) =>
      answer.nodes.find((node) => node.id === id)?.coordinates;
    for (const id of GERMAN_FUNDERS)
      expect(basis(before, id)).toMatchObject({ basis: 'COUNTRY_CENTROID', precision: 'COUNTRY' });
    expect(basis(after, 'bmg-de')).toEqual({
      latitude: 50.7101,
      longitude: 7.1302,
      basis: 'ADDRESS',
      precision: 'PRECISE',
      source: 'CORDIS_HORIZON_EUROPE',
    });
    const points = GERMAN_FUNDERS.map((id) => basis(after, id));
    for (const point of points) expect(point).toMatchObject({ basis: 'ADDRESS', precision: 'PRECISE' });
    expect(new Set(points.map((point) => `${point?.latitude},${point?.longitude}`)).size).toBe(3);
  });

  it('then the GeoJSON draws their three co-funding edges as lines, and marks each point precise', () => {
    const lineBetween = (answer: typeof before, a: string, b: string) =>
      answer.geojson.features.find(
        (feature) =>
          [feature.properties.source, feature.properties.target].sort().join('|') === [a, b].sort().join('|'),
      );
    const pairs: Array<[string, string]> = [
      ['bmbf-de', 'bmg-de'],
      ['bmg-de', 'dlr-de'],
      ['bmbf-de', 'dlr-de'],
    ];
    for (const [a, b] of pairs) {
      expect(lineBetween(before, a, b)?.properties.geometryOmitted).toBe('COLOCATED');
      expect(lineBetween(after, a, b)?.properties.geometryOmitted).toBeNull();
      expect(lineBetween(after, a, b)?.geometry?.type).toBe('LineString');
    }
    const point = after.geojson.features.find((feature) => feature.properties.id === 'bmg-de');
    expect(point?.geometry).toEqual({ type: 'Point', coordinates: [7.1302, 50.7101] });
    expect(point?.properties).toMatchObject({
      coordinateBasis: 'ADDRESS',
      coordinatePrecision: 'PRECISE',
      coordinateSource: 'CORDIS_HORIZON_EUROPE',
    });
  });

  it('then Cytoscape and GEXF carry the precision and its source as node attributes', async () => {
    const node = after.cytoscape.elements.nodes.find((element) => element.data.id === 'bmg-de');
    expect(node?.data).toMatchObject({
      latitude: 50.7101,
      coordinatePrecision: 'PRECISE',
      coordinateSource: 'CORDIS_HORIZON_EUROPE',
    });
    const response = await fetch(`${api.base}${after.gexf}`);
    const graph = parseGexf(Graph, await response.text());
    expect(graph.getNodeAttributes('bmg-de')).toMatchObject({
      coordinatePrecision: 'PRECISE',
      coordinateSource: 'CORDIS_HORIZON_EUROPE',
    });
  });

  it('then the funder keeps the dataset that gave its coordinates on the node', async () => {
    const [row] = await api.database.db.read<{ props: Record<string, unknown> }>(
      "MATCH (f:Funder {id: 'bmbf-de'}) RETURN properties(f) AS props",
    );
    expect(row?.props).toMatchObject({
      latitude: 50.7184,
      longitude: 7.1217,
      coordinatesPrecision: 'PRECISE',
      coordinatesSource: 'CORDIS_HORIZON_EUROPE',
      nutsCode: 'DEA22',
    });
  });

  it('then each funder is a partner of the EP PerMed grant, as an organisation of the consortium is', async () => {
    const rows = await api.database.db.read<{ id: string; participation: string; dataset: string }>(
      `MATCH (f:Funder)-[r:PARTNER_IN]->(:Project {id: 'cordis-101137129'})
       RETURN f.id AS id, r.participation AS participation, r.dataset AS dataset ORDER BY id`,
    );
    expect(rows).toEqual(
      GERMAN_FUNDERS.map((id) => ({ id, participation: 'PARTICIPANT', dataset: 'CORDIS_HORIZON_EUROPE' })),
    );
    const data = await api.data<{ neighbourhood: { nodes: Array<{ id: string }> } }>(`{
      neighbourhood(of: { kind: PROJECT, id: "cordis-101137129" }, relationshipTypes: [PARTNER_IN]) { nodes { id } }
    }`);
    expect(data.neighbourhood.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(GERMAN_FUNDERS));
  });

  it('then a CORDIS organisation with a geolocation is drawn at it in the collaboration network', async () => {
    const data = await api.data<{ collaborationNetwork: { nodes: NodeAnswer[] } }>(`{
      collaborationNetwork(level: ORGANISATIONS, filter: { around: ["org-pic-999900001"] }) {
        nodes { id coordinates { latitude longitude basis precision source } }
      }
    }`);
    expect(
      data.collaborationNetwork.nodes.find((node) => node.id === 'org-pic-999900001')?.coordinates,
    ).toEqual({
      latitude: 59.8586,
      longitude: 17.6389,
      basis: 'ADDRESS',
      precision: 'PRECISE',
      source: 'CORDIS_HORIZON_EUROPE',
    });
  });

  describe('and a ROR dump then gives city coordinates', () => {
    beforeAll(async () => {
      const report = await runRor([
        // A funder and an organisation CORDIS already placed precisely: ROR's city does not move them.
        rorRecord(
          '0zzzzy201',
          'Federal Ministry of Health',
          'DE',
          [50.7374, 7.0982],
          ['government', 'funder'],
        ),
        rorRecord('0zzzzy202', 'Synthetic University Hospital of Uppsala', 'SE', [59.8585, 17.6454]),
        // An organisation whose CORDIS row has no geolocation: placed at ROR's city.
        rorRecord('0zzzzy203', 'Synthetic Patient Association', 'PT', [38.7167, -9.1333]),
      ]);
      expect(report.status).toBe('imported');
    });

    it('then a seat CORDIS gave precisely stays, and an organisation without one is placed at its city, marked city, from ROR', async () => {
      const data = await api.data<{
        cofundingNetwork: { nodes: NodeAnswer[] };
        collaborationNetwork: { nodes: NodeAnswer[] };
      }>(`{
        cofundingNetwork(filter: { around: ["bmg-de"] }) { nodes { id coordinates { latitude longitude basis precision source } } }
        collaborationNetwork(level: ORGANISATIONS, filter: { around: ["org-pic-999900004"] }) {
          nodes { id coordinates { latitude longitude basis precision source } }
        }
      }`);
      expect(data.cofundingNetwork.nodes.find((node) => node.id === 'bmg-de')?.coordinates).toMatchObject({
        latitude: 50.7101,
        precision: 'PRECISE',
        source: 'CORDIS_HORIZON_EUROPE',
      });
      const nodes = data.collaborationNetwork.nodes;
      expect(nodes.find((node) => node.id === 'org-pic-999900001')?.coordinates).toMatchObject({
        latitude: 59.8586,
        precision: 'PRECISE',
      });
      expect(nodes.find((node) => node.id === 'org-pic-999900004')?.coordinates).toEqual({
        latitude: 38.7167,
        longitude: -9.1333,
        basis: 'CITY',
        precision: 'CITY',
        source: 'ROR',
      });
    });

    it('then Organisation.coordinates and Funder.coordinates say the same: ROR’s city where no address is known, else the address', async () => {
      const now = await seats();
      expect(now.organisations.get('org-pic-999900004')).toEqual({
        latitude: 38.7167,
        longitude: -9.1333,
        basis: 'CITY',
        precision: 'CITY',
        source: 'ROR',
      });
      expect(now.organisations.get('org-pic-999900001')).toMatchObject({
        basis: 'ADDRESS',
        source: 'CORDIS_HORIZON_EUROPE',
      });
      expect(now.bmgById).toMatchObject({
        latitude: 50.7101,
        basis: 'ADDRESS',
        source: 'CORDIS_HORIZON_EUROPE',
      });
    });

    it('then both exports again write nothing, and the data version stays', async () => {
      const version = (await readStats(api.database.db)).dataVersion;
      const cordis = await run(await openCordisSource([consortiumExport()], { scope: 'pm' }), 'create');
      expect(cordis.status).toBe('unchanged');
      const ror = await runRor([
        rorRecord(
          '0zzzzy201',
          'Federal Ministry of Health',
          'DE',
          [50.7374, 7.0982],
          ['government', 'funder'],
        ),
        rorRecord('0zzzzy202', 'Synthetic University Hospital of Uppsala', 'SE', [59.8585, 17.6454]),
        rorRecord('0zzzzy203', 'Synthetic Patient Association', 'PT', [38.7167, -9.1333]),
      ]);
      expect(ror.status).toBe('unchanged');
      expect((await readStats(api.database.db)).dataVersion).toBe(version);
    });
  });
});
