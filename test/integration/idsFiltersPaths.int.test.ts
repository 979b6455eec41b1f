// Ids checked everywhere (GraphQL and /export), programme and call-kind filters, paths kept to
// chosen kinds or taken on a projected network, and the disease-area classification, against
// the seeded graph. Expectations come from the seed files.

import { nearestIds } from '../../src/resolvers/nearestIds';
import type { SeedDataset } from '../../src/model';
import { seedData } from '../helpers/seedExpectations';
import { useTestApi } from '../helpers/useTestApi';

const api = useTestApi({ http: { introspection: false } });
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

async function onlyError(query: string): Promise<{ message: string; extensions: Record<string, unknown> }> {
  const result = await api.execute(query);
  expect(result.errors).toHaveLength(1);
  return result.errors![0] as never;
}

async function download(path: string): Promise<{ status: number; body: string; nodeCount: string | null }> {
  const response = await fetch(`${api.base}${path}`);
  return {
    status: response.status,
    body: await response.text(),
    nodeCount: response.headers.get('x-network-node-count'),
  };
}

const callIds = () => seeds.calls.map((call) => call.id);

describe('unknown ids are refused with the nearest valid ones', () => {
  it.each([
    [
      'cofundingNetwork(filter: {calls: ["jtc2099"]}) { nodeCount }',
      'filter.calls',
      'jtc2099',
      () => callIds(),
    ],
    [
      'collaborationNetwork(level: COUNTRIES, filter: {countries: ["XX"]}) { nodeCount }',
      'filter.countries',
      'XX',
      () => seeds.countries.map((c) => c.id),
    ],
    [
      'projects(filter: {countries: ["XX"]}) { totalCount }',
      'filter.countries',
      'XX',
      () => seeds.countries.map((c) => c.id),
    ],
    [
      'projects(filter: {funders: ["isciii-ez"]}) { totalCount }',
      'filter.funders',
      'isciii-ez',
      () => seeds.funders.map((f) => f.id),
    ],
    [
      'projects(filter: {countries: ["DX"]}) { totalCount }',
      'filter.countries',
      'DX',
      () => seeds.countries.map((c) => c.id),
    ],
    [
      'calls(filter: {programmes: ["eppermed-programe"]}) { totalCount }',
      'filter.programmes',
      'eppermed-programe',
      () => seeds.programmes.map((p) => p.id),
    ],
    [
      'coverageMatrix(filter: {calls: ["jtc2099"]}) { rows { id } }',
      'filter.calls',
      'jtc2099',
      () => callIds(),
    ],
    [
      'bipartiteNetwork(actors: FUNDERS, targets: GAPS, filter: {gaps: ["gap-els"]}) { nodeCount }',
      'filter.gaps',
      'gap-els',
      () => seeds.knowledgeGaps.map((g) => g.id),
    ],
    [
      'shortestPaths(from: {kind: FUNDER, id: "aecc-es"}, to: {kind: FUNDER, id: "samrc-zz"}) { length }',
      'to.id',
      'samrc-zz',
      () => seeds.funders.map((f) => f.id),
    ],
  ])(
    'when %s is asked, then BAD_USER_INPUT names %s and suggests the nearest ids',
    async (field, argument, unknown, known) => {
      const error = await onlyError(`{ ${field} }`);
      // "XX" is as far from every code as any: no suggestion is better than three arbitrary ones.
      const suggestions = nearestIds(unknown, known());
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        argument,
        unknownIds: [unknown],
        suggestions,
      });
      expect(error.message).toContain(`"${argument}"`);
      expect(error.message).toContain(`"${unknown}"`);
      if (unknown !== 'XX') expect(error.message).toContain(`did you mean ${suggestions.join(', ')}?`);
    },
  );

  it('when /export names an unknown call, then the answer is 400 naming the parameter with suggestions', async () => {
    const answer = await download('/export/cofunding.gexf?call=jtc2099');
    expect(answer.status).toBe(400);
    const [error] = JSON.parse(answer.body).errors;
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      parameter: 'call',
      unknownIds: ['jtc2099'],
      suggestions: nearestIds('jtc2099', callIds()),
    });
    expect(error.message).toContain(`did you mean ${nearestIds('jtc2099', callIds()).join(', ')}?`);
  });

  it('when ids and codes are given in another case, then they match the stored ones', async () => {
    const query = (calls: string) =>
      api.data<{ network: { nodes: Array<{ id: string }> } }>(
        `{ network: cofundingNetwork(filter: {calls: ${calls}}) { nodes { id } } }`,
      );
    const stored = await query('["jtc2024"]');
    expect(stored.network.nodes.length).toBeGreaterThan(0);
    expect(await query('["JTC2024"]')).toEqual(stored);
    const projects = (countries: string) =>
      api.data<{ projects: { totalCount: number } }>(
        `{ projects(filter: {countries: ${countries}}) { totalCount } }`,
      );
    const german = await projects('["DE"]');
    expect(german.projects.totalCount).toBe(
      seeds.projects.filter((p) => p.partnerCountryCodes.includes('DE')).length,
    );
    expect(await projects('["de"]')).toEqual(german);
    const download2 = await download('/export/cofunding.gexf?call=JTC2024');
    expect(download2.status).toBe(200);
    expect(Number(download2.nodeCount)).toBe(stored.network.nodes.length);
  });
});

describe('programme and call-kind filters', () => {
  const JOINT = '{programmes: ["eppermed-programme"], callKinds: [JOINT_TRANSNATIONAL_CALL]}';

  it('when the co-funding network is limited to the EP PerMed joint transnational calls, then only those calls are evidence', async () => {
    const expected = seeds.calls
      .filter((call) => call.programmeId === 'eppermed-programme' && call.kind === 'JOINT_TRANSNATIONAL_CALL')
      .map((call) => call.id);
    const { cofundingNetwork } = await api.data<{
      cofundingNetwork: { edges: Array<{ evidenceIds: string[] }> };
    }>(`{ cofundingNetwork(filter: ${JOINT}) { edges { evidenceIds } } }`);
    const evidence = new Set(cofundingNetwork.edges.flatMap((edge) => edge.evidenceIds));
    expect(evidence.size).toBeGreaterThan(1);
    for (const id of evidence) expect(expected).toContain(id);
    expect(evidence.has('ritc2026')).toBe(false);
  });

  it('when /export is given programme= and callKind=, then it serves the same network as GraphQL', async () => {
    const { cofundingNetwork } = await api.data<{ cofundingNetwork: { nodeCount: number; url: string } }>(
      `{ cofundingNetwork(filter: ${JOINT}) { nodeCount url: downloadUrl(format: GEXF) } }`,
    );
    expect(cofundingNetwork.url).toContain('programme=eppermed-programme');
    expect(cofundingNetwork.url).toContain('callKind=joint_transnational_call');
    const answer = await download(cofundingNetwork.url);
    expect(answer.status).toBe(200);
    expect(Number(answer.nodeCount)).toBe(cofundingNetwork.nodeCount);
  });

  it('when the coverage matrix is limited to joint transnational calls of a programme, then its calls in scope are theirs', async () => {
    const joint = seeds.calls.filter(
      (call) => call.kind === 'JOINT_TRANSNATIONAL_CALL' && call.programmeId === 'eppermed-programme',
    );
    const jointProjects = seeds.projects.filter(
      (p) => joint.some((call) => call.id === p.callId) && p.programmeId === 'eppermed-programme',
    );
    const { coverageMatrix } = await api.data<{
      coverageMatrix: { callsInScopeCount: number; projectsInScopeCount: number };
    }>(`{ coverageMatrix(filter: ${JOINT}) { callsInScopeCount projectsInScopeCount } }`);
    expect(coverageMatrix).toEqual({
      callsInScopeCount: joint.length,
      projectsInScopeCount: jointProjects.length,
    });
  });
});

describe('paths that mean co-funding', () => {
  const funder = (id: string) => seeds.funders.find((f) => f.id === id)!;
  const shared = (a: string, b: string) =>
    funder(a).callIds.filter((call) => funder(b).callIds.includes(call));
  const coFunders = () =>
    seeds.funders
      .filter(
        (f) =>
          !['aecc-es', 'samrc-za'].includes(f.id) &&
          shared('aecc-es', f.id).length > 0 &&
          shared(f.id, 'samrc-za').length > 0,
      )
      .map((f) => f.id)
      .sort();

  it('when shortestPaths keeps to funders and calls, then every path runs through a co-funder', async () => {
    expect(shared('aecc-es', 'samrc-za')).toEqual([]);
    const { shortestPaths } = await api.data<{
      shortestPaths: Array<{ nodes: Array<{ id: string; kind: string }> }>;
    }>(
      `{ shortestPaths(from: {kind: FUNDER, id: "aecc-es"}, to: {kind: FUNDER, id: "samrc-za"}, via: [FUNDER, CALL], all: true) {
          nodes { id kind } } }`,
    );
    expect(shortestPaths.length).toBeGreaterThan(0);
    for (const path of shortestPaths) {
      for (const node of path.nodes.slice(1, -1)) expect(['FUNDER', 'CALL']).toContain(node.kind);
    }
    const middles = [
      ...new Set(
        shortestPaths.map((path) => path.nodes.filter((n) => n.kind === 'FUNDER').slice(1, -1)[0]?.id),
      ),
    ].sort();
    expect(middles).toEqual(coFunders());
  });

  it('when the co-funding network answers shortestPaths, then AECC reaches SAMRC in 2 hops through its co-funders', async () => {
    const { cofundingNetwork } = await api.data<{
      cofundingNetwork: {
        shortestPaths: Array<{
          length: number;
          cost: number;
          nodes: Array<{ id: string }>;
          edges: Array<{ evidenceIds: string[] }>;
        }>;
      };
    }>(
      '{ cofundingNetwork { shortestPaths(from: "AECC-ES", to: "samrc-za") { length cost nodes { id } edges { evidenceIds } } } }',
    );
    const paths = cofundingNetwork.shortestPaths;
    expect(paths.map((path) => path.nodes[1]?.id).sort()).toEqual(coFunders());
    for (const path of paths) {
      expect(path).toMatchObject({ length: 2, cost: 2 });
      expect(path.edges[0]?.evidenceIds).toEqual(shared('aecc-es', path.nodes[1]!.id).sort());
    }
  });

  it('when the projected path is weighted, then its cost is at most the cheapest 2-hop cost 1/w1 + 1/w2', async () => {
    const best = Math.min(
      ...coFunders().map((m) => 1 / shared('aecc-es', m).length + 1 / shared(m, 'samrc-za').length),
    );
    const { cofundingNetwork } = await api.data<{
      cofundingNetwork: { shortestPaths: Array<{ cost: number }> };
    }>('{ cofundingNetwork { shortestPaths(from: "aecc-es", to: "samrc-za", weighted: true) { cost } } }');
    expect(cofundingNetwork.shortestPaths.length).toBeGreaterThan(0);
    expect(cofundingNetwork.shortestPaths[0]!.cost).toBeLessThanOrEqual(best + 1e-9);
  });

  it('when a projected path names a node not in the network, then BAD_USER_INPUT suggests node ids', async () => {
    const error = await onlyError(
      '{ cofundingNetwork { shortestPaths(from: "aecc-es", to: "samrc-zz") { length } } }',
    );
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'to',
      suggestions: expect.arrayContaining(['samrc-za']),
    });
  });
});

describe('disease areas', () => {
  const cancerProjects = () =>
    seeds.diseaseAreaLinks
      .filter((link) => link.diseaseAreaId === 'icd10-neoplasms')
      .map((link) => link.projectId)
      .sort();

  it('when projects are filtered by NEOPLASMS, then they are the projects the seeds place there', async () => {
    expect(cancerProjects().length).toBeGreaterThan(10);
    const { projects } = await api.data<{ projects: { nodes: Array<{ id: string }> } }>(
      '{ projects(filter: {diseaseAreas: [NEOPLASMS]}, first: 100) { nodes { id } } }',
    );
    expect(projects.nodes.map((node) => node.id).sort()).toEqual(cancerProjects());
  });

  it('when projects are filtered by the text "oncology", then every cancer project is found', async () => {
    const { projects } = await api.data<{ projects: { nodes: Array<{ id: string }> } }>(
      '{ projects(filter: {text: "oncology"}, first: 100) { nodes { id } } }',
    );
    expect(projects.nodes.map((node) => node.id)).toEqual(expect.arrayContaining(cancerProjects()));
  });

  it('when a project is read, then its disease areas carry provenance, rule, confidence and evidence', async () => {
    const link = seeds.diseaseAreaLinks.find((l) => l.projectId === 'project-gepard')!;
    const { project } = await api.data<{
      project: { diseaseAreas: Array<{ area: { id: string; code: string }; derivation: unknown }> };
    }>(
      '{ project(id: "project-gepard") { diseaseAreas { area { id code } derivation { provenance rule confidence evidence } } } }',
    );
    expect(project.diseaseAreas).toEqual([
      {
        area: { id: link.diseaseAreaId, code: 'NEOPLASMS' },
        derivation: {
          provenance: link.provenance,
          rule: link.rule,
          confidence: link.confidence,
          evidence: link.evidence,
        },
      },
    ]);
  });

  it('when the disease areas are listed, then each counts the projects the seeds place there', async () => {
    const { diseaseAreas } = await api.data<{ diseaseAreas: Array<{ id: string; projectCount: number }> }>(
      '{ diseaseAreas { id projectCount } }',
    );
    expect(diseaseAreas.map((area) => area.id).sort()).toEqual(
      seeds.diseaseAreas.map((area) => area.id).sort(),
    );
    for (const area of diseaseAreas) {
      expect(area.projectCount).toBe(
        seeds.diseaseAreaLinks.filter((link) => link.diseaseAreaId === area.id).length,
      );
    }
  });
});
