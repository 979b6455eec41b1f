// Every top-level list against the seeded graph: its default order, each sort field in
// both directions (records without a sort value last), and every filter field of every
// filter input, alone, combined (AND) and with several values (OR). Expectations are
// computed from seeds/*.json.

import { randomUUID } from 'node:crypto';
import type {
  CallRecord,
  DerivedLinkRecord,
  FunderRecord,
  ProjectRecord,
  SeedDataset,
} from '../../../src/model';
import { expectBadUserInput } from '../../helpers/graphqlErrors';
import { diseaseAreaText, matchesText } from '../../helpers/textExpectations';
import { type ListArgs, type ListName, listOperation } from '../../helpers/listQueries';
import {
  alphabetical,
  compareValues,
  type Direction,
  expectedOrder,
  seedData,
  type SortValue,
} from '../../helpers/seedExpectations';
import { openRollbackApi, type RollbackApi } from '../../helpers/rollbackApi';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

/** The ids of a whole list (the seeds fit in one page of 100), checking totalCount on the way. */
async function listIds(list: ListName, args: Pick<ListArgs, 'filter' | 'sort'> = {}): Promise<string[]> {
  const { query, variables } = listOperation(
    list,
    { ...args, first: 100 },
    '{ nodes { id } totalCount pageInfo { hasNextPage } }',
  );
  const data = await api.data<{
    list: { nodes: Array<{ id: string }>; totalCount: number; pageInfo: { hasNextPage: boolean } };
  }>(query, variables);
  expect(data.list.pageInfo.hasNextPage).toBe(false);
  expect(data.list.totalCount).toBe(data.list.nodes.length);
  return data.list.nodes.map((node) => node.id);
}

/** A filter is only a test when it keeps some records and drops others. */
function expectDiscriminating(kept: readonly unknown[], all: readonly unknown[]): void {
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.length).toBeLessThan(all.length);
}

const overlaps = (values: readonly string[], wanted: readonly string[]) =>
  values.some((value) => wanted.includes(value));
const contains = (value: string | null | undefined, text: string) =>
  value !== null && value !== undefined && value.toLowerCase().includes(text.toLowerCase());

/** Ids at the `from` end of derived links of `type` from `fromLabel` to one of `toIds`. */
function linkedFrom(
  fromLabel: DerivedLinkRecord['fromLabel'],
  type: DerivedLinkRecord['type'],
  toIds: readonly string[],
  passes: (link: DerivedLinkRecord) => boolean = () => true,
): Set<string> {
  return new Set(
    seeds.links
      .filter(
        (link) =>
          link.fromLabel === fromLabel && link.type === type && toIds.includes(link.toId) && passes(link),
      )
      .map((link) => link.fromId),
  );
}

/** Ids at the `to` end of derived links of `type` from one of `fromIds`. */
function linkedTo(
  fromLabel: DerivedLinkRecord['fromLabel'],
  type: DerivedLinkRecord['type'],
  fromIds: readonly string[],
): Set<string> {
  return new Set(
    seeds.links
      .filter((link) => link.fromLabel === fromLabel && link.type === type && fromIds.includes(link.fromId))
      .map((link) => link.toId),
  );
}

// Default orders, as the schema states them.
const fundersByName = (records: readonly FunderRecord[]) =>
  expectedOrder(records, (f) => alphabetical(f.name), 'ASC');
const callsNewestFirst = (records: readonly CallRecord[]) => expectedOrder(records, (c) => c.year, 'DESC');
const projectsNewestFirst = (records: readonly ProjectRecord[]) =>
  expectedOrder(records, (p) => p.year, 'DESC');

interface SortCase {
  list: ListName;
  sort?: { field: string; direction?: Direction };
  expected: (seeds: SeedDataset) => string[];
}

function sortCase<T extends { id: string }>(
  list: ListName,
  sort: SortCase['sort'],
  records: (seeds: SeedDataset) => readonly T[],
  key: (record: T) => SortValue,
  direction: Direction,
): SortCase {
  return { list, sort, expected: (s) => expectedOrder(records(s), key, direction) };
}

const SORT_CASES: SortCase[] = [
  // Defaults (no sort argument).
  sortCase(
    'programmes',
    undefined,
    (s) => s.programmes,
    (p) => p.startYear,
    'ASC',
  ),
  sortCase(
    'funders',
    undefined,
    (s) => s.funders,
    (f) => alphabetical(f.name),
    'ASC',
  ),
  sortCase(
    'calls',
    undefined,
    (s) => s.calls,
    (c) => c.year,
    'DESC',
  ),
  sortCase(
    'projects',
    undefined,
    (s) => s.projects,
    (p) => p.year,
    'DESC',
  ),
  sortCase(
    'organisations',
    undefined,
    (s) => s.organisations,
    (o) => alphabetical(o.name),
    'ASC',
  ),
  sortCase(
    'countries',
    undefined,
    (s) => s.countries,
    (c) => alphabetical(c.name),
    'ASC',
  ),
  sortCase(
    'regions',
    undefined,
    (s) => s.regions,
    (r) => alphabetical(r.name),
    'ASC',
  ),
  sortCase(
    'objectives',
    undefined,
    (s) => s.objectives,
    (o) => o.order,
    'ASC',
  ),
  // The cross-cutting stage has no order and comes last.
  sortCase(
    'valueChainStages',
    undefined,
    (s) => s.valueChainStages,
    (v) => v.order,
    'ASC',
  ),
  sortCase(
    'sriaAreas',
    undefined,
    (s) => s.sriaAreas,
    (a) => a.order,
    'ASC',
  ),
  sortCase(
    'knowledgeGaps',
    undefined,
    (s) => s.knowledgeGaps,
    (g) => alphabetical(g.shortName),
    'ASC',
  ),
  // Each sort field in both directions.
  sortCase(
    'programmes',
    { field: 'START_YEAR', direction: 'ASC' },
    (s) => s.programmes,
    (p) => p.startYear,
    'ASC',
  ),
  sortCase(
    'programmes',
    { field: 'START_YEAR', direction: 'DESC' },
    (s) => s.programmes,
    (p) => p.startYear,
    'DESC',
  ),
  sortCase(
    'programmes',
    { field: 'NAME', direction: 'ASC' },
    (s) => s.programmes,
    (p) => alphabetical(p.shortName),
    'ASC',
  ),
  sortCase(
    'programmes',
    { field: 'NAME', direction: 'DESC' },
    (s) => s.programmes,
    (p) => alphabetical(p.shortName),
    'DESC',
  ),
  sortCase(
    'funders',
    { field: 'NAME', direction: 'ASC' },
    (s) => s.funders,
    (f) => alphabetical(f.name),
    'ASC',
  ),
  sortCase(
    'funders',
    { field: 'NAME', direction: 'DESC' },
    (s) => s.funders,
    (f) => alphabetical(f.name),
    'DESC',
  ),
  sortCase(
    'funders',
    { field: 'ACRONYM', direction: 'ASC' },
    (s) => s.funders,
    (f) => alphabetical(f.acronym),
    'ASC',
  ),
  sortCase(
    'funders',
    { field: 'ACRONYM', direction: 'DESC' },
    (s) => s.funders,
    (f) => alphabetical(f.acronym),
    'DESC',
  ),
  sortCase(
    'calls',
    { field: 'YEAR', direction: 'ASC' },
    (s) => s.calls,
    (c) => c.year,
    'ASC',
  ),
  sortCase(
    'calls',
    { field: 'YEAR', direction: 'DESC' },
    (s) => s.calls,
    (c) => c.year,
    'DESC',
  ),
  sortCase(
    'calls',
    { field: 'TITLE', direction: 'ASC' },
    (s) => s.calls,
    (c) => alphabetical(c.title),
    'ASC',
  ),
  sortCase(
    'calls',
    { field: 'TITLE', direction: 'DESC' },
    (s) => s.calls,
    (c) => alphabetical(c.title),
    'DESC',
  ),
  sortCase(
    'projects',
    { field: 'YEAR', direction: 'ASC' },
    (s) => s.projects,
    (p) => p.year,
    'ASC',
  ),
  sortCase(
    'projects',
    { field: 'YEAR', direction: 'DESC' },
    (s) => s.projects,
    (p) => p.year,
    'DESC',
  ),
  sortCase(
    'projects',
    { field: 'ACRONYM', direction: 'ASC' },
    (s) => s.projects,
    (p) => alphabetical(p.acronym),
    'ASC',
  ),
  sortCase(
    'projects',
    { field: 'ACRONYM', direction: 'DESC' },
    (s) => s.projects,
    (p) => alphabetical(p.acronym),
    'DESC',
  ),
  sortCase(
    'organisations',
    { field: 'NAME', direction: 'ASC' },
    (s) => s.organisations,
    (o) => alphabetical(o.name),
    'ASC',
  ),
  sortCase(
    'organisations',
    { field: 'NAME', direction: 'DESC' },
    (s) => s.organisations,
    (o) => alphabetical(o.name),
    'DESC',
  ),
  sortCase(
    'countries',
    { field: 'NAME', direction: 'ASC' },
    (s) => s.countries,
    (c) => alphabetical(c.name),
    'ASC',
  ),
  sortCase(
    'countries',
    { field: 'NAME', direction: 'DESC' },
    (s) => s.countries,
    (c) => alphabetical(c.name),
    'DESC',
  ),
  sortCase(
    'countries',
    { field: 'CODE', direction: 'ASC' },
    (s) => s.countries,
    (c) => c.code,
    'ASC',
  ),
  sortCase(
    'countries',
    { field: 'CODE', direction: 'DESC' },
    (s) => s.countries,
    (c) => c.code,
    'DESC',
  ),
  // A sort without a direction takes the schema's default direction of that input.
  sortCase(
    'programmes',
    { field: 'NAME' },
    (s) => s.programmes,
    (p) => alphabetical(p.shortName),
    'ASC',
  ),
  sortCase(
    'funders',
    { field: 'ACRONYM' },
    (s) => s.funders,
    (f) => alphabetical(f.acronym),
    'ASC',
  ),
  sortCase(
    'calls',
    { field: 'TITLE' },
    (s) => s.calls,
    (c) => alphabetical(c.title),
    'DESC',
  ),
  sortCase(
    'projects',
    { field: 'ACRONYM' },
    (s) => s.projects,
    (p) => alphabetical(p.acronym),
    'DESC',
  ),
  sortCase(
    'organisations',
    { field: 'NAME' },
    (s) => s.organisations,
    (o) => alphabetical(o.name),
    'ASC',
  ),
  sortCase(
    'countries',
    { field: 'CODE' },
    (s) => s.countries,
    (c) => c.code,
    'ASC',
  ),
];

describe('list order', () => {
  it.each(
    SORT_CASES.map(
      (c) =>
        [
          c.list,
          c.sort ? `${c.sort.field} ${c.sort.direction ?? '(default direction)'}` : 'the default sort',
          c,
        ] as const,
    ),
  )('when %s are listed by %s, then they come in that order with ties by id', async (list, _, testCase) => {
    expect(await listIds(list, testCase.sort ? { sort: testCase.sort } : {})).toEqual(
      testCase.expected(seeds),
    );
  });

  it.each([
    ['projects', 'YEAR'],
    ['calls', 'YEAR'],
  ] as const)(
    'when %s are sorted by %s either way, then the records without one come last both ways',
    async (list, field) => {
      const records: ReadonlyArray<{ id: string; year: number | null }> =
        list === 'projects' ? seeds.projects : seeds.calls;
      const withoutYear = records
        .filter((record) => record.year === null)
        .map((record) => record.id)
        .sort(compareValues);
      expect(withoutYear.length).toBeGreaterThan(0);
      for (const direction of ['ASC', 'DESC'] as const) {
        const ids = await listIds(list, { sort: { field, direction } });
        expect(ids.slice(ids.length - withoutYear.length)).toEqual(withoutYear);
      }
    },
  );

  it('when value-chain stages are listed, then the cross-cutting group without an order comes last', async () => {
    const ids = await listIds('valueChainStages');
    const unordered = seeds.valueChainStages.filter((stage) => stage.order === null).map((stage) => stage.id);
    expect(unordered).toEqual(['vc-overarching']);
    expect(ids[ids.length - 1]).toBe('vc-overarching');
  });
});

describe('a text sort value missing from a record', () => {
  // No seed funder lacks an acronym: the test adds one in a transaction that is rolled
  // back, so no other test file ever sees it.
  let rollback: RollbackApi;
  const id = `test-funder-without-acronym-${randomUUID()}`;
  beforeAll(async () => {
    rollback = await openRollbackApi();
    await rollback.write(
      "CREATE (:Funder {id: $id, name: 'Aaa test funder', kind: 'MINISTRY', roles: [], uncertain: false, sources: []})",
      { id },
    );
  });
  afterAll(() => rollback.close());

  type Page = {
    list: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
  const SELECTION = '{ nodes { id } pageInfo { hasNextPage endCursor } }';

  it.each(['ASC', 'DESC'] as const)(
    'when funders are sorted by ACRONYM %s, then the funder without one comes last',
    async (direction) => {
      const { query, variables } = listOperation(
        'funders',
        { sort: { field: 'ACRONYM', direction }, first: 100 },
        SELECTION,
      );
      const ids = (await rollback.data<Page>(query, variables)).list.nodes.map((node) => node.id);
      expect(ids).toEqual([...expectedOrder(seeds.funders, (f) => alphabetical(f.acronym), direction), id]);
    },
  );

  it.each(['ASC', 'DESC'] as const)(
    'when funders sorted by ACRONYM %s are walked two at a time, then the last page reaches the funder without one',
    async (direction) => {
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const { query, variables } = listOperation(
          'funders',
          { sort: { field: 'ACRONYM', direction }, first: 2, ...(after ? { after } : {}) },
          SELECTION,
        );
        const page: Page = await rollback.data<Page>(query, variables);
        walked.push(...page.list.nodes.map((node) => node.id));
        after = page.list.pageInfo.hasNextPage ? page.list.pageInfo.endCursor : null;
      } while (after !== null);
      expect(walked).toEqual([
        ...expectedOrder(seeds.funders, (f) => alphabetical(f.acronym), direction),
        id,
      ]);
    },
  );

  it('when the same funder is asked for outside the transaction, then it does not exist', async () => {
    expect(await api.data('query ($id: ID!) { funder(id: $id) { id } }', { id })).toEqual({ funder: null });
  });
});

describe('funders filter', () => {
  const cases: Array<[string, Record<string, unknown>, (f: FunderRecord) => boolean]> = [
    [
      'ids',
      { ids: ['isciii-es', 'anr-fr', 'no-such-funder'] },
      (f) => ['isciii-es', 'anr-fr'].includes(f.id),
    ],
    ['countries (one)', { countries: ['DE'] }, (f) => f.countryCode === 'DE'],
    ['countries (OR)', { countries: ['DE', 'IT'] }, (f) => f.countryCode === 'DE' || f.countryCode === 'IT'],
    ['countries in lower case', { countries: ['de'] }, (f) => f.countryCode === 'DE'],
    [
      'regions',
      { regions: ['es-navarre', 'it-tuscany'] },
      (f) => ['es-navarre', 'it-tuscany'].includes(f.regionId ?? ''),
    ],
    ['calls', { calls: ['jtc2021', 'jtc2024'] }, (f) => overlaps(f.callIds, ['jtc2021', 'jtc2024'])],
    [
      'programmes',
      { programmes: ['icpermed-programme'] },
      (f) => f.programmeIds.includes('icpermed-programme'),
    ],
    [
      'kinds',
      { kinds: ['MINISTRY', 'REGIONAL_MINISTRY'] },
      (f) => ['MINISTRY', 'REGIONAL_MINISTRY'].includes(f.kind),
    ],
    ['text in the name, any case', { text: 'SALUD carlos' }, (f) => matchesText('Funder', f, 'SALUD carlos')],
    ['text in the acronym, any case', { text: 'isCIII' }, (f) => matchesText('Funder', f, 'isCIII')],
    ['text in either field', { text: 'research' }, (f) => matchesText('Funder', f, 'research')],
    [
      'countries AND kinds',
      { countries: ['DE'], kinds: ['MINISTRY'] },
      (f) => f.countryCode === 'DE' && f.kind === 'MINISTRY',
    ],
    [
      'programmes AND calls AND text',
      { programmes: ['eppermed-programme'], calls: ['jtc2018'], text: 'i' },
      (f) =>
        f.programmeIds.includes('eppermed-programme') &&
        f.callIds.includes('jtc2018') &&
        matchesText('Funder', f, 'i'),
    ],
  ];

  it.each(cases)(
    'when funders are filtered by %s, then exactly the matching seed funders come back by name',
    async (_, filter, matches) => {
      const expected = seeds.funders.filter(matches);
      expectDiscriminating(expected, seeds.funders);
      expect(await listIds('funders', { filter })).toEqual(fundersByName(expected));
    },
  );

  it('when funders are filtered by knowledge gaps, then exactly the funders of a project addressing one come back', async () => {
    const gaps = ['gap-pharmacogenomics', 'gap-prevention'];
    const projects = linkedFrom('Project', 'ADDRESSES', gaps);
    const funderIds = new Set(seeds.projects.filter((p) => projects.has(p.id)).flatMap((p) => p.funderIds));
    const expected = seeds.funders.filter((f) => funderIds.has(f.id));
    expectDiscriminating(expected, seeds.funders);
    expect(await listIds('funders', { filter: { gaps } })).toEqual(fundersByName(expected));
  });

  it('when the text filter is given only for the name, then the acronym-only text finds the funder too', async () => {
    // "ISCIII" is not in the name "Instituto de Salud Carlos III": only the acronym matches.
    const isciii = seeds.funders.find((f) => f.id === 'isciii-es')!;
    expect(contains(isciii.name, 'isciii')).toBe(false);
    expect(await listIds('funders', { filter: { text: 'iscIII' } })).toContain('isciii-es');
  });
});

describe('calls filter', () => {
  const fundersOf = (call: CallRecord) =>
    seeds.funders.filter((f) => f.callIds.includes(call.id)).map((f) => f.id);
  const cases: Array<[string, Record<string, unknown>, (c: CallRecord) => boolean]> = [
    ['ids', { ids: ['jtc2018', 'nsc2025'] }, (c) => ['jtc2018', 'nsc2025'].includes(c.id)],
    [
      'programmes',
      { programmes: ['erapermed-programme', 'icpermed-programme'] },
      (c) => ['erapermed-programme', 'icpermed-programme'].includes(c.programmeId ?? ''),
    ],
    ['kinds', { kinds: ['SUPPORT_CALL', 'EVENT'] }, (c) => ['SUPPORT_CALL', 'EVENT'].includes(c.kind)],
    ['yearFrom', { yearFrom: 2024 }, (c) => c.year !== null && c.year >= 2024],
    ['yearTo', { yearTo: 2020 }, (c) => c.year !== null && c.year <= 2020],
    [
      'yearFrom AND yearTo',
      { yearFrom: 2019, yearTo: 2021 },
      (c) => c.year !== null && c.year >= 2019 && c.year <= 2021,
    ],
    [
      'funders',
      { funders: ['it-moh', 'frrb-it-lom'] },
      (c) => overlaps(fundersOf(c), ['it-moh', 'frrb-it-lom']),
    ],
    ['countries', { countries: ['CH', 'GR'] }, (c) => overlaps(c.participatingCountryCodes, ['CH', 'GR'])],
    [
      'text in the title, any case',
      { text: 'PHARMACOGENOMIC' },
      (c) => matchesText('Call', c, 'PHARMACOGENOMIC'),
    ],
    ['text in the short title, any case', { text: 'pmtargets' }, (c) => matchesText('Call', c, 'pmtargets')],
    [
      'kinds AND yearFrom',
      { kinds: ['JOINT_TRANSNATIONAL_CALL'], yearFrom: 2022 },
      (c) => c.kind === 'JOINT_TRANSNATIONAL_CALL' && c.year !== null && c.year >= 2022,
    ],
  ];

  it.each(cases)(
    'when calls are filtered by %s, then exactly the matching seed calls come back newest first',
    async (_, filter, matches) => {
      const expected = seeds.calls.filter(matches);
      expectDiscriminating(expected, seeds.calls);
      expect(await listIds('calls', { filter })).toEqual(callsNewestFirst(expected));
    },
  );

  it('when calls are filtered by knowledge gaps, then exactly the calls targeting one come back', async () => {
    const gaps = ['gap-prevention', 'gap-validation-bottleneck'];
    const targeting = linkedFrom('Call', 'TARGETS', gaps);
    const expected = seeds.calls.filter((c) => targeting.has(c.id));
    expectDiscriminating(expected, seeds.calls);
    expect(await listIds('calls', { filter: { gaps } })).toEqual(callsNewestFirst(expected));
  });
});

describe('projects filter', () => {
  const inYear = (p: ProjectRecord, from: number | null, to: number | null) =>
    p.year !== null && (from === null || p.year >= from) && (to === null || p.year <= to);
  const textMatch = (p: ProjectRecord, text: string) =>
    matchesText('Project', p, text, diseaseAreaText(seeds, p.id));
  const cases: Array<[string, Record<string, unknown>, (p: ProjectRecord) => boolean]> = [
    [
      'ids',
      { ids: ['project-permanens', 'project-hope'] },
      (p) => ['project-permanens', 'project-hope'].includes(p.id),
    ],
    ['calls', { calls: ['jtc2018', 'jtc2025'] }, (p) => ['jtc2018', 'jtc2025'].includes(p.callId ?? '')],
    ['programmes', { programmes: ['eppermed-programme'] }, (p) => p.programmeId === 'eppermed-programme'],
    ['funders', { funders: ['bmbf-de', 'aka-fi'] }, (p) => overlaps(p.funderIds, ['bmbf-de', 'aka-fi'])],
    ['countries (one)', { countries: ['DE'] }, (p) => p.partnerCountryCodes.includes('DE')],
    ['countries (OR)', { countries: ['IT', 'NO'] }, (p) => overlaps(p.partnerCountryCodes, ['IT', 'NO'])],
    ['countries in lower case', { countries: ['it'] }, (p) => p.partnerCountryCodes.includes('IT')],
    [
      'organisations',
      { organisations: ['org-lund-university', 'org-university-of-oslo'] },
      (p) =>
        overlaps(
          p.partners.map((partner) => partner.organisationId),
          ['org-lund-university', 'org-university-of-oslo'],
        ),
    ],
    ['yearFrom', { yearFrom: 2022 }, (p) => inYear(p, 2022, null)],
    ['yearTo', { yearTo: 2019 }, (p) => inYear(p, null, 2019)],
    ['yearFrom AND yearTo', { yearFrom: 2020, yearTo: 2021 }, (p) => inYear(p, 2020, 2021)],
    ['text in the acronym, any case', { text: 'pErM' }, (p) => textMatch(p, 'perm')],
    ['text in the title, any case', { text: 'TOWARDS' }, (p) => textMatch(p, 'towards')],
    ['text in a keyword, any case', { text: 'Federated' }, (p) => textMatch(p, 'federated')],
    ['text in the disease area, any case', { text: 'LEUKAEMIA' }, (p) => textMatch(p, 'leukaemia')],
    [
      'countries AND yearFrom',
      { countries: ['DE'], yearFrom: 2020 },
      (p) => p.partnerCountryCodes.includes('DE') && inYear(p, 2020, null),
    ],
    [
      'programmes AND text',
      { programmes: ['erapermed-programme'], text: 'machine learning' },
      (p) => p.programmeId === 'erapermed-programme' && textMatch(p, 'machine learning'),
    ],
  ];

  it.each(cases)(
    'when projects are filtered by %s, then exactly the matching seed projects come back newest first',
    async (_, filter, matches) => {
      const expected = seeds.projects.filter(matches);
      expectDiscriminating(expected, seeds.projects);
      expect(await listIds('projects', { filter })).toEqual(projectsNewestFirst(expected));
    },
  );

  it.each([
    ['acronym', 'perm', (p: ProjectRecord) => contains(p.acronym, 'perm')],
    ['title', 'towards', (p: ProjectRecord) => contains(p.title, 'towards')],
    ['keywords', 'federated', (p: ProjectRecord) => p.keywords.some((k) => contains(k, 'federated'))],
    ['disease area', 'leukaemia', (p: ProjectRecord) => contains(p.diseaseArea, 'leukaemia')],
  ] as const)(
    'when the text occurs only in the %s of some project, then that project is found',
    async (_, text, viaField) => {
      const onlyThere = seeds.projects.filter(
        (p) =>
          viaField(p) &&
          [
            contains(p.acronym, text),
            contains(p.title, text),
            contains(p.diseaseArea, text),
            p.keywords.some((k) => contains(k, text)),
          ].filter(Boolean).length === 1,
      );
      expect(onlyThere.length).toBeGreaterThan(0);
      const ids = await listIds('projects', { filter: { text } });
      for (const project of onlyThere) expect(ids).toContain(project.id);
    },
  );

  /** Projects with a link of `type` to one of `toIds` that passes the provenance and confidence thresholds. */
  function linkedProjects(
    type: 'ADVANCES' | 'AT_STAGE' | 'ADDRESSES',
    toIds: readonly string[],
    thresholds: { provenance?: 'CURATED' | 'INFERRED'; minConfidence?: number } = {},
  ): ProjectRecord[] {
    const passes = (link: DerivedLinkRecord) =>
      (thresholds.provenance === undefined || link.provenance === thresholds.provenance) &&
      (thresholds.minConfidence === undefined || link.confidence >= thresholds.minConfidence);
    const linked = linkedFrom('Project', type, toIds, passes);
    return seeds.projects.filter((p) => linked.has(p.id));
  }

  /** The stages and all their sub-stages (transitively). */
  function withSubStages(stageIds: readonly string[]): string[] {
    const result = new Set(stageIds);
    let grew = true;
    while (grew) {
      grew = false;
      for (const stage of seeds.valueChainStages) {
        if (stage.parentId !== null && result.has(stage.parentId) && !result.has(stage.id)) {
          result.add(stage.id);
          grew = true;
        }
      }
    }
    return [...result];
  }

  it('when projects are filtered by a macro stage, then projects linked only to one of its sub-stages are included', async () => {
    const expected = linkedProjects('AT_STAGE', withSubStages(['vc-research']));
    const direct = new Set(linkedProjects('AT_STAGE', ['vc-research']).map((p) => p.id));
    // The test means something only if some project reaches the stage through a sub-stage alone.
    expect(expected.some((p) => !direct.has(p.id))).toBe(true);
    expectDiscriminating(expected, seeds.projects);
    expect(await listIds('projects', { filter: { stages: ['vc-research'] } })).toEqual(
      projectsNewestFirst(expected),
    );
  });

  it('when projects are filtered by a sub-stage, then only projects at that sub-stage come back', async () => {
    const expected = linkedProjects('AT_STAGE', ['vc-translational-research']);
    expectDiscriminating(expected, seeds.projects);
    expect(await listIds('projects', { filter: { stages: ['vc-translational-research'] } })).toEqual(
      projectsNewestFirst(expected),
    );
  });

  it.each([
    ['objectives', 'ADVANCES', ['obj-06', 'obj-09']],
    ['gaps', 'ADDRESSES', ['gap-pharmacogenomics', 'gap-data-privacy']],
  ] as const)(
    'when projects are filtered by %s, then exactly the projects linked to one come back',
    async (field, type, ids) => {
      const expected = linkedProjects(type, ids);
      expectDiscriminating(expected, seeds.projects);
      expect(await listIds('projects', { filter: { [field]: ids } })).toEqual(projectsNewestFirst(expected));
    },
  );

  const LINK_TYPE = { stages: 'AT_STAGE', objectives: 'ADVANCES', gaps: 'ADDRESSES' } as const;

  it.each([
    ['gaps', ['gap-ai-advanced-tech'], { provenance: 'CURATED' }],
    ['gaps', ['gap-ai-advanced-tech'], { provenance: 'INFERRED' }],
    ['objectives', ['obj-02', 'obj-03'], { minConfidence: 0.7 }],
    ['stages', ['vc-research'], { minConfidence: 0.6 }],
    ['stages', ['vc-research'], { provenance: 'CURATED' }],
    ['gaps', ['gap-multiomics-integration', 'gap-elsa'], { provenance: 'INFERRED', minConfidence: 0.44 }],
  ] as const)(
    'when projects are filtered by %s %j with link thresholds %j, then only links passing them count',
    async (field, ids, thresholds) => {
      // The stage filter reaches sub-stages too.
      const targetIds = field === 'stages' ? withSubStages(ids) : ids;
      const expected = linkedProjects(LINK_TYPE[field], targetIds, thresholds);
      const unthresholded = linkedProjects(LINK_TYPE[field], targetIds);
      // The thresholds must drop some projects for the test to mean anything.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(unthresholded.length);
      expect(await listIds('projects', { filter: { [field]: ids, ...thresholds } })).toEqual(
        projectsNewestFirst(expected),
      );
    },
  );

  it('when provenance and minConfidence are given without a stage, objective or gap filter, then every project comes back', async () => {
    const ids = await listIds('projects', { filter: { provenance: 'CURATED', minConfidence: 0.95 } });
    expect(ids).toEqual(projectsNewestFirst(seeds.projects));
  });

  it.each([1.5, -0.1])(
    'when minConfidence is %p, then the list fails with BAD_USER_INPUT naming filter.minConfidence',
    async (minConfidence) => {
      const result = await api.execute(
        'query ($filter: ProjectFilter) { projects(filter: $filter) { nodes { id } } }',
        {
          filter: { gaps: ['gap-elsa'], minConfidence },
        },
      );
      const error = expectBadUserInput(result, 'filter.minConfidence');
      expect(error.message).toContain(String(minConfidence));
      expect(result.data).toBeNull();
    },
  );

  it.each([0, 1])('when minConfidence is at the bound %p, then it is accepted', async (minConfidence) => {
    const expected = linkedProjects('ADDRESSES', ['gap-elsa'], { minConfidence });
    expect(await listIds('projects', { filter: { gaps: ['gap-elsa'], minConfidence } })).toEqual(
      projectsNewestFirst(expected),
    );
  });
});

describe('organisations filter', () => {
  const projectsOf = (organisationId: string) =>
    seeds.projects.filter((p) => p.partners.some((partner) => partner.organisationId === organisationId));
  const cases: Array<
    [string, Record<string, unknown>, (o: SeedDataset['organisations'][number]) => boolean]
  > = [
    [
      'ids',
      { ids: ['org-lund-university', 'org-university-of-oslo'] },
      (o) => ['org-lund-university', 'org-university-of-oslo'].includes(o.id),
    ],
    ['countries', { countries: ['FI', 'IT'] }, (o) => ['FI', 'IT'].includes(o.countryCode)],
    [
      'projects',
      { projects: ['project-pattern-cog', 'project-permanens'] },
      (o) => projectsOf(o.id).some((p) => ['project-pattern-cog', 'project-permanens'].includes(p.id)),
    ],
    ['calls', { calls: ['jtc2018'] }, (o) => projectsOf(o.id).some((p) => p.callId === 'jtc2018')],
    [
      'text in the name, any case',
      { text: 'UNIVERSITY OF' },
      (o) => matchesText('Organisation', o, 'UNIVERSITY OF'),
    ],
    [
      'text in an alias only, any case',
      { text: 'Gagneur' },
      (o) => matchesText('Organisation', o, 'Gagneur'),
    ],
    [
      'countries AND text',
      { countries: ['DE'], text: 'univers' },
      (o) => o.countryCode === 'DE' && matchesText('Organisation', o, 'univers'),
    ],
  ];

  it.each(cases)(
    'when organisations are filtered by %s, then exactly the matching seed organisations come back by name',
    async (_, filter, matches) => {
      const expected = seeds.organisations.filter(matches);
      expectDiscriminating(expected, seeds.organisations);
      expect(await listIds('organisations', { filter })).toEqual(
        expectedOrder(expected, (o) => alphabetical(o.name), 'ASC'),
      );
    },
  );
});

describe('countries filter', () => {
  const fundedCountries = () => new Set(seeds.funders.map((f) => f.countryCode));
  const cases: Array<[string, Record<string, unknown>, (c: SeedDataset['countries'][number]) => boolean]> = [
    ['codes (any case)', { codes: ['DE', 'fr'] }, (c) => ['DE', 'FR'].includes(c.code)],
    ['codes in lower case', { codes: ['de', 'fr'] }, (c) => ['DE', 'FR'].includes(c.code)],
    ['continents', { continents: ['Asia', 'Africa'] }, (c) => ['Asia', 'Africa'].includes(c.continent)],
    [
      'calls',
      { calls: ['jtc2025'] },
      (c) => seeds.calls.find((call) => call.id === 'jtc2025')!.participatingCountryCodes.includes(c.code),
    ],
    ['hasFunders true', { hasFunders: true }, (c) => fundedCountries().has(c.code)],
    ['hasFunders false', { hasFunders: false }, (c) => !fundedCountries().has(c.code)],
    [
      'text at the start of a word of the name, any case',
      { text: 'SLOV' },
      (c) => matchesText('Country', c, 'SLOV'),
    ],
    ['text in the official name', { text: 'kingdom' }, (c) => matchesText('Country', c, 'kingdom')],
    [
      'continents AND hasFunders',
      { continents: ['Europe'], hasFunders: false },
      (c) => c.continent === 'Europe' && !fundedCountries().has(c.code),
    ],
  ];

  it.each(cases)(
    'when countries are filtered by %s, then exactly the matching seed countries come back by name',
    async (_, filter, matches) => {
      const expected = seeds.countries.filter(matches);
      expectDiscriminating(expected, seeds.countries);
      expect(await listIds('countries', { filter })).toEqual(
        expectedOrder(expected, (c) => alphabetical(c.name), 'ASC'),
      );
    },
  );
});

describe('regions filter', () => {
  const cases: Array<[string, Record<string, unknown>, (r: SeedDataset['regions'][number]) => boolean]> = [
    ['countries', { countries: ['ES', 'CA'] }, (r) => ['ES', 'CA'].includes(r.countryCode)],
    ['text, any case', { text: 'NAV' }, (r) => matchesText('Region', r, 'NAV')],
    [
      'countries AND text',
      { countries: ['ES'], text: 'a' },
      (r) => r.countryCode === 'ES' && matchesText('Region', r, 'a'),
    ],
  ];

  it.each(cases)(
    'when regions are filtered by %s, then exactly the matching seed regions come back by name',
    async (_, filter, matches) => {
      const expected = seeds.regions.filter(matches);
      expectDiscriminating(expected, seeds.regions);
      expect(await listIds('regions', { filter })).toEqual(
        expectedOrder(expected, (r) => alphabetical(r.name), 'ASC'),
      );
    },
  );
});

describe('objectives filter', () => {
  it('when objectives are filtered by knowledge gaps, then exactly the objectives those gaps serve come back in order', async () => {
    const gaps = ['gap-payment-reimbursement', 'gap-regional-international-alignment'];
    const served = linkedTo('KnowledgeGap', 'SERVES', gaps);
    const expected = seeds.objectives.filter((o) => served.has(o.id));
    expectDiscriminating(expected, seeds.objectives);
    expect(await listIds('objectives', { filter: { gaps } })).toEqual(
      expectedOrder(expected, (o) => o.order, 'ASC'),
    );
  });

  it.each(['DATA', 'leadership'])(
    'when objectives are filtered by the text %p, then short names and descriptions are searched in any case',
    async (text) => {
      const expected = seeds.objectives.filter((o) => matchesText('Objective', o, text));
      expectDiscriminating(expected, seeds.objectives);
      expect(await listIds('objectives', { filter: { text } })).toEqual(
        expectedOrder(expected, (o) => o.order, 'ASC'),
      );
    },
  );

  it('when the text occurs only in a description, then the objective is found', async () => {
    const objective = seeds.objectives.find(
      (o) => contains(o.description, 'international') && !contains(o.shortName, 'international'),
    );
    expect(objective).toBeDefined();
    expect(await listIds('objectives', { filter: { text: 'INTERNATIONAL' } })).toContain(objective!.id);
  });
});

describe('value-chain stages filter', () => {
  const byOrder = (records: SeedDataset['valueChainStages']) => expectedOrder(records, (v) => v.order, 'ASC');
  const cases: Array<
    [string, Record<string, unknown>, (v: SeedDataset['valueChainStages'][number]) => boolean]
  > = [
    ['levels', { levels: ['MACRO', 'CROSS_CUTTING'] }, (v) => ['MACRO', 'CROSS_CUTTING'].includes(v.level)],
    [
      'parents',
      { parents: ['vc-research', 'vc-innovation'] },
      (v) => ['vc-research', 'vc-innovation'].includes(v.parentId ?? ''),
    ],
    [
      'areas',
      { areas: ['area-implementation', 'area-overarching'] },
      (v) =>
        seeds.sriaAreas.some(
          (a) => ['area-implementation', 'area-overarching'].includes(a.id) && a.stageIds.includes(v.id),
        ),
    ],
    ['text, any case', { text: 'RESEARCH' }, (v) => matchesText('ValueChainStage', v, 'RESEARCH')],
    [
      'levels AND areas',
      { levels: ['SUB'], areas: ['area-innovation'] },
      (v) =>
        v.level === 'SUB' && seeds.sriaAreas.find((a) => a.id === 'area-innovation')!.stageIds.includes(v.id),
    ],
  ];

  it.each(cases)(
    'when stages are filtered by %s, then exactly the matching seed stages come back in continuum order',
    async (_, filter, matches) => {
      const expected = seeds.valueChainStages.filter(matches);
      expectDiscriminating(expected, seeds.valueChainStages);
      expect(await listIds('valueChainStages', { filter })).toEqual(byOrder(expected));
    },
  );
});

describe('knowledge gaps filter', () => {
  const byShortName = (records: SeedDataset['knowledgeGaps']) =>
    expectedOrder(records, (g) => alphabetical(g.shortName), 'ASC');
  const linked = (type: DerivedLinkRecord['type'], toIds: string[]) =>
    linkedFrom('KnowledgeGap', type, toIds);
  const cases: Array<
    [string, Record<string, unknown>, (g: SeedDataset['knowledgeGaps'][number]) => boolean]
  > = [
    ['ids', { ids: ['gap-elsa', 'gap-prevention'] }, (g) => ['gap-elsa', 'gap-prevention'].includes(g.id)],
    ['areas', { areas: ['area-innovation'] }, (g) => linked('IN_AREA', ['area-innovation']).has(g.id)],
    [
      'stages',
      { stages: ['vc-market-access', 'vc-validation'] },
      (g) => linked('AT_STAGE', ['vc-market-access', 'vc-validation']).has(g.id),
    ],
    [
      'objectives',
      { objectives: ['obj-04', 'obj-05'] },
      (g) => linked('SERVES', ['obj-04', 'obj-05']).has(g.id),
    ],
    ['calls', { calls: ['jtc2026'] }, (g) => linkedTo('Call', 'TARGETS', ['jtc2026']).has(g.id)],
    ['text in the short name, any case', { text: 'DATA' }, (g) => matchesText('KnowledgeGap', g, 'DATA')],
    ['text in the description', { text: 'reimburse' }, (g) => matchesText('KnowledgeGap', g, 'reimburse')],
    [
      'areas AND objectives',
      { areas: ['area-research'], objectives: ['obj-03'] },
      (g) => linked('IN_AREA', ['area-research']).has(g.id) && linked('SERVES', ['obj-03']).has(g.id),
    ],
  ];

  it.each(cases)(
    'when gaps are filtered by %s, then exactly the matching seed gaps come back by short name',
    async (_, filter, matches) => {
      const expected = seeds.knowledgeGaps.filter(matches);
      expectDiscriminating(expected, seeds.knowledgeGaps);
      expect(await listIds('knowledgeGaps', { filter })).toEqual(byShortName(expected));
    },
  );
});

describe('filters that match nothing', () => {
  it.each([
    ['funders', { text: 'no funder has this text zzq' }],
    ['calls', { yearFrom: 2100 }],
    ['projects', { text: 'no project has this text zzq' }],
    ['organisations', { ids: [] }],
    ['countries', { continents: ['Antarctic'] }],
    ['regions', { countries: ['FR'] }],
    ['objectives', { text: 'no objective has this text zzq' }],
    ['valueChainStages', { parents: ['vc-overarching'] }],
    ['knowledgeGaps', { text: 'no gap has this text zzq' }],
  ] as const)(
    'when %s are filtered by %j, then the list is empty with totalCount 0',
    async (list, filter) => {
      expect(await listIds(list, { filter })).toEqual([]);
    },
  );
});
