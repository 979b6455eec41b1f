// Specifies which requests the cache's hit path may answer (the forms Apollo accepts and runs
// alike) and the content type it answers with (the one Apollo would choose).

import express from 'express';
import { hitContentType, sentOperation, weakEtag } from '../../../src/http/cacheHits';
import { answerHead } from '../../../src/http/responseCache';

const QUERY = '{ projects { nodes { id } } }';

describe('sentOperation', () => {
  it('reads a query with its operation name and variables', () => {
    expect(
      sentOperation({ query: QUERY, operationName: 'P', variables: { first: 2 }, extensions: undefined }),
    ).toEqual({ query: QUERY, operationName: 'P', variables: { first: 2 } });
  });

  it('reads absent and null operation names, variables and extensions alike', () => {
    const expected = { query: QUERY, operationName: null, variables: null };
    expect(
      sentOperation({ query: QUERY, operationName: undefined, variables: undefined, extensions: undefined }),
    ).toEqual(expected);
    expect(sentOperation({ query: QUERY, operationName: null, variables: null, extensions: {} })).toEqual(
      expected,
    );
  });

  it('leaves to Apollo whatever it would refuse or interpret itself', () => {
    const refused = [
      { query: undefined },
      { query: { kind: 'Document' } },
      { query: QUERY, operationName: 3 },
      { query: QUERY, variables: '{"first":2}' },
      { query: QUERY, variables: [1] },
      { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { query: QUERY, extensions: 'x' },
    ];
    for (const fields of refused) {
      expect(
        sentOperation({ operationName: undefined, variables: undefined, extensions: undefined, ...fields }),
      ).toBeNull();
    }
  });
});

describe('hitContentType', () => {
  it('answers JSON when the client states no preference', () => {
    expect(hitContentType(undefined)).toBe('application/json; charset=utf-8');
    expect(hitContentType('')).toBe('application/json; charset=utf-8');
    expect(hitContentType('*/*')).toBe('application/json; charset=utf-8');
  });

  it('answers the GraphQL response type when the client prefers it', () => {
    expect(hitContentType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(hitContentType('application/json')).toBe('application/json; charset=utf-8');
  });

  it('leaves to Apollo an Accept header that accepts neither (its 406) or asks for the callback type', () => {
    expect(hitContentType('text/html')).toBeNull();
    expect(hitContentType('application/json; callbackSpec=1.0')).toBeNull();
  });
});

describe('weakEtag', () => {
  it('equals the ETag Express gives the same body', async () => {
    const { head, headHash } = answerHead({ projects: { nodes: [{ id: 'p1', acronym: 'Ä' }] } });
    const tail = Buffer.from(',"extensions":{"cache":"HIT"}}\n');
    const app = express();
    app.get('/', (_req, res) => {
      res.send(Buffer.concat([head, tail]));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect(weakEtag(headHash, tail, head.length + tail.length)).toBe(response.headers.get('etag'));
      // The hash state is copied, not spent: a second hit gets the same tag.
      expect(weakEtag(headHash, tail, head.length + tail.length)).toBe(response.headers.get('etag'));
    } finally {
      server.close();
    }
  });
});
