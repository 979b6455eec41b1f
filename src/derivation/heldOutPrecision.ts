// Measures the derivation rules on the held-out projects of issue 17 (seeds/curation/held-out.json
// and held-out-unseen-projects.json) against a complete judgement of each project
// (held-out-judgement.json): precision of the links the rules keep, recall of the placements the
// project plainly states, per rule family and per gap or stage. Pure; docs/seeds.md quotes it.

import { blankProjectRecord, type DerivedLinkRecord, type ProjectRecord } from '../model';

/** The two project link types a judgement places. */
export type PlacementType = 'ADDRESSES' | 'AT_STAGE';

/** One placement of a project judged from its own text: a gap it addresses or a stage it is at. */
export type Placement = {
  type: PlacementType;
  toId: string;
  /** Why, quoting the project's text. */
  reason: string;
};

/**
 * The complete judgement of one held-out project: `plain` placements are stated in words a
 * reader cannot take otherwise (a miss counts against recall), `acceptable` ones are defensible
 * but not stated (a link there is no error, its absence no miss). Every other gap and stage is
 * judged not addressed: a rule link to it is an error.
 */
export type ProjectJudgement = { projectId: string; plain: Placement[]; acceptable: Placement[] };

/** seeds/curation/held-out-unseen-projects.json: a real project's texts as found, with its page. */
export type UnseenProject = {
  id: string;
  acronym: string;
  title: string | null;
  description: string;
  keywords: string[];
  diseaseArea: string | null;
  callId: string | null;
  programmeId: string | null;
  sources: string[];
};

/** The ids a judged file may name; anything else is refused, named. */
export type KnownIds = {
  projectIds: ReadonlySet<string>;
  gapIds: ReadonlySet<string>;
  stageIds: ReadonlySet<string>;
  ruleIds: ReadonlySet<string>;
};

/** One entry of a judged file as far as ids go (judged-links.json or held-out-judgement.json). */
export type JudgedEntry = { projectId: string; type: string; toId: string; rule?: string };

/**
 * Throws an Error naming `file`, the entry and the unknown id when an entry names a project,
 * gap, stage or rule that does not exist, or a link type other than ADDRESSES (to a gap) or
 * AT_STAGE (to a stage). A judged sample that names a renamed rule or a misspelt gap would
 * otherwise judge nothing without a word.
 */
export function checkJudgedIds(file: string, entries: readonly JudgedEntry[], known: KnownIds): void {
  entries.forEach((entry, index) => {
    const at = `${file}: entry ${index} (${entry.projectId} ${entry.type} ${entry.toId})`;
    if (!known.projectIds.has(entry.projectId)) {
      throw new Error(`${at} names an unknown project ${JSON.stringify(entry.projectId)}`);
    }
    if (entry.type === 'ADDRESSES') {
      if (!known.gapIds.has(entry.toId)) {
        throw new Error(`${at} names an unknown knowledge gap ${JSON.stringify(entry.toId)}`);
      }
    } else if (entry.type === 'AT_STAGE') {
      if (!known.stageIds.has(entry.toId)) {
        throw new Error(`${at} names an unknown value-chain stage ${JSON.stringify(entry.toId)}`);
      }
    } else {
      throw new Error(`${at} has link type ${JSON.stringify(entry.type)}; expected ADDRESSES or AT_STAGE`);
    }
    if (entry.rule !== undefined && !known.ruleIds.has(entry.rule)) {
      throw new Error(`${at} names an unknown rule ${JSON.stringify(entry.rule)}`);
    }
  });
}

/** The placements of a judgement file as judged entries, for checkJudgedIds. */
export function judgementEntries(judgements: readonly ProjectJudgement[]): JudgedEntry[] {
  return judgements.flatMap((project) =>
    [...project.plain, ...project.acceptable].map((placement) => ({
      projectId: project.projectId,
      type: placement.type,
      toId: placement.toId,
    })),
  );
}

/** A held-out project found on a public page as a project record the rules can read. */
export function unseenProjectRecord(project: UnseenProject): ProjectRecord {
  return {
    ...blankProjectRecord(project),
    title: project.title,
    programmeId: project.programmeId,
    callId: project.callId,
    diseaseArea: project.diseaseArea,
    keywords: project.keywords,
    description: project.description,
  };
}

/**
 * The family a rule belongs to: the keyword tables form two families (one rule per gap or
 * stage table, `keywords-gap-*` and `keywords-stage-*`); every other rule is its own family.
 */
export function ruleFamily(ruleId: string): string {
  for (const family of ['keywords-gap', 'keywords-stage']) {
    if (ruleId.startsWith(`${family}-`)) return family;
  }
  return ruleId;
}

/** Precision over links and recall over plain placements of one group. */
export type HeldOutCount = {
  /** Links at or above the threshold. */
  links: number;
  /** Of those, links to a plain or acceptable placement. */
  correct: number;
  precision: number | null;
  /** Plain placements the group could find (of the link types it derives). */
  plain: number;
  /** Of those, placements the group derives at or above the threshold. */
  found: number;
  recall: number | null;
};

export type HeldOutReport = {
  minConfidence: number;
  projects: number;
  /** Over the kept INFERRED project links of the held-out projects. */
  overall: HeldOutCount;
  /** Of the overall links, those to a plain placement (precision without the acceptable class). */
  plainLinks: number;
  /** Over each family's own derivations (before deduplication). */
  byFamily: Map<string, HeldOutCount>;
  /** Over each rule's own derivations (before deduplication). */
  byRule: Map<string, HeldOutCount>;
  /** Over the kept links and the plain placements, per gap or stage. */
  byTarget: Map<string, HeldOutCount>;
  /** Kept links judged not addressed ("project type to (rule)"). */
  wrong: string[];
  /** Plain placements no kept link finds ("project type to"). */
  missed: string[];
};

function key(projectId: string, type: string, toId: string): string {
  return `${projectId} ${type} ${toId}`;
}

function emptyCount(): HeldOutCount {
  return { links: 0, correct: 0, precision: null, plain: 0, found: 0, recall: null };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function counter(groups: Map<string, HeldOutCount>, group: string): HeldOutCount {
  const count = groups.get(group) ?? emptyCount();
  groups.set(group, count);
  return count;
}

function finish(groups: Map<string, HeldOutCount>): Map<string, HeldOutCount> {
  for (const count of groups.values()) {
    count.precision = ratio(count.correct, count.links);
    count.recall = ratio(count.found, count.plain);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function placesProject(link: DerivedLinkRecord): boolean {
  return (
    link.fromLabel === 'Project' &&
    (link.type === 'ADDRESSES' || link.type === 'AT_STAGE') &&
    link.provenance === 'INFERRED'
  );
}

type Grouping = {
  groupOf: (rule: string) => string;
  /** What a group can find: the placements of the (type, target) pairs it derives anywhere. */
  scopeOf: (link: DerivedLinkRecord) => string;
  scopeOfPlacement: (type: string, toId: string) => string;
};

const BY_FAMILY: Grouping = {
  groupOf: ruleFamily,
  scopeOf: (link) => link.type,
  scopeOfPlacement: (type) => type,
};

const BY_RULE: Grouping = {
  groupOf: (rule) => rule,
  scopeOf: (link) => `${link.type} ${link.toId}`,
  scopeOfPlacement: (type, toId) => `${type} ${toId}`,
};

/**
 * Precision and recall of the rules on `judgements`' projects at `minConfidence`. `links` are the
 * kept links and `candidates` every rule's own output, both derived WITHOUT curated links of
 * these projects (a new project has none). A kept link is correct when its placement is plain
 * or acceptable; a plain placement is found when a kept link at or above the threshold makes
 * it. A family is charged with the plain placements of the link types it derives anywhere in
 * `candidates` (a gap family is not charged with stages), a rule with those of the (type,
 * target) pairs it derives anywhere. Throws when a project is judged twice or a placement is
 * both plain and acceptable.
 */
export function heldOutPrecision(
  links: readonly DerivedLinkRecord[],
  candidates: readonly DerivedLinkRecord[],
  judgements: readonly ProjectJudgement[],
  minConfidence: number,
): HeldOutReport {
  const plain = new Set<string>();
  const acceptable = new Set<string>();
  const projects = new Set<string>();
  for (const project of judgements) {
    if (projects.has(project.projectId)) throw new Error(`${project.projectId} is judged twice`);
    projects.add(project.projectId);
    for (const placement of project.plain) plain.add(key(project.projectId, placement.type, placement.toId));
    for (const placement of project.acceptable) {
      const k = key(project.projectId, placement.type, placement.toId);
      if (plain.has(k)) throw new Error(`${k} is judged both plain and acceptable`);
      acceptable.add(k);
    }
  }
  const isCorrect = (k: string): boolean => plain.has(k) || acceptable.has(k);
  const onHeldOut = (link: DerivedLinkRecord): boolean =>
    placesProject(link) && projects.has(link.fromId) && link.confidence >= minConfidence;

  const overall = emptyCount();
  let plainLinks = 0;
  const byTarget = new Map<string, HeldOutCount>();
  const kept = new Set<string>();
  const wrong: string[] = [];
  for (const link of links.filter(onHeldOut)) {
    const k = key(link.fromId, link.type, link.toId);
    kept.add(k);
    if (plain.has(k)) plainLinks += 1;
    const right = isCorrect(k);
    if (!right) wrong.push(`${k} (${link.rule})`);
    for (const count of [overall, counter(byTarget, link.toId)]) {
      count.links += 1;
      if (right) count.correct += 1;
    }
  }
  const missed: string[] = [];
  for (const project of judgements) {
    for (const placement of project.plain) {
      const k = key(project.projectId, placement.type, placement.toId);
      const found = kept.has(k);
      if (!found) missed.push(k);
      for (const count of [overall, counter(byTarget, placement.toId)]) {
        count.plain += 1;
        if (found) count.found += 1;
      }
    }
  }
  overall.precision = ratio(overall.correct, overall.links);
  overall.recall = ratio(overall.found, overall.plain);
  const grouped = (grouping: Grouping): Map<string, HeldOutCount> => {
    const groups = new Map<string, HeldOutCount>();
    const scopes = new Map<string, Set<string>>();
    for (const link of candidates.filter(placesProject)) {
      const group = grouping.groupOf(link.rule);
      counter(groups, group);
      scopes.set(group, (scopes.get(group) ?? new Set()).add(grouping.scopeOf(link)));
    }
    const foundBy = new Map<string, Set<string>>();
    for (const link of candidates.filter(onHeldOut)) {
      const group = grouping.groupOf(link.rule);
      const count = counter(groups, group);
      const k = key(link.fromId, link.type, link.toId);
      count.links += 1;
      if (isCorrect(k)) count.correct += 1;
      foundBy.set(group, (foundBy.get(group) ?? new Set()).add(k));
    }
    for (const project of judgements) {
      for (const placement of project.plain) {
        const k = key(project.projectId, placement.type, placement.toId);
        const scope = grouping.scopeOfPlacement(placement.type, placement.toId);
        for (const [group, groupScopes] of scopes) {
          if (!groupScopes.has(scope)) continue;
          const count = counter(groups, group);
          count.plain += 1;
          if (foundBy.get(group)?.has(k) === true) count.found += 1;
        }
      }
    }
    return finish(groups);
  };
  return {
    minConfidence,
    projects: projects.size,
    overall,
    plainLinks,
    byFamily: grouped(BY_FAMILY),
    byRule: grouped(BY_RULE),
    byTarget: finish(byTarget),
    wrong: wrong.sort(),
    missed: missed.sort(),
  };
}

/**
 * The 95% Wilson score interval of a proportion `successes` / `trials` (Wilson 1927; the
 * interval Brown, Cai and DasGupta 2001 recommend for small samples). Null when `trials` is 0.
 */
export function wilsonInterval(successes: number, trials: number): [number, number] | null {
  if (trials === 0) return null;
  const z = 1.959964;
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** How two judges agree on the links both judged: `sample` verdicts against a complete judgement. */
export type JudgeAgreement = { compared: number; agreed: number; disagreements: string[] };

/**
 * Compares the verdicts of the judged sample (judged-links.json) on the judged projects with the
 * complete judgement: a sample verdict "correct" agrees with a plain or acceptable placement,
 * "incorrect" with none.
 */
export function judgeAgreement(
  sample: ReadonlyArray<{
    projectId: string;
    type: string;
    toId: string;
    judgement: 'correct' | 'incorrect';
  }>,
  judgements: readonly ProjectJudgement[],
): JudgeAgreement {
  const placed = new Set<string>();
  for (const project of judgements) {
    for (const placement of [...project.plain, ...project.acceptable]) {
      placed.add(key(project.projectId, placement.type, placement.toId));
    }
  }
  const judged = new Set(judgements.map((project) => project.projectId));
  const disagreements: string[] = [];
  let compared = 0;
  for (const entry of sample) {
    if (!judged.has(entry.projectId)) continue;
    compared += 1;
    const k = key(entry.projectId, entry.type, entry.toId);
    if ((entry.judgement === 'correct') !== placed.has(k)) {
      disagreements.push(`${k} (sample: ${entry.judgement})`);
    }
  }
  return { compared, agreed: compared - disagreements.length, disagreements: disagreements.sort() };
}

function interval(successes: number, trials: number): string {
  const bounds = wilsonInterval(successes, trials);
  return bounds === null ? '' : ` [${bounds[0].toFixed(2)}, ${bounds[1].toFixed(2)}]`;
}

function figure(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

function cells(count: HeldOutCount): string {
  return (
    `${count.links} | ${count.correct} | ${figure(count.precision)} | ` +
    `${count.plain} | ${count.found} | ${figure(count.recall)}`
  );
}

/**
 * The report as the Markdown docs/seeds.md quotes (the unit test compares them): the summary
 * line and the family table, and with `full` the rule and target tables and the wrong and
 * missed placements too.
 */
export function formatHeldOutReport(report: HeldOutReport, full = true): string {
  const { overall } = report;
  const strict = ratio(report.plainLinks, overall.links);
  const header = '| links | correct | precision | plain | found | recall |';
  const lines = [
    `At minConfidence ${report.minConfidence}, on ${report.projects} projects: ${overall.correct} of ` +
      `${overall.links} kept inferred project links correct (precision ${figure(overall.precision)}` +
      `${interval(overall.correct, overall.links)}; ${report.plainLinks} to a plain placement, ` +
      `${figure(strict)}); ${overall.found} of ${overall.plain} plain placements found ` +
      `(recall ${figure(overall.recall)}${interval(overall.found, overall.plain)}). ` +
      'Brackets: 95% Wilson intervals.',
    '',
    `| rule family ${header}`,
    '|---|---|---|---|---|---|---|',
    ...[...report.byFamily].map(([family, count]) => `| ${family} | ${cells(count)} |`),
  ];
  if (full) {
    lines.push(
      '',
      `| rule ${header}`,
      '|---|---|---|---|---|---|---|',
      ...[...report.byRule].map(([rule, count]) => `| ${rule} | ${cells(count)} |`),
      '',
      `| gap or stage ${header}`,
      '|---|---|---|---|---|---|---|',
      ...[...report.byTarget].map(([target, count]) => `| ${target} | ${cells(count)} |`),
      '',
      `Wrong (${report.wrong.length}): ${report.wrong.length === 0 ? 'none' : report.wrong.join('; ')}.`,
      '',
      `Missed (${report.missed.length}): ${report.missed.length === 0 ? 'none' : report.missed.join('; ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The agreement of the two judges in one sentence, as docs/seeds.md quotes it. */
export function formatJudgeAgreement(agreement: JudgeAgreement): string {
  const differ =
    agreement.disagreements.length === 0
      ? 'they differ on none'
      : `they differ on ${agreement.disagreements.join('; ')}`;
  return (
    `The judged sample's verdicts on the ${agreement.compared} links it judges on these projects agree with ` +
    `this judgement on ${agreement.agreed}; ${differ}.\n`
  );
}
