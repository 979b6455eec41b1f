// One CSV file of a CORDIS export, row by row from its stream (never whole in memory): the header
// is recognised by its column names (an unknown header refuses the input), every row is split by
// the CORDIS line splitter and its column count checked; a row that cannot be read is reported
// (file, line, reason) and skipped.

import readline from 'node:readline';
import { ConnectorInputError, type MalformedRow } from '../source';
import { recogniseHeader, type CordisFileSpec, type HeaderIndex } from './cordisFormat';
import type { CordisEntry } from './cordisInput';
import { splitCordisLine } from './splitCordisLine';

/** A row of a recognised file: its line number and its fields by column name. */
export interface CordisRow {
  line: number;
  /** The field of `column`, or '' when the header has no such (optional) column. */
  field(column: string): string;
}

/** What reading a file reports as it goes. */
export interface FileReadEvents {
  malformed(row: MalformedRow): void;
  /** Bytes of this file read so far, and rows. */
  progress(bytes: number, rows: number): void;
}

class Row implements CordisRow {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly index: HeaderIndex,
  ) {}

  field(column: string): string {
    const at = this.index.get(column);
    return at === undefined ? '' : (this.fields[at] ?? '');
  }
}

/** Reports progress every this many rows (and at the end). */
const PROGRESS_EVERY = 1_000;

/**
 * The rows of `entry`, read as the file `spec` describes. Throws ConnectorInputError when the
 * file is empty or its header is not a known CORDIS header of that file.
 */
export async function* readCordisFile(
  entry: CordisEntry,
  spec: CordisFileSpec,
  events: FileReadEvents,
): AsyncGenerator<CordisRow> {
  const stream = await entry.open();
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let index: HeaderIndex | null = null;
  let lineNumber = 0;
  let rows = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (index === null) {
        index = header(entry, spec, line);
        continue;
      }
      if (line.trim() === '') continue;
      rows += 1;
      if (rows % PROGRESS_EVERY === 0) events.progress(bytes, rows);
      const split = splitCordisLine(line);
      if ('error' in split) {
        events.malformed({
          file: entry.name,
          line: lineNumber,
          code: 'UNSPLITTABLE_LINE',
          reason: split.error,
        });
        continue;
      }
      if (split.fields.length !== index.size) {
        events.malformed({
          file: entry.name,
          line: lineNumber,
          code: 'FIELD_COUNT',
          reason: `expected ${index.size} fields as in the header, found ${split.fields.length}`,
        });
        continue;
      }
      yield new Row(lineNumber, split.fields, index);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (index === null)
    throw new ConnectorInputError(`${entry.name} is empty: it has no header line`, 'EMPTY_FILE');
  events.progress(bytes, rows);
}

function header(entry: CordisEntry, spec: CordisFileSpec, line: string): HeaderIndex {
  const split = splitCordisLine(line);
  if ('error' in split)
    throw new ConnectorInputError(
      `${entry.name} line 1: the header line cannot be read: ${split.error}`,
      'UNKNOWN_HEADER',
    );
  const index = recogniseHeader(spec, split.fields);
  if (typeof index === 'string')
    throw new ConnectorInputError(`${entry.name} line 1: ${index}`, 'UNKNOWN_HEADER');
  return index;
}
