// Root lookups as people type them, on the seeded graph: ids in any case, funders and projects
// by acronym, the suggestions of a lookup that finds nothing, an ambiguous acronym refused, and
// every statement of a lookup seeking an index (EXPLAIN: no label scan).

import { acronymKey } from '../../../src/search/searchProperties';
import { refreshSearchProperties } from '../../../src/db/searchIndex';
import { existingIdsCypher } from '../../../src/db/knownIds';
import { idsByAcronymCypher, lookupCandidatesCypher } from '../../../src/db/lookups';
import type { SeedDataset } from '../../../src/model';
import { expectBadUserInput } from '../../helpers/graphqlErrors';
import { openRollbackApi } from '../../helpers/rollbackApi';
import { seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();
let seeds: SeedDataset;
beforeAll(async () => {
  seeds = await seedData();
});

interface Suggestion {
  path: string[];
  argument: string;
  given: string;
  kind: string;
  ids: string[];
  acronyms: Array<{ acronym: string; id: string }>;
  message: string;
}

describe('funder and project by acronym', () => {
  it('when every seeded funder is asked for by its acronym in lower case, then that funder comes back', async () => {
    const withAcronym = seeds.funders.filter((funder) => funder.acronym);
    expect(withAcronym.length).toBeGreaterThan(0);
    for (const funder of withAcronym) {
      const data = await api.data<{ funder: { id: string } | null }>(
        'query($a: String!) { funder(acronym: $a) { id } }',
        { a: funder.acronym!.toLowerCase() },
      );
      expect(data.funder?.id).toBe(funder.id);
    }
  });

  it('when every seeded project is asked for by its acronym without its punctuation, then that project comes back with its planned fields', async () => {
    for (const project of seeds.projects) {
      const typed = project.acronym.replace(/[^A-Za-z0-9]+/g, ' ').toUpperCase();
      const data = await api.data<{ project: { id: string; funders: Array<{ id: string }> } | null }>(
        'query($a: String!) { project(acronym: $a) { id funders { id } } }',
        { a: typed },
      );
      expect(data.project?.id).toBe(project.id);
      expect(data.project?.funders.map((funder) => funder.id).sort()).toEqual([...project.funderIds].sort());
    }
  });

  it('when an acronym names no funder, then the answer is null and the suggestions name the nearest acronyms with their ids', async () => {
    const result = await api.execute<{ funder: unknown }>('{ funder(acronym: "ISCII") { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ funder: null });
    const [suggestion] = result.extensions?.suggestions as Suggestion[];
    expect(suggestion).toMatchObject({
      path: ['funder'],
      argument: 'acronym',
      given: 'ISCII',
      kind: 'FUNDER',
    });
    expect(suggestion!.acronyms[0]).toEqual({ acronym: 'ISCIII', id: 'isciii-es' });
  });

  it('when both id and acronym or neither are given, then BAD_USER_INPUT says to give one', async () => {
    expectBadUserInput(await api.execute('{ funder(id: "isciii-es", acronym: "ISCIII") { id } }'), 'acronym');
    expectBadUserInput(await api.execute('{ project { id } }'), 'id');
    expectBadUserInput(await api.execute('{ funder(acronym: "  ") { id } }'), 'acronym');
  });

  it('when two projects share an acronym, then the lookup is refused listing both ids', async () => {
    const rollback = await openRollbackApi();
    try {
      const ids = ['test-twin-acronym-a', 'test-twin-acronym-b'];
      await rollback.write(
        "UNWIND $ids AS id CREATE (:Project {id: id, acronym: 'TwinTest', title: 'A twin', sources: []})",
        { ids },
      );
      await refreshSearchProperties({ run: rollback.write } as never, 'Project', ids);
      await expect(rollback.data('{ project(acronym: "twintest") { id } }')).rejects.toThrow(
        /Invalid argument \\"acronym\\": \\"twintest\\" is the acronym of several projects \(test-twin-acronym-a, test-twin-acronym-b\); ask by id/,
      );
      const data = await rollback.data<{ project: { id: string } }>(
        '{ project(id: "TEST-TWIN-ACRONYM-B") { id } }',
      );
      expect(data.project.id).toBe('test-twin-acronym-b');
    } finally {
      await rollback.close();
    }
  });
});

describe('suggestions of a lookup that finds nothing', () => {
  it('when funder(id: "ISCIII") is asked, then the answer is null and the suggestion names isciii-es and its acronym', async () => {
    const result = await api.execute<{ funder: unknown }>('{ funder(id: "ISCIII") { id } }');
    expect(result.data).toEqual({ funder: null });
    const suggestions = result.extensions?.suggestions as Suggestion[];
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      path: ['funder'],
      argument: 'id',
      given: 'ISCIII',
      kind: 'FUNDER',
    });
    expect(suggestions[0]!.ids).toContain('isciii-es');
    expect(suggestions[0]!.acronyms[0]).toEqual({ acronym: 'ISCIII', id: 'isciii-es' });
    expect(suggestions[0]!.message).toBe('no funder has the id "ISCIII"; did you mean isciii-es (ISCIII)?');
  });

  it('when several lookups miss under aliases, then each has its own suggestion under its alias, in order', async () => {
    const call = seeds.calls.find((c) => c.id === 'jtc2019')!;
    const result = await api.execute<Record<string, unknown>>(
      '{ a: call(id: "jtc2O19") { id } found: call(id: "JTC2019") { id } b: project(id: "permanens") { id } }',
    );
    expect(result.data).toEqual({ a: null, found: { id: call.id }, b: null });
    const suggestions = result.extensions?.suggestions as Suggestion[];
    expect(suggestions.map((s) => s.path)).toEqual([['a'], ['b']]);
    expect(suggestions[0]!.ids[0]).toBe('jtc2019');
    expect(suggestions[1]!.acronyms[0]).toEqual({ acronym: 'PERMANENS', id: 'project-permanens' });
  });

  it('when an id is unlike any record, then the suggestion is there with no ids', async () => {
    const result = await api.execute('{ knowledgeGap(id: "qqqqqqqqqqqqqqqqqq") { id } }');
    const [suggestion] = result.extensions?.suggestions as Suggestion[];
    expect(suggestion).toMatchObject({
      ids: [],
      acronyms: [],
      message: 'no knowledge gap has the id "qqqqqqqqqqqqqqqqqq"',
    });
  });
});

describe('the statements of a lookup', () => {
  /** The operators of a statement's plan, by EXPLAIN (nothing runs). */
  async function operators(cypher: string, params: Record<string, unknown>): Promise<string[]> {
    const session = api.database.driver.session({ database: api.database.config.database });
    try {
      const result = await session.run(`EXPLAIN ${cypher}`, params);
      const names: string[] = [];
      const visit = (plan: { operatorType: string; children: unknown[] }) => {
        names.push(plan.operatorType.replace(/@.*$/, ''));
        for (const child of plan.children) visit(child as typeof plan);
      };
      visit(result.summary.plan as unknown as { operatorType: string; children: unknown[] });
      return names;
    } finally {
      await session.close();
    }
  }

  const SCANS = /NodeByLabelScan|AllNodesScan|NodeIndexScan/;

  it.each([
    ['the acronym lookup', idsByAcronymCypher('Project'), { key: 'permanens', limit: 11 }],
    ['the id in other cases', existingIdsCypher(['Project']), { ids0: ['PROJECT-X', 'project-x'] }],
    [
      'the candidates of a suggestion',
      lookupCandidatesCypher('Project', { acronym: true, text: true }),
      {
        lowerPrefix: 'per',
        upperPrefix: 'PER',
        acronymPrefix: 'per',
        index: 'entity_search',
        text: 'searchName:permanen',
        hits: 100,
        perSource: 50,
      },
    ],
  ])('when %s is planned, then it seeks an index and scans no label', async (_, cypher, params) => {
    const plan = await operators(cypher, params);
    expect(plan.join(' ')).toMatch(
      /NodeIndexSeek|NodeUniqueIndexSeek|NodeIndexSeekByRange|NodeUniqueIndexSeekByRange|ProcedureCall/,
    );
    expect(plan.join(' ')).not.toMatch(SCANS);
  });

  it('when a funder is found by acronym, then the acronym statement is the only one before the record', async () => {
    api.resetQueryLog();
    const acronym = seeds.funders.find((funder) => funder.acronym)!.acronym!;
    await api.data('query($a: String!) { funder(acronym: $a) { id name } }', { a: acronym });
    expect(api.queryLog).toHaveLength(2);
    expect(api.queryLog[0]!.params).toEqual(expect.objectContaining({ key: acronymKey(acronym) }));
  });

  it('when a funder is found by its id as stored, then no lookup statement is sent', async () => {
    api.resetQueryLog();
    await api.data('{ funder(id: "isciii-es") { id calls { id } } }');
    expect(api.queryLog.length).toBeGreaterThan(0);
    for (const event of api.queryLog) expect(event.cypher).not.toMatch(/\$variants|searchAcronym|\$key\b/);
  });
});
