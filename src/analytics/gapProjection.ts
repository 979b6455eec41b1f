// The plain-data input of the gap analytics: the strategy taxonomy, every project and call
// with the links that place them, and the actors, as src/db/gaps.ts reads them.

/** Who made a derived link: a person (CURATED) or a documented rule (INFERRED). */
export type LinkProvenance = 'CURATED' | 'INFERRED';

/** Granularity of a value-chain stage, as in the graph. */
export type StageLevelName = 'MACRO' | 'SUB' | 'CROSS_CUTTING';

/**
 * A derived link read from its `from` end: the other end's id and what the measures weigh it by.
 * Its evidence, rule book version and origin are not here: no measure reads them, and at 100,000
 * projects (800,202 project links) they were most of the projection's 395 MiB. An answer that shows
 * a link's derivation (CoverageEntry.rowLink) reads it from the graph for the rows it shows.
 */
export interface LinkFacts {
  /** Id of the other end (a gap, stage or objective id). */
  readonly targetId: string;
  readonly provenance: LinkProvenance;
  /** In (0, 1]. */
  readonly confidence: number;
  /** Derivation rule id, e.g. keywords-gap-prevention. */
  readonly rule: string;
}

/** A value-chain stage (ValueChainStage). */
export interface StageFacts {
  id: string;
  /** The stage's name. */
  label: string;
  /** Position along the continuum (1, 1.1, ...); null for the cross-cutting group. */
  order: number | null;
  level: StageLevelName;
  /** The macro stage of a sub-stage; null otherwise. */
  parentId: string | null;
}

/** A knowledge gap with where it lies, what it serves and its SRIA areas. */
export interface GapFacts {
  id: string;
  /** The gap's short name. */
  label: string;
  /** (KnowledgeGap)-[:AT_STAGE]->(ValueChainStage): where the gap lies. */
  stages: LinkFacts[];
  /** (KnowledgeGap)-[:SERVES]->(Objective). */
  objectives: LinkFacts[];
  /** SRIA areas the gap belongs to (IN_AREA). */
  areaIds: string[];
}

/** One of the nine EP PerMed objectives. */
export interface ObjectiveFacts {
  id: string;
  /** The objective's short name. */
  label: string;
  order: number;
}

/** A named project with everything a gap measure counts about it. */
export interface ProjectFacts {
  id: string;
  /** The acronym. */
  label: string;
  /** Project.year (start year, else the call's year); null when unknown. */
  year: number | null;
  /** Published funding in euros; null when unpublished (often one partner's share only). */
  fundingEur: number | null;
  /** (Call)-[:FUNDED]->(Project): at most one today. */
  callIds: string[];
  /** (Project)-[:PART_OF]->(Programme); absent in hand-made projections (no programme filter then). */
  programmeIds?: string[];
  /** (Funder)-[:FUNDS]->(Project). */
  funderIds: string[];
  /** (Project)-[:HAS_PARTNER_IN]->(Country): ISO alpha-2 codes. */
  countryCodes: string[];
  /** (Organisation)-[:PARTNER_IN]->(Project). */
  organisationIds: string[];
  /**
   * The codes (/21/33/5029300) and lower-case label paths of the EuroSciVoc subjects it is
   * tagged with (HAS_SUBJECT); both run from the top down, so a broader subject is a prefix.
   * Absent in hand-made projections.
   */
  subjectKeys?: string[];
  /**
   * The datasets it came from (its `datasets` property: PERMED_CURATED, CORDIS_HORIZON_EUROPE,
   * ...). Absent in hand-made projections: then no dataset filter keeps it.
   */
  datasets?: string[];
  /** ADDRESSES links to knowledge gaps. */
  gaps: LinkFacts[];
  /** AT_STAGE links to value-chain stages. */
  stages: LinkFacts[];
  /** ADVANCES links to objectives. */
  objectives: LinkFacts[];
}

/** A call with its published totals, participants and targets. */
export interface CallFacts {
  id: string;
  /** Short title (e.g. JTC2024), else the title. */
  label: string;
  kind: string;
  /** (Call)-[:PART_OF]->(Programme); null or absent when unknown. */
  programmeId?: string | null;
  year: number | null;
  /** Published number of funded projects; null when unpublished. */
  fundedProjectsCount: number | null;
  /** Published total funding granted in euros; null when unpublished. */
  fundingGrantedEur: number | null;
  /** (Funder)-[:PARTICIPATES_IN]->(Call). */
  funderIds: string[];
  /** (Country)-[:PARTICIPATES_IN]->(Call): ISO codes as the call lists them. */
  participatingCountryCodes: string[];
  /** (Region)-[:PARTICIPATES_IN]->(Call). */
  participatingRegionIds: string[];
  /** (Call)-[:TARGETS]->(KnowledgeGap). */
  targets: LinkFacts[];
  /** Projects of the call named in the graph. */
  namedProjectIds: string[];
  /** The datasets it came from (its `datasets` property); absent in hand-made projections. */
  datasets?: string[];
}

/** A funder and where it is based. */
export interface FunderFacts {
  id: string;
  /** Acronym, else the name. */
  label: string;
  /** ISO code of its country; null for the European Commission. */
  countryCode: string | null;
  /** Regions it is based in (regional funders). */
  regionIds: string[];
}

/** A country, keyed by its ISO code. */
export interface CountryFacts {
  /** ISO 3166-1 alpha-2 code (the Country node's id). */
  code: string;
  label: string;
}

/** A region (Region), for checking region filters. */
export interface RegionFacts {
  id: string;
  label: string;
  countryCode: string;
}

/** A partner organisation. */
export interface OrganisationFacts {
  id: string;
  label: string;
  countryCode: string | null;
}

/**
 * Everything the gap measures read, as plain data. Arrays need no particular order;
 * the measures sort their output themselves.
 */
export interface GapProjection {
  stages: StageFacts[];
  gaps: GapFacts[];
  objectives: ObjectiveFacts[];
  projects: ProjectFacts[];
  calls: CallFacts[];
  funders: FunderFacts[];
  countries: CountryFacts[];
  regions: RegionFacts[];
  organisations: OrganisationFacts[];
}

/** Projections built by GapProjectionBuilder: each distinct string and link held once. */
const builtProjections = new WeakSet<object>();

/**
 * Whether `value` is a projection of GapProjectionBuilder, whose equal strings and links are one
 * object each: its memory is counted with each distinct string once (approximateBytes'
 * distinctStrings), as V8 holds it.
 */
export function sharesEqualValues(value: unknown): boolean {
  return typeof value === 'object' && value !== null && builtProjections.has(value);
}

/**
 * Builds a projection from rows as read, holding each distinct id string (funders, countries,
 * calls, datasets, subjects, organisations, link targets and rules) and each distinct link (target,
 * provenance, confidence, rule) once, shared by every project that names it: at 100,000 synthetic
 * projects 800,202 project links are a few hundred distinct ones, and the driver decodes every
 * occurrence of a string as a string of its own. Links are frozen: the measures only read them.
 */
export class GapProjectionBuilder {
  private readonly strings = new Map<string, string>();
  private readonly links = new Map<string, LinkFacts>();

  /** The one copy of `value` this builder holds. */
  string(value: string): string {
    const held = this.strings.get(value);
    if (held !== undefined) return held;
    this.strings.set(value, value);
    return value;
  }

  /** `values` with each string replaced by the one copy held. */
  stringList(values: readonly string[]): string[] {
    return values.map((value) => this.string(value));
  }

  /** The one link object of these facts (extra properties of `row` are dropped). */
  link(row: LinkFacts): LinkFacts {
    const key = `${row.targetId}\u0000${row.provenance}\u0000${row.confidence}\u0000${row.rule}`;
    const held = this.links.get(key);
    if (held) return held;
    const link: LinkFacts = Object.freeze({
      targetId: this.string(row.targetId),
      provenance: this.string(row.provenance) as LinkProvenance,
      confidence: row.confidence,
      rule: this.string(row.rule),
    });
    this.links.set(key, link);
    return link;
  }

  /** `rows` as the one link objects of their facts. */
  linkList(rows: readonly LinkFacts[]): LinkFacts[] {
    return rows.map((row) => this.link(row));
  }

  /** Marks `projection` as built with shared values (see sharesEqualValues) and returns it. */
  finish(projection: GapProjection): GapProjection {
    builtProjections.add(projection);
    return projection;
  }
}
