// The network queries on the real seeded graph: the co-funding network weighted with the
// calls or projects behind each edge, filters and truncation, rankings and communities,
// neighbourhoods, the shortest path between funders that never shared a call, and errors.

import { expectBadUserInput, onlyError } from '../helpers/graphqlErrors';
import { useTestApi } from '../helpers/useTestApi';

const api = useTestApi();

interface Edge {
  source: string;
  target: string;
  weight: number;
  evidenceKind: string;
  evidenceIds: string[];
}
interface NodeRow {
  id: string;
  label: string;
  kind: string;
  attributes: Record<string, unknown>;
  coordinates: { latitude: number; longitude: number; basis: string } | null;
  degree: number;
  weightedDegree: number;
  community: number;
}
interface NetworkAnswer {
  name: string;
  nodeCount: number;
  edgeCount: number;
  totalWeight: number;
  totalNodeCount: number;
  truncated: boolean;
  nodes: NodeRow[];
  edges: Edge[];
}

const NETWORK_FIELDS = `
  name nodeCount edgeCount totalWeight totalNodeCount truncated
  nodes { id label kind attributes coordinates { latitude longitude basis } degree weightedDegree community }
  edges { source target weight evidenceKind evidenceIds }`;

const COFUNDING = `query Cofunding($basis: NetworkBasis, $filter: NetworkFilter, $limit: Int) {
  cofundingNetwork(basis: $basis, filter: $filter, limit: $limit) { ${NETWORK_FIELDS} }
}`;

async function cofunding(variables: Record<string, unknown>): Promise<NetworkAnswer> {
  return (await api.data<{ cofundingNetwork: NetworkAnswer }>(COFUNDING, variables)).cofundingNetwork;
}

/** Shared calls of every funder pair, read independently of src/db/networks.ts. */
async function sharedCallsByPair(): Promise<Map<string, string[]>> {
  const rows = await api.database.db.read<{ pair: string; calls: string[] }>(
    `MATCH (c:Call)<-[:PARTICIPATES_IN]-(f:Funder)
     WITH c, collect(f.id) AS funders
     UNWIND funders AS a UNWIND funders AS b
     WITH a, b, c WHERE a < b
     RETURN a + '|' + b AS pair, collect(c.id) AS calls`,
  );
  return new Map(rows.map((row) => [row.pair, row.calls.sort()]));
}

describe('cofundingNetwork', () => {
  it('when the whole graph is projected by shared calls, then every funder pair that shared a call is an edge weighted by the calls behind it', async () => {
    const network = await cofunding({});
    const expected = await sharedCallsByPair();
    expect(network.name).toBe('cofunding-calls');
    expect(network.truncated).toBe(false);
    expect(network.edgeCount).toBe(expected.size);
    // Every funder of a pair is a node; the total weight counts the shared (pair, call) items.
    const pairFunders = new Set([...expected.keys()].flatMap((pair) => pair.split('|')));
    expect(network.nodeCount).toBe(pairFunders.size);
    expect(network.totalWeight).toBe([...expected.values()].reduce((sum, calls) => sum + calls.length, 0));
    for (const edge of network.edges) {
      expect(edge.source < edge.target).toBe(true);
      expect(edge.evidenceKind).toBe('CALL');
      expect(edge.evidenceIds).toEqual(expected.get(`${edge.source}|${edge.target}`));
      expect(edge.weight).toBe(edge.evidenceIds.length);
    }
  });

  it('when a funder is based in a country, then it carries that country centroid as its coordinates', async () => {
    const network = await cofunding({});
    const isciii = network.nodes.find((node) => node.id === 'isciii-es')!;
    const spain = (
      await api.data<{ country: { latitude: number; longitude: number } }>(
        '{ country(code: "ES") { latitude longitude } }',
      )
    ).country;
    expect(isciii.coordinates).toEqual({
      latitude: spain.latitude,
      longitude: spain.longitude,
      basis: 'COUNTRY_CENTROID',
    });
    expect(isciii.attributes).toMatchObject({
      acronym: 'ISCIII',
      countryCode: 'ES',
      funderKind: 'NATIONAL_FUNDING_AGENCY',
    });
  });

  it('when a funder is regional or international, then it sits at its region centroid or its headquarters', async () => {
    const network = await cofunding({});
    const { region } = await api.data<{
      region: { latitude: number; longitude: number; subdivisionCode: string };
    }>('{ region(id: "es-navarre") { latitude longitude subdivisionCode } }');
    expect(region.subdivisionCode).toBe('ES-NC');
    const navarre = network.nodes.find((node) => node.id === 'navarra-es-na');
    expect(navarre?.coordinates).toEqual({
      latitude: region.latitude,
      longitude: region.longitude,
      basis: 'REGION_CENTROID',
    });
    const commission = network.nodes.find((node) => node.id === 'european-commission');
    expect(commission?.coordinates?.basis).toBe('HEADQUARTERS');
    // FNRS acts for a language community, which has no centroid: it falls back to Belgium's.
    const fnrs = network.nodes.find((node) => node.id === 'fnrs-be');
    expect(fnrs?.coordinates?.basis).toBe('COUNTRY_CENTROID');
  });

  it('when projected by shared projects, then PERMANENS links its four named funders pairwise with its id as evidence', async () => {
    const network = await cofunding({ basis: 'PROJECTS' });
    const permanens = ['hrb-ie', 'isciii-es', 'rcn-no', 'vinnova-se'];
    const edges = network.edges.filter((edge) => edge.evidenceIds.includes('project-permanens'));
    // 4 funders give 4 * 3 / 2 = 6 pairs.
    expect(edges).toHaveLength(6);
    for (const edge of edges) {
      expect(permanens).toContain(edge.source);
      expect(permanens).toContain(edge.target);
      expect(edge.evidenceKind).toBe('PROJECT');
    }
    // Funders of single-funder projects are nodes without edges.
    expect(network.nodes.find((node) => node.id === 'fwf-at')?.degree).toBe(0);
  });

  it('when filtered to JTC2024, then its funders form a complete graph of weight-1 edges backed by jtc2024 alone', async () => {
    const network = await cofunding({ filter: { calls: ['jtc2024'] } });
    const n = network.nodeCount;
    expect(n).toBe(10);
    expect(network.edgeCount).toBe((n * (n - 1)) / 2);
    for (const edge of network.edges) expect(edge.evidenceIds).toEqual(['jtc2024']);
  });

  it('when the node limit cuts, then truncated is true, the most active funders stay and no edge leaves the kept nodes', async () => {
    const full = await cofunding({});
    const cut = await cofunding({ limit: 5 });
    expect(cut.truncated).toBe(true);
    expect(cut.nodeCount).toBe(5);
    expect(cut.totalNodeCount).toBe(full.nodeCount);
    const activity = (node: NodeRow) => node.attributes.evidenceCount as number;
    const threshold = Math.min(...cut.nodes.map(activity));
    expect(full.nodes.filter((node) => activity(node) > threshold).length).toBeLessThanOrEqual(5);
    const kept = new Set(cut.nodes.map((node) => node.id));
    for (const edge of cut.edges) expect(kept.has(edge.source) && kept.has(edge.target)).toBe(true);
    expect(cut.edgeCount).toBe(
      full.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)).length,
    );
  });

  it('when filtered by dataset, then only evidence from those datasets counts: the seeds are the curated data, none is from CORDIS', async () => {
    const byProjects = { basis: 'PROJECTS' };
    const all = await cofunding(byProjects);
    const curated = await cofunding({ ...byProjects, filter: { datasets: ['PERMED_CURATED'] } });
    expect(all.edgeCount).toBeGreaterThan(0);
    expect(curated.edges).toEqual(all.edges);
    const cordis = await cofunding({ ...byProjects, filter: { datasets: ['CORDIS_HORIZON_EUROPE', 'ROR'] } });
    expect(cordis).toMatchObject({ nodeCount: 0, edgeCount: 0 });
  });

  it('when filtered by years, then only calls of those years stand behind the edges', async () => {
    const network = await cofunding({ filter: { yearFrom: 2024, yearTo: 2025 } });
    const evidence = new Set(network.edges.flatMap((edge) => edge.evidenceIds));
    expect([...evidence].sort()).toEqual(['jtc2024', 'jtc2025']);
  });
});

describe('collaborationNetwork and bipartiteNetwork', () => {
  it('when countries are projected, then every country has its own centroid and edges count shared projects', async () => {
    const { collaborationNetwork: network } = await api.data<{ collaborationNetwork: NetworkAnswer }>(
      `{ collaborationNetwork(level: COUNTRIES) { ${NETWORK_FIELDS} } }`,
    );
    expect(network.nodeCount).toBeGreaterThan(5);
    for (const node of network.nodes) expect(node.coordinates?.basis).toBe('COUNTRY_CENTROID');
    for (const edge of network.edges) {
      expect(edge.evidenceKind).toBe('PROJECT');
      expect(edge.weight).toBe(edge.evidenceIds.length);
    }
  });

  it('when organisations are projected, then each takes its country centroid', async () => {
    // Other test files add projects from 2023 on while this runs; the seeded ones suffice.
    const { collaborationNetwork: network } = await api.data<{ collaborationNetwork: NetworkAnswer }>(
      `{ collaborationNetwork(level: ORGANISATIONS, filter: { yearTo: 2022 }) { ${NETWORK_FIELDS} } }`,
    );
    expect(network.nodeCount).toBeGreaterThan(10);
    for (const node of network.nodes) expect(node.coordinates?.basis).toBe('COUNTRY_CENTROID');
  });

  it('when funders face knowledge gaps through calls, then every edge joins a funder to a gap its call targets', async () => {
    const { bipartiteNetwork: network } = await api.data<{
      bipartiteNetwork: NetworkAnswer & { bipartite: boolean };
    }>(`{ bipartiteNetwork(actors: FUNDERS, targets: GAPS, basis: CALLS) { bipartite ${NETWORK_FIELDS} } }`);
    expect(network.bipartite).toBe(true);
    const kinds = new Map(network.nodes.map((node) => [node.id, node.kind]));
    expect(network.edgeCount).toBeGreaterThan(0);
    for (const edge of network.edges) {
      expect(kinds.get(edge.source)).toBe('FUNDER');
      expect(kinds.get(edge.target)).toBe('KNOWLEDGE_GAP');
      expect(edge.evidenceKind).toBe('CALL');
    }
    // No node without an edge: an item counts only when it joins both modes.
    for (const node of network.nodes) expect(node.degree).toBeGreaterThan(0);
  });
});

describe('rankings and communities', () => {
  it('when the 10 most central funders of JTC2024 are asked for, then all ten tie in a complete graph', async () => {
    const data = await api.data<{
      cofundingNetwork: { ranking: Array<{ rank: number; score: number; node: { kind: string } }> };
    }>(
      `{ cofundingNetwork(filter: { calls: ["jtc2024"] }) { ranking(measure: DEGREE, first: 10) { rank score node { kind } } } }`,
    );
    const ranking = data.cofundingNetwork.ranking;
    expect(ranking).toHaveLength(10);
    for (const row of ranking) {
      expect(row.rank).toBe(1);
      expect(row.score).toBe(9);
      expect(row.node.kind).toBe('FUNDER');
    }
  });

  it('when the whole co-funding network is ranked by weighted degree, then the ranking follows the node values', async () => {
    const data = await api.data<{
      cofundingNetwork: {
        ranking: Array<{
          rank: number;
          score: number;
          node: { id: string; weightedDegree: number; pageRank: number };
        }>;
        communities: Array<{ id: number; size: number; members: Array<{ id: string; community: number }> }>;
        modularity: number;
        nodeCount: number;
      };
    }>(`{ cofundingNetwork {
      nodeCount modularity
      ranking(measure: WEIGHTED_DEGREE, first: 5) { rank score node { id weightedDegree pageRank } }
      communities { id size members { id community } }
    } }`);
    const { ranking, communities, nodeCount, modularity } = data.cofundingNetwork;
    expect(ranking).toHaveLength(5);
    for (let i = 1; i < ranking.length; i += 1)
      expect(ranking[i]!.score).toBeLessThanOrEqual(ranking[i - 1]!.score);
    for (const row of ranking) expect(row.score).toBe(row.node.weightedDegree);
    expect(communities.reduce((sum, community) => sum + community.size, 0)).toBe(nodeCount);
    for (const community of communities)
      for (const member of community.members) expect(member.community).toBe(community.id);
    expect(modularity).toBeGreaterThan(0);
  });
});

describe('neighbourhood', () => {
  it('when the 1-hop neighbourhood of a funder is asked for, then it holds the funder, its calls, programmes and country', async () => {
    const data = await api.data<{ neighbourhood: NetworkAnswer }>(
      `{ neighbourhood(of: { kind: FUNDER, id: "aecc-es" }, hops: 1) { ${NETWORK_FIELDS} } }`,
    );
    const ids = data.neighbourhood.nodes.map((node) => node.id).sort();
    expect(ids).toEqual(expect.arrayContaining(['aecc-es', 'jtc2019', 'ES', 'erapermed-programme']));
    for (const edge of data.neighbourhood.edges) expect(edge.evidenceKind).toBe('RELATIONSHIP');
    expect(data.neighbourhood.nodes.find((node) => node.id === 'aecc-es')?.attributes.distance).toBe(0);
  });

  it('when the limit is smaller than the neighbourhood, then the nearest nodes are kept and truncated is true', async () => {
    const data = await api.data<{ neighbourhood: NetworkAnswer }>(
      `{ neighbourhood(of: { kind: FUNDER, id: "aecc-es" }, hops: 2, limit: 3) { ${NETWORK_FIELDS} } }`,
    );
    expect(data.neighbourhood.truncated).toBe(true);
    expect(data.neighbourhood.nodeCount).toBe(3);
    expect(data.neighbourhood.nodes.every((node) => (node.attributes.distance as number) <= 1)).toBe(true);
  });

  it('when the centre does not exist, then BAD_USER_INPUT names of.id', async () => {
    const error = onlyError(
      await api.execute('{ neighbourhood(of: { kind: FUNDER, id: "no-such-funder" }) { nodeCount } }'),
    );
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'of.id',
      unknownIds: ['no-such-funder'],
    });
  });
});

describe('shortestPaths', () => {
  const PATHS = `query Paths($types: [RelationshipType!]) {
    shortestPaths(from: { kind: FUNDER, id: "aecc-es" }, to: { kind: FUNDER, id: "samrc-za" }, relationshipTypes: $types, all: true) {
      length
      nodes { id kind entity { __typename } }
      relationships { type source target }
    }
  }`;

  it('when two real funders never shared a call, then the path through calls returns its intermediate nodes', async () => {
    // AECC-FC took part in JTC2019 only and SAMRC in JTC2025 only: no call in common.
    const network = await cofunding({});
    expect(network.edges.some((edge) => edge.source === 'aecc-es' && edge.target === 'samrc-za')).toBe(false);
    expect(network.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(['aecc-es', 'samrc-za']));

    const { shortestPaths } = await api.data<{
      shortestPaths: Array<{
        length: number;
        nodes: Array<{ id: string; kind: string; entity: { __typename: string } }>;
        relationships: Array<{ type: string; source: string; target: string }>;
      }>;
    }>(PATHS, { types: ['PARTICIPATES_IN'] });
    expect(shortestPaths.length).toBeGreaterThan(0);
    for (const path of shortestPaths) {
      // funder - JTC2019 - a participant of both calls - JTC2025 - funder
      expect(path.length).toBe(4);
      expect(path.nodes.map((node) => node.id)).toEqual([
        'aecc-es',
        'jtc2019',
        path.nodes[2]!.id,
        'jtc2025',
        'samrc-za',
      ]);
      expect(['FUNDER', 'COUNTRY', 'REGION']).toContain(path.nodes[2]!.kind);
      expect(path.nodes[1]!.entity.__typename).toBe('Call');
      path.relationships.forEach((relationship, index) => {
        expect(relationship.type).toBe('PARTICIPATES_IN');
        const ends = [relationship.source, relationship.target].sort();
        expect(ends).toEqual([path.nodes[index]!.id, path.nodes[index + 1]!.id].sort());
      });
    }
  });

  it('when the length bound is below the distance, then no path comes back', async () => {
    const data = await api.data<{ shortestPaths: unknown[] }>(
      `{ shortestPaths(from: { kind: FUNDER, id: "aecc-es" }, to: { kind: FUNDER, id: "samrc-za" }, relationshipTypes: [PARTICIPATES_IN], maxLength: 3) { length } }`,
    );
    expect(data.shortestPaths).toEqual([]);
  });
});

describe('argument errors', () => {
  it.each([
    ['{ cofundingNetwork(limit: 0) { nodeCount } }', 'limit'],
    ['{ cofundingNetwork(filter: { yearFrom: 2025, yearTo: 2020 }) { nodeCount } }', 'filter.yearFrom'],
    ['{ cofundingNetwork(filter: { countries: ["Spain"] }) { nodeCount } }', 'filter.countries'],
    [
      '{ collaborationNetwork(level: COUNTRIES, filter: { minConfidence: 2 }) { nodeCount } }',
      'filter.minConfidence',
    ],
    ['{ neighbourhood(of: { kind: FUNDER, id: "aecc-es" }, hops: 4) { nodeCount } }', 'hops'],
    [
      '{ shortestPaths(from: { kind: FUNDER, id: "aecc-es" }, to: { kind: FUNDER, id: "aecc-es" }) { length } }',
      'to',
    ],
    [
      '{ shortestPaths(from: { kind: FUNDER, id: "aecc-es" }, to: { kind: CALL, id: "jtc2024" }, maxLength: 11) { length } }',
      'maxLength',
    ],
    ['{ cofundingNetwork { ranking(first: -1) { rank } } }', 'first'],
  ])('when %s is asked, then BAD_USER_INPUT names %s', async (query, argument) => {
    expectBadUserInput(await api.execute(query), argument);
  });
});
