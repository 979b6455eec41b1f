// On hand-written records in the shape of ROR schema v2 (synthetic ids).
import { isSchemaV1, readRorRecord } from '../../../../src/connectors/ror/rorRecord';
import { syntheticRorRecord } from '../../../helpers/rorRecords';

const RECORD = {
  id: 'https://ror.org/0zzzzz001',
  status: 'active',
  types: ['funder', 'government'],
  names: [
    { value: 'SYN', types: ['acronym'], lang: null },
    { value: 'Synthetic Agency', types: ['ror_display', 'label'], lang: 'en' },
    { value: 'Agence Synthétique', types: ['label'], lang: 'fr' },
    { value: 'Old Synthetic Office', types: ['alias'], lang: null },
  ],
  locations: [
    { geonames_id: 1, geonames_details: { country_code: 'FR', name: 'Paris', lat: 48.85, lng: 2.35 } },
  ],
  external_ids: [
    { type: 'isni', all: ['0000 0000 9999 0001'], preferred: null },
    { type: 'fundref', all: ['999999001', '999999002'], preferred: '999999001' },
    { type: 'grid', all: ['grid.99901.a'], preferred: 'grid.99901.a' },
    { type: 'wikidata', all: ['Q999999001'], preferred: null },
    { type: 'unknown-scheme', all: ['x'], preferred: null },
  ],
  relationships: [],
};

describe('readRorRecord', () => {
  it('reads names in the order display, labels, aliases, acronyms, with their kinds', () => {
    const read = readRorRecord(RECORD);
    if (!read.ok) throw new Error(read.reason);
    expect(read.record.match.names).toEqual([
      { value: 'Synthetic Agency', kind: 'name' },
      { value: 'Agence Synthétique', kind: 'label' },
      { value: 'Old Synthetic Office', kind: 'alias' },
      { value: 'SYN', kind: 'acronym' },
    ]);
    expect(read.record.displayName).toBe('Synthetic Agency');
  });

  it('gives the ROR id first, then every external id in canonical form (ISNI without spaces, all Funder IDs)', () => {
    const read = readRorRecord(RECORD);
    if (!read.ok) throw new Error(read.reason);
    expect(read.record.identifiers).toEqual([
      'ROR:https://ror.org/0zzzzz001',
      'ISNI:0000000099990001',
      'FUNDREF:999999001',
      'FUNDREF:999999002',
      'GRID:grid.99901.a',
      'WIKIDATA:Q999999001',
    ]);
  });

  it('takes the country and city of the first location, and lets a funder record match funders too', () => {
    const read = readRorRecord(RECORD);
    if (!read.ok) throw new Error(read.reason);
    expect(read.record.countryCode).toBe('FR');
    expect(read.record.city).toEqual({ name: 'Paris', latitude: 48.85, longitude: 2.35 });
    expect(read.record.match.labels).toEqual(['Organisation', 'Funder']);
    const university = readRorRecord({ ...RECORD, types: ['education'] });
    expect(university.ok && university.record.match.labels).toEqual(['Organisation']);
  });

  it.each([
    [{ ...RECORD, id: 'https://example.org/x' }, 'is not a ROR id'],
    [{ ...RECORD, status: undefined }, 'status is missing'],
    [{ ...RECORD, names: 'Synthetic' }, 'names is not a list'],
    [{ ...RECORD, names: [{ value: 'SYN', types: ['acronym'] }] }, 'no name of type ror_display'],
    [{ ...RECORD, names: [{ value: 3 }] }, 'a name has no value or types'],
    [[1, 2], 'expected a JSON object'],
  ])('refuses a record that is not v2 (%#) with the reason', (value, reason) => {
    const read = readRorRecord(value);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain(reason);
  });

  it('has no country or city when the location lacks them', () => {
    const read = readRorRecord({ ...RECORD, locations: [] });
    expect(read.ok && [read.record.countryCode, read.record.city]).toEqual([null, null]);
  });
});

describe('isSchemaV1', () => {
  it('tells a v1 record (name, no names) from a v2 one', () => {
    expect(isSchemaV1({ id: 'https://ror.org/0zzzzz001', name: 'Synthetic Agency' })).toBe(true);
    expect(isSchemaV1(RECORD)).toBe(false);
  });
});

describe('syntheticRorRecord (test/helpers/rorRecords.ts)', () => {
  it('builds a record the connector reads, at its synthetic id, country and point', () => {
    const read = readRorRecord(
      syntheticRorRecord({
        id: '0zzzzy001',
        name: 'Synthetic Agency',
        countryCode: 'FR',
        point: [48.85, 2.35],
      }),
    );
    if (!read.ok) throw new Error(read.reason);
    expect(read.record).toMatchObject({
      id: 'https://ror.org/0zzzzy001',
      countryCode: 'FR',
      city: { latitude: 48.85, longitude: 2.35 },
      match: { labels: ['Organisation'], names: [{ value: 'Synthetic Agency', kind: 'name' }] },
    });
  });

  it('refuses an id outside the synthetic range, so that no real ROR id enters a test', () => {
    expect(() => syntheticRorRecord({ id: '01bj3aw27', name: 'X', countryCode: 'FR' })).toThrow(
      new TypeError('syntheticRorRecord expects an id 0zzzz followed by 4 characters, received 01bj3aw27'),
    );
  });
});
