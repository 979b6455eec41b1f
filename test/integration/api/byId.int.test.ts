// Every query by id against the seeded graph: each seed record is found with the values of
// seeds/*.json, and an unknown id answers null without an error.

import type { SeedDataset } from '../../../src/model';
import { useTestApi } from '../../helpers/useTestApi';
import { seedData } from '../../helpers/seedExpectations';

const api = useTestApi();
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

interface ByIdCase {
  /** The Query field, e.g. funder. */
  field: string;
  /** Its argument and type, e.g. id: ID!. */
  argument: 'id' | 'code';
  argumentType: 'ID!' | 'String!';
  records: (seeds: SeedDataset) => ReadonlyArray<{ id: string }>;
  /** Scalar fields whose values come straight from the seed record of the same name. */
  scalars: string[];
}

const CASES: ByIdCase[] = [
  {
    field: 'programme',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.programmes,
    scalars: [
      'id',
      'name',
      'shortName',
      'startYear',
      'budgetEur',
      'budgetNote',
      'fundersCount',
      'countriesCount',
      'regionsCount',
      'description',
      'notes',
      'uncertain',
      'sources',
    ],
  },
  {
    field: 'funder',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.funders,
    scalars: ['id', 'name', 'acronym', 'kind', 'countryCode', 'roles', 'notes', 'uncertain', 'sources'],
  },
  {
    field: 'call',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.calls,
    scalars: [
      'id',
      'kind',
      'year',
      'title',
      'shortTitle',
      'publicationDate',
      'infoDay',
      'preProposalDeadline',
      'fullProposalDeadline',
      'budgetEur',
      'budgetNote',
      'ecCofunded',
      'fundersCount',
      'countriesCount',
      'regionsCount',
      'eligiblePreProposals',
      'invitedFullProposals',
      'fundedProjectsCount',
      'fundingGrantedEur',
      'researchGroupsCount',
      'fundedCountriesCount',
      'description',
      'notes',
      'uncertain',
      'sources',
    ],
  },
  {
    field: 'project',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.projects,
    scalars: [
      'id',
      'acronym',
      'title',
      'referenceNumber',
      'startDate',
      'endDate',
      'startYear',
      'year',
      'yearBasis',
      'durationMonths',
      'fundingEur',
      'fundingNote',
      'diseaseArea',
      'keywords',
      'description',
      'notes',
      'uncertain',
      'unnamedPartners',
      'sources',
    ],
  },
  {
    field: 'organisation',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.organisations,
    scalars: ['id', 'name', 'countryCode', 'aliases', 'sources'],
  },
  {
    field: 'country',
    argument: 'code',
    argumentType: 'String!',
    records: (s) => s.countries,
    scalars: [
      'id',
      'code',
      'name',
      'officialName',
      'latitude',
      'longitude',
      'continent',
      'subregion',
      'sources',
    ],
  },
  {
    field: 'region',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.regions,
    scalars: ['id', 'name', 'countryCode', 'sources'],
  },
  {
    field: 'objective',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.objectives,
    scalars: ['id', 'order', 'shortName', 'description', 'textVerified', 'sources'],
  },
  {
    field: 'valueChainStage',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.valueChainStages,
    scalars: [
      'id',
      'name',
      'order',
      'level',
      'description',
      'namesUsed',
      'inferred',
      'inferenceNote',
      'sources',
    ],
  },
  {
    field: 'sriaArea',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.sriaAreas,
    scalars: ['id', 'order', 'name', 'kind', 'description', 'sources'],
  },
  {
    field: 'knowledgeGap',
    argument: 'id',
    argumentType: 'ID!',
    records: (s) => s.knowledgeGaps,
    scalars: ['id', 'shortName', 'description', 'namedIn', 'inferred', 'notes', 'sources'],
  },
];

function byIdQuery(testCase: ByIdCase): string {
  return `query ById($key: ${testCase.argumentType}) {
  record: ${testCase.field}(${testCase.argument}: $key) { ${testCase.scalars.join(' ')} updatedAt }
}`;
}

describe.each(CASES)('$field by $argument', (testCase) => {
  it(`when every seeded ${testCase.field} is asked for by ${testCase.argument}, then each comes back with the values of its seed record`, async () => {
    const records = testCase.records(seeds);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const { record: found } = await api.data<{ record: Record<string, unknown> | null }>(
        byIdQuery(testCase),
        {
          key: record.id,
        },
      );
      const expected: Record<string, unknown> = { updatedAt: seeds.manifest.builtAt };
      for (const scalar of testCase.scalars)
        expected[scalar] = (record as Record<string, unknown>)[scalar] ?? null;
      expect(found).toEqual(expected);
    }
  });

  it(`when every seeded ${testCase.field} is asked for with its ${testCase.argument} in the other case, then the same record comes back`, async () => {
    for (const record of testCase.records(seeds)) {
      const swapped =
        record.id === record.id.toUpperCase() ? record.id.toLowerCase() : record.id.toUpperCase();
      const { record: found } = await api.data<{ record: { id: string } | null }>(byIdQuery(testCase), {
        key: swapped,
      });
      expect(found?.id).toBe(record.id);
    }
  });

  it(`when the ${testCase.argument} matches no ${testCase.field}, then the answer is null without an error, with a suggestion`, async () => {
    const result = await api.execute<{ record: unknown }>(byIdQuery(testCase), { key: 'no-such-record-zz' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ record: null });
    expect(result.extensions?.suggestions).toEqual([
      expect.objectContaining({ path: ['record'], argument: testCase.argument, given: 'no-such-record-zz' }),
    ]);
  });
});

describe('country by code', () => {
  const QUERY = 'query Country($code: String!) { country(code: $code) { id code name } }';

  it('when the code is given in lower case or with surrounding spaces, then the same country is found', async () => {
    const germany = seeds.countries.find((country) => country.code === 'DE')!;
    const expected = { country: { id: 'DE', code: 'DE', name: germany.name } };
    expect(await api.data(QUERY, { code: 'DE' })).toEqual(expected);
    expect(await api.data(QUERY, { code: 'de' })).toEqual(expected);
    expect(await api.data(QUERY, { code: ' dE ' })).toEqual(expected);
  });

  it('when the code is a valid ISO code of a country outside the graph, then the answer is null', async () => {
    // Japan takes part in no call and hosts no funder or partner of the dataset.
    expect(seeds.countries.some((country) => country.code === 'JP')).toBe(false);
    expect(await api.data(QUERY, { code: 'jp' })).toEqual({ country: null });
  });
});

describe('several records by id in one operation', () => {
  it('when one operation asks for found and missing records together, then each alias gets its own answer', async () => {
    const [first, second] = seeds.funders;
    const data = await api.data<Record<string, { id: string } | null>>(
      `query Many($a: ID!, $b: ID!) {
        a: funder(id: $a) { id }
        missing: funder(id: "no-such-funder") { id }
        b: funder(id: $b) { id }
        wrongKind: project(id: $a) { id }
      }`,
      { a: first!.id, b: second!.id },
    );
    expect(data).toEqual({ a: { id: first!.id }, missing: null, b: { id: second!.id }, wrongKind: null });
  });
});
