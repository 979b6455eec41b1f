// One record of the ROR data dump, schema v2 (https://ror.readme.io/docs/ror-data-structure):
// read into what the organisation matcher and the graph use, or the reason it cannot be. Pure.
// Facts of the format: the dump is one JSON array of records; `id` is the ROR URL; `status` is
// active, inactive or withdrawn; `names[]` carry `value`, `types` (ror_display, label, alias,
// acronym) and `lang`; `locations[].geonames_details` carry country_code, name, lat, lng;
// `external_ids[]` carry `type` (fundref, grid, isni, wikidata), `all` and `preferred` (ISNI
// values with spaces, e.g. "0000 0004 1784 3645"). Schema v1 records have a `name` string instead.

import { canonicalIdentifier, identifierKey, type IdentifierScheme } from '../../model';
import type { MatchRequest, NameKind } from '../organisationMatcher';

/** A ROR record as the connector uses it. */
export interface RorRecord {
  /** The ROR id as a URL, canonical (https://ror.org/0xxxxxxNN). */
  id: string;
  status: string;
  displayName: string;
  /** ISO 3166-1 alpha-2 of the first location, or null. */
  countryCode: string | null;
  /** The first location's city, with its GeoNames coordinates. */
  city: { name: string | null; latitude: number; longitude: number } | null;
  /** ROR organisation types, e.g. education, funder, healthcare, government. */
  types: string[];
  /** The matcher's view: names (display name first), country, identifier keys (ROR first). */
  match: MatchRequest;
  /** Identifier keys the record gives (ROR, FUNDREF, GRID, ISNI, WIKIDATA), canonical. */
  identifiers: string[];
}

const NAME_KIND_ORDER: ReadonlyArray<[string, NameKind]> = [
  ['ror_display', 'name'],
  ['label', 'label'],
  ['alias', 'alias'],
  ['acronym', 'acronym'],
];

/** ROR's external id types and the schemes they are. */
const EXTERNAL_SCHEMES: Readonly<Record<string, IdentifierScheme>> = {
  fundref: 'FUNDREF',
  grid: 'GRID',
  isni: 'ISNI',
  wikidata: 'WIKIDATA',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a parsed element looks like a schema v1 record (a `name` string, no `names` list). */
export function isSchemaV1(value: unknown): boolean {
  return isObject(value) && typeof value.name === 'string' && !Array.isArray(value.names);
}

/** The record, or the reason it cannot be read (the id, then which field is wrong). */
export function readRorRecord(
  value: unknown,
): { ok: true; record: RorRecord } | { ok: false; reason: string } {
  if (!isObject(value)) return { ok: false, reason: 'expected a JSON object' };
  const id = typeof value.id === 'string' ? canonicalIdentifier('ROR', value.id) : null;
  if (id === null) return { ok: false, reason: `id ${JSON.stringify(value.id ?? null)} is not a ROR id` };
  if (typeof value.status !== 'string') return { ok: false, reason: `${id}: status is missing` };
  if (!Array.isArray(value.names)) return { ok: false, reason: `${id}: names is not a list` };
  const names: Array<{ value: string; kind: NameKind }> = [];
  for (const [type, kind] of NAME_KIND_ORDER) {
    for (const name of value.names) {
      if (!isObject(name) || typeof name.value !== 'string' || !Array.isArray(name.types))
        return { ok: false, reason: `${id}: a name has no value or types` };
      if (name.types.includes(type) && !names.some((held) => held.value === name.value))
        names.push({ value: name.value, kind });
    }
  }
  const display = names.find((name) => name.kind === 'name');
  if (display === undefined) return { ok: false, reason: `${id}: no name of type ror_display` };
  const locations = Array.isArray(value.locations) ? value.locations : [];
  const first =
    isObject(locations[0]) && isObject(locations[0].geonames_details) ? locations[0].geonames_details : null;
  const countryCode =
    first !== null && typeof first.country_code === 'string' && /^[A-Z]{2}$/.test(first.country_code)
      ? first.country_code
      : null;
  const latitude = first === null ? NaN : Number(first.lat);
  const longitude = first === null ? NaN : Number(first.lng);
  const city =
    first !== null &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180 &&
    first.lat !== null &&
    first.lng !== null
      ? { name: typeof first.name === 'string' ? first.name : null, latitude, longitude }
      : null;
  const identifiers = [identifierKey({ scheme: 'ROR', value: id })];
  for (const external of Array.isArray(value.external_ids) ? value.external_ids : []) {
    if (!isObject(external) || typeof external.type !== 'string') continue;
    const scheme = EXTERNAL_SCHEMES[external.type];
    if (scheme === undefined) continue;
    const values = [external.preferred, ...(Array.isArray(external.all) ? external.all : [])];
    for (const text of values) {
      if (typeof text !== 'string') continue;
      const canonical = canonicalIdentifier(scheme, text);
      const key = canonical === null ? null : identifierKey({ scheme, value: canonical });
      if (key !== null && !identifiers.includes(key)) identifiers.push(key);
    }
  }
  const types = Array.isArray(value.types)
    ? value.types.filter((type): type is string => typeof type === 'string')
    : [];
  return {
    ok: true,
    record: {
      id,
      status: value.status,
      displayName: display.value,
      countryCode,
      city,
      types,
      identifiers,
      match: {
        // A ROR record of type funder may be one of our funders; any record may be an organisation.
        labels: types.includes('funder') ? ['Organisation', 'Funder'] : ['Organisation'],
        names,
        countryCode,
        identifiers,
      },
    },
  };
}
