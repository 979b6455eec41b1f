// The most items a relationship field without a `first` argument returns, per parent.
// Resolvers cut at these caps and the query cost model (src/http/cost) prices at them, so
// what an operation is charged is what it can fetch.

/**
 * Caps of the unpaged relationship fields, by `Type.field`. Each is several times the
 * largest list the seeds hold (checked by test/unit/http/cost/listSizes.test.ts), so
 * none cuts today's graph; a cut list still reports its full size in the `...Count`
 * field next to it, and the paged lists (e.g. `projects(filter: ...)`) reach every item.
 */
export const RELATION_CAPS = {
  'Funder.programmes': 10,
  'Funder.secretariatOf': 50,
  'Call.participatingCountries': 60,
  'Call.participatingRegions': 60,
  'Call.gaps': 50,
  'Country.regions': 60,
  'Region.funders': 50,
  'Region.calls': 50,
  'Project.funders': 20,
  'Project.partners': 30,
  'Project.countries': 20,
  'Project.objectives': 20,
  'Project.stages': 30,
  'Project.gaps': 30,
  'Organisation.partnerships': 100,
  'Objective.projects': 200,
  'Objective.gaps': 50,
  'ValueChainStage.children': 20,
  'ValueChainStage.areas': 10,
  'ValueChainStage.projects': 200,
  'ValueChainStage.gaps': 50,
  'SriaArea.stages': 30,
  'SriaArea.gaps': 50,
  'KnowledgeGap.areas': 10,
  'KnowledgeGap.stages': 30,
  'KnowledgeGap.objectives': 20,
  'KnowledgeGap.calls': 50,
  'KnowledgeGap.projects': 200,
} as const satisfies Record<string, number>;

export type CappedRelation = keyof typeof RELATION_CAPS;

/** Largest `first` of a paged relationship field (e.g. Funder.projects(first:)); also its price per parent. */
export const MAX_RELATED = 100;

/** `first` of a paged relationship field when the caller leaves it out (the SDL default). */
export const DEFAULT_RELATED = 100;

/** The limit of a to-one relationship field (e.g. Call.programme, Region.country): its one item. */
export const TO_ONE = 1;
