// Cypher of derivation inside a write: the facts the rule book reads around some projects or
// calls, their INFERRED links as stored, and the writes that bring those links to what the rules
// give now. Only INFERRED links are ever written or removed here: every write and removal checks
// the relationship's provenance, so a CURATED link on the same pair is never touched.

import type { GapFacts, RuleCall, RuleDiseaseArea, RuleProject } from '../derivation';
import {
  INFERRED_LINK_SHAPES,
  type CallKind,
  type DerivationOrigin,
  type DerivedLinkRecord,
  type InferredLink,
  type InferredLinkType,
  type StoredInferredLink,
} from '../model';
import { cypherInt, type Db, type WriteTransaction } from './run';

/** What the graph holds of a link: its type, far end and properties. */
interface LinkRow {
  type: string;
  toId: string;
  props: Record<string, unknown>;
  /** The relationship's element id (INFERRED links: what a change or removal finds it by). */
  relationship?: string;
}

function linkList(types: string, provenance: 'CURATED' | 'INFERRED', targets: string): string {
  return `COLLECT { MATCH (n)-[r:${types}]->(t:${targets}) WHERE r.provenance = '${provenance}'
    RETURN {type: type(r), toId: t.id, props: properties(r), relationship: elementId(r)} ORDER BY type(r), t.id }`;
}

/**
 * Locks each project (write lock, held to the end of the transaction; the property is removed at
 * once, as bumpDataVersion's versionLock) before its links are read: a link the diff finds
 * missing is then CREATEd without a concurrent write (a curation edit of the same project next
 * to `npm run derive`) having made it meanwhile, and the element ids read stay valid.
 */
const PROJECT_FACTS = `UNWIND $ids AS id
MATCH (n:Project {id: id})
SET n.derivationLock = true
REMOVE n.derivationLock
RETURN elementId(n) AS node, n.id AS id, n.acronym AS acronym, n.title AS title, n.description AS description,
  coalesce(n.keywords, []) AS keywords, n.diseaseArea AS diseaseArea,
  head(COLLECT { MATCH (n)<-[:FUNDED]-(c:Call) RETURN c.id ORDER BY c.id }) AS callId,
  head(COLLECT { MATCH (n)-[:PART_OF]->(g:Programme) RETURN g.id ORDER BY g.id }) AS programmeId,
  ${linkList('ADDRESSES|AT_STAGE|ADVANCES', 'CURATED', 'KnowledgeGap|ValueChainStage|Objective')} AS curated,
  ${linkList('ADDRESSES|AT_STAGE|ADVANCES|IN_DISEASE_AREA', 'INFERRED', 'KnowledgeGap|ValueChainStage|Objective|DiseaseArea')} AS inferred`;

const CALL_COLUMNS = `n.id AS id, n.kind AS kind, n.title AS title, n.shortTitle AS shortTitle, n.year AS year,
  n.description AS description,
  head(COLLECT { MATCH (n)-[:PART_OF]->(g:Programme) RETURN g.id ORDER BY g.id }) AS programmeId`;

/** The calls with these ids and every call of these programmes, with their TARGETS links. */
const CALLS_FOR_PROJECTS = `MATCH (n:Call)
WHERE n.id IN $callIds OR EXISTS { MATCH (n)-[:PART_OF]->(g:Programme) WHERE g.id IN $programmeIds }
RETURN ${CALL_COLUMNS},
  COLLECT { MATCH (n)-[r:TARGETS]->(t:KnowledgeGap) RETURN {type: type(r), toId: t.id, props: properties(r)} } AS targets`;

const CALL_FACTS = `UNWIND $ids AS id
MATCH (n:Call {id: id})
SET n.derivationLock = true
REMOVE n.derivationLock
RETURN elementId(n) AS node, ${CALL_COLUMNS}, ${linkList('TARGETS', 'INFERRED', 'KnowledgeGap')} AS inferred`;

const GAP_OBJECTIVES = `MATCH (g:KnowledgeGap)-[r:SERVES]->(o:Objective)
RETURN g.id AS fromId, o.id AS toId, properties(r) AS props ORDER BY fromId, toId`;

const GAP_TEXTS = `MATCH (g:KnowledgeGap)
RETURN g.id AS id, coalesce(g.namedIn, []) AS namedIn, coalesce(g.inferred, false) AS inferred ORDER BY id`;

const DISEASE_AREAS = `MATCH (d:DiseaseArea)
RETURN d.id AS id, coalesce(d.terms, []) AS terms, d.chapter AS chapter, d.icd10Range AS icd10Range ORDER BY id`;

/** An INFERRED link as stored, with all its properties (what undoing a change puts back). */
export interface StoredLink extends StoredInferredLink {
  properties: Record<string, unknown>;
  /** The relationship's element id in the transaction that read it. */
  relationshipId: string;
}

/** A project with what the rules read of it and its links as stored. */
export interface StoredProject {
  /** The project node's element id in the transaction that read it. */
  nodeId: string;
  project: RuleProject;
  curated: DerivedLinkRecord[];
  inferred: StoredLink[];
}

/** A call with what the rules read of it and its INFERRED TARGETS as stored. */
export interface StoredCall {
  /** The call node's element id in the transaction that read it. */
  nodeId: string;
  call: RuleCall;
  inferred: StoredLink[];
}

function derivedLinkOf(fromLabel: 'Project' | 'Call', fromId: string, row: LinkRow): DerivedLinkRecord {
  const shape = INFERRED_LINK_SHAPES[row.type as InferredLinkType];
  return {
    fromLabel,
    fromId,
    type: row.type as DerivedLinkRecord['type'],
    toLabel: shape.to as DerivedLinkRecord['toLabel'],
    toId: row.toId,
    provenance: row.props.provenance as DerivedLinkRecord['provenance'],
    rule: String(row.props.rule ?? ''),
    confidence: Number(row.props.confidence ?? 0),
    evidence: String(row.props.evidence ?? ''),
  };
}

function storedLinkOf(fromId: string, row: LinkRow): StoredLink {
  return {
    type: row.type as InferredLinkType,
    fromId,
    toId: row.toId,
    rule: String(row.props.rule ?? ''),
    confidence: Number(row.props.confidence ?? 0),
    evidence: String(row.props.evidence ?? ''),
    ruleBookVersion: typeof row.props.ruleBookVersion === 'string' ? row.props.ruleBookVersion : null,
    origin: typeof row.props.origin === 'string' ? row.props.origin : null,
    properties: row.props,
    relationshipId: row.relationship ?? '',
  };
}

type CallRow = Omit<RuleCall, 'kind'> & { kind: string };

function ruleCallOf(row: CallRow): RuleCall {
  return {
    id: row.id,
    kind: row.kind as CallKind,
    title: row.title,
    shortTitle: row.shortTitle ?? null,
    year: row.year ?? null,
    programmeId: row.programmeId ?? null,
    description: row.description ?? null,
  };
}

/** The projects with these ids (absent ones left out), with their curated and inferred links. */
export async function readStoredProjects(
  tx: WriteTransaction,
  ids: readonly string[],
): Promise<StoredProject[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run<{
    node: string;
    id: string;
    acronym: string;
    title: string | null;
    description: string | null;
    keywords: string[];
    diseaseArea: string | null;
    callId: string | null;
    programmeId: string | null;
    curated: LinkRow[];
    inferred: LinkRow[];
  }>(PROJECT_FACTS, { ids });
  return rows.map((row) => ({
    nodeId: row.node,
    project: {
      id: row.id,
      acronym: row.acronym,
      title: row.title ?? null,
      description: row.description ?? null,
      keywords: row.keywords,
      diseaseArea: row.diseaseArea ?? null,
      callId: row.callId ?? null,
      programmeId: row.programmeId ?? null,
    },
    curated: row.curated.map((link) => derivedLinkOf('Project', row.id, link)),
    inferred: row.inferred.map((link) => storedLinkOf(row.id, link)),
  }));
}

/** The calls these projects' rules read (their own, and their programmes' when they have none), with TARGETS. */
export async function readCallsForProjects(
  tx: WriteTransaction,
  projects: readonly RuleProject[],
): Promise<{ calls: RuleCall[]; targets: DerivedLinkRecord[] }> {
  const callIds = [...new Set(projects.flatMap((project) => project.callId ?? []))];
  const programmeIds = [
    ...new Set(projects.flatMap((project) => (project.callId === null ? (project.programmeId ?? []) : []))),
  ];
  if (callIds.length === 0 && programmeIds.length === 0) return { calls: [], targets: [] };
  const rows = await tx.run<CallRow & { targets: LinkRow[] }>(CALLS_FOR_PROJECTS, { callIds, programmeIds });
  return {
    calls: rows.map(ruleCallOf),
    targets: rows.flatMap((row) => row.targets.map((link) => derivedLinkOf('Call', row.id, link))),
  };
}

/** The calls with these ids (absent ones left out), with their INFERRED TARGETS as stored. */
export async function readStoredCalls(tx: WriteTransaction, ids: readonly string[]): Promise<StoredCall[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run<CallRow & { node: string; inferred: LinkRow[] }>(CALL_FACTS, { ids });
  return rows.map((row) => ({
    nodeId: row.node,
    call: ruleCallOf(row),
    inferred: row.inferred.map((link) => storedLinkOf(row.id, link)),
  }));
}

/** Every gap's SERVES links (what ADVANCES chains through). */
export async function readGapObjectives(tx: WriteTransaction): Promise<DerivedLinkRecord[]> {
  const rows = await tx.run<{ fromId: string; toId: string; props: Record<string, unknown> }>(GAP_OBJECTIVES);
  return rows.map((row) => ({
    fromLabel: 'KnowledgeGap',
    fromId: row.fromId,
    type: 'SERVES',
    toLabel: 'Objective',
    toId: row.toId,
    provenance: row.props.provenance as DerivedLinkRecord['provenance'],
    rule: String(row.props.rule ?? ''),
    confidence: Number(row.props.confidence ?? 0),
    evidence: String(row.props.evidence ?? ''),
  }));
}

/** Every gap's named_in texts, for the call rules (the rest of GapFacts is the seed build's). */
export async function readGapTexts(tx: WriteTransaction): Promise<GapFacts[]> {
  const rows = await tx.run<{ id: string; namedIn: string[]; inferred: boolean }>(GAP_TEXTS);
  return rows.map((row) => ({
    ...row,
    areaIds: [],
    stageIds: [],
    objectiveIds: [],
    mappingInferred: false,
  }));
}

/** Every disease area with its terms. */
export async function readDiseaseAreaTerms(tx: WriteTransaction): Promise<RuleDiseaseArea[]> {
  return tx.run<RuleDiseaseArea>(DISEASE_AREAS);
}

/** Projects funded by these calls. */
export async function projectsOfCalls(tx: WriteTransaction, callIds: readonly string[]): Promise<string[]> {
  if (callIds.length === 0) return [];
  const rows = await tx.run<{ id: string }>(
    `UNWIND $callIds AS callId
     MATCH (:Call {id: callId})-[:FUNDED]->(p:Project)
     RETURN DISTINCT p.id AS id`,
    { callIds },
  );
  return rows.map((row) => row.id);
}

/** Projects of these programmes that no call funded (the programme's calls place them). */
export async function projectsWithoutCall(
  tx: WriteTransaction,
  programmeIds: readonly string[],
): Promise<string[]> {
  if (programmeIds.length === 0) return [];
  const rows = await tx.run<{ id: string }>(
    `UNWIND $programmeIds AS programmeId
     MATCH (p:Project)-[:PART_OF]->(:Programme {id: programmeId})
     WHERE NOT EXISTS { MATCH (p)<-[:FUNDED]-(:Call) }
     RETURN DISTINCT p.id AS id`,
    { programmeIds },
  );
  return rows.map((row) => row.id);
}

/** Projects without a call that still hold INFERRED links of rules that read a call (their call went). */
export async function projectsWithStaleCallLinks(
  tx: WriteTransaction,
  rules: readonly string[],
): Promise<string[]> {
  const rows = await tx.run<{ id: string }>(
    `MATCH (p:Project)-[r:ADDRESSES|AT_STAGE]->(:KnowledgeGap|ValueChainStage)
     WHERE r.provenance = 'INFERRED' AND r.rule IN $rules AND NOT EXISTS { MATCH (p)<-[:FUNDED]-(:Call) }
     RETURN DISTINCT p.id AS id`,
    { rules },
  );
  return rows.map((row) => row.id);
}

/**
 * Creates a type's links the diff found missing: each target matched once by its id, each start
 * node by the element id its read gave (no per-row index lookup), and CREATE rather than MERGE:
 * the start node is locked and its links read in this transaction, so none exists on the pair
 * (MERGE took about twice the Neo4j CPU time of CREATE: 4.4 s against 2.0 s for the 45,000 links
 * of 5,000 projects placed anew, 2026-12-07, load 8, measured by Neo4j's process CPU time).
 */
function createCypher(type: InferredLinkType): string {
  const { from, to } = INFERRED_LINK_SHAPES[type];
  return `UNWIND $targets AS target
MATCH (b:${to} {id: target.id})
UNWIND target.rows AS row
MATCH (a:${from}) WHERE elementId(a) = row.fromNode
CREATE (a)-[:${type} {provenance: 'INFERRED', rule: row.rule, confidence: row.confidence, evidence: row.evidence,
  ruleBookVersion: $ruleBookVersion, origin: $origin}]->(b)`;
}

const CHANGE_INFERRED_LINKS = `UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.relationshipId AND r.provenance = 'INFERRED'
SET r.rule = row.rule, r.confidence = row.confidence, r.evidence = row.evidence,
    r.ruleBookVersion = $ruleBookVersion, r.origin = $origin`;

const REMOVE_INFERRED_LINKS = `UNWIND $relationshipIds AS relationshipId
MATCH ()-[r]->() WHERE elementId(r) = relationshipId AND r.provenance = 'INFERRED'
DELETE r`;

/** What bringing some records' INFERRED links to the rule book's answer writes. */
export interface InferredLinkWrites {
  /** Links no relationship holds yet, with their start node's element id (from its read). */
  add: ReadonlyArray<InferredLink & { fromNode: string }>;
  /** Stored links whose derivation changed, with the relationship's element id. */
  change: ReadonlyArray<InferredLink & { relationshipId: string }>;
  /** Element ids of stored links the rules no longer give. */
  remove: readonly string[];
}

/**
 * Writes the changes of a derivation read in this transaction (readStoredProjects,
 * readStoredCalls): removals and changes by relationship element id, additions by CREATE, one
 * statement per operation (per type for additions). Each statement checks provenance, so a
 * CURATED link is never touched.
 */
export async function writeInferredLinks(
  tx: WriteTransaction,
  writes: InferredLinkWrites,
  stamp: { ruleBookVersion: string; origin: DerivationOrigin },
): Promise<void> {
  if (writes.remove.length > 0) await tx.run(REMOVE_INFERRED_LINKS, { relationshipIds: writes.remove });
  if (writes.change.length > 0)
    await tx.run(CHANGE_INFERRED_LINKS, {
      ...stamp,
      rows: writes.change.map(({ relationshipId, rule, confidence, evidence }) => ({
        relationshipId,
        rule,
        confidence,
        evidence,
      })),
    });
  const byType = new Map<InferredLinkType, Map<string, Array<Record<string, unknown>>>>();
  for (const { type, toId, fromNode, rule, confidence, evidence } of writes.add) {
    let targets = byType.get(type);
    if (targets === undefined) byType.set(type, (targets = new Map()));
    let rows = targets.get(toId);
    if (rows === undefined) targets.set(toId, (rows = []));
    rows.push({ fromNode, rule, confidence, evidence });
  }
  for (const [type, targets] of byType)
    await tx.run(createCypher(type), {
      ...stamp,
      targets: [...targets].map(([id, rows]) => ({ id, rows })),
    });
}

/** Puts back a link a run changed or removed (its properties before), or removes one it added. */
export async function restoreInferredLink(
  tx: WriteTransaction,
  type: InferredLinkType,
  fromId: string,
  toId: string,
  previous: Record<string, unknown> | null,
): Promise<void> {
  const { from, to } = INFERRED_LINK_SHAPES[type];
  if (previous === null) {
    await tx.run(`MATCH (:${from} {id: $fromId})-[r:${type}]->(:${to} {id: $toId}) DELETE r`, {
      fromId,
      toId,
    });
    return;
  }
  await tx.run(
    `MATCH (a:${from} {id: $fromId}), (b:${to} {id: $toId})
     MERGE (a)-[r:${type}]->(b)
     SET r = $previous`,
    { fromId, toId, previous },
  );
}

/**
 * Ids of the projects after `after` (null: from the first) in id order, at most `limit`: the
 * pages `npm run derive` walks the graph's projects in, keyset-paged so that none is read twice.
 */
export async function projectIdsAfter(db: Db, after: string | null, limit: number): Promise<string[]> {
  const rows = await db.read<{ id: string }>(
    `MATCH (p:Project) WHERE $after IS NULL OR p.id > $after
     RETURN p.id AS id ORDER BY id LIMIT $limit`,
    { after, limit: cypherInt(limit) },
  );
  return rows.map((row) => row.id);
}

/** Ids of every call, in id order (a few hundred at most: calls are the programmes' own). */
export async function allCallIds(db: Db): Promise<string[]> {
  const rows = await db.read<{ id: string }>('MATCH (c:Call) RETURN c.id AS id ORDER BY id');
  return rows.map((row) => row.id);
}

/** How many projects and calls the graph holds (the totals `npm run derive` reports progress against). */
export async function derivableCounts(db: Db): Promise<{ projects: number; calls: number }> {
  const [row] = await db.read<{ projects: number; calls: number }>(
    'CALL { MATCH (p:Project) RETURN count(p) AS projects } CALL { MATCH (c:Call) RETURN count(c) AS calls } RETURN projects, calls',
  );
  return row ?? { projects: 0, calls: 0 };
}
