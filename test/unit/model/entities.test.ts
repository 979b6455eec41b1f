// The import kinds follow from the entity declarations: columns in template order, seed-only
// properties left out, relationships from the columns that declare one.

import { CALL_FIELDS, ENTITY_DEFS, FUNDER, PROJECT, recordSchema } from '../../../src/model';

describe('entityDef', () => {
  it("lists the funder columns in the templates' order, seed-only coordinates left out", () => {
    expect(FUNDER.fields.map((field) => field.name)).toEqual([
      'id',
      'name',
      'acronym',
      'kind',
      'countryCode',
      'regionId',
      'programmeIds',
      'callIds',
      'roles',
      'notes',
      'uncertain',
      'identifiers',
      'sources',
    ]);
  });

  it('derives the relationships from the columns that declare one', () => {
    expect(FUNDER.relations).toEqual([
      {
        field: 'countryCode',
        type: 'BASED_IN',
        other: 'Country',
        direction: 'out',
        many: false,
        alsoProperty: true,
      },
      { field: 'regionId', type: 'BASED_IN', other: 'Region', direction: 'out', many: false },
      { field: 'programmeIds', type: 'MEMBER_OF', other: 'Programme', direction: 'out', many: true },
      { field: 'callIds', type: 'PARTICIPATES_IN', other: 'Call', direction: 'out', many: true },
    ]);
  });

  it('gives a project import its coordinator and partners columns, and its seed record the partnerships', () => {
    const columns = PROJECT.fields.map((field) => `${field.name}:${field.kind}`);
    expect(columns).toEqual(expect.arrayContaining(['coordinator:organisation', 'partners:organisation']));
    expect(columns).not.toContain('year:integer');
    expect(PROJECT.relations.map((relation) => relation.field)).toEqual([
      'programmeId',
      'callId',
      'funderIds',
      'partnerCountryCodes',
    ]);
  });

  it('keeps every import kind of the entity nodes', () => {
    expect(Object.keys(ENTITY_DEFS)).toEqual(['funders', 'calls', 'organisations', 'projects']);
  });
});

describe('record schemas', () => {
  it('refuse a call record without participatingRegionIds (a seed-only property)', () => {
    const result = recordSchema(CALL_FIELDS).safeParse({});
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain('participatingRegionIds');
  });
});
