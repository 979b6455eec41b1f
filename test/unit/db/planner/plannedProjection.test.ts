// The planner's translation, pinned as Cypher text and parameters without a database (as
// @neo4j/graphql's tck tests do): a planner change shows up here as a readable diff.

import { RELATION_CAPS } from '../../../../src/resolvers/relationCaps';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import neo4j from 'neo4j-driver';
import type { CompiledProjection } from '../../../../src/db/planner';
import { bind } from '../../../../src/db/planner/compileProjection';
import { plannedProjection } from '../../../../src/resolvers/planning/planSelection';
import { loadTypeDefs } from '../../../../src/schema';

const schema = buildSchema(loadTypeDefs().join('\n'));

/** The projection planned for the one root field of `query`. */
function planOf(query: string, variables: Record<string, unknown> = {}): CompiledProjection | null {
  let planned: CompiledProjection | null | undefined;
  const result = execute({
    schema,
    document: parse(query),
    variableValues: variables,
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

/** Slot ids are global counters; tests compare the text with them renamed in order of appearance. */
function normalised(projection: CompiledProjection | null) {
  if (!projection) return null;
  const names = new Map<string, string>();
  const rename = (text: string) =>
    text.replace(/\bs\d+(?=_|:|\b)/g, (slot) => {
      if (!names.has(slot)) names.set(slot, `s${names.size + 1}`);
      return names.get(slot) as string;
    });
  const cypher = rename(projection.cypher);
  const params = Object.fromEntries(
    Object.entries(projection.params).map(([key, value]) => [
      rename(key),
      neo4j.isInt(value) ? Number(value) : value,
    ]),
  );
  return { cypher, params };
}

describe('plannedProjection', () => {
  it('plans a nested page (funders and their countries) into one projection with COLLECT subqueries', () => {
    const plan = normalised(
      planOf('{ projects(first: 2) { nodes { acronym funders { acronym country { name } } } } }'),
    );
    expect(plan?.cypher).toBe(`n {.id, .acronym, __planned: {
  s1: COLLECT {
    MATCH (n)<-[:FUNDS]-(n1:Funder)
    WITH DISTINCT n1
    ORDER BY toLower(n1.name), n1.id
    LIMIT $s1_limit
    RETURN n1 {.id, .countryCode, .acronym, __planned: {
    s2: COLLECT {
      MATCH (n2:Country {id: n1.countryCode})
      RETURN n2 {.id, .name}
    }[0]
  }}
  }
}}`);
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
    expect(plan?.cypher).toBe(`n {.*, __planned: {
  s1: COLLECT {
    MATCH (n)<-[r1:PARTNER_IN]-(n1:Organisation)
    WITH n1, r1
    ORDER BY r1.role, toLower(n1.name), n1.id
    LIMIT $s1_limit
    RETURN {node: n1 {.id, .countryCode, .name}, relationship: properties(r1)}
  },
  s2: COLLECT {
    MATCH (n)-[r1:ADDRESSES]->(n1:KnowledgeGap)
    WHERE ($s2_provenance IS NULL OR r1.provenance = $s2_provenance) AND ($s2_minConfidence IS NULL OR r1.confidence >= $s2_minConfidence)
    WITH n1, r1
    ORDER BY r1.confidence DESC, n1.id
    LIMIT $s2_limit
    RETURN {node: n1 {.*}, derivation: {provenance: r1.provenance, rule: r1.rule, confidence: r1.confidence, evidence: r1.evidence, curator: r1.curator, curatedAt: toString(r1.curatedAt)}}
  }
}}`);
    expect(plan?.params).toEqual({
      s1_limit: RELATION_CAPS['Project.partners'],
      s2_provenance: 'CURATED',
      s2_minConfidence: 0.7,
      s2_limit: RELATION_CAPS['Project.gaps'],
    });
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
      's3: COUNT {\n    MATCH (n)-[:PARTICIPATES_IN]->(n1:Call)\n    WITH DISTINCT n1\n    RETURN n1\n  }',
    );
  });

  it('follows fragments, and leaves out fields that @skip or @include remove', () => {
    const query = `query Q($with: Boolean!) { project(id: "p") { ...P funders @include(if: $with) { id } } }
      fragment P on Project { call { id } countries @skip(if: true) { code } }`;
    expect(normalised(planOf(query, { with: true }))?.cypher.match(/COLLECT/g)).toHaveLength(2);
    expect(normalised(planOf(query, { with: false }))?.cypher).not.toContain('FUNDS');
    expect(normalised(planOf(query, { with: false }))?.cypher).toContain('<-[:FUNDED]-(n1:Call)');
  });

  it('plans nothing for a selection of properties only, so the by-id loader can batch it', () => {
    expect(planOf('{ project(id: "p") { id acronym } }')).toBeNull();
  });

  it('leaves a field with an invalid argument to its resolver, which reports the error at its path', () => {
    expect(planOf('{ funder(id: "f") { calls(first: -1) { id } } }')).toBeNull();
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
