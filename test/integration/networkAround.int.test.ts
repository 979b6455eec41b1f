// One actor's own network (NetworkFilter.around) and a node's ties (NetworkNode.edges and
// neighbours) on the seeded graph: who ISCIII co-funds with, the same answer as a file, and
// the refusals. Expectations come from seeds/*.json and from the whole network.

import { expectBadUserInput } from '../helpers/graphqlErrors';
import { seedData } from '../helpers/seedExpectations';
import { useTestApi } from '../helpers/useTestApi';

const api = useTestApi({ http: true });

interface Edge {
  source: string;
  target: string;
  weight: number;
  evidenceIds: string[];
}
interface NodeRow {
  id: string;
  kind: string;
  attributes: { distance?: number; evidenceCount?: number };
  degree: number;
}
interface Network {
  name: string;
  totalNodeCount: number;
  truncated: boolean;
  nodes: NodeRow[];
  edges: Edge[];
  downloadUrl: string;
}

const FIELDS = `name totalNodeCount truncated downloadUrl(format: GEXF)
  nodes { id kind attributes degree }
  edges { source target weight evidenceIds }`;

async function cofunding(filter: Record<string, unknown> | null, limit = 200): Promise<Network> {
  const data = await api.data<{ cofundingNetwork: Network }>(
    `query($filter: NetworkFilter, $limit: Int) { cofundingNetwork(filter: $filter, limit: $limit) { ${FIELDS} } }`,
    { filter, limit },
  );
  return data.cofundingNetwork;
}

/** The calls each funder took part in, from seeds/funders.json. */
async function seededCallsOf(): Promise<Map<string, Set<string>>> {
  const { funders } = await seedData();
  return new Map(funders.map((funder) => [funder.id, new Set(funder.callIds)]));
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((id) => b.has(id)).sort();
}

describe('cofundingNetwork around one funder', () => {
  it('when the network around isciii-es is asked, then its nodes are ISCIII and every funder that shared a seeded call with it, and its edges are the whole network among them', async () => {
    const calls = await seededCallsOf();
    const own = calls.get('isciii-es')!;
    expect(own.size).toBeGreaterThan(0);
    const expected = [...calls]
      .filter(([id, theirs]) => id !== 'isciii-es' && shared(own, theirs).length > 0)
      .map(([id]) => id);
    const [around, whole] = await Promise.all([cofunding({ around: ['isciii-es'] }), cofunding(null)]);
    expect(around.name).toBe('cofunding-calls-around-isciii-es');
    expect(around.nodes.map((node) => node.id).sort()).toEqual(['isciii-es', ...expected].sort());
    const distance = new Map(around.nodes.map((node) => [node.id, node.attributes.distance]));
    expect(distance.get('isciii-es')).toBe(0);
    for (const id of expected) expect(distance.get(id)).toBe(1);
    // Ties between two neighbours are there, with the weight and evidence of the whole network.
    const kept = new Set(around.nodes.map((node) => node.id));
    const wholeAmong = whole.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target));
    expect(around.edges).toEqual(wholeAmong);
    expect(around.edges.some((edge) => edge.source !== 'isciii-es' && edge.target !== 'isciii-es')).toBe(
      true,
    );
    const wholeCounts = new Map(whole.nodes.map((node) => [node.id, node.attributes.evidenceCount]));
    for (const node of around.nodes) expect(node.attributes.evidenceCount).toBe(wholeCounts.get(node.id));
  });

  it("when ISCIII's neighbours are asked, then they come heaviest first with the calls it shared with each in the seeds", async () => {
    const calls = await seededCallsOf();
    const own = calls.get('isciii-es')!;
    const expected = [...calls]
      .filter(([id]) => id !== 'isciii-es')
      .map(([id, theirs]) => ({ id, calls: shared(own, theirs) }))
      .filter((row) => row.calls.length > 0)
      .sort((a, b) => b.calls.length - a.calls.length || (a.id < b.id ? -1 : 1));
    const data = await api.data<{
      cofundingNetwork: {
        node: {
          degree: number;
          neighbours: Array<{ rank: number; weight: number; node: { id: string }; edge: Edge }>;
          edges: Edge[];
        };
      };
    }>(
      `{ cofundingNetwork(filter: { around: ["ISCIII-ES"] }) { node(id: "isciii-es") {
          degree
          neighbours(first: 1000) { rank weight node { id } edge { source target weight evidenceIds } }
          edges(first: 3) { source target weight evidenceIds }
        } } }`,
    );
    const node = data.cofundingNetwork.node;
    expect(node.degree).toBe(expected.length);
    expect(node.neighbours.map((row) => [row.node.id, row.weight, row.edge.evidenceIds])).toEqual(
      expected.map((row) => [row.id, row.calls.length, row.calls]),
    );
    // Competition ranks: a tie shares the rank, the next weight takes the position after them.
    node.neighbours.forEach((row, index) => {
      const previous = node.neighbours[index - 1];
      expect(row.rank).toBe(previous && previous.weight === row.weight ? previous.rank : index + 1);
    });
    expect(node.edges).toEqual(node.neighbours.slice(0, 3).map((row) => row.edge));
  });

  it('when two hops are asked, then the funders two calls away come in at distance 2 and the nearest stay on top of the limit', async () => {
    const calls = await seededCallsOf();
    const linked = (id: string) =>
      [...calls].filter(([other, theirs]) => other !== id && shared(calls.get(id)!, theirs).length > 0);
    const first = new Set(linked('isciii-es').map(([id]) => id));
    const second = new Set([...first].flatMap((id) => linked(id).map(([other]) => other)));
    second.delete('isciii-es');
    for (const id of first) second.delete(id);
    expect(second.size).toBeGreaterThan(0);
    const network = await cofunding({ around: ['isciii-es'], aroundHops: 2 });
    const distance = new Map(network.nodes.map((node) => [node.id, node.attributes.distance]));
    for (const id of second) expect(distance.get(id)).toBe(2);
    expect(network.nodes).toHaveLength(1 + first.size + second.size);

    const cut = await cofunding({ around: ['isciii-es'], aroundHops: 2 }, first.size + 1);
    expect(cut.truncated).toBe(true);
    expect(cut.totalNodeCount).toBe(network.nodes.length);
    expect(cut.nodes.map((node) => node.id).sort()).toEqual(['isciii-es', ...first].sort());
  });

  it('when the actor took part in no call of the filter, then the network is empty', async () => {
    const calls = await seededCallsOf();
    const own = calls.get('isciii-es')!;
    const { calls: seeded } = await seedData();
    const other = seeded.find((call) => !own.has(call.id) && call.kind !== 'EVENT');
    expect(other).toBeDefined();
    const network = await cofunding({ around: ['isciii-es'], calls: [other!.id] });
    expect(network.nodes).toEqual([]);
    expect(network.totalNodeCount).toBe(0);
  });
});

describe('collaboration and bipartite networks around an actor', () => {
  it('when the country collaboration is asked around "es", then Spain and the countries sharing a seeded project with it are the nodes', async () => {
    const { projects } = await seedData();
    const expected = new Set(
      projects
        .filter((project) => project.partnerCountryCodes.includes('ES'))
        .flatMap((project) => project.partnerCountryCodes),
    );
    const data = await api.data<{ collaborationNetwork: Network }>(
      `{ collaborationNetwork(level: COUNTRIES, filter: { around: ["es"] }) { ${FIELDS} } }`,
    );
    expect(data.collaborationNetwork.nodes.map((node) => node.id).sort()).toEqual([...expected].sort());
  });

  it('when funders against gaps are asked around a funder, then one hop reaches only gaps and two reach funders again', async () => {
    const query = (hops: number) =>
      api.data<{ bipartiteNetwork: Network }>(
        `{ bipartiteNetwork(actors: FUNDERS, targets: GAPS, basis: CALLS, filter: { around: ["isciii-es"], aroundHops: ${hops} }) { ${FIELDS} } }`,
      );
    const one = (await query(1)).bipartiteNetwork;
    expect(one.nodes.filter((node) => node.kind === 'FUNDER').map((node) => node.id)).toEqual(['isciii-es']);
    expect(one.nodes.filter((node) => node.kind === 'KNOWLEDGE_GAP').length).toBeGreaterThan(0);
    expect(one.edges.every((edge) => edge.source === 'isciii-es')).toBe(true);
    const two = (await query(2)).bipartiteNetwork;
    const funders = two.nodes.filter((node) => node.kind === 'FUNDER');
    expect(funders.length).toBeGreaterThan(1);
    for (const funder of funders) expect(funder.attributes.distance).toBe(funder.id === 'isciii-es' ? 0 : 2);
  });
});

describe('around as a file', () => {
  it('when the download URL of an ego network is fetched, then the file holds the same nodes and edges', async () => {
    const network = await cofunding({ around: ['isciii-es'] });
    const url = new URL(network.downloadUrl, api.base);
    expect(url.pathname).toBe('/export/cofunding.gexf');
    expect(url.searchParams.getAll('around')).toEqual(['isciii-es']);
    expect(url.searchParams.get('aroundHops')).toBe('1');
    const response = await fetch(`${api.base}${url.pathname}${url.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-network-node-count')).toBe(String(network.nodes.length));
    expect(response.headers.get('x-network-edge-count')).toBe(String(network.edges.length));
    expect(response.headers.get('content-disposition')).toContain('cofunding-calls-around-isciii-es.gexf');
    const body = await response.text();
    for (const node of network.nodes) expect(body).toContain(`id="${node.id}"`);
  });

  it('when an unknown actor is named on /export, then 400 names around with the nearest ids', async () => {
    const response = await fetch(`${api.base}/export/cofunding.nodes.csv?around=isciii`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: Array<{ extensions: { parameter: string; suggestions: string[] } }>;
    };
    expect(body.errors[0]!.extensions.parameter).toBe('around');
    expect(body.errors[0]!.extensions.suggestions).toContain('isciii-es');
  });
});

describe('around refused', () => {
  it.each([
    ['{ cofundingNetwork(filter: { around: ["isciii"] }) { nodeCount } }', 'filter.around'],
    ['{ cofundingNetwork(filter: { around: ["DE"] }) { nodeCount } }', 'filter.around'],
    ['{ cofundingNetwork(filter: { around: [] }) { nodeCount } }', 'filter.around'],
    ['{ cofundingNetwork(filter: { aroundHops: 2 }) { nodeCount } }', 'filter.aroundHops'],
    [
      '{ cofundingNetwork(filter: { around: ["isciii-es"], aroundHops: 4 }) { nodeCount } }',
      'filter.aroundHops',
    ],
    [
      '{ collaborationNetwork(level: ORGANISATIONS, filter: { around: ["isciii-es"] }) { nodeCount } }',
      'filter.around',
    ],
    ['{ cofundingNetwork { nodes { neighbours(first: -1) { rank } } } }', 'first'],
  ])('when %s is asked, then BAD_USER_INPUT names %s', async (query, argument) => {
    expectBadUserInput(await api.execute(query), argument);
  });

  it('when an unknown funder is named, then the error suggests the nearest funder ids', async () => {
    const error = expectBadUserInput(
      await api.execute('{ cofundingNetwork(filter: { around: ["isciii"] }) { nodeCount } }'),
      'filter.around',
    );
    expect(error.extensions?.suggestions).toContain('isciii-es');
    expect(error.message).toContain('unknown funder "isciii"');
  });
});
