// The coverage matrix: knowledge gaps (or objectives) × value-chain stages, each cell with
// its named projects (project level) and, kept apart, the calls whose targets reach it (call level).

import {
  coverageScope,
  type CoverageScope,
  type RowAxis,
  type ScopeOptions,
  type ScopedCall,
  type ScopedProject,
} from './coverageScope';
import type { CallFacts, GapProjection, LinkFacts, LinkProvenance, ProjectFacts } from './gapProjection';
import { lowSupport, sampleCoverage, type SampleCoverage } from './sampleCoverage';

/** Why a project counts in a cell: its row link (ADDRESSES or ADVANCES) and its AT_STAGE link. */
export interface CoverageEntry {
  projectId: string;
  /** What the row link leads to: a gap (ADDRESSES) or an objective (ADVANCES). */
  rowKind: RowAxis;
  rowLink: LinkFacts;
  stageLink: LinkFacts;
  /**
   * The provenance of the row link (ADDRESSES or ADVANCES): what the row asserts. Until
   * dataset 2026-11-29.2 it was CURATED only when the stage link was curated too; stage links
   * are curated for 2 projects (TECANT, PRE-CARE ML), neither with a curated gap link, so
   * curatedProjectCount was 0 in every row.
   */
  provenance: LinkProvenance;
  /** rowLink.confidence × stageLink.confidence. */
  confidence: number;
}

/** Project-level counts over distinct named projects. */
export interface ProjectTally {
  /** Sorted ids of the distinct projects counted. */
  projectIds: string[];
  projectCount: number;
  /** Projects whose row link (gap or objective) is curated, whatever their stage link. */
  curatedProjectCount: number;
  /** projectCount − curatedProjectCount: projects that count only through an inferred row link. */
  inferredProjectCount: number;
  /**
   * Projects whose row link (ADDRESSES or ADVANCES) is curated, whatever the stage link:
   * most stage links are inferred from the kind of call, so this is the curated evidence on the row.
   */
  curatedRowLinkProjectCount: number;
  /** Distinct funders named as funding the projects (FUNDS), sorted. */
  funderIds: string[];
  /** Distinct partner countries of the projects (HAS_PARTNER_IN), sorted. */
  countryCodes: string[];
  /** Distinct partner organisations (PARTNER_IN), sorted. */
  organisationIds: string[];
  /** Sum of the published fundingEur of the projects; null when none is published. */
  fundingEur: number | null;
  /** How many of the projects have a published fundingEur. */
  fundingKnownProjectCount: number;
  /** One entry per project: its strongest link pair (curated first, then most confident). */
  entries: CoverageEntry[];
  /** projectCount < 5: a count, share or residual resting on it can turn on one project. */
  lowSupport: boolean;
}

/** A call's published totals as attributed to one cell, row, column or the whole matrix. */
export interface CallContribution {
  callId: string;
  label: string;
  year: number | null;
  fundedProjectsCount: number | null;
  fundingGrantedEur: number | null;
  /** The targeted gaps through which the call reaches here, sorted. */
  viaGapIds: string[];
  /** Projects of the call that the graph names individually. */
  namedProjectIds: string[];
}

/**
 * Call-level counts: each distinct call counted once, with its published totals in full.
 * Never added to project-level counts; see docs/gaps.md for the attribution rule.
 */
export interface CallTally {
  callIds: string[];
  callCount: number;
  /** Sum of fundedProjectsCount over the distinct calls that publish one. */
  publishedProjectCount: number;
  /** Sum of fundingGrantedEur over the distinct calls that publish one; null when none does. */
  publishedFundingEur: number | null;
  callsWithPublishedProjectCount: number;
  callsWithPublishedFundingCount: number;
  /** Distinct projects of these calls named in the graph. */
  namedProjectCount: number;
  contributions: CallContribution[];
}

/** One row × stage cell: its named projects and, apart, the calls reaching it. */
export interface CoverageCell {
  rowId: string;
  stageId: string;
  /** The row's label and the stage's name, as cellLabel joins them: the name rows give in label. */
  label: string;
  rowLabel: string;
  stageLabel: string;
  /** True when the row's own links (gap AT_STAGE, or via the gaps serving an objective) place it at this stage. */
  mapped: boolean;
  projectLevel: ProjectTally;
  callLevel: CallTally;
}

/**
 * A cell's label: its row's label and its stage's name, e.g. "Implementation evidence ×
 * Implementation". Cells answer it in `label` as rows and columns do, so one field names all three.
 */
export function cellLabel(rowLabel: string, stageLabel: string): string {
  return `${rowLabel} × ${stageLabel}`;
}

/** A gap (or objective) row with one cell per column, in column order. */
export interface CoverageRow {
  /** What the row is: a gap or an objective. */
  rowKind: CoverageScope['rowAxis'];
  id: string;
  label: string;
  /** Columns the row's own links place it at, in column order. */
  mappedStageIds: string[];
  /** Distinct projects in any cell of the row. */
  projectLevel: ProjectTally;
  /** Σ over the row's cells of their project counts (a project at two stages counts twice). */
  linkCount: number;
  /** Projects with a row link but no stage link that passes: they are in no cell. */
  unstagedProjectIds: string[];
  callLevel: CallTally;
  cells: CoverageCell[];
}

/** A stage column with its distinct projects and calls. */
export interface CoverageColumn {
  stageId: string;
  label: string;
  projectLevel: ProjectTally;
  /** Σ over the column's cells of their project counts. */
  linkCount: number;
  callLevel: CallTally;
}

/** The whole matrix (see coverageMatrix); counts are of named projects unless under callLevel. */
export interface CoverageMatrix {
  rowAxis: CoverageScope['rowAxis'];
  grain: CoverageScope['grain'];
  rows: CoverageRow[];
  columns: CoverageColumn[];
  /** Distinct projects in any cell. */
  totals: ProjectTally;
  /** Σ of all cells' project counts (N of the white-spot expectation). */
  linkCount: number;
  /** Projects with a row link but no stage link, in no cell. */
  unstagedProjectIds: string[];
  /** Projects that pass the filter, linked or not. */
  projectsInScopeCount: number;
  /** Calls that pass the filter, targeting or not. */
  callsInScopeCount: number;
  /** Distinct calls reaching any cell. */
  callLevel: CallTally;
  /** The named projects in scope against those the calls in scope published. */
  coverage: SampleCoverage;
}

function entryOf(
  projectId: string,
  rowKind: RowAxis,
  rowLink: LinkFacts,
  stageLink: LinkFacts,
): CoverageEntry {
  return {
    projectId,
    rowKind,
    rowLink,
    stageLink,
    provenance: rowLink.provenance,
    confidence: rowLink.confidence * stageLink.confidence,
  };
}

/** Curated first, then the more confident, then a fixed order of stage and rule ids. */
export function strongerEntry(a: CoverageEntry, b: CoverageEntry): CoverageEntry {
  if (a.provenance !== b.provenance) return a.provenance === 'CURATED' ? a : b;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence ? a : b;
  const keyA = `${a.stageLink.targetId} ${a.rowLink.rule} ${a.stageLink.rule}`;
  const keyB = `${b.stageLink.targetId} ${b.rowLink.rule} ${b.stageLink.rule}`;
  return keyA <= keyB ? a : b;
}

/** Collects entries per project, keeping each project's strongest, and notes curated row links. */
class EntryBag {
  readonly byProject = new Map<string, CoverageEntry>();
  readonly curatedRowLink = new Set<string>();
  add(entry: CoverageEntry): void {
    const current = this.byProject.get(entry.projectId);
    this.byProject.set(entry.projectId, current ? strongerEntry(current, entry) : entry);
    if (entry.rowLink.provenance === 'CURATED') this.curatedRowLink.add(entry.projectId);
  }
}

/**
 * The order of project ids the tallies sort by: String.prototype.localeCompare's (the default
 * locale's collation), through one collator. `localeCompare` inside the sort of every cell, row
 * and column cost 3.6 s of the 11 s a coverage matrix of 100,000 projects took (CPU profile,
 * bench/scale.ts whiteSpots at 100k); `ProjectOrder` ranks the ids once per matrix instead.
 */
const ID_COLLATOR = new Intl.Collator();

/** Each project id's place in localeCompare order, so that a tally's sort compares two numbers. */
export type ProjectOrder = ReadonlyMap<string, number>;

/** The ranks of `ids` in localeCompare order (ProjectOrder). */
export function projectOrder(ids: Iterable<string>): ProjectOrder {
  const sorted = [...new Set(ids)].sort(ID_COLLATOR.compare);
  return new Map(sorted.map((id, index) => [id, index]));
}

/** Adds each of `values` to `into`. */
function addAll<T>(into: Set<T>, values: readonly T[]): void {
  for (const value of values) into.add(value);
}

/**
 * The project-level tally of a set of entries (one per project). `curatedRowLink` names the
 * projects that have a curated row link among all their pairs (default: read from the entries).
 * `order` ranks the project ids (projectOrder of at least the entries' projects): a matrix ranks
 * them once for all its tallies; without it they are compared by the collator.
 */
export function tallyProjects(
  entries: Iterable<CoverageEntry>,
  projects: ReadonlyMap<string, ProjectFacts>,
  curatedRowLink?: ReadonlySet<string>,
  order?: ProjectOrder,
): ProjectTally {
  const list = order
    ? // Each entry's rank is read once, not twice per comparison.
      [...entries]
        .map((entry) => ({ entry, rank: order.get(entry.projectId) ?? 0 }))
        .sort((a, b) => b.entry.confidence - a.entry.confidence || a.rank - b.rank)
        .map(({ entry }) => entry)
    : [...entries].sort(
        (a, b) => b.confidence - a.confidence || ID_COLLATOR.compare(a.projectId, b.projectId),
      );
  const funderIds = new Set<string>();
  const countryCodes = new Set<string>();
  const organisationIds = new Set<string>();
  const projectIds: string[] = [];
  let curated = 0;
  let curatedRowLinkProjects = 0;
  let fundingEur = 0;
  let funded = 0;
  for (const entry of list) {
    const project = projects.get(entry.projectId);
    if (!project)
      throw new TypeError(
        `tallyProjects expects every entry's project in projects, missing ${entry.projectId}`,
      );
    projectIds.push(project.id);
    addAll(funderIds, project.funderIds);
    addAll(countryCodes, project.countryCodes);
    addAll(organisationIds, project.organisationIds);
    if (project.fundingEur !== null) {
      funded += 1;
      fundingEur += project.fundingEur;
    }
    if (entry.provenance === 'CURATED') curated += 1;
    if (curatedRowLink ? curatedRowLink.has(entry.projectId) : entry.rowLink.provenance === 'CURATED')
      curatedRowLinkProjects += 1;
  }
  return {
    projectIds: projectIds.sort(),
    projectCount: list.length,
    curatedProjectCount: curated,
    inferredProjectCount: list.length - curated,
    curatedRowLinkProjectCount: curatedRowLinkProjects,
    funderIds: [...funderIds].sort(),
    countryCodes: [...countryCodes].sort(),
    organisationIds: [...organisationIds].sort(),
    fundingEur: funded ? fundingEur : null,
    fundingKnownProjectCount: funded,
    entries: list,
    lowSupport: lowSupport(list.length),
  };
}

/**
 * A call's named projects in code-unit order, sorted once per call's facts: every cell, row and
 * column a call reaches lists them, and at 100,000 projects a call names 12,500 (bench/importData.ts).
 * Shared, never to be changed by a reader (CallContribution.namedProjectIds).
 */
const SORTED_NAMED_PROJECTS = new WeakMap<CallFacts, readonly string[]>();

function sortedNamedProjects(facts: CallFacts): string[] {
  let sorted = SORTED_NAMED_PROJECTS.get(facts);
  if (!sorted) SORTED_NAMED_PROJECTS.set(facts, (sorted = [...facts.namedProjectIds].sort()));
  return sorted as string[];
}

/** The call-level tally of calls, each with the gaps through which it reaches. */
export function tallyCalls(
  reached: ReadonlyMap<string, ReadonlySet<string>>,
  calls: ReadonlyMap<string, ScopedCall>,
): CallTally {
  const contributions: CallContribution[] = [...reached.entries()]
    .map(([callId, gapIds]) => {
      const call = calls.get(callId);
      if (!call) throw new TypeError(`tallyCalls expects every reached call in calls, missing ${callId}`);
      const { facts } = call;
      return {
        callId,
        label: facts.label,
        year: facts.year,
        fundedProjectsCount: facts.fundedProjectsCount,
        fundingGrantedEur: facts.fundingGrantedEur,
        viaGapIds: [...gapIds].sort(),
        namedProjectIds: sortedNamedProjects(facts),
      };
    })
    .sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || a.callId.localeCompare(b.callId));
  const named = new Set<string>();
  for (const contribution of contributions) addAll(named, contribution.namedProjectIds);
  const withProjects = contributions.filter((c) => c.fundedProjectsCount !== null);
  const withFunding = contributions.filter((c) => c.fundingGrantedEur !== null);
  return {
    callIds: contributions.map((c) => c.callId).sort(),
    callCount: contributions.length,
    publishedProjectCount: withProjects.reduce((sum, c) => sum + (c.fundedProjectsCount ?? 0), 0),
    publishedFundingEur: withFunding.length
      ? withFunding.reduce((sum, c) => sum + (c.fundingGrantedEur ?? 0), 0)
      : null,
    callsWithPublishedProjectCount: withProjects.length,
    callsWithPublishedFundingCount: withFunding.length,
    namedProjectCount: named.size,
    contributions,
  };
}

/** Call id → the gaps through which it reaches an aggregate. */
class CallBag {
  readonly byCall = new Map<string, Set<string>>();
  add(callId: string, gapId: string): void {
    let gaps = this.byCall.get(callId);
    if (!gaps) this.byCall.set(callId, (gaps = new Set()));
    gaps.add(gapId);
  }
}

/**
 * The coverage matrix of `projection` under `options`.
 *
 * Project level: a project counts in cell (row r, stage column s) when it has a row link
 * to r (ADDRESSES for gaps, ADVANCES for objectives) and its own AT_STAGE link to a stage
 * whose column is s (MACRO grain: the stage or one of its sub-stages), both passing the
 * filter's provenance and confidence. Rows, columns and totals count distinct projects.
 *
 * Call level: a call counts in cell (r, s) when it TARGETS a gap g that is r (or SERVES r)
 * and g is AT_STAGE a stage in column s. A call reaching a cell through several gaps or
 * sub-stages counts once there; its published totals are attributed in full to every
 * cell it reaches, and rows, columns and totals take the union of calls, never the sum of
 * cells. Call-level figures are never added to project-level ones.
 *
 * Edge cases: an empty projection gives rows and columns with zero counts; unknown ids in
 * the filter simply match nothing. Authority: docs/gaps.md.
 */
export function coverageMatrix(projection: GapProjection, options: ScopeOptions): CoverageMatrix {
  return matrixOfScope(coverageScope(projection, options), options.filter?.minConfidence ?? null);
}

/** The coverage matrix of an already computed scope; `minConfidence` is reported in its coverage block. */
export function matrixOfScope(scope: CoverageScope, minConfidence: number | null = null): CoverageMatrix {
  const projects = new Map(scope.projects.map((project) => [project.facts.id, project.facts]));
  const calls = new Map(scope.calls.map((call) => [call.facts.id, call]));
  const key = (rowId: string, columnId: string) => `${rowId}\u0000${columnId}`;

  const cellEntries = new Map<string, EntryBag>();
  const rowEntries = new Map<string, EntryBag>();
  const columnEntries = new Map<string, EntryBag>();
  const allEntries = new EntryBag();
  const rowUnstaged = new Map<string, Set<string>>();
  const unstaged = new Set<string>();
  const bag = <K, V>(map: Map<K, V>, k: K, make: () => V): V => {
    let value = map.get(k);
    if (!value) map.set(k, (value = make()));
    return value;
  };

  for (const project of scope.projects) addProject(project);
  function addProject(project: ScopedProject): void {
    const id = project.facts.id;
    for (const rowLink of project.rowLinks) {
      if (project.stagePlacements.length === 0) {
        bag(rowUnstaged, rowLink.targetId, () => new Set()).add(id);
        unstaged.add(id);
        continue;
      }
      for (const placement of project.stagePlacements) {
        const entry = entryOf(id, scope.rowAxis, rowLink, placement.link);
        bag(cellEntries, key(rowLink.targetId, placement.columnId), () => new EntryBag()).add(entry);
        bag(rowEntries, rowLink.targetId, () => new EntryBag()).add(entry);
        bag(columnEntries, placement.columnId, () => new EntryBag()).add(entry);
        allEntries.add(entry);
      }
    }
  }

  const cellCalls = new Map<string, CallBag>();
  const rowCalls = new Map<string, CallBag>();
  const columnCalls = new Map<string, CallBag>();
  const allCalls = new CallBag();
  for (const call of scope.calls) {
    for (const reach of call.reach) {
      bag(cellCalls, key(reach.rowId, reach.columnId), () => new CallBag()).add(call.facts.id, reach.gapId);
      bag(rowCalls, reach.rowId, () => new CallBag()).add(call.facts.id, reach.gapId);
      bag(columnCalls, reach.columnId, () => new CallBag()).add(call.facts.id, reach.gapId);
      allCalls.add(call.facts.id, reach.gapId);
    }
  }

  const order = projectOrder(projects.keys());
  const projectTally = (entries: EntryBag | undefined) =>
    tallyProjects(entries?.byProject.values() ?? [], projects, entries?.curatedRowLink ?? new Set(), order);
  const callTally = (reached: CallBag | undefined) => tallyCalls(reached?.byCall ?? new Map(), calls);
  const columnIds = scope.columns.map((column) => column.id);

  const rows: CoverageRow[] = scope.rows.map((row) => {
    const mapped = scope.rowStageIds.get(row.id) ?? new Set<string>();
    const cells = scope.columns.map(({ id: stageId, label: stageLabel }) => ({
      rowId: row.id,
      stageId,
      label: cellLabel(row.label, stageLabel),
      rowLabel: row.label,
      stageLabel,
      mapped: mapped.has(stageId),
      projectLevel: projectTally(cellEntries.get(key(row.id, stageId))),
      callLevel: callTally(cellCalls.get(key(row.id, stageId))),
    }));
    return {
      rowKind: scope.rowAxis,
      id: row.id,
      label: row.label,
      mappedStageIds: columnIds.filter((id) => mapped.has(id)),
      projectLevel: projectTally(rowEntries.get(row.id)),
      linkCount: cells.reduce((sum, cell) => sum + cell.projectLevel.projectCount, 0),
      unstagedProjectIds: [...(rowUnstaged.get(row.id) ?? [])].sort(),
      callLevel: callTally(rowCalls.get(row.id)),
      cells,
    };
  });

  const columns: CoverageColumn[] = scope.columns.map((column, index) => ({
    stageId: column.id,
    label: column.label,
    projectLevel: projectTally(columnEntries.get(column.id)),
    linkCount: rows.reduce((sum, row) => sum + (row.cells[index]?.projectLevel.projectCount ?? 0), 0),
    callLevel: callTally(columnCalls.get(column.id)),
  }));

  return {
    rowAxis: scope.rowAxis,
    grain: scope.grain,
    rows,
    columns,
    totals: projectTally(allEntries),
    linkCount: rows.reduce((sum, row) => sum + row.linkCount, 0),
    unstagedProjectIds: [...unstaged].sort(),
    projectsInScopeCount: scope.projects.length,
    callsInScopeCount: scope.calls.length,
    coverage: sampleCoverage(
      scope.projects.map((project) => project.facts.id),
      scope.calls.map((call) => call.facts),
      minConfidence,
    ),
    callLevel: callTally(allCalls),
  };
}
