// Explained recommendations: who is likely to take up a knowledge gap (portfolio similarity to
// the gap and closeness to those already on it) and whom a funder has not yet co-funded with.

import type Graph from 'graphology-types';
import { type CoverageFilter, coverageScope, linkPasses } from './coverageScope';
import type { GapFacts, GapProjection } from './gapProjection';
import { lowSupport, lowSupportSentence, sampleCoverage, type SampleCoverage } from './sampleCoverage';

/** Who can be recommended. */
export type ActorKind = 'FUNDER' | 'COUNTRY' | 'ORGANISATION';

/** An actor's evidence on one gap: its named projects addressing it and its calls targeting it. */
export interface GapEvidence {
  projectIds: string[];
  callIds: string[];
}

/** An actor's portfolio over gaps; the weight of a gap is |projectIds| + |callIds|. */
export interface ActorPortfolio {
  kind: ActorKind;
  id: string;
  label: string;
  gaps: Map<string, GapEvidence>;
}

/** Undirected adjacency: actor id → the actors it shares a project or call with. */
export type Adjacency = ReadonlyMap<string, ReadonlySet<string>>;

/** A gap the candidate works on that is related to the recommended gap (or shared with the funder). */
export interface GapOverlap {
  gapId: string;
  label: string;
  /** Gap recommendations: relatedness of this gap to the target gap (1 for the gap itself). Partner recommendations: the reference funder's weight on it. */
  referenceWeight: number;
  /** The candidate's projects addressing the gap. */
  projectIds: string[];
  /** The candidate's calls targeting the gap. */
  callIds: string[];
}

/** A network neighbour both sides share, with its Adamic-Adar contribution. */
export interface SharedNeighbour {
  /** Same kind as the candidate. */
  kind: ActorKind;
  id: string;
  label: string;
  /** Degree in the actor network (for gap recommendations: + 1 for the link to the gap). */
  degree: number;
  /** 1 / ln(degree). */
  contribution: number;
}

/** A ranked candidate with its score, its two components and their evidence. */
export interface Recommendation {
  rank: number;
  kind: ActorKind;
  id: string;
  label: string;
  /** (1 − networkWeight) × similarity + networkWeight × proximityNormalised, in [0, 1]. */
  score: number;
  /** Cosine similarity of portfolios, in [0, 1]. */
  similarity: number;
  /** Adamic-Adar index over shared neighbours. */
  proximity: number;
  /** proximity / the largest proximity among the candidates (0 when all are 0). */
  proximityNormalised: number;
  /** True when the candidate already has evidence on the gap (only with includeActive). */
  active: boolean;
  /** Evidence of similarity, strongest first (at most 10). */
  overlaps: GapOverlap[];
  /** Evidence of proximity, largest contribution first (at most 10). */
  sharedNeighbours: SharedNeighbour[];
  /** Distinct named projects in the candidate's portfolio (in the filter's years). */
  supportProjectCount: number;
  /** supportProjectCount < 5: its similarity rests on so few projects that one more would change it. */
  lowSupport: boolean;
  explanation: string;
  /** The named projects in the filter's scope against what the calls in scope published (one block for the whole answer). */
  coverage: SampleCoverage;
}

/** The gap, the kinds of actor, the weight λ and the portfolio filter. */
export interface GapRecommendationOptions {
  gapId: string;
  /** Default every kind. */
  kinds?: readonly ActorKind[] | null;
  /** Default 10. */
  first?: number | null;
  /** λ in [0, 1], default 0.5. */
  networkWeight?: number | null;
  /** Keep actors that already have evidence on the gap; default false. */
  includeActive?: boolean | null;
  /** Year range and link thresholds of the portfolios. */
  filter?: Pick<CoverageFilter, 'yearFrom' | 'yearTo' | 'provenance' | 'minConfidence'> | null;
}

/** The funder looking for partners, the weight λ and the portfolio filter. */
export interface PartnerRecommendationOptions {
  funderId: string;
  first?: number | null;
  networkWeight?: number | null;
  filter?: Pick<CoverageFilter, 'yearFrom' | 'yearTo' | 'provenance' | 'minConfidence'> | null;
}

const MAX_EVIDENCE = 10;

/** Cosine similarity Σ a_i b_i / (‖a‖ ‖b‖) of two sparse non-negative vectors; 0 when either is zero. */
export function cosineSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [key, value] of a) dot += value * (b.get(key) ?? 0);
  const norm = (v: ReadonlyMap<string, number>) =>
    Math.sqrt([...v.values()].reduce((sum, x) => sum + x * x, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

/**
 * Adamic-Adar index of x and y: Σ over shared neighbours z of 1 / ln(deg z) (Adamic &
 * Adar 2003; Liben-Nowell & Kleinberg 2007). `degreeOf` defaults to the adjacency degree.
 * A shared neighbour has degree ≥ 2, so the logarithm is positive.
 */
export function adamicAdar(
  adjacency: Adjacency,
  x: string,
  ys: ReadonlySet<string>,
  degreeOf: (z: string) => number = (z) => adjacency.get(z)?.size ?? 0,
): { index: number; shared: Array<{ id: string; degree: number; contribution: number }> } {
  const shared = [...(adjacency.get(x) ?? [])]
    .filter((z) => ys.has(z))
    .map((z) => {
      const degree = degreeOf(z);
      if (degree < 2)
        throw new TypeError(
          `adamicAdar expects shared neighbours of degree ≥ 2, received ${z} of degree ${degree}`,
        );
      return { id: z, degree, contribution: 1 / Math.log(degree) };
    })
    .sort((a, b) => b.contribution - a.contribution || a.id.localeCompare(b.id));
  return { index: shared.reduce((sum, z) => sum + z.contribution, 0), shared };
}

/** The union of the neighbourhoods of one or more graphology graphs, as adjacency. */
export function adjacencyOf(...graphs: Graph[]): Map<string, Set<string>> {
  const adjacency = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    let set = adjacency.get(a);
    if (!set) adjacency.set(a, (set = new Set()));
    set.add(b);
  };
  for (const graph of graphs) {
    graph.forEachNode((node) => {
      if (!adjacency.has(node)) adjacency.set(node, new Set());
    });
    graph.forEachEdge((_edge, _attributes, source, target) => {
      if (source === target) return;
      add(source, target);
      add(target, source);
    });
  }
  return adjacency;
}

/**
 * Every funder's, country's and organisation's portfolio over gaps: funders through the
 * projects they FUND and the calls they take part in; countries through projects with a
 * partner there and the calls they (or a funder based there) take part in; organisations
 * through their projects. Links below the thresholds and records outside the years are dropped.
 */
export function actorPortfolios(
  projection: GapProjection,
  filter: GapRecommendationOptions['filter'] = null,
): Map<ActorKind, Map<string, ActorPortfolio>> {
  const scope = coverageScope(projection, { rows: 'GAP', grain: 'EXACT', filter });
  const result = new Map<ActorKind, Map<string, ActorPortfolio>>();
  const make = (kind: ActorKind, records: Array<{ id: string; label: string }>) =>
    result.set(
      kind,
      new Map(
        records.map((r) => [r.id, { kind, id: r.id, label: r.label, gaps: new Map<string, GapEvidence>() }]),
      ),
    );
  make('FUNDER', projection.funders);
  make(
    'COUNTRY',
    projection.countries.map((c) => ({ id: c.code, label: c.label })),
  );
  make('ORGANISATION', projection.organisations);
  const evidence = (kind: ActorKind, actorId: string, gapId: string) => {
    const portfolio = result.get(kind)?.get(actorId);
    if (!portfolio) return null;
    let gap = portfolio.gaps.get(gapId);
    if (!gap) portfolio.gaps.set(gapId, (gap = { projectIds: [], callIds: [] }));
    return gap;
  };
  for (const project of scope.projects) {
    for (const link of project.rowLinks) {
      const id = project.facts.id;
      for (const funder of project.facts.funderIds)
        evidence('FUNDER', funder, link.targetId)?.projectIds.push(id);
      for (const code of project.facts.countryCodes)
        evidence('COUNTRY', code, link.targetId)?.projectIds.push(id);
      for (const org of project.facts.organisationIds)
        evidence('ORGANISATION', org, link.targetId)?.projectIds.push(id);
    }
  }
  for (const call of scope.calls) {
    for (const target of call.facts.targets.filter((link) => linkPasses(link, filter))) {
      for (const funder of call.facts.funderIds)
        evidence('FUNDER', funder, target.targetId)?.callIds.push(call.facts.id);
      for (const code of call.countryCodes)
        evidence('COUNTRY', code, target.targetId)?.callIds.push(call.facts.id);
    }
  }
  return result;
}

/** The weight vector of a portfolio: gap → |projects| + |calls|. */
export function portfolioVector(portfolio: ActorPortfolio): Map<string, number> {
  return new Map([...portfolio.gaps].map(([gapId, e]) => [gapId, e.projectIds.length + e.callIds.length]));
}

/**
 * How related each gap is to `gapId`: 1 for the gap itself, otherwise the Jaccard index
 * |F(g) ∩ F(h)| / |F(g) ∪ F(h)| of their features F = the stages they lie at, the
 * objectives they serve and the SRIA areas they belong to (links passing the filter).
 */
export function gapRelatedness(
  gaps: readonly GapFacts[],
  gapId: string,
  filter: GapRecommendationOptions['filter'] = null,
): Map<string, number> {
  const features = (gap: GapFacts) =>
    new Set([
      ...gap.stages.filter((l) => linkPasses(l, filter)).map((l) => `stage:${l.targetId}`),
      ...gap.objectives.filter((l) => linkPasses(l, filter)).map((l) => `objective:${l.targetId}`),
      ...gap.areaIds.map((id) => `area:${id}`),
    ]);
  const target = gaps.find((gap) => gap.id === gapId);
  if (!target) throw new TypeError(`gapRelatedness expects a known gap id, received ${gapId}`);
  const mine = features(target);
  const result = new Map<string, number>();
  for (const gap of gaps) {
    if (gap.id === gapId) {
      result.set(gap.id, 1);
      continue;
    }
    const theirs = features(gap);
    const union = new Set([...mine, ...theirs]).size;
    const shared = [...mine].filter((f) => theirs.has(f)).length;
    if (shared > 0) result.set(gap.id, shared / union);
  }
  return result;
}

function checkOptions(
  first: number | null | undefined,
  networkWeight: number | null | undefined,
): { first: number; lambda: number } {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 0)
    throw new TypeError(`first must be a non-negative integer, received ${limit}`);
  const lambda = networkWeight ?? 0.5;
  if (!(lambda >= 0 && lambda <= 1))
    throw new TypeError(`networkWeight must be a number from 0 to 1, received ${lambda}`);
  return { first: limit, lambda };
}

interface Scored extends Omit<
  Recommendation,
  'rank' | 'score' | 'proximityNormalised' | 'explanation' | 'lowSupport' | 'coverage'
> {
  describe(score: number, normalised: number): string;
}

/** Distinct projects behind a portfolio. */
function portfolioProjectCount(portfolio: ActorPortfolio): number {
  return new Set([...portfolio.gaps.values()].flatMap((evidence) => evidence.projectIds)).size;
}

/** The coverage block of a recommendation answer: every named project and call in the filter's years. */
function recommendationCoverage(
  projection: GapProjection,
  filter: GapRecommendationOptions['filter'],
): SampleCoverage {
  const scope = coverageScope(projection, { rows: 'GAP', grain: 'MACRO', filter: filter ?? null });
  return sampleCoverage(
    scope.projects.map((project) => project.facts.id),
    scope.calls.map((call) => call.facts),
    filter?.minConfidence ?? null,
  );
}

function rankScored(
  scored: Scored[],
  lambda: number,
  first: number,
  coverage: SampleCoverage,
): Recommendation[] {
  const max = Math.max(0, ...scored.map((s) => s.proximity));
  return scored
    .map(({ describe, ...s }) => {
      const proximityNormalised = max === 0 ? 0 : s.proximity / max;
      const score = (1 - lambda) * s.similarity + lambda * proximityNormalised;
      const support = lowSupportSentence(s.supportProjectCount);
      const explanation = support
        ? `${describe(score, proximityNormalised)} ${support}`
        : describe(score, proximityNormalised);
      return {
        ...s,
        rank: 0,
        score,
        proximityNormalised,
        lowSupport: lowSupport(s.supportProjectCount),
        explanation,
        coverage,
      };
    })
    .filter((r) => r.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.similarity - a.similarity ||
        a.label.localeCompare(b.label) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, first)
    .map((r, index) => ({ ...r, rank: index + 1 }));
}

const fmt = (value: number) => value.toFixed(2);
/** The first `most` items, then how many of `total` (default: all items) are left unsaid. */
const listOf = (items: string[], total = items.length, most = 5) =>
  total > most ? `${items.slice(0, most).join(', ')} and ${total - most} more` : items.join(', ');

/**
 * Actors most likely to take up `gapId`, best first (authority: docs/gaps.md).
 *
 * similarity = cosine(v_a, w_g): the actor's portfolio v_a (gap → its projects + calls on
 * it) against the gap's relatedness vector w_g (gapRelatedness). proximity = Adamic-Adar
 * between the actor and the gap in the actor network augmented with the gap linked to the
 * actors already on it: Σ over the actor's neighbours z that are on the gap of
 * 1 / ln(deg z + 1). score = (1 − λ) similarity + λ proximity / max proximity. Actors already
 * on the gap are left out unless includeActive; candidates scoring 0 are never listed.
 * `networks` gives each kind's adjacency (funders: co-funding; countries and organisations:
 * shared projects); a kind without one has proximity 0.
 */
export function gapRecommendations(
  projection: GapProjection,
  networks: Partial<Record<ActorKind, Adjacency>>,
  options: GapRecommendationOptions,
): Recommendation[] {
  const { first, lambda } = checkOptions(options.first, options.networkWeight);
  const kinds = options.kinds ?? (['FUNDER', 'COUNTRY', 'ORGANISATION'] as const);
  const relatedness = gapRelatedness(projection.gaps, options.gapId, options.filter);
  const gapLabels = new Map(projection.gaps.map((gap) => [gap.id, gap.label]));
  const portfolios = actorPortfolios(projection, options.filter);
  const scored: Scored[] = [];
  for (const kind of kinds) {
    const actors = portfolios.get(kind);
    if (!actors)
      throw new TypeError(`kinds must be FUNDER, COUNTRY or ORGANISATION, received ${String(kind)}`);
    const adjacency: Adjacency = networks[kind] ?? new Map();
    const onGap = new Set([...actors.values()].filter((a) => a.gaps.has(options.gapId)).map((a) => a.id));
    for (const actor of actors.values()) {
      const active = onGap.has(actor.id);
      if (active && !options.includeActive) continue;
      const vector = portfolioVector(actor);
      const similarity = cosineSimilarity(vector, relatedness);
      const { index: proximity, shared } = adamicAdar(
        adjacency,
        actor.id,
        onGap,
        (z) => (adjacency.get(z)?.size ?? 0) + 1,
      );
      const allOverlaps = [...actor.gaps]
        .filter(([gapId]) => relatedness.has(gapId))
        .map(([gapId, e]) => ({
          gapId,
          label: gapLabels.get(gapId) ?? gapId,
          referenceWeight: relatedness.get(gapId) ?? 0,
          ...e,
        }))
        .sort(
          (a, b) =>
            weightOf(b) * b.referenceWeight - weightOf(a) * a.referenceWeight ||
            a.label.localeCompare(b.label),
        );
      const overlaps = allOverlaps.slice(0, MAX_EVIDENCE);
      const overlapCount = allOverlaps.length;
      const labels = new Map([...actors.values()].map((a) => [a.id, a.label]));
      const sharedNeighbours = shared
        .slice(0, MAX_EVIDENCE)
        .map((z) => ({ ...z, kind, label: labels.get(z.id) ?? z.id }));
      scored.push({
        kind,
        id: actor.id,
        label: actor.label,
        similarity,
        proximity,
        active,
        overlaps,
        sharedNeighbours,
        supportProjectCount: portfolioProjectCount(actor),
        describe: (score, normalised) =>
          [
            `${actor.label} (${kind.toLowerCase()}): score ${fmt(score)}.`,
            overlaps.length
              ? `Portfolio similarity ${fmt(similarity)} through ${listOf(
                  overlaps.map(
                    (o) => `${o.label} (${evidenceWords(o)}; relatedness ${fmt(o.referenceWeight)})`,
                  ),
                  overlapCount,
                )}.`
              : 'No related gap in its portfolio.',
            shared.length
              ? `Close to ${shared.length} of the ${onGap.size} ${kind.toLowerCase()}s already on the gap (${listOf(
                  sharedNeighbours.map((z) => z.label),
                  shared.length,
                )}): Adamic-Adar ${fmt(proximity)}, ${fmt(normalised)} of the closest candidate.`
              : onGap.size
                ? `No network tie to the ${onGap.size} ${kind.toLowerCase()}s already on the gap.`
                : `No ${kind.toLowerCase()} is on the gap yet, so closeness plays no part.`,
          ].join(' '),
      });
    }
  }
  return rankScored(scored, lambda, first, recommendationCoverage(projection, options.filter));
}

function weightOf(evidence: GapEvidence): number {
  return evidence.projectIds.length + evidence.callIds.length;
}

function evidenceWords(evidence: GapEvidence): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return [
    evidence.projectIds.length ? count(evidence.projectIds.length, 'project') : '',
    evidence.callIds.length ? count(evidence.callIds.length, 'call') : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Funders `funderId` has not co-funded with (no shared call or project: not adjacent in
 * `cofunding`), best first. similarity = cosine of the two gap portfolios; proximity =
 * Adamic-Adar over their shared co-funding partners, Σ 1 / ln(deg z); score as in
 * gapRecommendations. Candidates scoring 0 are never listed.
 */
export function partnerRecommendations(
  projection: GapProjection,
  cofunding: Adjacency,
  options: PartnerRecommendationOptions,
): Recommendation[] {
  const { first, lambda } = checkOptions(options.first, options.networkWeight);
  const funders =
    actorPortfolios(projection, options.filter).get('FUNDER') ?? new Map<string, ActorPortfolio>();
  const reference = funders.get(options.funderId);
  if (!reference)
    throw new TypeError(`partnerRecommendations expects a known funder id, received ${options.funderId}`);
  const gapLabels = new Map(projection.gaps.map((gap) => [gap.id, gap.label]));
  const labels = new Map([...funders.values()].map((f) => [f.id, f.label]));
  const mine = portfolioVector(reference);
  const partners = cofunding.get(reference.id) ?? new Set<string>();
  const scored: Scored[] = [];
  for (const candidate of funders.values()) {
    if (candidate.id === reference.id || partners.has(candidate.id)) continue;
    const similarity = cosineSimilarity(mine, portfolioVector(candidate));
    const { index: proximity, shared } = adamicAdar(
      cofunding,
      reference.id,
      cofunding.get(candidate.id) ?? new Set(),
    );
    const allOverlaps = [...candidate.gaps]
      .filter(([gapId]) => mine.has(gapId))
      .map(([gapId, e]) => ({
        gapId,
        label: gapLabels.get(gapId) ?? gapId,
        referenceWeight: mine.get(gapId) ?? 0,
        ...e,
      }))
      .sort(
        (a, b) =>
          weightOf(b) * b.referenceWeight - weightOf(a) * a.referenceWeight || a.label.localeCompare(b.label),
      );
    const overlaps = allOverlaps.slice(0, MAX_EVIDENCE);
    const overlapCount = allOverlaps.length;
    const sharedNeighbours = shared
      .slice(0, MAX_EVIDENCE)
      .map((z) => ({ ...z, kind: 'FUNDER' as const, label: labels.get(z.id) ?? z.id }));
    scored.push({
      kind: 'FUNDER',
      id: candidate.id,
      label: candidate.label,
      similarity,
      proximity,
      active: false,
      overlaps,
      sharedNeighbours,
      supportProjectCount: portfolioProjectCount(candidate),
      describe: (score, normalised) =>
        [
          `${candidate.label} has never shared a call or project with ${reference.label}; score ${fmt(score)}.`,
          overlaps.length
            ? `Portfolio similarity ${fmt(similarity)}: both work on ${listOf(
                overlaps.map((o) => o.label),
                overlapCount,
              )}.`
            : 'No gap in common.',
          shared.length
            ? `${shared.length} shared co-funding partner${shared.length === 1 ? '' : 's'} (${listOf(
                sharedNeighbours.map((z) => z.label),
                shared.length,
              )}): Adamic-Adar ${fmt(proximity)}, ${fmt(normalised)} of the closest candidate.`
            : 'No shared co-funding partner.',
        ].join(' '),
    });
  }
  return rankScored(scored, lambda, first, recommendationCoverage(projection, options.filter));
}
