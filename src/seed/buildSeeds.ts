// Builds the seed dataset (seeds/*.json) from the domain snapshot, the curation files and the
// world-countries data: maps every record to the contract in src/model, resolves names
// to ids and derives the links. Pure and deterministic: no I/O, no clock, output sorted by id.

import { classifyDiseaseAreas, deriveLinks, type GapFacts } from '../derivation';
import { buildDiseaseAreas } from './diseaseAreas';
import {
  type DomainCall,
  type DomainFunder,
  type DomainInstitution,
  type DomainProject,
  type DomainSnapshot,
  type Places,
  type SeedCuration,
} from './domainTypes';
import { locateFunders, locateRegions, type UnlocatedFunder, type UnlocatedRegion } from './locateRecords';
import {
  CALL_KINDS,
  countryRecordOf,
  FUNDER_KINDS,
  type CountryData,
  type CallKind,
  type CallRecord,
  type CountryRecord,
  type FunderKind,
  type KnowledgeGapRecord,
  type ObjectiveRecord,
  type OrganisationRecord,
  type PartnerRole,
  type ProgrammeRecord,
  type ProjectPartnerRecord,
  type ProjectRecord,
  type RegionRecord,
  type SeedDataset,
  type SeedManifest,
  type SriaAreaKind,
  type SriaAreaRecord,
  type StageLevel,
  type ValueChainStageRecord,
} from '../model';
import { slugify } from '../model/slugify';

/** Dataset version written to seeds/manifest.json; bump the suffix whenever seeds/ changes. */
export const SEED_VERSION = '2026-11-29.4';

/** Sorts records by id (code-point order, like the rest of the pipeline). */
function byId<T extends { id: string }>(records: T[]): T[] {
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Sorted, de-duplicated copy. */
function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** De-duplicated copy in first-seen order (for sources, whose order the compiler chose). */
function uniqueInOrder(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

function expectArray(value: unknown, what: string): void {
  if (!Array.isArray(value))
    throw new TypeError(`buildSeeds expected ${what} to be an array, received ${describe(value)}`);
}

/** Snapshot date of the domain files (their meta.compiled), which is also the build date. */
function compiledDate(domain: DomainSnapshot): string {
  const dates = uniqueSorted(
    [
      domain.objectives.meta,
      domain.valueChainStages.meta,
      domain.sriaAreas.meta,
      domain.knowledgeGaps.meta,
    ].map((meta) => {
      if (typeof meta?.compiled !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(meta.compiled)) {
        throw new TypeError(
          `buildSeeds expected every domain meta.compiled to be a YYYY-MM-DD date, received ${describe(meta?.compiled)}`,
        );
      }
      return meta.compiled;
    }),
  );
  // The latest compile date wins: the snapshot is as new as its newest file.
  return dates[dates.length - 1] as string;
}

// --- Kinds and enums --------------------------------------------------------------------------

/** "national funding agency" -> NATIONAL_FUNDING_AGENCY; unknown kinds are an error, never a guess. */
export function funderKindOf(kind: string): FunderKind {
  const candidate = kind
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  const found = FUNDER_KINDS.find((known) => known === candidate);
  if (found === undefined) {
    throw new TypeError(
      `buildSeeds expected a funder kind mapping to one of ${FUNDER_KINDS.join(', ')}, received ${JSON.stringify(kind)}`,
    );
  }
  return found;
}

/** calls.json `type` -> CallKind; "programme" is not a call kind (those become Programmes). */
export function callKindOf(type: string): CallKind {
  const candidate = type.trim().toUpperCase();
  const found = CALL_KINDS.find((known) => known === candidate);
  if (found === undefined) {
    throw new TypeError(
      `buildSeeds expected a call type mapping to one of ${CALL_KINDS.join(', ')}, received ${JSON.stringify(type)}`,
    );
  }
  return found;
}

function stageLevelOf(level: string): StageLevel {
  switch (level) {
    case 'macro':
      return 'MACRO';
    case 'sub':
      return 'SUB';
    case 'cross-cutting':
      return 'CROSS_CUTTING';
    default:
      throw new TypeError(
        `buildSeeds expected a stage level "macro", "sub" or "cross-cutting", received ${JSON.stringify(level)}`,
      );
  }
}

function sriaAreaKindOf(type: string): SriaAreaKind {
  switch (type) {
    case 'sria_main_area':
      return 'MAIN_AREA';
    case 'sria_overarching':
      return 'OVERARCHING';
    default:
      throw new TypeError(
        `buildSeeds expected an SRIA area type "sria_main_area" or "sria_overarching", received ${JSON.stringify(type)}`,
      );
  }
}

// --- Programmes -------------------------------------------------------------------------------

const PROGRAMME_TYPE = 'programme';

/** Programme name ("ERA PerMed") -> programme id, read from the programme-type call records. */
function programmeIdsByName(calls: readonly DomainCall[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const record of calls) {
    if (record.type === PROGRAMME_TYPE) ids.set(record.programme, record.id);
  }
  return ids;
}

function requireProgrammeId(names: Map<string, string>, name: string, where: string): string {
  const id = names.get(name);
  if (id === undefined) {
    throw new TypeError(
      `buildSeeds expected ${where} to name a programme (${[...names.keys()].join(', ')}), received ${JSON.stringify(name)}`,
    );
  }
  return id;
}

// --- Regions ----------------------------------------------------------------------------------

/** A region named by a funder or a call, before merging. */
type RegionMention = { name: string; countryCode: string; sources: readonly string[] };

/** "Quebec (CA)" -> { name: "Quebec", countryCode: "CA" }. */
export function parseCallRegion(text: string): { name: string; countryCode: string } {
  const match = /^(.+?)\s*\(([A-Z]{2})\)$/.exec(text.trim());
  if (match === null) {
    throw new TypeError(
      `buildSeeds expected a participating region like "Quebec (CA)", received ${JSON.stringify(text)}`,
    );
  }
  return { name: match[1] as string, countryCode: match[2] as string };
}

/**
 * Region id: the country code and the slug of the name without any bracketed gloss,
 * e.g. "es-navarre", "be-federation-wallonie-bruxelles".
 */
export function regionIdOf(name: string, countryCode: string): string {
  return `${countryCode.toLowerCase()}-${slugify(name.replace(/\s*\([^)]*\)\s*$/, ''))}`;
}

/**
 * A funder's region is a sub-national region only when the funder also has a country:
 * the European Commission's "European Union" is its jurisdiction, not a region.
 */
function funderRegion(funder: DomainFunder): RegionMention | null {
  if (funder.region === null || funder.country === null) return null;
  return { name: funder.region, countryCode: funder.country, sources: funder.sources };
}

function buildRegions(domain: DomainSnapshot): UnlocatedRegion[] {
  const mentions: RegionMention[] = [];
  for (const funder of [...domain.funders].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const mention = funderRegion(funder);
    if (mention !== null) mentions.push(mention);
  }
  for (const call of [...domain.calls].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const text of call.participating_regions) {
      mentions.push({ ...parseCallRegion(text), sources: call.sources });
    }
  }
  const regions = new Map<string, UnlocatedRegion>();
  for (const mention of mentions) {
    const id = regionIdOf(mention.name, mention.countryCode);
    const existing = regions.get(id);
    if (existing === undefined) {
      regions.set(id, {
        id,
        name: mention.name,
        countryCode: mention.countryCode,
        sources: [...mention.sources],
      });
    } else {
      existing.sources = uniqueInOrder([...existing.sources, ...mention.sources]);
    }
  }
  return byId([...regions.values()]);
}

// --- Countries --------------------------------------------------------------------------------

/** Every ISO code the domain and curation mention, with where it was met (for error messages). */
function countryCodesInUse(
  domain: DomainSnapshot,
  curation: SeedCuration,
  regions: readonly RegionRecord[],
): Map<string, string> {
  const codes = new Map<string, string>();
  const note = (code: string, where: string): void => {
    if (!codes.has(code)) codes.set(code, where);
  };
  for (const funder of domain.funders)
    if (funder.country !== null) note(funder.country, `funders.json ${funder.id}.country`);
  for (const call of domain.calls)
    for (const code of call.participating_countries)
      note(code, `calls.json ${call.id}.participating_countries`);
  for (const project of domain.projects) {
    for (const code of project.partner_countries) note(code, `projects.json ${project.id}.partner_countries`);
    for (const institution of institutionsOf(project))
      note(institution.country, `projects.json ${project.id} partner "${institution.institution}"`);
  }
  for (const region of regions) note(region.countryCode, `region ${region.id}`);
  for (const organisation of curation.organisations)
    note(organisation.countryCode, `organisations.json ${organisation.id}.countryCode`);
  return codes;
}

function buildCountries(codes: Map<string, string>, countryData: readonly CountryData[]): CountryRecord[] {
  const byCode = new Map(countryData.map((country) => [country.cca2, country]));
  const records: CountryRecord[] = [];
  for (const [code, where] of codes) {
    const data = byCode.get(code);
    if (!/^[A-Z]{2}$/.test(code) || data === undefined) {
      throw new TypeError(
        `buildSeeds expected an ISO 3166-1 alpha-2 code known to world-countries at ${where}, received ${JSON.stringify(code)}`,
      );
    }
    records.push(countryRecordOf(data));
  }
  return byId(records);
}

// --- Funders, programmes, calls ----------------------------------------------------------------

function buildFunders(domain: DomainSnapshot, programmeIds: Map<string, string>): UnlocatedFunder[] {
  const callIds = new Set(domain.calls.filter((call) => call.type !== PROGRAMME_TYPE).map((call) => call.id));
  return byId(
    domain.funders.map((funder) => {
      const listedBy = domain.calls.filter((call) => call.funders.includes(funder.id));
      const region = funderRegion(funder);
      return {
        id: funder.id,
        name: funder.name,
        acronym: funder.acronym,
        kind: funderKindOf(funder.kind),
        countryCode: funder.country,
        regionId: region === null ? null : regionIdOf(region.name, region.countryCode),
        programmeIds: uniqueSorted([
          ...funder.programmes.map((name) =>
            requireProgrammeId(programmeIds, name, `funders.json ${funder.id}.programmes`),
          ),
          ...listedBy.filter((call) => call.type === PROGRAMME_TYPE).map((call) => call.id),
        ]),
        // Kept even when unknown so that validation reports the dangling id instead of hiding it.
        callIds: uniqueSorted([
          ...funder.calls,
          ...listedBy.filter((call) => callIds.has(call.id)).map((call) => call.id),
        ]),
        roles: [...funder.roles],
        notes: funder.notes,
        uncertain: funder.uncertain,
        sources: uniqueInOrder(funder.sources),
      };
    }),
  );
}

function buildProgrammes(domain: DomainSnapshot): ProgrammeRecord[] {
  return byId(
    domain.calls
      .filter((record) => record.type === PROGRAMME_TYPE)
      .map((record) => ({
        id: record.id,
        name: record.title,
        shortName: record.short_title ?? record.programme,
        startYear: record.year,
        budgetEur: record.budget_eur,
        budgetNote: record.budget_note,
        fundersCount: record.n_funders,
        countriesCount: record.n_countries,
        regionsCount: record.n_regions,
        description: record.description,
        // Union of the programme's own list and the funders naming the programme, so that
        // Funder MEMBER_OF Programme reads the same from both ends.
        memberFunderIds: uniqueSorted([
          ...record.funders,
          ...domain.funders
            .filter((funder) => funder.programmes.includes(record.programme))
            .map((funder) => funder.id),
        ]),
        notes: record.notes,
        uncertain: record.uncertain,
        sources: uniqueInOrder(record.sources),
      })),
  );
}

function buildCalls(domain: DomainSnapshot, programmeIds: Map<string, string>): CallRecord[] {
  return byId(
    domain.calls
      .filter((record) => record.type !== PROGRAMME_TYPE)
      .map((record) => ({
        id: record.id,
        kind: callKindOf(record.type),
        programmeId: requireProgrammeId(programmeIds, record.programme, `calls.json ${record.id}.programme`),
        year: record.year,
        title: record.title,
        shortTitle: record.short_title,
        publicationDate: record.publication_date,
        infoDay: record.info_day,
        preProposalDeadline: record.pre_proposal_deadline,
        fullProposalDeadline: record.full_proposal_deadline,
        budgetEur: record.budget_eur,
        budgetNote: record.budget_note,
        ecCofunded: record.ec_cofunded,
        secretariatFunderId: record.joint_call_secretariat,
        fundersCount: record.n_funders,
        countriesCount: record.n_countries,
        regionsCount: record.n_regions,
        participatingCountryCodes: uniqueSorted(record.participating_countries),
        participatingRegionIds: uniqueSorted(
          record.participating_regions.map((text) => {
            const region = parseCallRegion(text);
            return regionIdOf(region.name, region.countryCode);
          }),
        ),
        eligiblePreProposals: record.eligible_pre_proposals,
        invitedFullProposals: record.invited_full_proposals,
        fundedProjectsCount: record.n_funded_projects,
        fundingGrantedEur: record.funding_granted_eur,
        researchGroupsCount: record.n_research_groups,
        fundedCountriesCount: record.n_funded_countries,
        description: record.description,
        notes: record.notes,
        uncertain: record.uncertain,
        sources: uniqueInOrder(record.sources),
      })),
  );
}

// --- Organisations and projects ----------------------------------------------------------------

/** Coordinator first, then partners, each with its role. */
function institutionsOf(project: DomainProject): Array<DomainInstitution & { role: PartnerRole }> {
  const list: Array<DomainInstitution & { role: PartnerRole }> = [];
  if (project.coordinator !== null) list.push({ ...project.coordinator, role: 'COORDINATOR' });
  for (const partner of project.partners) list.push({ ...partner, role: 'PARTNER' });
  return list;
}

/**
 * Checks the curation against the projects (every raw string mapped exactly once, every alias
 * met, countries agreeing) and returns raw string -> organisation id.
 */
function organisationIdsByAlias(domain: DomainSnapshot, curation: SeedCuration): Map<string, string> {
  const byAlias = new Map<string, string>();
  for (const organisation of curation.organisations) {
    for (const alias of organisation.aliases) {
      const other = byAlias.get(alias);
      if (other !== undefined) {
        throw new Error(
          `seeds/curation/organisations.json: alias "${alias}" belongs to both ${other} and ${organisation.id}`,
        );
      }
      byAlias.set(alias, organisation.id);
    }
  }
  const unnamed = new Set(curation.unnamedPartners.map((entry) => entry.text));
  for (const text of unnamed) {
    if (byAlias.has(text)) {
      throw new Error(
        `seeds/curation: "${text}" is both an alias of ${byAlias.get(text) ?? ''} and an unnamed partner`,
      );
    }
  }
  const countries = new Map(
    curation.organisations.map((organisation) => [organisation.id, organisation.countryCode]),
  );
  const met = new Set<string>();
  for (const project of domain.projects) {
    for (const institution of institutionsOf(project)) {
      met.add(institution.institution);
      const organisationId = byAlias.get(institution.institution);
      if (organisationId === undefined) {
        if (unnamed.has(institution.institution)) continue;
        throw new Error(
          `projects.json ${project.id} names "${institution.institution}", which seeds/curation maps neither to an organisation (organisations.json aliases) nor to unnamed-partners.json`,
        );
      }
      if (countries.get(organisationId) !== institution.country) {
        throw new Error(
          `seeds/curation/organisations.json: ${organisationId} has countryCode ${countries.get(organisationId) ?? ''} but projects.json ${project.id} gives "${institution.institution}" country ${institution.country}`,
        );
      }
    }
  }
  for (const text of [...byAlias.keys(), ...unnamed]) {
    if (!met.has(text))
      throw new Error(`seeds/curation: "${text}" does not occur in projects.json (stale curation)`);
  }
  return byAlias;
}

function buildOrganisations(domain: DomainSnapshot, curation: SeedCuration): OrganisationRecord[] {
  return byId(
    curation.organisations.map((organisation) => {
      const aliases = new Set(organisation.aliases);
      const naming = [...domain.projects]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .filter((project) =>
          institutionsOf(project).some((institution) => aliases.has(institution.institution)),
        );
      return {
        id: organisation.id,
        name: organisation.name,
        countryCode: organisation.countryCode,
        aliases: [...organisation.aliases],
        sources: uniqueInOrder(naming.flatMap((project) => project.sources)),
      };
    }),
  );
}

function buildPartners(
  project: DomainProject,
  byAlias: Map<string, string>,
): { partners: ProjectPartnerRecord[]; unnamedPartners: string[] } {
  const partners = new Map<string, ProjectPartnerRecord>();
  const unnamedPartners: string[] = [];
  for (const institution of institutionsOf(project)) {
    const organisationId = byAlias.get(institution.institution);
    if (organisationId === undefined) {
      unnamedPartners.push(institution.institution);
      continue;
    }
    const existing = partners.get(organisationId);
    if (existing === undefined) {
      partners.set(organisationId, {
        organisationId,
        role: institution.role,
        asNamed: [institution.institution],
      });
    } else {
      // Two groups of one institution: one membership, coordinator if either group coordinates.
      if (institution.role === 'COORDINATOR') existing.role = 'COORDINATOR';
      if (!existing.asNamed.includes(institution.institution)) existing.asNamed.push(institution.institution);
    }
  }
  const sorted = [...partners.values()].sort((a, b) =>
    a.role !== b.role ? (a.role === 'COORDINATOR' ? -1 : 1) : a.organisationId < b.organisationId ? -1 : 1,
  );
  return { partners: sorted, unnamedPartners };
}

function buildProjects(
  domain: DomainSnapshot,
  curation: SeedCuration,
  programmeIds: Map<string, string>,
): ProjectRecord[] {
  const byAlias = organisationIdsByAlias(domain, curation);
  const callYears = new Map(domain.calls.map((call) => [call.id, call.year]));
  return byId(
    domain.projects.map((project) => {
      const programmeId = project.programme === null ? null : (programmeIds.get(project.programme) ?? null);
      // An ambiguous programme text is kept in the notes instead of being resolved by guesswork.
      const programmeNote =
        project.programme !== null && programmeId === null
          ? `Programme as given by the sources: "${project.programme}".`
          : null;
      const notes =
        [project.notes?.trim() || null, programmeNote]
          .filter((text): text is string => text !== null)
          .join(' ') || null;
      const callYear = project.call === null ? null : (callYears.get(project.call) ?? null);
      const year = project.start_year ?? callYear;
      const yearBasis = project.start_year !== null ? 'START_DATE' : callYear !== null ? 'CALL_YEAR' : null;
      const { partners, unnamedPartners } = buildPartners(project, byAlias);
      return {
        id: project.id,
        acronym: project.acronym,
        title: project.title,
        programmeId,
        callId: project.call,
        referenceNumber: project.reference_number,
        startDate: project.start_date,
        endDate: project.end_date,
        startYear: project.start_year,
        year,
        yearBasis,
        durationMonths: project.duration_months,
        fundingEur: project.funding_eur,
        fundingNote: project.funding_note,
        funderIds: uniqueSorted(project.funders),
        partners,
        partnerCountryCodes: uniqueSorted(project.partner_countries),
        unnamedPartners,
        diseaseArea: project.disease_area,
        keywords: [...project.keywords],
        description: project.description,
        notes,
        uncertain: project.uncertain,
        sources: uniqueInOrder(project.sources),
      };
    }),
  );
}

// --- Strategy taxonomy ------------------------------------------------------------------------

function buildObjectives(domain: DomainSnapshot): ObjectiveRecord[] {
  // Only the nine EP PerMed objectives; other_objective_sets (roles, Horizon Europe summaries)
  // are context, not objectives of the partnership.
  return byId(
    domain.objectives.objectives.map((objective) => ({
      id: objective.id,
      order: objective.order,
      shortName: objective.short_name,
      description: objective.description,
      textVerified: objective.text_verified,
      sources: uniqueInOrder(objective.sources),
    })),
  );
}

function buildStages(domain: DomainSnapshot): ValueChainStageRecord[] {
  return byId(
    domain.valueChainStages.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      order: stage.order,
      level: stageLevelOf(stage.level),
      parentId: stage.parent_id,
      description: stage.description,
      namesUsed: stage.names_used.map((name) => `${name.label} (${name.by})`),
      inferred: stage.inferred,
      inferenceNote: stage.inference_note ?? null,
      sources: uniqueInOrder([...stage.sources, ...stage.names_used.flatMap((name) => name.sources)]),
    })),
  );
}

function buildSriaAreas(domain: DomainSnapshot): SriaAreaRecord[] {
  return byId(
    domain.sriaAreas.areas.map((area) => ({
      id: area.id,
      order: area.order,
      name: area.name,
      kind: sriaAreaKindOf(area.type),
      description: area.description,
      stageIds: [...area.stage_ids],
      sources: uniqueInOrder(area.sources),
    })),
  );
}

function buildKnowledgeGaps(domain: DomainSnapshot): KnowledgeGapRecord[] {
  return byId(
    domain.knowledgeGaps.knowledge_gaps.map((gap) => ({
      id: gap.id,
      shortName: gap.short_name,
      description: gap.description,
      namedIn: [...gap.named_in],
      inferred: gap.inferred,
      notes: gap.note ?? null,
      sources: uniqueInOrder(gap.sources),
    })),
  );
}

export function gapFacts(domain: DomainSnapshot): GapFacts[] {
  return domain.knowledgeGaps.knowledge_gaps.map((gap) => ({
    id: gap.id,
    namedIn: gap.named_in,
    inferred: gap.inferred,
    areaIds: gap.related_area_ids,
    stageIds: gap.related_stage_ids,
    objectiveIds: gap.related_objective_ids,
    mappingInferred: gap.mapping_inferred,
  }));
}

// --- The builder ------------------------------------------------------------------------------

function checkInputs(
  domain: DomainSnapshot,
  curation: SeedCuration,
  countryData: readonly CountryData[],
): void {
  if (domain === null || typeof domain !== 'object')
    throw new TypeError(`buildSeeds expected a domain snapshot object, received ${describe(domain)}`);
  if (curation === null || typeof curation !== 'object')
    throw new TypeError(`buildSeeds expected a curation object, received ${describe(curation)}`);
  expectArray(domain.funders, 'domain.funders');
  expectArray(domain.calls, 'domain.calls');
  expectArray(domain.projects, 'domain.projects');
  expectArray(domain.objectives?.objectives, 'domain.objectives.objectives');
  expectArray(domain.valueChainStages?.stages, 'domain.valueChainStages.stages');
  expectArray(domain.sriaAreas?.areas, 'domain.sriaAreas.areas');
  expectArray(domain.knowledgeGaps?.knowledge_gaps, 'domain.knowledgeGaps.knowledge_gaps');
  expectArray(curation.organisations, 'curation.organisations');
  expectArray(curation.unnamedPartners, 'curation.unnamedPartners');
  expectArray(curation.projectLinks, 'curation.projectLinks');
  expectArray(curation.locations?.regions, 'curation.locations.regions');
  expectArray(curation.locations?.headquarters, 'curation.locations.headquarters');
  expectArray(countryData, 'countryData');
}

/**
 * Builds the whole seed dataset.
 *
 * - Programme-type records of calls.json become Programmes; the rest become Calls.
 * - Countries are every ISO code met anywhere (funders, call lists, project partners,
 *   regions, organisations), described from `countryData` (the world-countries package).
 * - Regions come from funders' `region` (when the funder has a country) and calls'
 *   `participating_regions`; "European Union" is not a region. Regions get their centroid and
 *   the European Commission its headquarters from `places` (locateRecords.ts).
 * - Funder callIds and programmeIds are the union of both sides' lists.
 * - Project year is start_year, else the call's year (yearBasis says which).
 * - Raw partner strings resolve through `curation.organisations` aliases or are listed as
 *   unnamed partners; any other string is an error.
 * - Links come from derivationRules.ts.
 *
 * Pure and deterministic: every array is sorted by id, builtAt is the domain's compile date.
 * Throws a TypeError on malformed input and an Error naming the file on curation mistakes.
 * It does not validate references (see validateSeeds), so a dangling id in the facts
 * surfaces in validation instead of being dropped here.
 */
export function buildSeeds(
  domain: DomainSnapshot,
  curation: SeedCuration,
  countryData: readonly CountryData[],
  places: Places,
): SeedDataset {
  checkInputs(domain, curation, countryData);
  const compiled = compiledDate(domain);
  const programmeIds = programmeIdsByName(domain.calls);
  const regions = locateRegions(buildRegions(domain), curation.locations, places);
  const countries = buildCountries(countryCodesInUse(domain, curation, regions), countryData);
  const calls = buildCalls(domain, programmeIds);
  const projects = buildProjects(domain, curation, programmeIds);
  const diseaseAreas = buildDiseaseAreas(curation.diseaseAreas);
  const manifest: SeedManifest = {
    version: SEED_VERSION,
    compiledFrom: `seeds/domain (compiled ${compiled})`,
    builtAt: `${compiled}T00:00:00.000Z`,
  };
  return {
    manifest,
    programmes: buildProgrammes(domain),
    countries,
    regions,
    funders: locateFunders(buildFunders(domain, programmeIds), curation.locations, places),
    calls,
    organisations: buildOrganisations(domain, curation),
    projects,
    objectives: buildObjectives(domain),
    valueChainStages: buildStages(domain),
    sriaAreas: buildSriaAreas(domain),
    knowledgeGaps: buildKnowledgeGaps(domain),
    links: deriveLinks({
      projects,
      calls,
      gaps: gapFacts(domain),
      curatedProjectLinks: curation.projectLinks,
    }),
    diseaseAreas,
    diseaseAreaLinks: classifyDiseaseAreas(projects, diseaseAreas),
  };
}
