// Apollo's caches keyed by query text, bounded by what their entries weigh in memory: the
// document store (parsed and validated queries, kept without their token lists) and the texts of
// automatic persisted queries. Apollo's own default sizes documents by their JSON, which counted
// a quarter of what they hold (issue 20).

import { Kind, type DocumentNode, type Location } from 'graphql';
import { LRUCache } from 'lru-cache';
import { stringBytes } from '../cache/approximateBytes';

/**
 * Heap bytes per AST node of a compacted document, measured over 4,000 documents of 27 to 63
 * nodes (node --expose-gc, after GC): 155 to 170, so 180. A document as parsed, with its token
 * list, took 305 to 326 bytes a node, and its JSON, what Apollo's default counts, 4.1 times less
 * than that.
 */
export const DOCUMENT_NODE_BYTES = 180;

/**
 * Heap bytes a kept document gains per field node once the planner has numbered it: the field's
 * slot name (`s1`, `s2`, ...) and its entry in the planner's WeakMap, which live as long as the
 * document (src/resolvers/planning/planSelection.ts), with the root field's plan-key name and the
 * operation's mark spread over its fields. Measured by `npm run bench:document-bytes` (node
 * --expose-gc, after GC) over 1,000 to 16,000 documents of bench:memory's flood, 8.3 field nodes
 * each: 60 to 86 bytes, as the WeakMap's table stands in its doubling, so 90. Counted for every
 * field node when the document is kept, planned yet or not (a kept document is numbered at its
 * first hit), so the store's bytes bound what its documents hold.
 */
export const DOCUMENT_FIELD_SLOT_BYTES = 90;

/** What a kept value costs besides itself: the key string and the LRU's bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;

/** A location without its tokens: what errors read (`source` and `start`), and JSON as graphql-js gives it. */
class CompactLocation implements Pick<Location, 'start' | 'end' | 'source'> {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly source: Location['source'],
  ) {}

  toJSON(): { start: number; end: number } {
    return { start: this.start, end: this.end };
  }
}

/**
 * A copy of `document` whose locations keep their start, end and source but not the tokens.
 * graphql-js links every token of a parsed document to the next, and each location holds its
 * first and last token, so a kept document kept its whole token list (45% of its heap). Errors
 * still point at their line and column: GraphQLError reads only `loc.source` and `loc.start`.
 * Returns the copy, how many AST nodes it holds and how many of them are fields.
 */
export function compactDocument(document: DocumentNode): {
  document: DocumentNode;
  nodes: number;
  fields: number;
} {
  let nodes = 0;
  let fields = 0;
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== 'object') return value;
    nodes += 1;
    if ((value as { kind?: unknown }).kind === Kind.FIELD) fields += 1;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'loc') {
        const loc = child as Location | undefined;
        out.loc = loc && new CompactLocation(loc.start, loc.end, loc.source);
      } else out[key] = copy(child);
    }
    return out;
  };
  return { document: copy(document) as DocumentNode, nodes, fields };
}

/** What a kept value turns into and what it weighs. */
type Prepare<V> = (value: V) => { value: V; bytes: number };

/**
 * A key-value cache with Apollo's interface (get, set with an optional ttl in seconds, delete)
 * whose entries are counted at the bytes `prepare` says, least recently used out first.
 */
export class SizedKeyValueCache<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V>;

  constructor(
    readonly maxBytes: number,
    private readonly prepare: Prepare<V>,
  ) {
    if (!(maxBytes >= 1)) {
      throw new TypeError(`SizedKeyValueCache expects maxBytes >= 1, received ${String(maxBytes)}`);
    }
    this.entries = new LRUCache<string, V>({ maxSize: maxBytes });
  }

  async get(key: string): Promise<V | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: V, options?: { ttl?: number | null }): Promise<void> {
    const prepared = this.prepare(value);
    const size = prepared.bytes + stringBytes(key) + ENTRY_OVERHEAD_BYTES;
    // An entry larger than the whole budget is not kept (lru-cache refuses it).
    if (size > this.maxBytes) return;
    this.entries.set(key, prepared.value, { size, ...(options?.ttl ? { ttl: options.ttl * 1000 } : {}) });
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  /** Entries kept and the bytes they are counted at. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }
}

/**
 * Apollo's document store (ApolloServerOptions.documentStore) within `maxBytes`, documents
 * compacted and counted with the slot names the planner gives their field nodes.
 */
export function createDocumentStore(maxBytes: number): SizedKeyValueCache<DocumentNode> {
  return new SizedKeyValueCache<DocumentNode>(maxBytes, (parsed) => {
    const { document, nodes, fields } = compactDocument(parsed);
    return {
      value: document,
      bytes:
        nodes * DOCUMENT_NODE_BYTES +
        fields * DOCUMENT_FIELD_SLOT_BYTES +
        stringBytes(parsed.loc?.source.body ?? ''),
    };
  });
}

/** Apollo's cache of persisted query texts (ApolloServerOptions.persistedQueries.cache) within `maxBytes`. */
export function createPersistedQueryCache(maxBytes: number): SizedKeyValueCache<string> {
  return new SizedKeyValueCache<string>(maxBytes, (text) => ({ value: text, bytes: stringBytes(text) }));
}
