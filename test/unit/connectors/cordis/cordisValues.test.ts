// The readers of CORDIS field values (docs/connectors.md, "The CORDIS export format"): amounts with
// a decimal comma or point, dates and timestamps in one column, EL/UK country codes, geolocations,
// booleans and euroSciVoc codes with or without the leading slash.

import {
  cordisAmount,
  cordisBoolean,
  cordisCountry,
  cordisDate,
  cordisGeolocation,
  cordisInteger,
  cordisTimestamp,
  CordisValueError,
  euroSciVocSegments,
} from '../../../../src/connectors/cordis/cordisValues';

describe('cordisAmount', () => {
  it('reads a decimal comma (project.csv) and a decimal point (organization.csv) alike', () => {
    expect(cordisAmount('7567787,5')).toBe(7567787.5);
    expect(cordisAmount('68562.5')).toBe(68562.5);
    expect(cordisAmount('230000')).toBe(230000);
  });

  it('reads an empty field as null', () => {
    expect(cordisAmount('')).toBeNull();
    expect(cordisAmount('  ')).toBeNull();
  });

  it('refuses thousands separators and text, naming what it expected', () => {
    expect(() => cordisAmount('1.234.567,5')).toThrow(CordisValueError);
    expect(() => cordisAmount('EUR 12')).toThrow(/expected an amount such as 7567787,5 or 68562\.5/);
  });
});

describe('cordisDate', () => {
  it('reads a date and the day of a timestamp', () => {
    expect(cordisDate('2023-01-01')).toBe('2023-01-01');
    expect(cordisDate('2023-02-01 00:00:00')).toBe('2023-02-01');
  });

  it('refuses a day that does not exist and other forms', () => {
    expect(() => cordisDate('2023-02-30')).toThrow(CordisValueError);
    expect(() => cordisDate('01/02/2023')).toThrow(/YYYY-MM-DD/);
  });
});

describe('cordisTimestamp', () => {
  it('reads a timestamp and a bare date as ISO 8601 in UTC', () => {
    expect(cordisTimestamp('2024-01-15 10:00:00')).toBe('2024-01-15T10:00:00Z');
    expect(cordisTimestamp('2024-01-15')).toBe('2024-01-15T00:00:00Z');
    expect(cordisTimestamp('')).toBeNull();
  });
});

describe('cordisCountry', () => {
  it('reads EL as GR and UK as GB, and other ISO codes as they are', () => {
    expect(cordisCountry('EL')).toBe('GR');
    expect(cordisCountry('UK')).toBe('GB');
    expect(cordisCountry('de')).toBe('DE');
  });

  it('refuses a code ISO 3166-1 does not have', () => {
    expect(() => cordisCountry('ZZ')).toThrow(/ISO 3166-1 alpha-2/);
    expect(() => cordisCountry('DE;HU')).toThrow(CordisValueError);
  });
});

describe('cordisGeolocation', () => {
  it('reads "lat,lon" in degrees', () => {
    expect(cordisGeolocation('51.525895694,-0.13394298')).toEqual({
      latitude: 51.525895694,
      longitude: -0.13394298,
    });
  });

  it('refuses a latitude beyond 90 degrees and a value that is not a pair', () => {
    expect(() => cordisGeolocation('91,10')).toThrow(CordisValueError);
    expect(() => cordisGeolocation('51.5')).toThrow(/latitude,longitude/);
  });
});

describe('cordisBoolean and cordisInteger', () => {
  it('read true/false and whole numbers; empty is null', () => {
    expect(cordisBoolean('true')).toBe(true);
    expect(cordisBoolean('FALSE')).toBe(false);
    expect(cordisBoolean('')).toBeNull();
    expect(cordisInteger('101136464')).toBe(101136464);
    expect(cordisInteger('')).toBeNull();
  });

  it('refuse anything else', () => {
    expect(() => cordisBoolean('yes')).toThrow(CordisValueError);
    expect(() => cordisInteger('12a')).toThrow(/whole number/);
  });
});

describe('euroSciVocSegments', () => {
  it('drops the leading slash some exports write, and reads a path the same way', () => {
    expect(euroSciVocSegments('/21/33/5029300')).toEqual(['21', '33', '5029300']);
    expect(euroSciVocSegments('21/33/5029300')).toEqual(['21', '33', '5029300']);
    expect(euroSciVocSegments('/medical and health sciences/health sciences/personalized medicine')).toEqual([
      'medical and health sciences',
      'health sciences',
      'personalized medicine',
    ]);
    expect(euroSciVocSegments('')).toEqual([]);
  });
});
