// Recommendations on the tiny ecosystem with a hand-made co-funding network; every score is worked out below.
//
// Funder portfolios (gap → projects + calls):
//   fDE {gA: p1 + c1 = 2, gB: p3 + c3 = 2}   fES {gA: p2 + c1 = 2, gB: p2 = 1}
//   fFR {gB: p3 + c2 = 2, gC: c2 = 1}         fNL {gB: c3 = 1}
// Co-funding network (shared calls c1, c3 and project p3): fDE–fES, fDE–fNL, fDE–fFR.
// Relatedness to gC: F(gC) = {stage I, objective o2, area a2}; F(gB) = {I, X, o1, a1, a2}: 2 shared of 6 → 1/3;
// gA shares nothing. w = {gC: 1, gB: 1/3}, ‖w‖ = √10 / 3.

import { buildNetworkGraph } from '../../../src/analytics/buildNetworkGraph';
import {
  actorPortfolios,
  adamicAdar,
  adjacencyOf,
  cosineSimilarity,
  gapRecommendations,
  gapRelatedness,
  partnerRecommendations,
  portfolioVector,
} from '../../../src/analytics/recommendations';
import { tinyEcosystem } from './tinyEcosystem';

const projection = tinyEcosystem();
const node = (id: string) => ({ id, label: id, kind: 'FUNDER', attributes: {}, coordinates: null });
const edge = (source: string, target: string) => ({
  source,
  target,
  weight: 1,
  evidenceKind: 'CALL' as const,
  evidenceIds: [],
  relationshipTypes: [],
});
const cofunding = adjacencyOf(
  buildNetworkGraph({
    nodes: ['fDE', 'fES', 'fNL'].map(node),
    edges: [edge('fDE', 'fES'), edge('fDE', 'fNL')],
  }),
  buildNetworkGraph({ nodes: ['fDE', 'fFR'].map(node), edges: [edge('fDE', 'fFR')] }),
);

describe('cosineSimilarity', () => {
  it('is the dot product over the norms', () => {
    // (2·1 + 0) / (√(4+1) · √(1+1)) = 2 / √10
    expect(
      cosineSimilarity(
        new Map([
          ['a', 2],
          ['b', 1],
        ]),
        new Map([
          ['a', 1],
          ['c', 1],
        ]),
      ),
    ).toBeCloseTo(2 / Math.sqrt(10), 12);
  });

  it('is 0 for an empty vector', () => {
    expect(cosineSimilarity(new Map(), new Map([['a', 1]]))).toBe(0);
  });
});

describe('adamicAdar', () => {
  it('sums 1 / ln(degree) over shared neighbours', () => {
    // fES and fFR share fDE, of degree 3: 1 / ln 3.
    const result = adamicAdar(cofunding, 'fES', cofunding.get('fFR') ?? new Set());
    expect(result.index).toBeCloseTo(1 / Math.log(3), 12);
    expect(result.shared).toEqual([{ id: 'fDE', degree: 3, contribution: 1 / Math.log(3) }]);
  });

  it('throws a TypeError when a shared neighbour has degree under 2', () => {
    expect(() => adamicAdar(cofunding, 'fDE', new Set(['fES']), () => 1)).toThrow(
      'adamicAdar expects shared neighbours of degree ≥ 2, received fES of degree 1',
    );
  });
});

describe('adjacencyOf', () => {
  it('unites the neighbourhoods of several graphs', () => {
    expect([...(cofunding.get('fDE') ?? [])].sort()).toEqual(['fES', 'fFR', 'fNL']);
    expect([...(cofunding.get('fFR') ?? [])]).toEqual(['fDE']);
  });
});

describe('actorPortfolios', () => {
  it("adds each actor's projects and calls per gap", () => {
    const portfolios = actorPortfolios(projection);
    const vector = (kind: 'FUNDER' | 'COUNTRY' | 'ORGANISATION', id: string) => {
      const portfolio = portfolios.get(kind)?.get(id);
      return portfolio ? Object.fromEntries(portfolioVector(portfolio)) : null;
    };
    expect(vector('FUNDER', 'fDE')).toEqual({ gA: 2, gB: 2 });
    expect(vector('FUNDER', 'fFR')).toEqual({ gB: 2, gC: 1 });
    // ES: p1, p2 and c1 (through fES) on gA; p2 on gB. IT: p4 and c2 on gC, c2 on gB.
    expect(vector('COUNTRY', 'ES')).toEqual({ gA: 3, gB: 1 });
    expect(vector('COUNTRY', 'IT')).toEqual({ gC: 2, gB: 1 });
    expect(vector('ORGANISATION', 'org2')).toEqual({ gA: 2, gB: 1 });
    expect(portfolios.get('FUNDER')?.get('fDE')?.gaps.get('gB')).toEqual({
      projectIds: ['p3'],
      callIds: ['c3'],
    });
  });
});

describe('gapRelatedness', () => {
  it('is the Jaccard index of stages, objectives and areas', () => {
    expect(Object.fromEntries(gapRelatedness(projection.gaps, 'gC'))).toEqual({ gC: 1, gB: 1 / 3 });
  });
});

describe('gapRecommendations', () => {
  it('ranks funders not yet on the gap by similarity and closeness to those on it', () => {
    // On gC: fFR (c2). Similarity: fDE (2/3)/(√8·√10/3) = 1/√20 = 0.2236; fES (1/3)/(√5·√10/3) = 1/√50 = 0.1414;
    // fNL (1/3)/(1·√10/3) = 1/√10 = 0.3162. Proximity: fDE's neighbour fFR is on the gap, degree 1 + 1 (the gap):
    // 1/ln 2 = 1.4427 → normalised 1; fES, fNL 0. Scores (λ = 0.5): fDE 0.6118, fNL 0.1581, fES 0.0707.
    const result = gapRecommendations(projection, { FUNDER: cofunding }, { gapId: 'gC', kinds: ['FUNDER'] });
    expect(result.map((r) => [r.id, r.rank])).toEqual([
      ['fDE', 1],
      ['fNL', 2],
      ['fES', 3],
    ]);
    expect(result[0]?.similarity).toBeCloseTo(1 / Math.sqrt(20), 12);
    expect(result[0]?.proximity).toBeCloseTo(1 / Math.log(2), 12);
    expect(result[0]?.score).toBeCloseTo(0.5 / Math.sqrt(20) + 0.5, 12);
    expect(result[1]?.score).toBeCloseTo(0.5 / Math.sqrt(10), 12);
    expect(result[2]?.score).toBeCloseTo(0.5 / Math.sqrt(50), 12);
  });

  it('gives the evidence: related gaps and the partners already on the gap', () => {
    const [top] = gapRecommendations(projection, { FUNDER: cofunding }, { gapId: 'gC', kinds: ['FUNDER'] });
    expect(top?.overlaps).toEqual([
      { gapId: 'gB', label: 'Beta', referenceWeight: 1 / 3, projectIds: ['p3'], callIds: ['c3'] },
    ]);
    expect(top?.sharedNeighbours).toEqual([
      { kind: 'FUNDER', id: 'fFR', label: 'FR-F', degree: 2, contribution: 1 / Math.log(2) },
    ]);
    expect(top?.explanation).toBe(
      'DE-F (funder): score 0.61. Portfolio similarity 0.22 through Beta (1 project, 1 call; relatedness 0.33). ' +
        'Close to 1 of the 1 funders already on the gap (FR-F): Adamic-Adar 1.44, 1.00 of the closest candidate. ' +
        'Low support: 2 named projects (fewer than 5).',
    );
    expect([top?.supportProjectCount, top?.lowSupport]).toEqual([2, true]);
  });

  it('ranks by similarity alone when networkWeight is 0, and keeps active actors on request', () => {
    const similarity = gapRecommendations(
      projection,
      { FUNDER: cofunding },
      { gapId: 'gC', kinds: ['FUNDER'], networkWeight: 0 },
    );
    expect(similarity.map((r) => r.id)).toEqual(['fNL', 'fDE', 'fES']);
    // fFR: {gB 2, gC 1}: (2/3 + 1)/(√5·√10/3) = 5/√50 = 0.7071, no tie to anyone on the gap: score 0.3536.
    const active = gapRecommendations(
      projection,
      { FUNDER: cofunding },
      { gapId: 'gC', kinds: ['FUNDER'], includeActive: true },
    );
    expect(active.map((r) => r.id)).toEqual(['fDE', 'fFR', 'fNL', 'fES']);
    expect(active[1]).toMatchObject({ active: true });
    expect(active[1]?.score).toBeCloseTo(0.5 * (5 / Math.sqrt(50)), 12);
  });

  it('recommends countries and organisations by similarity when they have no network', () => {
    // On gC: IT (p4, c2), FR (c2). DE {gA 2, gB 2}: 1/√20; ES {gA 3, gB 1}: (1/3)/(√10·√10/3) = 0.1; NL {gB 1}: 1/√10.
    const countries = gapRecommendations(projection, {}, { gapId: 'gC', kinds: ['COUNTRY'] });
    expect(countries.map((r) => r.id)).toEqual(['NL', 'DE', 'ES']);
    expect(countries[2]?.similarity).toBeCloseTo(0.1, 12);
    // org2 {gA 2, gB 1}: 1/√50; org3 {gB 1}: 1/√10; org1 {gA 1}: 0, so not listed.
    const organisations = gapRecommendations(projection, {}, { gapId: 'gC', kinds: ['ORGANISATION'] });
    expect(organisations.map((r) => r.id)).toEqual(['org3', 'org2']);
    // No organisation works on gC (p4 names none).
    expect(organisations[0]?.explanation).toBe(
      'Org Three (organisation): score 0.16. Portfolio similarity 0.32 through Beta (1 project; relatedness 0.33). ' +
        'No organisation is on the gap yet, so closeness plays no part. Low support: 1 named project (fewer than 5).',
    );
  });

  it('throws a TypeError on a bad weight or an unknown gap', () => {
    expect(() => gapRecommendations(projection, {}, { gapId: 'gC', networkWeight: 2 })).toThrow(
      'networkWeight must be a number from 0 to 1, received 2',
    );
    expect(() => gapRecommendations(projection, {}, { gapId: 'gZ' })).toThrow(
      'gapRelatedness expects a known gap id, received gZ',
    );
  });
});

describe('partnerRecommendations', () => {
  it('ranks funders never co-funded with by portfolio cosine and Adamic-Adar', () => {
    // fES's partner is fDE; candidates fFR, fNL. fES {gA 2, gB 1}: cos with fFR {gB 2, gC 1} = 2/(√5·√5) = 0.4;
    // with fNL {gB 1} = 1/√5 = 0.4472. Both share fDE (degree 3): 1/ln 3, normalised 1.
    // Scores: fNL 0.5·0.4472 + 0.5 = 0.7236; fFR 0.5·0.4 + 0.5 = 0.7.
    const result = partnerRecommendations(projection, cofunding, { funderId: 'fES' });
    expect(result.map((r) => r.id)).toEqual(['fNL', 'fFR']);
    expect(result[0]?.score).toBeCloseTo(0.5 / Math.sqrt(5) + 0.5, 12);
    expect(result[1]?.score).toBeCloseTo(0.7, 12);
    expect(result[1]?.proximity).toBeCloseTo(1 / Math.log(3), 12);
    expect(result[0]?.overlaps).toEqual([
      { gapId: 'gB', label: 'Beta', referenceWeight: 1, projectIds: [], callIds: ['c3'] },
    ]);
    expect(result[0]?.explanation).toBe(
      'NL-F has never shared a call or project with ES-F; score 0.72. Portfolio similarity 0.45: both work on Beta. ' +
        '1 shared co-funding partner (DE-F): Adamic-Adar 0.91, 1.00 of the closest candidate. Low support: 0 named projects (fewer than 5).',
    );
  });

  it('says how many shared partners are left unnamed in the explanation', () => {
    // a and b share six partners q1..q6 (each of degree 2): AA = 6 / ln 2; the sentence names five.
    const partnersOf = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
    const ids = ['a', 'b', ...partnersOf];
    const adjacency = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
    for (const q of partnersOf) {
      for (const end of ['a', 'b']) {
        adjacency.get(q)?.add(end);
        adjacency.get(end)?.add(q);
      }
    }
    const many = {
      ...projection,
      funders: ids.map((id) => ({ id, label: id.toUpperCase(), countryCode: null, regionIds: [] })),
    };
    const [top] = partnerRecommendations(many, adjacency, { funderId: 'a' });
    expect(top?.id).toBe('b');
    expect(top?.proximity).toBeCloseTo(6 / Math.log(2), 12);
    expect(top?.explanation).toContain('6 shared co-funding partners (Q1, Q2, Q3, Q4, Q5 and 1 more)');
  });

  it('lists nobody for a funder tied to everyone', () => {
    expect(partnerRecommendations(projection, cofunding, { funderId: 'fDE' })).toEqual([]);
  });

  it('throws a TypeError for an unknown funder', () => {
    expect(() => partnerRecommendations(projection, cofunding, { funderId: 'nobody' })).toThrow(
      'partnerRecommendations expects a known funder id, received nobody',
    );
  });
});
