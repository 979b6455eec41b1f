// Keyset pagination of every list: walking pages of two yields each item once in the
// order of one big page, empty and last pages, cursors of other lists or sort orders and
// malformed cursors are refused, `first` is capped, and totalCount runs only when selected.

import type { SeedDataset } from '../../../src/model';
import { expectBadUserInput } from '../../helpers/graphqlErrors';
import {
  LIST_NAMES,
  type ListArgs,
  type ListName,
  listOperation,
  SORT_FIELDS,
} from '../../helpers/listQueries';
import { seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

const PAGE =
  '{ edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount }';

async function page(list: ListName, args: ListArgs): Promise<Page> {
  const { query, variables } = listOperation(list, args, PAGE);
  return (await api.data<{ list: Page }>(query, variables)).list;
}

async function execute(list: ListName, args: ListArgs, selection = '{ nodes { id } }') {
  const { query, variables } = listOperation(list, args, selection);
  return api.execute(query, variables);
}

/** Number of records of each list in the seeds. */
function seedCount(list: ListName): number {
  return seeds[list].length;
}

/** Walks a list two at a time and checks each page on the way; returns the ids in page order. */
async function walk(list: ListName, args: Omit<ListArgs, 'first' | 'after'>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages += 1) {
    if (pages > 100) throw new Error(`${list}: more than 100 pages, the cursor does not advance`);
    const current: Page = await page(list, { ...args, first: 2, ...(after ? { after } : {}) });
    expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(current.nodes.map((node) => node.id)).toEqual(current.edges.map((edge) => edge.node.id));
    expect(current.pageInfo.startCursor).toBe(current.edges[0]?.cursor ?? null);
    expect(current.pageInfo.endCursor).toBe(current.edges[current.edges.length - 1]?.cursor ?? null);
    ids.push(...current.nodes.map((node) => node.id));
    if (!current.pageInfo.hasNextPage) {
      expect(current.totalCount).toBe(ids.length);
      return ids;
    }
    expect(current.edges).toHaveLength(2);
    after = current.pageInfo.endCursor;
  }
}

const WALKS: Array<[ListName, Omit<ListArgs, 'first' | 'after'>]> = [
  ...LIST_NAMES.map((list): [ListName, Omit<ListArgs, 'first' | 'after'>] => [list, {}]),
  ...Object.entries(SORT_FIELDS).flatMap(([list, fields]) =>
    fields!.flatMap((field) =>
      (['ASC', 'DESC'] as const).map((direction): [ListName, Omit<ListArgs, 'first' | 'after'>] => [
        list as ListName,
        { sort: { field, direction } },
      ]),
    ),
  ),
  // Filters are kept from page to page.
  ['projects', { filter: { countries: ['DE'] }, sort: { field: 'YEAR', direction: 'ASC' } }],
  [
    'funders',
    { filter: { programmes: ['erapermed-programme'] }, sort: { field: 'ACRONYM', direction: 'DESC' } },
  ],
];

describe('walking a list page by page', () => {
  it.each(WALKS)(
    'when %s %j are walked two at a time, then each item comes once, in the order of one big page',
    async (list, args) => {
      const walked = await walk(list, args);
      const all = await page(list, { ...args, first: 100 });
      expect(all.pageInfo.hasNextPage).toBe(false);
      expect(walked).toEqual(all.nodes.map((node) => node.id));
      expect(new Set(walked).size).toBe(walked.length);
      if (!args.filter) expect(walked).toHaveLength(seedCount(list));
    },
  );

  it('when projects sorted by year are walked, then pages cross the projects without a year in both directions', async () => {
    // Ties and missing values are where keyset cursors break; the seeds have both.
    const withoutYear = seeds.projects.filter((p) => p.year === null).length;
    expect(withoutYear).toBeGreaterThan(2);
    for (const direction of ['ASC', 'DESC'] as const) {
      const walked = await walk('projects', { sort: { field: 'YEAR', direction } });
      expect(walked).toHaveLength(seeds.projects.length);
    }
  });
});

describe('empty and last pages', () => {
  it('when first is 0, then the page has no edges and no cursors, and totalCount still counts the list', async () => {
    const empty = await page('funders', { first: 0 });
    expect(empty.edges).toEqual([]);
    expect(empty.nodes).toEqual([]);
    expect(empty.pageInfo.startCursor).toBeNull();
    expect(empty.pageInfo.endCursor).toBeNull();
    expect(empty.pageInfo.hasPreviousPage).toBe(false);
    // Relay's algorithm: more edges than `first` (0) remain, so a next page follows.
    expect(empty.pageInfo.hasNextPage).toBe(true);
    expect(empty.totalCount).toBe(seeds.funders.length);
  });

  it.each([
    ['funders', { countries: ['NL'] }], // a seeded country where no funder is based
    ['projects', { yearFrom: 2100 }],
    ['knowledgeGaps', { text: 'zzq no gap has this' }],
  ] as const)(
    'when a filter matches no %s, then the page is empty with null cursors, no next page and totalCount 0',
    async (list, filter) => {
      const empty = await page(list, { filter, first: 5 });
      expect(empty).toEqual({
        edges: [],
        nodes: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        totalCount: 0,
      });
    },
  );

  it('when the page reaches the end exactly, then hasNextPage is false', async () => {
    const all = await page('programmes', { first: seeds.programmes.length });
    expect(all.nodes).toHaveLength(seeds.programmes.length);
    expect(all.pageInfo.hasNextPage).toBe(false);
    const oneShort = await page('programmes', { first: seeds.programmes.length - 1 });
    expect(oneShort.pageInfo.hasNextPage).toBe(true);
  });

  it('when the cursor of the last item is passed, then the page after it is empty with hasPreviousPage true', async () => {
    const all = await page('sriaAreas', { first: 100 });
    const after = all.edges[all.edges.length - 1]!.cursor;
    const beyond = await page('sriaAreas', { first: 10, after });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('when a page follows an `after` cursor, then hasPreviousPage is true and the page starts right after that item', async () => {
    const all = await page('calls', { first: 100 });
    const second = await page('calls', { first: 3, after: all.edges[4]!.cursor });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.nodes.map((node) => node.id)).toEqual(all.nodes.slice(5, 8).map((node) => node.id));
  });

  it('when first is left out, then the default page size applies', async () => {
    const defaults = await page('funders', {});
    expect(defaults.edges).toHaveLength(api.database.config.defaultPageSize);
    expect(seeds.funders.length).toBeGreaterThan(api.database.config.defaultPageSize);
    expect(defaults.pageInfo.hasNextPage).toBe(true);
  });
});

describe('cursors that do not belong to the list', () => {
  it('when a funders cursor is passed to projects, then BAD_USER_INPUT names "after"', async () => {
    const funders = await page('funders', { first: 1 });
    const result = await execute('projects', { first: 2, after: funders.pageInfo.endCursor });
    const error = expectBadUserInput(result, 'after');
    expect(error.message).toContain('funders');
    expect(result.data).toBeNull();
  });

  it.each([[{ field: 'ACRONYM', direction: 'DESC' }], [{ field: 'YEAR', direction: 'ASC' }]] as const)(
    'when a projects cursor of YEAR DESC is passed with sort %j, then BAD_USER_INPUT names "after"',
    async (sort) => {
      const projects = await page('projects', { first: 1, sort: { field: 'YEAR', direction: 'DESC' } });
      expectBadUserInput(
        await execute('projects', { first: 2, sort, after: projects.pageInfo.endCursor }),
        'after',
      );
    },
  );

  it('when the default-sort cursor is passed back with that sort spelled out, then it is accepted', async () => {
    const first = await page('projects', { first: 2 });
    const next = await page('projects', {
      first: 2,
      sort: { field: 'YEAR', direction: 'DESC' },
      after: first.pageInfo.endCursor,
    });
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    expect(next.nodes).toHaveLength(2);
  });

  it.each([
    ['random text', 'definitely not a cursor'],
    ['valid base64 of non-JSON', Buffer.from('hello, world').toString('base64')],
    [
      'JSON of the wrong shape',
      Buffer.from(JSON.stringify({ list: 'projects', position: 3 })).toString('base64url'),
    ],
    [
      'JSON with a non-string id',
      Buffer.from(JSON.stringify({ scope: 'projects:YEAR:DESC', value: 2020, id: 7 })).toString('base64url'),
    ],
    ['a JSON string', Buffer.from(JSON.stringify('projects:YEAR:DESC')).toString('base64url')],
    // The right shape and scope, but a year can only be a number.
    [
      'JSON with a text sort value for a year',
      Buffer.from(
        JSON.stringify({ scope: 'projects:YEAR:DESC', value: '2020', id: 'project-hope' }),
      ).toString('base64url'),
    ],
  ])('when the cursor is %s, then BAD_USER_INPUT names "after"', async (_, after) => {
    const result = await execute('projects', { first: 2, after });
    expectBadUserInput(result, 'after');
    expect(result.data).toBeNull();
  });
});

describe('page size limits', () => {
  it.each([101, -1, 1000])('when first is %p, then BAD_USER_INPUT names "first"', async (first) => {
    const result = await execute('projects', { first });
    const error = expectBadUserInput(result, 'first');
    expect(error.message).toContain(String(first));
  });

  it('when first is the maximum (100), then the page is served', async () => {
    const all = await page('organisations', { first: 100 });
    expect(all.nodes).toHaveLength(seeds.organisations.length);
  });
});

describe('totalCount', () => {
  it.each(LIST_NAMES)(
    'when the page of %s selects totalCount, then it equals the number of seed records',
    async (list) => {
      expect((await page(list, { first: 1 })).totalCount).toBe(seedCount(list));
    },
  );

  it('when totalCount is not selected, then no count statement is sent', async () => {
    api.resetQueryLog();
    await execute(
      'projects',
      { first: 5, filter: { countries: ['DE'] } },
      '{ edges { cursor node { id } } pageInfo { hasNextPage endCursor } }',
    );
    expect(api.queryLog.length).toBeGreaterThan(0);
    expect(api.queryLog.filter((event) => /\bcount\(/i.test(event.cypher))).toEqual([]);
  });

  it('when totalCount is selected, then exactly one count statement is sent, with the filter of the page', async () => {
    api.resetQueryLog();
    const data = await execute(
      'projects',
      { first: 5, filter: { countries: ['DE'] } },
      '{ totalCount nodes { id } }',
    );
    const counts = api.queryLog.filter((event) => /\bcount\s*[({]/i.test(event.cypher));
    expect(counts).toHaveLength(1);
    expect(counts[0]!.params.countries).toEqual(['DE']);
    const expected = seeds.projects.filter((p) => p.partnerCountryCodes.includes('DE')).length;
    expect((data.data as { list: { totalCount: number } }).list.totalCount).toBe(expected);
  });
});
