// Import coercion as the field specs of src/model declare it: what each column kind accepts,
// what it turns the text into, and the reason it gives when it refuses (never zod's wording).

import {
  CALL,
  coerceField,
  fieldsOf,
  FUNDER,
  number,
  PROJECT,
  type FieldSpec,
  type ImportKind,
} from '../../../src/model';

function column(kind: ImportKind, name: string): FieldSpec {
  const spec = fieldsOf(kind).find((field) => field.name === name);
  if (spec === undefined) throw new TypeError(`no column ${name} in ${kind}`);
  return spec;
}

describe('coerceField on declared columns', () => {
  it.each([
    [column('calls', 'shortTitle'), '  PMTargets ', 'PMTargets'],
    [column('calls', 'year'), '2024', 2024],
    [column('calls', 'publicationDate'), '2023-12', '2023-12'],
    [column('calls', 'budgetEur'), '1500000.50', 1500000.5],
    [column('calls', 'ecCofunded'), 'Yes', true],
    [column('calls', 'kind'), 'JOINT_TRANSNATIONAL_CALL', 'JOINT_TRANSNATIONAL_CALL'],
    [column('calls', 'participatingCountryCodes'), 'de; fr', ['DE', 'FR']],
    [column('calls', 'sources'), 'https://example.org/a', ['https://example.org/a']],
    [column('links', 'confidence'), '.5', 0.5],
    [
      column('projects', 'coordinator'),
      { name: 'Lund University', countryCode: 'se' },
      { name: 'Lund University', countryCode: 'SE' },
    ],
  ])('coerces %#: %p', (spec, raw, value) => {
    expect(coerceField(spec, raw)).toEqual({ ok: true, value });
  });

  it.each([
    [column('calls', 'year'), '1850', 'expected a whole number from 1900 to 2100, received "1850"'],
    [
      column('calls', 'fundersCount'),
      2_000_000,
      'expected a whole number from 0 to 1000000, received number 2000000',
    ],
    [column('projects', 'startDate'), '2024-05', 'expected a date YYYY-MM-DD, received "2024-05"'],
    [
      column('calls', 'infoDay'),
      '2024-02-30',
      'expected a real calendar date from 1900 to 2100, received "2024-02-30"',
    ],
    [
      column('calls', 'budgetEur'),
      '1,500,000',
      'expected an amount in euros, digits with an optional decimal point (e.g. 1500000 or 249999.50), received "1,500,000"',
    ],
    [column('calls', 'ecCofunded'), 'maybe', 'expected true or false, received "maybe"'],
    [
      column('funders', 'id'),
      ' Bad Id ',
      'expected an id of lower-case letters, digits and single hyphens (e.g. project-permanens), received " Bad Id "',
    ],
    [
      column('funders', 'countryCode'),
      'XX',
      'expected an assigned ISO 3166-1 alpha-2 country code, received "XX"',
    ],
    [
      column('funders', 'countryCode'),
      'DEU',
      'expected an ISO 3166-1 alpha-2 country code (e.g. DE), received "DEU"',
    ],
    [
      column('links', 'confidence'),
      0,
      'expected a confidence greater than 0 and at most 1, received number 0',
    ],
    [column('calls', 'title'), 'x'.repeat(20_001), 'expected at most 20000 characters, received 20001'],
    [
      column('projects', 'coordinator'),
      'Lund University [ZZ]',
      'expected an assigned ISO 3166-1 alpha-2 country code in brackets, received "[ZZ]"',
    ],
    [
      column('projects', 'coordinator'),
      { acronym: 'LU' },
      'expected an organisation id (org-...) or a name with its country code in brackets, e.g. "Lund University [SE]", received an object without id or name and countryCode',
    ],
    [
      column('calls', 'sources'),
      'https://a.org;ftp://b.org',
      'item 2: expected an http(s) URL, received "ftp://b.org"',
    ],
  ])('refuses %#: with the reason %p', (spec, raw, reason) => {
    expect(coerceField(spec, raw)).toEqual({ ok: false, reason });
  });

  it('never lets a zod message through, whatever the value', () => {
    const odd: unknown[] = [
      42,
      -1.5,
      NaN,
      true,
      {},
      [],
      [[]],
      { id: 7 },
      'zzz',
      '  x  ',
      Symbol.iterator.toString(),
    ];
    for (const def of [FUNDER, CALL, PROJECT])
      for (const spec of def.fields)
        for (const raw of odd) {
          const result = coerceField(spec, raw);
          if ('ok' in result && !result.ok)
            expect(result.reason).toMatch(/^(item \d+: )?expected |is listed twice$/);
        }
  });

  it('refuses a seeds-only property with a TypeError (it is no import column)', () => {
    const latitude = number('latitude', { min: -90, max: 90 }, 'Latitude.', { only: 'seed' });
    expect(() => coerceField(latitude, '45')).toThrow(TypeError);
  });
});
