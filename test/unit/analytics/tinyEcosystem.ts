// A hand-made ecosystem small enough to compute every gap measure by hand: 4 stages,
// 3 gaps, 2 objectives, 4 projects, 3 calls, 4 funders. The tests write out the arithmetic.

import type { GapProjection, LinkFacts, LinkProvenance } from '../../../src/analytics/gapProjection';

/** A derived link to `targetId`. */
export function link(
  targetId: string,
  provenance: LinkProvenance,
  confidence: number,
  rule = 'test-rule',
): LinkFacts {
  return { targetId, provenance, confidence, rule };
}

/**
 * Stages: R (research, 1) with sub-stage R1 (1.1), I (implementation, 4), X (cross-cutting).
 * Gaps: gA "Alpha" at R; gB "Beta" at I and X; gC "Gamma" at I (all curated 0.8).
 * Objectives: o1 served by gA and gB; o2 served by gC.
 * Projects:
 *   p1 2020, 100 EUR, call c1, funder fDE, countries DE ES, orgs org1 org2;
 *      ADDRESSES gA C0.9; AT_STAGE R1 C0.9 and R I0.6; ADVANCES o1 I0.72
 *   p2 2021, no funding, call c1, funder fES (region es-nav), country ES, org org2;
 *      ADDRESSES gA I0.45, gB I0.4; AT_STAGE R I0.6, I I0.4; ADVANCES o1 I0.36
 *   p3 2022, 50 EUR, call c2, funders fFR fDE, countries FR DE, org org3;
 *      ADDRESSES gB C0.9; AT_STAGE I C0.9; ADVANCES o1 I0.72
 *   p4 no year, no call, country IT; ADDRESSES gC I0.35; no stage
 * Calls:
 *   c1 2020, 10 projects, 5 000 000 EUR, funders fDE fES, countries DE; TARGETS gA I0.8
 *   c2 2022, 8 projects, funding unpublished, funder fFR, countries FR IT; TARGETS gB I0.9, gC I0.8
 *   c3 2023, nothing published, funders fDE fNL; TARGETS gB I0.8
 */
export function tinyEcosystem(): GapProjection {
  return {
    stages: [
      { id: 'R', label: 'Research', order: 1, level: 'MACRO', parentId: null },
      { id: 'R1', label: 'Basic research', order: 1.1, level: 'SUB', parentId: 'R' },
      { id: 'I', label: 'Implementation', order: 4, level: 'MACRO', parentId: null },
      { id: 'X', label: 'Cross-cutting', order: null, level: 'CROSS_CUTTING', parentId: null },
    ],
    gaps: [
      {
        id: 'gA',
        label: 'Alpha',
        stages: [link('R', 'CURATED', 0.8)],
        objectives: [link('o1', 'CURATED', 0.8)],
        areaIds: ['a1'],
      },
      {
        id: 'gB',
        label: 'Beta',
        stages: [link('I', 'CURATED', 0.8), link('X', 'CURATED', 0.8)],
        objectives: [link('o1', 'CURATED', 0.8)],
        areaIds: ['a1', 'a2'],
      },
      {
        id: 'gC',
        label: 'Gamma',
        stages: [link('I', 'CURATED', 0.8)],
        objectives: [link('o2', 'CURATED', 0.8)],
        areaIds: ['a2'],
      },
    ],
    objectives: [
      { id: 'o2', label: 'Second', order: 2 },
      { id: 'o1', label: 'First', order: 1 },
    ],
    projects: [
      {
        id: 'p1',
        label: 'P-ONE',
        year: 2020,
        fundingEur: 100,
        callIds: ['c1'],
        funderIds: ['fDE'],
        countryCodes: ['DE', 'ES'],
        organisationIds: ['org1', 'org2'],
        gaps: [link('gA', 'CURATED', 0.9)],
        stages: [link('R1', 'CURATED', 0.9), link('R', 'INFERRED', 0.6)],
        objectives: [link('o1', 'INFERRED', 0.72)],
      },
      {
        id: 'p2',
        label: 'P-TWO',
        year: 2021,
        fundingEur: null,
        callIds: ['c1'],
        funderIds: ['fES'],
        countryCodes: ['ES'],
        organisationIds: ['org2'],
        gaps: [link('gA', 'INFERRED', 0.45), link('gB', 'INFERRED', 0.4)],
        stages: [link('R', 'INFERRED', 0.6), link('I', 'INFERRED', 0.4)],
        objectives: [link('o1', 'INFERRED', 0.36)],
      },
      {
        id: 'p3',
        label: 'P-THREE',
        year: 2022,
        fundingEur: 50,
        callIds: ['c2'],
        funderIds: ['fFR', 'fDE'],
        countryCodes: ['FR', 'DE'],
        organisationIds: ['org3'],
        gaps: [link('gB', 'CURATED', 0.9)],
        stages: [link('I', 'CURATED', 0.9)],
        objectives: [link('o1', 'INFERRED', 0.72)],
      },
      {
        id: 'p4',
        label: 'P-FOUR',
        year: null,
        fundingEur: null,
        callIds: [],
        funderIds: [],
        countryCodes: ['IT'],
        organisationIds: [],
        gaps: [link('gC', 'INFERRED', 0.35)],
        stages: [],
        objectives: [],
      },
    ],
    calls: [
      {
        id: 'c1',
        label: 'CALL-1',
        kind: 'JOINT_TRANSNATIONAL_CALL',
        year: 2020,
        fundedProjectsCount: 10,
        fundingGrantedEur: 5_000_000,
        funderIds: ['fDE', 'fES'],
        participatingCountryCodes: ['DE'],
        participatingRegionIds: [],
        targets: [link('gA', 'INFERRED', 0.8)],
        namedProjectIds: ['p1', 'p2'],
      },
      {
        id: 'c2',
        label: 'CALL-2',
        kind: 'JOINT_TRANSNATIONAL_CALL',
        year: 2022,
        fundedProjectsCount: 8,
        fundingGrantedEur: null,
        funderIds: ['fFR'],
        participatingCountryCodes: ['FR', 'IT'],
        participatingRegionIds: [],
        targets: [link('gB', 'INFERRED', 0.9), link('gC', 'INFERRED', 0.8)],
        namedProjectIds: ['p3'],
      },
      {
        id: 'c3',
        label: 'CALL-3',
        kind: 'JOINT_TRANSNATIONAL_CALL',
        year: 2023,
        fundedProjectsCount: null,
        fundingGrantedEur: null,
        funderIds: ['fDE', 'fNL'],
        participatingCountryCodes: [],
        participatingRegionIds: [],
        targets: [link('gB', 'INFERRED', 0.8)],
        namedProjectIds: [],
      },
    ],
    funders: [
      { id: 'fDE', label: 'DE-F', countryCode: 'DE', regionIds: [] },
      { id: 'fES', label: 'ES-F', countryCode: 'ES', regionIds: ['es-nav'] },
      { id: 'fFR', label: 'FR-F', countryCode: 'FR', regionIds: [] },
      { id: 'fNL', label: 'NL-F', countryCode: 'NL', regionIds: [] },
    ],
    countries: [
      { code: 'DE', label: 'Germany' },
      { code: 'ES', label: 'Spain' },
      { code: 'FR', label: 'France' },
      { code: 'IT', label: 'Italy' },
      { code: 'NL', label: 'Netherlands' },
    ],
    regions: [{ id: 'es-nav', label: 'Navarre', countryCode: 'ES' }],
    organisations: [
      { id: 'org1', label: 'Org One', countryCode: 'DE' },
      { id: 'org2', label: 'Org Two', countryCode: 'ES' },
      { id: 'org3', label: 'Org Three', countryCode: 'FR' },
    ],
  };
}
