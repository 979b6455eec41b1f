// Where a funder or an organisation is drawn on a map: its own seat's point (a CORDIS address, a
// ROR city, the curated headquarters of the European Commission), else its region's or country's
// centroid. One reading for the networks, the exports and the Funder/Organisation `coordinates`
// field, so that the API places a node at one point wherever it is asked.

import type { Coordinates } from '../analytics/networkData';
import { isDatasetId, type DatasetId } from '../model';
import type { EntityLabel } from './models';
import type { Db } from './run';

/** The labels with a place of their own (`coordinates` on Funder and Organisation). */
export const PLACED_LABELS = ['Funder', 'Organisation'] as const;
export type PlacedLabel = (typeof PLACED_LABELS)[number];

/** What nodeCoordinates reads of a node: its properties, its country's centroid and a regional funder's region's. */
export interface PlaceRow {
  props: Record<string, unknown>;
  home: { code: string; latitude: number; longitude: number } | null;
  region?: { id: string; latitude: number; longitude: number } | null;
}

/**
 * The centroids a node falls back to, as map entries over the node bound to `x`: `home`, the
 * centroid of the country it is located in, based in or part of; `region`, the centroid of the
 * region a regional funder is based in (the first by id that has one).
 */
export function centroidFields(x: string): string {
  return `home: head(COLLECT { MATCH (${x})-[:LOCATED_IN|BASED_IN|PART_OF]->(home:Country) RETURN home {.code, .latitude, .longitude} ORDER BY home.code }),
    region: head(COLLECT { MATCH (${x})-[:BASED_IN]->(region:Region) WHERE region.latitude IS NOT NULL
      RETURN region {.id, .latitude, .longitude} ORDER BY region.id })`;
}

/** The node properties nodeCoordinates reads (the seat's four, src/model/coordinates.ts, and a headquarters). */
const SEAT_PROPERTIES = [
  'latitude',
  'longitude',
  'coordinatesPrecision',
  'coordinatesSource',
  'headquartersLatitude',
  'headquartersLongitude',
] as const;

/** A PlaceRow of the node bound to `x` as one Cypher map: only the properties a place reads, and its centroids. */
export function placeOf(x: string): string {
  return `{props: ${x} {${SEAT_PROPERTIES.map((name) => `.${name}`).join(', ')}}, ${centroidFields(x)}}`;
}

function checkedLabel(label: PlacedLabel): PlacedLabel {
  // Labels cannot be parameters; each is checked against the closed list.
  if (!PLACED_LABELS.includes(label))
    throw new TypeError(`placesByIdCypher expects Funder or Organisation, received ${String(label)}`);
  return label;
}

/** The statement reading the places of records of `label` by id; exported for tests. */
export function placesByIdCypher(label: PlacedLabel): string {
  return `UNWIND $keys AS key
MATCH (n:${checkedLabel(label)} {id: key})
RETURN key, ${placeOf('n')} AS value`;
}

/** For each key, the place of the record of `label` with that id, or null when there is none. One statement. */
export async function placesById(
  db: Db,
  label: PlacedLabel,
  keys: readonly string[],
): Promise<(PlaceRow | null)[]> {
  const rows = await db.read<{ key: string; value: PlaceRow }>(placesByIdCypher(label), { keys });
  const byKey = new Map(rows.map((row) => [row.key, row.value]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** The precision of each basis (src/model/coordinates.ts, COORDINATE_PRECISIONS). */
const PRECISION_OF_BASIS: Readonly<Record<Coordinates['basis'], Coordinates['precision']>> = {
  ADDRESS: 'PRECISE',
  HEADQUARTERS: 'CITY',
  CITY: 'CITY',
  REGION_CENTROID: 'REGION',
  COUNTRY_CENTROID: 'COUNTRY',
};

/** Centroids and the curated headquarters are placed by the curated data (seeds/, its data packages). */
const CURATED: DatasetId = 'PERMED_CURATED';

function point(
  latitude: unknown,
  longitude: unknown,
  basis: Coordinates['basis'],
  source: unknown = CURATED,
): Coordinates | null {
  return typeof latitude === 'number' && typeof longitude === 'number'
    ? {
        latitude,
        longitude,
        basis,
        precision: PRECISION_OF_BASIS[basis],
        source: isDatasetId(source) ? source : CURATED,
      }
    : null;
}

/** A node's own stored point (connectors: CORDIS address, ROR city) when it has `precision`, else null. */
function seat(props: PlaceRow['props'], precision: 'PRECISE' | 'CITY'): Coordinates | null {
  if (props.coordinatesPrecision !== precision) return null;
  return point(
    props.latitude,
    props.longitude,
    precision === 'PRECISE' ? 'ADDRESS' : 'CITY',
    props.coordinatesSource,
  );
}

/**
 * Where a node is drawn, most precise first: a country or region at its own centroid; a funder
 * at its address (CORDIS), else its curated headquarters (the European Commission), else its
 * city (ROR), else its region's centroid, else its country's; an organisation at its address,
 * else its city, else its country's centroid. Other kinds have no location (null).
 */
export function nodeCoordinates(label: EntityLabel, row: PlaceRow): Coordinates | null {
  const { props } = row;
  switch (label) {
    case 'Country':
      return point(props.latitude, props.longitude, 'COUNTRY_CENTROID');
    case 'Region':
      return (
        point(props.latitude, props.longitude, 'REGION_CENTROID') ??
        point(row.home?.latitude, row.home?.longitude, 'COUNTRY_CENTROID')
      );
    case 'Funder':
      return (
        seat(props, 'PRECISE') ??
        point(props.headquartersLatitude, props.headquartersLongitude, 'HEADQUARTERS') ??
        seat(props, 'CITY') ??
        point(row.region?.latitude, row.region?.longitude, 'REGION_CENTROID') ??
        point(row.home?.latitude, row.home?.longitude, 'COUNTRY_CENTROID')
      );
    case 'Organisation':
      return (
        seat(props, 'PRECISE') ??
        seat(props, 'CITY') ??
        point(row.home?.latitude, row.home?.longitude, 'COUNTRY_CENTROID')
      );
    default:
      return null;
  }
}
