// A synthetic ROR data dump of any size in the shape of the real one, schema v2
// (https://ror.readme.io/docs/ror-data-structure; test/fixtures/ror/README.md): a JSON array of
// records with admin, domains, established, external_ids, id, links, locations, names,
// relationships, status and types. Every record is SYNTHETIC: its ROR id (0zz...), GRID, ISNI,
// Wikidata and Crossref Funder ids are invented and its names say "Synthetic". Records are made
// from their index, so every run writes the same file. Some name the synthetic CORDIS
// organisations of bench/cordisData.ts (`SYNTHETIC ORGANISATION <PIC>` in the same country), so
// that the matcher has work: by display name, by alias only, by acronym only (a review). Used by
// bench:connect's ROR part.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface SyntheticRorOptions {
  records: number;
  /** The PICs of the synthetic CORDIS organisations are firstPic .. firstPic + organisations - 1. */
  firstPic: number;
  organisations: number;
  /** Their countries in order (PIC % length), as the connector stores them (GR, GB: not EL, UK). */
  countries: readonly string[];
}

/** Crockford base32 as ROR ids use it (no i, l, o, u). */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(value: number, width: number): string {
  let text = '';
  for (let rest = value; text.length < width; rest = Math.floor(rest / 32)) text = BASE32[rest % 32]! + text;
  return text;
}

/** `https://ror.org/0zz<4 base32><2 digits>`: the shape of a ROR id, in a range ROR does not use. */
export function syntheticRorId(index: number): string {
  return `https://ror.org/0zz${base32(index, 4)}${String(index % 100).padStart(2, '0')}`;
}

const OTHER_COUNTRIES = ['US', 'CN', 'JP', 'BR', 'IN', 'CA', 'AU', 'CH', 'NO', 'KR', 'ZA', 'MX'];
const CITIES = ['Synthetic City A', 'Synthetic City B', 'Synthetic City C', 'Synthetic City D'];
const TYPES = [['education'], ['healthcare'], ['facility'], ['nonprofit'], ['company'], ['government']];

/** One record of the dump (its index decides everything). */
export function syntheticRorRecord(index: number, options: SyntheticRorOptions): Record<string, unknown> {
  // Every 3rd record names a CORDIS organisation while there are some left.
  const organisation = index % 3 === 0 && index / 3 < options.organisations ? index / 3 : null;
  const pic = organisation === null ? null : options.firstPic + organisation;
  const country =
    pic === null
      ? index % 2 === 0
        ? options.countries[index % options.countries.length]!
        : OTHER_COUNTRIES[index % OTHER_COUNTRIES.length]!
      : options.countries[pic % options.countries.length]!;
  const funder = index % 10 === 1;
  const status = index % 29 === 7 ? 'inactive' : index % 53 === 11 ? 'withdrawn' : 'active';
  const display =
    pic === null
      ? `Synthetic ${funder ? 'Research Council' : 'Institute'} ${index}`
      : // One in four matched organisations is reached by its alias only, one in eight by its acronym.
        organisation! % 8 === 1
        ? `Synthetic Organisation ${pic} (acronym only)`
        : organisation! % 4 === 2
          ? `Synthetic Institute of Organisation ${pic}`
          : `Synthetic Organisation ${pic}`;
  const names: Array<{ value: string; types: string[]; lang: string | null }> = [
    { value: display, types: ['ror_display', 'label'], lang: 'en' },
    { value: `Synthetische Einrichtung ${index}`, types: ['label'], lang: 'de' },
  ];
  if (pic !== null && organisation! % 4 === 2)
    names.push({ value: `Synthetic Organisation ${pic}`, types: ['alias'], lang: null });
  if (pic !== null && organisation! % 8 === 1)
    names.push({ value: `SO${pic % 1000}`, types: ['acronym'], lang: null });
  else names.push({ value: `SYN${base32(index, 4).toUpperCase()}`, types: ['acronym'], lang: null });
  const external: Array<{ type: string; all: string[]; preferred: string | null }> = [
    { type: 'grid', all: [`grid.${900_000 + index}.${(index % 16).toString(16)}`], preferred: null },
    {
      type: 'isni',
      all: [
        `0000 0009 ${String(Math.floor(index / 10_000) % 10_000).padStart(4, '0')} ${String(index % 10_000).padStart(4, '0')}`,
      ],
      preferred: null,
    },
    { type: 'wikidata', all: [`Q${990_000_000 + index}`], preferred: null },
  ];
  if (funder)
    external.push({ type: 'fundref', all: [`5999${String(index).padStart(8, '0')}`], preferred: null });
  external[0]!.preferred = external[0]!.all[0]!;
  return {
    admin: {
      created: { date: '2024-01-01', schema_version: '2.1' },
      last_modified: { date: '2025-10-01', schema_version: '2.1' },
    },
    domains: [],
    established: 1900 + (index % 120),
    external_ids: external,
    id: syntheticRorId(index),
    links: [{ type: 'website', value: `https://synthetic-${index}.example.org` }],
    locations: [
      {
        geonames_details: {
          continent_code: 'EU',
          continent_name: 'Europe',
          country_code: country,
          country_name: null,
          country_subdivision_code: null,
          country_subdivision_name: null,
          lat: 40 + (index % 200) / 10,
          lng: (index % 300) / 10,
          name: CITIES[index % CITIES.length]!,
        },
        geonames_id: 9_000_000 + (index % 1000),
      },
    ],
    names,
    relationships: [],
    status,
    types: funder ? ['funder'] : TYPES[index % TYPES.length]!,
  };
}

/** Writes the dump to `file` (one record a line, as a JSON array); returns its size in bytes. */
export async function writeSyntheticRorDump(file: string, options: SyntheticRorOptions): Promise<number> {
  const stream = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write('[\n');
  for (let index = 0; index < options.records; index += 1)
    await write(`${index === 0 ? '' : ',\n'}${JSON.stringify(syntheticRorRecord(index, options))}`);
  await write('\n]\n');
  stream.end();
  await once(stream, 'finish');
  return bytes;
}
