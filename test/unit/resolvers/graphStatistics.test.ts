// The graph statistics' tables against the schema, and graphStatisticsOf on small hand-made figures.

import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLField,
} from 'graphql';
import { loadTypeDefs } from '../../../src/schema';
import { coverageSizes } from '../../../src/analytics/coverageSizes';
import {
  degreeQueries,
  FILTER_GROUPS,
  FILTER_RELATIONS,
  graphStatisticsOf,
  RECORD_LISTS,
  ROOT_LISTS,
  type StatisticsInputs,
} from '../../../src/resolvers/graphStatistics';
import { LIST_VARIANT_ARGUMENTS, variantKey } from '../../../src/resolvers/graphStatisticsModel';
import { PLANNED_ROOTS } from '../../../src/resolvers/planning/plannedFields';
import { tinyEcosystem } from '../analytics/tinyEcosystem';

const schema = buildSchema(loadTypeDefs().join('\n'));

function fieldOf(key: string): GraphQLField<unknown, unknown> {
  const [typeName, fieldName] = key.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const field = type.getFields()[fieldName];
  if (!field) throw new Error(`${key} is not a field`);
  return field;
}

/** The named type of a root list's items: a connection's nodes, or the list's own items. */
function itemTypeOf(key: string): string {
  const type = getNamedType(fieldOf(key).type);
  if (isObjectType(type) && type.name.endsWith('Connection'))
    return getNamedType(type.getFields().nodes!.type).name;
  return type.name;
}

describe('the statistics tables', () => {
  it('name every planned root list, with the label of its items', () => {
    const lists = Object.entries(PLANNED_ROOTS)
      .filter(([, kind]) => kind === 'list')
      .map(([name]) => `Query.${name}`);
    for (const list of lists) expect(ROOT_LISTS).toHaveProperty([list]);
    for (const [key, label] of Object.entries(ROOT_LISTS)) expect(itemTypeOf(key)).toBe(label);
  });

  it('name filter fields that exist on their root list, and relationship fields the degrees are read for', () => {
    const degrees = new Set(degreeQueries().map((query) => query.key));
    for (const [key, degree] of Object.entries(FILTER_RELATIONS)) {
      const [, list, filterField] = /^(Query\.\w+)\[(\w+)\]$/.exec(key)!;
      const filter = getNullableType(fieldOf(list!).args.find((arg) => arg.name === 'filter')!.type);
      expect(isInputObjectType(filter) && filterField! in filter.getFields()).toBe(true);
      expect(degrees.has(degree)).toBe(true);
    }
    for (const group of FILTER_GROUPS) {
      const [, list, filterField] = /^(Query\.\w+)\[(\w+)\]$/.exec(group.key)!;
      expect(ROOT_LISTS[list!]).toBe(group.label);
      const filter = getNullableType(fieldOf(list!).args.find((arg) => arg.name === 'filter')!.type);
      expect(isInputObjectType(filter) && filterField! in filter.getFields()).toBe(true);
    }
  });

  it('name list fields of distinct records of their label', () => {
    for (const [key, label] of Object.entries(RECORD_LISTS)) {
      const field = fieldOf(key);
      expect(isListType(getNullableType(field.type))).toBe(true);
      const item = getNamedType(field.type).name;
      // a list of the records themselves, or of one entry per record (CoverageEntry, CallContribution)
      expect([label, 'CoverageEntry', 'CallContribution']).toContain(item);
    }
  });

  it('name variant arguments that are enums of their field', () => {
    for (const [key, names] of Object.entries(LIST_VARIANT_ARGUMENTS)) {
      for (const name of names) {
        const argument = fieldOf(key).args.find((arg) => arg.name === name);
        expect(argument && isEnumType(getNamedType(argument.type))).toBe(true);
      }
    }
  });

  it('read a degree for every list field a planned type resolves through a relationship', () => {
    const keys = degreeQueries().map((query) => query.key);
    expect(keys).toEqual(
      expect.arrayContaining(['Funder.calls', 'Call.funders', 'Project.partners', 'Project.diseaseAreas']),
    );
    for (const key of keys.filter((k) => !k.startsWith('DiseaseArea.'))) {
      expect(isListType(getNullableType(fieldOf(key).type))).toBe(true);
    }
  });
});

describe('variantKey', () => {
  it('writes the arguments in their declared order', () => {
    expect(variantKey('Query.bipartiteNetwork', ['FUNDERS', 'GAPS', 'CALLS'])).toBe(
      'Query.bipartiteNetwork(actors: FUNDERS, targets: GAPS, basis: CALLS)',
    );
  });

  it('refuses the wrong number of values', () => {
    expect(() => variantKey('Query.cofundingNetwork', [])).toThrow(
      'variantKey expected 1 values for Query.cofundingNetwork, received 0',
    );
  });
});

describe('graphStatisticsOf', () => {
  const inputs: StatisticsInputs = {
    dataVersion: 7,
    records: { Funder: 4, Project: 3, Country: 5, KnowledgeGap: 3, Objective: 2, Call: 3 },
    degrees: { 'Funder.projects': 2, 'Call.funders': 2 },
    groups: { 'Query.funders[countries]': 1 },
    networks: [
      {
        request: { kind: 'COFUNDING', basis: 'CALLS', filter: {}, limit: 200 },
        sizes: { nodes: 4, edges: 3, maxDegree: 2, maxWeight: 2 },
      },
      {
        request: { kind: 'COFUNDING', basis: 'PROJECTS', filter: {}, limit: 200 },
        sizes: { nodes: 300, edges: null, maxDegree: null, maxWeight: null },
      },
    ],
    coverage: coverageSizes(tinyEcosystem()),
  };
  const statistics = graphStatisticsOf(inputs);

  it('keeps the degrees and prices root lists, filters and record lists from the records', () => {
    expect(statistics.dataVersion).toBe(7);
    expect(statistics.lists).toMatchObject({
      'Funder.projects': 2,
      'Query.funders': 4,
      'Query.projects': 3,
      'Query.regions': 0,
      'Query.projects[funders]': 2,
      'Query.funders[calls]': 2,
      'Query.funders[countries]': 1,
      'ProjectTally.funders': 4,
      'NetworkEdge.calls': 3,
    });
    // a filter whose relationship was not measured gets no statistic
    expect(statistics.lists).not.toHaveProperty(['Query.projects[calls]']);
  });

  it('sizes each network variant, and the field without arguments at its largest variant and known bounds', () => {
    expect(statistics.lists['Query.cofundingNetwork(basis: CALLS)']).toBe(4);
    expect(statistics.lists['Query.cofundingNetwork(basis: PROJECTS)']).toBe(300);
    expect(statistics.lists['Query.cofundingNetwork']).toBe(300);
    expect(statistics.below['Query.cofundingNetwork(basis: CALLS)']).toEqual({
      'Network.edges': 3,
      'NetworkNode.edges': 2,
      'NetworkNode.neighbours': 2,
      'NetworkEdge.calls': 2,
    });
    // the cut PROJECTS network says nothing of its edges, so neither does the generic field
    expect(statistics.below['Query.cofundingNetwork(basis: PROJECTS)']).toEqual({});
    expect(statistics.below['Query.cofundingNetwork']).toEqual({});
  });

  it('sizes bipartite networks from the records: actors plus targets, one edge per pair', () => {
    expect(statistics.lists['Query.bipartiteNetwork(actors: COUNTRIES, targets: GAPS, basis: CALLS)']).toBe(
      5 + 3,
    );
    expect(
      statistics.below['Query.bipartiteNetwork(actors: FUNDERS, targets: OBJECTIVES, basis: PROJECTS)'],
    ).toEqual({
      'Network.edges': 4 * 2,
    });
    expect(statistics.lists['Query.bipartiteNetwork']).toBe(8);
    expect(statistics.lists['Query.neighbourhood']).toBe(4 + 3 + 5 + 3 + 2 + 3);
  });

  it('bounds coverage rows and columns per shape, and tallies per level', () => {
    expect(statistics.below['Query.coverageMatrix(rows: OBJECTIVE, stageGrain: MACRO)']).toEqual({
      'CoverageMatrix.rows': 2,
      'CoverageMatrix.columns': 3,
      'CoverageRow.cells': 3,
      'CoverageRow.mappedStages': 3,
    });
    expect(statistics.below['Query.coverageMatrix']).toMatchObject({
      'CoverageMatrix.rows': 3,
      'CoverageRow.cells': 4,
    });
    expect(statistics.below['CoverageCell.projectLevel']).toMatchObject({ 'ProjectTally.projects': 2 });
    expect(statistics.below['CoverageRow.callLevel']).toEqual({
      'CallTally.calls': 3,
      'CallTally.contributions': 3,
      'CallContribution.viaGaps': 1,
    });
  });
});
