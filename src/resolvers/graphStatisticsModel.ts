// The shape of the graph statistics the query price reads (src/http/cost/operationCost.ts)
// and the prewarm computes (src/resolvers/graphStatistics.ts), with the names of their keys:
// plain data, so that the price stays a pure function of the document and these figures.

/**
 * The largest lists of one data version, as plain data for the pure price
 * (src/http/cost/operationCost.ts). Keys are `Type.field` (Funder.calls), a root list with
 * one filter field `Query.projects[funders]` (the most items one value of the field selects),
 * or a field with the arguments that change its answer `Query.cofundingNetwork(basis: CALLS)`
 * (variantKey). Every figure is a maximum over the graph, never a mean: priced on mean degrees,
 * 11 of 30 realistic queries came out below their real size (issue 19).
 */
export interface GraphStatistics {
  /** The data version the figures were read at. */
  readonly dataVersion: number;
  /** The most items a field's list (or a page of a root list, or a network's nodes) holds, per parent. */
  readonly lists: Readonly<Record<string, number>>;
  /**
   * The most items of lists below a field, by that field: below the co-funding network by
   * calls, `Network.edges` holds at most its 250 edges; below a coverage cell's `projectLevel`,
   * `ProjectTally.projects` holds at most the fullest cell's projects.
   */
  readonly below: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * The arguments that change which list a field returns, in key order: a network by calls or
 * by projects, of countries or of organisations, a coverage matrix of gaps or objectives.
 */
export const LIST_VARIANT_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  'Query.cofundingNetwork': ['basis'],
  'Query.collaborationNetwork': ['level'],
  'Query.bipartiteNetwork': ['actors', 'targets', 'basis'],
  'Query.coverageMatrix': ['rows', 'stageGrain'],
};

/** `Query.cofundingNetwork(basis: CALLS)`: the key of a field's list under the values of its variant arguments. */
export function variantKey(field: string, values: readonly string[]): string {
  const names = LIST_VARIANT_ARGUMENTS[field];
  if (!names || names.length !== values.length) {
    throw new TypeError(
      `variantKey expected ${names?.length ?? 0} values for ${field}, received ${values.length}`,
    );
  }
  return `${field}(${names.map((name, index) => `${name}: ${values[index]}`).join(', ')})`;
}

/** Filter fields of root lists that name records one by one: a page holds at most one record per value. */
export const ID_FILTER_FIELDS: readonly string[] = ['ids', 'codes'];
