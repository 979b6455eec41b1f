// The ROR connector's source: the data dump (https://ror.readme.io/docs/data-dump; Zenodo,
// https://doi.org/10.5281/zenodo.6347574), a .json file or the release's .zip, streamed record by
// record (stream-json; the dump holds over 100,000 records and is never held in memory). Active
// records are emitted for the identity resolver, which puts them onto our organisations and
// funders; each gives its ROR id and external ids (GRID, ISNI, Wikidata, Crossref Funder ID).

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parser } from 'stream-json';
import { streamArray } from 'stream-json/streamers/StreamArray';
import yauzl from 'yauzl';
import { connectorLinkShape, type ConnectorLinkShape, type SeatCoordinateProperties } from '../../model';
import {
  connectorDataset,
  ConnectorInputError,
  type ConnectorRecord,
  type ConnectorSource,
  type ReadContext,
} from '../source';
import { isSchemaV1, readRorRecord, type RorRecord } from './rorRecord';

/** A run is refused when more than this share of the records cannot be read (as CORDIS's rows). */
export const MAX_MALFORMED_SHARE = 0.01;

/** Release files are named v<release>-<YYYY-MM-DD>-ror-data[_schema_v2].json. */
const RELEASE_DATE = /-(\d{4}-\d{2}-\d{2})-ror-data/;

const HAS_IDENTIFIER_SHAPES = [
  connectorLinkShape('HAS_IDENTIFIER', 'Organisation', 'Identifier')!,
  connectorLinkShape('HAS_IDENTIFIER', 'Funder', 'Identifier')!,
] satisfies ConnectorLinkShape[];

/** The JSON file of the dump: the file itself, or the zip entry that holds the schema v2 records. */
interface DumpEntry {
  /** e.g. v1.74-2025-11-24-ror-data.zip!v1.74-2025-11-24-ror-data_schema_v2.json */
  location: string;
  size: number;
  open(): Promise<Readable>;
}

async function openZipEntry(file: string): Promise<DumpEntry> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (error) {
    throw new ConnectorInputError(
      `${path.basename(file)} is not a zip archive that can be read (${(error as Error).message})`,
      'INPUT_NOT_ARCHIVE',
    );
  }
  const jsons: yauzl.Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    const name = path.posix.basename(entry.fileName);
    if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/') || name.startsWith('._'))
      continue;
    if (name.toLowerCase().endsWith('.json')) jsons.push(entry);
  }
  // Releases 1.45 to 1.74 hold a v1 file and a _schema_v2 file; later ones only v2 files.
  const v2 = jsons.filter((entry) => entry.fileName.endsWith('_schema_v2.json'));
  const chosen = v2.length > 0 ? v2 : jsons;
  if (chosen.length !== 1) {
    zip.close();
    throw new ConnectorInputError(
      `${path.basename(file)} holds ${chosen.length} candidate JSON files (${chosen.map((entry) => entry.fileName).join(', ') || 'none'}); expected the one of a ROR release`,
      chosen.length === 0 ? 'MISSING_FILE' : 'INPUT_AMBIGUOUS',
    );
  }
  const entry = chosen[0]!;
  return {
    location: `${path.basename(file)}!${entry.fileName}`,
    size: entry.uncompressedSize,
    open: () => zip.openReadStreamPromise(entry),
  };
}

/** The records of a dump entry in order, each parsed (one at a time), with its position (1-based). */
async function* dumpValues(
  entry: DumpEntry,
): AsyncGenerator<{ position: number; value: unknown; bytes: number }> {
  const input = await entry.open();
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const items = input.pipe(parser()).pipe(streamArray());
  // A parse error of the stream (not an array, truncated text) surfaces on the last stage.
  input.on('error', (error) => items.destroy(error));
  try {
    for await (const item of items as AsyncIterable<{ key: number; value: unknown }>)
      yield { position: item.key + 1, value: item.value, bytes };
  } catch (error) {
    throw new ConnectorInputError(
      `${entry.location} is not a JSON array of ROR records (${(error as Error).message})`,
      'WRONG_FORMAT',
    );
  } finally {
    input.destroy();
  }
}

/**
 * Opens a ROR dump (.json or .zip). Cheap checks only (the file exists and has a known
 * extension); check() reads it through.
 */
export async function openRorSource(file: string): Promise<ConnectorSource> {
  const stat = await fs.stat(file).catch(() => null);
  if (stat === null || !stat.isFile())
    throw new ConnectorInputError(`${file} is not a file`, 'INPUT_NOT_FOUND');
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.json' && extension !== '.zip')
    throw new ConnectorInputError(
      `${path.basename(file)}: expected a ROR dump as .json or .zip, received ${extension || 'no extension'}`,
      'WRONG_FORMAT',
    );
  const entry: DumpEntry =
    extension === '.zip'
      ? await openZipEntry(file)
      : { location: path.basename(file), size: stat.size, open: async () => createReadStream(file) };
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return {
    name: 'ror',
    dataset: connectorDataset('ROR', RELEASE_DATE.exec(entry.location)?.[1] ?? null),
    inputName: path.basename(file),
    format: extension.slice(1),
    sha256: hash.digest('hex'),
    // The resolver puts records onto existing nodes under our ids; what "vanished" is then the
    // identifiers ROR gave before and no longer does (the HAS_IDENTIFIER relationships).
    labels: [],
    shapes: HAS_IDENTIFIER_SHAPES,
    check: (context) => checkDump(entry, context),
    read: (context) => readDump(entry, context),
  };
}

/** Reads the whole dump: refuses schema v1 and more than 1% unreadable records; reports the rest. */
async function checkDump(entry: DumpEntry, context: ReadContext): Promise<void> {
  let records = 0;
  let malformed = 0;
  for await (const { position, value, bytes } of dumpValues(entry)) {
    if (position === 1 && isSchemaV1(value))
      throw new ConnectorInputError(
        `${entry.location} is in ROR schema v1 (records have "name", not "names"); use the release's _schema_v2.json file`,
        'WRONG_SCHEMA_VERSION',
      );
    records += 1;
    const read = readRorRecord(value);
    if (!read.ok) {
      malformed += 1;
      context.malformed({
        file: entry.location,
        line: position,
        reason: `record ${position}: ${read.reason}`,
      });
    }
    if (records % 5_000 === 0)
      context.progress({ file: entry.location, rows: records, bytes, totalBytes: entry.size });
  }
  if (records === 0) throw new ConnectorInputError(`${entry.location} holds no records`, 'EMPTY_FILE');
  if (malformed > records * MAX_MALFORMED_SHARE)
    throw new ConnectorInputError(
      `${entry.location}: ${malformed} of ${records} records cannot be read (more than ${MAX_MALFORMED_SHARE * 100}%)`,
      'TOO_MANY_MALFORMED',
    );
}

/**
 * The point of the record's city (its first location's GeoNames coordinates) as the seat of the
 * node it matches, marked CITY and ROR's; written only where nothing more precise is known (the
 * runner keeps a CORDIS address: src/model/coordinates.ts). Nulls when the record has no city.
 */
export function cityCoordinates(record: RorRecord): SeatCoordinateProperties {
  return {
    latitude: record.city?.latitude ?? null,
    longitude: record.city?.longitude ?? null,
    coordinatesPrecision: record.city === null ? null : 'CITY',
    coordinatesSource: record.city === null ? null : 'ROR',
  };
}

/** The dump's active records as matchable nodes (with their city's point), each followed by its identifiers. */
async function* readDump(entry: DumpEntry, context: ReadContext): AsyncGenerator<ConnectorRecord> {
  let records = 0;
  for await (const { position, value, bytes } of dumpValues(entry)) {
    records += 1;
    if (records % 5_000 === 0)
      context.progress({ file: entry.location, rows: records, bytes, totalBytes: entry.size });
    const read = readRorRecord(value);
    // Unreadable records were reported by check().
    if (!read.ok) continue;
    const record = read.record;
    context.tally('status', record.status);
    // Withdrawn and inactive records are not matched (ROR: "no longer in operation" or retired).
    if (record.status !== 'active') continue;
    if (record.countryCode === null) context.tally('skipped', 'no country');
    yield {
      kind: 'node',
      label: 'Organisation',
      id: record.id,
      properties: cityCoordinates(record),
      match: record.match,
    };
    for (const key of record.identifiers)
      yield {
        kind: 'link',
        shape: HAS_IDENTIFIER_SHAPES[0]!,
        from: record.id,
        to: key,
        properties: { source: 'ROR', confidence: 1 },
      };
    void position;
  }
}
