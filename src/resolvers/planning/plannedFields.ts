// Which GraphQL fields the planner reads in the root field's statement, as data: each entry
// says which RelationSpec and limit its resolver's loader uses, so a planned field reads
// exactly what its loader would. Fields not listed here are resolved as before (loaders);
// loadedFields.ts says why for each of them.

import { RELATION_CAPS } from '../relationCaps';
import * as funding from '../../db/funding';
import * as geography from '../../db/geography';
import type { EntityLabel } from '../../db/models';
import * as projects from '../../db/projects';
import * as strategy from '../../db/strategy';
import type { DerivedRelationSpec, RelationSpec } from '../../db/relations';

type Spec = RelationSpec<EntityLabel, EntityLabel>;
type DerivedSpec = DerivedRelationSpec<EntityLabel, EntityLabel>;

/** How the planner reads one field; mirrors its resolver in src/resolvers. */
export type FieldPlan =
  /** A list (or, `single`, the first node or null) through loaders.related(spec, limit); 'first' reads the argument. */
  | { kind: 'nodes'; spec: Spec; limit: number | 'first'; single?: boolean }
  /** loaders.withRelationship(spec, limit); the link type's `end` field returns the node read. */
  | { kind: 'links'; spec: Spec; limit: number; end: string }
  /** loaders.derived(spec, filter of the provenance/minConfidence arguments); `end` as for links. */
  | { kind: 'derived'; spec: DerivedSpec; limit: number; end: string }
  /** loaders.count(spec), or for a derived spec loaders.count(spec, filter of provenance/minConfidence). */
  | { kind: 'count'; spec: Spec }
  /** loaders.byId(label).load(parent[property]). */
  | { kind: 'byKey'; label: EntityLabel; property: string }
  /** loaders.places(label).load(parent.id): where a funder or organisation is drawn (src/db/places.ts). */
  | { kind: 'place' };

const nodes = (spec: Spec, limit: number | 'first'): FieldPlan => ({ kind: 'nodes', spec, limit });
const single = (spec: Spec): FieldPlan => ({ kind: 'nodes', spec, limit: 1, single: true });
const count = (spec: Spec): FieldPlan => ({ kind: 'count', spec });
const countryByCode: FieldPlan = { kind: 'byKey', label: 'Country', property: 'countryCode' };
const place: FieldPlan = { kind: 'place' };
const derived = (spec: DerivedSpec, limit: number, end: string): FieldPlan => ({
  kind: 'derived',
  spec,
  limit,
  end,
});

/** GraphQL type name -> field name -> plan. */
export const PLANNED_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldPlan>>>> = {
  Programme: {
    calls: nodes(funding.CALLS_BY_PROGRAMME_ID, 'first'),
    callCount: count(funding.CALLS_BY_PROGRAMME_ID),
    funders: nodes(funding.FUNDERS_BY_PROGRAMME_ID, 'first'),
    funderCount: count(funding.FUNDERS_BY_PROGRAMME_ID),
    projects: nodes(funding.PROJECTS_BY_PROGRAMME_ID, 'first'),
    projectCount: count(funding.PROJECTS_BY_PROGRAMME_ID),
  },
  Funder: {
    country: countryByCode,
    region: single(funding.REGION_BY_FUNDER_ID),
    coordinates: place,
    programmes: nodes(funding.PROGRAMMES_BY_FUNDER_ID, RELATION_CAPS['Funder.programmes']),
    calls: nodes(funding.CALLS_BY_FUNDER_ID, 'first'),
    callCount: count(funding.CALLS_BY_FUNDER_ID),
    secretariatOf: nodes(funding.SECRETARIAT_CALLS_BY_FUNDER_ID, RELATION_CAPS['Funder.secretariatOf']),
    projects: nodes(funding.PROJECTS_BY_FUNDER_ID, 'first'),
    projectCount: count(funding.PROJECTS_BY_FUNDER_ID),
  },
  Call: {
    programme: single(funding.PROGRAMME_BY_CALL_ID),
    secretariat: single(funding.SECRETARIAT_BY_CALL_ID),
    funders: nodes(funding.FUNDERS_BY_CALL_ID, 'first'),
    funderCount: count(funding.FUNDERS_BY_CALL_ID),
    participatingCountries: nodes(funding.COUNTRIES_BY_CALL_ID, RELATION_CAPS['Call.participatingCountries']),
    participatingRegions: nodes(funding.REGIONS_BY_CALL_ID, RELATION_CAPS['Call.participatingRegions']),
    projects: nodes(funding.PROJECTS_BY_CALL_ID, 'first'),
    projectCount: count(funding.PROJECTS_BY_CALL_ID),
    gaps: {
      kind: 'derived',
      spec: funding.GAP_LINKS_BY_CALL_ID,
      limit: RELATION_CAPS['Call.gaps'],
      end: 'gap',
    },
  },
  Project: {
    programme: single(projects.PROGRAMME_BY_PROJECT_ID),
    call: single(projects.CALL_BY_PROJECT_ID),
    funders: nodes(projects.FUNDERS_BY_PROJECT_ID, RELATION_CAPS['Project.funders']),
    funderCount: count(projects.FUNDERS_BY_PROJECT_ID),
    partners: {
      kind: 'links',
      spec: projects.PARTNERS_BY_PROJECT_ID,
      limit: RELATION_CAPS['Project.partners'],
      end: 'organisation',
    },
    partnerCount: count(projects.PARTNERS_BY_PROJECT_ID),
    countries: nodes(projects.COUNTRIES_BY_PROJECT_ID, RELATION_CAPS['Project.countries']),
    countryCount: count(projects.COUNTRIES_BY_PROJECT_ID),
    objectives: {
      kind: 'derived',
      spec: projects.OBJECTIVE_LINKS_BY_PROJECT_ID,
      limit: RELATION_CAPS['Project.objectives'],
      end: 'objective',
    },
    stages: {
      kind: 'derived',
      spec: projects.STAGE_LINKS_BY_PROJECT_ID,
      limit: RELATION_CAPS['Project.stages'],
      end: 'stage',
    },
    gaps: {
      kind: 'derived',
      spec: projects.GAP_LINKS_BY_PROJECT_ID,
      limit: RELATION_CAPS['Project.gaps'],
      end: 'gap',
    },
  },
  Organisation: {
    country: countryByCode,
    coordinates: place,
    projects: nodes(projects.PROJECTS_BY_ORGANISATION_ID, 'first'),
    partnerships: {
      kind: 'links',
      spec: projects.PROJECTS_BY_ORGANISATION_ID,
      limit: RELATION_CAPS['Organisation.partnerships'],
      end: 'project',
    },
    projectCount: count(projects.PROJECTS_BY_ORGANISATION_ID),
  },
  Country: {
    funders: nodes(geography.FUNDERS_BY_COUNTRY_ID, 'first'),
    funderCount: count(geography.FUNDERS_BY_COUNTRY_ID),
    regions: nodes(geography.REGIONS_BY_COUNTRY_ID, RELATION_CAPS['Country.regions']),
    organisations: nodes(geography.ORGANISATIONS_BY_COUNTRY_ID, 'first'),
    organisationCount: count(geography.ORGANISATIONS_BY_COUNTRY_ID),
    projects: nodes(geography.PROJECTS_BY_COUNTRY_ID, 'first'),
    projectCount: count(geography.PROJECTS_BY_COUNTRY_ID),
    calls: nodes(geography.CALLS_BY_COUNTRY_ID, 'first'),
    callCount: count(geography.CALLS_BY_COUNTRY_ID),
  },
  Region: {
    country: single(geography.COUNTRY_BY_REGION_ID),
    funders: nodes(geography.FUNDERS_BY_REGION_ID, RELATION_CAPS['Region.funders']),
    calls: nodes(geography.CALLS_BY_REGION_ID, RELATION_CAPS['Region.calls']),
  },
  Objective: {
    projects: derived(strategy.PROJECT_LINKS_BY_OBJECTIVE_ID, RELATION_CAPS['Objective.projects'], 'project'),
    projectCount: count(strategy.PROJECT_LINKS_BY_OBJECTIVE_ID),
    gaps: derived(strategy.GAP_LINKS_BY_OBJECTIVE_ID, RELATION_CAPS['Objective.gaps'], 'gap'),
  },
  ValueChainStage: {
    parent: single(strategy.PARENT_BY_STAGE_ID),
    children: nodes(strategy.CHILDREN_BY_STAGE_ID, RELATION_CAPS['ValueChainStage.children']),
    areas: nodes(strategy.AREAS_BY_STAGE_ID, RELATION_CAPS['ValueChainStage.areas']),
    projects: derived(
      strategy.PROJECT_LINKS_BY_STAGE_ID,
      RELATION_CAPS['ValueChainStage.projects'],
      'project',
    ),
    projectCount: count(strategy.PROJECT_LINKS_BY_STAGE_ID),
    gaps: derived(strategy.GAP_LINKS_BY_STAGE_ID, RELATION_CAPS['ValueChainStage.gaps'], 'gap'),
  },
  SriaArea: {
    stages: nodes(strategy.STAGES_BY_AREA_ID, RELATION_CAPS['SriaArea.stages']),
    gaps: derived(strategy.GAP_LINKS_BY_AREA_ID, RELATION_CAPS['SriaArea.gaps'], 'gap'),
  },
  KnowledgeGap: {
    areas: derived(strategy.AREA_LINKS_BY_GAP_ID, RELATION_CAPS['KnowledgeGap.areas'], 'area'),
    stages: derived(strategy.STAGE_LINKS_BY_GAP_ID, RELATION_CAPS['KnowledgeGap.stages'], 'stage'),
    objectives: derived(
      strategy.OBJECTIVE_LINKS_BY_GAP_ID,
      RELATION_CAPS['KnowledgeGap.objectives'],
      'objective',
    ),
    calls: derived(strategy.CALL_LINKS_BY_GAP_ID, RELATION_CAPS['KnowledgeGap.calls'], 'call'),
    projects: derived(strategy.PROJECT_LINKS_BY_GAP_ID, RELATION_CAPS['KnowledgeGap.projects'], 'project'),
    projectCount: count(strategy.PROJECT_LINKS_BY_GAP_ID),
  },
};

/**
 * The root fields that read through the planner (src/resolvers/planning/planned.ts): an
 * entity by id (entityById) or a list page (listPage). Each is planned when a planned field
 * is selected below it (or, for a list, its page with totalCount); otherwise the by-id loader
 * or listNodes answers, as without the planner. The other roots are in LOADED_ROOTS.
 */
export const PLANNED_ROOTS: Readonly<Record<string, 'by id' | 'list'>> = {
  programme: 'by id',
  programmes: 'list',
  funder: 'by id',
  funders: 'list',
  call: 'by id',
  calls: 'list',
  project: 'by id',
  projects: 'list',
  organisation: 'by id',
  organisations: 'list',
  country: 'by id',
  countries: 'list',
  region: 'by id',
  regions: 'list',
  objective: 'by id',
  objectives: 'list',
  valueChainStage: 'by id',
  valueChainStages: 'list',
  sriaArea: 'by id',
  sriaAreas: 'list',
  knowledgeGap: 'by id',
  knowledgeGaps: 'list',
};

/**
 * Properties a type's resolvers read besides `id` and the selected scalar fields, so a
 * planned node that names its properties still serves them (Funder.country reads countryCode).
 */
export const PROPERTIES_RESOLVERS_READ: Readonly<Record<string, readonly string[]>> = {
  Funder: ['countryCode'],
  Organisation: ['countryCode'],
  Region: ['countryCode'],
};
