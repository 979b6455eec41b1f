// The cost model on hand-computed operations over the real schema: one point per object the
// answer can hold, lists multiplied by first/limit/cap through the nesting, analytics weights.

import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../../../../src/schema';
import { operationCost, INTROSPECTION_COST } from '../../../../src/http/cost/operationCost';
import { heaviestPart } from '../../../../src/http/cost/protection';
import { FIELD_WEIGHTS, LIST_SIZES } from '../../../../src/http/cost/listSizes';
import { RELATION_CAPS } from '../../../../src/resolvers/relationCaps';
import type { GraphStatistics } from '../../../../src/resolvers/graphStatisticsModel';

const schema = buildSchema(loadTypeDefs().join('\n'));

function price(query: string, variables?: Record<string, unknown>, statistics?: GraphStatistics) {
  const document = parse(query);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
  }
  return operationCost(schema, operation!, fragments, variables, { defaultPageSize: 20, statistics });
}
const cost = (query: string, variables?: Record<string, unknown>) => price(query, variables).cost;
/** The price with `statistics` (lists and below as given; dataVersion 1). */
const priced = (
  query: string,
  statistics: Partial<Omit<GraphStatistics, 'dataVersion'>>,
  variables?: Record<string, unknown>,
) => price(query, variables, { dataVersion: 1, lists: {}, below: {}, ...statistics }).cost;

describe('operationCost', () => {
  it('charges one point per object and nothing for scalars', () => {
    expect(cost('{ funder(id: "x") { id acronym name } }')).toBe(1);
    expect(cost('{ stats { projectCount } }')).toBe(1);
  });

  it('multiplies a relation list by its first', () => {
    // funder 1 + 5 projects
    expect(cost('{ funder(id: "x") { projects(first: 5) { id } } }')).toBe(6);
  });

  it('prices a relation list without first at its SDL default (100)', () => {
    expect(cost('{ funder(id: "x") { projects { id } } }')).toBe(101);
  });

  it('prices an unpaged relation at the cap the resolver cuts at', () => {
    expect(cost('{ project(id: "x") { funders { id } } }')).toBe(1 + RELATION_CAPS['Project.funders']);
  });

  it('multiplies through the nesting: a connection page, its nodes and their lists', () => {
    // connection 1 + 10 nodes × (1 + 20 funders, the cap)
    expect(cost('{ projects(first: 10) { nodes { funders { id } } } }')).toBe(
      1 + 10 * (1 + RELATION_CAPS['Project.funders']),
    );
    // edges and nodes both take the page: 1 + 10 × (edge 1 + node 1) + 10 nodes
    expect(cost('{ projects(first: 10) { edges { node { id } } nodes { id } } }')).toBe(1 + 10 * 2 + 10);
  });

  it('prices a connection without first at the page default', () => {
    expect(cost('{ projects { nodes { id } } }')).toBe(21);
  });

  it('reads first from variables, from the variable default, else the page default', () => {
    const query = 'query Page($n: Int) { projects(first: $n) { nodes { id } } }';
    expect(cost(query, { n: 7 })).toBe(8);
    expect(cost(query, {})).toBe(21);
    expect(cost('query Page($n: Int = 3) { projects(first: $n) { nodes { id } } }', {})).toBe(4);
    expect(cost('query Page($n: Int = 3) { projects(first: $n) { nodes { id } } }', { n: 9 })).toBe(10);
  });

  it('adds aliases of the same field', () => {
    expect(
      cost(
        '{ a: funder(id: "x") { id } b: funder(id: "y") { id } c: funder(id: "z") { projects(first: 2) { id } } }',
      ),
    ).toBe(1 + 1 + 3);
  });

  it('leaves out what @skip and @include leave out, and counts a condition it cannot read', () => {
    const query = `query Q($yes: Boolean) {
      a: funder(id: "x") @skip(if: true) { id }
      b: funder(id: "y") @include(if: $yes) { id }
      c: funder(id: "z") @include(if: true) { id }
    }`;
    expect(cost(query, { yes: false })).toBe(1);
    expect(cost(query, { yes: true })).toBe(2);
    expect(cost(query, {})).toBe(2);
  });

  it('prices a fragment where it is spread, with the page of its place', () => {
    const query = `
      fragment P on ProjectConnection { nodes { call { id } } }
      fragment F on Funder { projects(first: 2) { id } }
      { funder(id: "x") { ...F } projects(first: 4) { ...P } }`;
    // funder 1 + 2; connection 1 + 4 × (node 1 + call 1)
    expect(cost(query)).toBe(3 + 1 + 4 * 2);
  });

  it('prices inline fragments like the fields they hold', () => {
    expect(cost('{ funder(id: "x") { ... on Funder { projects(first: 2) { id } } } }')).toBe(3);
  });

  it('prices fragment doubling exactly and without expanding it', () => {
    // F0 costs 1 + 2 per Funder; each level spreads the one below twice: Fn = 2^n × 3.
    const levels = 60;
    let document = 'fragment F0 on Funder { projects(first: 2) { id } }\n';
    for (let level = 1; level <= levels; level++) {
      document += `fragment F${level} on Funder { ...F${level - 1} ...F${level - 1} }\n`;
    }
    document += `{ funder(id: "x") { ...F${levels} } }`;
    expect(cost(document)).toBe(1 + 2 ** levels * 2);
  });

  it("prices the issue's 422-byte query (funders/calls of 1000, 15 levels) beyond any limit", () => {
    let inner = 'id';
    for (let level = 15; level >= 1; level--)
      inner = `${level % 2 ? 'funders' : 'calls'}(first: 1000) { id ${inner} }`;
    expect(cost(`{ call(id: "jtc2022") { ${inner} } }`)).toBeGreaterThan(1000 ** 15);
  });

  it('caps root pages over a closed vocabulary at its size', () => {
    expect(cost('{ objectives(first: 100) { nodes { id } } }')).toBe(21);
  });

  it('adds the work of analytics fields once per occurrence', () => {
    const weight = FIELD_WEIGHTS['Query.cofundingNetwork']!;
    // the network 1 + its nodes at the SDL default limit (200)
    expect(price('{ cofundingNetwork { nodes { id } } }')).toMatchObject({
      cost: weight + 1 + 200,
      work: weight,
    });
    expect(cost('{ cofundingNetwork(limit: 10) { nodes { id } } }')).toBe(weight + 1 + 10);
    // edges are priced at 10 per node of the limit, and at most one per pair of nodes
    expect(cost('{ cofundingNetwork(limit: 100) { edges { weight } } }')).toBe(weight + 1 + 1000);
    expect(cost('{ cofundingNetwork(limit: 10) { edges { weight } } }')).toBe(weight + 1 + (10 * 11) / 2);
    // communities partition the nodes: 50 communities of limit/50 members
    const communities = FIELD_WEIGHTS['Network.communities']!;
    expect(cost('{ cofundingNetwork(limit: 100) { communities { members { id } } } }')).toBe(
      weight + 1 + communities + 50 * (1 + 2),
    );
    expect(
      cost('{ a: cofundingNetwork(limit: 10) { nodeCount } b: cofundingNetwork(limit: 10) { nodeCount } }'),
    ).toBe(2 * (weight + 1));
  });

  it('prices analytics sub-lists from the size table', () => {
    const rows = LIST_SIZES['CoverageMatrix.rows']!;
    expect(cost('{ coverageMatrix { rows { label } } }')).toBe(
      FIELD_WEIGHTS['Query.coverageMatrix']! + 1 + rows,
    );
  });

  it('prices introspection at a flat rate', () => {
    expect(cost('{ __schema { types { name fields { name args { name } } } } }')).toBe(INTROSPECTION_COST);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('counts root fields with their aliases and fragments, each fragment once', () => {
    const measured = price(`
      fragment R on Query { a: funder(id: "x") { id } b: funder(id: "y") { id } }
      { ...R ...R stats { projectCount } __typename }`);
    expect(measured.rootFields).toBe(3);
    expect(measured.rootFieldNames.sort()).toEqual(['funder', 'stats']);
  });

  it('names the costliest chain of fields, by response name, and its points', () => {
    const measured = price(`{
      stats { dataVersion }
      big: funders(first: 10) { nodes { calls(first: 5) { id } projects(first: 2) { id } } }
    }`);
    // funders 1 + 10 × (1 + 5 + 2): the calls are the costliest part below a funder
    expect(measured.heaviestPath).toEqual(['big', 'nodes', 'calls']);
    expect(measured.heaviestCost).toBe(81);
    expect(price('{ __typename }').heaviestPath).toEqual([]);
  });

  it('prices fields the schema does not know at nothing (validation refuses them)', () => {
    expect(cost('{ funder(id: "x") { nope { id } } }')).toBe(1);
  });
});

describe('operationCost with the graph statistics', () => {
  it("prices a list at the graph's largest degree when that is below its first or cap", () => {
    // funder 1 + 6 calls (largest degree) × (1 + 7 projects each)
    expect(
      priced('{ funder(id: "x") { calls { projects { id } } } }', {
        lists: { 'Funder.calls': 6, 'Call.projects': 7 },
      }),
    ).toBe(1 + 6 * (1 + 7));
    // a capped relation: the smaller of the cap (20) and the degree
    expect(priced('{ project(id: "x") { funders { id } } }', { lists: { 'Project.funders': 4 } })).toBe(5);
  });

  it('never prices above the first, cap or page: they stay the ceiling', () => {
    expect(priced('{ funder(id: "x") { calls(first: 2) { id } } }', { lists: { 'Funder.calls': 6 } })).toBe(
      3,
    );
    expect(priced('{ project(id: "x") { funders { id } } }', { lists: { 'Project.funders': 500 } })).toBe(
      1 + RELATION_CAPS['Project.funders'],
    );
    expect(priced('{ funders(first: 5) { nodes { id } } }', { lists: { 'Query.funders': 43 } })).toBe(6);
  });

  it('prices a root page at the records of its kind', () => {
    // connection 1 + 43 funders, although first is 100
    expect(priced('{ funders(first: 100) { nodes { id } } }', { lists: { 'Query.funders': 43 } })).toBe(44);
    // edges and nodes both take the page
    expect(
      priced('{ funders(first: 100) { edges { node { id } } } }', { lists: { 'Query.funders': 3 } }),
    ).toBe(1 + 3 * 2);
  });

  it('prices a root list filtered by ids at the number of distinct ids, with or without statistics', () => {
    const query = '{ funders(filter: { ids: ["a", "b", "a"] }, first: 50) { nodes { id } } }';
    expect(cost(query)).toBe(1 + 2);
    expect(priced(query, { lists: { 'Query.funders': 43 } })).toBe(1 + 2);
    const variables = 'query Q($ids: [ID!]) { funders(filter: { ids: $ids }) { nodes { id } } }';
    expect(cost(variables, { ids: ['a', 'b', 'c'] })).toBe(1 + 3);
    const whole = 'query Q($f: FunderFilter) { funders(filter: $f) { nodes { id } } }';
    expect(cost(whole, { f: { ids: ['a'] } })).toBe(1 + 1);
    // a list input given one value is a list of that value
    expect(cost('{ countries(filter: { codes: "DE" }) { nodes { code } } }')).toBe(1 + 1);
  });

  it('prices a relationship filter at its values times the largest degree, the smallest filter winning', () => {
    const lists = { 'Query.projects': 30, 'Query.projects[funders]': 4, 'Query.projects[countries]': 11 };
    expect(priced('{ projects(filter: { funders: ["a", "b"] }) { nodes { id } } }', { lists })).toBe(1 + 8);
    expect(
      priced(
        '{ projects(filter: { funders: ["a", "b"], countries: ["DE"] }, first: 100) { nodes { id } } }',
        {
          lists,
        },
      ),
    ).toBe(1 + 8);
    // a filter field without a statistic does not bound the page
    expect(priced('{ projects(filter: { yearFrom: 2020 }, first: 100) { nodes { id } } }', { lists })).toBe(
      31,
    );
  });

  it("prices a network's nodes and edges at its variant's sizes, read from literals, variables or the SDL default", () => {
    const weight = FIELD_WEIGHTS['Query.cofundingNetwork']!;
    const statistics = {
      lists: {
        'Query.cofundingNetwork': 43,
        'Query.cofundingNetwork(basis: CALLS)': 43,
        'Query.cofundingNetwork(basis: PROJECTS)': 11,
      },
      below: {
        'Query.cofundingNetwork': { 'Network.edges': 250 },
        'Query.cofundingNetwork(basis: CALLS)': { 'Network.edges': 250, 'NetworkEdge.calls': 7 },
        'Query.cofundingNetwork(basis: PROJECTS)': { 'Network.edges': 9, 'NetworkEdge.projects': 2 },
      },
    };
    // default basis CALLS: 43 nodes (limit 200), 250 edges × (1 + 7 calls)
    expect(priced('{ cofundingNetwork { nodes { id } edges { calls { id } } } }', statistics)).toBe(
      weight + 1 + 43 + 250 * (1 + 7),
    );
    expect(
      priced('{ cofundingNetwork(basis: PROJECTS) { nodes { id } edges { projects { id } } } }', statistics),
    ).toBe(weight + 1 + 11 + 9 * (1 + 2));
    const byVariable = 'query N($b: NetworkBasis) { cofundingNetwork(basis: $b) { nodes { id } } }';
    expect(price(byVariable, { b: 'PROJECTS' }, { dataVersion: 1, ...statistics }).cost).toBe(
      weight + 1 + 11,
    );
    // a variable left unset leaves the argument out: its SDL default (CALLS) holds
    expect(price(byVariable, {}, { dataVersion: 1, ...statistics }).cost).toBe(weight + 1 + 43);
  });

  it("prices a network node's edges and neighbours at the busiest node's degree", () => {
    const weight = FIELD_WEIGHTS['Query.cofundingNetwork']!;
    const statistics = {
      lists: { 'Query.cofundingNetwork(basis: CALLS)': 30 },
      below: {
        'Query.cofundingNetwork(basis: CALLS)': {
          'Network.edges': 250,
          'NetworkNode.edges': 29,
          'NetworkNode.neighbours': 29,
          'NetworkEdge.calls': 7,
        },
      },
    };
    // 30 nodes × (1 + 10 neighbours (first's default) × (1 + node 1 + edge 1 + 7 calls))
    expect(
      priced(
        '{ cofundingNetwork { nodes { neighbours { node { id } edge { calls { id } } } } } }',
        statistics,
      ),
    ).toBe(weight + 1 + 30 * (1 + 10 * (1 + 1 + 1 + 7)));
    // first: 100 is more than any node has: 29
    expect(priced('{ cofundingNetwork { nodes { edges(first: 100) { weight } } } }', statistics)).toBe(
      weight + 1 + 30 * (1 + 29),
    );
    // an ego network (around) is a part of the whole: the whole network's bounds hold
    expect(
      priced(
        '{ cofundingNetwork(filter: { around: ["x"] }) { nodes { edges(first: 100) { weight } } } }',
        statistics,
      ),
    ).toBe(weight + 1 + 30 * (1 + 29));
  });

  it('applies a bound below the field that sets it, to any depth, and not elsewhere', () => {
    const statistics = {
      below: {
        'CoverageCell.projectLevel': { 'ProjectTally.projects': 3 },
        'CoverageRow.projectLevel': { 'ProjectTally.projects': 9 },
      },
    };
    const matrix = FIELD_WEIGHTS['Query.coverageMatrix']!;
    const rows = LIST_SIZES['CoverageMatrix.rows']!;
    const cells = LIST_SIZES['CoverageRow.cells']!;
    expect(
      priced('{ coverageMatrix { rows { cells { projectLevel { projects { id } } } } } }', statistics),
    ).toBe(matrix + 1 + rows * (1 + cells * (1 + 1 + 3)));
    expect(priced('{ coverageMatrix { rows { projectLevel { projects { id } } } } }', statistics)).toBe(
      matrix + 1 + rows * (1 + 1 + 9),
    );
    // the matrix's own tally has no bound here: its size-table size
    expect(priced('{ coverageMatrix { projectLevel { projects { id } } } }', statistics)).toBe(
      matrix + 1 + 1 + LIST_SIZES['ProjectTally.projects']!,
    );
  });

  it('prices a fragment once per bounds it is spread under', () => {
    const statistics = {
      below: {
        'CoverageCell.projectLevel': { 'ProjectTally.projects': 3 },
        'CoverageRow.projectLevel': { 'ProjectTally.projects': 9 },
      },
    };
    const query = `fragment T on ProjectTally { projects { id } }
      { coverageMatrix { rows { projectLevel { ...T } cells { projectLevel { ...T } } } } }`;
    const rows = LIST_SIZES['CoverageMatrix.rows']!;
    const cells = LIST_SIZES['CoverageRow.cells']!;
    expect(priced(query, statistics)).toBe(
      FIELD_WEIGHTS['Query.coverageMatrix']! + 1 + rows * (1 + (1 + 9) + cells * (1 + 1 + 3)),
    );
  });

  it("sizes the disease-area lists at the ten ICD-10 chapters, or the graph's largest", () => {
    expect(cost('{ diseaseAreas { code } }')).toBe(10);
    expect(cost('{ project(id: "x") { diseaseAreas { area { code } } } }')).toBe(1 + 10 * 2);
    expect(
      priced('{ project(id: "x") { diseaseAreas { area { code } } } }', {
        lists: { 'Project.diseaseAreas': 2 },
      }),
    ).toBe(1 + 2 * 2);
  });
});

describe('heaviestPart', () => {
  it('names the chain holding more than half of the price, with its share', () => {
    expect(heaviestPart(['funders', 'nodes', 'calls'], 285_000, 285_392)).toBe(
      'most of it (99%) is under funders.nodes.calls: ',
    );
  });

  it('says nothing when no chain holds more than half, or none is known', () => {
    expect(heaviestPart(['a'], 50, 100)).toBe('');
    expect(heaviestPart([], 0, 100)).toBe('');
  });
});
