// Apollo's caches keyed by query text: documents kept without their tokens, errors still placed,
// and every entry counted within its budget.

import { GraphQLError, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import {
  compactDocument,
  createDocumentStore,
  createPersistedQueryCache,
  DOCUMENT_NODE_BYTES,
  SizedKeyValueCache,
} from '../../../src/http/documentStore';

const QUERY = '{\n  project(id: "project-permanens") {\n    acronym\n  }\n}';

describe('compactDocument', () => {
  it('keeps every node and where it starts, not the token list', () => {
    const parsed = parse(QUERY);
    const { document, nodes } = compactDocument(parsed);
    const field = (document.definitions[0] as OperationDefinitionNode).selectionSet
      .selections[0] as FieldNode;
    expect(field.name.value).toBe('project');
    expect([field.loc!.start, field.loc!.end, field.loc!.source]).toEqual([4, 54, parsed.loc!.source]);
    expect(JSON.stringify(document)).toBe(JSON.stringify(parsed));
    // document, operation, selection sets, fields, names, the argument and its value
    expect(nodes).toBe(11);
  });

  it('leaves errors their line and column', () => {
    const { document } = compactDocument(parse(QUERY));
    const field = (document.definitions[0] as OperationDefinitionNode).selectionSet
      .selections[0] as FieldNode;
    const acronym = field.selectionSet!.selections[0]!;
    expect(new GraphQLError('no', { nodes: [acronym] }).locations).toEqual([{ line: 3, column: 5 }]);
  });
});

describe('SizedKeyValueCache', () => {
  const cache = () => new SizedKeyValueCache<string>(1000, (text) => ({ value: text, bytes: text.length }));

  it('counts an entry at its prepared bytes, its key and the bookkeeping', async () => {
    const store = cache();
    await store.set('k', 'x'.repeat(100));
    expect(store.stats()).toEqual({ entries: 1, bytes: 100 + 1 + 200 });
    expect(await store.get('k')).toHaveLength(100);
  });

  it('drops the least recently used entries to stay within its budget', async () => {
    const store = cache();
    // 301 bytes each: three fit in 1000, a fourth drops the least recently used (b, once a is read).
    for (const key of ['a', 'b', 'c']) await store.set(key, 'x'.repeat(100));
    await store.get('a');
    await store.set('d', 'x'.repeat(100));
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(store.stats().bytes).toBeLessThanOrEqual(1000);
  });

  it('keeps nothing larger than the whole budget', async () => {
    const store = cache();
    await store.set('big', 'x'.repeat(900));
    expect(store.stats().entries).toBe(0);
  });

  it('refuses a budget below one byte', () => {
    expect(() => new SizedKeyValueCache(0, (v: string) => ({ value: v, bytes: 1 }))).toThrow(
      'SizedKeyValueCache expects maxBytes >= 1, received 0',
    );
  });
});

describe('createDocumentStore', () => {
  it('keeps documents compacted, counted by their nodes and query text', async () => {
    const store = createDocumentStore(1_000_000);
    await store.set('key', parse(QUERY));
    const kept = await store.get('key');
    const field = (kept!.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    expect(field.loc).not.toHaveProperty('startToken');
    expect(store.stats().bytes).toBe(11 * DOCUMENT_NODE_BYTES + QUERY.length + 3 + 200);
  });
});

describe('createPersistedQueryCache', () => {
  it('counts query texts by their characters', async () => {
    const store = createPersistedQueryCache(1_000_000);
    await store.set('apq:abc', QUERY, { ttl: 300 });
    expect(store.stats()).toEqual({ entries: 1, bytes: QUERY.length + 7 + 200 });
  });
});
