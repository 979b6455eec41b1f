// Import planning without a database: valid rows and a hand-made graph state in, the
// planned writes, organisations to create, link changes and audit entries out.

import { OrganisationIndex } from '../../../src/db/matchOrganisation';
import { checkOrganisations } from '../../../src/import/checkFile';
import {
  callIdsOf,
  entityAuditEntries,
  linksByType,
  partnerStubs,
  planEntities,
  planLinks,
  recordsWithIds,
  stubAuditEntries,
  type OrganisationResolution,
} from '../../../src/import/planImport';
import { rowKey } from '../../../src/import/validateFile';
import type { EntityState, ValidRecord } from '../../../src/model';

const SOURCES = ['https://example.org/p'];

/** The graph knows two organisations: Lund University (SE) and Karolinska Institutet (SE). */
function resolutionFor(kind: 'projects' | 'organisations', records: ValidRecord[]) {
  const resolution: OrganisationResolution = {
    index: new OrganisationIndex([
      { id: 'org-lund', name: 'Lund University', countryCode: 'SE', aliases: ['Lunds universitet'] },
      { id: 'org-ki', name: 'Karolinska Institutet', countryCode: 'SE' },
    ]),
    byName: new Map(),
    toCreate: new Map(),
  };
  const issues: Array<{ column: string; reason: string }> = [];
  for (const record of records)
    checkOrganisations(kind, record, resolution, (column, reason) => issues.push({ column, reason }));
  return { resolution, issues };
}

const named = (name: string, countryCode = 'SE') => ({ name, countryCode });

describe('checkOrganisations', () => {
  it('resolves a known name or alias to its organisation and a new name to a new one to create', () => {
    const { resolution, issues } = resolutionFor('projects', [
      { id: 'p-1', coordinator: named('Lunds universitet'), partners: [named('Umeå Universitet')] },
    ]);
    expect(issues).toEqual([]);
    expect([...resolution.byName.values()]).toEqual(['org-lund', 'org-umea-universitet']);
    expect([...resolution.toCreate]).toEqual([['org-umea-universitet', named('Umeå Universitet')]]);
  });

  it('reports a name that matches several organisations in its country, naming them', () => {
    const { resolution } = resolutionFor('projects', []);
    resolution.index.add({ id: 'org-lund-2', name: 'Lund University', countryCode: 'SE' });
    const issues: string[] = [];
    checkOrganisations('projects', { coordinator: named('Lund University') }, resolution, (column, reason) =>
      issues.push(`${column}: ${reason}`),
    );
    expect(issues).toEqual([
      'coordinator: "Lund University" [SE] matches several organisations (org-lund, org-lund-2); give the id instead',
    ]);
  });

  it('refuses a new organisation id whose name another organisation of the country has', () => {
    const { issues } = resolutionFor('organisations', [{ id: 'org-lu', ...named('Lund University') }]);
    expect(issues).toEqual([
      {
        column: 'id',
        reason: 'is new, but "Lund University" [SE] is already org-lund; use that id, or another name',
      },
    ]);
  });
});

describe('rowKey', () => {
  it('keys organisations rows without an id by country and normalised name, links by their ends', () => {
    expect(rowKey('organisations', named('The Lund University'))).toBe(
      rowKey('organisations', named('lund university')),
    );
    expect(rowKey('links', { projectId: 'p', type: 'ADDRESSES', targetId: 'g' })).toBe('p|ADDRESSES|g');
    expect(rowKey('projects', { id: 'p-1' })).toBe('p-1');
  });
});

describe('recordsWithIds', () => {
  it('gives organisations rows without an id the id their name resolved to', () => {
    const rows = [named('Lunds universitet'), { id: 'org-x', ...named('X') }];
    const { resolution } = resolutionFor('organisations', rows);
    expect(recordsWithIds('organisations', rows, resolution).map((record) => record.id)).toEqual([
      'org-lund',
      'org-x',
    ]);
  });

  it('throws a TypeError for a name the check step did not resolve', () => {
    expect(() => recordsWithIds('organisations', [named('Nowhere')], null)).toThrow(TypeError);
  });
});

describe('partnerStubs', () => {
  const rows: ValidRecord[] = [
    {
      id: 'p-1',
      coordinator: named('Umeå Universitet'),
      partners: [named('Lund University')],
      sources: SOURCES,
    },
    {
      id: 'p-2',
      partners: [named('Umeå Universitet'), named('Chalmers')],
      sources: ['https://example.org/2'],
    },
  ];

  it('creates each new partner once, with the sources of the first project naming it', () => {
    const { resolution } = resolutionFor('projects', rows);
    expect(partnerStubs(rows, resolution, new Set())).toEqual([
      { id: 'org-umea-universitet', ...named('Umeå Universitet'), aliases: [], sources: SOURCES },
      { id: 'org-chalmers', ...named('Chalmers'), aliases: [], sources: ['https://example.org/2'] },
    ]);
  });

  it('leaves out partners that an earlier batch created', () => {
    const { resolution } = resolutionFor('projects', rows);
    expect(partnerStubs(rows, resolution, new Set(['org-umea-universitet'])).map((stub) => stub.id)).toEqual([
      'org-chalmers',
    ]);
  });

  it('audits each creation with the columns an import gives it', () => {
    const { resolution } = resolutionFor('projects', rows);
    const [entry] = stubAuditEntries(partnerStubs(rows, resolution, new Set()));
    expect(entry).toEqual({
      action: 'CREATE',
      entityLabel: 'Organisation',
      entityId: 'org-umea-universitet',
      fields: ['name', 'countryCode', 'sources'],
      previous: null,
      values: null,
    });
  });
});

describe('planEntities', () => {
  const stored: EntityState = {
    id: 'p-old',
    acronym: 'OLD',
    callId: 'call-2020',
    partners: [{ organisationId: 'org-ki', role: 'COORDINATOR' }],
    partnerCountryCodes: ['SE'],
    updatedAt: '2025-01-01T00:00:00.000Z',
    lastChangedBy: 'cli:ann',
  };
  const states = new Map([['p-old', stored]]);
  const rows: ValidRecord[] = [
    {
      id: 'p-new',
      acronym: 'NEW',
      callId: 'call-2024',
      coordinator: named('Lund University'),
      sources: SOURCES,
    },
    { id: 'p-old', acronym: 'OLD', coordinator: { id: 'org-ki' } },
  ];

  it('completes projects (partners, their countries, the year from the call) before comparing', () => {
    const { resolution } = resolutionFor('projects', rows);
    const records = recordsWithIds('projects', rows, resolution);
    expect(callIdsOf(records, states)).toEqual(['call-2024', 'call-2020']);
    const [created, unchanged] = planEntities(
      'projects',
      records,
      states,
      resolution,
      new Map([['call-2024', 2024]]),
    );
    expect(created).toMatchObject({
      id: 'p-new',
      outcome: 'created',
      record: {
        partners: [{ organisationId: 'org-lund', role: 'COORDINATOR', asNamed: ['Lund University'] }],
        partnerCountryCodes: ['SE'],
        year: 2024,
        yearBasis: 'CALL_YEAR',
      },
    });
    expect(unchanged).toMatchObject({ id: 'p-old', outcome: 'unchanged', fields: [] });
  });

  it('audits creations without values and updates with old values and the overwritten bookkeeping', () => {
    const records = recordsWithIds(
      'projects',
      [
        { id: 'p-old', acronym: 'RENAMED' },
        { id: 'p-x', acronym: 'X' },
      ],
      null,
    );
    const plans = planEntities('projects', records, states, null, new Map());
    expect(plans.map((plan) => plan.outcome)).toEqual(['updated', 'created']);
    expect(entityAuditEntries('Project', plans, states)).toEqual([
      {
        action: 'UPDATE',
        entityLabel: 'Project',
        entityId: 'p-old',
        fields: ['acronym'],
        previous: { acronym: 'OLD' },
        values: { acronym: 'RENAMED' },
        previousStamp: {
          updatedAt: '2025-01-01T00:00:00.000Z',
          importFile: null,
          importRunId: null,
          lastChangedBy: 'cli:ann',
          datasets: null,
        },
      },
      expect.objectContaining({ action: 'CREATE', entityId: 'p-x', values: null, previousStamp: null }),
    ]);
  });

  it('plans nothing to audit when every record is unchanged', () => {
    const records = recordsWithIds('projects', [{ id: 'p-old', acronym: 'OLD' }], null);
    expect(
      entityAuditEntries('Project', planEntities('projects', records, states, null, new Map()), states),
    ).toEqual([]);
  });
});

describe('planLinks', () => {
  const link = (targetId: string, confidence = 1, evidence = 'named in the abstract') => ({
    projectId: 'p-1',
    type: 'ADDRESSES' as const,
    targetId,
    confidence,
    evidence,
  });
  const current = new Map([
    [
      'p-1|gap-same',
      { provenance: 'CURATED', rule: 'curated-import', confidence: 1, evidence: 'named in the abstract' },
    ],
    [
      'p-1|gap-inferred',
      { provenance: 'INFERRED', rule: 'keyword', confidence: 0.6, evidence: 'keyword "x"' },
    ],
  ]);

  it('groups links by type in the order the types first appear', () => {
    const stage = { ...link('stage-1'), type: 'AT_STAGE' as const };
    expect([...linksByType([link('a'), stage, link('b')])]).toEqual([
      ['ADDRESSES', [link('a'), link('b')]],
      ['AT_STAGE', [stage]],
    ]);
  });

  it('leaves a curated link with the same confidence and evidence unchanged, and writes the rest', () => {
    const plan = planLinks(
      'ADDRESSES',
      [link('gap-same'), link('gap-inferred'), link('gap-new', 0.8)],
      current,
    );
    expect(plan.outcomes).toEqual([
      { outcome: 'unchanged', id: 'p-1 ADDRESSES gap-same', fields: [] },
      {
        outcome: 'updated',
        id: 'p-1 ADDRESSES gap-inferred',
        fields: ['provenance', 'confidence', 'evidence'],
      },
      { outcome: 'created', id: 'p-1 ADDRESSES gap-new', fields: ['provenance', 'confidence', 'evidence'] },
    ]);
    expect(plan.changed.map((changed) => changed.targetId)).toEqual(['gap-inferred', 'gap-new']);
  });

  it('audits a replaced link with its previous derivation and full properties for undo', () => {
    const [entry] = planLinks('ADDRESSES', [link('gap-inferred')], current).entries;
    expect(entry).toEqual({
      action: 'LINK',
      entityLabel: 'Project',
      entityId: 'p-1',
      relatedLabel: 'KnowledgeGap',
      relatedId: 'gap-inferred',
      relationship: 'ADDRESSES',
      fields: ['provenance', 'confidence', 'evidence'],
      previous: { provenance: 'INFERRED', rule: 'keyword', confidence: 0.6, evidence: 'keyword "x"' },
      values: { provenance: 'CURATED', confidence: 1, evidence: 'named in the abstract' },
      previousStamp: current.get('p-1|gap-inferred'),
    });
  });
});
