// The shapes of the seed builder's inputs: the raw domain snapshot in seeds/domain (snake_case,
// exactly as compiled), the hand-curated files in seeds/curation, and the country data
// (a subset of the world-countries package record).

import type { CuratedProjectLink } from '../derivation';

/** A funding organisation as compiled in seeds/domain/funders.json. */
export type DomainFunder = {
  id: string;
  name: string;
  acronym: string | null;
  /** ISO 3166-1 alpha-2; null for supranational bodies. */
  country: string | null;
  /** Free-text region name, e.g. "Navarre"; "European Union" for the European Commission. */
  region: string | null;
  /** Lower-case words, e.g. "national funding agency", "EU body". */
  kind: string;
  /** Programme names, e.g. "ERA PerMed". */
  programmes: string[];
  calls: string[];
  roles: string[];
  notes: string | null;
  uncertain: boolean;
  sources: string[];
};

/** A call, action, event or programme record as compiled in seeds/domain/calls.json. */
export type DomainCall = {
  id: string;
  /** Programme name, e.g. "EP PerMed". */
  programme: string;
  /** "programme" | "joint_transnational_call" | "innovation_call" | "innovation_action" | "support_call" | "event". */
  type: string;
  year: number | null;
  title: string;
  short_title: string | null;
  publication_date: string | null;
  info_day: string | null;
  pre_proposal_deadline: string | null;
  full_proposal_deadline: string | null;
  budget_eur: number | null;
  budget_note: string | null;
  ec_cofunded: boolean | null;
  joint_call_secretariat: string | null;
  n_funders: number | null;
  n_countries: number | null;
  n_regions: number | null;
  participating_countries: string[];
  /** Region names with the country code in brackets, e.g. "Quebec (CA)". */
  participating_regions: string[];
  funders: string[];
  eligible_pre_proposals: number | null;
  invited_full_proposals: number | null;
  n_funded_projects: number | null;
  funding_granted_eur: number | null;
  n_research_groups: number | null;
  n_funded_countries: number | null;
  description: string | null;
  notes: string | null;
  uncertain: boolean;
  sources: string[];
};

/** An institution as a source named it, with the country the compiler attributed. */
export type DomainInstitution = {
  institution: string;
  country: string;
};

/** A funded consortium as compiled in seeds/domain/projects.json. */
export type DomainProject = {
  id: string;
  acronym: string;
  title: string | null;
  /** Programme name; may be ambiguous text such as "ERA PerMed / EP PerMed (press says ERA PerMed)". */
  programme: string | null;
  call: string | null;
  reference_number: string | null;
  start_date: string | null;
  end_date: string | null;
  start_year: number | null;
  duration_months: number | null;
  coordinator: DomainInstitution | null;
  partners: DomainInstitution[];
  partner_countries: string[];
  funding_eur: number | null;
  funding_note: string | null;
  funders: string[];
  disease_area: string | null;
  keywords: string[];
  description: string | null;
  notes: string | null;
  uncertain: boolean;
  sources: string[];
};

/** Common header of the taxonomy files. */
export type DomainMeta = {
  /** ISO date the facts were compiled, e.g. "2026-11-29". */
  compiled: string;
  [key: string]: unknown;
};

export type DomainObjective = {
  id: string;
  order: number;
  short_name: string;
  description: string;
  text_verified: boolean;
  related_area_ids: string[];
  related_stage_ids: string[];
  mapping_inferred: boolean;
  sources: string[];
  verified_from?: string;
};

export type DomainObjectivesFile = {
  meta: DomainMeta;
  objectives: DomainObjective[];
  /** Other objective sets (EP PerMed roles, Horizon Europe summaries); not seeded as Objectives. */
  other_objective_sets: unknown[];
};

export type DomainStageName = {
  label: string;
  by: string;
  sources: string[];
};

export type DomainStage = {
  id: string;
  name: string;
  order: number | null;
  /** "macro" | "sub" | "cross-cutting". */
  level: string;
  parent_id: string | null;
  description: string;
  names_used: DomainStageName[];
  inferred: boolean;
  inference_note?: string;
  definition_found?: boolean;
  sources: string[];
};

export type DomainStagesFile = {
  meta: DomainMeta;
  stages: DomainStage[];
};

export type DomainSriaArea = {
  id: string;
  order: number;
  name: string;
  /** "sria_main_area" | "sria_overarching". */
  type: string;
  description: string;
  stage_ids: string[];
  chapter_number: number | null;
  toa_count: number | null;
  toa_ids: string[];
  related_workshop_topics?: string[];
  topics_mapping_inferred?: boolean;
  sources: string[];
};

export type DomainSriaFile = {
  meta: DomainMeta;
  areas: DomainSriaArea[];
  triplets_of_action: unknown[];
  related_frameworks: Record<string, unknown>;
};

export type DomainKnowledgeGap = {
  id: string;
  short_name: string;
  description: string;
  related_area_ids: string[];
  related_stage_ids: string[];
  related_objective_ids: string[];
  /** Documents in which the need is expressed, e.g. "EP PerMed JTC2025 topic (PGxPM2025)". */
  named_in: string[];
  derived_from_toa: boolean;
  toa_ids: string[];
  /** True when the gap is deduced from a call topic rather than stated as a gap. */
  inferred: boolean;
  /** True when the area/stage/objective ids are the compiler's own mapping. */
  mapping_inferred: boolean;
  note?: string;
  sources: string[];
};

export type DomainKnowledgeGapsFile = {
  meta: DomainMeta;
  knowledge_gaps: DomainKnowledgeGap[];
};

/** Everything in seeds/domain that the builder reads, one key per JSON file. */
export type DomainSnapshot = {
  funders: DomainFunder[];
  calls: DomainCall[];
  projects: DomainProject[];
  objectives: DomainObjectivesFile;
  valueChainStages: DomainStagesFile;
  sriaAreas: DomainSriaFile;
  knowledgeGaps: DomainKnowledgeGapsFile;
};

/** File name in seeds/domain for each DomainSnapshot key. */
export const DOMAIN_FILES = {
  funders: 'funders.json',
  calls: 'calls.json',
  projects: 'projects.json',
  objectives: 'objectives.json',
  valueChainStages: 'value-chain-stages.json',
  sriaAreas: 'sria-areas.json',
  knowledgeGaps: 'knowledge-gaps.json',
} as const satisfies Record<keyof DomainSnapshot, string>;

/** One canonical institution and every raw spelling of it met in projects.json. */
export type CuratedOrganisation = {
  /** Slug, "org-" + the institution's name, e.g. "org-university-of-helsinki". */
  id: string;
  name: string;
  countryCode: string;
  /** Raw coordinator/partner strings exactly as in projects.json. */
  aliases: string[];
  /** The curator's reason for a merge or split, when it was a judgement call. */
  note?: string;
};

/** A raw partner string that does not name an institution, and why it is not one. */
export type CuratedUnnamedPartner = {
  text: string;
  reason: string;
};

/** A link a curator read in a project's own record (seeds/curation/project-links.json). */
export type { CuratedProjectLink };

/** A region's ISO 3166-2 subdivision, or null (with the reason) when it is not a territory. */
export type CuratedRegionLocation = { regionId: string; subdivisionCode: string | null; note?: string };

/** Where a funder without a country (the European Commission) has its headquarters, with the source saying so. */
export type CuratedHeadquarters = {
  funderId: string;
  city: string;
  subdivisionCode: string;
  source: string;
  note?: string;
};

/** seeds/curation/locations.json: which place each region and headquarters is; coordinates come from a package. */
export type CuratedLocations = {
  note?: string;
  regions: CuratedRegionLocation[];
  headquarters: CuratedHeadquarters[];
};

/** WGS84 degrees of a named place, and the data set they were read from. */
export type PlaceCoordinates = { name: string; latitude: number; longitude: number; source: string };

/**
 * The coordinates of the places locations.json names, read from a data package by
 * readSeedInputs: `subdivisions` by ISO 3166-2 code, `cities` by "<subdivision code>/<city name>".
 */
export type Places = {
  subdivisions: Record<string, PlaceCoordinates>;
  cities: Record<string, PlaceCoordinates>;
};

/** Everything in seeds/curation, one key per JSON file. */
export type SeedCuration = {
  organisations: CuratedOrganisation[];
  unnamedPartners: CuratedUnnamedPartner[];
  projectLinks: CuratedProjectLink[];
  locations: CuratedLocations;
  diseaseAreas: DiseaseAreaVocabulary;
};

/** seeds/curation/disease-areas.json: the ICD-10 chapters projects are classified into. */
export type DiseaseAreaVocabulary = {
  description: string;
  areas: Array<{
    code: string;
    chapter: string;
    name: string;
    icd10Range: string;
    terms: string[];
    sources: string[];
  }>;
};

/** File name in seeds/curation for each SeedCuration key. */
export const CURATION_FILES = {
  organisations: 'organisations.json',
  unnamedPartners: 'unnamed-partners.json',
  projectLinks: 'project-links.json',
  locations: 'locations.json',
  diseaseAreas: 'disease-areas.json',
} as const satisfies Record<keyof SeedCuration, string>;
