// The argument check shared by the measures: they accept a graphology Graph and nothing else.

import type Graph from 'graphology-types';

/**
 * Throws a TypeError naming `measure` when `value` is not a graphology graph (an object
 * with `order`, `forEachNode` and `degree`), so plain data passed by mistake fails early.
 */
export function assertGraph(value: unknown, measure: string): asserts value is Graph {
  const candidate = value as Partial<Graph> | null;
  if (
    !candidate ||
    typeof candidate !== 'object' ||
    typeof candidate.order !== 'number' ||
    typeof candidate.forEachNode !== 'function' ||
    typeof candidate.degree !== 'function'
  ) {
    const received = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new TypeError(
      `${measure} expects a graphology Graph (see buildNetworkGraph), received ${received}`,
    );
  }
  if (candidate.type === 'directed') {
    throw new TypeError(`${measure} expects an undirected graph, received a directed one`);
  }
}
