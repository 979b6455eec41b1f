// What deriving again changes: the links the rules give now against those the graph holds,
// as additions, changes (rule, confidence, evidence or rule book version) and removals, and
// their tallies per rule and per gap or stage for the reports. Pure.

import { compareInferredLinks, type UnplacedProject } from './deriveEntityLinks';
import type { InferredLink, StoredInferredLink } from '../model';

/** The derivation properties a change compares and writes. */
export const DERIVATION_PROPERTIES = ['rule', 'confidence', 'evidence', 'ruleBookVersion'] as const;

/** One link that deriving again adds, changes or removes. */
export interface InferredLinkChange<Stored extends StoredInferredLink = StoredInferredLink> {
  change: 'added' | 'changed' | 'removed';
  /** The link as it is after the change; for a removal, as it was. */
  link: InferredLink;
  /** The link as the graph held it; null when added. */
  previous: Stored | null;
  /** The derivation properties that differ (all of them when added or removed). */
  fields: string[];
}

function pairKey(link: InferredLink): string {
  return `${link.type}|${link.fromId}|${link.toId}`;
}

/**
 * The changes that turn `stored` (the INFERRED links of some projects or calls, as the graph
 * holds them) into `derived` (what the rule book at `version` gives them now), sorted by start,
 * type and end. A link equal in every derivation property is no change; its origin is not
 * compared (it says which write derived it last).
 */
export function inferredLinkChanges<Stored extends StoredInferredLink>(
  stored: readonly Stored[],
  derived: readonly InferredLink[],
  version: string,
): Array<InferredLinkChange<Stored>> {
  const before = new Map(stored.map((link) => [pairKey(link), link]));
  const changes: Array<InferredLinkChange<Stored>> = [];
  for (const link of derived) {
    const previous = before.get(pairKey(link)) ?? null;
    before.delete(pairKey(link));
    if (previous === null) {
      changes.push({ change: 'added', link, previous, fields: [...DERIVATION_PROPERTIES] });
      continue;
    }
    const now = { ...link, ruleBookVersion: version };
    const fields = DERIVATION_PROPERTIES.filter((name) => now[name] !== previous[name]);
    if (fields.length > 0) changes.push({ change: 'changed', link, previous, fields });
  }
  for (const previous of before.values()) {
    const { type, fromId, toId, rule, confidence, evidence } = previous;
    const link = { type, fromId, toId, rule, confidence, evidence };
    changes.push({ change: 'removed', link, previous, fields: [...DERIVATION_PROPERTIES] });
  }
  return changes.sort((a, b) => compareInferredLinks(a.link, b.link));
}

/** Links added, changed and removed. */
export interface ChangeTally {
  added: number;
  changed: number;
  removed: number;
}

/** Links shown in full in a summary (the rest are counted). */
const SAMPLE_SIZE = 20;

/** What derivation did (or, in a dry run, would do) over one or more batches. */
export interface DerivationSummary {
  /** Projects and calls whose links were derived again. */
  projects: number;
  calls: number;
  totals: ChangeTally;
  /** Per rule: a change counts under the rule that derives the link now (a removal: that derived it). */
  byRule: Record<string, ChangeTally>;
  /** Per gap, stage, objective or disease area the links reach. */
  byTarget: Record<string, ChangeTally>;
  /** The first changes in full, in order. */
  samples: InferredLinkChange[];
  /** Projects the rules placed nowhere (the first SAMPLE_SIZE), and how many in all. */
  unplaced: UnplacedProject[];
  unplacedCount: number;
}

export function emptyDerivationSummary(): DerivationSummary {
  return {
    projects: 0,
    calls: 0,
    totals: { added: 0, changed: 0, removed: 0 },
    byRule: {},
    byTarget: {},
    samples: [],
    unplaced: [],
    unplacedCount: 0,
  };
}

/** Total links added, changed and removed. */
export function changeCount(summary: DerivationSummary): number {
  return summary.totals.added + summary.totals.changed + summary.totals.removed;
}

function bump(tallies: Record<string, ChangeTally>, key: string, change: InferredLinkChange['change']): void {
  const tally = (tallies[key] ??= { added: 0, changed: 0, removed: 0 });
  tally[change] += 1;
}

/** Counts `changes` and `unplaced` of `projects` and `calls` derived again into `summary`. */
export function addToSummary(
  summary: DerivationSummary,
  derived: { projects: number; calls: number },
  changes: readonly InferredLinkChange[],
  unplaced: readonly UnplacedProject[],
): void {
  summary.projects += derived.projects;
  summary.calls += derived.calls;
  for (const change of changes) {
    summary.totals[change.change] += 1;
    bump(summary.byRule, change.link.rule, change.change);
    bump(summary.byTarget, change.link.toId, change.change);
    if (summary.samples.length < SAMPLE_SIZE) summary.samples.push(change);
  }
  summary.unplacedCount += unplaced.length;
  for (const project of unplaced) if (summary.unplaced.length < SAMPLE_SIZE) summary.unplaced.push(project);
}

/** Adds one summary into another (batches into a run). */
export function mergeSummaries(into: DerivationSummary, from: DerivationSummary): void {
  into.projects += from.projects;
  into.calls += from.calls;
  for (const change of ['added', 'changed', 'removed'] as const) into.totals[change] += from.totals[change];
  for (const [tallies, other] of [
    [into.byRule, from.byRule],
    [into.byTarget, from.byTarget],
  ] as const) {
    for (const [key, tally] of Object.entries(other)) {
      const target = (tallies[key] ??= { added: 0, changed: 0, removed: 0 });
      target.added += tally.added;
      target.changed += tally.changed;
      target.removed += tally.removed;
    }
  }
  for (const sample of from.samples) if (into.samples.length < SAMPLE_SIZE) into.samples.push(sample);
  into.unplacedCount += from.unplacedCount;
  for (const project of from.unplaced) if (into.unplaced.length < SAMPLE_SIZE) into.unplaced.push(project);
}
