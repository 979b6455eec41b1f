// The relation batch templates pinned as Cypher text and parameters, without a database: one
// frame (UNWIND $keys, bind `from`, match the spec's pattern) in each direction, with and
// without the derived-link predicate, and the batch functions' answers in key order.

import neo4j from 'neo4j-driver';
import { PROJECTS_BY_FUNDER_ID } from '../../../src/db/funding';
import { PROJECTS } from '../../../src/db/projects';
import {
  derivationParams,
  derivationPredicate,
  derivedLinks,
  derivedLinksStatement,
  derivedRelation,
  nodesById,
  relatedCounts,
  relatedCountsStatement,
  relatedNodes,
  relatedNodesStatement,
  relatedWithRelationshipStatement,
  type RelationSpec,
} from '../../../src/db/relations';
import type { Db, Params } from '../../../src/db/run';

/** Funder -> Project: the relationship points away from the key. */
const OUTGOING: RelationSpec<'Funder', 'Project'> = {
  name: 'projectsByFunderId',
  from: 'Funder',
  to: 'Project',
  pattern: '(from)-[r:FUNDS]->(to:Project)',
  orderBy: 'to.id',
};

/** Project <- Call: the relationship points at the key. */
const INCOMING: RelationSpec<'Project', 'Call'> = {
  name: 'callByProjectId',
  from: 'Project',
  to: 'Call',
  pattern: '(from)<-[:FUNDED]-(to:Call)',
  orderBy: 'to.id',
};

const DERIVED = derivedRelation<'Project', 'KnowledgeGap'>({
  name: 'gapLinksByProjectId',
  from: 'Project',
  to: 'KnowledgeGap',
  pattern: '(from)-[r:ADDRESSES]->(to:KnowledgeGap)',
});

const PREDICATE =
  '($provenance IS NULL OR r.provenance = $provenance) AND ' +
  '($minConfidence IS NULL OR r.confidence >= $minConfidence)';

/** A Db that answers every read with `rows` and records each statement. */
function recordingDb(rows: Array<Record<string, unknown>>): {
  db: Db;
  reads: Array<{ cypher: string; params: Params }>;
} {
  const reads: Array<{ cypher: string; params: Params }> = [];
  const db: Db = {
    database: 'test',
    async read<T>(cypher: string, params: Params = {}) {
      reads.push({ cypher, params });
      return Promise.resolve(rows as T[]);
    },
    readAll: () => Promise.reject(new Error('relation batches read one statement at a time')),
    write: () => Promise.reject(new Error('relation batches never write')),
    writeTransaction: () => Promise.reject(new Error('relation batches never write')),
    observe: () => () => undefined,
    withScope: () => db,
  };
  return { db, reads };
}

describe('derivationPredicate', () => {
  it('filters `r` by $provenance and $minConfidence, each ignored when null', () => {
    expect(derivationPredicate()).toBe(PREDICATE);
  });

  it('names another relationship and prefixes the parameters', () => {
    expect(derivationPredicate('r1', 's2_')).toBe(
      '($s2_provenance IS NULL OR r1.provenance = $s2_provenance) AND ' +
        '($s2_minConfidence IS NULL OR r1.confidence >= $s2_minConfidence)',
    );
  });

  it('is the predicate of the project list filters on derived links', () => {
    for (const field of ['stages', 'objectives', 'gaps'] as const) {
      expect(PROJECTS.filters[field]).toContain(PREDICATE);
    }
  });
});

describe('derivationParams', () => {
  it('passes null for an unset threshold, so that the predicate lets every link through', () => {
    expect(derivationParams({})).toEqual({ provenance: null, minConfidence: null });
    expect(derivationParams({ provenance: null, minConfidence: undefined })).toEqual({
      provenance: null,
      minConfidence: null,
    });
  });

  it('passes the thresholds that are set, 0 included', () => {
    expect(derivationParams({ provenance: 'CURATED', minConfidence: 0 })).toEqual({
      provenance: 'CURATED',
      minConfidence: 0,
    });
  });
});

describe('relatedNodesStatement', () => {
  it('reads the distinct other ends of each key along an outgoing relationship, ordered and limited', () => {
    expect(relatedNodesStatement(OUTGOING, ['f-1', 'f-2'], 10)).toEqual({
      cypher: `UNWIND $keys AS key
CALL (key) {
  MATCH (from:Funder {id: key})
  MATCH (from)-[r:FUNDS]->(to:Project)
  WITH DISTINCT to
  ORDER BY to.id
  LIMIT $limit
  RETURN collect(to {.*}) AS value
}
RETURN key, value`,
      params: { keys: ['f-1', 'f-2'], limit: neo4j.int(10) },
    });
  });

  it('follows an incoming relationship with the same frame', () => {
    const { cypher } = relatedNodesStatement(INCOMING, ['p-1'], 1);
    expect(cypher).toContain('  MATCH (from:Project {id: key})\n  MATCH (from)<-[:FUNDED]-(to:Call)\n');
  });

  it("uses the spec's own order", () => {
    const { cypher } = relatedNodesStatement(PROJECTS_BY_FUNDER_ID, ['f-1'], 5);
    expect(cypher).toContain(
      '  ORDER BY to.year IS NULL, to.year DESC, toLower(to.acronym), to.id\n  LIMIT $limit\n',
    );
  });

  it('passes the limit as a Cypher integer, never in the text', () => {
    const { cypher, params } = relatedNodesStatement(OUTGOING, ['f-1'], 987);
    expect(cypher).not.toContain('987');
    expect(neo4j.isInt(params.limit)).toBe(true);
  });
});

describe('relatedWithRelationshipStatement', () => {
  it("returns one item per relationship, with the relationship's properties", () => {
    expect(relatedWithRelationshipStatement(OUTGOING, ['f-1'], 3)).toEqual({
      cypher: `UNWIND $keys AS key
CALL (key) {
  MATCH (from:Funder {id: key})
  MATCH (from)-[r:FUNDS]->(to:Project)
  WITH to, r
  ORDER BY to.id
  LIMIT $limit
  RETURN collect({node: to {.*}, relationship: properties(r)}) AS value
}
RETURN key, value`,
      params: { keys: ['f-1'], limit: neo4j.int(3) },
    });
  });
});

describe('derivedLinksStatement', () => {
  it('keeps the links passing the predicate, most confident first, with their derivation', () => {
    expect(derivedLinksStatement(DERIVED, ['p-1'], {}, 20)).toEqual({
      cypher: `UNWIND $keys AS key
CALL (key) {
  MATCH (from:Project {id: key})
  MATCH (from)-[r:ADDRESSES]->(to:KnowledgeGap)
  WHERE ${PREDICATE}
  WITH to, r
  ORDER BY r.confidence DESC, to.id
  LIMIT $limit
  RETURN collect({
    node: to {.*},
    derivation: {provenance: r.provenance, rule: r.rule, confidence: r.confidence, evidence: r.evidence,
                 curator: r.curator, curatedAt: toString(r.curatedAt), ruleBookVersion: r.ruleBookVersion,
                 origin: r.origin}
  }) AS value
}
RETURN key, value`,
      params: { keys: ['p-1'], provenance: null, minConfidence: null, limit: neo4j.int(20) },
    });
  });

  it('passes the filter as parameters, so one text serves every filter', () => {
    const unfiltered = derivedLinksStatement(DERIVED, ['p-1'], {}, 20);
    const filtered = derivedLinksStatement(
      DERIVED,
      ['p-1'],
      { provenance: 'INFERRED', minConfidence: 0.4 },
      20,
    );
    expect(filtered.cypher).toBe(unfiltered.cypher);
    expect(filtered.params).toMatchObject({ provenance: 'INFERRED', minConfidence: 0.4 });
  });
});

describe('relatedCountsStatement', () => {
  it('counts the distinct other ends of a plain relation without the predicate', () => {
    expect(relatedCountsStatement(INCOMING, ['p-1', 'p-2'], {})).toEqual({
      cypher: `UNWIND $keys AS key
CALL (key) {
  MATCH (from:Project {id: key})
  MATCH (from)<-[:FUNDED]-(to:Call)
  RETURN count(DISTINCT to) AS value
}
RETURN key, value`,
      params: { keys: ['p-1', 'p-2'], provenance: null, minConfidence: null },
    });
  });

  it('counts only the derived links passing the filter', () => {
    expect(relatedCountsStatement(DERIVED, ['p-1'], { minConfidence: 0.4 })).toEqual({
      cypher: `UNWIND $keys AS key
CALL (key) {
  MATCH (from:Project {id: key})
  MATCH (from)-[r:ADDRESSES]->(to:KnowledgeGap)
  WHERE ${PREDICATE}
  RETURN count(DISTINCT to) AS value
}
RETURN key, value`,
      params: { keys: ['p-1'], provenance: null, minConfidence: 0.4 },
    });
  });
});

describe('relation batch functions', () => {
  it('run their statement once and answer in key order, [] for a key without a row', async () => {
    const { db, reads } = recordingDb([
      { key: 'f-2', value: [{ id: 'p-b' }] },
      { key: 'f-1', value: [{ id: 'p-a' }] },
    ]);
    const answers = await relatedNodes(db, OUTGOING, ['f-1', 'f-3', 'f-2'], 10);
    expect(answers).toEqual([[{ id: 'p-a' }], [], [{ id: 'p-b' }]]);
    expect(reads).toEqual([relatedNodesStatement(OUTGOING, ['f-1', 'f-3', 'f-2'], 10)]);
  });

  it('answer a count of 0 for a key without a row', async () => {
    const { db } = recordingDb([{ key: 'p-1', value: 2 }]);
    expect(await relatedCounts(db, DERIVED, ['p-0', 'p-1'])).toEqual([0, 2]);
  });

  it('read derived links with the filter as parameters', async () => {
    const { db, reads } = recordingDb([]);
    expect(await derivedLinks(db, DERIVED, ['p-1'], { provenance: 'CURATED' }, 5)).toEqual([[]]);
    expect(reads).toEqual([derivedLinksStatement(DERIVED, ['p-1'], { provenance: 'CURATED' }, 5)]);
  });

  it('answer null by id where there is no node', async () => {
    const { db, reads } = recordingDb([{ key: 'p-2', value: { id: 'p-2' } }]);
    expect(await nodesById(db, 'Project', ['p-1', 'p-2'])).toEqual([null, { id: 'p-2' }]);
    expect(reads).toEqual([
      {
        cypher: 'MATCH (n:Project) WHERE n.id IN $ids RETURN n.id AS key, n {.*} AS value',
        params: { ids: ['p-1', 'p-2'] },
      },
    ]);
  });
});
