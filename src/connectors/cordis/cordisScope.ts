// Which CORDIS projects are personalised medicine (`--scope pm`): the rules as data, each with the
// sources it rests on, and the one function that applies them to a project. A project keeps the
// rules that took it in, the evidence and a scope confidence; a project taken in by a euroSciVoc
// tag alone (a classifier's, sometimes wrong on interdisciplinary projects) is a weak signal and
// says so. Precision of each rule on a judged sample of real projects: docs/connectors.md.

import type { ProjectRow } from './cordisRows';

/** The partnerships' own grants: ERA PerMed, EP PerMed, ICPerMed's secretariat and its successors. */
export const PARTNERSHIP_GRANTS = {
  id: 'partnership-grant',
  confidence: 1,
  grants: [
    { grantId: '779282', name: 'ERA PerMed', source: 'https://cordis.europa.eu/project/id/779282/reporting' },
    {
      grantId: '101137129',
      name: 'EP PerMed',
      source: 'https://cordis.europa.eu/project/id/101137129/reporting',
    },
    {
      grantId: '731366',
      name: 'ICPerMed Secretariat (2016-2021)',
      source: 'https://cordis.europa.eu/project/id/731366/it',
    },
    {
      grantId: '964197',
      name: 'ICPerMed Secretariat (2021-)',
      source: 'https://cordis.europa.eu/project/id/964197/reporting',
    },
    {
      grantId: '874694',
      name: 'IC2PerMed (Integrating China in ICPerMed)',
      source: 'https://dev2.bbmri-eric.eu/scientific-collaboration/ic2permed/',
    },
  ],
} as const;

/** The same partnerships by acronym (an export may carry a successor grant this list has not met yet). */
export const PARTNERSHIP_ACRONYMS = {
  id: 'partnership-acronym',
  confidence: 1,
  acronyms: ['ERA PerMed', 'EP PerMed', 'ICPerMed', 'ICPerMed Secretariat', 'IC2PerMed', 'Sino-EU PerMed'],
  sources: [
    'https://www.icpermed.eu/en/related-initiatives.php',
    'https://www.icpermed.eu/en/icpermed-secretariat.php',
  ],
} as const;

/**
 * Call topics whose text is about personalised medicine, each with its published topic page.
 * A topic stands for every project it funded, so only topics that name personalised medicine
 * (or patient stratification) as their subject are listed, not whole work-programme sections.
 */
export const PM_TOPICS = {
  id: 'pm-topic',
  confidence: 0.9,
  topics: [
    {
      code: 'SC1-HCO-03-2017',
      title: 'Implementing the Strategic Research Agenda on Personalised Medicine (ERA PerMed)',
      source:
        'http://ec.europa.eu/research/participants/portal/desktop/en/opportunities/h2020/topics/sc1-hco-03-2017.html',
    },
    {
      code: 'SC1-HCO-05-2016',
      title: 'Coordinating personalised medicine research (ICPerMed secretariat)',
      source:
        'http://ec.europa.eu/research/participants/portal/desktop/en/opportunities/h2020/topics/2449-sc1-hco-05-2016.html',
    },
    {
      code: 'SC1-HCO-01-2018-2019-2020',
      title: 'Actions in support of the International Consortium for Personalised Medicine',
      source: 'https://dev2.bbmri-eric.eu/scientific-collaboration/ic2permed/',
    },
    {
      code: 'SC1-BHC-25-2019',
      title: 'Demonstration pilots for implementation of personalised medicine in healthcare',
      source: 'https://cordis.europa.eu/programme/id/H2020_SC1-BHC-25-2019',
    },
    {
      code: 'SC1-BHC-05-2018',
      title:
        'International flagship collaboration with Canada for human data storage, integration and sharing to enable personalised medicine approaches',
      source: 'https://de.slideshare.net/KTNUK/h2020-work-programme-20182020-for-health',
    },
    {
      code: 'SC1-BHC-03-2018',
      title:
        'Exploiting research outcomes and application potential of the human microbiome for personalised prediction, prevention and treatment of disease',
      source: 'https://de.slideshare.net/KTNUK/h2020-work-programme-20182020-for-health',
    },
    {
      code: 'SC1-PM-01-2016',
      title: 'Multi omics for personalised therapies addressing diseases of the immune system',
      source: 'http://pt.slideshare.net/tecomarciano/h2020-wp1617health-en',
    },
    {
      code: 'SC1-PM-02-2017',
      title: 'New concepts in patient stratification',
      source: 'http://pt.slideshare.net/tecomarciano/h2020-wp1617health-en',
    },
    {
      code: 'HORIZON-HLTH-2023-CARE-08-01',
      title: 'European Partnership on Personalised Medicine',
      source: 'https://grantalist.com/grant/HORIZON-HLTH-2023-CARE-08-01',
    },
    {
      code: 'HORIZON-HLTH-2022-STAYHLTH-02-01',
      title: 'Personalised blueprint of chronic inflammation in health-to-disease transition',
      source: 'https://cordis.europa.eu/programme/id/HORIZON_HORIZON-HLTH-2022-STAYHLTH-02-01',
    },
  ],
} as const;

/** EuroSciVoc: medical and health sciences / health sciences / personalized medicine, and below. */
export const EUROSCIVOC_PM = {
  id: 'euroscivoc-personalised-medicine',
  code: ['21', '33', '5029300'],
  /** With a phrase of PM_PHRASES in the title or objective (two signals). */
  confidence: 0.9,
  /** Alone: the tag is a classifier's and the text never names personalised medicine. */
  confidenceAlone: 0.5,
  source: 'https://op.europa.eu/en/web/eu-vocabularies/euroscivoc',
} as const;

/**
 * Phrases that name personalised medicine in a title or objective (case, British/American
 * spelling and plural forms alike). A phrase in the title weighs more than one in the objective.
 */
export const PM_PHRASES = {
  id: 'pm-phrase',
  confidenceTitle: 0.9,
  confidenceObjective: 0.8,
  phrases: [
    { name: 'personalised medicine', pattern: 'personali[sz]ed medicine' },
    { name: 'precision medicine', pattern: 'precision medicine' },
    { name: 'stratified medicine', pattern: 'stratified medicine' },
    { name: 'individualised medicine', pattern: 'individuali[sz]ed medicine' },
    { name: 'personalised therapy', pattern: 'personali[sz]ed (?:therap(?:y|ies)|treatments?)' },
    { name: 'personalised prevention', pattern: 'personali[sz]ed prevention' },
    { name: 'precision oncology', pattern: 'precision oncology' },
    { name: 'pharmacogenomics', pattern: 'pharmacogenomics?|pharmacogenetics?' },
    { name: 'patient stratification', pattern: 'patient stratification' },
  ],
  source:
    'docs/connectors.md (the phrases of the personalised-medicine definitions of the SRIA and ICPerMed)',
} as const;

/** Every rule id, in order of precedence (the first that matched is the project's scopeRule). */
export const SCOPE_RULE_IDS = [
  PARTNERSHIP_GRANTS.id,
  PARTNERSHIP_ACRONYMS.id,
  PM_TOPICS.id,
  PM_PHRASES.id,
  EUROSCIVOC_PM.id,
] as const;
export type ScopeRuleId = (typeof SCOPE_RULE_IDS)[number];

/** What the rules know of a project. */
export interface ScopeInput {
  grantId: string;
  acronym: string;
  title: string;
  objective: string | null;
  topics: readonly string[];
  /** The project's euroSciVoc tags under personalised medicine (their titles), if any. */
  euroSciVoc: readonly string[];
}

/** A project's scope: the rules that took it in, the evidence and the confidence. */
export interface ScopeDecision {
  inScope: boolean;
  /** The strongest rule that matched (SCOPE_RULE_IDS order), or null. */
  rule: ScopeRuleId | null;
  rules: ScopeRuleId[];
  /** One line per matched rule. */
  evidence: string[];
  /** 0 when out of scope. */
  confidence: number;
  /** True when a euroSciVoc tag alone took the project in. */
  weak: boolean;
}

const GRANTS = new Map<string, string>(PARTNERSHIP_GRANTS.grants.map((grant) => [grant.grantId, grant.name]));
const ACRONYMS = new Set<string>(PARTNERSHIP_ACRONYMS.acronyms.map((acronym) => acronymKey(acronym)));
const TOPICS = new Map<string, string>(
  PM_TOPICS.topics.map((topic) => [topic.code.toUpperCase(), topic.title]),
);
const PHRASE = new RegExp(`\\b(?:${PM_PHRASES.phrases.map((phrase) => phrase.pattern).join('|')})\\b`, 'i');

function acronymKey(acronym: string): string {
  return acronym.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The matched phrase with some words around it, for the evidence. */
function excerpt(text: string, match: RegExpExecArray): string {
  const start = Math.max(0, match.index - 50);
  const end = Math.min(text.length, match.index + match[0].length + 50);
  return `${start > 0 ? '...' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '...' : ''}`;
}

/** Applies the rules to one project. */
export function decideScope(project: ScopeInput): ScopeDecision {
  const matches: Array<{ rule: ScopeRuleId; evidence: string; confidence: number }> = [];
  const grant = GRANTS.get(project.grantId);
  if (grant !== undefined)
    matches.push({
      rule: PARTNERSHIP_GRANTS.id,
      evidence: `grant ${project.grantId} (${grant})`,
      confidence: 1,
    });
  if (ACRONYMS.has(acronymKey(project.acronym)))
    matches.push({ rule: PARTNERSHIP_ACRONYMS.id, evidence: `acronym ${project.acronym}`, confidence: 1 });
  const topic = project.topics.find((code) => TOPICS.has(code.toUpperCase()));
  if (topic !== undefined)
    matches.push({
      rule: PM_TOPICS.id,
      evidence: `topic ${topic} (${TOPICS.get(topic.toUpperCase())})`,
      confidence: PM_TOPICS.confidence,
    });
  const inTitle = PHRASE.exec(project.title);
  const inObjective = inTitle === null && project.objective !== null ? PHRASE.exec(project.objective) : null;
  if (inTitle !== null)
    matches.push({
      rule: PM_PHRASES.id,
      evidence: `title: "${excerpt(project.title, inTitle)}"`,
      confidence: PM_PHRASES.confidenceTitle,
    });
  else if (inObjective !== null)
    matches.push({
      rule: PM_PHRASES.id,
      evidence: `objective: "${excerpt(project.objective ?? '', inObjective)}"`,
      confidence: PM_PHRASES.confidenceObjective,
    });
  const alone = matches.length === 0;
  if (project.euroSciVoc.length > 0)
    matches.push({
      rule: EUROSCIVOC_PM.id,
      evidence: `euroSciVoc ${project.euroSciVoc.join(', ')} under /${EUROSCIVOC_PM.code.join('/')}${
        alone
          ? " (one weak signal alone: the tag is a classifier's, and the title and objective never name personalised medicine)"
          : ''
      }`,
      confidence: alone ? EUROSCIVOC_PM.confidenceAlone : EUROSCIVOC_PM.confidence,
    });
  if (matches.length === 0)
    return { inScope: false, rule: null, rules: [], evidence: [], confidence: 0, weak: false };
  return {
    inScope: true,
    rule: matches[0]!.rule,
    rules: matches.map((match) => match.rule),
    evidence: matches.map((match) => match.evidence),
    confidence: Math.max(...matches.map((match) => match.confidence)),
    weak: alone && project.euroSciVoc.length > 0,
  };
}

/**
 * The scope of one project.csv row, its topics joined with topics.csv's, given the titles of its
 * euroSciVoc tags under personalised medicine: what the connector records for the project (and
 * what cordisScopePrecision.ts measures on the judged sample).
 */
export function scopeOfProject(
  project: Pick<ProjectRow, 'id' | 'acronym' | 'title' | 'objective' | 'topics'>,
  pmTags: readonly string[],
): ScopeDecision {
  return decideScope({
    grantId: project.id,
    acronym: project.acronym,
    title: project.title,
    objective: project.objective,
    topics: project.topics,
    euroSciVoc: pmTags,
  });
}

/** True when a euroSciVoc code (its segments) lies under personalised medicine. */
export function isUnderPersonalisedMedicine(code: readonly string[]): boolean {
  return EUROSCIVOC_PM.code.every((segment, at) => code[at] === segment);
}
