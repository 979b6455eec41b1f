// Specifies the argument checks every resolver and /export route uses: each accepts its
// bounds and refuses just outside them with BAD_USER_INPUT and a message naming the argument.

import { GraphQLError } from 'graphql';
import { encodeCursor } from '../../../src/db/pagination';
import { PROJECTS } from '../../../src/db/projects';
import { ErrorCode } from '../../../src/errors';
import {
  BOUNDS,
  boundedInteger,
  codes,
  countryCodes,
  derivationFilter,
  entityKinds,
  entityRef,
  fraction,
  idList,
  knownValues,
  MAX_FILTER_VALUES,
  MAX_RELATED,
  MAX_TEXT_LENGTH,
  pageArguments,
  pageSize,
  provenance,
  relatedLimit,
  relationshipTypes,
  searchText,
  year,
  YEARS,
  yearsInOrder,
  yearToNotBefore,
} from '../../../src/resolvers/arguments';

/** The error `check` throws (it must throw). */
function thrown(check: () => unknown): GraphQLError {
  try {
    check();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected the check to throw');
}

/** Expects `check` to refuse with BAD_USER_INPUT naming `argument`, with `reason` in the message. */
function expectRefusal(check: () => unknown, argument: string, reason: string | RegExp): void {
  const error = thrown(check);
  expect(error.extensions).toMatchObject({ code: ErrorCode.BadUserInput, argument });
  expect(error.message.startsWith(`Invalid argument "${argument}": `)).toBe(true);
  expect(error.message).toMatch(reason);
}

describe('boundedInteger', () => {
  it.each(Object.entries(BOUNDS))('%s: accepts its min and max and gives its fallback', (_, bound) => {
    expect(boundedInteger(bound.min, 'n', bound)).toBe(bound.min);
    expect(boundedInteger(bound.max, 'n', bound)).toBe(bound.max);
    expect(boundedInteger(null, 'n', bound)).toBe(bound.fallback);
    expect(boundedInteger(undefined, 'n', bound)).toBe(bound.fallback);
  });

  it.each(Object.entries(BOUNDS))(
    '%s: refuses min - 1, max + 1 and fractions, naming the argument',
    (_, bound) => {
      const range = `must be an integer from ${bound.min} to ${bound.max}`;
      expectRefusal(
        () => boundedInteger(bound.min - 1, 'limit', bound),
        'limit',
        `${range}, got ${bound.min - 1}`,
      );
      expectRefusal(
        () => boundedInteger(bound.max + 1, 'limit', bound),
        'limit',
        `${range}, got ${bound.max + 1}`,
      );
      expectRefusal(() => boundedInteger(bound.min + 0.5, 'limit', bound), 'limit', range);
    },
  );

  it('keeps the bounds the SDL documents (network limit 1..1000, hops 1..3, paths 1..100)', () => {
    expect(BOUNDS.networkLimit).toEqual({ min: 1, max: 1000, fallback: 200 });
    expect(BOUNDS.neighbourhoodLimit).toEqual({ min: 1, max: 1000, fallback: 100 });
    expect(BOUNDS.hops).toEqual({ min: 1, max: 3, fallback: 1 });
    expect(BOUNDS.paths).toEqual({ min: 1, max: 100, fallback: 10 });
  });
});

describe('relatedLimit', () => {
  it('accepts 0 to MAX_RELATED and defaults to it', () => {
    expect(relatedLimit(0)).toBe(0);
    expect(relatedLimit(MAX_RELATED)).toBe(MAX_RELATED);
    expect(relatedLimit(null)).toBe(100);
  });

  it('refuses -1 and MAX_RELATED + 1 naming first', () => {
    expectRefusal(() => relatedLimit(-1), 'first', 'must be an integer from 0 to 100, got -1');
    expectRefusal(() => relatedLimit(101), 'first', 'must be an integer from 0 to 100, got 101');
  });
});

describe('fraction and derivationFilter', () => {
  it('accepts 0 and 1 and leaves an absent value null', () => {
    expect(fraction(0, 'w')).toBe(0);
    expect(fraction(1, 'w')).toBe(1);
    expect(fraction(null, 'w')).toBeNull();
    expect(fraction(undefined, 'w')).toBeNull();
  });

  it.each([-0.01, 1.01, Number.NaN])('refuses %p naming the argument', (value) => {
    expectRefusal(
      () => fraction(value, 'networkWeight'),
      'networkWeight',
      `must be between 0 and 1, got ${value}`,
    );
  });

  it('names the confidence of a filter by its path', () => {
    expect(derivationFilter({ minConfidence: 1, provenance: 'CURATED' }, 'filter.')).toEqual({
      minConfidence: 1,
      provenance: 'CURATED',
    });
    expectRefusal(
      () => derivationFilter({ minConfidence: 1.5 }, 'filter.'),
      'filter.minConfidence',
      'got 1.5',
    );
  });
});

describe('years', () => {
  it('accepts the first and last year and refuses just outside', () => {
    expect(year(YEARS.min, 'yearFrom')).toBe(1900);
    expect(year(YEARS.max, 'yearFrom')).toBe(2100);
    expectRefusal(() => year(1899, 'yearFrom'), 'yearFrom', 'must be a year from 1900 to 2100, got 1899');
    expectRefusal(() => year(2101, 'filter.yearTo'), 'filter.yearTo', 'got 2101');
  });

  it('accepts equal years and refuses a reversed range in both wordings', () => {
    expect(() => yearsInOrder(2020, 2020, 'yearFrom', 'yearTo')).not.toThrow();
    expect(() => yearToNotBefore('filter', { yearFrom: 2020, yearTo: 2020 })).not.toThrow();
    expectRefusal(
      () => yearsInOrder(2021, 2020, 'yearFrom', 'yearTo'),
      'yearFrom',
      'must not be after yearTo (2021 > 2020)',
    );
    expectRefusal(
      () => yearToNotBefore('filter', { yearFrom: 2021, yearTo: 2020 }),
      'filter.yearTo',
      'must not be before yearFrom (2021), got 2020',
    );
  });
});

describe('id lists and codes', () => {
  it(`accepts 1 to ${MAX_FILTER_VALUES} values of 1 to ${MAX_TEXT_LENGTH} characters, trimmed`, () => {
    expect(idList([' jtc2024 '], 'call')).toEqual(['jtc2024']);
    const longest = 'x'.repeat(MAX_TEXT_LENGTH);
    expect(
      idList(
        Array.from({ length: MAX_FILTER_VALUES }, () => longest),
        'call',
      ),
    ).toHaveLength(100);
    expect(idList(null, 'call')).toBeNull();
  });

  it('refuses no values, one value too many and a value one character too long', () => {
    expectRefusal(
      () => idList([], 'filter.calls'),
      'filter.calls',
      'must name at least one value when given',
    );
    expectRefusal(
      () =>
        idList(
          Array.from({ length: MAX_FILTER_VALUES + 1 }, () => 'a'),
          'filter.calls',
        ),
      'filter.calls',
      'must name at most 100 values, got 101',
    );
    expectRefusal(() => idList(['x'.repeat(201)], 'call'), 'call', 'values must be 1 to 200 characters');
    expectRefusal(() => idList(['  '], 'call'), 'call', 'values must be 1 to 200 characters, got "  "');
  });

  it('upper-cases country codes and refuses anything but two letters', () => {
    expect(countryCodes(['de', 'FR'], 'country')).toEqual(['DE', 'FR']);
    expectRefusal(
      () => countryCodes(['DEU'], 'country'),
      'country',
      'must be ISO 3166-1 alpha-2 codes, got "DEU"',
    );
  });

  it('accepts codes of the list in any case and refuses others, listing the allowed', () => {
    expect(codes(['event'], 'callKind', ['EVENT', 'JOINT_CALL'], 'call kinds')).toEqual(['EVENT']);
    expectRefusal(
      () => codes(['party'], 'callKind', ['EVENT', 'JOINT_CALL'], 'call kinds'),
      'callKind',
      'must be call kinds among EVENT, JOINT_CALL, got "party"',
    );
  });

  it('accepts the two provenances and refuses another', () => {
    expect(provenance('INFERRED', 'provenance')).toBe('INFERRED');
    expect(provenance(null, 'provenance')).toBeNull();
    expectRefusal(
      () => provenance('GUESSED', 'filter.provenance'),
      'filter.provenance',
      'must be CURATED or INFERRED',
    );
  });

  it('checks ids against the values an answer knows', () => {
    expect(() => knownValues(['a'], 'stages', ['a', 'b'], 'stage')).not.toThrow();
    expectRefusal(
      () => knownValues(['a', 'c'], 'stages', ['a', 'b'], 'stage'),
      'stages',
      'unknown stage "c"',
    );
  });
});

describe('entity references and kinds', () => {
  it('accepts a kind and an id of up to 200 characters', () => {
    expect(entityRef({ kind: 'FUNDER', id: ' fnr ' }, 'of')).toEqual({ label: 'Funder', id: 'fnr' });
    expect(entityRef({ kind: 'CALL', id: 'x'.repeat(200) }, 'of').id).toHaveLength(200);
  });

  it('refuses an unknown kind and an empty or too long id, naming the field', () => {
    expectRefusal(
      () => entityRef({ kind: 'PLANET', id: 'x' }, 'from'),
      'from.kind',
      'must be an entity kind, got PLANET',
    );
    expectRefusal(
      () => entityRef({ kind: 'CALL', id: ' ' }, 'from'),
      'from.id',
      'must be 1 to 200 characters',
    );
    expectRefusal(() => entityRef({ kind: 'CALL', id: 'x'.repeat(201) }, 'to'), 'to.id', 'must be 1 to 200');
  });

  it('turns kinds into labels and refuses an empty list or an unknown kind', () => {
    expect(entityKinds(['FUNDER', 'FUNDER', 'COUNTRY'], 'via')).toEqual(['Funder', 'Country']);
    expect(entityKinds(null, 'via')).toBeNull();
    expectRefusal(() => entityKinds([], 'via'), 'via', 'must name at least one kind when given');
    expectRefusal(() => entityKinds(['PLANET'], 'via'), 'via', 'must be entity kinds, got PLANET');
  });

  it('accepts relationship types once each and refuses others', () => {
    expect(relationshipTypes(['FUNDS', 'FUNDS'], 'type')).toEqual(['FUNDS']);
    expect(relationshipTypes(null, 'type')).toEqual([]);
    expectRefusal(
      () => relationshipTypes(['LIKES'], 'type'),
      'type',
      /must be relationship types among .*, got LIKES/,
    );
  });
});

describe('searchText', () => {
  it('accepts 1 to 200 characters after trimming', () => {
    expect(searchText('  x ')).toBe('x');
    expect(searchText('y'.repeat(200))).toHaveLength(200);
  });

  it('refuses blank text and 201 characters naming text', () => {
    expectRefusal(() => searchText('   '), 'text', 'must be 1 to 200 characters after trimming, got 0');
    expectRefusal(() => searchText('y'.repeat(201)), 'text', 'got 201');
  });
});

describe('pages and cursors', () => {
  const limits = { defaultPageSize: 20, maxPageSize: 100 };
  const sort = { field: 'YEAR', direction: 'DESC' } as const;

  it('accepts first from 0 to the maximum, absent giving the default', () => {
    expect(pageSize(0, limits)).toBe(0);
    expect(pageSize(100, limits)).toBe(100);
    expect(pageSize(undefined, limits)).toBe(20);
  });

  it('refuses first just outside as the public error naming first', () => {
    expectRefusal(() => pageSize(-1, limits), 'first', 'must be an integer from 0 to 100, got -1');
    expectRefusal(() => pageArguments(PROJECTS, { sort, first: 101 }, limits), 'first', 'got 101');
  });

  it('accepts a cursor of the same list and sort order and returns the arguments as given', () => {
    const after = encodeCursor('projects:YEAR:DESC', { value: 2024, id: 'p' });
    const args = { sort, first: 5, after };
    expect(pageArguments(PROJECTS, args, limits)).toBe(args);
  });

  it('refuses a cursor of another list, another order, a wrong sort value type or no cursor at all', () => {
    const ofFunders = encodeCursor('funders:NAME:ASC', { value: 'A', id: 'a' });
    expectRefusal(
      () => pageArguments(PROJECTS, { sort, after: ofFunders }, limits),
      'after',
      'is a cursor of "funders:NAME:ASC" and cannot continue "projects:YEAR:DESC"',
    );
    const ascending = encodeCursor('projects:YEAR:ASC', { value: 2024, id: 'p' });
    expectRefusal(
      () => pageArguments(PROJECTS, { sort, after: ascending }, limits),
      'after',
      'cannot continue',
    );
    const textYear = encodeCursor('projects:YEAR:DESC', { value: '2024', id: 'p' });
    expectRefusal(
      () => pageArguments(PROJECTS, { sort, after: textYear }, limits),
      'after',
      'is not a cursor returned by this API',
    );
    expectRefusal(
      () => pageArguments(PROJECTS, { sort, after: 'not a cursor' }, limits),
      'after',
      'is not a cursor returned by this API',
    );
  });
});
