// The rule book: every rule that derives a link no source states as such (seeds/links.json),
// with its id, what it means, whether a person (CURATED) or a pattern (INFERRED) made it, how
// confidence is set, and the logic. Nothing here adds a fact; each link cites the text it was
// derived from. The rules' data (keyword tables, call series, stages) is derivationKeywords.ts,
// the keyword matcher keywordRules.ts and the engine that runs the book ruleEngine.ts.

import { UnreachableCaseError } from '../errors';
import { CALL_KIND_STAGES, CALL_SERIES, STAGES_BEYOND_RESEARCH } from './derivationKeywords';
import { GAP_KEYWORD_RULES, gapsNamedByText, STAGE_KEYWORD_RULES } from './keywordRules';
import {
  derivedLink,
  runRules,
  type CuratedProjectLink,
  type DerivationInput,
  type DerivationRule,
  type RuleCall,
  type RuleProject,
} from './ruleEngine';
import type { CallKind, DerivedLinkRecord, DerivedLinkType, LinkableLabel } from '../model';

// ---------------------------------------------------------------------------------------------
// Gap mappings (CURATED): knowledge-gaps.json's related_*_ids were assigned by the compiler.

const GAP_MAPPING_CONFIDENCE = { stated: 1, compilersMapping: 0.8 } as const;

/** KnowledgeGap IN_AREA / AT_STAGE / SERVES from the compiler's related ids. */
export const GAP_MAPPING_RULE: DerivationRule = {
  id: 'gap-mapping-from-domain',
  provenance: 'CURATED',
  description:
    'A knowledge gap lies in an SRIA area (IN_AREA), at a value-chain stage (AT_STAGE) and serves an EP PerMed objective (SERVES) when knowledge-gaps.json lists that id in related_area_ids, related_stage_ids or related_objective_ids. A person (the compiler) made these mappings.',
  confidenceNote: `${GAP_MAPPING_CONFIDENCE.stated} when the gap says the mapping is stated by its sources (mapping_inferred false); ${GAP_MAPPING_CONFIDENCE.compilersMapping} when it is the compiler's own judgement (mapping_inferred true).`,
  derive(input) {
    const out: DerivedLinkRecord[] = [];
    for (const gap of input.gaps) {
      const confidence = gap.mappingInferred
        ? GAP_MAPPING_CONFIDENCE.compilersMapping
        : GAP_MAPPING_CONFIDENCE.stated;
      const basis = gap.mappingInferred ? "compiler's mapping" : 'stated mapping';
      const targets: Array<[DerivedLinkType, LinkableLabel, readonly string[], string]> = [
        ['IN_AREA', 'SriaArea', gap.areaIds, 'related_area_ids'],
        ['AT_STAGE', 'ValueChainStage', gap.stageIds, 'related_stage_ids'],
        ['SERVES', 'Objective', gap.objectiveIds, 'related_objective_ids'],
      ];
      for (const [type, toLabel, ids, field] of targets) {
        for (const toId of ids) {
          const evidence = `knowledge-gaps.json: ${gap.id} lists ${toId} in ${field} (${basis})`;
          out.push(
            derivedLink(
              GAP_MAPPING_RULE,
              ['KnowledgeGap', gap.id],
              type,
              [toLabel, toId],
              confidence,
              evidence,
            ),
          );
        }
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Call TARGETS KnowledgeGap (INFERRED): a gap's named_in text names a call.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The calls a named_in text names, by (a) "JTC" plus a year ("JTC2024/JTC2026" names both),
 * (b) a call's one-word short title ("PGxPM2025", "PMTargets") or (c) a call series name
 * ("Fast Track Call", "Venture Creation Programme", "Education Call 2025"). Events never
 * target gaps. Returns call ids, sorted.
 */
export function callsNamedIn(text: string, calls: readonly RuleCall[]): string[] {
  const found = new Set<string>();
  const fundingCalls = calls.filter((call) => call.kind !== 'EVENT');
  for (const match of text.matchAll(/\bJTC ?(20\d{2})\b/g)) {
    const year = Number(match[1]);
    for (const call of fundingCalls) {
      if (call.kind === 'JOINT_TRANSNATIONAL_CALL' && call.year === year) found.add(call.id);
    }
  }
  for (const call of fundingCalls) {
    const short = call.shortTitle;
    if (
      short !== null &&
      /^[A-Za-z][A-Za-z0-9]*$/.test(short) &&
      new RegExp(`\\b${escapeRegExp(short)}\\b`).test(text)
    ) {
      found.add(call.id);
    }
  }
  const yearInText = /\b(20\d{2})\b/.exec(text.replace(/\bJTC ?20\d{2}\b/g, ''));
  for (const series of CALL_SERIES.rows) {
    if (!series.mention.test(text)) continue;
    for (const call of fundingCalls) {
      if (!series.title.test(call.title)) continue;
      if (yearInText && call.year !== Number(yearInText[1])) continue;
      found.add(call.id);
    }
  }
  return [...found].sort();
}

const CALL_TARGETS_CONFIDENCE = { gapFromCallText: 0.9, gapStatedElsewhere: 0.8 } as const;

/** Call TARGETS KnowledgeGap when the gap's named_in names the call. */
export const CALL_TARGETS_RULE: DerivationRule = {
  id: 'call-targets-gap-named-in',
  provenance: 'INFERRED',
  description:
    'A call targets a knowledge gap when one of the gap\'s named_in documents names the call: "JTC" plus a year, the call\'s one-word short title (PGxPM2025, PMTargets, CARMEN2026), or a call series (Fast Track Call, Venture Creation Programme, Education Call 2025). Events never target gaps.',
  confidenceNote: `${CALL_TARGETS_CONFIDENCE.gapFromCallText} when the gap itself was deduced from call texts (inferred true), so the call topic is the gap; ${CALL_TARGETS_CONFIDENCE.gapStatedElsewhere} when the gap is stated elsewhere and the call is one of the documents naming it.`,
  derive(input) {
    const out: DerivedLinkRecord[] = [];
    for (const gap of input.gaps) {
      const confidence = gap.inferred
        ? CALL_TARGETS_CONFIDENCE.gapFromCallText
        : CALL_TARGETS_CONFIDENCE.gapStatedElsewhere;
      for (const text of gap.namedIn) {
        for (const callId of callsNamedIn(text, input.calls)) {
          const evidence = `knowledge-gaps.json: ${gap.id} is named in "${text}", which names ${callId}`;
          out.push(
            derivedLink(
              CALL_TARGETS_RULE,
              ['Call', callId],
              'TARGETS',
              ['KnowledgeGap', gap.id],
              confidence,
              evidence,
            ),
          );
        }
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Curated project links (CURATED): a curator read the link in the project's own record.

const CURATED_PROJECT_LINK_CONFIDENCE = 0.9;

function projectFieldText(project: RuleProject, field: CuratedProjectLink['field']): string[] {
  switch (field) {
    case 'title':
      return project.title === null ? [] : [project.title];
    case 'description':
      return project.description === null ? [] : [project.description];
    case 'disease_area':
      return project.diseaseArea === null ? [] : [project.diseaseArea];
    case 'keywords':
      return project.keywords;
    default:
      throw new UnreachableCaseError(field);
  }
}

/** Project ADDRESSES/AT_STAGE links from seeds/curation/project-links.json. */
export const CURATED_PROJECT_LINKS_RULE: DerivationRule = {
  id: 'curated-project-links',
  provenance: 'CURATED',
  description:
    "A curator linked a project to a knowledge gap (ADDRESSES) or a value-chain stage (AT_STAGE) because the project's own title, description, disease area or keywords state it plainly. Each entry quotes the words; the rule refuses an entry whose quote is not in that field.",
  confidenceNote: `${CURATED_PROJECT_LINK_CONFIDENCE}: read by a person, but from a paraphrased description rather than the project's full text.`,
  derive(input) {
    const projects = new Map(input.projects.map((project) => [project.id, project]));
    return input.curatedProjectLinks.map((entry, index) => {
      const where = `seeds/curation/project-links.json[${index}]`;
      const project = projects.get(entry.projectId);
      if (project === undefined) {
        throw new Error(`${where}: project "${entry.projectId}" is not in projects.json`);
      }
      if (!projectFieldText(project, entry.field).some((text) => text.includes(entry.quote))) {
        throw new Error(
          `${where}: the ${entry.field} of ${entry.projectId} does not contain the quote "${entry.quote}"`,
        );
      }
      const toLabel: LinkableLabel = entry.type === 'ADDRESSES' ? 'KnowledgeGap' : 'ValueChainStage';
      const evidence = `${entry.field} of ${project.acronym}: "${entry.quote}"`;
      return derivedLink(
        CURATED_PROJECT_LINKS_RULE,
        ['Project', project.id],
        entry.type,
        [toLabel, entry.toId],
        CURATED_PROJECT_LINK_CONFIDENCE,
        evidence,
      );
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Call TARGETS KnowledgeGap from the call's own title and scope (INFERRED).

const CALL_TITLE_CONFIDENCE = { title: 0.8, scope: 0.7 } as const;

/** Call TARGETS KnowledgeGap when the call's title or scope (description) uses a gap's words. */
export const CALL_TITLE_TARGETS_RULE: DerivationRule = {
  id: 'call-targets-gap-from-title',
  provenance: 'INFERRED',
  description:
    'A call targets a knowledge gap when its own title or scope (calls.json description) uses the gap\'s words, read with the project keyword tables: JTC2022 "Prevention in Personalised Medicine" targets personalised prevention. Events never target gaps.',
  confidenceNote: `${CALL_TITLE_CONFIDENCE.title} when the title uses the words (the call's topic), ${CALL_TITLE_CONFIDENCE.scope} when only the one-line scope does.`,
  derive(input) {
    const out: DerivedLinkRecord[] = [];
    for (const call of input.calls) {
      if (call.kind === 'EVENT') continue;
      const byGap = new Map<string, { confidence: number; evidence: string[] }>();
      const read = (text: string | null, where: string, confidence: number): void => {
        if (text === null) return;
        for (const { gapId, matches } of gapsNamedByText(text)) {
          const entry = byGap.get(gapId) ?? { confidence, evidence: [] };
          entry.confidence = Math.max(entry.confidence, confidence);
          entry.evidence.push(`${matches.map((match) => `"${match.text}"`).join(', ')} in its ${where}`);
          byGap.set(gapId, entry);
        }
      };
      read(call.title, 'title', CALL_TITLE_CONFIDENCE.title);
      read(call.description, 'scope', CALL_TITLE_CONFIDENCE.scope);
      for (const [gapId, { confidence, evidence }] of byGap) {
        out.push(
          derivedLink(
            CALL_TITLE_TARGETS_RULE,
            ['Call', call.id],
            'TARGETS',
            ['KnowledgeGap', gapId],
            confidence,
            `${call.id}: ${evidence.join('; ')}`,
          ),
        );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Project ADDRESSES the gaps its call targets (INFERRED).

const INHERITANCE_FACTOR = 0.6;

/**
 * The gap a call is about: the one gap of its targets that its title names when it names
 * exactly one (JTC2022 prevention, JTC2024 targets, JTC2025 pharmacogenomics), else its only
 * target. Null when the call has several topics and no single one in its title (JTC2021).
 */
function mainTopicOf(call: RuleCall | undefined, targets: readonly DerivedLinkRecord[]): string | null {
  const targeted = new Set(targets.map((target) => target.toId));
  const titled = new Set(
    gapsNamedByText(call?.title ?? '')
      .map((named) => named.gapId)
      .filter((gapId) => targeted.has(gapId)),
  );
  if (titled.size === 1) return [...titled][0] ?? null;
  return targeted.size === 1 ? ([...targeted][0] ?? null) : null;
}

/** Project ADDRESSES KnowledgeGap inherited from its call's TARGETS links. */
export const PROJECT_INHERITS_CALL_TARGETS_RULE: DerivationRule = {
  id: 'project-inherits-call-targets',
  provenance: 'INFERRED',
  description:
    "A project funded by a call addresses the call's main topic: the one gap its title names, or its only target. A call with several topics (JTC2024 targets six gaps) does not hand them all to every project: each of its other targets is inherited at its share only, below the gap analytics' default minConfidence, so that a basic study of leukaemia metabolism does not count towards ethics or implementation.",
  confidenceNote: `${INHERITANCE_FACTOR} x the TARGETS confidence for the main topic (0.54 for a gap deduced from the call topic, 0.48 otherwise); ${INHERITANCE_FACTOR} x the TARGETS confidence / the number of gaps the call targets for the others (0.08 for each of JTC2024's six).`,
  derive(input, earlier) {
    const targetsByCall = new Map<string, DerivedLinkRecord[]>();
    for (const targets of earlier) {
      if (targets.type !== 'TARGETS') continue;
      const list = targetsByCall.get(targets.fromId) ?? [];
      list.push(targets);
      targetsByCall.set(targets.fromId, list);
    }
    const calls = new Map(input.calls.map((call) => [call.id, call]));
    const out: DerivedLinkRecord[] = [];
    for (const project of input.projects) {
      if (project.callId === null) continue;
      const targets = targetsByCall.get(project.callId) ?? [];
      const main = mainTopicOf(calls.get(project.callId), targets);
      for (const target of targets) {
        const isMain = target.toId === main;
        const confidence = INHERITANCE_FACTOR * target.confidence * (isMain ? 1 : 1 / targets.length);
        const role = isMain ? 'its main topic' : `one of its ${targets.length} targets`;
        const evidence = `funded by ${project.callId}, which targets ${target.toId} as ${role} (${target.evidence})`;
        out.push(
          derivedLink(
            PROJECT_INHERITS_CALL_TARGETS_RULE,
            ['Project', project.id],
            'ADDRESSES',
            ['KnowledgeGap', target.toId],
            confidence,
            evidence,
          ),
        );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Call- and programme-level stage rules (INFERRED).

const CALL_KIND_STAGE_CONFIDENCE = { alone: 0.6, laterStageShown: 0.3 } as const;

/** The stage a kind of call funds (CALL_KIND_STAGES), or null when the kind says nothing about it. */
export function stageOfCallKind(kind: CallKind): string | null {
  return CALL_KIND_STAGES.rows[kind];
}

/**
 * The least confidence of a later-stage link that makes the call-kind and programme stages step
 * back: the gap analytics' default minConfidence (DEFAULT_MIN_CONFIDENCE in
 * src/analytics/coverageScope.ts; a unit test keeps the two equal). A later stage the analytics
 * do not show by default (the implementation words at 0.35 since the held-out measurement of
 * issue 17) must not push the research stage out of sight too, or the project would sit at no
 * stage at all.
 */
export const LATER_STAGE_SHOWN_AT = 0.4;

/** Projects that an earlier stage link (keywords or curated) places beyond research. */
function projectsBeyondResearch(earlier: readonly DerivedLinkRecord[]): Map<string, string> {
  const beyond = new Map<string, string>();
  for (const stage of earlier) {
    if (
      stage.fromLabel === 'Project' &&
      stage.type === 'AT_STAGE' &&
      STAGES_BEYOND_RESEARCH.rows.has(stage.toId) &&
      stage.confidence >= LATER_STAGE_SHOWN_AT &&
      !beyond.has(stage.fromId)
    ) {
      beyond.set(stage.fromId, stage.toId);
    }
  }
  return beyond;
}

/** Project AT_STAGE from the kind of call that funded it. */
export const CALL_KIND_STAGE_RULE: DerivationRule = {
  id: 'call-kind-stage',
  provenance: 'INFERRED',
  description:
    "A project funded by a joint transnational (research) call is at the research stage; one funded by an innovation call or action is at the innovation stage. Support calls and events imply no stage. When the project's own text places it at development, validation, innovation or implementation (a link at or above the gap analytics' default minConfidence), the call kind steps back (lower confidence), so that the stage axis tells research from what comes after.",
  confidenceNote: `${CALL_KIND_STAGE_CONFIDENCE.alone} when nothing else places the project; ${CALL_KIND_STAGE_CONFIDENCE.laterStageShown} when its text or a curator places it at a later stage.`,
  derive(input, earlier) {
    const calls = new Map(input.calls.map((call) => [call.id, call]));
    const beyond = projectsBeyondResearch(earlier);
    const out: DerivedLinkRecord[] = [];
    for (const project of input.projects) {
      const call = project.callId === null ? undefined : calls.get(project.callId);
      if (call === undefined) continue;
      const stageId = stageOfCallKind(call.kind);
      if (stageId === null) continue;
      const later = stageId === 'vc-research' ? beyond.get(project.id) : undefined;
      const confidence =
        later === undefined ? CALL_KIND_STAGE_CONFIDENCE.alone : CALL_KIND_STAGE_CONFIDENCE.laterStageShown;
      const evidence = `funded by ${call.id} (${call.shortTitle ?? call.title}), a ${call.kind.toLowerCase().replace(/_/g, ' ')}${
        later === undefined ? '' : `; its text places it at ${later}`
      }`;
      out.push(
        derivedLink(
          CALL_KIND_STAGE_RULE,
          ['Project', project.id],
          'AT_STAGE',
          ['ValueChainStage', stageId],
          confidence,
          evidence,
        ),
      );
    }
    return out;
  },
};

const PROGRAMME_STAGE_CONFIDENCE = { alone: 0.5, laterStageShown: 0.25 } as const;

/** Project without a known call AT_STAGE research when its programme only ran research calls. */
export const PROGRAMME_CALLS_STAGE_RULE: DerivationRule = {
  id: 'programme-calls-stage',
  provenance: 'INFERRED',
  description:
    "A project whose call is unknown but whose programme funded only joint transnational (research) calls in calls.json (ERA PerMed) is at the research stage. A programme that also ran innovation or support calls (EP PerMed) implies nothing. Like call-kind-stage, it steps back when the project's text places it beyond research.",
  confidenceNote: `${PROGRAMME_STAGE_CONFIDENCE.alone}: one step further from the facts than call-kind-stage (the call itself is unknown); ${PROGRAMME_STAGE_CONFIDENCE.laterStageShown} when a later stage is shown.`,
  derive(input, earlier) {
    const beyond = projectsBeyondResearch(earlier);
    const out: DerivedLinkRecord[] = [];
    for (const project of input.projects) {
      if (project.callId !== null || project.programmeId === null) continue;
      const fundingCalls = input.calls.filter(
        (call) => call.programmeId === project.programmeId && call.kind !== 'EVENT',
      );
      if (
        fundingCalls.length === 0 ||
        !fundingCalls.every((call) => call.kind === 'JOINT_TRANSNATIONAL_CALL')
      )
        continue;
      const later = beyond.get(project.id);
      const evidence = `call unknown; every funding call of ${project.programmeId} in calls.json (${fundingCalls
        .map((call) => call.id)
        .sort()
        .join(
          ', ',
        )}) is a joint transnational research call${later === undefined ? '' : `; its text places it at ${later}`}`;
      const confidence =
        later === undefined ? PROGRAMME_STAGE_CONFIDENCE.alone : PROGRAMME_STAGE_CONFIDENCE.laterStageShown;
      out.push(
        derivedLink(
          PROGRAMME_CALLS_STAGE_RULE,
          ['Project', project.id],
          'AT_STAGE',
          ['ValueChainStage', 'vc-research'],
          confidence,
          evidence,
        ),
      );
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Project ADVANCES Objective through the gaps it addresses (INFERRED).

/** Project ADVANCES Objective = Project ADDRESSES KnowledgeGap SERVES Objective. */
export const PROJECT_ADVANCES_OBJECTIVE_RULE: DerivationRule = {
  id: 'project-advances-objective-via-gap',
  provenance: 'INFERRED',
  description:
    'A project advances an EP PerMed objective when it addresses a knowledge gap that serves that objective. When several gaps lead to the same objective, the strongest path is kept.',
  confidenceNote:
    'The product of the ADDRESSES and SERVES confidences, so a chain is never more certain than its weakest link.',
  derive(_input, earlier) {
    const servesByGap = new Map<string, DerivedLinkRecord[]>();
    for (const serves of earlier) {
      if (serves.type !== 'SERVES') continue;
      const list = servesByGap.get(serves.fromId) ?? [];
      list.push(serves);
      servesByGap.set(serves.fromId, list);
    }
    const out: DerivedLinkRecord[] = [];
    for (const addresses of earlier) {
      if (addresses.type !== 'ADDRESSES') continue;
      for (const serves of servesByGap.get(addresses.toId) ?? []) {
        const evidence = `addresses ${addresses.toId} (${addresses.rule}, ${addresses.confidence}), which serves ${serves.toId} (${serves.rule}, ${serves.confidence})`;
        out.push(
          derivedLink(
            PROJECT_ADVANCES_OBJECTIVE_RULE,
            ['Project', addresses.fromId],
            'ADVANCES',
            ['Objective', serves.toId],
            addresses.confidence * serves.confidence,
            evidence,
          ),
        );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// The rule book and how it runs.

/** Every rule, in the order deriveLinks runs them (chained rules after what they read). */
export const DERIVATION_RULES: readonly DerivationRule[] = [
  GAP_MAPPING_RULE,
  CALL_TARGETS_RULE,
  CALL_TITLE_TARGETS_RULE,
  CURATED_PROJECT_LINKS_RULE,
  PROJECT_INHERITS_CALL_TARGETS_RULE,
  ...GAP_KEYWORD_RULES,
  ...STAGE_KEYWORD_RULES,
  // After the stage keywords and the curated stages, which they step back for.
  CALL_KIND_STAGE_RULE,
  PROGRAMME_CALLS_STAGE_RULE,
  PROJECT_ADVANCES_OBJECTIVE_RULE,
];

/** Rule id -> rule, for validators and documentation. */
export const DERIVATION_RULES_BY_ID: ReadonlyMap<string, DerivationRule> = new Map(
  DERIVATION_RULES.map((rule) => [rule.id, rule]),
);

/**
 * Runs every rule of DERIVATION_RULES in order and returns the deduplicated, sorted links.
 * Pure: the same input always gives the same output. Throws when a curated link is not
 * backed by its quote (see CURATED_PROJECT_LINKS_RULE).
 */
export function deriveLinks(
  input: DerivationInput,
  rules: readonly DerivationRule[] = DERIVATION_RULES,
): DerivedLinkRecord[] {
  return deriveLinksWithCandidates(input, rules).links;
}

/**
 * deriveLinks, and also every link each rule derived before deduplication (`candidates`, in
 * rule order): what a rule says on its own, for measuring its precision even where a curated
 * or stronger link won.
 */
export function deriveLinksWithCandidates(
  input: DerivationInput,
  rules: readonly DerivationRule[] = DERIVATION_RULES,
): { links: DerivedLinkRecord[]; candidates: DerivedLinkRecord[] } {
  return runRules(rules, input);
}
