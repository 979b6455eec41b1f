// No network query sends a Cypher statement per node: a network costs two statements
// (nodes, edges) whatever its size and whatever measures are selected, and the entities
// behind nodes and edges cost one batched statement per label.

import { useTestApi } from '../helpers/useTestApi';

const api = useTestApi();

const EVERYTHING = `
  nodeCount truncated
  nodes { id label kind attributes coordinates { latitude longitude } degree degreeCentrality weightedDegree betweenness pageRank community }
  edges { source target weight evidenceIds }
  ranking(measure: BETWEENNESS, first: 10) { rank score node { id } }
  communities { id size members { id } }
  modularity
  cytoscape: document(format: CYTOSCAPE)
  geojson: document(format: GEOJSON)
  downloadUrl(format: GEXF)`;

async function statements(query: string): Promise<{ count: number; nodeCount: number; cyphers: string[] }> {
  api.resetQueryLog();
  const data = await api.data<{ network: { nodeCount: number } }>(query);
  return {
    count: api.queryLog.length,
    nodeCount: data.network.nodeCount,
    cyphers: api.queryLog.map((event) => event.cypher),
  };
}

describe.each([
  ['cofundingNetwork', ''],
  ['cofundingNetwork', 'basis: PROJECTS,'],
  ['collaborationNetwork', 'level: COUNTRIES,'],
  ['collaborationNetwork', 'level: ORGANISATIONS,'],
  ['bipartiteNetwork', 'actors: FUNDERS, targets: GAPS, basis: CALLS,'],
  ['bipartiteNetwork', 'actors: COUNTRIES, targets: OBJECTIVES,'],
])('%s(%s)', (field, args) => {
  it('when every measure and document is selected, then it sends exactly two statements', async () => {
    const { count, nodeCount } = await statements(
      `{ network: ${field}(${args} limit: 200) { ${EVERYTHING} } }`,
    );
    expect(nodeCount).toBeGreaterThan(3);
    expect(count).toBe(2);
  });

  it('when the node limit grows from 3 to 200, then the number of statements stays the same', async () => {
    const small = await statements(`{ network: ${field}(${args} limit: 3) { ${EVERYTHING} } }`);
    const large = await statements(`{ network: ${field}(${args} limit: 200) { ${EVERYTHING} } }`);
    expect(small.nodeCount).toBe(3);
    expect(large.nodeCount).toBeGreaterThan(small.nodeCount);
    expect(large.count).toBe(small.count);
  });
});

describe('a network around an actor', () => {
  it.each([
    ['cofundingNetwork', 'filter: { around: ["isciii-es"], aroundHops: 2 },'],
    ['collaborationNetwork', 'level: COUNTRIES, filter: { around: ["es"] },'],
    ['bipartiteNetwork', 'actors: FUNDERS, targets: GAPS, basis: CALLS, filter: { around: ["isciii-es"] },'],
  ])(
    "when %s(%s) is asked with every node's ties, then it sends the id check and the two statements",
    async (field, args) => {
      const { count, nodeCount, cyphers } = await statements(
        `{ network: ${field}(${args} limit: 50) { ${EVERYTHING}
          nodes { edges(first: 50) { weight } neighbours(first: 50) { rank node { id degree } } } } }`,
      );
      expect(nodeCount).toBeGreaterThan(3);
      expect(count).toBe(3);
      expect(cyphers.filter((cypher) => cypher.includes('$around'))).toHaveLength(1);
    },
  );
});

describe('entities behind a network', () => {
  it('when every node entity and every edge call is selected, then each label costs one batched statement', async () => {
    const { count, nodeCount, cyphers } = await statements(`{ network: cofundingNetwork {
      nodeCount
      nodes { entity { ... on Funder { name country { code } } } }
      edges { calls { shortTitle } }
    } }`);
    expect(nodeCount).toBeGreaterThan(1);
    // nodes, edges, Funder by id, Call by id, Funder.country (one batch for all funders).
    expect(count).toBe(5);
    expect(cyphers.filter((cypher) => cypher.includes('MATCH (n:Funder) WHERE n.id IN $ids'))).toHaveLength(
      1,
    );
  });
});

describe('neighbourhood and shortestPaths', () => {
  it('when a 2-hop neighbourhood is asked with every measure, then it sends one statement', async () => {
    const { count, nodeCount } = await statements(
      `{ network: neighbourhood(of: { kind: FUNDER, id: "isciii-es" }, hops: 2, limit: 200) { ${EVERYTHING} } }`,
    );
    expect(nodeCount).toBeGreaterThan(20);
    expect(count).toBe(1);
  });

  it('when all shortest paths are asked, then it sends one statement', async () => {
    api.resetQueryLog();
    const data = await api.data<{ shortestPaths: unknown[] }>(
      '{ shortestPaths(from: { kind: FUNDER, id: "aecc-es" }, to: { kind: FUNDER, id: "samrc-za" }, relationshipTypes: [PARTICIPATES_IN], all: true, first: 50) { length nodes { id label coordinates { latitude } } } }',
    );
    expect(data.shortestPaths.length).toBeGreaterThan(1);
    expect(api.queryLog).toHaveLength(1);
  });
});
