// Rankings of network nodes by one measure: "the 10 most central funders".

import type { NodeMeasures } from './networkMeasures';

/** The measures a ranking can sort by. */
export type RankingMeasure = Exclude<keyof NodeMeasures, 'community'>;

export const RANKING_MEASURES: readonly RankingMeasure[] = [
  'degree',
  'degreeCentrality',
  'weightedDegree',
  'betweenness',
  'pageRank',
];

export interface RankedNode {
  id: string;
  /** 1-based; tied scores share a rank (competition ranking: 1, 2, 2, 4). */
  rank: number;
  score: number;
}

/**
 * The `first` nodes with the highest `measure`, highest first, ties by id ascending.
 * `include` keeps only the nodes it returns true for (e.g. funders in a bipartite network)
 * before ranking. Ranks are competition ranks over the kept nodes, so equal scores share a
 * rank. Scores equal within 1e-12 are ties (floating-point noise of iterative measures).
 *
 * @throws TypeError when `measure` is not a ranking measure or `first` is not a
 *   non-negative integer.
 */
export function rankNodes(
  measures: ReadonlyMap<string, NodeMeasures>,
  measure: RankingMeasure,
  first: number,
  include: (id: string) => boolean = () => true,
): RankedNode[] {
  if (!RANKING_MEASURES.includes(measure)) {
    throw new TypeError(
      `rankNodes expects a measure among ${RANKING_MEASURES.join(', ')}, received ${String(measure)}`,
    );
  }
  if (!Number.isInteger(first) || first < 0) {
    throw new TypeError(`rankNodes expects a non-negative integer "first", received ${String(first)}`);
  }
  const rows = [...measures.entries()]
    .filter(([id]) => include(id))
    .map(([id, values]) => ({ id, score: values[measure] }))
    .sort((a, b) =>
      Math.abs(b.score - a.score) > 1e-12 ? b.score - a.score : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  const ranked: RankedNode[] = [];
  rows.forEach((row, index) => {
    const previous = ranked[index - 1];
    const tied = previous !== undefined && Math.abs(previous.score - row.score) <= 1e-12;
    ranked.push({ id: row.id, score: row.score, rank: tied ? previous.rank : index + 1 });
  });
  return ranked.slice(0, first);
}
