// The /export query parameters: every network's download URL reads back as the same
// request, and bad parameters are rejected naming the parameter.

import { BadUserInputError } from '../../../src/errors';
import { sourceFromQuery } from '../../../src/http/exports';
import type { NetworkSource } from '../../../src/db/networkModels';
import { downloadUrl } from '../../../src/resolvers/networkRequest';

function queryOf(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(url, 'http://localhost').searchParams) {
    const previous = query[key];
    query[key] =
      previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

const EMPTY_FILTER = {
  calls: null,
  programmes: null,
  callKinds: null,
  yearFrom: null,
  yearTo: null,
  countries: null,
  stages: null,
  objectives: null,
  gaps: null,
  provenance: null,
  minConfidence: null,
  datasets: null,
};

describe('sourceFromQuery', () => {
  it.each<[string, NetworkSource]>([
    [
      'cofunding',
      {
        type: 'projection',
        request: {
          kind: 'COFUNDING',
          basis: 'CALLS',
          filter: { ...EMPTY_FILTER, calls: ['jtc2024'] },
          around: null,
          limit: 200,
        },
      },
    ],
    [
      'collaboration',
      {
        type: 'projection',
        request: {
          kind: 'COUNTRY_COLLABORATION',
          basis: 'PROJECTS',
          filter: { ...EMPTY_FILTER, countries: ['DE', 'FR'], yearFrom: 2018, yearTo: 2022 },
          around: { ids: ['ES', 'FR'], hops: 2 },
          limit: 50,
        },
      },
    ],
    [
      'bipartite',
      {
        type: 'projection',
        request: {
          kind: 'BIPARTITE',
          basis: 'CALLS',
          actors: 'FUNDERS',
          targets: 'GAPS',
          filter: { ...EMPTY_FILTER, provenance: 'CURATED', minConfidence: 0.5, gaps: ['gap-elsa'] },
          around: { ids: ['gap-elsa'], hops: 1 },
          limit: 10,
        },
      },
    ],
    [
      'cofunding',
      {
        type: 'projection',
        request: {
          kind: 'COFUNDING',
          basis: 'CALLS',
          filter: {
            ...EMPTY_FILTER,
            programmes: ['eppermed-programme'],
            callKinds: ['JOINT_TRANSNATIONAL_CALL'],
            datasets: ['PERMED_CURATED', 'CORDIS_HORIZON_EUROPE'],
          },
          around: { ids: ['isciii-es'], hops: 1 },
          limit: 200,
        },
      },
    ],
    [
      'neighbourhood',
      {
        type: 'neighbourhood',
        request: {
          of: { label: 'Funder', id: 'isciii-es' },
          hops: 2,
          relationshipTypes: ['FUNDS', 'PARTICIPATES_IN'],
          limit: 30,
        },
      },
    ],
  ])('reads the download URL of a %s network back as the same request', (stem, source) => {
    const url = downloadUrl(source, 'GEXF');
    expect(url.startsWith(`/export/${stem}.gexf?`)).toBe(true);
    expect(sourceFromQuery(stem as never, queryOf(url))).toEqual(source);
  });

  it('builds the URL of the brief: /export/cofunding.gexf?basis=calls&call=jtc2024&limit=200', () => {
    const source = sourceFromQuery('cofunding', { call: 'jtc2024' });
    expect(downloadUrl(source, 'GEXF')).toBe('/export/cofunding.gexf?basis=calls&call=jtc2024&limit=200');
  });

  it('writes an ego view as around= (repeated) and aroundHops=, after the filter', () => {
    const source = sourceFromQuery('cofunding', { around: 'isciii-es,bmbf-de', aroundHops: '2' });
    expect(source).toMatchObject({ request: { around: { ids: ['isciii-es', 'bmbf-de'], hops: 2 } } });
    expect(downloadUrl(source, 'GEXF')).toBe(
      '/export/cofunding.gexf?basis=calls&around=isciii-es&around=bmbf-de&aroundHops=2&limit=200',
    );
    expect(sourceFromQuery('cofunding', { around: 'isciii-es' })).toMatchObject({
      request: { around: { ids: ['isciii-es'], hops: 1 } },
    });
  });

  it('reads programme= and callKind= (lower case) into the filter', () => {
    const source = sourceFromQuery('cofunding', {
      programme: 'eppermed-programme',
      callKind: 'joint_transnational_call',
    });
    expect(source).toMatchObject({
      request: { filter: { programmes: ['eppermed-programme'], callKinds: ['JOINT_TRANSNATIONAL_CALL'] } },
    });
  });

  it('accepts comma-separated lists and lower-case enum values', () => {
    const source = sourceFromQuery('bipartite', {
      actors: 'countries',
      targets: 'objectives',
      country: 'de,fr',
    });
    expect(source).toMatchObject({
      request: {
        actors: 'COUNTRIES',
        targets: 'OBJECTIVES',
        basis: 'PROJECTS',
        filter: { countries: ['DE', 'FR'] },
      },
    });
  });

  it.each([
    ['cofunding', { calls: 'jtc2024' }, 'calls', /not a parameter of \/export\/cofunding/],
    ['cofunding', { limit: 'ten' }, 'limit', /must be an integer/],
    ['cofunding', { limit: '5000' }, 'limit', /from 1 to 1000/],
    ['cofunding', { basis: 'friends' }, 'basis', /must be one of calls, projects/],
    ['cofunding', { yearFrom: '2025', yearTo: '2019' }, 'yearFrom', /must not be after yearTo/],
    ['cofunding', { minConfidence: 'high' }, 'minConfidence', /must be a number/],
    ['cofunding', { callKind: 'lottery' }, 'callKind', /must be call kinds among JOINT_TRANSNATIONAL_CALL/],
    [
      'cofunding',
      { funder: 'isciii-es' },
      'funder',
      /not a parameter of \/export\/cofunding; use .*around, aroundHops/,
    ],
    ['cofunding', { aroundHops: '2' }, 'aroundHops', /is only read with around/],
    ['cofunding', { around: 'isciii-es', aroundHops: '4' }, 'aroundHops', /from 1 to 3/],
    ['collaboration', {}, 'level', /is required/],
    ['bipartite', { actors: 'funders' }, 'targets', /is required/],
    ['neighbourhood', { kind: 'funder', id: 'x', hops: '9' }, 'hops', /from 1 to 3/],
    ['neighbourhood', { kind: 'funder', id: 'x', type: 'KNOWS' }, 'type', /relationship types/],
    ['neighbourhood', { kind: 'person', id: 'x' }, 'kind', /must be an entity kind/],
    ['neighbourhood', { kind: 'funder' }, 'id', /is required/],
  ])('rejects %s with %j naming "%s"', (stem, query, parameter, message) => {
    let error: unknown;
    try {
      sourceFromQuery(stem as never, query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions.argument).toBe(parameter);
    expect((error as BadUserInputError).message).toMatch(message);
  });
});
