// Countries (ISO 3166-1, facts from the world-countries package) and sub-national regions a funder
// acts for or a call lists.

import { country, id, number, text, type NodeOf, type RecordOf } from './fields';
import { SOURCES } from './sourced';

export const COUNTRY_FIELDS = [
  country('id', 'ISO 3166-1 alpha-2 code, upper case; also the id.', { required: true }),
  country('code', 'ISO 3166-1 alpha-2 code, upper case.', { required: true }),
  text('name', 'Common name.', { required: true }),
  text('officialName', 'Official name.', { required: true }),
  number('latitude', { min: -90, max: 90 }, 'Centroid latitude (world-countries, WGS84 degrees).', {
    required: true,
  }),
  number('longitude', { min: -180, max: 180 }, 'Centroid longitude (WGS84 degrees).', { required: true }),
  text('continent', 'world-countries `region`: Africa, Americas, Antarctic, Asia, Europe or Oceania.', {
    required: true,
  }),
  text('subregion', 'world-countries `subregion`, e.g. "Northern Europe".', { required: true }),
  SOURCES,
] as const;

export type CountryRecord = RecordOf<typeof COUNTRY_FIELDS>;
/** Countries are stored exactly as their records describe them. */
export type CountryProperties = NodeOf<typeof COUNTRY_FIELDS>;

/**
 * A region, e.g. Navarre: id is the lower-case country code plus the slug of the name
 * ("es-navarre"); "European Union" is not a region.
 */
export const REGION_FIELDS = [
  id('id', 'Country code and slug of the name, e.g. es-navarre.', { required: true }),
  text('name', 'Name of the region.', { required: true }),
  country('countryCode', 'The country it is part of.', {
    required: true,
    relation: { type: 'PART_OF', other: 'Country', direction: 'out', alsoProperty: true },
  }),
  text('subdivisionCode', 'ISO 3166-2 code of the subdivision it is, e.g. ES-NC; null when none.'),
  number(
    'latitude',
    { min: -90, max: 90 },
    "The subdivision's latitude (WGS84 degrees); null with subdivisionCode.",
  ),
  number('longitude', { min: -180, max: 180 }, "The subdivision's longitude (WGS84 degrees)."),
  SOURCES,
] as const;

export type RegionRecord = RecordOf<typeof REGION_FIELDS>;
export type RegionProperties = NodeOf<typeof REGION_FIELDS>;

/** The fields of a world-countries record that the seed builder and imports read. */
export type CountryData = {
  cca2: string;
  name: { common: string; official: string };
  /** [latitude, longitude] of the country's centroid, WGS84 degrees. */
  latlng: [number, number];
  /** Continent-level region, e.g. "Europe", "Americas". */
  region: string;
  subregion: string;
};

/** Where the country facts come from (the world-countries package's repository). */
export const COUNTRY_DATA_SOURCE = 'https://github.com/mledoze/countries';

/** The Country record of one world-countries entry: names, centroid, continent, and the package as source. */
export function countryRecordOf(data: CountryData): CountryRecord {
  return {
    id: data.cca2,
    code: data.cca2,
    name: data.name.common,
    officialName: data.name.official,
    latitude: data.latlng[0],
    longitude: data.latlng[1],
    continent: data.region,
    subregion: data.subregion,
    sources: [COUNTRY_DATA_SOURCE],
  };
}
