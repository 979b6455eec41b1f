// Gives regions their centroid and supranational funders their headquarters, from the places
// seeds/curation/locations.json names and readPlaces() read from a data package. Pure.

import type { CuratedLocations, Places } from './domainTypes';
import type { FunderRecord, RegionRecord } from '../model';

/** A region as buildSeeds makes it, before it is located. */
export type UnlocatedRegion = Omit<RegionRecord, 'subdivisionCode' | 'latitude' | 'longitude'>;
/** A funder as buildSeeds makes it, before it is located. */
export type UnlocatedFunder = Omit<FunderRecord, 'headquartersLatitude' | 'headquartersLongitude'>;

const FILE = 'seeds/curation/locations.json';

function uniqueInOrder(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * Regions with `subdivisionCode`, `latitude` and `longitude` (the subdivision's point in the
 * package, cited among the region's sources); null when locations.json says the region is no
 * subdivision. Throws an Error naming the region when locations.json misses a region, names
 * an unknown one, or names a subdivision of another country.
 */
export function locateRegions(
  regions: readonly UnlocatedRegion[],
  locations: CuratedLocations,
  places: Places,
): RegionRecord[] {
  const byRegion = new Map(locations.regions.map((entry) => [entry.regionId, entry]));
  for (const entry of locations.regions) {
    if (!regions.some((region) => region.id === entry.regionId)) {
      throw new Error(`${FILE}: region "${entry.regionId}" is not a region of the seeds (stale curation)`);
    }
  }
  return regions.map((region) => {
    const entry = byRegion.get(region.id);
    if (entry === undefined) {
      throw new Error(`${FILE}: region "${region.id}" has no entry (give its subdivisionCode or null)`);
    }
    if (entry.subdivisionCode === null)
      return { ...region, subdivisionCode: null, latitude: null, longitude: null };
    if (!entry.subdivisionCode.startsWith(`${region.countryCode}-`)) {
      throw new Error(
        `${FILE}: region "${region.id}" is in ${region.countryCode}, not in ${entry.subdivisionCode}`,
      );
    }
    const place = places.subdivisions[entry.subdivisionCode];
    if (place === undefined) throw new Error(`${FILE}: no coordinates read for ${entry.subdivisionCode}`);
    return {
      ...region,
      subdivisionCode: entry.subdivisionCode,
      latitude: place.latitude,
      longitude: place.longitude,
      sources: uniqueInOrder([...region.sources, place.source]),
    };
  });
}

/**
 * Funders with `headquartersLatitude` / `headquartersLongitude`: set for the funders
 * locations.json places at a headquarters city (the European Commission), null for the rest,
 * who are drawn at their region or country. The headquarters' source and the package are added
 * to the funder's sources.
 */
export function locateFunders(
  funders: readonly UnlocatedFunder[],
  locations: CuratedLocations,
  places: Places,
): FunderRecord[] {
  const byFunder = new Map(locations.headquarters.map((entry) => [entry.funderId, entry]));
  for (const entry of locations.headquarters) {
    if (!funders.some((funder) => funder.id === entry.funderId)) {
      throw new Error(`${FILE}: funder "${entry.funderId}" is not in funders.json (stale curation)`);
    }
  }
  return funders.map((funder) => {
    const entry = byFunder.get(funder.id);
    if (entry === undefined) return { ...funder, headquartersLatitude: null, headquartersLongitude: null };
    const place = places.cities[`${entry.subdivisionCode}/${entry.city}`];
    if (place === undefined) {
      throw new Error(`${FILE}: no coordinates read for ${entry.city} (${entry.subdivisionCode})`);
    }
    return {
      ...funder,
      headquartersLatitude: place.latitude,
      headquartersLongitude: place.longitude,
      sources: uniqueInOrder([...funder.sources, entry.source, place.source]),
    };
  });
}
