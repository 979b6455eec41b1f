// The planner's translation, pinned as Cypher text and parameters without a database (as
// @neo4j/graphql's tck tests do): a planner change shows up here as a readable diff.

import { DEFAULT_MIN_CONFIDENCE } from '../../../../src/analytics/coverageScope';
import { RELATION_CAPS } from '../../../../src/resolvers/relationCaps';
import { buildSchema, execute, parse, type DocumentNode, type GraphQLResolveInfo } from 'graphql';
import neo4j from 'neo4j-driver';
import type { CompiledProjection } from '../../../../src/db/planner';
import { bind } from '../../../../src/db/planner/compileProjection';
import { placeOf } from '../../../../src/db/places';
import { plannedProjection } from '../../../../src/resolvers/planning/planSelection';
import { loadTypeDefs } from '../../../../src/schema';

const schema = buildSchema(loadTypeDefs().join('\n'));

/** The projection planned for the one root field of `query`. */
function planOf(
  query: string | DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): CompiledProjection | null {
  let planned: CompiledProjection | null | undefined;
  const result = execute({
    schema,
    document: typeof query === 'string' ? parse(query) : query,
    variableValues: variables,
    operationName,
    fieldResolver: (_source, _args, _context, info: GraphQLResolveInfo) => {
      if (info.parentType.name === 'Query') {
        planned = plannedProjection(
          info,
          info.returnType.toString().endsWith('Connection!') ? 'connection' : 'node',
        );
      }
      return null;
    },
  });
  // Root fields resolve to null (non-null ones then fail): only the planning is under test.
  void result;
  if (planned === undefined) throw new Error('no root field was resolved');
  return planned;
}

/** Slot ids number every field of a document; tests compare the text with them renamed in order of appearance. */
function normalised(projection: CompiledProjection | null) {
  if (!projection) return null;
  const names = new Map<string, string>();
  const rename = (text: string) =>
    text.replace(/\bs\d+(?=_|:|\b)/g, (slot) => {
      if (!names.has(slot)) names.set(slot, `s${names.size + 1}`);
      return names.get(slot) as string;
    });
  // The statement's tail as a root statement places it: the CALL subqueries, then the projection.
  const cypher = rename([projection.calls, `RETURN ${projection.cypher}`].filter(Boolean).join('\n'));
  const params = Object.fromEntries(
    Object.entries(projection.params).map(([key, value]) => [
      rename(key),
      neo4j.isInt(value) ? Number(value) : value,
    ]),
  );
  return { cypher, params };
}

describe('plannedProjection', () => {
  it('plans a nested page (funders and their countries) into CALL subqueries and one projection', () => {
    const plan = normalised(
      planOf('{ projects(first: 2) { nodes { acronym funders { acronym country { name } } } } }'),
    );
    expect(plan?.cypher).toBe(`CALL (n) {
  MATCH (n)<-[:FUNDS]-(n1:Funder)
  WITH DISTINCT n1
  ORDER BY toLower(n1.name), n1.id
  LIMIT $s1_limit
  CALL (n1) {
    MATCH (n2:Country {id: n1.countryCode})
    RETURN head(collect(n2 {.id, .name})) AS s2
  }
  RETURN collect(n1 {.id, .countryCode, .acronym, __planned: {s2: s2}}) AS s1
}
RETURN n {.id, .acronym, __planned: {s1: s1}}`);
    expect(plan?.params).toEqual({ s1_limit: RELATION_CAPS['Project.funders'] });
  });

  it('plans partners with their relationship and a derived relation with its filter as parameters', () => {
    const plan = normalised(
      planOf(
        `query Q($c: Float) { project(id: "p") {
        partners { role organisation { name } }
        gaps(provenance: CURATED, minConfidence: $c) { gap { shortName } derivation { rule } }
      } }`,
        { c: 0.7 },
      ),
    );
    expect(plan?.cypher).toBe(`CALL (n) {
  MATCH (n)<-[r1:PARTNER_IN]-(n1:Organisation)
  WITH n1, r1
  ORDER BY r1.role, toLower(n1.name), n1.id
  LIMIT $s1_limit
  RETURN collect({node: n1 {.id, .countryCode, .name}, relationship: r1 {.role}}) AS s1
}
CALL (n) {
  MATCH (n)-[r1:ADDRESSES]->(n1:KnowledgeGap)
  WHERE ($s2_provenance IS NULL OR r1.provenance = $s2_provenance) AND ($s2_minConfidence IS NULL OR r1.confidence >= $s2_minConfidence)
  WITH n1, r1
  ORDER BY r1.confidence DESC, n1.id
  LIMIT $s2_limit
  RETURN collect({node: n1 {.id, .shortName}, derivation: {provenance: r1.provenance, rule: r1.rule, confidence: r1.confidence, evidence: r1.evidence, curator: r1.curator, curatedAt: toString(r1.curatedAt), ruleBookVersion: r1.ruleBookVersion, origin: r1.origin}}) AS s2
}
RETURN n {.*, __planned: {s1: s1, s2: s2}}`);
    expect(plan?.params).toEqual({
      s1_limit: RELATION_CAPS['Project.partners'],
      s2_provenance: 'CURATED',
      s2_minConfidence: 0.7,
      s2_limit: RELATION_CAPS['Project.gaps'],
    });
  });

  it("reads only the relationship's properties the link type selects, and a single relation's first node", () => {
    const both = normalised(planOf('{ project(id: "p") { partners { asNamed role organisation { id } } } }'));
    expect(both?.cypher).toContain('relationship: r1 {.asNamed, .role}');
    const none = normalised(
      planOf('{ project(id: "p") { partners { organisation { name } } call { id } } }'),
    );
    expect(none?.cypher).toContain('relationship: {}');
    expect(none?.cypher).toContain('RETURN head(collect(n1 {.id})) AS s2');
  });

  it('gives two aliases of one relation their own slots and limits, and reads variables in first', () => {
    const plan = normalised(
      planOf(
        'query Q($n: Int) { funder(id: "f") { few: calls(first: 1) { id } many: calls(first: $n) { id } callCount } }',
        {
          n: 7,
        },
      ),
    );
    expect(plan?.params).toEqual({ s1_limit: 1, s2_limit: 7 });
    expect(plan?.cypher).toContain(
      'CALL (n) {\n  MATCH (n)-[:PARTICIPATES_IN]->(n1:Call)\n  WITH DISTINCT n1\n  RETURN count(n1) AS s3\n}',
    );
  });

  it('follows fragments, and leaves out fields that @skip or @include remove', () => {
    const query = `query Q($with: Boolean!) { project(id: "p") { ...P funders @include(if: $with) { id } } }
      fragment P on Project { call { id } countries @skip(if: true) { code } }`;
    expect(normalised(planOf(query, { with: true }))?.cypher.match(/CALL \(n\)/g)).toHaveLength(2);
    expect(normalised(planOf(query, { with: false }))?.cypher).not.toContain('FUNDS');
    expect(normalised(planOf(query, { with: false }))?.cypher).toContain('<-[:FUNDED]-(n1:Call)');
  });

  it("plans a funder's and an organisation's coordinates as their places (seat properties and centroids), not as properties", () => {
    const plan = normalised(planOf('{ funder(id: "bmg-de") { acronym coordinates { latitude basis } } }'));
    const place = (x: string) => placeOf(x).replace(/\n/g, '\n  ');
    expect(plan?.cypher).toBe(`CALL (n) {
  RETURN ${place('n')} AS s1
}
RETURN n {.id, .countryCode, .acronym, __planned: {s1: s1}}`);
    expect(plan?.params).toEqual({});
    const organisation = normalised(
      planOf('{ organisations(first: 2) { nodes { coordinates { source } } } }'),
    );
    expect(organisation?.cypher).toBe(`CALL (n) {
  RETURN ${place('n')} AS s1
}
RETURN n {.id, .countryCode, __planned: {s1: s1}}`);
  });

  it('plans nothing for a selection of properties only, so the by-id loader can batch it', () => {
    expect(planOf('{ project(id: "p") { id acronym } }')).toBeNull();
  });

  it('leaves a field with an invalid argument to its resolver, which reports the error at its path', () => {
    expect(planOf('{ funder(id: "f") { calls(first: -1) { id } } }')).toBeNull();
  });

  it('gives documents of one shape one Cypher text, whatever their aliases and inlined values', () => {
    // Not normalised: Neo4j keeps plans by the exact text (issue 20 item 6, bench:memory's flood).
    const a = planOf(`{ a1: project(id: "p") { x: acronym call { y: year }
      gaps(minConfidence: 0.3) { gap { id } } funders { acronym country { name } } } }`);
    const b = planOf(`{ b2: project(id: "q") { u: acronym call { v: year }
      gaps(minConfidence: 0.8) { gap { id } } funders { acronym country { name } } } }`);
    expect(a?.calls).toBeTruthy();
    expect(b?.calls).toBe(a?.calls);
    expect(b?.cypher).toBe(a?.cypher);
    expect(Object.keys(b?.params ?? {})).toEqual(Object.keys(a?.params ?? {}));
    expect(Object.values(b?.params ?? {})).not.toEqual(Object.values(a?.params ?? {}));
  });

  it("numbers each operation's fields after its document's fragments, so fields of one operation never share a slot", () => {
    const document = parse(`query A { project(id: "p") { ...P funders { id } } }
      query B { project(id: "p") { call { id } ...P } }
      fragment P on Project { countries { code } }`);
    const slotsOf = (plan: CompiledProjection | null) =>
      [...(plan?.calls ?? '').matchAll(/ AS (\w+)\n/g)].map((match) => match[1]);
    const a = planOf(document, {}, 'A');
    const b = planOf(document, {}, 'B');
    // The fragment's fields are s1 (countries) and s2 (code); each operation goes on from s3
    // (project), so A's funders and B's call are both s4, never in one statement.
    expect(slotsOf(a)).toEqual(['s1', 's4']);
    expect(slotsOf(b)).toEqual(['s4', 's1']);
  });
});

describe('bind', () => {
  it("renames a spec's variables but no property, label or parameter", () => {
    expect(bind('(from)<-[r:PARTNER_IN]-(to:Organisation)', { from: 'n', to: 'n1', r: 'r1' })).toBe(
      '(n)<-[r1:PARTNER_IN]-(n1:Organisation)',
    );
    expect(bind('r.role, toLower(to.name), to.id, $to, x.from', { from: 'n', to: 'n1', r: 'r1' })).toBe(
      'r1.role, toLower(n1.name), n1.id, $to, x.from',
    );
  });
});

const DERIVATION_MAP =
  'derivation: {provenance: r1.provenance, rule: r1.rule, confidence: r1.confidence, evidence: r1.evidence, ' +
  'curator: r1.curator, curatedAt: toString(r1.curatedAt), ruleBookVersion: r1.ruleBookVersion, ' +
  'origin: r1.origin}';
const DERIVATION_FILTER = (slot: string) =>
  `WHERE ($${slot}_provenance IS NULL OR r1.provenance = $${slot}_provenance) AND ` +
  `($${slot}_minConfidence IS NULL OR r1.confidence >= $${slot}_minConfidence)`;

describe('plannedProjection of the strategy types', () => {
  it("plans a gap's derived links to its areas and a derived count with its own provenance parameter", () => {
    const plan = normalised(
      planOf(
        '{ knowledgeGaps(first: 5) { nodes { areas { area { name } } curated: projectCount(provenance: CURATED) } } }',
      ),
    );
    expect(plan?.cypher).toBe(`CALL (n) {
  MATCH (n)-[r1:IN_AREA]->(n1:SriaArea)
  ${DERIVATION_FILTER('s1')}
  WITH n1, r1
  ORDER BY r1.confidence DESC, n1.id
  LIMIT $s1_limit
  RETURN collect({node: n1 {.id, .name}, ${DERIVATION_MAP}}) AS s1
}
CALL (n) {
  MATCH (n)<-[r1:ADDRESSES]-(n1:Project)
  ${DERIVATION_FILTER('s2')}
  WITH DISTINCT n1
  RETURN count(n1) AS s2
}
RETURN n {.id, .projectCount, __planned: {s1: s1, s2: s2}}`);
    expect(plan?.params).toEqual({
      s1_provenance: null,
      s1_minConfidence: null,
      s1_limit: RELATION_CAPS['KnowledgeGap.areas'],
      s2_provenance: 'CURATED',
      // projectCount's SDL default: the coverage matrix's minConfidence (DEFAULT_MIN_CONFIDENCE).
      s2_minConfidence: DEFAULT_MIN_CONFIDENCE,
    });
  });

  it("plans a stage's parent (first or null), its children with their areas, and projects with a variable threshold", () => {
    const plan = normalised(
      planOf(
        `query Q($c: Float) { valueChainStage(id: "vc-research") {
          parent { id } children { name areas { id } } projects(minConfidence: $c) { project { acronym } }
        } }`,
        { c: 0.6 },
      ),
    );
    expect(plan?.cypher).toBe(`CALL (n) {
  MATCH (n)-[:PART_OF]->(n1:ValueChainStage)
  WITH DISTINCT n1
  ORDER BY n1.id
  LIMIT $s1_limit
  RETURN head(collect(n1 {.id})) AS s1
}
CALL (n) {
  MATCH (n)<-[:PART_OF]-(n1:ValueChainStage)
  WITH DISTINCT n1
  ORDER BY n1.order, n1.id
  LIMIT $s2_limit
  CALL (n1) {
    MATCH (n1)<-[:COVERS]-(n2:SriaArea)
    WITH DISTINCT n2
    ORDER BY n2.order, n2.id
    LIMIT $s3_limit
    RETURN collect(n2 {.id}) AS s3
  }
  RETURN collect(n1 {.id, .name, __planned: {s3: s3}}) AS s2
}
CALL (n) {
  MATCH (n)<-[r1:AT_STAGE]-(n1:Project)
  ${DERIVATION_FILTER('s4')}
  WITH n1, r1
  ORDER BY r1.confidence DESC, n1.id
  LIMIT $s4_limit
  RETURN collect({node: n1 {.id, .acronym}, ${DERIVATION_MAP}}) AS s4
}
RETURN n {.id, __planned: {s1: s1, s2: s2, s4: s4}}`);
    expect(plan?.params).toEqual({
      s1_limit: 1,
      s2_limit: RELATION_CAPS['ValueChainStage.children'],
      s3_limit: RELATION_CAPS['ValueChainStage.areas'],
      s4_provenance: null,
      s4_minConfidence: 0.6,
      s4_limit: RELATION_CAPS['ValueChainStage.projects'],
    });
  });

  it('plans the strategy types below a derived link of a project, at any depth', () => {
    const plan = normalised(
      planOf('{ project(id: "p") { objectives { objective { gaps { gap { calls { call { id } } } } } } } }'),
    );
    expect(plan?.cypher).toContain('MATCH (n)-[r1:ADVANCES]->(n1:Objective)');
    expect(plan?.cypher).toContain('MATCH (n1)<-[r2:SERVES]-(n2:KnowledgeGap)');
    expect(plan?.cypher).toContain('MATCH (n2)<-[r3:TARGETS]-(n3:Call)');
    expect(plan?.params).toMatchObject({
      s1_limit: RELATION_CAPS['Project.objectives'],
      s2_limit: RELATION_CAPS['Objective.gaps'],
      s3_limit: RELATION_CAPS['KnowledgeGap.calls'],
    });
  });

  it('plans an SRIA area by id with its stages and gap links, reading every property where the link hands the area down', () => {
    const plan = normalised(
      planOf('{ sriaArea(id: "a") { stages { id } gaps { area { name } gap { id } } } }'),
    );
    expect(plan?.cypher).toContain('\nRETURN n {.*, __planned: {');
    expect(plan?.cypher).toContain('MATCH (n)-[:COVERS]->(n1:ValueChainStage)');
    expect(plan?.cypher).toContain('MATCH (n)<-[r1:IN_AREA]-(n1:KnowledgeGap)');
    expect(plan?.params).toEqual({
      s1_limit: RELATION_CAPS['SriaArea.stages'],
      s2_provenance: null,
      s2_minConfidence: null,
      s2_limit: RELATION_CAPS['SriaArea.gaps'],
    });
  });

  it('leaves a derived count with an invalid minConfidence to its resolver', () => {
    expect(planOf('{ objective(id: "o") { projectCount(minConfidence: 2) } }')).toBeNull();
  });
});
