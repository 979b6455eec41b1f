// Specifies the response cache's key: the same request gives the same key whatever the order
// of its variables; anything the answer depends on (text, operation, variables, role, base
// URL) gives another.

import { ANONYMOUS } from '../../../src/auth/principal';
import { cacheRole, responseCacheKey, type ResponseCacheKeyParts } from '../../../src/http/responseCache';

const PARTS: ResponseCacheKeyParts = {
  query: 'query Page($first: Int) { projects(first: $first) { nodes { id } } }',
  operationName: 'Page',
  variables: { first: 2, filter: { year: 2020, countries: ['DE'] } },
  role: 'anonymous',
  baseUrl: 'http://localhost:4000',
};

describe('responseCacheKey', () => {
  it('gives one key for variables in any key order', () => {
    expect(
      responseCacheKey({ ...PARTS, variables: { filter: { countries: ['DE'], year: 2020 }, first: 2 } }),
    ).toBe(responseCacheKey(PARTS));
  });

  it('gives one key for absent, null and empty variables', () => {
    const keys = [undefined, null, {}].map((variables) => responseCacheKey({ ...PARTS, variables }));
    expect(new Set(keys).size).toBe(1);
  });

  it('gives another key when any part the answer depends on differs', () => {
    const variants: ResponseCacheKeyParts[] = [
      { ...PARTS, query: `${PARTS.query} ` },
      { ...PARTS, operationName: null },
      { ...PARTS, variables: { ...PARTS.variables, first: 3 } },
      { ...PARTS, variables: { ...PARTS.variables, after: null } },
      { ...PARTS, role: 'role:reader' },
      { ...PARTS, baseUrl: 'http://example.org' },
      { ...PARTS, baseUrl: null },
    ];
    const keys = new Set([PARTS, ...variants].map(responseCacheKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it('cannot be made equal by moving text between parts', () => {
    const a = responseCacheKey({ ...PARTS, query: '{ a }","x', operationName: null });
    const b = responseCacheKey({ ...PARTS, query: '{ a }', operationName: 'x' });
    expect(a).not.toBe(b);
  });
});

describe('cacheRole', () => {
  it('names anonymous callers and the role of authenticated ones, not who they are', () => {
    expect(cacheRole(ANONYMOUS)).toBe('anonymous');
    expect(cacheRole({ kind: 'apiKey', keyId: 'k1', name: 'a', role: 'reader' })).toBe('role:reader');
    expect(cacheRole({ kind: 'jwt', subject: 's', role: 'reader' })).toBe('role:reader');
  });
});
