// The shape of the curated dataset in seeds/*.json: one file per node label plus the
// derived links. This is the contract between the seed builder, the validator and the
// seed loader; docs/model.md explains each field.

/** Every node record carries where its facts come from. */
export interface SourcedRecord {
  /** Stable, lower-case, URL-safe identifier, unique within its label. */
  id: string;
  /** Public URLs the facts were taken from (at least one). */
  sources: string[];
  /** True when a fact comes from a weak or single source (shared/domain `uncertain`). */
  uncertain: boolean;
  /** Free-text remarks of the compiler, paraphrased; null when none. */
  notes: string | null;
}

export type ProgrammeRecord = SourcedRecord & {
  name: string;
  shortName: string;
  startYear: number | null;
  budgetEur: number | null;
  budgetNote: string | null;
  fundersCount: number | null;
  countriesCount: number | null;
  regionsCount: number | null;
  description: string | null;
  /**
   * Funders named as members or coordinators of the programme: the union of the programme
   * record's own funder list and the funders whose `programmes` name it.
   */
  memberFunderIds: string[];
};

export type CountryRecord = {
  /** ISO 3166-1 alpha-2 code, upper case; also the id. */
  id: string;
  code: string;
  name: string;
  officialName: string;
  /** Centroid from the world-countries package (WGS84 degrees). */
  latitude: number;
  longitude: number;
  /** world-countries `region`: Africa, Americas, Antarctic, Asia, Europe or Oceania. */
  continent: string;
  /** world-countries `subregion`, e.g. "Northern Europe". */
  subregion: string;
  sources: string[];
};

/**
 * A sub-national region a funder acts for or a call lists, e.g. Navarre. The id is the lower-case
 * country code plus the slug of the name ("es-navarre"); "European Union" is not a region.
 */
export type RegionRecord = {
  id: string;
  name: string;
  countryCode: string;
  /** ISO 3166-2 code of the subdivision the region is, e.g. ES-NC; null when it is none (a language community). */
  subdivisionCode: string | null;
  /** The subdivision's point in WGS84 degrees (seeds/curation/locations.json); null with subdivisionCode. */
  latitude: number | null;
  longitude: number | null;
  sources: string[];
};

export const FUNDER_KINDS = [
  'NATIONAL_FUNDING_AGENCY',
  'MINISTRY',
  'REGIONAL_MINISTRY',
  'REGIONAL_FUNDING_AGENCY',
  'REGIONAL_AGENCY',
  'REGIONAL_GOVERNMENT',
  'REGIONAL_FOUNDATION',
  'FOUNDATION',
  'PROJECT_MANAGEMENT_AGENCY',
  'EU_BODY',
] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

export type FunderRecord = SourcedRecord & {
  name: string;
  acronym: string | null;
  kind: FunderKind;
  /** Country the funder is based in; null for supranational bodies (the European Commission). */
  countryCode: string | null;
  /** Sub-national region the funder acts for, when it is regional. */
  regionId: string | null;
  /** Programmes the funder belongs to (union of the funder's and the programme's lists). */
  programmeIds: string[];
  /** Calls the funder took part in (union of the funder's and the call's lists). */
  callIds: string[];
  roles: string[];
  /** Headquarters in WGS84 degrees, for a funder without a country (the European Commission); else null. */
  headquartersLatitude: number | null;
  headquartersLongitude: number | null;
};

export const CALL_KINDS = [
  'JOINT_TRANSNATIONAL_CALL',
  'INNOVATION_CALL',
  'INNOVATION_ACTION',
  'SUPPORT_CALL',
  'EVENT',
] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export type CallRecord = SourcedRecord & {
  kind: CallKind;
  programmeId: string | null;
  year: number | null;
  title: string;
  shortTitle: string | null;
  /** ISO dates as published; may be a month only (YYYY-MM). */
  publicationDate: string | null;
  infoDay: string | null;
  preProposalDeadline: string | null;
  fullProposalDeadline: string | null;
  budgetEur: number | null;
  budgetNote: string | null;
  ecCofunded: boolean | null;
  secretariatFunderId: string | null;
  fundersCount: number | null;
  countriesCount: number | null;
  regionsCount: number | null;
  participatingCountryCodes: string[];
  participatingRegionIds: string[];
  eligiblePreProposals: number | null;
  invitedFullProposals: number | null;
  fundedProjectsCount: number | null;
  fundingGrantedEur: number | null;
  researchGroupsCount: number | null;
  fundedCountriesCount: number | null;
  description: string | null;
};

export const PARTNER_ROLES = ['COORDINATOR', 'PARTNER'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export type ProjectPartnerRecord = {
  organisationId: string;
  role: PartnerRole;
  /** The institution names exactly as the sources gave them (one per named group). */
  asNamed: string[];
};

export type ProjectRecord = SourcedRecord & {
  acronym: string;
  title: string | null;
  programmeId: string | null;
  callId: string | null;
  referenceNumber: string | null;
  startDate: string | null;
  endDate: string | null;
  startYear: number | null;
  /** startYear when known, otherwise the year of the funding call; used by year filters. */
  year: number | null;
  yearBasis: 'START_DATE' | 'CALL_YEAR' | null;
  durationMonths: number | null;
  fundingEur: number | null;
  fundingNote: string | null;
  funderIds: string[];
  partners: ProjectPartnerRecord[];
  /** Countries with a partner in the consortium, as the sources list them. */
  partnerCountryCodes: string[];
  /** Partners the sources mention without naming an institution, e.g. "research group in Paris". */
  unnamedPartners: string[];
  diseaseArea: string | null;
  keywords: string[];
  description: string | null;
};

export type OrganisationRecord = {
  id: string;
  name: string;
  countryCode: string;
  /** Every spelling of this institution met in the sources. */
  aliases: string[];
  sources: string[];
};

export type ObjectiveRecord = {
  id: string;
  order: number;
  shortName: string;
  description: string;
  textVerified: boolean;
  sources: string[];
};

export const STAGE_LEVELS = ['MACRO', 'SUB', 'CROSS_CUTTING'] as const;
export type StageLevel = (typeof STAGE_LEVELS)[number];

export type ValueChainStageRecord = {
  id: string;
  name: string;
  /** Position along the continuum (1, 1.1, 1.2, 2, ...); null for the cross-cutting group. */
  order: number | null;
  level: StageLevel;
  parentId: string | null;
  description: string;
  /** Labels other documents use for this stage, with who uses them: "label (by)". */
  namesUsed: string[];
  /** True when the stage is the compiler's grouping rather than a named continuum step. */
  inferred: boolean;
  inferenceNote: string | null;
  sources: string[];
};

export const SRIA_AREA_KINDS = ['MAIN_AREA', 'OVERARCHING'] as const;
export type SriaAreaKind = (typeof SRIA_AREA_KINDS)[number];

export type SriaAreaRecord = {
  id: string;
  order: number;
  name: string;
  kind: SriaAreaKind;
  description: string;
  stageIds: string[];
  sources: string[];
};

export type KnowledgeGapRecord = {
  id: string;
  shortName: string;
  description: string;
  /** Documents in which the need is expressed (paraphrased names). */
  namedIn: string[];
  /** True when the gap is deduced from a call topic rather than stated as a gap. */
  inferred: boolean;
  notes: string | null;
  sources: string[];
};

export const PROVENANCES = ['CURATED', 'INFERRED'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export const DERIVED_LINK_TYPES = [
  'ADVANCES', // Project -> Objective
  'AT_STAGE', // Project -> ValueChainStage, KnowledgeGap -> ValueChainStage
  'ADDRESSES', // Project -> KnowledgeGap
  'IN_AREA', // KnowledgeGap -> SriaArea
  'SERVES', // KnowledgeGap -> Objective
  'TARGETS', // Call -> KnowledgeGap
] as const;
export type DerivedLinkType = (typeof DERIVED_LINK_TYPES)[number];

export const LINKABLE_LABELS = [
  'Project',
  'Call',
  'KnowledgeGap',
  'Objective',
  'ValueChainStage',
  'SriaArea',
] as const;
export type LinkableLabel = (typeof LINKABLE_LABELS)[number];

/** A link that is not stated as such by a source: someone or some rule judged it. */
export type DerivedLinkRecord = {
  fromLabel: LinkableLabel;
  fromId: string;
  type: DerivedLinkType;
  toLabel: LinkableLabel;
  toId: string;
  provenance: Provenance;
  /** Id of the rule in src/seed/derivationRules.ts that produced the link. */
  rule: string;
  /** 0 < confidence <= 1; see the rule for how it is set. */
  confidence: number;
  /** What the rule matched, in words a reader can check against the source. */
  evidence: string;
};

/** A disease area: an ICD-10 chapter (seeds/curation/disease-areas.json); id "icd10-<code>". */
export type DiseaseAreaRecord = {
  id: string;
  /** The GraphQL DiseaseAreaCode, e.g. NEOPLASMS. */
  code: string;
  /** ICD-10 chapter number in Roman numerals, e.g. "II". */
  chapter: string;
  /** WHO's chapter name. */
  name: string;
  /** The chapter's code range, e.g. "C00-D48". */
  icd10Range: string;
  /** The terms that place a project in the area (src/seed/diseaseAreas.ts). */
  terms: string[];
  sources: string[];
};

/** (Project)-[:IN_DISEASE_AREA]->(DiseaseArea), derived by a rule of src/seed/diseaseAreas.ts. */
export type DiseaseAreaLinkRecord = {
  projectId: string;
  diseaseAreaId: string;
  provenance: Provenance;
  rule: string;
  confidence: number;
  evidence: string;
};

export type SeedManifest = {
  /** Dataset version, YYYY-MM-DD.N, bumped whenever seeds/ changes. */
  version: string;
  compiledFrom: string;
  builtAt: string;
};

/** The whole dataset as loaded into memory; file name per key is `seeds/<key>.json`. */
export type SeedDataset = {
  manifest: SeedManifest;
  programmes: ProgrammeRecord[];
  countries: CountryRecord[];
  regions: RegionRecord[];
  funders: FunderRecord[];
  calls: CallRecord[];
  organisations: OrganisationRecord[];
  projects: ProjectRecord[];
  objectives: ObjectiveRecord[];
  valueChainStages: ValueChainStageRecord[];
  sriaAreas: SriaAreaRecord[];
  knowledgeGaps: KnowledgeGapRecord[];
  links: DerivedLinkRecord[];
  diseaseAreas: DiseaseAreaRecord[];
  diseaseAreaLinks: DiseaseAreaLinkRecord[];
};

export const SEED_FILE_KEYS = [
  'manifest',
  'programmes',
  'countries',
  'regions',
  'funders',
  'calls',
  'organisations',
  'projects',
  'objectives',
  'valueChainStages',
  'sriaAreas',
  'knowledgeGaps',
  'links',
  'diseaseAreas',
  'diseaseAreaLinks',
] as const satisfies readonly (keyof SeedDataset)[];
