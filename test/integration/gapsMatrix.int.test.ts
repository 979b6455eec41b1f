// The coverage matrix of the real data: its totals equal the project counts of seeds/*.json and
// of the projects list, and its call-level totals equal the calls' published numbers.

import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/analytics/coverageScope';
import { useTestApi } from '../helpers/useTestApi';

interface SeedLink {
  fromLabel: string;
  fromId: string;
  type: string;
  toId: string;
  provenance: string;
  confidence: number;
}
interface SeedStage {
  id: string;
  parentId: string | null;
}
interface SeedCall {
  id: string;
  fundedProjectsCount: number | null;
  fundingGrantedEur: number | null;
}

const seeds = path.join(__dirname, '..', '..', 'seeds');
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(seeds, file), 'utf8')) as T;
const links = read<SeedLink[]>('links.json');
const stages = read<SeedStage[]>('valueChainStages.json');
const calls = read<SeedCall[]>('calls.json');
const gapIds = read<Array<{ id: string }>>('knowledgeGaps.json').map((gap) => gap.id);
const projectCount = read<unknown[]>('projects.json').length;
const MACRO_COLUMNS = [
  'vc-research',
  'vc-development',
  'vc-innovation',
  'vc-implementation',
  'vc-overarching',
];

function macroOf(stageId: string): string {
  let stage = stages.find((s) => s.id === stageId);
  while (stage?.parentId) stage = stages.find((s) => s.id === stage?.parentId);
  if (!stage) throw new Error(`unknown stage ${stageId}`);
  return stage.id;
}

/** From links.json: project → rows it is linked to, and project → macro stages, for links at least `min` confident (default: the API's). */
function seedMatrix(rowType: 'ADDRESSES' | 'ADVANCES', min = DEFAULT_MIN_CONFIDENCE) {
  const rowsOf = new Map<string, Set<string>>();
  const stagesOf = new Map<string, Set<string>>();
  for (const link of links) {
    if (link.fromLabel !== 'Project' || link.confidence < min) continue;
    const bag = link.type === rowType ? rowsOf : link.type === 'AT_STAGE' ? stagesOf : null;
    if (!bag) continue;
    const set = bag.get(link.fromId) ?? new Set<string>();
    set.add(link.type === 'AT_STAGE' ? macroOf(link.toId) : link.toId);
    bag.set(link.fromId, set);
  }
  const cell = (rowId: string, stageId: string) =>
    [...rowsOf].filter(([project, rows]) => rows.has(rowId) && stagesOf.get(project)?.has(stageId)).length;
  const row = (rowId: string) =>
    [...rowsOf].filter(([project, rows]) => rows.has(rowId) && stagesOf.get(project)?.size).length;
  const total = [...rowsOf.keys()].filter((project) => stagesOf.get(project)?.size).length;
  return { cell, row, total };
}

interface Tally {
  projectCount: number;
  curatedProjectCount: number;
  inferredProjectCount: number;
  projectIds: string[];
}
interface CallTally {
  callIds: string[];
  publishedProjectCount: number;
  publishedFundingEur: number | null;
}
interface Matrix {
  columns: Array<{ stageId: string; linkCount: number; projectLevel: Tally }>;
  rows: Array<{
    id: string;
    linkCount: number;
    projectLevel: Tally;
    unstagedProjectIds: string[];
    callLevel: CallTally;
    cells: Array<{ stageId: string; mapped: boolean; projectLevel: Tally; callLevel: CallTally }>;
  }>;
  projectLevel: Tally;
  linkCount: number;
  projectsInScopeCount: number;
  callLevel: CallTally;
}

const MATRIX = `
query Matrix($rows: MatrixRowKind, $grain: StageGrain, $filter: CoverageFilter) {
  coverageMatrix(rows: $rows, stageGrain: $grain, filter: $filter) {
    columns { stageId linkCount projectLevel { projectCount curatedProjectCount inferredProjectCount projectIds } }
    rows {
      id
      linkCount
      unstagedProjectIds
      projectLevel { projectCount curatedProjectCount inferredProjectCount projectIds }
      callLevel { callIds publishedProjectCount publishedFundingEur }
      cells {
        stageId
        mapped
        projectLevel { projectCount curatedProjectCount inferredProjectCount projectIds }
        callLevel { callIds publishedProjectCount publishedFundingEur }
      }
    }
    projectLevel { projectCount curatedProjectCount inferredProjectCount projectIds }
    linkCount
    projectsInScopeCount
    callLevel { callIds publishedProjectCount publishedFundingEur }
  }
}`;

const api = useTestApi();
let matrix: Matrix;
beforeAll(async () => {
  matrix = (await api.data<{ coverageMatrix: Matrix }>(MATRIX)).coverageMatrix;
});

describe('coverage matrix of the real data, project level', () => {
  const expected = seedMatrix('ADDRESSES');

  it('when rows are gaps, then there is one row per gap and one column per macro stage and the cross-cutting group', () => {
    expect(matrix.rows.map((row) => row.id).sort()).toEqual([...gapIds].sort());
    expect(matrix.columns.map((column) => column.stageId)).toEqual(MACRO_COLUMNS);
  });

  it('when a gap row is summed, then its distinct projects equal the projects addressing the gap that have a stage', () => {
    for (const row of matrix.rows)
      expect([row.id, row.projectLevel.projectCount]).toEqual([row.id, expected.row(row.id)]);
  });

  it('when each cell is read, then it equals the projects addressing the gap at the stage or a sub-stage in links.json', () => {
    for (const row of matrix.rows) {
      for (const cell of row.cells) {
        expect([row.id, cell.stageId, cell.projectLevel.projectCount]).toEqual([
          row.id,
          cell.stageId,
          expected.cell(row.id, cell.stageId),
        ]);
      }
    }
  });

  it('when the totals are read, then they are the distinct projects with a gap and a stage, and N is the sum of the cells', () => {
    expect(matrix.projectLevel.projectCount).toBe(expected.total);
    const cellSum = matrix.rows.reduce(
      (sum, row) => sum + row.cells.reduce((s, c) => s + c.projectLevel.projectCount, 0),
      0,
    );
    expect(matrix.linkCount).toBe(cellSum);
    expect(matrix.columns.reduce((sum, column) => sum + column.linkCount, 0)).toBe(cellSum);
    expect(matrix.rows.reduce((sum, row) => sum + row.linkCount, 0)).toBe(cellSum);
    expect(matrix.projectsInScopeCount).toBe(projectCount);
  });

  it('when curated and inferred are counted apart, then they add up in every cell', () => {
    for (const row of matrix.rows) {
      for (const cell of row.cells) {
        expect(cell.projectLevel.curatedProjectCount + cell.projectLevel.inferredProjectCount).toBe(
          cell.projectLevel.projectCount,
        );
      }
    }
  });

  it('when a project addresses a gap but has no stage, then the row lists it as unstaged', () => {
    // SYMMETRY addresses two gaps by keywords but no rule places it at a stage.
    const literacy = matrix.rows.find((row) => row.id === 'gap-citizen-literacy');
    expect(literacy?.unstagedProjectIds).toEqual(['project-symmetry']);
  });

  it('when cells are compared with the projects list filtered by gap and stage, then the counts agree', async () => {
    // The projects list counts sub-stages with their stage, as the MACRO grain does: 125 counts in one operation.
    const fields = matrix.rows.flatMap((row, i) =>
      row.cells.map(
        (cell, j) =>
          `c${i}_${j}: projects(filter: { gaps: ["${row.id}"], stages: ["${cell.stageId}"], minConfidence: ${DEFAULT_MIN_CONFIDENCE} }) { totalCount }`,
      ),
    );
    const data = await api.data<Record<string, { totalCount: number }>>(`{ ${fields.join('\n')} }`);
    matrix.rows.forEach((row, i) =>
      row.cells.forEach((cell, j) =>
        expect([row.id, cell.stageId, data[`c${i}_${j}`]?.totalCount]).toEqual([
          row.id,
          cell.stageId,
          cell.projectLevel.projectCount,
        ]),
      ),
    );
  });

  it('when minConfidence is 0.5, then only links at least that confident count', async () => {
    const strict = (await api.data<{ coverageMatrix: Matrix }>(MATRIX, { filter: { minConfidence: 0.5 } }))
      .coverageMatrix;
    const expectedStrict = seedMatrix('ADDRESSES', 0.5);
    expect(strict.projectLevel.projectCount).toBe(expectedStrict.total);
    for (const row of strict.rows)
      expect([row.id, row.projectLevel.projectCount]).toEqual([row.id, expectedStrict.row(row.id)]);
    expect(strict.projectLevel.projectCount).toBeLessThan(matrix.projectLevel.projectCount);
  });

  it('when rows are objectives, then each row counts the projects advancing the objective that have a stage', async () => {
    const objectives = (await api.data<{ coverageMatrix: Matrix }>(MATRIX, { rows: 'OBJECTIVE' }))
      .coverageMatrix;
    const expectedObjectives = seedMatrix('ADVANCES');
    expect(objectives.rows).toHaveLength(9);
    for (const row of objectives.rows) {
      expect([row.id, row.projectLevel.projectCount]).toEqual([row.id, expectedObjectives.row(row.id)]);
      for (const cell of row.cells)
        expect(cell.projectLevel.projectCount).toBe(expectedObjectives.cell(row.id, cell.stageId));
    }
  });

  it('when the grain is EXACT, then every stage is a column and no row total changes', async () => {
    const exact = (await api.data<{ coverageMatrix: Matrix }>(MATRIX, { grain: 'EXACT' })).coverageMatrix;
    expect(exact.columns).toHaveLength(stages.length);
    for (const row of exact.rows) {
      const macro = matrix.rows.find((r) => r.id === row.id);
      expect(row.projectLevel.projectCount).toBe(macro?.projectLevel.projectCount);
    }
  });

  it('when filtered by country, then every counted project has a partner there', async () => {
    const german = (await api.data<{ coverageMatrix: Matrix }>(MATRIX, { filter: { countries: ['de'] } }))
      .coverageMatrix;
    const listed = await api.data<{ projects: { nodes: Array<{ id: string }> } }>(
      '{ projects(filter: { countries: ["DE"] }, first: 100) { nodes { id } } }',
    );
    const germanIds = new Set(listed.projects.nodes.map((p) => p.id));
    expect(german.projectLevel.projectIds.length).toBeGreaterThan(0);
    expect(german.projectLevel.projectIds.every((id) => germanIds.has(id))).toBe(true);
  });
});

describe('coverage entries of the real data', () => {
  const DERIVATION = 'provenance rule confidence evidence curator curatedAt ruleBookVersion origin';
  interface Derivation {
    provenance: string;
    rule: string;
    confidence: number;
    evidence: string;
  }
  interface Entry {
    projectId: string;
    stageId: string;
    rowLink: Derivation;
    stageLink: Derivation;
  }
  const ENTRIES = `query Entries($rows: MatrixRowKind) {
    coverageMatrix(rows: $rows, filter: { minConfidence: 0 }) {
      rows { id projectLevel { entries { projectId stageId rowLink { ${DERIVATION} } stageLink { ${DERIVATION} } } } }
    }
  }`;
  type ProjectLinks = { id: string } & Record<
    'gaps' | 'objectives' | 'stages',
    Array<{ target: { id: string }; derivation: Derivation }>
  >;

  /** Each project's own links as Project.gaps, objectives and stages give them, keyed "project|kind|target". */
  async function ownLinks(projectIds: string[]): Promise<Map<string, Derivation>> {
    const data = await api.data<{ projects: { nodes: ProjectLinks[] } }>(
      `query Own($ids: [ID!]) {
        projects(first: 100, filter: { ids: $ids }) {
          nodes {
            id
            gaps { target: gap { id } derivation { ${DERIVATION} } }
            objectives { target: objective { id } derivation { ${DERIVATION} } }
            stages { target: stage { id } derivation { ${DERIVATION} } }
          }
        }
      }`,
      { ids: projectIds },
    );
    expect(data.projects.nodes).toHaveLength(projectIds.length);
    const byKey = new Map<string, Derivation>();
    for (const project of data.projects.nodes)
      for (const kind of ['gaps', 'objectives', 'stages'] as const)
        for (const link of project[kind])
          byKey.set(`${project.id}|${kind}|${link.target.id}`, link.derivation);
    return byKey;
  }

  it.each([
    ['GAP', 'gaps'],
    ['OBJECTIVE', 'objectives'],
  ] as const)(
    "when the entries of %s rows are read, then each row and stage link is the project's own link with its evidence",
    async (rows, rowKind) => {
      const data = await api.data<{
        coverageMatrix: { rows: Array<{ id: string; projectLevel: { entries: Entry[] } }> };
      }>(ENTRIES, { rows });
      const entries = data.coverageMatrix.rows.flatMap((row) =>
        row.projectLevel.entries.map((entry) => ({ ...entry, rowId: row.id })),
      );
      expect(entries.length).toBeGreaterThan(20);
      const own = await ownLinks([...new Set(entries.map((entry) => entry.projectId))]);
      for (const entry of entries) {
        expect([entry.projectId, entry.rowId, entry.rowLink]).toEqual([
          entry.projectId,
          entry.rowId,
          own.get(`${entry.projectId}|${rowKind}|${entry.rowId}`),
        ]);
        expect([entry.projectId, entry.stageId, entry.stageLink]).toEqual([
          entry.projectId,
          entry.stageId,
          own.get(`${entry.projectId}|stages|${entry.stageId}`),
        ]);
        expect(entry.rowLink.evidence.length).toBeGreaterThan(0);
      }
    },
  );
});

describe('coverage matrix of the real data, call level', () => {
  const published = (id: string) => calls.find((call) => call.id === id);

  it.each([
    ['jtc2024', 27, 39_200_000],
    ['jtc2025', 22, 34_400_000],
  ])(
    'when filtered to %s, then its call-level totals are its published %i projects and %i EUR',
    async (callId, count, funding) => {
      expect(published(callId)).toMatchObject({ fundedProjectsCount: count, fundingGrantedEur: funding });
      const one = (await api.data<{ coverageMatrix: Matrix }>(MATRIX, { filter: { calls: [callId] } }))
        .coverageMatrix;
      expect(one.callLevel.callIds).toEqual([callId]);
      expect(one.callLevel.publishedProjectCount).toBe(count);
      expect(one.callLevel.publishedFundingEur).toBe(funding);
      // Every cell it reaches shows the full totals once: attributed, not split and not summed.
      const reached = one.rows
        .flatMap((row) => row.cells)
        .filter((cell) => cell.callLevel.callIds.length > 0);
      expect(reached.length).toBeGreaterThan(0);
      for (const cell of reached)
        expect([cell.callLevel.publishedProjectCount, cell.callLevel.publishedFundingEur]).toEqual([
          count,
          funding,
        ]);
    },
  );

  it('when unfiltered, then the call-level total is the sum over the distinct targeting calls, never over cells', () => {
    // Calls whose TARGETS reach a gap that lies at a stage: all 18 TARGETS gaps have stages.
    const targeting = [
      ...new Set(links.filter((link) => link.type === 'TARGETS').map((link) => link.fromId)),
    ].sort();
    expect(matrix.callLevel.callIds).toEqual(targeting);
    const sum = targeting.reduce((total, id) => total + (published(id)?.fundedProjectsCount ?? 0), 0);
    const funding = targeting.reduce((total, id) => total + (published(id)?.fundingGrantedEur ?? 0), 0);
    // JTC2021 (22), JTC2024 (27) and JTC2025 (22) are the targeting calls that publish totals.
    expect(sum).toBeGreaterThan(0);
    expect(matrix.callLevel.publishedProjectCount).toBe(sum);
    expect(matrix.callLevel.publishedFundingEur).toBe(funding);
    const cellSum = matrix.rows
      .flatMap((row) => row.cells)
      .reduce((total, cell) => total + cell.callLevel.publishedProjectCount, 0);
    expect(cellSum).toBeGreaterThan(sum);
  });

  it('when a call targets a gap, then it reaches exactly the cells where the gap lies and leaves project counts alone', () => {
    // jtc2025 targets gap-pharmacogenomics, which lies at clinical and translational research (both under vc-research).
    const pgx = matrix.rows.find((row) => row.id === 'gap-pharmacogenomics');
    const reached = pgx?.cells
      .filter((cell) => cell.callLevel.callIds.includes('jtc2025'))
      .map((cell) => cell.stageId);
    expect(reached).toEqual(['vc-research']);
    expect(pgx?.cells.filter((cell) => cell.mapped).map((cell) => cell.stageId)).toEqual(['vc-research']);
    expect(pgx?.projectLevel.projectCount).toBe(seedMatrix('ADDRESSES').row('gap-pharmacogenomics'));
  });
});

describe('coverage blocks on the real data', () => {
  const COVERAGE =
    'coverage { namedProjectCount callIds publishingCallIds publishedProjectCount namedOfPublishedCount namedShare callIdsWithoutNamedProjects minConfidence lowSupport explanation }';
  interface Coverage {
    namedProjectCount: number;
    callIds: string[];
    publishingCallIds: string[];
    publishedProjectCount: number | null;
    namedOfPublishedCount: number;
    namedShare: number | null;
    callIdsWithoutNamedProjects: string[];
    minConfidence: number | null;
    lowSupport: boolean;
    explanation: string;
  }
  const seedProjects = read<Array<{ id: string; callId: string | null }>>('projects.json');
  const seedCalls =
    read<Array<{ id: string; kind: string; fundedProjectsCount: number | null }>>('calls.json');

  it('when the matrix is unfiltered, then its coverage block sets every named project against every published count', async () => {
    const { coverageMatrix: m } = await api.data<{
      coverageMatrix: {
        coverage: Coverage;
        rows: Array<{ projectLevel: { projectCount: number; lowSupport: boolean } }>;
      };
    }>(`{ coverageMatrix { ${COVERAGE} rows { projectLevel { projectCount lowSupport } } } }`);
    const funding = seedCalls.filter((call) => call.kind !== 'EVENT');
    const publishing = funding.filter((call) => call.fundedProjectsCount !== null);
    // Other integration files add projects while this runs: at least the seeded ones are named.
    expect(m.coverage.namedProjectCount).toBeGreaterThanOrEqual(seedProjects.length);
    expect(m.coverage.publishingCallIds).toEqual(publishing.map((call) => call.id).sort());
    expect(m.coverage.publishedProjectCount).toBe(
      publishing.reduce((sum, call) => sum + (call.fundedProjectsCount ?? 0), 0),
    );
    const namedCalls = new Set(seedProjects.map((project) => project.callId));
    for (const id of funding.filter((call) => !namedCalls.has(call.id)).map((call) => call.id))
      expect(m.coverage.callIdsWithoutNamedProjects).toContain(id);
    expect([m.coverage.minConfidence, m.coverage.lowSupport]).toEqual([0.4, false]);
    expect(m.coverage.explanation).toMatch(
      /^Counts rest on \d+ named projects; the \d+ calls in scope that publish a count/,
    );
    for (const row of m.rows) expect(row.projectLevel.lowSupport).toBe(row.projectLevel.projectCount < 5);
  });

  it('when the matrix is limited to JTC2024, then it names 1 of its 27 published projects and says support is low', async () => {
    const { coverageMatrix: m } = await api.data<{ coverageMatrix: { coverage: Coverage } }>(
      `{ coverageMatrix(filter: { calls: ["jtc2024"] }) { ${COVERAGE} } }`,
    );
    const named = seedProjects.filter((project) => project.callId === 'jtc2024').length;
    expect(m.coverage).toMatchObject({
      namedProjectCount: named,
      publishingCallIds: ['jtc2024'],
      publishedProjectCount: 27,
      namedOfPublishedCount: named,
      lowSupport: true,
    });
    expect(m.coverage.explanation).toContain(`funded 27, of which the graph names ${named}`);
    expect(m.coverage.explanation).toContain('Low support');
  });

  it('when a profile, white spots, recommendations and a network are read, then each carries the block and flags low support', async () => {
    const data = await api.data<{
      portfolioProfile: {
        coverage: Coverage;
        projectIds: string[];
        gaps: { entries: Array<{ count: number; lowSupport: boolean }> };
      };
      whiteSpots: {
        coverage: Coverage;
        rows: Array<{ observed: number; expected: number; lowSupport: boolean; explanation: string }>;
      };
      gapRecommendations: Array<{
        supportProjectCount: number;
        lowSupport: boolean;
        coverage: Coverage;
        explanation: string;
      }>;
      cofundingNetwork: { coverage: Coverage; nodes: Array<{ lowSupport: boolean }> };
      projectNetwork: { nodes: Array<{ lowSupport: boolean; attributes: { evidenceCount: number } }> };
    }>(`{
      portfolioProfile(subject: FUNDER, id: "bmbf-de") { projectIds ${COVERAGE} gaps { entries { count lowSupport } } }
      whiteSpots(first: 100) { ${COVERAGE} rows { observed expected lowSupport explanation } }
      gapRecommendations(gap: "gap-prevention", first: 5) { supportProjectCount lowSupport explanation ${COVERAGE} }
      cofundingNetwork(filter: { calls: ["jtc2024"] }) { ${COVERAGE} nodes { lowSupport } }
      projectNetwork: collaborationNetwork(level: COUNTRIES) { nodes { lowSupport attributes } }
    }`);
    expect(data.portfolioProfile.coverage.namedProjectCount).toBe(data.portfolioProfile.projectIds.length);
    for (const entry of data.portfolioProfile.gaps.entries) expect(entry.lowSupport).toBe(entry.count < 5);
    for (const row of data.whiteSpots.rows) {
      expect(row.lowSupport).toBe(Math.max(row.observed, row.expected) < 5);
      if (row.lowSupport) expect(row.explanation).toContain('Low support');
    }
    expect(data.whiteSpots.coverage.namedProjectCount).toBeGreaterThanOrEqual(seedProjects.length);
    for (const rec of data.gapRecommendations) {
      expect(rec.lowSupport).toBe(rec.supportProjectCount < 5);
      if (rec.lowSupport) expect(rec.explanation).toContain('Low support');
      expect(rec.coverage.publishedProjectCount).not.toBeNull();
    }
    // The JTC2024 co-funding network rests on its one named project out of 27 published.
    expect(data.cofundingNetwork.coverage).toMatchObject({
      callIds: ['jtc2024'],
      publishedProjectCount: 27,
      lowSupport: true,
    });
    expect(data.cofundingNetwork.nodes.every((node) => !node.lowSupport)).toBe(true);
    for (const node of data.projectNetwork.nodes)
      expect(node.lowSupport).toBe(node.attributes.evidenceCount < 5);
  });
});
