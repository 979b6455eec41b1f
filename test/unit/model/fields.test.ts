// The field builders of src/model: what a declaration stores (its zod schema, with the seed
// validator's messages), and what it declares for imports (kind, bounds, flags).

import {
  count,
  country,
  id,
  integer,
  oneOf,
  recordSchema,
  sources,
  text,
  type FieldSpec,
} from '../../../src/model';

/** The messages of a stored value's issues, with their paths. */
function issues(spec: FieldSpec, value: unknown): string[] {
  const result = spec.stored!.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('text', () => {
  it('stores null for an optional property and refuses an empty string', () => {
    const spec = text('shortTitle', 'Short title or acronym.');
    expect(issues(spec, null)).toEqual([]);
    expect(issues(spec, 'JTC2024')).toEqual([]);
    expect(issues(spec, ' ')).toEqual([': expected a non-empty string, received " "']);
  });

  it('refuses null for a required property, naming what it received', () => {
    expect(issues(text('title', 'Full title.', { required: true }), null)).toEqual([
      ': expected a non-empty string, received null',
    ]);
  });

  it('declares an import column of kind text with its description', () => {
    expect(text('budgetNote', 'How the budget was reported.')).toMatchObject({
      name: 'budgetNote',
      kind: 'text',
      description: 'How the budget was reported.',
    });
  });
});

describe('lists', () => {
  it('always store an array, and report a duplicate at its second position', () => {
    const spec = id('funderIds', 'Funders.', { list: true, unique: true, ref: 'Funder' });
    expect(issues(spec, null)).toEqual([': expected an array, received null']);
    expect(issues(spec, ['a', 'b', 'a'])).toEqual(['2: duplicate of item 0']);
  });

  it('report a duplicate even when another item is malformed', () => {
    const spec = id('funderIds', 'Funders.', { list: true, unique: true });
    expect(issues(spec, ['a', 'Bad Id', 'a'])).toEqual([
      '1: expected a lower-case slug id (letters, digits, single hyphens), received "Bad Id"',
      '2: duplicate of item 0',
    ]);
  });

  it('say only that a value is no list, even when the list must hold an item', () => {
    expect(issues(sources(), '')).toEqual([': expected an array, received ""']);
  });

  it('refuse an empty list when it must hold an item (sources)', () => {
    expect(issues(sources(), [])).toEqual([': expected at least one item, received an empty array']);
    expect(issues(sources(), ['ftp://example.org/x'])).toEqual([
      '0: expected an http(s) URL, received "ftp://example.org/x"',
    ]);
  });
});

describe('numbers', () => {
  it('keep the seeds unbounded above for a count, while an import column stops at 1,000,000', () => {
    const spec = count('fundersCount', 'Funders published.');
    expect(issues(spec, 5_000_000)).toEqual([]);
    expect(issues(spec, -1)).toEqual([': expected an integer from 0, received number -1']);
    expect(spec).toMatchObject({ kind: 'integer', min: 0, max: 1_000_000 });
  });

  it('bound an integer on both sides when told', () => {
    expect(issues(integer('durationMonths', { min: 1, max: 240 }, 'Months.'), 241)).toEqual([
      ': expected an integer from 1 to 240, received number 241',
    ]);
  });
});

describe('oneOf and country', () => {
  it('list the allowed values in the message', () => {
    expect(issues(oneOf('role', ['COORDINATOR', 'PARTNER'], 'Role.', { required: true }), 'LEADER')).toEqual([
      ': expected one of COORDINATOR, PARTNER, received "LEADER"',
    ]);
  });

  it('tell a malformed country code from an unassigned one', () => {
    const spec = country('countryCode', 'Country.', { required: true });
    expect(issues(spec, 'fi')).toEqual([
      ': expected an ISO 3166-1 alpha-2 code (two upper-case letters), received "fi"',
    ]);
    expect(issues(spec, 'XX')).toEqual([': expected an assigned ISO 3166-1 alpha-2 code, received "XX"']);
  });
});

describe('recordSchema', () => {
  const fields = [
    id('id', 'Id.', { required: true }),
    text('name', 'Name.', { required: true }),
    text('note', 'Note.'),
  ] as const;

  it('accepts a record with exactly its properties', () => {
    expect(recordSchema(fields).safeParse({ id: 'a', name: 'A', note: null }).success).toBe(true);
  });

  it('names a missing property, an unexpected one, and a value that is no object', () => {
    const result = recordSchema(fields).safeParse({ id: 'a', note: null, nmae: 'A' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.code, issue.message])).toEqual([
      ['name', 'invalid_type', 'is missing'],
      ['', 'unrecognized_keys', expect.any(String)],
    ]);
    expect(recordSchema(fields).safeParse('a').error?.issues[0]?.message).toBe(
      'expected an object, received "a"',
    );
  });
});
