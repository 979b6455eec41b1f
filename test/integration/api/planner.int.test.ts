// The planner gives the answers the loaders give: every saved example and representative
// selections (fragments, aliases, variables, @include/@skip, nested arguments, deep chains)
// run with the planner on and off must return identical data and errors.

import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { firstDifference, normaliseAnswer } from '../../../bench/answers';
import { PLAYGROUND_EXAMPLES } from '../../../src/http/examples';
import { PLANNED_FIELDS, PLANNED_ROOTS } from '../../../src/resolvers/planning/plannedFields';
import { loadTypeDefs } from '../../../src/schema';
import { useTestApi } from '../../helpers/useTestApi';

// Both runs of a selection compile new statements in Neo4j: seconds each on a busy 2-core machine.
jest.setTimeout(120_000);

const planned = useTestApi({ planner: true });
const loaded = useTestApi({ planner: false });

/** Runs `query` both ways; returns the planned result and how many statements each sent. */
async function both(query: string, variables?: Record<string, unknown>) {
  planned.resetQueryLog();
  loaded.resetQueryLog();
  const withPlanner = await planned.execute(query, variables);
  const withLoaders = await loaded.execute(query, variables);
  // The first difference by path: jest's diff of two large answers can take minutes to render.
  expect(firstDifference(normaliseAnswer(withPlanner), normaliseAnswer(withLoaders))).toBeNull();
  return {
    result: withPlanner,
    plannedStatements: planned.queryLog.length,
    loadedStatements: loaded.queryLog.length,
  };
}

describe('planner against loaders, saved examples', () => {
  it.each(PLAYGROUND_EXAMPLES.map((example) => [example.name, example] as const))(
    'when the example "%s" runs with the planner on and off, then the answers are identical',
    async (_name, example) => {
      const { result } = await both(example.query, example.variables);
      expect(result.errors).toBeUndefined();
    },
  );
});

const DEEP = `query Deep {
  funders(first: 20) {
    nodes {
      acronym
      calls(first: 5) {
        shortTitle
        projects(first: 10) { acronym partners { role organisation { name country { code name } } } }
      }
    }
  }
}`;

const SELECTIONS: Array<[string, string, Record<string, unknown>?]> = [
  ['a deep chain funders -> calls -> projects -> partners -> organisation -> country', DEEP],
  [
    'fragments, aliases and the same relation with two limits',
    `query F { funder(id: "isciii-es") { ...F few: calls(first: 1) { id } many: calls(first: 50) { id ...C } } }
     fragment F on Funder { name country { code } region { id } programmes { id } callCount projectCount }
     fragment C on Call { funders(first: 3) { id country { name } } funderCount participatingCountries { code } }`,
  ],
  [
    'variables in nested arguments and @include/@skip',
    `query V($n: Int!, $withPartners: Boolean!, $noCountries: Boolean!, $p: Provenance, $c: Float) {
       projects(first: $n, sort: { field: ACRONYM, direction: ASC }) {
         totalCount
         pageInfo { hasNextPage endCursor }
         edges { cursor node { id partners @include(if: $withPartners) { role asNamed organisation { id } } } }
         nodes {
           acronym countries @skip(if: $noCountries) { code }
           gaps(provenance: $p, minConfidence: $c) { gap { id shortName } derivation { provenance confidence rule } project { id } }
           stages { stage { id name } } objectives(minConfidence: 0.5) { objective { id } }
         }
       }
     }`,
    { n: 30, withPartners: true, noCountries: false, p: 'CURATED', c: 0.6 },
  ],
  [
    'the same operation with the directives flipped',
    `query V($withPartners: Boolean!, $noCountries: Boolean!) {
       projects(first: 10) { nodes { id partners @include(if: $withPartners) { role } countries @skip(if: $noCountries) { code } } }
     }`,
    { withPartners: false, noCountries: true },
  ],
  [
    'every planned field of projects, organisations, countries, regions and programmes',
    `{
       projects(first: 15, filter: { countries: ["de"] }) { nodes {
         programme { id } call { id secretariat { id } programme { id } } funders { id } funderCount partnerCount countryCount
       } }
       organisations(first: 5) { nodes { id country { code } projects(first: 2) { id } projectCount
         partnerships { role project { id acronym funders { id } } organisation { id } } } }
       countries(first: 10) { nodes { code funders(first: 2) { id } funderCount regions { id country { code } funders { id } calls { id } }
         organisations(first: 3) { id } organisationCount projects(first: 3) { id } projectCount calls(first: 3) { id } callCount } }
       regions(first: 5) { nodes { id country { code } funders { id region { id } } calls { id participatingRegions { id } } } }
       programmes { nodes { id calls(first: 3) { id gaps { gap { id } } } callCount funders(first: 3) { id } funderCount
         projects(first: 3) { id } projectCount } }
     }`,
  ],
  [
    'the coordinates of funders (headquarters, region and country centroids) and organisations, with other planned fields',
    `{
       funders(first: 50) { nodes { id coordinates { latitude longitude basis precision source } region { id } } }
       organisations(first: 10) { nodes { id coordinates { latitude longitude basis precision source } country { code } } }
       navarre: funder(id: "navarra-es-na") { coordinates { basis precision } calls(first: 2) { id } }
     }`,
  ],
  [
    'entities by id, one missing, with nested fields',
    `{ a: project(id: "project-permanens") { acronym call { shortTitle } funders { acronym country { name } } }
       b: project(id: "no-such-project") { id funders { id } }
       c: country(code: "es") { name funders(first: 3) { acronym } }
       d: call(id: "jtc2019") { shortTitle projects(first: 3) { acronym } }
       e: organisation(id: "no-such-organisation") { id } }`,
  ],
];

describe('planner against loaders, representative selections', () => {
  // Every row has three cells: with fewer, jest would take the test's third parameter for a
  // `done` callback and wait for it until the timeout.
  const rows = SELECTIONS.map(([name, query, variables]) => [name, query, variables ?? {}] as const);
  it.each(rows)('when %s is asked, then both answers are identical', async (_name, query, variables) => {
    const { result } = await both(query, variables);
    expect(result.errors).toBeUndefined();
  });

  it('when a nested argument is invalid, then the error is the same, at the same path', async () => {
    const { result } = await both('{ funders(first: 2) { nodes { id calls(first: -1) { id } } } }');
    expect(result.errors?.[0]?.path).toEqual(['funders', 'nodes', 0, 'calls']);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('when the deep chain is asked, then the planner sends one statement where the loaders send one per level', async () => {
    const { plannedStatements, loadedStatements } = await both(DEEP);
    expect(plannedStatements).toBe(1);
    expect(loadedStatements).toBeGreaterThanOrEqual(5);
  });

  it('when coordinates are selected on a page of funders, then one statement answers them where the loaders send two', async () => {
    const { result, plannedStatements, loadedStatements } = await both(
      '{ funders(first: 100) { nodes { id coordinates { basis } } } }',
    );
    expect(plannedStatements).toBe(1);
    expect(loadedStatements).toBe(2);
    const nodes = (
      result.data as { funders: { nodes: Array<{ id: string; coordinates: { basis: string } }> } }
    ).funders.nodes;
    const basis = new Map(nodes.map((node) => [node.id, node.coordinates.basis]));
    expect(basis.get('european-commission')).toBe('HEADQUARTERS');
    expect(basis.get('navarra-es-na')).toBe('REGION_CENTROID');
  });

  it('when a page, its nested fields and totalCount are selected, then one statement answers them all', async () => {
    const { result, plannedStatements, loadedStatements } = await both(
      '{ projects(first: 3) { totalCount nodes { acronym funders { id } } } }',
    );
    expect(plannedStatements).toBe(1);
    expect(loadedStatements).toBeGreaterThanOrEqual(3);
    const { projects } = result.data as { projects: { totalCount: number; nodes: unknown[] } };
    expect(projects.nodes).toHaveLength(3);
    expect(projects.totalCount).toBeGreaterThan(3);
  });

  it('when plain page fields and totalCount are selected, then one statement answers both', async () => {
    const { plannedStatements } = await both('{ funders(first: 2) { totalCount nodes { id name } } }');
    expect(plannedStatements).toBe(1);
  });

  it('when the page past the end is asked with totalCount, then the total is still the whole list', async () => {
    const last = await planned.execute('{ projects(first: 100) { totalCount pageInfo { endCursor } } }');
    const { endCursor } = (last.data as { projects: { pageInfo: { endCursor: string } } }).projects.pageInfo;
    const { result } = await both(
      'query P($after: String) { projects(first: 5, after: $after) { totalCount nodes { id funders { id } } } }',
      { after: endCursor },
    );
    const { projects } = result.data as { projects: { totalCount: number; nodes: unknown[] } };
    expect(projects.nodes).toEqual([]);
    expect(projects.totalCount).toBe((last.data as { projects: { totalCount: number } }).projects.totalCount);
  });

  it('when several root fields are planned, then they share one read transaction', async () => {
    const readAll = jest.spyOn(planned.database.db, 'readAll');
    try {
      await both(
        '{ funders(first: 2) { nodes { calls { id } } } projects(first: 2) { nodes { funders { id } } } }',
      );
      expect(readAll).toHaveBeenCalledTimes(1);
      expect(readAll.mock.calls[0]?.[0]).toHaveLength(2);
    } finally {
      readAll.mockRestore();
    }
  });
});

const DERIVATION = 'derivation { provenance rule confidence evidence curator curatedAt }';

/** One query per strategy root list, each selecting every relation field of its type. */
const STRATEGY_LISTS: Array<[string, string]> = [
  [
    'objectives with every relation field and filtered counts',
    `{ objectives(first: 20) { totalCount nodes {
       id shortName
       curated: projects(provenance: CURATED) { project { id } objective { id order description } ${DERIVATION} }
       confident: projects(minConfidence: 0.5) { project { acronym } ${DERIVATION} }
       projects { project { id } }
       projectCount inferred: projectCount(provenance: INFERRED) high: projectCount(minConfidence: 0.6)
       gaps { gap { id shortName } objective { id } ${DERIVATION} }
     } } }`,
  ],
  [
    'value-chain stages with parent, children, areas, projects, counts and gaps',
    `{ valueChainStages(first: 50) {
       pageInfo { hasNextPage endCursor }
       edges { cursor node {
         id name namesUsed parent { id name parent { id } } children { id children { id } }
         areas { id name stages { id } }
         projects(minConfidence: 0.5) { project { acronym } stage { id } ${DERIVATION} }
         all: projects { project { id } }
         projectCount curated: projectCount(provenance: CURATED) high: projectCount(minConfidence: 0.7)
         gaps { gap { id } stage { id } ${DERIVATION} }
       } }
     } }`,
  ],
  [
    'SRIA areas with their stages and gaps',
    `{ sriaAreas { totalCount nodes {
       id name stages { id parent { id } areas { id } }
       gaps { gap { shortName objectives { objective { id } } } area { id } ${DERIVATION} }
     } } }`,
  ],
  [
    'knowledge gaps with areas, stages, objectives, calls, projects and counts',
    `{ knowledgeGaps(first: 30) { totalCount nodes {
       id shortName namedIn
       areas { area { name } gap { id description inferred } ${DERIVATION} }
       stages { stage { id parent { id } } gap { id } ${DERIVATION} }
       objectives { objective { id projectCount } gap { id } ${DERIVATION} }
       calls { call { shortTitle } gap { id } ${DERIVATION} }
       projects(provenance: INFERRED, minConfidence: 0.2) { project { acronym } gap { id } ${DERIVATION} }
       all: projects { project { id } }
       projectCount curated: projectCount(provenance: CURATED)
     } } }`,
  ],
];

const STRATEGY_SELECTIONS: Array<[string, string]> = [
  ...STRATEGY_LISTS,
  [
    'strategy lists with filters',
    `{ g: knowledgeGaps(first: 5, filter: { areas: ["area-implementation"], text: "data" }) { nodes { id calls { call { id } } } }
       s: valueChainStages(filter: { levels: [SUB] }) { nodes { id parent { id } projectCount } }
       o: objectives(filter: { gaps: ["gap-health-economics"] }) { nodes { id gaps { gap { id } } } } }`,
  ],
  [
    'strategy entities by id, one missing, with nested fields',
    `{ o: objective(id: "obj-03") { shortName projects { project { acronym } } projectCount gaps { gap { id } } }
       v: valueChainStage(id: "vc-implementation") { name children { id areas { id } } projectCount(provenance: CURATED) }
       a: sriaArea(id: "area-implementation") { name stages { id } gaps { gap { shortName } } }
       k: knowledgeGap(id: "gap-health-economics") { shortName areas { area { id } } projects { project { id } } }
       m: knowledgeGap(id: "no-such-gap") { id areas { area { id } } } }`,
  ],
  [
    'strategy types below planned projects and calls',
    `{ projects(first: 20) { nodes { id
         objectives { objective { id gaps { gap { id } } projectCount } }
         stages { stage { id parent { id } areas { id } } }
         gaps { gap { id areas { area { id } } projectCount(minConfidence: 0.5) } project { id } }
       } }
       calls(first: 10) { nodes { id gaps { gap { id stages { stage { id } } } } } } }`,
  ],
];

describe('planner against loaders, the strategy types', () => {
  it.each(STRATEGY_SELECTIONS)('when %s is asked, then both answers are identical', async (_name, query) => {
    const { result } = await both(query);
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).not.toContain('"nodes":[]');
  });

  it.each(STRATEGY_LISTS)(
    'when %s is asked, then the planner sends one statement where the loaders send one per field',
    async (_name, query) => {
      const { plannedStatements, loadedStatements } = await both(query);
      expect(plannedStatements).toBe(1);
      expect(loadedStatements).toBeGreaterThanOrEqual(5);
    },
  );

  it('when the strategy entities are asked by id with nested fields, then one statement answers all five', async () => {
    const query = STRATEGY_SELECTIONS.find(([name]) => name.includes('by id'))?.[1] as string;
    const readAll = jest.spyOn(planned.database.db, 'readAll');
    try {
      const { plannedStatements } = await both(query);
      expect(readAll).toHaveBeenCalledTimes(1);
      expect(readAll.mock.calls[0]?.[0]).toHaveLength(5);
      // The one missing gap costs one more statement: what it may have meant (src/db/lookups.ts).
      expect(plannedStatements).toBe(6);
    } finally {
      readAll.mockRestore();
    }
  });

  it('when a derived field or count has an invalid minConfidence, then the error is the same, at the same path', async () => {
    const { result } = await both(
      '{ knowledgeGaps(first: 2) { nodes { id projects(minConfidence: 2) { project { id } } } } }',
    );
    expect(result.errors?.[0]?.path).toEqual(['knowledgeGaps', 'nodes', 0, 'projects']);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const count = await both('{ objectives(first: 1) { nodes { id projectCount(minConfidence: -1) } } }');
    expect(count.result.errors?.[0]?.path).toEqual(['objectives', 'nodes', 0, 'projectCount']);
  });
});

const schema = buildSchema(loadTypeDefs().join('\n'));
const rootFields = (schema.getQueryType() as GraphQLObjectType).getFields();

/** Every planned field of `type` once, lists cut to two items, objects selected by __typename. */
function plannedSelection(type: GraphQLObjectType): string {
  return Object.keys(PLANNED_FIELDS[type.name] ?? {})
    .map((name) => {
      const field = type.getFields()[name];
      if (!field) throw new TypeError(`expected ${type.name}.${name} in the schema`);
      const args = field.args.some((arg) => arg.name === 'first') ? '(first: 2)' : '';
      return isObjectType(getNamedType(field.type)) ? `${name}${args} { __typename }` : `${name}${args}`;
    })
    .join(' ');
}

describe('planner against loaders, every planned root', () => {
  const lists = Object.keys(PLANNED_ROOTS).filter((root) => PLANNED_ROOTS[root] === 'list');
  const byId = Object.keys(PLANNED_ROOTS).filter((root) => PLANNED_ROOTS[root] === 'by id');

  it.each(lists.map((root) => [root]))(
    "when %s is asked with every planned field of its nodes, then one statement gives the loaders' answer",
    async (root) => {
      const type = getNamedType(rootFields[root]?.type);
      const nodeType = isObjectType(type) ? getNamedType(type.getFields().nodes?.type) : null;
      if (!isObjectType(nodeType)) throw new TypeError(`expected ${root} to return a connection`);
      const { result, plannedStatements } = await both(
        `{ ${root}(first: 3) { nodes { id ${plannedSelection(nodeType)} } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(plannedStatements).toBe(1);
    },
  );

  it.each(byId.map((root) => [root]))(
    "when %s is asked by id with every planned field, then one statement gives the loaders' answer",
    async (root) => {
      const field = rootFields[root];
      const type = field ? getNamedType(field.type) : null;
      const argument = field?.args[0];
      const list = Object.keys(rootFields).find(
        (name) => rootFields[name] && getNamedType(rootFields[name].type).name === `${type?.name}Connection`,
      );
      if (!isObjectType(type) || !argument || !list)
        throw new TypeError(`expected ${root} to have a list root`);
      const key = argument.name;
      const page = await planned.data<Record<string, { nodes: Array<Record<string, string>> }>>(
        `{ ${list}(first: 1) { nodes { ${key} } } }`,
      );
      const id = page[list]?.nodes[0]?.[key] as string;
      const { result, plannedStatements } = await both(
        `query Q($id: ${String(argument.type)}) { ${root}(${key}: $id) { id ${plannedSelection(type)} } }`,
        { id },
      );
      expect(result.errors).toBeUndefined();
      expect((result.data as Record<string, { id: string } | null>)[root]).not.toBeNull();
      expect(plannedStatements).toBe(1);
    },
  );
});
