// The scope rules of `--scope pm` measured on a judged sample of real CORDIS projects
// (seeds/curation/cordis-scope-sample.json, issue 18 item 2): each sample project becomes the
// connector's project row and goes through scopeOfProject, as an export row would; precision and
// recall against the judgement, per rule, per scope confidence and overall, with 95% Wilson
// intervals. Pure; docs/connectors.md quotes formatScopePrecision and the unit test compares them.

import { wilsonInterval } from '../../derivation/heldOutPrecision';
import type { ProjectRow } from './cordisRows';
import { SCOPE_RULE_IDS, scopeOfProject, type ScopeDecision, type ScopeRuleId } from './cordisScope';

/** One judged project of the sample: its fields as the stored page shows them (null or empty when not). */
export interface ScopeSampleProject {
  grantId: string;
  acronym: string | null;
  title: string | null;
  objective: string;
  /** False when the stored page stops inside the objective. */
  objectiveComplete: boolean;
  topics: string[];
  /** The page's "Field of science" paths, labels only (e.g. "/medical and health sciences/clinical medicine/cancer"). */
  euroSciVoc: string[];
  sources: string[];
  /** 1-based index into the sample's selection.queries. */
  query: number;
  textNote: string;
  judgement: { inScope: boolean; borderline: boolean; reason: string };
}

/**
 * EuroSciVoc's personalised-medicine branch by its labels (code /21/33/5029300, issue 18): the
 * project pages show a tag's label path, not its code, so the sample is matched by labels.
 */
export const PERSONALISED_MEDICINE_LABELS = [
  'medical and health sciences',
  'health sciences',
  'personalized medicine',
];

/** The part of the connector's project row the scope rules read, from what the page shows. */
export function sampleProjectRow(
  project: ScopeSampleProject,
): Pick<ProjectRow, 'id' | 'acronym' | 'title' | 'objective' | 'topics'> {
  return {
    id: project.grantId,
    acronym: project.acronym ?? '',
    title: project.title ?? '',
    objective: project.objective,
    topics: project.topics,
  };
}

/** The project's tags under personalised medicine, named as the connector names them. */
export function samplePmTags(project: ScopeSampleProject): string[] {
  return project.euroSciVoc.filter((path) => {
    const labels = path.replace(/^\//, '').split('/');
    return PERSONALISED_MEDICINE_LABELS.every((label, at) => labels[at] === label);
  });
}

/** What the connector decides for the sample project. */
export function sampleScope(project: ScopeSampleProject): ScopeDecision {
  return scopeOfProject(sampleProjectRow(project), samplePmTags(project));
}

/** Precision over the projects a group takes in, recall over the projects judged in scope. */
export type ScopeCount = {
  taken: number;
  /** Of those, judged in scope. */
  correct: number;
  precision: number | null;
  judgedIn: number;
  /** Judged in scope and taken in by the group. */
  found: number;
  recall: number | null;
};

export type ScopePrecisionReport = {
  projects: number;
  judgedIn: number;
  borderline: number;
  objectivesComplete: number;
  withEuroSciVoc: number;
  withTopics: number;
  overall: ScopeCount;
  /** The same without the projects whose judgement is flagged borderline. */
  withoutBorderline: ScopeCount;
  /** Every rule, in precedence order, those that took in no project too. */
  byRule: Map<ScopeRuleId, ScopeCount>;
  /**
   * Projects by the scope confidence the connector stores for them, highest first (recall over
   * every project judged in scope): how well each stored confidence holds.
   */
  byConfidence: Map<number, ScopeCount>;
  /** Taken in, judged out: "grant acronym (rules)". */
  wrong: string[];
  /** Judged in scope, taken in by no rule. */
  missed: string[];
};

type Judged = { project: ScopeSampleProject; decision: ScopeDecision };

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function count(judged: readonly Judged[], takes: (entry: Judged) => boolean): ScopeCount {
  const taken = judged.filter(takes);
  const correct = taken.filter((entry) => entry.project.judgement.inScope).length;
  const judgedIn = judged.filter((entry) => entry.project.judgement.inScope).length;
  return {
    taken: taken.length,
    correct,
    precision: ratio(correct, taken.length),
    judgedIn,
    found: correct,
    recall: ratio(correct, judgedIn),
  };
}

function name(entry: Judged): string {
  const notes = [
    ...entry.decision.rules,
    ...(entry.project.judgement.borderline ? ['judged borderline'] : []),
  ];
  return `${entry.project.grantId} ${entry.project.acronym ?? '(no acronym)'}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`;
}

/** Runs the scope rules on every sample project and counts against the judgement. Throws on a grant judged twice. */
export function scopePrecision(projects: readonly ScopeSampleProject[]): ScopePrecisionReport {
  const grants = new Set<string>();
  for (const project of projects) {
    if (grants.has(project.grantId))
      throw new Error(`grant ${project.grantId} is judged twice in the sample`);
    grants.add(project.grantId);
  }
  const judged = projects.map((project) => ({ project, decision: sampleScope(project) }));
  const confidences = [
    ...new Set(judged.map((entry) => entry.decision.confidence).filter((c) => c > 0)),
  ].sort((a, b) => b - a);
  return {
    projects: projects.length,
    judgedIn: projects.filter((project) => project.judgement.inScope).length,
    borderline: projects.filter((project) => project.judgement.borderline).length,
    objectivesComplete: projects.filter((project) => project.objectiveComplete).length,
    withEuroSciVoc: projects.filter((project) => project.euroSciVoc.length > 0).length,
    withTopics: projects.filter((project) => project.topics.length > 0).length,
    overall: count(judged, (entry) => entry.decision.inScope),
    withoutBorderline: count(
      judged.filter((entry) => !entry.project.judgement.borderline),
      (entry) => entry.decision.inScope,
    ),
    byRule: new Map(
      SCOPE_RULE_IDS.map((rule) => [rule, count(judged, (entry) => entry.decision.rules.includes(rule))]),
    ),
    byConfidence: new Map(
      confidences.map((confidence) => [
        confidence,
        count(judged, (entry) => entry.decision.confidence === confidence),
      ]),
    ),
    wrong: judged
      .filter((entry) => entry.decision.inScope && !entry.project.judgement.inScope)
      .map(name)
      .sort(),
    missed: judged
      .filter((entry) => !entry.decision.inScope && entry.project.judgement.inScope)
      .map(name)
      .sort(),
  };
}

function figure(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

function interval(successes: number, trials: number): string {
  const bounds = wilsonInterval(successes, trials);
  return bounds === null ? '-' : `${bounds[0].toFixed(2)} to ${bounds[1].toFixed(2)}`;
}

function cells(scope: ScopeCount): string {
  return (
    `${scope.taken} | ${scope.correct} | ${figure(scope.precision)} | ${interval(scope.correct, scope.taken)} | ` +
    `${scope.found} of ${scope.judgedIn} | ${figure(scope.recall)} | ${interval(scope.found, scope.judgedIn)}`
  );
}

function sentence(scope: ScopeCount): string {
  return (
    `${scope.correct} of ${scope.taken} taken in are judged personalised medicine (precision ` +
    `${figure(scope.precision)}, ${interval(scope.correct, scope.taken)}); ${scope.found} of ${scope.judgedIn} ` +
    `judged personalised medicine are taken in (recall ${figure(scope.recall)}, ${interval(scope.found, scope.judgedIn)})`
  );
}

/** The report as the Markdown docs/connectors.md quotes (the unit test compares them). */
export function formatScopePrecision(report: ScopePrecisionReport): string {
  const header =
    '| taken in | of them judged in scope | precision | 95% interval | judged in scope taken in | recall | 95% interval |';
  const rule = '|---|---|---|---|---|---|---|---|';
  const list = (items: string[]): string => (items.length === 0 ? 'none' : items.join('; '));
  return `${[
    `On ${report.projects} real project pages (${report.judgedIn} judged personalised medicine, ` +
      `${report.borderline} judgements flagged borderline; ${report.objectivesComplete} objectives complete, ` +
      `${report.withTopics} with topics, ${report.withEuroSciVoc} with EuroSciVoc): ${sentence(report.overall)}. ` +
      `Without the borderline projects: ${sentence(report.withoutBorderline)}. Intervals: 95% Wilson.`,
    '',
    `| rule ${header}`,
    rule,
    ...[...report.byRule].map(([id, scope]) => `| ${id} | ${cells(scope)} |`),
    '',
    `| scope confidence stored ${header}`,
    rule,
    ...[...report.byConfidence].map(([confidence, scope]) => `| ${confidence} | ${cells(scope)} |`),
    '',
    `Taken in but judged outside personalised medicine (${report.wrong.length}): ${list(report.wrong)}.`,
    '',
    `Judged personalised medicine but taken in by no rule (${report.missed.length}): ${list(report.missed)}.`,
  ].join('\n')}\n`;
}
