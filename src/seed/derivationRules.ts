// Every rule that derives a link no source states as such (seeds/links.json): its id, what it
// means, whether a person (CURATED) or a pattern (INFERRED) made it, how confidence is set,
// and the logic. Nothing here adds a fact; each link cites the text it was derived from.

import { UnreachableCaseError } from '../errors';
import type { CuratedProjectLink } from './domainTypes';
import type {
  CallKind,
  CallRecord,
  DerivedLinkRecord,
  DerivedLinkType,
  LinkableLabel,
  ProjectRecord,
  Provenance,
} from './seedRecords';

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

/** Everything the rules read: mapped seed records plus the raw gap facts and curated links. */
export type DerivationInput = {
  projects: readonly ProjectRecord[];
  calls: readonly CallRecord[];
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

/** Confidences are kept to three decimals so that rebuilds give byte-identical files. */
function roundConfidence(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function link(
  fromLabel: LinkableLabel,
  fromId: string,
  type: DerivedLinkType,
  toLabel: LinkableLabel,
  toId: string,
  rule: DerivationRule | { id: string; provenance: Provenance },
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
    confidence: roundConfidence(confidence),
    evidence,
  };
}

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
      const confidence = gap.mappingInferred ? GAP_MAPPING_CONFIDENCE.compilersMapping : GAP_MAPPING_CONFIDENCE.stated;
      const basis = gap.mappingInferred ? "compiler's mapping" : 'stated mapping';
      const targets: Array<[DerivedLinkType, LinkableLabel, readonly string[], string]> = [
        ['IN_AREA', 'SriaArea', gap.areaIds, 'related_area_ids'],
        ['AT_STAGE', 'ValueChainStage', gap.stageIds, 'related_stage_ids'],
        ['SERVES', 'Objective', gap.objectiveIds, 'related_objective_ids'],
      ];
      for (const [type, toLabel, ids, field] of targets) {
        for (const toId of ids) {
          const evidence = `knowledge-gaps.json: ${gap.id} lists ${toId} in ${field} (${basis})`;
          out.push(link('KnowledgeGap', gap.id, type, toLabel, toId, GAP_MAPPING_RULE, confidence, evidence));
        }
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Call TARGETS KnowledgeGap (INFERRED): a gap's named_in text names a call.

/**
 * Call series named in words rather than by code. `title` picks the calls of the series; a
 * four-digit year in the named_in text narrows the series to that year's call.
 */
const CALL_SERIES: ReadonlyArray<{ mention: RegExp; title: RegExp }> = [
  { mention: /\bFast Track\b/i, title: /\bFast Track\b/i },
  { mention: /\bVenture Creat(?:ion|or)\b/i, title: /\bVenture Creat(?:ion|or)\b/i },
  { mention: /\bEducation Call\b/i, title: /\bEducation Call\b/i },
  { mention: /\bTwinning Call\b/i, title: /\bTwinning Call\b/i },
  { mention: /\bNetworking Support Call\b/i, title: /\bNetworking Support Call\b/i },
  { mention: /\b(?:RITC|Research, Innovation and Technology Call)\b/i, title: /\bMultimodal Data\b/i },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The calls a named_in text names, by (a) "JTC" plus a year ("JTC2024/JTC2026" names both),
 * (b) a call's one-word short title ("PGxPM2025", "PMTargets") or (c) a call series name
 * ("Fast Track Call", "Venture Creation Programme", "Education Call 2025"). Events never
 * target gaps. Returns call ids, sorted.
 */
export function callsNamedIn(text: string, calls: readonly CallRecord[]): string[] {
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
    if (short !== null && /^[A-Za-z][A-Za-z0-9]*$/.test(short) && new RegExp(`\\b${escapeRegExp(short)}\\b`).test(text)) {
      found.add(call.id);
    }
  }
  const yearInText = /\b(20\d{2})\b/.exec(text.replace(/\bJTC ?20\d{2}\b/g, ''));
  for (const series of CALL_SERIES) {
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
    "A call targets a knowledge gap when one of the gap's named_in documents names the call: \"JTC\" plus a year, the call's one-word short title (PGxPM2025, PMTargets, CARMEN2026), or a call series (Fast Track Call, Venture Creation Programme, Education Call 2025). Events never target gaps.",
  confidenceNote: `${CALL_TARGETS_CONFIDENCE.gapFromCallText} when the gap itself was deduced from call texts (inferred true), so the call topic is the gap; ${CALL_TARGETS_CONFIDENCE.gapStatedElsewhere} when the gap is stated elsewhere and the call is one of the documents naming it.`,
  derive(input) {
    const out: DerivedLinkRecord[] = [];
    for (const gap of input.gaps) {
      const confidence = gap.inferred ? CALL_TARGETS_CONFIDENCE.gapFromCallText : CALL_TARGETS_CONFIDENCE.gapStatedElsewhere;
      for (const text of gap.namedIn) {
        for (const callId of callsNamedIn(text, input.calls)) {
          const evidence = `knowledge-gaps.json: ${gap.id} is named in "${text}", which names ${callId}`;
          out.push(link('Call', callId, 'TARGETS', 'KnowledgeGap', gap.id, CALL_TARGETS_RULE, confidence, evidence));
        }
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Curated project links (CURATED): a curator read the link in the project's own record.

const CURATED_PROJECT_LINK_CONFIDENCE = 0.9;

function projectFieldText(project: ProjectRecord, field: CuratedProjectLink['field']): string[] {
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
        throw new Error(`${where}: the ${entry.field} of ${entry.projectId} does not contain the quote "${entry.quote}"`);
      }
      const toLabel: LinkableLabel = entry.type === 'ADDRESSES' ? 'KnowledgeGap' : 'ValueChainStage';
      const evidence = `${entry.field} of ${project.acronym}: "${entry.quote}"`;
      return link('Project', project.id, entry.type, toLabel, entry.toId, CURATED_PROJECT_LINKS_RULE, CURATED_PROJECT_LINK_CONFIDENCE, evidence);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Project ADDRESSES the gaps its call targets (INFERRED).

const INHERITANCE_FACTOR = 0.6;

/** Project ADDRESSES KnowledgeGap inherited from its call's TARGETS links. */
export const PROJECT_INHERITS_CALL_TARGETS_RULE: DerivationRule = {
  id: 'project-inherits-call-targets',
  provenance: 'INFERRED',
  description:
    'A project funded by a call addresses the knowledge gaps that call targets: calls select projects on their topic, but a call may target several gaps and a project need not answer all of them.',
  confidenceNote: `${INHERITANCE_FACTOR} x the confidence of the call's TARGETS link (0.54 for a gap deduced from the call topic, 0.48 otherwise).`,
  derive(input, earlier) {
    const targetsByCall = new Map<string, DerivedLinkRecord[]>();
    for (const targets of earlier) {
      if (targets.type !== 'TARGETS') continue;
      const list = targetsByCall.get(targets.fromId) ?? [];
      list.push(targets);
      targetsByCall.set(targets.fromId, list);
    }
    const out: DerivedLinkRecord[] = [];
    for (const project of input.projects) {
      if (project.callId === null) continue;
      for (const targets of targetsByCall.get(project.callId) ?? []) {
        const evidence = `funded by ${project.callId}, which targets ${targets.toId} (${targets.evidence})`;
        out.push(
          link('Project', project.id, 'ADDRESSES', 'KnowledgeGap', targets.toId, PROJECT_INHERITS_CALL_TARGETS_RULE, INHERITANCE_FACTOR * targets.confidence, evidence),
        );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Keyword rules (INFERRED): word-bounded patterns over a project's title, keywords,
// description and disease area. Upper-case acronyms (AI, ML, ELSA, PGx) are matched
// case-sensitively so that ordinary words containing them never match.

/** The specification of one keyword rule; keywordRule() turns it into a DerivationRule. */
export type KeywordRuleSpec = {
  id: string;
  type: 'ADDRESSES' | 'AT_STAGE';
  toId: string;
  /** Fixed confidence: how specific the patterns are to the target. */
  confidence: number;
  description: string;
  patterns: readonly RegExp[];
};

/** One place where a keyword rule matched: the field and the words matched. */
export type KeywordMatch = { field: 'title' | 'keywords' | 'description' | 'disease area'; text: string };

/** The fields keyword rules read, in the order evidence lists them. */
function searchableFields(project: ProjectRecord): Array<[KeywordMatch['field'], string]> {
  const fields: Array<[KeywordMatch['field'], string]> = [];
  if (project.title !== null) fields.push(['title', project.title]);
  for (const keyword of project.keywords) fields.push(['keywords', keyword]);
  if (project.description !== null) fields.push(['description', project.description]);
  if (project.diseaseArea !== null) fields.push(['disease area', project.diseaseArea]);
  return fields;
}

/**
 * Every distinct (field, matched words) of `patterns` in the project's searchable fields, in
 * text order. A match lying inside a longer match of the same text is dropped ("omics"
 * inside "multi-omics"), so the evidence names each passage once.
 */
export function keywordMatches(patterns: readonly RegExp[], project: ProjectRecord): KeywordMatch[] {
  const seen = new Set<string>();
  const matches: KeywordMatch[] = [];
  for (const [field, text] of searchableFields(project)) {
    const spans: Array<{ start: number; end: number; text: string }> = [];
    for (const pattern of patterns) {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      for (const match of text.matchAll(global)) {
        const start = match.index ?? 0;
        spans.push({ start, end: start + match[0].length, text: match[0] });
      }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let coveredUntil = -1;
    for (const span of spans) {
      if (span.end <= coveredUntil) continue;
      coveredUntil = Math.max(coveredUntil, span.end);
      const key = `${field}\u0000${span.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ field, text: span.text });
    }
  }
  return matches;
}

function keywordRule(spec: KeywordRuleSpec): DerivationRule & { spec: KeywordRuleSpec } {
  const toLabel: LinkableLabel = spec.type === 'ADDRESSES' ? 'KnowledgeGap' : 'ValueChainStage';
  const rule: DerivationRule & { spec: KeywordRuleSpec } = {
    id: spec.id,
    provenance: 'INFERRED',
    description: `${spec.description} Patterns: ${spec.patterns.map((pattern) => pattern.toString()).join(', ')}.`,
    confidenceNote: `${spec.confidence} for any match: a word in a short paraphrase is weak evidence, more so for generic words.`,
    spec,
    derive(input) {
      const out: DerivedLinkRecord[] = [];
      for (const project of input.projects) {
        const matches = keywordMatches(spec.patterns, project);
        if (matches.length === 0) continue;
        const evidence = `matched ${matches.map((match) => `"${match.text}" in ${match.field}`).join(', ')}`;
        out.push(link('Project', project.id, spec.type, toLabel, spec.toId, rule, spec.confidence, evidence));
      }
      return out;
    },
  };
  return rule;
}

/** Project ADDRESSES KnowledgeGap keyword rules, one per gap that project texts can show. */
export const GAP_KEYWORD_RULES = [
  keywordRule({
    id: 'keywords-gap-pharmacogenomics',
    type: 'ADDRESSES',
    toId: 'gap-pharmacogenomics',
    confidence: 0.5,
    description: 'Pharmacogenomic or pharmacogenetic work addresses the pharmacogenomic-markers gap.',
    patterns: [/\bpharmaco-?genom\w*/i, /\bpharmacogenetic\w*/i, /\bPGx\b/],
  }),
  keywordRule({
    id: 'keywords-gap-ai-advanced-tech',
    type: 'ADDRESSES',
    toId: 'gap-ai-advanced-tech',
    confidence: 0.45,
    description:
      'Machine learning, AI, deep learning, NLP, knowledge graphs, radiomics, big data or digital markers address the AI-and-advanced-digital-technologies gap (ICPerMed "data and technology" pillar).',
    patterns: [
      /\bmachine[- ]learning\b/i,
      /\bdeep[- ]learning\b/i,
      /\bartificial intelligence\b/i,
      /\bAI\b/,
      /\bML\b/,
      /\bneural networks?\b/i,
      /\bNLP\b/,
      /\bnatural language processing\b/i,
      /\bfederated learning\b/i,
      /\bknowledge graphs?\b/i,
      /\bradiomics\b/i,
      /\bbig data\b/i,
      /\bdigital (?:health|markers?|biomarkers?|cognitive tests?)\b/i,
    ],
  }),
  keywordRule({
    id: 'keywords-gap-multiomics-integration',
    type: 'ADDRESSES',
    toId: 'gap-multiomics-integration',
    confidence: 0.45,
    description: 'Multi-omics, proteogenomics, single-cell or combined "omics" work addresses the multi-omics integration gap.',
    patterns: [/\bmulti-?omics?\b/i, /\bproteogenomic\w*/i, /\bsingle[- ]cell\b/i, /\bomics\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-translation-practice',
    type: 'ADDRESSES',
    toId: 'gap-translation-practice',
    confidence: 0.45,
    description:
      'Clinical decision support, clinical support tools or tools for treatment decisions address the gap of translating research into clinical practice.',
    patterns: [
      /\bdecision[- ]support\b/i,
      /\bCDSS\b/,
      /\bclinical support tools?\b/i,
      /\bclinical practice\b/i,
      /\btreatment decisions?\b/i,
      /\bhelp(?:s|ing)? (?:oncologists|clinicians|physicians|doctors)\b/i,
    ],
  }),
  keywordRule({
    id: 'keywords-gap-prevention',
    type: 'ADDRESSES',
    toId: 'gap-prevention',
    confidence: 0.45,
    description: 'Prevention, early risk detection or risk prediction address the personalised-prevention gap.',
    patterns: [/\bprevent(?:ion|ive|ing)?\b/i, /\bearly risk detection\b/i, /\brisk prediction\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-end-user-participation',
    type: 'ADDRESSES',
    toId: 'gap-end-user-participation',
    confidence: 0.4,
    description: 'Patient-reported outcomes, public/patient involvement or participatory research address the end-user participation gap.',
    patterns: [
      /\bpatient[- ]reported\b/i,
      /\b(?:public|patient|citizen)s? (?:involvement|participation|engagement)\b/i,
      /\bparticipatory\b/i,
      /\bco-?design\w*/i,
    ],
  }),
  keywordRule({
    id: 'keywords-gap-citizen-literacy',
    type: 'ADDRESSES',
    toId: 'gap-citizen-literacy',
    confidence: 0.35,
    description: 'Patient or risk communication and test-result disclosure address the citizen/patient awareness and literacy gap.',
    patterns: [/\b(?:patient|risk) communication\b/i, /\b(?:test|result) disclosure\b/i, /\bhealth literacy\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-targets-companion-biomarkers',
    type: 'ADDRESSES',
    toId: 'gap-targets-companion-biomarkers',
    confidence: 0.35,
    description:
      'Biomarkers, markers, gene signatures, (treatment) targets or targeted therapy point to the targets-with-companion-biomarkers gap. Low confidence: the gap excludes biomarker discovery alone, and the verb "to target" does not match.',
    patterns: [/\b(?:bio)?markers?\b/i, /\btargets\b/i, /\btarget (?:identification|validation)\b/i, /\btargeted therap(?:y|ies)\b/i, /\bgene signatures?\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-data-interoperability',
    type: 'ADDRESSES',
    toId: 'gap-data-interoperability',
    confidence: 0.4,
    description:
      'Data integration, interoperability, common data models (OMOP), EHR/hospital-information-system or registry data, and federated approaches address the health-data sharing and interoperability gap.',
    patterns: [
      /\bdata integration\b/i,
      /\bintegrat\w* (?:patient|clinical|health) data\b/i,
      /\binteroperab\w*/i,
      /\bOMOP\b/,
      /\bEHRs?\b/,
      /\belectronic (?:health|patient|medical) records?\b/i,
      /\bhospital information systems?\b/i,
      /\bregistry data\b/i,
      /\bdata sharing\b/i,
      /\bfederated\b/i,
    ],
  }),
  keywordRule({
    id: 'keywords-gap-data-privacy',
    type: 'ADDRESSES',
    toId: 'gap-data-privacy',
    confidence: 0.4,
    description: 'Privacy, synthetic data, federated learning or data protection address the data privacy and governance gap.',
    patterns: [/\bprivacy\b/i, /\bsynthetic data\b/i, /\bfederated learning\b/i, /\bdata protection\b/i, /\bGDPR\b/],
  }),
  keywordRule({
    id: 'keywords-gap-elsa',
    type: 'ADDRESSES',
    toId: 'gap-elsa',
    confidence: 0.45,
    description: 'ELSA, ethics, fairness or gender/algorithmic bias address the ethical, legal and social aspects gap.',
    patterns: [/\bELSA\b/, /\bethic(?:s|al)\b/i, /\bfairness\b/i, /\b(?:gender|sex|algorithmic) bias\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-individual-factors',
    type: 'ADDRESSES',
    toId: 'gap-individual-factors',
    confidence: 0.4,
    description:
      'Sex, gender, ageing, lifestyle, nutrition or environment address the individual-factors gap ("microenvironment" does not match).',
    patterns: [/\bsex\b/i, /\bgender\b/i, /\b(?:ageing|aging)\b/i, /\blifestyle\b/i, /\bnutrition(?:al)?\b/i, /\benvironment(?:al)?\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-clinical-research-methods',
    type: 'ADDRESSES',
    toId: 'gap-clinical-research-methods',
    confidence: 0.35,
    description: 'Patient stratification, cohorts or trial design point to the PM clinical-research methodology gap.',
    patterns: [/\bstratif(?:y|ies|ied|ying|ication)\b/i, /\bcohorts?\b/i, /\btrial design\b/i, /\b(?:adaptive|basket|umbrella) trials?\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-health-economics',
    type: 'ADDRESSES',
    toId: 'gap-health-economics',
    confidence: 0.45,
    description: 'Cost-effectiveness, health economics or HTA address the health-economic evidence gap.',
    patterns: [/\bcost-?effective\w*/i, /\bhealth[- ]econom\w*/i, /\beconomic evaluation\b/i, /\bHTA\b/, /\bhealth technology assessment\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-payment-reimbursement',
    type: 'ADDRESSES',
    toId: 'gap-payment-reimbursement',
    confidence: 0.45,
    description: 'Reimbursement or payment models address the funding, payment and reimbursement gap.',
    patterns: [/\breimburs\w*/i, /\bpayment models?\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-hcp-education',
    type: 'ADDRESSES',
    toId: 'gap-hcp-education',
    confidence: 0.4,
    description:
      'Education or training of health professionals addresses the HCP education gap (model "training" alone does not match).',
    patterns: [/\b(?:professional|medical|clinician|HCP) (?:education|training)\b/i, /\btraining (?:modules?|programmes?|courses?)\b/i, /\beducational\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-implementation-evidence',
    type: 'ADDRESSES',
    toId: 'gap-implementation-evidence',
    confidence: 0.4,
    description: 'Implementation, deployment, real-world or demonstration work addresses the implementation-evidence gap.',
    patterns: [/\bimplementation\b/i, /\bdeploy(?:s|ed|ing|ment)?\b/i, /\breal[- ]world\b/i, /\bdemonstration\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-validation-bottleneck',
    type: 'ADDRESSES',
    toId: 'gap-validation-bottleneck',
    confidence: 0.35,
    description: 'Technology readiness (TRL) or proof-of-concept work addresses the validation-bottleneck gap.',
    patterns: [/\btechnology readiness\b/i, /\bTRLs?\b/, /\bproof[- ]of[- ]concept\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-innovation-to-market',
    type: 'ADDRESSES',
    toId: 'gap-innovation-to-market',
    confidence: 0.4,
    description: 'Start-ups, spin-offs, SMEs, commercialisation or market access address the innovation-to-market gap.',
    patterns: [/\bstart-?ups?\b/i, /\bspin-?offs?\b/i, /\bcommerciali[sz]\w*/i, /\bSMEs?\b/, /\bmarket (?:access|entry)\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-equitable-access',
    type: 'ADDRESSES',
    toId: 'gap-equitable-access',
    confidence: 0.35,
    description: 'Accessible tests, equity or the digital divide address the equitable-access gap.',
    patterns: [/\baccessible\b/i, /\bequit(?:y|able)\b/i, /\bdigital divide\b/i, /\brural\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-infrastructure',
    type: 'ADDRESSES',
    toId: 'gap-infrastructure',
    confidence: 0.35,
    description: 'Biobanks or infrastructures address the PM infrastructure gap.',
    patterns: [/\bbiobank\w*/i, /\binfrastructures?\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-regulatory-frameworks',
    type: 'ADDRESSES',
    toId: 'gap-regulatory-frameworks',
    confidence: 0.4,
    description: 'Regulatory science, approval or frameworks address the regulatory gap ("regulatory T cells" does not match).',
    patterns: [/\bregulatory (?:science|approval|frameworks?|requirements?|pathways?)\b/i, /\bmedical device regulation\b/i],
  }),
  keywordRule({
    id: 'keywords-gap-interdisciplinary-collaboration',
    type: 'ADDRESSES',
    toId: 'gap-interdisciplinary-collaboration',
    confidence: 0.35,
    description: 'Inter-, multi- or transdisciplinary and cross-sector work addresses the collaboration gap.',
    patterns: [/\b(?:inter|multi|trans)-?disciplinary\b/i, /\bcross-sector\w*/i],
  }),
  keywordRule({
    id: 'keywords-gap-workforce',
    type: 'ADDRESSES',
    toId: 'gap-workforce',
    confidence: 0.4,
    description: 'Workforce capacity or staff shortages address the health-workforce gap.',
    patterns: [/\bworkforce\b/i, /\bstaff(?:ing)? shortages?\b/i],
  }),
] as const;

/** Project AT_STAGE ValueChainStage keyword rules. */
export const STAGE_KEYWORD_RULES = [
  keywordRule({
    id: 'keywords-stage-basic-research',
    type: 'AT_STAGE',
    toId: 'vc-basic-research',
    confidence: 0.35,
    description: 'Studying disease mechanisms, clonal evolution or cell signalling places a project at basic research.',
    patterns: [/\bclonal evolution\b/i, /\bcell(?:ular)? signall?ing\b/i, /\bpathogenesis\b/i, /\bdisease mechanisms?\b/i, /\borigin and evolution\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-translational-research',
    type: 'AT_STAGE',
    toId: 'vc-translational-research',
    confidence: 0.45,
    description:
      'Target identification/validation, pre-clinical, in vitro/ex vivo, animal or disease models, tumour cultures and drug screening place a project at translational / pre-clinical research.',
    patterns: [
      /\btarget (?:identification|validation)\b/i,
      /\bpre-?clinical\b/i,
      /\bin vitro\b/i,
      /\bex vivo\b/i,
      /\banimal models?\b/i,
      /\bdisease models?\b/i,
      /\bpatient-derived\b/i,
      /\btumou?r cultures?\b/i,
      /\bcultured tumou?rs?\b/i,
      /\bdrug (?:screening|repurposing)\b/i,
      /\bproof[- ]of[- ]principle\b/i,
      /\borganoids?\b/i,
      /\bxenografts?\b/i,
    ],
  }),
  keywordRule({
    id: 'keywords-stage-clinical-research',
    type: 'AT_STAGE',
    toId: 'vc-clinical-research',
    confidence: 0.45,
    description: 'Clinical trials, clinical studies, cohorts or a registered trial (NCT number) place a project at clinical research.',
    patterns: [/\bclinical (?:trials?|stud(?:y|ies)|cohorts?|validation)\b/i, /\bcohorts?\b/i, /\bNCT\d{8}\b/, /\brandomi[sz]ed\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-development',
    type: 'AT_STAGE',
    toId: 'vc-development',
    confidence: 0.35,
    description: 'Building a prototype, software or dashboard places a project at development.',
    patterns: [/\bprototype\b/i, /\bsoftware\b/i, /\bdashboard\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-validation',
    type: 'AT_STAGE',
    toId: 'vc-validation',
    confidence: 0.35,
    description: 'Technology readiness (TRL) or validation studies of a solution place a project at validation.',
    patterns: [/\btechnology readiness\b/i, /\bTRLs?\b/, /\bvalidation stud(?:y|ies)\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-innovation',
    type: 'AT_STAGE',
    toId: 'vc-innovation',
    confidence: 0.35,
    description: 'SME or industry partners place a project at innovation.',
    patterns: [/\bSMEs?\b/, /\bindustr(?:y|ial) partners?\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-market-access',
    type: 'AT_STAGE',
    toId: 'vc-market-access',
    confidence: 0.4,
    description: 'Start-ups, commercialisation or market access place a project at market access.',
    patterns: [/\bstart-?ups?\b/i, /\bcommerciali[sz]\w*/i, /\bmarket (?:access|entry)\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-implementation',
    type: 'AT_STAGE',
    toId: 'vc-implementation',
    confidence: 0.4,
    description: 'Implementation, deployment, hospital networks or real-world use place a project at implementation.',
    patterns: [/\bimplementation\b/i, /\bdeploy(?:s|ed|ing|ment)?\b/i, /\bhospital (?:networks?|information systems?)\b/i, /\breal[- ]world\b/i],
  }),
  keywordRule({
    id: 'keywords-stage-hta-reimbursement',
    type: 'AT_STAGE',
    toId: 'vc-hta-reimbursement',
    confidence: 0.4,
    description: 'Cost-effectiveness, health economics, HTA or reimbursement place a project at health-economic assessment.',
    patterns: [/\bcost-?effective\w*/i, /\bhealth[- ]econom\w*/i, /\bHTA\b/, /\breimburs\w*/i],
  }),
  keywordRule({
    id: 'keywords-stage-uptake-practice',
    type: 'AT_STAGE',
    toId: 'vc-uptake-practice',
    confidence: 0.4,
    description:
      'Clinical decision support, clinical practice or uptake into practice place a project at uptake in clinical practice ("myocardial uptake" does not match).',
    patterns: [/\bdecision[- ]support\b/i, /\bCDSS\b/, /\bclinical practice\b/i, /\buptake (?:in|into) (?:clinical )?practice\b/i, /\broutine care\b/i],
  }),
] as const;

// ---------------------------------------------------------------------------------------------
// Call- and programme-level stage rules (INFERRED).

const CALL_KIND_STAGE_CONFIDENCE = 0.6;

/** The stage a kind of call funds, or null when the kind says nothing about the stage. */
export function stageOfCallKind(kind: CallKind): string | null {
  switch (kind) {
    case 'JOINT_TRANSNATIONAL_CALL':
      return 'vc-research';
    case 'INNOVATION_CALL':
    case 'INNOVATION_ACTION':
      return 'vc-innovation';
    // Support calls fund networking, education and twinning; events fund nothing.
    case 'SUPPORT_CALL':
    case 'EVENT':
      return null;
    default:
      throw new UnreachableCaseError(kind);
  }
}

/** Project AT_STAGE from the kind of call that funded it. */
export const CALL_KIND_STAGE_RULE: DerivationRule = {
  id: 'call-kind-stage',
  provenance: 'INFERRED',
  description:
    'A project funded by a joint transnational (research) call is at the research stage; one funded by an innovation call or action is at the innovation stage. Support calls and events imply no stage.',
  confidenceNote: `${CALL_KIND_STAGE_CONFIDENCE}: the call kind is a fact, but a project may also reach later stages.`,
  derive(input) {
    const calls = new Map(input.calls.map((call) => [call.id, call]));
    const out: DerivedLinkRecord[] = [];
    for (const project of input.projects) {
      const call = project.callId === null ? undefined : calls.get(project.callId);
      if (call === undefined) continue;
      const stageId = stageOfCallKind(call.kind);
      if (stageId === null) continue;
      const evidence = `funded by ${call.id} (${call.shortTitle ?? call.title}), a ${call.kind.toLowerCase().replace(/_/g, ' ')}`;
      out.push(link('Project', project.id, 'AT_STAGE', 'ValueChainStage', stageId, CALL_KIND_STAGE_RULE, CALL_KIND_STAGE_CONFIDENCE, evidence));
    }
    return out;
  },
};

const PROGRAMME_STAGE_CONFIDENCE = 0.5;

/** Project without a known call AT_STAGE research when its programme only ran research calls. */
export const PROGRAMME_CALLS_STAGE_RULE: DerivationRule = {
  id: 'programme-calls-stage',
  provenance: 'INFERRED',
  description:
    "A project whose call is unknown but whose programme funded only joint transnational (research) calls in calls.json (ERA PerMed) is at the research stage. A programme that also ran innovation or support calls (EP PerMed) implies nothing.",
  confidenceNote: `${PROGRAMME_STAGE_CONFIDENCE}: one step further from the facts than call-kind-stage (the call itself is unknown).`,
  derive(input) {
    const out: DerivedLinkRecord[] = [];
    for (const project of input.projects) {
      if (project.callId !== null || project.programmeId === null) continue;
      const fundingCalls = input.calls.filter((call) => call.programmeId === project.programmeId && call.kind !== 'EVENT');
      if (fundingCalls.length === 0 || !fundingCalls.every((call) => call.kind === 'JOINT_TRANSNATIONAL_CALL')) continue;
      const evidence = `call unknown; every funding call of ${project.programmeId} in calls.json (${fundingCalls
        .map((call) => call.id)
        .sort()
        .join(', ')}) is a joint transnational research call`;
      out.push(link('Project', project.id, 'AT_STAGE', 'ValueChainStage', 'vc-research', PROGRAMME_CALLS_STAGE_RULE, PROGRAMME_STAGE_CONFIDENCE, evidence));
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
  confidenceNote: 'The product of the ADDRESSES and SERVES confidences, so a chain is never more certain than its weakest link.',
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
          link('Project', addresses.fromId, 'ADVANCES', 'Objective', serves.toId, PROJECT_ADVANCES_OBJECTIVE_RULE, addresses.confidence * serves.confidence, evidence),
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
  CURATED_PROJECT_LINKS_RULE,
  PROJECT_INHERITS_CALL_TARGETS_RULE,
  ...GAP_KEYWORD_RULES,
  CALL_KIND_STAGE_RULE,
  PROGRAMME_CALLS_STAGE_RULE,
  ...STAGE_KEYWORD_RULES,
  PROJECT_ADVANCES_OBJECTIVE_RULE,
];

/** Rule id -> rule, for validators and documentation. */
export const DERIVATION_RULES_BY_ID: ReadonlyMap<string, DerivationRule> = new Map(DERIVATION_RULES.map((rule) => [rule.id, rule]));

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
  const ka = [a.fromLabel, a.fromId, a.type, a.toLabel, a.toId];
  const kb = [b.fromLabel, b.fromId, b.type, b.toLabel, b.toId];
  for (let i = 0; i < ka.length; i += 1) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Keeps one link per (from, type, to): CURATED beats INFERRED, then the higher confidence,
 * then the alphabetically first rule id (so ties resolve the same way on every build).
 * Returns the survivors sorted by compareLinks.
 */
export function dedupeLinks(links: readonly DerivedLinkRecord[]): DerivedLinkRecord[] {
  const best = new Map<string, DerivedLinkRecord>();
  for (const candidate of links) {
    const key = linkKey(candidate);
    const current = best.get(key);
    if (current === undefined || outranks(candidate, current)) best.set(key, candidate);
  }
  return [...best.values()].sort(compareLinks);
}

/**
 * Runs every rule of DERIVATION_RULES in order and returns the deduplicated, sorted links.
 * Pure: the same input always gives the same output. Throws when a curated link is not
 * backed by its quote (see CURATED_PROJECT_LINKS_RULE).
 */
export function deriveLinks(input: DerivationInput, rules: readonly DerivationRule[] = DERIVATION_RULES): DerivedLinkRecord[] {
  let links: DerivedLinkRecord[] = [];
  for (const rule of rules) {
    links = dedupeLinks([...links, ...rule.derive(input, links)]);
  }
  return links;
}
