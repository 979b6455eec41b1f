// The rule book: project text and facts -> inferred links to knowledge gaps, value-chain stages,
// objectives and disease areas. Pure (imports only model/ and search/); the seed build, imports,
// curation and the connectors all derive through it.

export {
  CALL_KIND_STAGE_RULE,
  CURATED_PROJECT_LINKS_RULE,
  DERIVATION_RULES,
  DERIVATION_RULES_BY_ID,
  deriveLinks,
  deriveLinksWithCandidates,
  PROJECT_INHERITS_CALL_TARGETS_RULE,
} from './derivationRules';
export {
  deriveCallTargets,
  deriveProjectLinks,
  type ProjectRuleFacts,
  type UnplacedProject,
} from './deriveEntityLinks';
export { classifyDiseaseAreas, DISEASE_AREA_RULE, type RuleDiseaseArea } from './diseaseAreaRule';
export {
  addToSummary,
  changeCount,
  DERIVATION_PROPERTIES,
  emptyDerivationSummary,
  inferredLinkChanges,
  mergeSummaries,
  type ChangeTally,
  type DerivationSummary,
  type InferredLinkChange,
} from './inferredLinkChanges';
export {
  formatPrecisionReport,
  linkPrecision,
  type LinkJudgement,
  type PrecisionReport,
} from './linkPrecision';
export { RULE_BOOK_VERSION, RULE_BOOK_VERSIONS, ruleBookFingerprint } from './ruleBookVersion';
export {
  RULE_READ_CALL_FIELDS,
  RULE_READ_PROJECT_FIELDS,
  type CuratedProjectLink,
  type DerivationInput,
  type DerivationRule,
  type GapFacts,
  type RuleCall,
  type RuleProject,
} from './ruleEngine';
