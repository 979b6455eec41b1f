// Apollo's caches keyed by query text: documents kept without their tokens, errors still placed,
// and every entry counted within its budget.

import {
  buildSchema,
  execute,
  GraphQLError,
  Kind,
  parse,
  visit,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';
import {
  compactDocument,
  createDocumentStore,
  createPersistedQueryCache,
  DOCUMENT_FIELD_SLOT_BYTES,
  DOCUMENT_NODE_BYTES,
  SizedKeyValueCache,
} from '../../../src/http/documentStore';
import { plannedProjection, slotOf } from '../../../src/resolvers/planning/planSelection';
import { loadTypeDefs } from '../../../src/schema';

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

  it('counts the field nodes among them', () => {
    expect(compactDocument(parse(QUERY)).fields).toBe(2);
    const fragments = parse('query A { ...F project(id: "x") { ...F } } fragment F on Query { __typename }');
    expect(compactDocument(fragments).fields).toBe(2);
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
  it('keeps documents compacted, counted by their nodes, the slot names of their fields and query text', async () => {
    const store = createDocumentStore(1_000_000);
    await store.set('key', parse(QUERY));
    const kept = await store.get('key');
    const field = (kept!.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    expect(field.loc).not.toHaveProperty('startToken');
    expect(store.stats().bytes).toBe(
      11 * DOCUMENT_NODE_BYTES + 2 * DOCUMENT_FIELD_SLOT_BYTES + QUERY.length + 3 + 200,
    );
  });

  it('keeps fewer documents within its budget once their slot names count', async () => {
    // Each of these documents is counted at 11 nodes, 2 fields, its text, key and bookkeeping:
    // ten fit a budget of ten without slot names, nine with them.
    const text = (i: number) => QUERY.replace('project-permanens', `project-${i}`);
    const withoutSlots = 11 * DOCUMENT_NODE_BYTES + text(0).length + 2 + 200;
    const store = createDocumentStore(10 * withoutSlots);
    for (let i = 0; i < 10; i += 1) await store.set(`k${i}`, parse(text(i)));
    expect(store.stats().entries).toBe(9);
    expect(store.stats().bytes).toBe(9 * (withoutSlots + 2 * DOCUMENT_FIELD_SLOT_BYTES));
  });

  it('counts a slot name for every field node the planner numbers in a kept document', async () => {
    const store = createDocumentStore(1_000_000);
    const query = `query A { p: project(id: "x") { ...P call { shortTitle } } }
      query B { projects(first: 2) { nodes { ...P } } }
      fragment P on Project { acronym funders { acronym } }`;
    await store.set('key', parse(query));
    const kept = (await store.get('key')) as DocumentNode;
    // Both operations run and planned as the resolvers plan them (root fields resolve to null).
    const schema = buildSchema(loadTypeDefs().join('\n'));
    for (const operationName of ['A', 'B']) {
      void execute({
        schema,
        document: kept,
        operationName,
        fieldResolver: (_source, _args, _context, info) => {
          plannedProjection(info, info.returnType.toString().endsWith('Connection!') ? 'connection' : 'node');
          return null;
        },
      });
    }
    const fields: FieldNode[] = [];
    visit(kept, { [Kind.FIELD]: (node) => void fields.push(node) });
    expect(fields.filter((node) => slotOf(node) !== undefined)).toHaveLength(fields.length);
    expect(compactDocument(kept).fields).toBe(fields.length);
    expect(fields).toHaveLength(8);
  });
});

describe('createPersistedQueryCache', () => {
  it('counts query texts by their characters', async () => {
    const store = createPersistedQueryCache(1_000_000);
    await store.set('apq:abc', QUERY, { ttl: 300 });
    expect(store.stats()).toEqual({ entries: 1, bytes: QUERY.length + 7 + 200 });
  });
});
