// JSON text that is the same for equal values however their object keys were ordered, so that
// two requests with the same variables written in another order share one cache entry.

/**
 * `value` as JSON with the keys of every object in code-unit order (arrays keep their order).
 * Like JSON.stringify it leaves out undefined properties and writes non-finite numbers as
 * null; unlike it, it throws a TypeError on values JSON cannot hold (functions, symbols,
 * bigints, undefined at the top), since such a value cannot have come from a JSON request.
 */
export function canonicalJson(value: unknown): string {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      text += (i > 0 ? ',' : '') + (item === undefined ? 'null' : canonicalJson(item));
    }
    return `${text}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let text = '{';
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
      first = false;
    }
    return `${text}}`;
  }
  throw new TypeError(`canonicalJson expects a JSON value, received ${typeof value}`);
}
