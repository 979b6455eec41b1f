// The GraphQL list filters mapped onto the filters the db lists declare (src/db/funding.ts,
// geography.ts, projects.ts, strategy.ts). The fields are the same by design, so a mapping
// is the filter itself, typed: the compiler checks that each GraphQL filter is assignable
// to its db filter (the same value types) and that neither declares a field the other
// lacks (a field added to the SDL but not to its db list would otherwise be dropped).

import type { CallListFilter, FunderListFilter } from '../db/funding';
import type { CountryListFilter, RegionListFilter } from '../db/geography';
import type { OrganisationListFilter, ProjectListFilter } from '../db/projects';
import type { GapListFilter, ObjectiveListFilter, StageListFilter } from '../db/strategy';
import type {
  CallFilter,
  CountryFilter,
  FunderFilter,
  KnowledgeGapFilter,
  ObjectiveFilter,
  OrganisationFilter,
  ProjectFilter,
  RegionFilter,
  ValueChainStageFilter,
} from '../generated/graphql';

/** true when A and B declare the same fields, else false. */
type SameFields<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;

/** The mapping of GraphQL filter G onto db filter D; only compiles with `true` when they have the same fields. */
function listFilter<G extends D, D>(sameFields: SameFields<G, D>) {
  void sameFields;
  return (filter: G | null | undefined): D | null | undefined => filter;
}

export const funderFilter = listFilter<FunderFilter, FunderListFilter>(true);
export const callFilter = listFilter<CallFilter, CallListFilter>(true);
export const projectFilter = listFilter<ProjectFilter, ProjectListFilter>(true);
export const organisationFilter = listFilter<OrganisationFilter, OrganisationListFilter>(true);
export const countryFilter = listFilter<CountryFilter, CountryListFilter>(true);
export const regionFilter = listFilter<RegionFilter, RegionListFilter>(true);
export const objectiveFilter = listFilter<ObjectiveFilter, ObjectiveListFilter>(true);
export const stageFilter = listFilter<ValueChainStageFilter, StageListFilter>(true);
export const gapFilter = listFilter<KnowledgeGapFilter, GapListFilter>(true);
