// Keyset pagination for Relay connections: opaque cursors that carry the list, the sort
// order and the position (sort value and id) of the last item seen.
//
// The data layer throws a plain PageArgumentError here; callers check `first` and `after`
// first (src/resolvers/arguments.ts `pageArguments`), which reports the same problem as
// the API's BAD_USER_INPUT error, so what reaches these checks has already passed them.

/** Limits a list applies to `first`. */
export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

/**
 * A `first` or `after` the list cannot use: the argument and why, worded for a client
 * ("after", "is not a cursor returned by this API"). Plain data, no GraphQL: the layer
 * above turns it into its public error.
 */
export class PageArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`Invalid argument "${argument}": ${reason}`);
    this.name = 'PageArgumentError';
  }
}

/** The scope a cursor belongs to: the list and its sort order, e.g. "projects:YEAR:DESC". */
export function cursorScope(list: string, field: string, direction: string): string {
  return `${list}:${field}:${direction}`;
}

/** A decoded cursor: the sort value and id of the item to continue after. */
export interface CursorPosition {
  value: string | number | boolean | null;
  id: string;
}

interface CursorPayload extends CursorPosition {
  /** The list and sort order the cursor belongs to, e.g. "projects:YEAR:DESC". */
  scope: string;
}

/** Encodes a position as an opaque, URL-safe cursor. */
export function encodeCursor(scope: string, position: CursorPosition): string {
  const payload: CursorPayload = { scope, value: position.value, id: position.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * Decodes `after` for the list and sort order `scope`, whose sort values are of
 * `valueType` when given (a list never issues a cursor with a null sort value).
 * @throws PageArgumentError naming `after` when the cursor is malformed, was issued
 *   by another list or sort order (keyset positions are meaningless across them), or
 *   carries a sort value of another type (it would silently match nothing).
 */
export function decodeCursor(scope: string, after: string, valueType?: 'string' | 'number'): CursorPosition {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw new PageArgumentError('after', 'is not a cursor returned by this API');
  }
  if (!isCursorPayload(payload)) {
    throw new PageArgumentError('after', 'is not a cursor returned by this API');
  }
  if (payload.scope !== scope) {
    throw new PageArgumentError(
      'after',
      `is a cursor of "${payload.scope}" and cannot continue "${scope}"; pass the endCursor of the same list and sort order`,
    );
  }
  if (valueType !== undefined && typeof payload.value !== valueType) {
    throw new PageArgumentError('after', 'is not a cursor returned by this API');
  }
  return { value: payload.value, id: payload.id };
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const sortValue = candidate.value;
  return (
    typeof candidate.scope === 'string' &&
    typeof candidate.id === 'string' &&
    (sortValue === null || ['string', 'number', 'boolean'].includes(typeof sortValue))
  );
}

/**
 * Resolves `first` against the limits.
 * @throws PageArgumentError when `first` is negative or above the maximum.
 */
export function pageSize(first: number | null | undefined, limits: PageLimits, argument = 'first'): number {
  if (first === null || first === undefined) return limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxPageSize) {
    throw new PageArgumentError(argument, `must be an integer from 0 to ${limits.maxPageSize}, got ${first}`);
  }
  return first;
}
