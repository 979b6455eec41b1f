// ROR data dump records for tests, in schema v2's shape (https://ror.readme.io/docs/ror-data-structure),
// every one SYNTHETIC: its ROR id must lie in the invented range https://ror.org/0zzzz... (refused
// otherwise, so a real ROR id cannot slip into a test), and a dump is written to a file named
// synthetic-*.json. Names may be those of our seed records, so that the matcher has something to
// match; nothing else of a record is ROR's. test/fixtures/ror/README.md says the same of the files.

import fs from 'node:fs';
import path from 'node:path';

/** What a test says of a synthetic ROR record; the rest is the v2 shape with empty lists. */
export interface SyntheticRorRecordOptions {
  /** The id's last part, in the synthetic range: 0zzzz followed by four characters, e.g. 0zzzzy201. */
  id: string;
  /** The display name (types ror_display and label). */
  name: string;
  /** ISO alpha-2 code of the first location's country. */
  countryCode: string;
  /** The first location's GeoNames point, [lat, lng]; default [1, 2], an arbitrary synthetic point. */
  point?: [number, number];
  /** Record types, e.g. ['government', 'funder']; default ['education']. */
  types?: string[];
  /** Names besides the display name, e.g. { value: 'SYN', types: ['acronym'], lang: null }. */
  otherNames?: Array<{ value: string; types: string[]; lang: string | null }>;
  /** external_ids entries (invented values only). */
  externalIds?: Array<{ type: string; all: string[]; preferred: string | null }>;
  /** active (default), inactive or withdrawn. */
  status?: string;
}

const SYNTHETIC_ID = /^0zzzz[0-9a-z]{4}$/;

/** A synthetic ROR v2 record; throws a TypeError for an id outside the synthetic range. */
export function syntheticRorRecord(options: SyntheticRorRecordOptions): Record<string, unknown> {
  if (!SYNTHETIC_ID.test(options.id))
    throw new TypeError(
      `syntheticRorRecord expects an id 0zzzz followed by 4 characters, received ${options.id}`,
    );
  const [lat, lng] = options.point ?? [1, 2];
  return {
    admin: { created: { date: '2024-01-01', schema_version: '2.1' } },
    domains: [],
    established: null,
    external_ids: options.externalIds ?? [],
    id: `https://ror.org/${options.id}`,
    links: [],
    locations: [
      {
        geonames_id: 1,
        geonames_details: { country_code: options.countryCode, lat, lng, name: 'Synthetic City' },
      },
    ],
    names: [
      { value: options.name, types: ['ror_display', 'label'], lang: null },
      ...(options.otherNames ?? []),
    ],
    relationships: [],
    status: options.status ?? 'active',
    types: options.types ?? ['education'],
  };
}

/** Writes `records` as a ROR dump (a JSON array) to `dir`/synthetic-`name`.json; returns the file's path. */
export function writeSyntheticRorDump(
  dir: string,
  name: string,
  records: ReadonlyArray<Record<string, unknown>>,
): string {
  const file = path.join(dir, `synthetic-${name.replace(/^synthetic-/, '').replace(/\.json$/, '')}.json`);
  fs.writeFileSync(file, JSON.stringify(records));
  return file;
}
