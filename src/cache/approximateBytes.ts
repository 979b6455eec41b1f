// How many bytes of V8's heap a value holds, approximately: for budgets of caches whose values
// are plain data (arrays, objects, Maps, Sets, strings, numbers), counted once per value kept.

/** V8 on 64-bit Node without pointer compression: 8 bytes a field, headers of 16 to 32 bytes. */
const POINTER = 8;
const OBJECT_HEADER = 32;
const STRING_HEADER = 16;
/** A double that is not a small integer is a boxed HeapNumber. */
const HEAP_NUMBER = 16;
/** A Map or Set entry: key, value and the hash table's chain (OrderedHashMap). */
const COLLECTION_ENTRY = 3 * POINTER;

/** Bytes of a string's characters in V8's heap: one each, two when any is beyond Latin-1. */
export function stringBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? text.length * 2 : text.length;
}

export interface ApproximateBytesOptions {
  /**
   * Count equal strings once, for a value built to hold one copy of each (the gap projection,
   * GapProjectionBuilder). Off by default: strings decoded apart (each row of a driver's answer)
   * are separate copies however equal, and counting them once would under-estimate.
   */
  distinctStrings?: boolean;
}

/**
 * The bytes `value` holds: objects by their own fields, arrays by their slots, strings by their
 * characters, each object counted once however often it is reached. An over-estimate of live
 * plain data by up to about a third (V8 packs small objects tighter than this), never an
 * under-estimate, measured on the analytics of the seed graph and of 100,000 projects against
 * the heap they took after GC (docs/operations.md#memory).
 */
export function approximateBytes(value: unknown, options: ApproximateBytesOptions = {}): number {
  const seen = new Set<object>();
  const seenStrings = options.distinctStrings ? new Set<string>() : null;
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    switch (typeof item) {
      case 'string':
        if (seenStrings) {
          if (seenStrings.has(item)) break;
          seenStrings.add(item);
        }
        bytes += STRING_HEADER + stringBytes(item);
        break;
      case 'number':
        bytes += Number.isInteger(item) && Math.abs(item) < 2 ** 31 ? 0 : HEAP_NUMBER;
        break;
      case 'object': {
        if (item === null || seen.has(item)) break;
        seen.add(item);
        if (item instanceof Map) {
          bytes += OBJECT_HEADER + item.size * COLLECTION_ENTRY;
          for (const [key, entry] of item) stack.push(key, entry);
        } else if (item instanceof Set) {
          bytes += OBJECT_HEADER + item.size * COLLECTION_ENTRY;
          for (const entry of item) stack.push(entry);
        } else if (ArrayBuffer.isView(item)) {
          bytes += OBJECT_HEADER + item.byteLength;
        } else if (Array.isArray(item)) {
          bytes += OBJECT_HEADER + item.length * POINTER;
          for (const entry of item) stack.push(entry);
        } else {
          const keys = Object.keys(item);
          bytes += OBJECT_HEADER + keys.length * POINTER;
          for (const key of keys) stack.push((item as Record<string, unknown>)[key]);
        }
        break;
      }
      default:
        // booleans, undefined, symbols: immediates or shared; functions: code, not data.
        break;
    }
  }
  return bytes;
}
