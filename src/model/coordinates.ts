// Where a funder or an organisation is on a map: the point a public dataset gives for its own seat
// (CORDIS's geolocation of its address, ROR's city), how precise that point is, and which dataset
// gave it. A more precise point is never replaced by a less precise one (issue 18: "ROR's city
// coordinates only where nothing more precise is known"). Pure.

import { number, oneOf, type NodeOf } from './fields';
import { DATASET_IDS } from './sourceDatasets';

/**
 * How exact a point is, most precise first: PRECISE (the geocoded address, CORDIS `geolocation`),
 * CITY (the city's point: ROR's GeoNames location, or a headquarters city the curators name),
 * REGION (a region's centroid), COUNTRY (a country's centroid).
 */
export const COORDINATE_PRECISIONS = ['PRECISE', 'CITY', 'REGION', 'COUNTRY'] as const;
export type CoordinatePrecision = (typeof COORDINATE_PRECISIONS)[number];

/** The precisions a node's own stored coordinates can have (centroids are the region's or country's). */
export const SEAT_PRECISIONS = ['PRECISE', 'CITY'] as const;

/** A node's own coordinates, stored on Organisation and Funder, with their precision and their dataset. */
export const SEAT_COORDINATE_FIELDS = [
  number(
    'latitude',
    { min: -90, max: 90 },
    'Latitude of its seat in WGS84 degrees (see coordinatesPrecision).',
  ),
  number('longitude', { min: -180, max: 180 }, 'Longitude of its seat in WGS84 degrees.'),
  oneOf(
    'coordinatesPrecision',
    SEAT_PRECISIONS,
    "How exact latitude/longitude are: PRECISE (its address, CORDIS geolocation) or CITY (its city's point, ROR).",
  ),
  oneOf(
    'coordinatesSource',
    DATASET_IDS,
    'The dataset that gave latitude/longitude, e.g. CORDIS_HORIZON_EUROPE or ROR.',
  ),
] as const;
export type SeatCoordinateProperties = NodeOf<typeof SEAT_COORDINATE_FIELDS>;

/** The stored properties that travel together: written all four or none. */
export const SEAT_COORDINATE_PROPERTIES = SEAT_COORDINATE_FIELDS.map((field) => field.name);

function rankOf(precision: unknown): number | null {
  const rank = (COORDINATE_PRECISIONS as readonly unknown[]).indexOf(precision);
  return rank < 0 ? null : rank;
}

/**
 * What of a record's properties to write, given the node's stored properties: the record's seat
 * coordinates (the four SEAT_COORDINATE_PROPERTIES, present when `coordinatesPrecision` is a key
 * of `properties`) are left out when the node holds more precise ones (ROR's city after CORDIS's
 * address), or when the record gives none and another dataset gave the stored ones. A point as
 * precise as the stored one replaces it (a newer export of the same dataset, or another CORDIS
 * export); a record of the dataset that gave the stored point and now gives none removes it.
 * Records without `coordinatesPrecision` are returned as they are.
 */
export function seatCoordinatesToWrite(
  properties: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>> | undefined,
  dataset: string,
): Record<string, unknown> {
  if (!('coordinatesPrecision' in properties)) return { ...properties };
  const given = rankOf(properties.coordinatesPrecision);
  const held = rankOf(stored?.coordinatesPrecision);
  const keepStored = held !== null && (given === null ? stored?.coordinatesSource !== dataset : held < given);
  if (!keepStored) return { ...properties };
  return Object.fromEntries(
    Object.entries(properties).filter(
      ([name]) => !(SEAT_COORDINATE_PROPERTIES as readonly string[]).includes(name),
    ),
  );
}
