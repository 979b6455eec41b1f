// entityCsvRows: entity states in the import columns, read back by the import's own
// coercion as the same values (lists, booleans, numbers, partners by role).

import { parse } from 'csv-parse/sync';
import { entityCsvHeader, entityCsvRows } from '../../../src/export/toEntityCsv';
import { coerceField, FUNDER, PROJECT } from '../../../src/model';

describe('entityCsvHeader', () => {
  it('names the columns of the import kind in order', () => {
    expect(entityCsvHeader(FUNDER)).toBe(
      'id,name,acronym,kind,countryCode,regionId,programmeIds,callIds,roles,notes,uncertain,identifiers,sources\r\n',
    );
  });
});

describe('entityCsvRows', () => {
  const project = {
    id: 'project-x',
    acronym: 'X, the first',
    fundingEur: 249999.5,
    durationMonths: 36,
    uncertain: false,
    keywords: ['omics', 'AI "deep" learning'],
    funderIds: ['isciii-es', 'anr-fr'],
    partners: [
      { organisationId: 'org-b', role: 'PARTNER' },
      { organisationId: 'org-c', role: 'COORDINATOR' },
      { organisationId: 'org-a', role: 'PARTNER' },
    ],
    sources: ['https://example.org/x'],
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('writes a row per state: lists joined with ";", partners by role, absent values empty, no other column', () => {
    const [row] = parse(entityCsvHeader(PROJECT) + entityCsvRows(PROJECT, [project]), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(row).toMatchObject({
      id: 'project-x',
      acronym: 'X, the first',
      fundingEur: '249999.5',
      durationMonths: '36',
      uncertain: 'false',
      keywords: 'omics;AI "deep" learning',
      funderIds: 'isciii-es;anr-fr',
      coordinator: 'org-c',
      partners: 'org-a;org-b',
      title: '',
      sources: 'https://example.org/x',
    });
    expect(Object.keys(row!)).not.toContain('updatedAt');
  });

  it('writes cells that the import reads back as the same values', () => {
    const [row] = parse(entityCsvHeader(PROJECT) + entityCsvRows(PROJECT, [project]), {
      columns: true,
    }) as Array<Record<string, string>>;
    const read = (name: string): unknown => {
      const coerced = coerceField(
        PROJECT.fields.find((field) => field.name === name)!,
        row![name],
      );
      return 'value' in coerced ? coerced.value : coerced;
    };
    expect(read('fundingEur')).toBe(249999.5);
    expect(read('uncertain')).toBe(false);
    expect(read('keywords')).toEqual(project.keywords);
    expect(read('funderIds')).toEqual(project.funderIds);
    expect(read('title')).toEqual({ absent: true });
  });

  it('gives nothing for no states', () => {
    expect(entityCsvRows(PROJECT, [])).toBe('');
  });

  it('refuses a list item holding the separator, which would be read back as two items', () => {
    expect(() => entityCsvRows(PROJECT, [{ ...project, keywords: ['a;b'] }])).toThrow(/contains ";"/);
  });
});
