// Import column types, row validation, organisation matching and record planning, on small
// hand-made records whose answers are known.

import { coerceField, type FieldSpec } from '../../../src/model';
import { normaliseOrganisationName, OrganisationIndex } from '../../../src/db/matchOrganisation';
import { completeProject, planEntity } from '../../../src/db/planRecord';
import { organisationReferencesOf, referencesOf, validateRecord } from '../../../src/model/validateRecord';

const spec = (kind: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name: 'f',
  kind,
  description: '',
  ...extra,
});

describe('coerceField', () => {
  it('treats empty cells and null as not given', () => {
    expect(coerceField(spec('text'), '  ')).toEqual({ absent: true });
    expect(coerceField(spec('integer'), null)).toEqual({ absent: true });
  });

  it.each([
    ['integer', '2024', 2024],
    ['integer', 7, 7],
    ['amount', '1500000.50', 1500000.5],
    ['boolean', 'yes', true],
    ['boolean', false, false],
    ['country', 'de', 'DE'],
    ['date', '2024-02-29', '2024-02-29'],
    ['url', 'https://www.eppermed.eu/x', 'https://www.eppermed.eu/x'],
    ['confidence', '0.5', 0.5],
  ] as const)('reads a %s from %p', (kind, raw, value) => {
    expect(coerceField(spec(kind), raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['integer', '12.5', /whole number/],
    ['amount', '1,000', /amount in euros/],
    ['amount', '-5', /amount in euros/],
    ['country', 'XX', /assigned ISO/],
    ['country', 'Germany', /alpha-2/],
    ['date', '2023-02-29', /real calendar date/],
    ['date', '2023-05', /YYYY-MM-DD/],
    ['url', 'ftp://example.org', /http\(s\) URL/],
    ['confidence', '0', /greater than 0/],
    ['boolean', 'maybe', /true or false/],
    ['id', 'Has Spaces', /lower-case/],
  ] as const)('refuses a bad %s %p, saying what it expected and got', (kind, raw, reason) => {
    const result = coerceField(spec(kind), raw);
    expect(result).toMatchObject({ ok: false });
    expect((result as { reason: string }).reason).toMatch(reason);
    expect((result as { reason: string }).reason).toContain('received');
  });

  it('accepts a month when the column allows it', () => {
    expect(coerceField(spec('date', { monthAllowed: true }), '2023-05')).toEqual({
      ok: true,
      value: '2023-05',
    });
  });

  it('splits lists on ";", drops empty items and refuses repeats', () => {
    expect(coerceField(spec('country', { list: true }), 'de; FR;;')).toEqual({
      ok: true,
      value: ['DE', 'FR'],
    });
    expect(coerceField(spec('country', { list: true }), ['DE', 'DE'])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/item 2.*twice/),
    });
    expect(coerceField(spec('integer', { list: true }), '1;x')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^item 2:/),
    });
  });

  it('reads organisation references by id or by "Name [CC]"', () => {
    expect(coerceField(spec('organisation'), 'org-lund-university')).toEqual({
      ok: true,
      value: { id: 'org-lund-university' },
    });
    expect(coerceField(spec('organisation'), 'Hospital del Mar (IMIM) [es]')).toEqual({
      ok: true,
      value: { name: 'Hospital del Mar (IMIM)', countryCode: 'ES' },
    });
    expect(coerceField(spec('organisation'), 'Lund University')).toMatchObject({ ok: false });
    expect(coerceField(spec('organisation'), 'Lund University [ZZ]')).toMatchObject({ ok: false });
  });
});

describe('validateRecord', () => {
  const row = { id: 'project-x', acronym: 'X', sources: 'https://www.eppermed.eu/' };

  it('keeps only the given columns, typed', () => {
    expect(validateRecord('projects', { ...row, fundingEur: '100', keywords: '' }, 'row')).toEqual({
      record: { id: 'project-x', acronym: 'X', sources: ['https://www.eppermed.eu/'], fundingEur: 100 },
      issues: [],
    });
  });

  it('names every missing required column and every unknown column', () => {
    const { issues } = validateRecord('projects', { id: 'p', budget: '3' }, 'row');
    expect(issues).toEqual(
      expect.arrayContaining([
        { column: 'budget', reason: expect.stringMatching(/is not a column of projects/) },
        { column: 'acronym', reason: 'is required' },
        { column: 'sources', reason: 'is required' },
      ]),
    );
  });

  it('checks dates against each other and the start year against the start date', () => {
    expect(
      validateRecord('projects', { ...row, startDate: '2024-01-01', endDate: '2023-12-31' }, 'row').issues,
    ).toEqual([{ column: 'endDate', reason: '2023-12-31 is before startDate 2024-01-01' }]);
    expect(
      validateRecord('projects', { ...row, startDate: '2024-01-01', startYear: '2023' }, 'row').issues[0]
        ?.column,
    ).toBe('startYear');
  });

  it('needs a country for a funder unless it is an EU body', () => {
    const funder = { id: 'f', name: 'F', kind: 'MINISTRY', sources: 'https://x.example' };
    expect(validateRecord('funders', funder, 'row').issues).toEqual([
      { column: 'countryCode', reason: 'is required unless kind is EU_BODY' },
    ]);
    expect(validateRecord('funders', { ...funder, kind: 'EU_BODY' }, 'row').issues).toEqual([]);
  });

  it('in patch mode, checks only given fields and reads null as "clear"', () => {
    expect(validateRecord('projects', { id: 'p', title: null }, 'patch')).toEqual({
      record: { id: 'p', title: null },
      issues: [],
    });
    expect(validateRecord('projects', { id: 'p', acronym: null }, 'patch').issues).toEqual([
      { column: 'acronym', reason: 'is required and cannot be cleared' },
    ]);
  });

  it('lists the references a record makes, links by their type', () => {
    const { record } = validateRecord(
      'projects',
      { ...row, callId: 'jtc2024', funderIds: 'a-b;c-d', coordinator: 'Lund University [SE]' },
      'row',
    );
    expect(referencesOf('projects', record)).toEqual([
      { column: 'callId', label: 'Call', id: 'jtc2024' },
      { column: 'funderIds', label: 'Funder', id: 'a-b' },
      { column: 'funderIds', label: 'Funder', id: 'c-d' },
    ]);
    expect(organisationReferencesOf(record)).toEqual([
      { column: 'coordinator', reference: { name: 'Lund University', countryCode: 'SE' } },
    ]);
    const link = validateRecord(
      'links',
      { projectId: 'p', type: 'AT_STAGE', targetId: 'vc-research', evidence: 'e' },
      'row',
    ).record;
    expect(referencesOf('links', link)).toEqual([
      { column: 'projectId', label: 'Project', id: 'p' },
      { column: 'targetId', label: 'ValueChainStage', id: 'vc-research' },
    ]);
  });
});

describe('normaliseOrganisationName', () => {
  it('ignores case, accents, punctuation, "&" and a leading "the"', () => {
    expect(normaliseOrganisationName('Université Paris-Cité')).toBe(
      normaliseOrganisationName('universite paris cite'),
    );
    expect(normaliseOrganisationName('The Royal College of Surgeons & Physicians')).toBe(
      'royal college of surgeons and physicians',
    );
  });

  it('throws a TypeError for a non-string', () => {
    expect(() => normaliseOrganisationName(3 as unknown as string)).toThrow(TypeError);
  });
});

describe('OrganisationIndex', () => {
  const index = () =>
    new OrganisationIndex([
      {
        id: 'org-lund-university',
        name: 'Lund University',
        countryCode: 'SE',
        aliases: ['Lunds universitet'],
      },
      { id: 'org-twin-a', name: 'Twin Institute', countryCode: 'FR' },
      { id: 'org-twin-b', name: 'Twin  Institute.', countryCode: 'FR' },
      { id: 'org-charite', name: 'Charité', countryCode: 'DE' },
    ]);

  it('matches by name or alias within the same country only', () => {
    const organisations = index();
    expect(organisations.match('LUNDS UNIVERSITET', 'SE')).toEqual({
      kind: 'existing',
      id: 'org-lund-university',
    });
    expect(organisations.match('Lund University', 'DK')).toEqual({
      kind: 'new',
      id: 'org-lund-university-dk',
    });
  });

  it('reports ambiguous names instead of guessing', () => {
    expect(index().match('twin institute', 'FR')).toEqual({
      kind: 'ambiguous',
      ids: ['org-twin-a', 'org-twin-b'],
    });
  });

  it('gives a new name a slug id and matches it the next time', () => {
    const organisations = index();
    expect(organisations.match('Institut Curie', 'FR')).toEqual({ kind: 'new', id: 'org-institut-curie' });
    expect(organisations.match('institut curie', 'FR')).toEqual({
      kind: 'existing',
      id: 'org-institut-curie',
    });
    expect(organisations.countryOf('org-institut-curie')).toBe('FR');
  });
});

describe('completeProject and planEntity', () => {
  const lookups = {
    callYear: (id: string) => (id === 'jtc2024' ? 2024 : null),
    organisationCountry: (id: string) => ({ 'org-a': 'DE', 'org-b': 'FR' })[id] ?? null,
  };

  it('turns coordinator and partners into partnerships, adds their countries and derives the year', () => {
    const record = {
      id: 'p',
      acronym: 'P',
      callId: 'jtc2024',
      partnerCountryCodes: ['IT'],
      coordinator: { id: 'org-a' },
    };
    const complete = completeProject(
      record,
      { coordinator: 'org-a', partners: ['org-b', 'org-a'], names: new Map([['org-b', ['B']]]) },
      null,
      lookups,
    );
    expect(complete).toEqual({
      id: 'p',
      acronym: 'P',
      callId: 'jtc2024',
      partners: [
        { organisationId: 'org-a', role: 'COORDINATOR' },
        { organisationId: 'org-b', role: 'PARTNER', asNamed: ['B'] },
      ],
      partnerCountryCodes: ['DE', 'FR', 'IT'],
      year: 2024,
      yearBasis: 'CALL_YEAR',
    });
  });

  it('takes the start year from the start date before the call year', () => {
    expect(
      completeProject({ id: 'p', startDate: '2023-09-01', callId: 'jtc2024' }, null, null, lookups),
    ).toMatchObject({ startYear: 2023, year: 2023, yearBasis: 'START_DATE' });
  });

  it('plans a creation with every given field', () => {
    expect(planEntity({ id: 'p', acronym: 'P' }, null)).toMatchObject({
      outcome: 'created',
      fields: ['acronym'],
      previous: null,
    });
  });

  it('plans unchanged when only the order of a set differs or an empty list meets a missing one', () => {
    const existing = {
      id: 'p',
      acronym: 'P',
      funderIds: ['b', 'a'],
      keywords: [],
      partners: [{ organisationId: 'o', role: 'PARTNER' }],
    };
    const record = {
      id: 'p',
      acronym: 'P',
      funderIds: ['a', 'b'],
      partners: [{ organisationId: 'o', role: 'PARTNER', asNamed: ['O'] }],
    };
    expect(planEntity(record, existing).outcome).toBe('unchanged');
    expect(planEntity({ id: 'p', notes: null }, { id: 'p' }).outcome).toBe('unchanged');
  });

  it('plans an update with the changed fields and their previous values', () => {
    const plan = planEntity(
      { id: 'p', acronym: 'P', fundingEur: 5, partners: [{ organisationId: 'o', role: 'COORDINATOR' }] },
      {
        id: 'p',
        acronym: 'P',
        fundingEur: 4,
        partners: [{ organisationId: 'o', role: 'PARTNER' }],
      },
    );
    expect(plan).toMatchObject({
      outcome: 'updated',
      fields: ['fundingEur', 'partners'],
      previous: { fundingEur: 4, partners: [{ organisationId: 'o', role: 'PARTNER' }] },
    });
  });

  it('throws a TypeError for a record without an id', () => {
    expect(() => planEntity({}, null)).toThrow(TypeError);
  });
});
