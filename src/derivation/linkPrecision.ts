// Measures the derivation rules against a yardstick: the judged sample of project links
// (seeds/curation/judged-links.json, each judged correct or incorrect with its reason) plus the
// curated project links (correct by definition). Pure; docs/seeds.md reports its figures.

import type { CuratedProjectLink } from './ruleEngine';
import type { DerivedLinkRecord } from '../model';

/** One judged project link: a person read the project's facts and judged the link. */
export type LinkJudgement = {
  projectId: string;
  type: 'ADDRESSES' | 'AT_STAGE';
  toId: string;
  judgement: 'correct' | 'incorrect';
  /** Why, from the project's title, description, disease area or keywords. */
  reason: string;
  /**
   * Optional: the rule whose derivation of the link was judged, when the verdict is about one
   * rule's evidence. An id the rule book does not know fails the judged-sample test, naming it.
   */
  rule?: string;
};

/** Precision of one group of links: how many were judged and how many of those were right. */
export type PrecisionCount = { links: number; judged: number; correct: number; precision: number | null };

export type PrecisionReport = {
  minConfidence: number;
  /** Over the kept INFERRED project links (seeds/links.json) at or above minConfidence. */
  overall: PrecisionCount;
  /** Over each rule's own derivations (before deduplication) at or above minConfidence. */
  byRule: Map<string, PrecisionCount>;
  /** Over the kept links, per gap or stage they point to. */
  byTarget: Map<string, PrecisionCount>;
  /** Kept links at or above minConfidence that neither the sample nor the curated links judge. */
  unjudged: DerivedLinkRecord[];
  /** Curated project links that some INFERRED rule also derives (at any confidence). */
  curatedFoundByRules: { found: number; total: number };
};

function key(projectId: string, type: string, toId: string): string {
  return `${projectId}|${type}|${toId}`;
}

function isProjectLink(link: DerivedLinkRecord): boolean {
  const placesProject = link.type === 'ADDRESSES' || link.type === 'AT_STAGE';
  return link.fromLabel === 'Project' && placesProject && link.provenance === 'INFERRED';
}

function tally(groups: Map<string, PrecisionCount>, group: string, verdict: boolean | undefined): void {
  const count = groups.get(group) ?? { links: 0, judged: 0, correct: 0, precision: null };
  count.links += 1;
  if (verdict !== undefined) {
    count.judged += 1;
    if (verdict) count.correct += 1;
  }
  count.precision = count.judged === 0 ? null : count.correct / count.judged;
  groups.set(group, count);
}

/**
 * Precision of the INFERRED project ADDRESSES / AT_STAGE links at `minConfidence`: overall and
 * per target over `links` (the kept links), per rule over `candidates` (every rule's own
 * output). A link is judged by the sample, or correct when a curated link says the same; a
 * sample entry contradicting a curated link throws, as does a duplicate entry.
 */
export function linkPrecision(
  links: readonly DerivedLinkRecord[],
  candidates: readonly DerivedLinkRecord[],
  judgements: readonly LinkJudgement[],
  curated: readonly CuratedProjectLink[],
  minConfidence: number,
): PrecisionReport {
  const verdicts = new Map<string, boolean>();
  for (const entry of curated) verdicts.set(key(entry.projectId, entry.type, entry.toId), true);
  const seen = new Set<string>();
  for (const entry of judgements) {
    const k = key(entry.projectId, entry.type, entry.toId);
    if (seen.has(k)) throw new Error(`judged-links.json: ${k} is judged twice`);
    seen.add(k);
    if (verdicts.get(k) === true && entry.judgement === 'incorrect') {
      throw new Error(`judged-links.json: ${k} is judged incorrect but curated`);
    }
    verdicts.set(k, entry.judgement === 'correct');
  }
  const verdictOf = (link: DerivedLinkRecord): boolean | undefined =>
    verdicts.get(key(link.fromId, link.type, link.toId));

  const overallGroups = new Map<string, PrecisionCount>();
  const byTarget = new Map<string, PrecisionCount>();
  const unjudged: DerivedLinkRecord[] = [];
  for (const link of links) {
    if (!isProjectLink(link) || link.confidence < minConfidence) continue;
    const verdict = verdictOf(link);
    if (verdict === undefined) unjudged.push(link);
    tally(overallGroups, 'all', verdict);
    tally(byTarget, link.toId, verdict);
  }
  const byRule = new Map<string, PrecisionCount>();
  for (const link of candidates) {
    if (!isProjectLink(link) || link.confidence < minConfidence) continue;
    tally(byRule, link.rule, verdictOf(link));
  }
  const inferredKeys = new Set(
    candidates.filter(isProjectLink).map((link) => key(link.fromId, link.type, link.toId)),
  );
  const found = curated.filter((entry) =>
    inferredKeys.has(key(entry.projectId, entry.type, entry.toId)),
  ).length;
  return {
    minConfidence,
    overall: overallGroups.get('all') ?? { links: 0, judged: 0, correct: 0, precision: null },
    byRule: new Map([...byRule].sort(([a], [b]) => (a < b ? -1 : 1))),
    byTarget: new Map([...byTarget].sort(([a], [b]) => (a < b ? -1 : 1))),
    unjudged,
    curatedFoundByRules: { found, total: curated.length },
  };
}

function cell(count: PrecisionCount): string {
  const precision = count.precision === null ? '-' : count.precision.toFixed(2);
  return `${count.links} | ${count.judged} | ${count.correct} | ${precision}`;
}

/** The report as the Markdown tables docs/seeds.md quotes (the unit test compares them). */
export function formatPrecisionReport(report: PrecisionReport): string {
  const { overall, curatedFoundByRules: found } = report;
  const precision = overall.precision === null ? '-' : overall.precision.toFixed(2);
  const lines = [
    `At minConfidence ${report.minConfidence}: ${overall.correct} of ${overall.judged} kept inferred project links ` +
      `judged correct (precision ${precision}), ${report.unjudged.length} unjudged; ` +
      `the rules also derive ${found.found} of the ${found.total} curated project links.`,
    '',
    '| rule | links | judged | correct | precision |',
    '|---|---|---|---|---|',
    ...[...report.byRule].map(([rule, count]) => `| ${rule} | ${cell(count)} |`),
    '',
    '| gap or stage | links | judged | correct | precision |',
    '|---|---|---|---|---|',
    ...[...report.byTarget].map(([target, count]) => `| ${target} | ${cell(count)} |`),
  ];
  return `${lines.join('\n')}\n`;
}
