// The rule book run over part of a graph: a batch of projects (or calls) with the facts around
// them as the graph holds them, giving exactly the INFERRED links the whole book gives them at
// the seed build (test/unit/derivation/deriveEntityLinks.test.ts checks it on the seeds).
// Used inside every write that changes what a rule reads, and by `npm run derive`.

import {
  CALL_TARGETS_RULE,
  CALL_TITLE_TARGETS_RULE,
  CURATED_PROJECT_LINKS_RULE,
  DERIVATION_RULES,
  GAP_MAPPING_RULE,
} from './derivationRules';
import { classifyDiseaseAreas, type RuleDiseaseArea } from './diseaseAreaRule';
import { projectFields } from './keywordRules';
import { runRules, type DerivationRule, type GapFacts, type RuleCall, type RuleProject } from './ruleEngine';
import { INFERRED_LINK_SHAPES, type DerivedLinkRecord, type InferredLink } from '../model';

/** The rules that derive a call's TARGETS from the call and the gaps' texts. */
export const CALL_RULES: readonly DerivationRule[] = [CALL_TARGETS_RULE, CALL_TITLE_TARGETS_RULE];

/**
 * The rules that derive a project's links, in book order: every rule of the book but those
 * reading the seed build's inputs alone (gap mappings and seeds/curation/project-links.json,
 * whose links the graph holds as CURATED) and the call rules.
 */
export const PROJECT_RULES: readonly DerivationRule[] = DERIVATION_RULES.filter(
  (rule) => ![GAP_MAPPING_RULE, CURATED_PROJECT_LINKS_RULE, ...CALL_RULES].includes(rule),
);

/** What the project rules read around a batch of projects, as the graph holds it. */
export interface ProjectRuleFacts {
  projects: readonly RuleProject[];
  /** The projects' calls, and every call of the programme of a project without a call. */
  calls: readonly RuleCall[];
  /**
   * Links the project rules build on: the TARGETS of those calls, every gap's SERVES, and the
   * projects' CURATED links (which win over an inferred link on the same pair).
   */
  given: readonly DerivedLinkRecord[];
  diseaseAreas: readonly RuleDiseaseArea[];
}

/** A project the rules placed nowhere, and why, in words for an import report. */
export interface UnplacedProject {
  projectId: string;
  reason: string;
}

/** The inferred links of a batch of projects, and the projects left without any. */
export interface ProjectDerivation {
  links: InferredLink[];
  unplaced: UnplacedProject[];
}

function inferredLinkOf(link: DerivedLinkRecord): InferredLink {
  return {
    type: link.type as InferredLink['type'],
    fromId: link.fromId,
    toId: link.toId,
    rule: link.rule,
    confidence: link.confidence,
    evidence: link.evidence,
  };
}

/** Why a project has no link: what it lacks, in the words of the fields the rules read. */
function unplacedReason(project: RuleProject): string {
  const hasText = projectFields(project).some(([, text]) => text.trim() !== '');
  const text = hasText
    ? 'nothing in its title, keywords, description or disease area matches a rule'
    : 'it has no title, keywords, description or disease area for a rule to read';
  return `no inferred link: ${text}, and ${project.callId === null ? 'it names no call' : `its call ${project.callId} places it nowhere`}`;
}

/**
 * The INFERRED project links (ADDRESSES, AT_STAGE, ADVANCES, IN_DISEASE_AREA) of `facts.projects`,
 * sorted by project, type and target; a pair that a given CURATED link holds gets none. Pure.
 */
export function deriveProjectLinks(facts: ProjectRuleFacts): ProjectDerivation {
  const ids = new Set(facts.projects.map((project) => project.id));
  const input = { projects: facts.projects, calls: facts.calls, gaps: [], curatedProjectLinks: [] };
  const { links } = runRules(PROJECT_RULES, input, facts.given);
  const inferred = links
    .filter(
      (link) =>
        link.provenance === 'INFERRED' &&
        link.fromLabel === 'Project' &&
        ids.has(link.fromId) &&
        link.type in INFERRED_LINK_SHAPES,
    )
    .map(inferredLinkOf);
  for (const area of classifyDiseaseAreas(facts.projects, facts.diseaseAreas)) {
    inferred.push({
      type: 'IN_DISEASE_AREA',
      fromId: area.projectId,
      toId: area.diseaseAreaId,
      rule: area.rule,
      confidence: area.confidence,
      evidence: area.evidence,
    });
  }
  inferred.sort(compareInferredLinks);
  const placed = new Set(inferred.map((link) => link.fromId));
  for (const link of facts.given) if (link.fromLabel === 'Project') placed.add(link.fromId);
  const unplaced = facts.projects
    .filter((project) => !placed.has(project.id))
    .map((project) => ({ projectId: project.id, reason: unplacedReason(project) }))
    .sort((a, b) => (a.projectId < b.projectId ? -1 : 1));
  return { links: inferred, unplaced };
}

/** The INFERRED TARGETS links of `calls`, from their own texts and the gaps' named_in texts. Pure. */
export function deriveCallTargets(calls: readonly RuleCall[], gaps: readonly GapFacts[]): InferredLink[] {
  const ids = new Set(calls.map((call) => call.id));
  const { links } = runRules(CALL_RULES, { projects: [], calls, gaps, curatedProjectLinks: [] });
  return links
    .filter((link) => link.provenance === 'INFERRED' && link.type === 'TARGETS' && ids.has(link.fromId))
    .map(inferredLinkOf)
    .sort(compareInferredLinks);
}

/** Orders inferred links by start, type and end, so that reports and audits are stable. */
export function compareInferredLinks(a: InferredLink, b: InferredLink): number {
  const ka = [a.fromId, a.type, a.toId];
  const kb = [b.fromId, b.type, b.toId];
  for (let i = 0; i < ka.length; i += 1) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
