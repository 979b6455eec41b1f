// coverageMatrix on the tiny ecosystem: every count below is worked out by hand in the comments.

import { coverageMatrix, type CoverageMatrix } from '../../../src/analytics/coverageMatrix';
import { coverageScope, stageColumns } from '../../../src/analytics/coverageScope';
import { tinyEcosystem } from './tinyEcosystem';

function cell(matrix: CoverageMatrix, rowId: string, stageId: string) {
  const row = matrix.rows.find((r) => r.id === rowId);
  const found = row?.cells.find((c) => c.stageId === stageId);
  if (!found) throw new Error(`no cell ${rowId} × ${stageId}`);
  return found;
}
const counts = (matrix: CoverageMatrix) =>
  Object.fromEntries(matrix.rows.map((row) => [row.id, row.cells.map((c) => c.projectLevel.projectCount)]));

describe('stageColumns', () => {
  it('rolls sub-stages up into their macro stage and keeps the cross-cutting group last', () => {
    const { columns, columnOf } = stageColumns(tinyEcosystem().stages, 'MACRO');
    expect(columns.map((c) => c.id)).toEqual(['R', 'I', 'X']);
    expect(columnOf('R1')).toBe('R');
    expect(columnOf('unknown')).toBeNull();
  });

  it('keeps every stage as its own column in EXACT grain', () => {
    const { columns, columnOf } = stageColumns(tinyEcosystem().stages, 'EXACT');
    expect(columns.map((c) => c.id)).toEqual(['R', 'R1', 'I', 'X']);
    expect(columnOf('R1')).toBe('R1');
  });

  it('throws a TypeError naming the grains it accepts', () => {
    expect(() => stageColumns([], 'FINE' as never)).toThrow('grain must be MACRO or EXACT, received FINE');
  });
});

describe('coverageMatrix', () => {
  const macro = coverageMatrix(tinyEcosystem(), { rows: 'GAP', grain: 'MACRO' });

  it('counts distinct projects per gap × macro stage cell', () => {
    // Columns R, I, X. gA: p1 (R1→R), p2 (R) | p2 (I) | -.  gB: p2 (R) | p2, p3 (I) | -.  gC: p4 has no stage.
    expect(macro.columns.map((c) => c.stageId)).toEqual(['R', 'I', 'X']);
    expect(macro.rows.map((r) => r.id)).toEqual(['gA', 'gB', 'gC']);
    expect(counts(macro)).toEqual({ gA: [2, 1, 0], gB: [1, 2, 0], gC: [0, 0, 0] });
  });

  it('carries the project ids and the strongest link pair of each project in a cell', () => {
    const gaR = cell(macro, 'gA', 'R');
    expect(gaR.projectLevel.projectIds).toEqual(['p1', 'p2']);
    // p1: gA C0.9 × R1 C0.9 = 0.81 curated beats gA C0.9 × R I0.6 = 0.54.  p2: 0.45 × 0.6 = 0.27.
    expect(gaR.projectLevel.entries.map((e) => [e.projectId, e.stageLink.targetId, e.provenance])).toEqual([
      ['p1', 'R1', 'CURATED'],
      ['p2', 'R', 'INFERRED'],
    ]);
    expect(gaR.projectLevel.entries[0]?.confidence).toBeCloseTo(0.81, 10);
    expect(gaR.projectLevel.entries[1]?.confidence).toBeCloseTo(0.27, 10);
    expect(gaR.projectLevel.curatedProjectCount).toBe(1);
    expect(gaR.projectLevel.inferredProjectCount).toBe(1);
    // p1's gap link is curated; p2's is not.
    expect(gaR.projectLevel.curatedRowLinkProjectCount).toBe(1);
  });

  it('counts funders, countries, organisations and the known funding of a cell', () => {
    // gB × I: p2 (fES; ES; org2; funding unknown) and p3 (fFR, fDE; FR, DE; org3; 50 EUR).
    const gbI = cell(macro, 'gB', 'I').projectLevel;
    expect(gbI.funderIds).toEqual(['fDE', 'fES', 'fFR']);
    expect(gbI.countryCodes).toEqual(['DE', 'ES', 'FR']);
    expect(gbI.organisationIds).toEqual(['org2', 'org3']);
    expect(gbI.fundingEur).toBe(50);
    expect(gbI.fundingKnownProjectCount).toBe(1);
    expect(cell(macro, 'gA', 'I').projectLevel.fundingEur).toBeNull();
  });

  it('gives distinct-project row, column and grand totals and the link sums N', () => {
    // Rows: gA {p1,p2} = 2 with 2+1+0 = 3 links; gB {p2,p3} = 2 with 3 links; gC 0.
    expect(macro.rows.map((r) => [r.projectLevel.projectCount, r.linkCount])).toEqual([
      [2, 3],
      [2, 3],
      [0, 0],
    ]);
    // Columns: R {p1,p2} (3 links), I {p2,p3} (3 links), X none.
    expect(macro.columns.map((c) => [c.projectLevel.projectCount, c.linkCount])).toEqual([
      [2, 3],
      [2, 3],
      [0, 0],
    ]);
    // Total {p1,p2,p3}; N = 6; funding 100 + 50 = 150 from 2 projects; curated p1 and p3.
    expect(macro.totals.projectIds).toEqual(['p1', 'p2', 'p3']);
    expect(macro.linkCount).toBe(6);
    expect(macro.totals.fundingEur).toBe(150);
    expect(macro.totals.curatedProjectCount).toBe(2);
    expect(macro.unstagedProjectIds).toEqual(['p4']);
    expect(macro.rows[2]?.unstagedProjectIds).toEqual(['p4']);
    expect(macro.projectsInScopeCount).toBe(4);
  });

  it('flags the cells where the gap itself lies', () => {
    expect(macro.rows.map((r) => r.mappedStageIds)).toEqual([['R'], ['I', 'X'], ['I']]);
    expect(cell(macro, 'gB', 'X').mapped).toBe(true);
    expect(cell(macro, 'gA', 'I').mapped).toBe(false);
  });

  it('attributes each call once per cell with its published totals in full, apart from the projects', () => {
    // c1 → gA → R.  c2 → gB → I, X and gC → I.  c3 → gB → I, X.
    expect(cell(macro, 'gA', 'R').callLevel.callIds).toEqual(['c1']);
    expect(cell(macro, 'gA', 'R').callLevel.publishedProjectCount).toBe(10);
    const gbI = cell(macro, 'gB', 'I').callLevel;
    expect(gbI.callIds).toEqual(['c2', 'c3']);
    // c2 publishes 8 projects, c3 nothing; neither publishes funding.
    expect([gbI.publishedProjectCount, gbI.publishedFundingEur, gbI.callsWithPublishedProjectCount]).toEqual([
      8,
      null,
      1,
    ]);
    expect(cell(macro, 'gC', 'I').callLevel.callIds).toEqual(['c2']);
    // The project count of gC × I stays 0: call-level figures never enter it.
    expect(cell(macro, 'gC', 'I').projectLevel.projectCount).toBe(0);
  });

  it('takes the union of calls for rows, columns and the total, never the sum of cells', () => {
    // Column I is reached by c2 (through gB and gC) and c3: 2 calls, 8 published projects, not 8 + 8.
    const columnI = macro.columns[1]?.callLevel;
    expect(columnI?.callIds).toEqual(['c2', 'c3']);
    expect(columnI?.publishedProjectCount).toBe(8);
    expect(columnI?.contributions.find((c) => c.callId === 'c2')?.viaGapIds).toEqual(['gB', 'gC']);
    // Total: c1 (10) + c2 (8) + c3 (-) = 18 projects; funding 5 000 000 from c1 only; named p1, p2, p3.
    expect(macro.callLevel.callIds).toEqual(['c1', 'c2', 'c3']);
    expect(macro.callLevel.publishedProjectCount).toBe(18);
    expect(macro.callLevel.publishedFundingEur).toBe(5_000_000);
    expect(macro.callLevel.namedProjectCount).toBe(3);
  });

  it('counts a curated row link as curated even when the stage link is inferred', () => {
    // gA × I holds only p2 (inferred gap link). Column R: p1 has a curated gap link (pairs with R1 C and R I).
    // Drop p1's curated stage link R1: its best pair becomes gA C0.9 × R I0.6; the gap link is curated, so p1 is.
    const projection = tinyEcosystem();
    const p1 = projection.projects[0];
    if (!p1) throw new Error('fixture without p1');
    p1.stages = p1.stages.filter((l) => l.targetId !== 'R1');
    const matrix = coverageMatrix(projection, { rows: 'GAP', grain: 'MACRO' });
    expect(cell(matrix, 'gA', 'R').projectLevel.curatedProjectCount).toBe(1);
    expect(cell(matrix, 'gA', 'I').projectLevel.curatedProjectCount).toBe(0);
    expect(cell(matrix, 'gA', 'R').projectLevel.curatedRowLinkProjectCount).toBe(1);
    // Totals: p1 (gA curated) and p3 (gB curated).
    expect(matrix.totals.curatedRowLinkProjectCount).toBe(2);
  });

  it('keeps sub-stages apart in EXACT grain', () => {
    const exact = coverageMatrix(tinyEcosystem(), { rows: 'GAP', grain: 'EXACT' });
    // Columns R, R1, I, X. gA: R {p1 (R I0.6), p2}, R1 {p1}, I {p2}: 4 links over 2 projects.
    expect(counts(exact)).toEqual({ gA: [2, 1, 1, 0], gB: [1, 0, 2, 0], gC: [0, 0, 0, 0] });
    expect(exact.rows[0]?.projectLevel.projectCount).toBe(2);
    expect(exact.rows[0]?.linkCount).toBe(4);
  });

  it('puts objectives in rows through ADVANCES, and calls through the gaps that serve them', () => {
    const objectives = coverageMatrix(tinyEcosystem(), { rows: 'OBJECTIVE', grain: 'MACRO' });
    // o1: p1 (R), p2 (R, I), p3 (I).  o2: nobody advances it.
    expect(objectives.rows.map((r) => r.id)).toEqual(['o1', 'o2']);
    expect(counts(objectives)).toEqual({ o1: [2, 2, 0], o2: [0, 0, 0] });
    // o1 × R: p1 0.72 × R1 0.9 = 0.648 (both links inferred or not, ADVANCES is inferred).
    expect(cell(objectives, 'o1', 'R').projectLevel.entries[0]?.confidence).toBeCloseTo(0.648, 10);
    expect(cell(objectives, 'o1', 'R').projectLevel.curatedProjectCount).toBe(0);
    expect(cell(objectives, 'o1', 'R').projectLevel.curatedRowLinkProjectCount).toBe(0);
    // o1 is served by gA (R) and gB (I, X); o2 by gC (I).
    expect(objectives.rows.map((r) => r.mappedStageIds)).toEqual([['R', 'I', 'X'], ['I']]);
    expect(cell(objectives, 'o1', 'I').callLevel.callIds).toEqual(['c2', 'c3']);
    expect(cell(objectives, 'o2', 'I').callLevel.callIds).toEqual(['c2']);
  });

  it('drops links below minConfidence everywhere', () => {
    // At 0.5: p2's gap links (0.45, 0.4) and p4's (0.35) go; gap stages (0.8) and targets (0.8, 0.9) stay.
    const strict = coverageMatrix(tinyEcosystem(), {
      rows: 'GAP',
      grain: 'MACRO',
      filter: { minConfidence: 0.5 },
    });
    expect(counts(strict)).toEqual({ gA: [1, 0, 0], gB: [0, 1, 0], gC: [0, 0, 0] });
    expect(strict.callLevel.callIds).toEqual(['c1', 'c2', 'c3']);
    // At 0.85 the gaps' own stage links (0.8) go too, so no call reaches a cell.
    const stricter = coverageMatrix(tinyEcosystem(), {
      rows: 'GAP',
      grain: 'MACRO',
      filter: { minConfidence: 0.85 },
    });
    expect(stricter.callLevel.callCount).toBe(0);
    expect(stricter.rows.map((r) => r.mappedStageIds)).toEqual([[], [], []]);
  });

  it('keeps only curated links under provenance CURATED', () => {
    // p1: gA C × R1 C; p3: gB C × I C. Every TARGETS link is inferred, so the call level is empty.
    const curated = coverageMatrix(tinyEcosystem(), {
      rows: 'GAP',
      grain: 'MACRO',
      filter: { provenance: 'CURATED' },
    });
    expect(counts(curated)).toEqual({ gA: [1, 0, 0], gB: [0, 1, 0], gC: [0, 0, 0] });
    expect(curated.totals.curatedProjectCount).toBe(2);
    expect(curated.callLevel.callCount).toBe(0);
  });

  it.each([
    // ES: projects p1, p2 (partners); c1 has the Spanish funder fES.
    [{ countryCodes: ['ES'] }, ['p1', 'p2'], ['c1']],
    // es-nav: p2 (funded by fES); c1 (fES takes part).
    [{ regionIds: ['es-nav'] }, ['p2'], ['c1']],
    // From 2021: p2, p3 (p4 has no year); calls c2 (2022), c3 (2023).
    [{ yearFrom: 2021 }, ['p2', 'p3'], ['c2', 'c3']],
    // Up to 2020: p1; c1.
    [{ yearTo: 2020 }, ['p1'], ['c1']],
    // fDE funds p1, p3 and takes part in c1, c3.
    [{ funderIds: ['fDE'] }, ['p1', 'p3'], ['c1', 'c3']],
    // c2 funded p3.
    [{ callIds: ['c2'] }, ['p3'], ['c2']],
    // IT: p4 (in no cell); c2 lists IT.
    [{ countryCodes: ['IT'] }, [], ['c2']],
  ])('filters projects and calls by %j', (filter, projectIds, callIds) => {
    const matrix = coverageMatrix(tinyEcosystem(), { rows: 'GAP', grain: 'MACRO', filter });
    expect(matrix.totals.projectIds).toEqual(projectIds);
    expect(matrix.callLevel.callIds).toEqual(callIds);
  });

  it('gives zero rows and columns on an empty projection', () => {
    const empty = coverageMatrix(
      { ...tinyEcosystem(), projects: [], calls: [] },
      { rows: 'GAP', grain: 'MACRO' },
    );
    expect(empty.totals.projectCount).toBe(0);
    expect(empty.linkCount).toBe(0);
    expect(empty.callLevel.publishedFundingEur).toBeNull();
  });
});

describe('coverageScope', () => {
  it('adds the countries and regions of participating funders to a call', () => {
    const scope = coverageScope(tinyEcosystem(), { rows: 'GAP', grain: 'MACRO' });
    const c1 = scope.calls.find((call) => call.facts.id === 'c1');
    // c1 lists DE; its funders are fDE (DE) and fES (ES, es-nav).
    expect(c1?.countryCodes.sort()).toEqual(['DE', 'ES']);
    expect(c1?.regionIds).toEqual(['es-nav']);
  });

  it('throws a TypeError on a confidence outside 0..1', () => {
    expect(() =>
      coverageScope(tinyEcosystem(), { rows: 'GAP', grain: 'MACRO', filter: { minConfidence: 1.5 } }),
    ).toThrow('minConfidence must be a number from 0 to 1, received 1.5');
  });

  it('keeps the projects tagged with a subject (or a narrower one) and the calls that funded them', () => {
    const projection = tinyEcosystem();
    // p1 is tagged personalized medicine, p3 microreactor: codes and paths run from the top down.
    projection.projects[0]!.subjectKeys = [
      '/21/33/5029300',
      'medical and health sciences/health sciences/personalized medicine',
    ];
    projection.projects[2]!.subjectKeys = ['/20/28/447'];
    const scoped = (subjects: string[]) =>
      coverageScope(projection, { rows: 'GAP', grain: 'MACRO', filter: { subjects } });
    const health = scoped(['/21']);
    expect(health.projects.map((project) => project.facts.id)).toEqual(['p1']);
    // c1 funded p1; c2 funded only p3 (engineering); c3 named no project.
    expect(health.calls.map((call) => call.facts.id)).toEqual(['c1']);
    expect(scoped(['medical and health sciences', '/20']).projects.map((p) => p.facts.id)).toEqual([
      'p1',
      'p3',
    ]);
    expect(scoped(['/99']).projects).toEqual([]);
    // A code is under another only at a segment boundary: /2 is not /21's parent.
    expect(scoped(['/2', 'medical']).projects).toEqual([]);
    expect(coverageScope(projection, { rows: 'GAP', grain: 'MACRO' }).projects).toHaveLength(4);
  });

  it('keeps the projects and calls that came from one of the datasets, each by its own datasets', () => {
    const projection = tinyEcosystem();
    // p1 came from the curated data and CORDIS alike, p2 from CORDIS alone, p3 and p4 say nothing.
    projection.projects[0]!.datasets = ['PERMED_CURATED', 'CORDIS_HORIZON_EUROPE'];
    projection.projects[1]!.datasets = ['CORDIS_HORIZON_EUROPE'];
    projection.calls[0]!.datasets = ['PERMED_CURATED'];
    projection.calls[1]!.datasets = ['CORDIS_HORIZON_EUROPE'];
    const scoped = (datasets: string[]) =>
      coverageScope(projection, { rows: 'GAP', grain: 'MACRO', filter: { datasets } });
    const cordis = scoped(['CORDIS_HORIZON_EUROPE']);
    expect(cordis.projects.map((project) => project.facts.id)).toEqual(['p1', 'p2']);
    // A call counts by its own datasets, not by its projects': c1 funded p1 but is curated.
    expect(cordis.calls.map((call) => call.facts.id)).toEqual(['c2']);
    const curated = scoped(['PERMED_CURATED']);
    expect(curated.projects.map((project) => project.facts.id)).toEqual(['p1']);
    expect(curated.calls.map((call) => call.facts.id)).toEqual(['c1']);
    expect(scoped(['PERMED_CURATED', 'CORDIS_HORIZON_EUROPE']).projects).toHaveLength(2);
    expect(scoped(['ROR']).projects).toEqual([]);
    expect(scoped(['ROR']).calls).toEqual([]);
  });

  it('counts in the matrix only the projects of the datasets asked for', () => {
    const projection = tinyEcosystem();
    projection.projects[0]!.datasets = ['CORDIS_HORIZON_2020'];
    const all = coverageMatrix(projection, { rows: 'GAP', grain: 'MACRO' });
    const cordis = coverageMatrix(projection, {
      rows: 'GAP',
      grain: 'MACRO',
      filter: { datasets: ['CORDIS_HORIZON_2020'] },
    });
    expect(cordis.projectsInScopeCount).toBe(1);
    expect(cordis.projectsInScopeCount).toBeLessThan(all.projectsInScopeCount);
    expect(all.totals.projectIds).toContain('p1');
    expect(cordis.totals.projectIds).toEqual(['p1']);
  });

  it('throws a TypeError on an unknown row axis', () => {
    expect(() => coverageScope(tinyEcosystem(), { rows: 'AREA' as never, grain: 'MACRO' })).toThrow(
      'rows must be GAP or OBJECTIVE, received AREA',
    );
  });
});
