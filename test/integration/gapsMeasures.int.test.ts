// White spots, portfolio profiles, trends and recommendations on the real data, checked against
// the matrix, the read API and seeds/*.json; argument errors; one projection read per request.

import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_FACTS } from '../../src/db/gaps';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/analytics/coverageScope';
import { PLAYGROUND_EXAMPLES } from '../../src/http/examples';
import { useTestApi } from '../helpers/useTestApi';

interface SeedLink {
  fromLabel: string;
  fromId: string;
  type: string;
  toId: string;
  confidence: number;
}
const seeds = path.join(__dirname, '..', '..', 'seeds');
const links = JSON.parse(fs.readFileSync(path.join(seeds, 'links.json'), 'utf8')) as SeedLink[];
const projectCount = (JSON.parse(fs.readFileSync(path.join(seeds, 'projects.json'), 'utf8')) as unknown[])
  .length;
const stages = JSON.parse(fs.readFileSync(path.join(seeds, 'valueChainStages.json'), 'utf8')) as Array<{
  id: string;
  parentId: string | null;
}>;
const implementationStages = new Set([
  'vc-implementation',
  ...stages.filter((s) => s.parentId === 'vc-implementation').map((s) => s.id),
]);

const api = useTestApi();

describe('white spots of the real data', () => {
  const WHITE_SPOTS = `
  query WhiteSpots($stages: [ID!], $mappedOnly: Boolean, $first: Int) {
    whiteSpots(stages: $stages, mappedOnly: $mappedOnly, first: $first) {
      rowProjectTotal rowCount expectedPerRow linkCount
      rows { rank rowId observed expected ratio residual empty emptyMappedStages { id } absentCountries { code } trend { year projectCount } explanation
             callLevel { callIds } }
      cells { rank rowId stageId observed expected residual empty mapped rowLinkCount columnLinkCount linkCount explanation }
    }
    coverageMatrix { rows { id projectLevel { projectCount } } }
  }`;
  interface Report {
    whiteSpots: {
      rowProjectTotal: number;
      rowCount: number;
      expectedPerRow: number;
      linkCount: number;
      rows: Array<{
        rank: number;
        rowId: string;
        observed: number;
        expected: number;
        ratio: number | null;
        residual: number | null;
        empty: boolean;
        emptyMappedStages: Array<{ id: string }>;
        absentCountries: Array<{ code: string }>;
        trend: Array<{ year: number; projectCount: number }>;
        explanation: string;
        callLevel: { callIds: string[] };
      }>;
      cells: Array<{
        rank: number;
        rowId: string;
        stageId: string;
        observed: number;
        expected: number;
        residual: number | null;
        empty: boolean;
        mapped: boolean;
        rowLinkCount: number;
        columnLinkCount: number;
        linkCount: number;
        explanation: string;
      }>;
    };
    coverageMatrix: { rows: Array<{ id: string; projectLevel: { projectCount: number } }> };
  }

  it('when every gap is ranked, then observed equals the matrix row and expected is the even share', async () => {
    const data = await api.data<Report>(WHITE_SPOTS, { first: 500 });
    const { rows, rowProjectTotal, rowCount, expectedPerRow } = data.whiteSpots;
    expect(rows).toHaveLength(25);
    expect(rowCount).toBe(25);
    const matrixRows = new Map(
      data.coverageMatrix.rows.map((row) => [row.id, row.projectLevel.projectCount]),
    );
    expect(rowProjectTotal).toBe([...matrixRows.values()].reduce((sum, n) => sum + n, 0));
    expect(expectedPerRow).toBeCloseTo(rowProjectTotal / 25, 12);
    for (const row of rows) {
      expect(row.observed).toBe(matrixRows.get(row.rowId));
      expect(row.residual).toBeCloseTo((row.observed - expectedPerRow) / Math.sqrt(expectedPerRow), 12);
    }
    // Ranked by residual, lowest first; the empty gaps come first.
    const residuals = rows.map((row) => row.residual ?? 0);
    expect(residuals).toEqual([...residuals].sort((a, b) => a - b));
    const empties = rows.filter((row) => row.empty).map((row) => row.rank);
    expect(empties).toEqual(empties.map((_, i) => i + 1));
    expect(empties.length).toBe([...matrixRows.values()].filter((count) => count === 0).length);
    expect(empties.length).toBeGreaterThan(0);
    // Among the empty gaps, those no call targets rank before those a call targets.
    const emptyCalls = rows.filter((row) => row.empty).map((row) => row.callLevel.callIds.length > 0);
    expect(emptyCalls).toEqual([...emptyCalls].sort((a, b) => Number(a) - Number(b)));
  });

  it('when a gap is empty, then its explanation names the stages it lies at and the countries absent from it', async () => {
    const data = await api.data<Report>(WHITE_SPOTS, { first: 500 });
    const economics = data.whiteSpots.rows.find((row) => row.rowId === 'gap-health-economics');
    expect(economics?.empty).toBe(true);
    // The gap lies at HTA and reimbursement, a sub-stage of implementation.
    expect(economics?.emptyMappedStages.map((s) => s.id)).toEqual(['vc-implementation']);
    expect(economics?.absentCountries.length).toBeGreaterThan(10);
    expect(economics?.explanation).toContain('No project at its own stage: Implementation.');
    expect(economics?.explanation).toContain('Call level: no call targets it.');
    expect(economics?.trend.every((year) => year.projectCount === 0)).toBe(true);
  });

  it('when cells are restricted to implementation, then the empty ones are the gaps without an implementation-stage project', async () => {
    const data = await api.data<Report>(WHITE_SPOTS, {
      stages: ['vc-implementation'],
      mappedOnly: false,
      first: 500,
    });
    const { cells, linkCount } = data.whiteSpots;
    expect(cells).toHaveLength(25);
    // From links.json: projects at implementation (or a sub-stage), and the gaps they address.
    // The API counts links at the default minConfidence.
    const counted = links.filter((l) => l.confidence >= DEFAULT_MIN_CONFIDENCE);
    const atImplementation = new Set(
      counted
        .filter((l) => l.fromLabel === 'Project' && l.type === 'AT_STAGE' && implementationStages.has(l.toId))
        .map((l) => l.fromId),
    );
    const covered = new Set(
      counted
        .filter((l) => l.fromLabel === 'Project' && l.type === 'ADDRESSES' && atImplementation.has(l.fromId))
        .map((l) => l.toId),
    );
    expect(
      cells
        .filter((cell) => cell.empty)
        .map((cell) => cell.rowId)
        .sort(),
    ).toEqual(
      cells
        .map((cell) => cell.rowId)
        .filter((id) => !covered.has(id))
        .sort(),
    );
    for (const cell of cells) {
      expect(cell.expected).toBeCloseTo((cell.rowLinkCount * cell.columnLinkCount) / linkCount, 12);
      expect(cell.stageId).toBe('vc-implementation');
    }
  });
});

describe('portfolio profiles of the real data', () => {
  const PROFILE = `
  query Profile($subject: PortfolioSubject!, $id: ID!) {
    portfolioProfile(subject: $subject, id: $id) {
      label projectIds ecosystemProjectCount
      gaps { linkCount entries { id count share ecosystemShare activityIndex } mostRepresented { id } leastRepresented { id count } }
      stages { entries { id count } }
      callLevel { callIds gaps { linkCount entries { id count } } }
    }
  }`;
  interface Profile {
    portfolioProfile: {
      label: string;
      projectIds: string[];
      ecosystemProjectCount: number;
      gaps: {
        linkCount: number;
        entries: Array<{
          id: string;
          count: number;
          share: number | null;
          ecosystemShare: number | null;
          activityIndex: number | null;
        }>;
        mostRepresented: Array<{ id: string }>;
        leastRepresented: Array<{ id: string; count: number }>;
      };
      stages: { entries: Array<{ id: string; count: number }> };
      callLevel: {
        callIds: string[];
        gaps: { linkCount: number; entries: Array<{ id: string; count: number }> };
      };
    };
  }

  it('when a funder is profiled, then its projects and calls are those the read API lists for it', async () => {
    const { portfolioProfile: profile } = await api.data<Profile>(PROFILE, {
      subject: 'FUNDER',
      id: 'bmbf-de',
    });
    const listed = await api.data<{
      funder: { projects: Array<{ id: string }>; calls: Array<{ id: string }> };
    }>('{ funder(id: "bmbf-de") { projects { id } calls { id } } }');
    expect(profile.label).toBe('BMBF / BMFTR');
    expect(profile.projectIds).toEqual(listed.funder.projects.map((p) => p.id).sort());
    expect(profile.callLevel.callIds).toEqual(listed.funder.calls.map((c) => c.id).sort());
    expect(profile.ecosystemProjectCount).toBe(projectCount);
  });

  it('when shares are read, then they sum to 1 and the activity index is share over ecosystem share', async () => {
    const { portfolioProfile: profile } = await api.data<Profile>(PROFILE, {
      subject: 'FUNDER',
      id: 'bmbf-de',
    });
    const shares = profile.gaps.entries.reduce((sum, e) => sum + (e.share ?? 0), 0);
    expect(shares).toBeCloseTo(1, 12);
    for (const entry of profile.gaps.entries) {
      if (entry.ecosystemShare)
        expect(entry.activityIndex).toBeCloseTo((entry.share ?? 0) / entry.ecosystemShare, 12);
    }
    expect(profile.gaps.mostRepresented.length).toBe(3);
    expect(profile.gaps.leastRepresented[0]?.count).toBe(0);
  });

  it('when a call is profiled, then its call level targets are its TARGETS links', async () => {
    const { portfolioProfile: profile } = await api.data<Profile>(PROFILE, {
      subject: 'CALL',
      id: 'jtc2024',
    });
    const targets = links
      .filter((l) => l.type === 'TARGETS' && l.fromId === 'jtc2024')
      .map((l) => l.toId)
      .sort();
    expect(profile.callLevel.callIds).toEqual(['jtc2024']);
    expect(
      profile.callLevel.gaps.entries
        .filter((e) => e.count > 0)
        .map((e) => e.id)
        .sort(),
    ).toEqual(targets);
    expect(profile.projectIds).toEqual(['project-metabotargetaml']);
  });

  it('when a country is profiled by a lower-case code, then it is found', async () => {
    const { portfolioProfile: profile } = await api.data<Profile>(PROFILE, { subject: 'COUNTRY', id: 'de' });
    expect(profile.label).toBe('Germany');
    expect(profile.projectIds.length).toBeGreaterThan(5);
  });
});

describe('trends of the real data', () => {
  it("when a gap is followed, then the yearly counts and the undated projects add up to the gap's projects", async () => {
    const data = await api.data<{
      coverageTrend: {
        years: Array<{ year: number; projectCount: number; callLevel: { callIds: string[] } }>;
        undatedProjectIds: string[];
        projectSlope: number | null;
      };
      knowledgeGap: { projectCount: number };
    }>(`{
      coverageTrend(dimension: GAP, id: "gap-ai-advanced-tech", filter: { minConfidence: 0 }) {
        years { year projectCount callLevel { callIds } }
        undatedProjectIds
        projectSlope
      }
      knowledgeGap(id: "gap-ai-advanced-tech") { projectCount(minConfidence: 0) }
    }`);
    const { years, undatedProjectIds } = data.coverageTrend;
    const sum = years.reduce((total, y) => total + y.projectCount, 0) + undatedProjectIds.length;
    expect(sum).toBe(data.knowledgeGap.projectCount);
    // Years run over every project and call in scope: 2018 (first JTC) to 2026 (JTC2026, which targets the gap).
    expect([years[0]?.year, years[years.length - 1]?.year]).toEqual([2018, 2026]);
    expect(years.find((y) => y.year === 2026)?.callLevel.callIds).toEqual(['jtc2026']);
    expect(typeof data.coverageTrend.projectSlope).toBe('number');
  });

  it('when a macro stage is followed, then its sub-stages count with it', async () => {
    const data = await api.data<{
      research: { years: Array<{ projectCount: number }>; undatedProjectIds: string[] };
      projects: { totalCount: number };
    }>(`{
      research: coverageTrend(dimension: STAGE, id: "vc-research") { years { projectCount } undatedProjectIds }
      projects(filter: { stages: ["vc-research"], minConfidence: ${DEFAULT_MIN_CONFIDENCE} }) { totalCount }
    }`);
    const sum =
      data.research.years.reduce((total, y) => total + y.projectCount, 0) +
      data.research.undatedProjectIds.length;
    expect(sum).toBe(data.projects.totalCount);
  });
});

describe('recommendations on the real data', () => {
  interface Rec {
    rank: number;
    kind: string;
    id: string;
    score: number;
    similarity: number;
    proximity: number;
    proximityNormalised: number;
    active: boolean;
    overlaps: Array<{ gapId: string; projectIds: string[]; callIds: string[] }>;
    sharedNeighbours: Array<{ id: string; degree: number; contribution: number }>;
    explanation: string;
  }
  const FIELDS =
    'rank kind id score similarity proximity proximityNormalised active overlaps { gapId projectIds callIds } sharedNeighbours { id degree contribution } explanation';

  it('when a gap is asked about, then newcomers come best first with scores that follow the formula', async () => {
    const { gapRecommendations: recs } = await api.data<{ gapRecommendations: Rec[] }>(
      `{ gapRecommendations(gap: "gap-implementation-evidence", first: 500) { ${FIELDS} } }`,
    );
    expect(recs.length).toBeGreaterThan(5);
    const scores = recs.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const rec of recs) {
      expect(rec.score).toBeCloseTo(0.5 * rec.similarity + 0.5 * rec.proximityNormalised, 12);
      expect(rec.active).toBe(false);
      // Nobody already on the gap: no overlap on the gap itself.
      expect(rec.overlaps.map((o) => o.gapId)).not.toContain('gap-implementation-evidence');
      // The evidence lists at most 10 shared neighbours; the score sums them all.
      const shown = rec.sharedNeighbours.reduce((sum, z) => sum + z.contribution, 0);
      if (rec.sharedNeighbours.length < 10) expect(rec.proximity).toBeCloseTo(shown, 9);
      else expect(rec.proximity).toBeGreaterThanOrEqual(shown - 1e-9);
      for (const z of rec.sharedNeighbours) expect(z.contribution).toBeCloseTo(1 / Math.log(z.degree), 12);
    }
    expect(new Set(recs.map((r) => r.kind))).toEqual(new Set(['FUNDER', 'COUNTRY', 'ORGANISATION']));
  });

  it('when a funder asks for partners, then none has shared a call or a project with it', async () => {
    const { partnerRecommendations: recs, funder } = await api.data<{
      partnerRecommendations: Rec[];
      funder: {
        calls: Array<{ id: string; funders: Array<{ id: string }> }>;
        projects: Array<{ funders: Array<{ id: string }> }>;
      };
    }>(`{
      partnerRecommendations(funder: "isciii-es", first: 500) { ${FIELDS} }
      funder(id: "isciii-es") { calls { id funders { id } } projects { funders { id } } }
    }`);
    const partners = new Set([
      ...funder.calls.flatMap((c) => c.funders.map((f) => f.id)),
      ...funder.projects.flatMap((p) => p.funders.map((f) => f.id)),
    ]);
    expect(recs.length).toBeGreaterThan(0);
    for (const rec of recs) {
      expect(partners.has(rec.id)).toBe(false);
      expect(rec.id).not.toBe('isciii-es');
      expect(rec.score).toBeGreaterThan(0);
    }
  });
});

describe('saved playground examples of the gap analysis', () => {
  const names = [
    'Gaps without an implementation project',
    'Portfolio of a funder',
    'Who could take up a gap',
  ];
  it.each(names)('when "%s" runs, then it answers without errors', async (name) => {
    const example = PLAYGROUND_EXAMPLES.find((e) => e.name === name);
    expect(example).toBeDefined();
    const result = await api.execute(example?.query ?? '', example?.variables);
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data).length).toBeGreaterThan(200);
  });
});

describe('the counts of the saved examples against the coverage matrix', () => {
  it('when "Under-served knowledge gaps" runs, then each gap counts the projects of its matrix row, staged or not', async () => {
    const example = PLAYGROUND_EXAMPLES.find((e) => e.name === 'Under-served knowledge gaps');
    const shown = await api.data<{ knowledgeGaps: { nodes: Array<{ shortName: string; all: number }> } }>(
      example?.query ?? '',
    );
    const { coverageMatrix } = await api.data<{
      coverageMatrix: {
        coverage: { minConfidence: number };
        rows: Array<{ label: string; projectLevel: { projectCount: number }; unstagedProjectIds: string[] }>;
      };
    }>(
      '{ coverageMatrix { coverage { minConfidence } rows { label projectLevel { projectCount } unstagedProjectIds } } }',
    );
    expect(coverageMatrix.coverage.minConfidence).toBe(DEFAULT_MIN_CONFIDENCE);
    const matrix = new Map(
      coverageMatrix.rows.map((row) => [
        row.label,
        row.projectLevel.projectCount + row.unstagedProjectIds.length,
      ]),
    );
    expect(shown.knowledgeGaps.nodes.length).toBe(coverageMatrix.rows.length);
    expect(shown.knowledgeGaps.nodes.map((gap) => [gap.shortName, gap.all])).toEqual(
      shown.knowledgeGaps.nodes.map((gap) => [gap.shortName, matrix.get(gap.shortName)]),
    );
  });
});

describe('gap analysis arguments', () => {
  it.each([
    ['{ coverageMatrix(filter: { minConfidence: 2 }) { linkCount } }', 'filter.minConfidence'],
    ['{ coverageMatrix(filter: { calls: ["jtc1999"] }) { linkCount } }', 'filter.calls'],
    ['{ coverageMatrix(filter: { countries: ["XX"] }) { linkCount } }', 'filter.countries'],
    ['{ coverageMatrix(filter: { yearFrom: 2024, yearTo: 2020 }) { linkCount } }', 'filter.yearTo'],
    ['{ whiteSpots(stages: ["vc-basic-research"]) { linkCount } }', 'stages'],
    ['{ whiteSpots(first: 1000) { linkCount } }', 'first'],
    ['{ portfolioProfile(subject: FUNDER, id: "nobody") { label } }', 'id'],
    ['{ portfolioProfile(subject: CALL, id: "jtc2024", top: -1) { label } }', 'top'],
    ['{ coverageTrend(dimension: OBJECTIVE, id: "gap-prevention") { label } }', 'id'],
    ['{ gapRecommendations(gap: "gap-prevention", networkWeight: 2) { id } }', 'networkWeight'],
    ['{ partnerRecommendations(funder: "gap-prevention") { id } }', 'funder'],
  ])('when %s is asked, then BAD_USER_INPUT names %s', async (query, argument) => {
    const result = await api.execute(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.argument).toBe(argument);
  });
});

describe('gap analysis round trips', () => {
  it('when one operation asks for the matrix, white spots, a profile and a trend, then the projection is read once', async () => {
    api.resetQueryLog();
    await api.data(`{
      coverageMatrix { linkCount }
      whiteSpots { rowCount }
      portfolioProfile(subject: FUNDER, id: "bmbf-de") { label }
      coverageTrend(dimension: GAP, id: "gap-prevention") { label }
    }`);
    expect(api.queryLog.filter((event) => event.cypher === PROJECT_FACTS)).toHaveLength(1);
    // The four projection statements and nothing else: no field sent a statement of its own.
    expect(api.queryLog).toHaveLength(4);
  });
});
