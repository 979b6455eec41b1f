// The projection plans and their Cypher, without a database: the right evidence and
// memberships per network, labels in every pattern, parameters for every value.

import {
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
