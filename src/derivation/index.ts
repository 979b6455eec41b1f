// The rule book: project text and facts -> inferred links to knowledge gaps, value-chain stages,
// objectives and disease areas. Pure (imports only model/ and search/); the seed build, imports,
// curation and the connectors all derive through it.

export {
  CURATED_PROJECT_LINKS_RULE,
  DERIVATION_RULES,
  DERIVATION_RULES_BY_ID,
  deriveLinks,
  deriveLinksWithCandidates,
} from './derivationRules';
export { classifyDiseaseAreas, DISEASE_AREA_RULE } from './diseaseAreaRule';
export {
  formatPrecisionReport,
  linkPrecision,
  type LinkJudgement,
  type PrecisionReport,
} from './linkPrecision';
export { RULE_BOOK_VERSION, RULE_BOOK_VERSIONS, ruleBookFingerprint } from './ruleBookVersion';
export type { CuratedProjectLink, DerivationInput, DerivationRule, GapFacts } from './ruleEngine';
