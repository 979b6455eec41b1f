// Reads the coordinates of the places seeds/curation/locations.json names from the npm data
// package @countrystatecity/countries (states.json and cities.json per country folder).

import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CuratedLocations, PlaceCoordinates, Places } from './domainTypes';

async function readJsonFile(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** The data set behind the package, cited as the source of every coordinate read here. */
export const PLACES_SOURCE = 'https://github.com/dr5hn/countries-states-cities-database';
const PACKAGE = '@countrystatecity/countries';

type PackageState = {
  name: string;
  iso3166_2: string;
  iso2: string;
  latitude: string | null;
  longitude: string | null;
};
type PackageCity = { name: string; latitude: string | null; longitude: string | null };

function coordinates(
  name: string,
  latitude: string | null,
  longitude: string | null,
  what: string,
): PlaceCoordinates {
  const lat = Number(latitude);
  const lon = Number(longitude);
  if (latitude === null || longitude === null || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    throw new Error(`@countrystatecity/countries gives no coordinates for ${what}`);
  }
  return { name, latitude: lat, longitude: lon, source: PLACES_SOURCE };
}

/** The package's data folder (dist/data, one "<Name>-<CC>" folder per country). */
function dataDirectory(): string {
  return path.join(path.dirname(require.resolve('@countrystatecity/countries')), 'data');
}

/**
 * The coordinates of every subdivision and city that `locations` names. Throws an Error naming
 * the code when the package does not know it, so a typo in locations.json stops the build.
 * `directory` overrides the package's data folder (tests).
 */
export async function readPlaces(
  locations: CuratedLocations,
  directory: string = dataDirectory(),
): Promise<Places> {
  const places: Places = { subdivisions: {}, cities: {} };
  const codes = new Set<string>();
  for (const region of locations.regions)
    if (region.subdivisionCode !== null) codes.add(region.subdivisionCode);
  for (const headquarters of locations.headquarters) codes.add(headquarters.subdivisionCode);
  const folders = await readdir(directory);
  for (const code of [...codes].sort()) {
    const country = code.slice(0, 2);
    const countryFolder = folders.find((folder) => folder.endsWith(`-${country}`));
    if (countryFolder === undefined) {
      throw new Error(`locations.json: no country ${country} in ${PACKAGE} (for ${code})`);
    }
    const states = (await readJsonFile(path.join(directory, countryFolder, 'states.json'))) as PackageState[];
    const state = states.find((record) => record.iso3166_2 === code);
    if (state === undefined) throw new Error(`locations.json: ${code} is not a subdivision in ${PACKAGE}`);
    places.subdivisions[code] = coordinates(state.name.trim(), state.latitude, state.longitude, code);
    for (const headquarters of locations.headquarters.filter((entry) => entry.subdivisionCode === code)) {
      const stateFolders = await readdir(path.join(directory, countryFolder));
      const stateFolder = stateFolders.find((folder) => folder.endsWith(`-${state.iso2}`));
      const citiesFile =
        stateFolder === undefined ? null : path.join(directory, countryFolder, stateFolder, 'cities.json');
      const cities = citiesFile === null ? [] : ((await readJsonFile(citiesFile)) as PackageCity[]);
      const city = cities.find((record) => record.name === headquarters.city);
      if (city === undefined) {
        throw new Error(`locations.json: no city "${headquarters.city}" in ${code} of ${PACKAGE}`);
      }
      const what = `${headquarters.city} (${code})`;
      places.cities[`${code}/${headquarters.city}`] = coordinates(
        city.name,
        city.latitude,
        city.longitude,
        what,
      );
    }
  }
  return places;
}
