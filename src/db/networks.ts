// Cypher that projects networks out of the graph (co-funding, collaboration, bipartite),
// k-hop neighbourhoods and shortest paths, returned as plain NetworkData. Each network
// costs at most two statements whatever its size: one ranks and cuts the nodes, one reads
// the weighted edges among the kept nodes with the ids of the projects or calls behind them.

import type { AttributeValue, NetworkData, NetworkEdgeData, NetworkNodeData } from '../analytics/networkData';
import { UnreachableCaseError } from '../errors';
import { ENTITY_LABELS, type Provenance } from '../model';
import { CALLS } from './funding';
import { filterClause, type ListSpec } from './listQuery';
import type { EntityLabel } from './models';
import { PROJECTS } from './projects';
import { derivationPredicate } from './relations';
import { centroidFields, nodeCoordinates, type PlaceRow } from './places';
import { cypherInt, type Db, type Params } from './run';
import { kindOfLabel } from './search';
import { FROM_DATASETS } from './sourceDatasets';

/** What links the nodes of a projected network: shared projects or shared calls. */
export type NetworkBasis = 'PROJECTS' | 'CALLS';
/** The one-mode networks and the two-mode (bipartite) one. */
export type NetworkKind = 'COFUNDING' | 'COUNTRY_COLLABORATION' | 'ORGANISATION_COLLABORATION' | 'BIPARTITE';
export type BipartiteActors = 'FUNDERS' | 'COUNTRIES';
export type BipartiteTargets = 'GAPS' | 'OBJECTIVES';

/**
 * Which projects (or calls) count as evidence. Fields combine with AND, values in a list
 * with OR. On projects the fields mean what ProjectFilter's fields mean (`callKinds`: funded by
 * a call of that kind); on calls: `calls` the call's id, `programmes` its programme, `callKinds`
 * its kind, years the call's year, `countries` open to applicants from the country,
 * `gaps` / `stages` / `objectives` the call targets such a gap or funded such a project.
 * `provenance` and `minConfidence` apply to every derived link read (filters and edges).
 */
export interface NetworkFilterInput {
  calls?: string[] | null;
  programmes?: string[] | null;
  callKinds?: string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  countries?: string[] | null;
  stages?: string[] | null;
  objectives?: string[] | null;
  gaps?: string[] | null;
  provenance?: Provenance | null;
  minConfidence?: number | null;
  /** Evidence that came from one of these datasets (its `datasets`, DatasetId values). */
  datasets?: readonly string[] | null;
}

/**
 * An ego view of a projected network: the actors named and every node within `hops` edges of
 * them in the network the filter defines, with every edge among those nodes (an edge keeps
 * the weight and evidence it has in the whole network; alter-alter ties included).
 */
export interface NetworkAround {
  /** Stored ids of nodes of the network (any mode of a bipartite one); at least one. */
  ids: string[];
  /** 1 to 3: how many edges away a node may be. */
  hops: number;
}

/** A validated request for a projected network (see src/resolvers/networkRequest.ts). */
export interface NetworkRequest {
  kind: NetworkKind;
  basis: NetworkBasis;
  /** Bipartite only. */
  actors?: BipartiteActors;
  /** Bipartite only. */
  targets?: BipartiteTargets;
  filter: NetworkFilterInput;
  /** Only the network around these actors; null or absent: the whole network. */
  around?: NetworkAround | null;
  /** Largest number of nodes returned, >= 1. */
  limit: number;
}

/** Every relationship type of the model, for paths and neighbourhoods. */
export const RELATIONSHIP_TYPES = [
  'MEMBER_OF',
  'BASED_IN',
  'PART_OF',
  'PARTICIPATES_IN',
  'SECRETARIAT_OF',
  'FUNDED',
  'FUNDS',
  'PARTNER_IN',
  'LOCATED_IN',
  'HAS_PARTNER_IN',
  'COVERS',
  'ADDRESSES',
  'AT_STAGE',
  'ADVANCES',
  'IN_AREA',
  'SERVES',
  'TARGETS',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

const ENTITY_LABEL_EXPRESSION = ENTITY_LABELS.join('|');

/** A derived link `r` passes the network filter's provenance and confidence thresholds. */
const LINK_PASSES = (r: string) => derivationPredicate(r);

/** Evidence filters on calls; the evidence node is `n` so that CALLS' own predicates apply. */
const CALL_EVIDENCE: ListSpec<'Call', NetworkFilterInput, never> = {
  name: 'callEvidence',
  label: 'Call',
  filters: {
    calls: 'n.id IN $calls',
    programmes: CALLS.filters.programmes,
    callKinds: CALLS.filters.kinds.replace('$kinds', '$callKinds'),
    yearFrom: CALLS.filters.yearFrom,
    yearTo: CALLS.filters.yearTo,
    countries: CALLS.filters.countries,
    gaps: `EXISTS { MATCH (n)-[r:TARGETS]->(g:KnowledgeGap) WHERE g.id IN $gaps AND ${LINK_PASSES('r')} }
      OR EXISTS { MATCH (n)-[:FUNDED]->(:Project)-[r:ADDRESSES]->(g:KnowledgeGap) WHERE g.id IN $gaps AND ${LINK_PASSES('r')} }`,
    stages: `EXISTS { MATCH (n)-[r:TARGETS]->(:KnowledgeGap)-[:AT_STAGE]->(:ValueChainStage)-[:PART_OF*0..]->(s:ValueChainStage)
        WHERE s.id IN $stages AND ${LINK_PASSES('r')} }
      OR EXISTS { MATCH (n)-[:FUNDED]->(:Project)-[r:AT_STAGE]->(:ValueChainStage)-[:PART_OF*0..]->(s:ValueChainStage)
        WHERE s.id IN $stages AND ${LINK_PASSES('r')} }`,
    objectives: `EXISTS { MATCH (n)-[r:TARGETS]->(:KnowledgeGap)-[:SERVES]->(o:Objective) WHERE o.id IN $objectives AND ${LINK_PASSES('r')} }
      OR EXISTS { MATCH (n)-[:FUNDED]->(:Project)-[r:ADVANCES]->(o:Objective) WHERE o.id IN $objectives AND ${LINK_PASSES('r')} }`,
    provenance: '$provenance IS NOT NULL',
    minConfidence: '$minConfidence IS NOT NULL',
    datasets: FROM_DATASETS,
  },
  sorts: {} as ListSpec<'Call', NetworkFilterInput, never>['sorts'],
  defaultParams: { provenance: null, minConfidence: null },
};

/** Project filters are exactly ProjectFilter's: a network filter is a project filter subset. */
const PROJECT_EVIDENCE: ListSpec<'Project', NetworkFilterInput, never> = {
  name: 'projectEvidence',
  label: 'Project',
  filters: {
    calls: PROJECTS.filters.calls,
    programmes: PROJECTS.filters.programmes,
    callKinds: 'EXISTS { MATCH (n)<-[:FUNDED]-(c:Call) WHERE c.kind IN $callKinds }',
    yearFrom: PROJECTS.filters.yearFrom,
    yearTo: PROJECTS.filters.yearTo,
    countries: PROJECTS.filters.countries,
    stages: PROJECTS.filters.stages,
    objectives: PROJECTS.filters.objectives,
    gaps: PROJECTS.filters.gaps,
    provenance: PROJECTS.filters.provenance,
    minConfidence: PROJECTS.filters.minConfidence,
    datasets: PROJECTS.filters.datasets,
  },
  sorts: {} as ListSpec<'Project', NetworkFilterInput, never>['sorts'],
  defaultParams: PROJECTS.defaultParams,
};

/**
 * How a node joins an evidence item `n`: a MATCH pattern binding the node as `x` (and a
 * derived relationship as `r`, whose derivation must pass the filter), renamed per use.
 */
interface Membership {
  label: EntityLabel;
  pattern: (x: string, r: string) => string;
  /** True when the pattern's relationship is derived (its `r` is filtered by provenance). */
  derived: boolean;
}

const MEMBERSHIPS = {
  funderInCall: { label: 'Funder', derived: false, pattern: (x) => `(${x}:Funder)-[:PARTICIPATES_IN]->(n)` },
  funderOfProject: { label: 'Funder', derived: false, pattern: (x) => `(${x}:Funder)-[:FUNDS]->(n)` },
  countryOfProject: {
    label: 'Country',
    derived: false,
    pattern: (x) => `(n)-[:HAS_PARTNER_IN]->(${x}:Country)`,
  },
  countryInCall: {
    label: 'Country',
    derived: false,
    pattern: (x) => `(${x}:Country)-[:PARTICIPATES_IN]->(n)`,
  },
  organisationOfProject: {
    label: 'Organisation',
    derived: false,
    pattern: (x) => `(${x}:Organisation)-[:PARTNER_IN]->(n)`,
  },
  gapOfProject: {
    label: 'KnowledgeGap',
    derived: true,
    pattern: (x, r) => `(n)-[${r}:ADDRESSES]->(${x}:KnowledgeGap)`,
  },
  objectiveOfProject: {
    label: 'Objective',
    derived: true,
    pattern: (x, r) => `(n)-[${r}:ADVANCES]->(${x}:Objective)`,
  },
  gapOfCall: {
    label: 'KnowledgeGap',
    derived: true,
    pattern: (x, r) => `(n)-[${r}:TARGETS]->(${x}:KnowledgeGap)`,
  },
  objectiveOfCall: {
    label: 'Objective',
    derived: true,
    pattern: (x, r) => `(n)-[${r}:TARGETS]->(:KnowledgeGap)-[:SERVES]->(${x}:Objective)`,
  },
} satisfies Record<string, Membership>;

/** The Cypher plan of one projected network. */
export interface ProjectionPlan {
  name: string;
  description: string;
  evidence: ListSpec<'Project' | 'Call', NetworkFilterInput, never>;
  evidenceKind: 'PROJECT' | 'CALL';
  /** One membership for a one-mode network, two (left, right) for a bipartite one. */
  sides: [Membership] | [Membership, Membership];
}

/** Chooses the evidence and memberships of a network request. */
export function projectionPlan(
  request: Pick<NetworkRequest, 'kind' | 'basis' | 'actors' | 'targets'>,
): ProjectionPlan {
  const byProjects = request.basis === 'PROJECTS';
  const evidence = byProjects ? PROJECT_EVIDENCE : CALL_EVIDENCE;
  const evidenceKind = byProjects ? 'PROJECT' : 'CALL';
  switch (request.kind) {
    case 'COFUNDING':
      return byProjects
        ? {
            name: 'cofunding-projects',
            description:
              'Funders linked when both are named as funding the same project; weight = number of shared projects.',
            evidence,
            evidenceKind,
            sides: [MEMBERSHIPS.funderOfProject],
          }
        : {
            name: 'cofunding-calls',
            description:
              'Funders linked when both took part in the same call; weight = number of shared calls.',
            evidence,
            evidenceKind,
            sides: [MEMBERSHIPS.funderInCall],
          };
    case 'COUNTRY_COLLABORATION':
      if (!byProjects)
        throw new TypeError(
          'projectionPlan: country collaboration is defined on projects only, received basis CALLS',
        );
      return {
        name: 'collaboration-countries',
        description:
          'Countries linked when both have a partner in the same project (unnamed partners included); weight = number of shared projects.',
        evidence,
        evidenceKind,
        sides: [MEMBERSHIPS.countryOfProject],
      };
    case 'ORGANISATION_COLLABORATION':
      if (!byProjects)
        throw new TypeError(
          'projectionPlan: organisation collaboration is defined on projects only, received basis CALLS',
        );
      return {
        name: 'collaboration-organisations',
        description:
          'Organisations linked when both are partners in the same project; weight = number of shared projects.',
        evidence,
        evidenceKind,
        sides: [MEMBERSHIPS.organisationOfProject],
      };
    case 'BIPARTITE': {
      const { actors, targets } = request;
      if (!actors || !targets)
        throw new TypeError(
          `projectionPlan: a bipartite network needs actors and targets, received ${actors}, ${targets}`,
        );
      const left =
        actors === 'FUNDERS'
          ? byProjects
            ? MEMBERSHIPS.funderOfProject
            : MEMBERSHIPS.funderInCall
          : byProjects
            ? MEMBERSHIPS.countryOfProject
            : MEMBERSHIPS.countryInCall;
      const right =
        targets === 'GAPS'
          ? byProjects
            ? MEMBERSHIPS.gapOfProject
            : MEMBERSHIPS.gapOfCall
          : byProjects
            ? MEMBERSHIPS.objectiveOfProject
            : MEMBERSHIPS.objectiveOfCall;
      const actorWords =
        actors === 'FUNDERS'
          ? byProjects
            ? 'a funder funds'
            : 'a funder took part in'
          : byProjects
            ? 'a country has a partner in'
            : 'a country is open in';
      const targetWords =
        targets === 'GAPS'
          ? byProjects
            ? 'addresses a knowledge gap'
            : 'targets a knowledge gap'
          : byProjects
            ? 'advances an objective'
            : 'targets a gap serving an objective';
      return {
        name: `bipartite-${actors.toLowerCase()}-${targets.toLowerCase()}-${byProjects ? 'projects' : 'calls'}`,
        description: `${actors === 'FUNDERS' ? 'Funders' : 'Countries'} linked to ${targets === 'GAPS' ? 'knowledge gaps' : 'objectives'} when ${actorWords} a ${byProjects ? 'project that' : 'call that'} ${targetWords}; weight = number of such ${byProjects ? 'projects' : 'calls'}.`,
        evidence,
        evidenceKind,
        sides: [left, right],
      };
    }
    default:
      throw new UnreachableCaseError(request.kind);
  }
}

function membershipMatch(side: Membership, x: string, r: string): { match: string; where: string | null } {
  return { match: `MATCH ${side.pattern(x, r)}`, where: side.derived ? LINK_PASSES(r) : null };
}

/** The evidence items of a plan: the MATCH binding them as `n`, its predicates and parameters. */
interface EvidenceMatch {
  cypher: string;
  predicates: string[];
  params: Params;
}

function evidenceMatch(plan: ProjectionPlan, filter: NetworkFilterInput): EvidenceMatch {
  const { predicates, params } = filterClause(plan.evidence, filter);
  if (plan.sides.length === 2) {
    // In a two-mode network an item is evidence only when it joins both modes, so that no
    // node appears without an edge to the other mode.
    for (const side of plan.sides) {
      const { match, where } = membershipMatch(side, 'x', 'rx');
      predicates.push(`EXISTS { ${match}${where ? ` WHERE ${where}` : ''} }`);
    }
  }
  const cypher = `MATCH (n:${plan.evidence.label})${predicates.length ? `\nWHERE ${predicates.join(' AND ')}` : ''}`;
  return { cypher, predicates, params: { provenance: null, minConfidence: null, ...params } };
}

/**
 * The fields of a node row: the node's properties, its entity label, its home country's
 * centroid and, for a regional funder, its region's centroid (see nodeCoordinates).
 */
const NODE_FIELDS = (x: string) => `props: ${x} {.*},
    label: [l IN labels(${x}) WHERE l IN $entityLabels][0],
    ${centroidFields(x)},
    identifiers: COLLECT { MATCH (${x})-[:HAS_IDENTIFIER]->(i:Identifier) RETURN i.id ORDER BY i.id }`;

/**
 * The node statement: every node that joins at least one evidence item, with the number of
 * items (`evidenceCount`), ranked by that number (then id) and cut to `limit`; also returns
 * how many nodes there were before the cut.
 */
export function networkNodesCypher(plan: ProjectionPlan, evidence: string): string {
  return `${evidence}
CALL (n) {
  ${membersOf(plan)}
}
WITH x, side, count(DISTINCT n) AS evidenceCount
${RANKED_NODES('evidenceCount DESC, x.id ASC', [])}`;
}

/** The members `x` of an evidence item `n` on every side of a plan, with the side's index. */
function membersOf(plan: ProjectionPlan): string {
  const sides = plan.sides.map((side, index) => {
    const { match, where } = membershipMatch(side, 'x', 'rx');
    return `${match}${where ? ` WHERE ${where}` : ''}\n  RETURN x, ${index} AS side`;
  });
  return sides.join('\n  UNION\n  ');
}

/**
 * Rows (x, side, evidenceCount and the `extra` fields) ranked by `order`, cut to `$limit`, and
 * returned as `total` (before the cut) and `nodes` (each with its node fields).
 */
const RANKED_NODES = (order: string, extra: string[]) => {
  const fields = ['x: x', 'side: side', 'evidenceCount: evidenceCount', ...extra.map((f) => `${f}: ${f}`)];
  const rowFields = [
    'side: row.side',
    'evidenceCount: row.evidenceCount',
    ...extra.map((f) => `${f}: row.${f}`),
  ];
  return `ORDER BY ${order}
WITH collect({${fields.join(', ')}}) AS ranked
WITH size(ranked) AS total, ranked[0..$limit] AS kept
CALL (kept) {
  UNWIND kept AS row
  WITH row, row.x AS x
  RETURN collect({${rowFields.join(', ')}, ${NODE_FIELDS('x')}}) AS nodes
}
RETURN total, nodes`;
};

/**
 * The (from, to) side pairs along which an edge runs: a one-mode network links members of the
 * same side, a bipartite one links each side to the other only.
 */
function linkedSides(plan: ProjectionPlan): Array<[from: Membership, to: Membership]> {
  const [left, right] = plan.sides;
  return right
    ? [
        [left, right],
        [right, left],
      ]
    : [[left, left]];
}

/**
 * Binds `member` (a node whose id is in the list `ids`) and `n`, an evidence item it is a
 * member of on `side`: a seek of the side's id index, then the item's own filter. The filter
 * is applied in a WITH before anything else is bound, so that its EXISTS subqueries (a
 * bipartite item joins both modes) name their own `x`.
 */
function memberItems(
  plan: ProjectionPlan,
  evidence: Pick<EvidenceMatch, 'predicates'>,
  side: Membership,
  ids: string,
  member: string,
): string {
  const { match, where } = membershipMatch(side, member, `r${member}`);
  const filter = [`n:${plan.evidence.label}`, ...evidence.predicates];
  return `${match} WHERE ${member}.id IN ${ids}${where ? ` AND ${where}` : ''}
    WITH DISTINCT ${member}, n WHERE ${filter.join(' AND ')}`;
}

/**
 * The node statement of an ego view (NetworkAround). `hop0` is `$around`; hop k + 1 adds to
 * hop k every node that an edge joins to a node of hop k (a co-member of one of its evidence
 * items; in a bipartite network, on the other side only). The nodes are those of the last
 * hop, with their evidenceCount in the whole network (as without `around`) and their
 * `distance` (the first hop holding them), ranked nearest first, then by evidenceCount and
 * id, and cut to `$limit`: the actors named come first. An actor named with no evidence item
 * is no node, as in the whole network. One statement.
 */
export function aroundNodesCypher(
  plan: ProjectionPlan,
  evidence: Pick<EvidenceMatch, 'predicates'>,
  hops: number,
): string {
  if (!Number.isInteger(hops) || hops < 1 || hops > 3) {
    throw new TypeError(`aroundNodesCypher expects hops from 1 to 3, received ${String(hops)}`);
  }
  const steps: string[] = [];
  for (let hop = 1; hop <= hops; hop += 1) {
    const frontier = `hop${hop - 1}`;
    const branches = linkedSides(plan).map(([from, to]) => {
      const { match, where } = membershipMatch(to, 'x', 'rx');
      return `${memberItems(plan, evidence, from, frontier, 'a')}
    ${match}${where ? ` WHERE ${where}` : ''}
    UNWIND [a.id, x.id] AS id
    RETURN id`;
    });
    steps.push(`CALL (${frontier}) {
  CALL (${frontier}) {
    ${branches.join('\n    UNION\n    ')}
  }
  RETURN collect(id) AS hop${hop}
}`);
  }
  const last = `hop${hops}`;
  const counts = plan.sides.map(
    (side, index) => `${memberItems(plan, evidence, side, last, 'm')}
    RETURN m AS x, ${index} AS side, count(n) AS evidenceCount`,
  );
  const hopNames = Array.from({ length: hops + 1 }, (_, hop) => `hop${hop}`);
  const distance = `CASE ${hopNames
    .slice(0, -1)
    .map((name, hop) => `WHEN x.id IN ${name} THEN ${hop}`)
    .join(' ')} ELSE ${hops} END`;
  return `WITH $around AS hop0
${steps.join('\n')}
CALL (${last}) {
    ${counts.join('\n    UNION\n    ')}
}
WITH x, side, evidenceCount, ${distance} AS distance
${RANKED_NODES('distance ASC, evidenceCount DESC, x.id ASC', ['distance'])}`;
}

const COLLECT_IDS = 'collect(DISTINCT n.id) AS evidenceIds';
const COUNT_ONLY = 'count(DISTINCT n) AS weight';

/**
 * The edge statement: weighted edges among the kept node ids, with the evidence ids behind
 * each, or (withIds false) only their number: at 100,000 projects, collecting 300,000 project
 * ids only to count them made the country collaboration network take 961 ms (issue 11).
 */
export function networkEdgesCypher(plan: ProjectionPlan, evidence: string, withIds = true): string {
  const [left, right] = plan.sides;
  const a = membershipMatch(left, 'a', 'ra');
  const b = membershipMatch(right ?? left, 'b', 'rb');
  const where = [a.where, b.where, 'a.id IN $ids', 'b.id IN $ids', right ? null : 'a.id < b.id'].filter(
    Boolean,
  );
  return `${evidence}
${a.match}
${b.match}
WHERE ${where.join(' AND ')}
WITH a.id AS source, b.id AS target, ${withIds ? COLLECT_IDS : COUNT_ONLY}
RETURN source, target, ${withIds ? 'evidenceIds' : 'weight'}
ORDER BY source, target`;
}

/** What readNetwork reads besides nodes and weighted edges. */
export interface NetworkReadOptions {
  /** Read each edge's evidence ids (default true); false leaves them empty and only counts them. */
  evidenceIds?: boolean;
}

interface NodeRow extends PlaceRow {
  side?: number;
  evidenceCount?: number;
  distance?: number;
  label: EntityLabel | null;
  /** Identifier keys `SCHEME:value` of organisations and funders. */
  identifiers?: string[];
}

/**
 * Projects one network: at most two statements (nodes, then edges among the kept nodes;
 * the second is skipped when no node matched). The kept nodes are the `limit` nodes with
 * the most evidence items (ties by id); `truncated` says whether the limit cut any. With
 * `around`, the nodes are those of the ego view (aroundNodesCypher), nearest first.
 */
export async function readNetwork(
  db: Db,
  request: NetworkRequest,
  options: NetworkReadOptions = {},
): Promise<NetworkData> {
  const withIds = options.evidenceIds ?? true;
  if (!Number.isInteger(request.limit) || request.limit < 1) {
    throw new TypeError(`readNetwork expects a positive integer limit, received ${String(request.limit)}`);
  }
  const plan = projectionPlan(request);
  const evidence = evidenceMatch(plan, request.filter);
  const around = request.around ?? null;
  if (around !== null && around.ids.length === 0) {
    throw new TypeError('readNetwork expects at least one id around which to read, received none');
  }
  const [head] = await db.read<{ total: number; nodes: NodeRow[] }>(
    around === null
      ? networkNodesCypher(plan, evidence.cypher)
      : aroundNodesCypher(plan, evidence, around.hops),
    {
      ...evidence.params,
      entityLabels: ENTITY_LABELS,
      limit: cypherInt(request.limit),
      ...(around === null ? {} : { around: around.ids }),
    },
  );
  const total = head?.total ?? 0;
  const rows = head?.nodes ?? [];
  const nodes = rows
    .map((row) =>
      toNetworkNode(row, {
        evidenceCount: row.evidenceCount ?? 0,
        ...(around === null ? {} : { distance: row.distance ?? 0 }),
      }),
    )
    .sort((x, y) => compareIds(x.id, y.id));
  let edges: NetworkEdgeData[] = [];
  if (nodes.length > 0) {
    const edgeRows = await db.read<{
      source: string;
      target: string;
      evidenceIds?: string[];
      weight?: number;
    }>(networkEdgesCypher(plan, evidence.cypher, withIds), {
      ...evidence.params,
      ids: nodes.map((node) => node.id),
    });
    edges = edgeRows.map((row) => ({
      source: row.source,
      target: row.target,
      weight: row.evidenceIds?.length ?? row.weight ?? 0,
      evidenceKind: plan.evidenceKind,
      evidenceIds: [...(row.evidenceIds ?? [])].sort(compareIds),
      relationshipTypes: [],
    }));
  }
  return {
    name: around === null ? plan.name : `${plan.name}-around-${aroundStem(around.ids)}`,
    description: around === null ? plan.description : `${plan.description} ${aroundWords(around)}`,
    bipartite: plan.sides.length === 2,
    nodes,
    edges,
    totalNodeCount: total,
    truncated: total > nodes.length,
  };
}

/** The ids of an ego view in a network's name: the first, and how many more (file names stay short). */
function aroundStem(ids: readonly string[]): string {
  return ids.length === 1 ? String(ids[0]) : `${ids[0]}-and-${ids.length - 1}-more`;
}

/** The sentence an ego view adds to a network's description. */
function aroundWords(around: NetworkAround): string {
  const listed =
    around.ids.length <= 5
      ? around.ids.join(', ')
      : `${around.ids.slice(0, 5).join(', ')} and ${around.ids.length - 5} more`;
  const within =
    around.hops === 1 ? 'their direct neighbours' : `every node within ${around.hops} edges of them`;
  return `Only around ${listed}: ${within}, and every edge among those nodes (attributes.distance = edges away).`;
}

/** An entity named by label and id. */
export interface EntityRef {
  label: EntityLabel;
  id: string;
}

export interface NeighbourhoodRequest {
  of: EntityRef;
  /** 1 to 3. */
  hops: number;
  /** Empty: every type. */
  relationshipTypes: RelationshipType[];
  /** Largest number of nodes, >= 1; the centre always stays. */
  limit: number;
}

function typeExpression(types: readonly RelationshipType[]): string {
  for (const type of types) {
    if (!RELATIONSHIP_TYPES.includes(type)) {
      throw new TypeError(
        `expected a relationship type among ${RELATIONSHIP_TYPES.join(', ')}, received ${String(type)}`,
      );
    }
  }
  // Types cannot be parameters in Cypher; they are checked against the closed list above.
  return types.length ? `:${types.join('|')}` : '';
}

function assertLabel(label: EntityLabel): void {
  if (!ENTITY_LABELS.includes(label))
    throw new TypeError(`expected an entity label, received ${String(label)}`);
}

/** The neighbourhood statement; exported for tests and docs. */
export function neighbourhoodCypher(
  request: Pick<NeighbourhoodRequest, 'of' | 'hops' | 'relationshipTypes'>,
): string {
  assertLabel(request.of.label);
  if (!Number.isInteger(request.hops) || request.hops < 1 || request.hops > 3) {
    throw new TypeError(`neighbourhoodCypher expects hops from 1 to 3, received ${String(request.hops)}`);
  }
  const types = typeExpression(request.relationshipTypes);
  return `MATCH (centre:${request.of.label} {id: $id})
MATCH path = (centre)-[${types}*0..${request.hops}]-(x:${ENTITY_LABEL_EXPRESSION})
WITH x, min(length(path)) AS distance
ORDER BY distance ASC, x.id ASC
WITH collect({x: x, distance: distance}) AS ranked
WITH size(ranked) AS total, ranked[0..$limit] AS kept
CALL (kept) {
  UNWIND kept AS row
  WITH row, row.x AS x
  RETURN collect({distance: row.distance, ${NODE_FIELDS('x')}}) AS nodes,
    collect(x) AS members
}
CALL (members) {
  UNWIND members AS a
  MATCH (a)-[rel${types}]->(b:${ENTITY_LABEL_EXPRESSION})
  WHERE b IN members
  RETURN collect({source: a.id, target: b.id, type: type(rel)}) AS relationships
}
RETURN total, nodes, relationships`;
}

/**
 * The k-hop neighbourhood (ego network) of an entity in one statement: every entity within
 * `hops` relationships (of the given types), nearest first (ties by id), cut to `limit`,
 * and every relationship among the kept nodes. Edges join two nodes with weight = the
 * number of relationships between them and their types. Null when the entity does not exist.
 */
export async function readNeighbourhood(db: Db, request: NeighbourhoodRequest): Promise<NetworkData | null> {
  if (!Number.isInteger(request.limit) || request.limit < 1) {
    throw new TypeError(
      `readNeighbourhood expects a positive integer limit, received ${String(request.limit)}`,
    );
  }
  const [row] = await db.read<{
    total: number;
    nodes: NodeRow[];
    relationships: Array<{ source: string; target: string; type: string }>;
  }>(neighbourhoodCypher(request), {
    id: request.of.id,
    limit: cypherInt(request.limit),
    entityLabels: ENTITY_LABELS,
  });
  // The centre is always at distance 0, so no node at all means there is no centre.
  if (!row || row.total === 0) return null;
  const nodes = row.nodes
    .map((node) => toNetworkNode(node, { distance: node.distance ?? 0 }))
    .sort((x, y) => compareIds(x.id, y.id));
  const pairs = new Map<string, NetworkEdgeData>();
  for (const rel of row.relationships) {
    if (rel.source === rel.target) continue;
    const [source, target] = rel.source < rel.target ? [rel.source, rel.target] : [rel.target, rel.source];
    const key = `${source}\u0000${target}`;
    const edge = pairs.get(key) ?? {
      source,
      target,
      weight: 0,
      evidenceKind: 'RELATIONSHIP',
      evidenceIds: [],
      relationshipTypes: [],
    };
    edge.weight += 1;
    if (!edge.relationshipTypes.includes(rel.type)) edge.relationshipTypes.push(rel.type);
    pairs.set(key, edge);
  }
  const edges = [...pairs.values()]
    .map((edge) => ({ ...edge, relationshipTypes: edge.relationshipTypes.sort() }))
    .sort((x, y) => compareIds(x.source, y.source) || compareIds(x.target, y.target));
  return {
    name: `neighbourhood-${request.of.id}-${request.hops}`,
    description: `Entities within ${request.hops} relationship${request.hops === 1 ? '' : 's'} of ${request.of.label} ${request.of.id}${
      request.relationshipTypes.length ? ` (through ${request.relationshipTypes.join(', ')})` : ''
    }; weight = number of relationships between two entities.`,
    bipartite: false,
    nodes,
    edges,
    totalNodeCount: row.total,
    truncated: row.total > nodes.length,
  };
}

export interface PathRequest {
  from: EntityRef;
  to: EntityRef;
  /** 1 to 10 relationships. */
  maxLength: number;
  relationshipTypes: RelationshipType[];
  /** All shortest paths (true) or one (false). */
  all: boolean;
  /** Largest number of paths, >= 1. */
  first: number;
  /** Labels the intermediate nodes must have (null: any entity label). */
  via?: readonly EntityLabel[] | null;
}

/** A path as a list of nodes and the relationships between consecutive nodes, in stored direction. */
export interface PathData {
  nodes: NetworkNodeData[];
  relationships: Array<{ type: string; source: string; target: string }>;
}

/** The shortest-path statement; exported for tests and docs. */
export function shortestPathsCypher(
  request: Pick<PathRequest, 'from' | 'to' | 'maxLength' | 'relationshipTypes' | 'all' | 'via'>,
): string {
  assertLabel(request.from.label);
  assertLabel(request.to.label);
  for (const label of request.via ?? []) assertLabel(label);
  // Inner nodes are checked inside the search, so a path through another kind is never the shortest found.
  // Written over all of nodes(path) (the ends pass by identity): Neo4j evaluates such a predicate
  // during the breadth-first search, whereas a slice such as nodes(path)[1..-1] made it search
  // exhaustively and run past the query timeout (AECC to SAMRC via FUNDER, CALL).
  const via = request.via?.length ? ` AND (x = a OR x = b OR x:${request.via.join('|')})` : '';
  if (!Number.isInteger(request.maxLength) || request.maxLength < 1 || request.maxLength > 10) {
    throw new TypeError(
      `shortestPathsCypher expects maxLength from 1 to 10, received ${String(request.maxLength)}`,
    );
  }
  const types = typeExpression(request.relationshipTypes);
  // The length bound of shortestPath must be a literal; it is a checked integer.
  return `MATCH (a:${request.from.label} {id: $from}), (b:${request.to.label} {id: $to})
MATCH path = ${request.all ? 'allShortestPaths' : 'shortestPath'}((a)-[${types}*1..${request.maxLength}]-(b))
WHERE all(x IN nodes(path) WHERE x:${ENTITY_LABEL_EXPRESSION}${via})
WITH path
ORDER BY [x IN nodes(path) | x.id]
LIMIT $first
RETURN [x IN nodes(path) | {${NODE_FIELDS('x')}}] AS nodes,
  [rel IN relationships(path) | {type: type(rel), source: startNode(rel).id, target: endNode(rel).id}] AS relationships`;
}

/**
 * Shortest paths between two entities in one statement (Neo4j's shortestPath or
 * allShortestPaths, breadth-first, bounded by `maxLength`), ordered by their node ids.
 * Empty when either entity is missing or no path within the bound exists.
 */
export async function readShortestPaths(db: Db, request: PathRequest): Promise<PathData[]> {
  const rows = await db.read<{ nodes: NodeRow[]; relationships: PathData['relationships'] }>(
    shortestPathsCypher(request),
    {
      from: request.from.id,
      to: request.to.id,
      first: cypherInt(request.first),
      entityLabels: ENTITY_LABELS,
    },
  );
  return rows.map((row) => ({
    nodes: row.nodes.map((node) => toNetworkNode(node, {})),
    relationships: row.relationships,
  }));
}

/** Properties that become network attributes, per label (kind is renamed to avoid the node kind). */
const ATTRIBUTE_KEYS: Record<EntityLabel, Array<[property: string, attribute: string]>> = {
  Programme: [
    ['name', 'name'],
    ['shortName', 'shortName'],
    ['startYear', 'startYear'],
  ],
  Funder: [
    ['name', 'name'],
    ['acronym', 'acronym'],
    ['kind', 'funderKind'],
    ['countryCode', 'countryCode'],
  ],
  Call: [
    ['title', 'title'],
    ['shortTitle', 'shortTitle'],
    ['kind', 'callKind'],
    ['year', 'year'],
  ],
  Project: [
    ['acronym', 'acronym'],
    ['title', 'title'],
    ['year', 'year'],
  ],
  Organisation: [
    ['name', 'name'],
    ['countryCode', 'countryCode'],
  ],
  Country: [
    ['code', 'code'],
    ['name', 'name'],
    ['continent', 'continent'],
    ['subregion', 'subregion'],
  ],
  Region: [
    ['name', 'name'],
    ['countryCode', 'countryCode'],
  ],
  Objective: [
    ['order', 'order'],
    ['shortName', 'shortName'],
  ],
  ValueChainStage: [
    ['name', 'name'],
    ['order', 'order'],
    ['level', 'level'],
  ],
  SriaArea: [
    ['order', 'order'],
    ['name', 'name'],
  ],
  KnowledgeGap: [['shortName', 'shortName']],
};

/** The display label of an entity: acronym or short name where there is one. */
export function entityDisplayLabel(label: EntityLabel, props: Record<string, unknown>): string {
  const pick = (...keys: string[]) => {
    for (const key of keys) if (typeof props[key] === 'string' && props[key]) return props[key] as string;
    return String(props.id);
  };
  switch (label) {
    case 'Programme':
      return pick('shortName', 'name');
    case 'Funder':
      return pick('acronym', 'name');
    case 'Call':
      return pick('shortTitle', 'title');
    case 'Project':
      return pick('acronym');
    case 'Organisation':
    case 'Country':
    case 'Region':
    case 'ValueChainStage':
    case 'SriaArea':
      return pick('name');
    case 'Objective':
    case 'KnowledgeGap':
      return pick('shortName');
    default:
      throw new UnreachableCaseError(label);
  }
}

function toNetworkNode(row: NodeRow, extra: Record<string, AttributeValue>): NetworkNodeData {
  const label = row.label;
  if (!label) throw new TypeError(`network node ${String(row.props.id)} has no entity label`);
  const attributes: Record<string, AttributeValue> = {};
  for (const [property, attribute] of ATTRIBUTE_KEYS[label]) {
    const value = row.props[property];
    attributes[attribute] = value === undefined ? null : (value as AttributeValue);
  }
  Object.assign(attributes, identifierAttributes(row.identifiers ?? []));
  Object.assign(attributes, identityReviewAttributes(row.props));
  Object.assign(attributes, extra);
  return {
    id: String(row.props.id),
    label: entityDisplayLabel(label, row.props),
    kind: kindOfLabel(label),
    attributes,
    coordinates: nodeCoordinates(label, row),
  };
}

/**
 * Node attributes of identifier keys, one per scheme a node has, named by the scheme in lower
 * case (ror, pic, fundref, ...), several values joined with ";". Nodes without identifiers get
 * none, so networks without them keep their columns.
 */
export function identifierAttributes(keys: readonly string[]): Record<string, string> {
  const byScheme = new Map<string, string[]>();
  for (const key of keys) {
    const colon = key.indexOf(':');
    const scheme = key.slice(0, colon).toLowerCase();
    byScheme.set(scheme, [...(byScheme.get(scheme) ?? []), key.slice(colon + 1)]);
  }
  return Object.fromEntries([...byScheme].map(([scheme, values]) => [scheme, values.join(';')]));
}

/**
 * The `possibleDuplicateOf` flag of an organisation that a connector created from a row it could
 * not match for sure (src/connectors/resolveIdentities.ts), as one attribute of the same name, the
 * ids joined with ";", so that the doubt travels with the node into GEXF, GraphML, the CSV tables
 * and Cytoscape. Nodes without a flag (or with a cleared one) get none.
 */
export function identityReviewAttributes(props: Readonly<Record<string, unknown>>): Record<string, string> {
  const ids = props.possibleDuplicateOf;
  if (!Array.isArray(ids) || ids.length === 0) return {};
  return { possibleDuplicateOf: ids.map(String).join(';') };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
