// The projection plans and their Cypher, without a database: the right evidence and
// memberships per network, labels in every pattern, parameters for every value (where nodes are placed:
// test/unit/db/places.test.ts).

import {
  aroundNodesCypher,
  networkEdgesCypher,
  networkNodesCypher,
  neighbourhoodCypher,
  projectionPlan,
  shortestPathsCypher,
} from '../../../src/db/networks';

describe('projectionPlan', () => {
  it('links funders through calls or projects as the basis says', () => {
    expect(projectionPlan({ kind: 'COFUNDING', basis: 'CALLS' })).toMatchObject({
      name: 'cofunding-calls',
      evidenceKind: 'CALL',
    });
    expect(projectionPlan({ kind: 'COFUNDING', basis: 'PROJECTS' })).toMatchObject({
      name: 'cofunding-projects',
      evidenceKind: 'PROJECT',
    });
  });

  it('names a bipartite network after its modes and basis and gives it two sides', () => {
    const plan = projectionPlan({
      kind: 'BIPARTITE',
      basis: 'CALLS',
      actors: 'COUNTRIES',
      targets: 'OBJECTIVES',
    });
    expect(plan.name).toBe('bipartite-countries-objectives-calls');
    expect(plan.sides.map((side) => side.label)).toEqual(['Country', 'Objective']);
    expect(plan.description).toBe(
      'Countries linked to objectives when a country is open in a call that targets a gap serving an objective; weight = number of such calls.',
    );
  });

  it('throws a TypeError for collaboration by calls and for a bipartite network without modes', () => {
    expect(() => projectionPlan({ kind: 'COUNTRY_COLLABORATION', basis: 'CALLS' })).toThrow(TypeError);
    expect(() => projectionPlan({ kind: 'BIPARTITE', basis: 'PROJECTS' })).toThrow(
      /needs actors and targets/,
    );
  });
});

describe('network Cypher', () => {
  const plan = projectionPlan({ kind: 'BIPARTITE', basis: 'PROJECTS', actors: 'FUNDERS', targets: 'GAPS' });
  const evidence = 'MATCH (n:Project)';

  it('labels every node a MATCH introduces and filters derived links by parameter', () => {
    const cypher = networkNodesCypher(plan, evidence) + networkEdgesCypher(plan, evidence);
    const matchLines = cypher.match(/MATCH [^\n]*/g) ?? [];
    expect(matchLines.length).toBeGreaterThan(3);
    for (const line of matchLines) {
      for (const [, variable, label] of line.matchAll(/\((\w*)(:\w+)?[ )]/g)) {
        // Unlabelled variables only refer back to nodes bound with a label: the evidence item
        // `n` (first MATCH) and a member `x` (whose home country is read).
        if (!label) expect(['n', 'x']).toContain(variable);
      }
    }
    expect(cypher).toContain('(n)-[rx:ADDRESSES]->(x:KnowledgeGap)');
    expect(cypher).toContain('$provenance');
    expect(cypher).toContain('ranked[0..$limit]');
  });

  it('keeps the edges of a one-mode network to one per pair (a.id < b.id)', () => {
    expect(
      networkEdgesCypher(projectionPlan({ kind: 'COFUNDING', basis: 'CALLS' }), 'MATCH (n:Call)'),
    ).toContain('a.id < b.id');
    expect(networkEdgesCypher(plan, evidence)).not.toContain('a.id < b.id');
  });

  it('bounds paths and neighbourhoods with checked integers and whitelisted types', () => {
    const path = shortestPathsCypher({
      from: { label: 'Funder', id: 'x' },
      to: { label: 'Country', id: 'y' },
      maxLength: 4,
      relationshipTypes: ['FUNDS', 'PARTICIPATES_IN'],
      all: true,
    });
    expect(path).toContain('allShortestPaths((a)-[:FUNDS|PARTICIPATES_IN*1..4]-(b))');
    expect(path).toContain('(a:Funder {id: $from}), (b:Country {id: $to})');
    expect(() =>
      shortestPathsCypher({
        from: { label: 'Funder', id: 'x' },
        to: { label: 'Funder', id: 'y' },
        maxLength: 11,
        relationshipTypes: [],
        all: false,
      }),
    ).toThrow(new TypeError('shortestPathsCypher expects maxLength from 1 to 10, received 11'));
    expect(() =>
      neighbourhoodCypher({
        of: { label: 'Funder', id: 'x' },
        hops: 1,
        relationshipTypes: ['KNOWS' as never],
      }),
    ).toThrow(/received KNOWS/);
    expect(() =>
      neighbourhoodCypher({ of: { label: 'Person' as never, id: 'x' }, hops: 1, relationshipTypes: [] }),
    ).toThrow(/expected an entity label, received Person/);
  });

  it('keeps the inner nodes of a path to the `via` labels, the two ends of any label', () => {
    const request = {
      from: { label: 'Funder', id: 'x' } as const,
      to: { label: 'Funder', id: 'y' } as const,
      maxLength: 6,
      relationshipTypes: [],
      all: true,
    };
    expect(shortestPathsCypher({ ...request, via: ['Funder', 'Call'] })).toContain(
      'AND (x = a OR x = b OR x:Funder|Call))',
    );
    expect(shortestPathsCypher(request)).not.toContain('nodes(path)[1..-1]');
    expect(() => shortestPathsCypher({ ...request, via: ['Person' as never] })).toThrow(
      /expected an entity label, received Person/,
    );
  });
});

describe('networkEdgesCypher without evidence ids', () => {
  it('counts the evidence behind each edge instead of collecting its ids', () => {
    const plan = projectionPlan({ kind: 'COUNTRY_COLLABORATION', basis: 'PROJECTS' });
    const cypher = networkEdgesCypher(plan, 'MATCH (n:Project)', false);
    expect(cypher).toContain('count(DISTINCT n) AS weight');
    expect(cypher).not.toContain('collect(');
    expect(networkEdgesCypher(plan, 'MATCH (n:Project)')).toContain('collect(DISTINCT n.id) AS evidenceIds');
  });
});

describe('aroundNodesCypher', () => {
  const cofunding = projectionPlan({ kind: 'COFUNDING', basis: 'CALLS' });
  const bipartite = projectionPlan({
    kind: 'BIPARTITE',
    basis: 'PROJECTS',
    actors: 'FUNDERS',
    targets: 'GAPS',
  });

  it('starts from the actors named, one hop per subquery, seeking each side by its id index', () => {
    const cypher = aroundNodesCypher(cofunding, { predicates: ['n.id IN $calls'] }, 2);
    expect(cypher.startsWith('WITH $around AS hop0\n')).toBe(true);
    expect(cypher).toContain('MATCH (a:Funder)-[:PARTICIPATES_IN]->(n) WHERE a.id IN hop0');
    expect(cypher).toContain('AS hop1');
    expect(cypher).toContain('AS hop2');
    expect(cypher).not.toContain('AS hop3');
    expect(cypher).toContain('WITH DISTINCT a, n WHERE n:Call AND n.id IN $calls');
    expect(cypher).toContain('CASE WHEN x.id IN hop0 THEN 0 WHEN x.id IN hop1 THEN 1 ELSE 2 END AS distance');
    expect(cypher).toContain('ORDER BY distance ASC, evidenceCount DESC, x.id ASC');
    expect(cypher).toContain('ranked[0..$limit]');
  });

  it('walks a bipartite network from one mode to the other only', () => {
    const cypher = aroundNodesCypher(bipartite, { predicates: [] }, 1);
    // From a funder to the gaps of its projects, and from a gap to the funders of its projects.
    expect(cypher).toContain(
      'MATCH (a:Funder)-[:FUNDS]->(n) WHERE a.id IN hop0\n    WITH DISTINCT a, n WHERE n:Project\n    MATCH (n)-[rx:ADDRESSES]->(x:KnowledgeGap)',
    );
    expect(cypher).toContain('MATCH (n)-[ra:ADDRESSES]->(a:KnowledgeGap) WHERE a.id IN hop0 AND');
    expect(cypher).toContain('MATCH (x:Funder)-[:FUNDS]->(n)\n');
    expect(cypher).not.toMatch(/MATCH \(a:Funder\)[^\n]*\n[^\n]*\n\s*MATCH \(x:Funder\)/);
  });

  it('filters the items before a member is bound, so that the filter EXISTS name their own x', () => {
    const cypher = aroundNodesCypher(
      bipartite,
      { predicates: ['EXISTS { MATCH (x:Funder)-[:FUNDS]->(n) }'] },
      1,
    );
    const lines = cypher.split('\n').filter((text) => text.includes('EXISTS { MATCH (x:Funder)'));
    // Two sides per hop and two for the counts.
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^\s*WITH DISTINCT (a|m), n WHERE /);
  });

  it('throws a TypeError for hops outside 1 to 3', () => {
    expect(() => aroundNodesCypher(cofunding, { predicates: [] }, 0)).toThrow(
      new TypeError('aroundNodesCypher expects hops from 1 to 3, received 0'),
    );
    expect(() => aroundNodesCypher(cofunding, { predicates: [] }, 4)).toThrow(TypeError);
  });
});
