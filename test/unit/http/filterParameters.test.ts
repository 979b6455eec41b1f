// filterFromQuery: a list filter read from URL parameters, typed by the schema's input type.

import { BadUserInputError } from '../../../src/errors';
import {
  filterFromQuery,
  filterParameters,
  unreadableFilterFields,
} from '../../../src/http/filterParameters';

describe('filterParameters', () => {
  it('lists the fields of the GraphQL filter, lists with their singular as an alias', () => {
    const parameters = filterParameters('ProjectFilter');
    expect(parameters.find((parameter) => parameter.field === 'calls')).toMatchObject({
      names: ['calls', 'call'],
      list: true,
      type: 'ID',
    });
    expect(parameters.find((parameter) => parameter.field === 'countries')).toMatchObject({
      names: ['countries', 'country'],
    });
    expect(parameters.find((parameter) => parameter.field === 'provenance')).toMatchObject({
      list: false,
      values: ['CURATED', 'INFERRED'],
    });
  });

  it.each(['ProjectFilter', 'FunderFilter', 'CallFilter', 'OrganisationFilter'])(
    'offers every field of %s as a URL parameter (a nested input would be left out of the tables)',
    (typeName) => {
      expect(unreadableFilterFields(typeName)).toEqual([]);
    },
  );

  it('refuses a type that is not an input type', () => {
    expect(() => filterParameters('Project')).toThrow(TypeError);
  });
});

describe('filterFromQuery', () => {
  const parameters = filterParameters('CallFilter');

  it('reads lists repeated, comma-separated and under either name, enums in any case, integers as numbers', () => {
    expect(
      filterFromQuery(parameters, {
        id: 'jtc2024',
        ids: ['jtc2022,jtc2023', 'jtc2022'],
        kind: 'joint_transnational_call',
        yearFrom: '2023',
      }),
    ).toEqual({
      ids: ['jtc2022', 'jtc2023', 'jtc2024'],
      kinds: ['JOINT_TRANSNATIONAL_CALL'],
      yearFrom: 2023,
    });
  });

  it.each([
    [{ colour: 'red' }, 'colour', /not a parameter/],
    [{ yearFrom: '2023.5' }, 'yearFrom', /must be an integer/],
    [{ yearFrom: ['2020', '2021'] }, 'yearFrom', /must be given once/],
    [{ kinds: 'party' }, 'kinds', /must be one of joint_transnational_call/],
  ])('when given %j, then it refuses it naming %s', (query, parameter, message) => {
    let error: unknown;
    try {
      filterFromQuery(parameters, query);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions.argument).toBe(parameter);
    expect((error as BadUserInputError).message).toMatch(message);
  });

  it('lets the route parameters it is told to ignore through', () => {
    expect(filterFromQuery(parameters, { bom: '1' }, ['bom'])).toEqual({});
  });
});
