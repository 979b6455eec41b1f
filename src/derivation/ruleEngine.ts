// The derivation rule engine: what a rule is, how a link is made, and how the rule book runs
// (each rule in order over the facts and the links kept so far, one link kept per
// (from, type, to)). The rules themselves are src/derivation/derivationRules.ts.

import type {
  CallRecord,
  DerivedLinkRecord,
  DerivedLinkType,
  LinkableLabel,
  ProjectRecord,
  Provenance,
} from '../model';

/**
 * A link a curator read in a project's own record. `quote` must occur verbatim in the
 * project's `field`, which the rule checks (CURATED_PROJECT_LINKS_RULE), so that no curated link rests on memory.
 */
export type CuratedProjectLink = {
  projectId: string;
  type: 'ADDRESSES' | 'AT_STAGE';
  toId: string;
  field: 'title' | 'description' | 'disease_area' | 'keywords';
  quote: string;
};

/** What seeds/domain/knowledge-gaps.json says about one gap, as the rules need it. */
export type GapFacts = {
  id: string;
  /** Documents naming the need, e.g. "EP PerMed JTC2024/JTC2026". */
  namedIn: readonly string[];
  /** True when the gap was deduced from call texts rather than stated as a gap. */
  inferred: boolean;
  areaIds: readonly string[];
  stageIds: readonly string[];
  objectiveIds: readonly string[];
  /** True when the area/stage/objective ids are the compiler's own mapping. */
  mappingInferred: boolean;
};

/**
 * The fields of a project that the rules read. A write that changes one of them derives the
 * project's links again; a write that changes none derives nothing (RuleProject makes the
 * compiler hold the rules to this list).
 */
export const RULE_READ_PROJECT_FIELDS = [
  'acronym',
  'title',
  'description',
  'keywords',
  'diseaseArea',
  'callId',
  'programmeId',
] as const;

/** A project as the rules see it: its id and the fields they read. */
export type RuleProject = Pick<ProjectRecord, 'id' | (typeof RULE_READ_PROJECT_FIELDS)[number]>;

/** The fields of a call that the rules read (its targets, and the links of the projects it funded). */
export const RULE_READ_CALL_FIELDS = [
  'kind',
  'title',
  'shortTitle',
  'year',
  'programmeId',
  'description',
] as const;

/** A call as the rules see it. */
export type RuleCall = Pick<CallRecord, 'id' | (typeof RULE_READ_CALL_FIELDS)[number]>;

/** Everything the rules read: mapped seed records plus the raw gap facts and curated links. */
export type DerivationInput = {
  projects: readonly RuleProject[];
  calls: readonly RuleCall[];
  gaps: readonly GapFacts[];
  curatedProjectLinks: readonly CuratedProjectLink[];
};

/** One rule: a documented, testable function from facts (and earlier links) to links. */
export type DerivationRule = {
  /** Stable id, written into every link's `rule`. */
  id: string;
  provenance: Provenance;
  /** What the link means and why the rule is a fair reading of the facts. */
  description: string;
  /** How the rule sets `confidence`, in words. */
  confidenceNote: string;
  /**
   * Derives links from `input`. `earlier` holds the deduplicated links of the rules that ran
   * before this one, for rules that chain (inheritance, objectives via gaps).
   */
  derive: (input: DerivationInput, earlier: readonly DerivedLinkRecord[]) => DerivedLinkRecord[];
};

/** One end of a link: its label and id. */
export type LinkEnd = readonly [LinkableLabel, string];

/**
 * The link `from` -[type]-> `to` that `rule` derived, citing `evidence`. Confidences are kept
 * to three decimals so that rebuilds give byte-identical files.
 */
export function derivedLink(
  rule: Pick<DerivationRule, 'id' | 'provenance'>,
  [fromLabel, fromId]: LinkEnd,
  type: DerivedLinkType,
  [toLabel, toId]: LinkEnd,
  confidence: number,
  evidence: string,
): DerivedLinkRecord {
  return {
    fromLabel,
    fromId,
    type,
    toLabel,
    toId,
    provenance: rule.provenance,
    rule: rule.id,
    confidence: Math.round(confidence * 1000) / 1000,
    evidence,
  };
}

function linkKey(record: DerivedLinkRecord): string {
  return `${record.fromLabel}:${record.fromId}|${record.type}|${record.toLabel}:${record.toId}`;
}

/** True when `a` should be kept over `b` for the same (from, type, to). */
function outranks(a: DerivedLinkRecord, b: DerivedLinkRecord): boolean {
  if (a.provenance !== b.provenance) return a.provenance === 'CURATED';
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return a.rule < b.rule;
}

/** Orders links by from, type, to so that files and diffs are stable. */
export function compareLinks(a: DerivedLinkRecord, b: DerivedLinkRecord): number {
  // Field by field without building arrays: runRules sorts every link once per rule.
  if (a.fromLabel !== b.fromLabel) return a.fromLabel < b.fromLabel ? -1 : 1;
  if (a.fromId !== b.fromId) return a.fromId < b.fromId ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (a.toLabel !== b.toLabel) return a.toLabel < b.toLabel ? -1 : 1;
  if (a.toId !== b.toId) return a.toId < b.toId ? -1 : 1;
  return 0;
}

/** Adds `links` to `best` (one per key), a candidate replacing the kept link only when it outranks it. */
function keepBest(best: Map<string, DerivedLinkRecord>, links: readonly DerivedLinkRecord[]): void {
  for (const candidate of links) {
    const key = linkKey(candidate);
    const current = best.get(key);
    if (current === undefined || outranks(candidate, current)) best.set(key, candidate);
  }
}

/**
 * Keeps one link per (from, type, to): CURATED beats INFERRED, then the higher confidence,
 * then the alphabetically first rule id (so ties resolve the same way on every build).
 * Returns the survivors sorted by compareLinks.
 */
export function dedupeLinks(links: readonly DerivedLinkRecord[]): DerivedLinkRecord[] {
  const best = new Map<string, DerivedLinkRecord>();
  keepBest(best, links);
  return [...best.values()].sort(compareLinks);
}

/**
 * Runs `rules` in order, each over `input` and the deduplicated links of the rules before it,
 * starting from `given` (links that rules of the book made earlier and the graph holds, when
 * only part of the book runs). Returns the deduplicated, sorted links (`given` among them) and
 * every link each rule derived before deduplication (`candidates`, in rule order): what a rule
 * says on its own, for measuring its precision even where a curated or stronger link won.
 * Pure when the rules are.
 */
export function runRules(
  rules: readonly DerivationRule[],
  input: DerivationInput,
  given: readonly DerivedLinkRecord[] = [],
): { links: DerivedLinkRecord[]; candidates: DerivedLinkRecord[] } {
  // The kept links are carried from rule to rule, so each rule's links are weighed against
  // them once (as dedupeLinks over all of them would, earlier links first).
  const best = new Map<string, DerivedLinkRecord>();
  keepBest(best, given);
  let links = [...best.values()].sort(compareLinks);
  const candidates: DerivedLinkRecord[] = [];
  for (const rule of rules) {
    const derived = rule.derive(input, links);
    candidates.push(...derived);
    if (derived.length === 0) continue;
    keepBest(best, derived);
    links = [...best.values()].sort(compareLinks);
  }
  return { links, candidates };
}
