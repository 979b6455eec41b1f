// Cursors and page sizes of keyset pagination.

import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, PageArgumentError, pageSize } from '../../../src/db/pagination';

const limits = { defaultPageSize: 20, maxPageSize: 100 };

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a position within the same scope', () => {
    const cursor = encodeCursor('projects:YEAR:DESC', { value: 2024, id: 'project-x' });
    expect(decodeCursor('projects:YEAR:DESC', cursor)).toEqual({ value: 2024, id: 'project-x' });
  });

  it('produces URL-safe text', () => {
    expect(encodeCursor('funders:NAME:ASC', { value: 'Ünïcode/+?', id: 'a' })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('rejects a cursor of another list or sort order, naming "after"', () => {
    const cursor = encodeCursor('funders:NAME:ASC', { value: 'A', id: 'a' });
    expect(() => decodeCursor('projects:YEAR:DESC', cursor)).toThrow(
      /Invalid argument "after": is a cursor of "funders:NAME:ASC"/,
    );
    expect(() => decodeCursor('funders:NAME:DESC', cursor)).toThrow(/Invalid argument "after"/);
  });

  it.each([
    ['random text', 'not a cursor!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of the wrong shape', Buffer.from(JSON.stringify({ scope: 'x', id: 3 })).toString('base64url')],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
    [
      'an object sort value',
      Buffer.from(JSON.stringify({ scope: 'x', id: 'a', value: {} })).toString('base64url'),
    ],
  ])('rejects %s', (_, after) => {
    expect(() => decodeCursor('x', after)).toThrow(
      'Invalid argument "after": is not a cursor returned by this API',
    );
  });
});

describe('pageSize', () => {
  it('uses the default when first is absent', () => {
    expect(pageSize(undefined, limits)).toBe(20);
    expect(pageSize(null, limits)).toBe(20);
  });

  it('accepts 0 up to the maximum', () => {
    expect(pageSize(0, limits)).toBe(0);
    expect(pageSize(100, limits)).toBe(100);
  });

  it.each([-1, 101, 2.5])('rejects %p naming first', (first) => {
    expect(() => pageSize(first, limits)).toThrow(
      `Invalid argument "first": must be an integer from 0 to 100, got ${first}`,
    );
  });
});

describe('the data layer refuses with a plain error', () => {
  it('throws PageArgumentError, not a GraphQL error, naming the argument and the reason', () => {
    let error: unknown;
    try {
      pageSize(101, limits);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PageArgumentError);
    expect(error).not.toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({ argument: 'first', reason: 'must be an integer from 0 to 100, got 101' });
  });
});
