import {
  LOW_SUPPORT_PROJECT_COUNT,
  lowSupport,
  networkCoverage,
  nodeLowSupport,
  sampleCoverage,
  type CoverageCallFacts,
} from '../../../src/analytics/sampleCoverage';

const CALLS: CoverageCallFacts[] = [
  {
    id: 'jtc2024',
    label: 'PMTargets',
    kind: 'JOINT_TRANSNATIONAL_CALL',
    fundedProjectsCount: 27,
    namedProjectIds: ['p1'],
  },
  {
    id: 'jtc2025',
    label: 'PGxPM2025',
    kind: 'JOINT_TRANSNATIONAL_CALL',
    fundedProjectsCount: 22,
    namedProjectIds: ['p2', 'p3'],
  },
  {
    id: 'jtc2026',
    label: 'CARMEN2026',
    kind: 'JOINT_TRANSNATIONAL_CALL',
    fundedProjectsCount: null,
    namedProjectIds: [],
  },
  { id: 'event-x', label: 'Info day', kind: 'EVENT', fundedProjectsCount: null, namedProjectIds: [] },
];

describe('lowSupport', () => {
  it('flags fewer than 5 projects and nothing from 5 on', () => {
    expect(LOW_SUPPORT_PROJECT_COUNT).toBe(5);
    expect([lowSupport(0), lowSupport(4), lowSupport(5)]).toEqual([true, true, false]);
  });
});

describe('sampleCoverage', () => {
  it('sets the named projects against the published counts of the calls in scope, leaving events out', () => {
    const coverage = sampleCoverage(['p1', 'p2', 'p3', 'p9'], CALLS, 0.4);
    expect(coverage).toMatchObject({
      namedProjectCount: 4,
      callIds: ['jtc2024', 'jtc2025', 'jtc2026'],
      publishingCallIds: ['jtc2024', 'jtc2025'],
      publishedProjectCount: 49,
      namedOfPublishedCount: 3,
      callIdsWithoutNamedProjects: ['jtc2026'],
      minConfidence: 0.4,
      lowSupport: true,
    });
    expect(coverage.namedShare).toBeCloseTo(3 / 49, 12);
    expect(coverage.explanation).toBe(
      'Counts rest on 4 named projects; the 2 calls in scope that publish a count (PMTargets, PGxPM2025) funded 49, of which the graph names 3 (6%); ' +
        '1 call in scope has no named project (CARMEN2026). Low support: fewer than 5 projects, so indexes and scores can turn on a single project. ' +
        'Derived links below confidence 0.4 are left out.',
    );
  });

  it('reconciles the counts when the graph names projects of the publishing calls that the answer does not count', () => {
    // 11 counted, 14 named: issue 19 read "rest on 11 named projects ... the graph names 14" as a contradiction.
    const coverage = sampleCoverage(['p1', 'p7'], CALLS);
    expect([coverage.namedProjectCount, coverage.namedOfPublishedCount]).toEqual([2, 3]);
    expect(coverage.explanation).toContain(
      'funded 49, of which the graph names 3 (6%); 1 of them is among the 2 counted here, ' +
        "the other 2 fall outside this answer's scope or filter;",
    );
    expect(sampleCoverage(['p7'], CALLS).explanation).toContain(
      "of which the graph names 3 (6%); none of them is among the 1 counted here: they fall outside this answer's scope or filter",
    );
  });

  it('never states more named projects of the calls than it counts without saying where the others are', () => {
    const scopes = [[], ['p1'], ['p2'], ['p1', 'p2'], ['p1', 'p2', 'p3'], ['p9'], ['p1', 'p2', 'p3', 'p9']];
    for (const scope of scopes) {
      const coverage = sampleCoverage(scope, CALLS);
      const reconciled = coverage.explanation.includes("outside this answer's scope or filter");
      const allCounted = ['p1', 'p2', 'p3'].every((id) => scope.includes(id));
      expect([scope, reconciled]).toEqual([scope, !allCounted]);
    }
  });

  it('says when no call in scope publishes a count', () => {
    const coverage = sampleCoverage(['a', 'b', 'c', 'd', 'e'], [CALLS[2]!]);
    expect([coverage.publishedProjectCount, coverage.namedShare, coverage.lowSupport]).toEqual([
      null,
      null,
      false,
    ]);
    expect(coverage.explanation).toContain(
      'none of the 1 call in scope publishes how many projects it funded',
    );
  });
});

describe('networkCoverage', () => {
  it('reads projects behind project-weighted edges and adds the calls that funded them', () => {
    const coverage = networkCoverage(
      { nodes: [], edges: [{ evidenceKind: 'PROJECT', evidenceIds: ['p2'] }] },
      CALLS,
      null,
    );
    expect([coverage.namedProjectCount, coverage.callIds]).toEqual([1, ['jtc2025']]);
  });

  it('reads calls behind call-weighted edges and adds the projects the graph names for them', () => {
    const coverage = networkCoverage(
      { nodes: [], edges: [{ evidenceKind: 'CALL', evidenceIds: ['jtc2025', 'jtc2026'] }] },
      CALLS,
      null,
    );
    expect([coverage.namedProjectCount, coverage.callIds, coverage.callIdsWithoutNamedProjects]).toEqual([
      2,
      ['jtc2025', 'jtc2026'],
      ['jtc2026'],
    ]);
  });

  it('flags a node of a project-weighted network with fewer than 5 projects, never one of a call-weighted network', () => {
    expect([
      nodeLowSupport('PROJECT', 4),
      nodeLowSupport('PROJECT', 5),
      nodeLowSupport('CALL', 1),
      nodeLowSupport(undefined, 1),
    ]).toEqual([true, false, false, false]);
  });
});
