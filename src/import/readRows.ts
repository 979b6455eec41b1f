// Streams the rows of an import file: CSV (csv-parse, header row first), JSON Lines (one
// record per line) or JSON (a document read whole; for small files), decoded from UTF-8 (or
// the encoding named) with invalid bytes and NUL refused. Memory stays bounded for CSV and
// JSON Lines however long the file is; a SHA-256 of the bytes read is kept so that a file
// changed between passes is noticed.

import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { decodeDocument, decodeText, DEFAULT_ENCODING, TextDecodingError } from './decodeText';
import { isImportKind, type ImportKind } from '../model';

export const IMPORT_FORMATS = ['csv', 'jsonl', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest .json document read whole; bigger files should be CSV or JSON Lines. */
export const MAX_JSON_BYTES = 50 * 1024 * 1024;

/** A problem with the file as a whole (format, header, kind); nothing is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImportFileError';
  }
}

/** One record of the file: its position (CSV/JSONL line, or JSON record number) and raw values. */
export interface SourceRow {
  row: number;
  values: Record<string, unknown>;
}

/** The format of a file by its extension. */
export function formatOf(file: string): ImportFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.json') return 'json';
  throw new ImportFileError(
    path.basename(file),
    `unknown file type "${extension}"; expected .csv, .jsonl, .ndjson or .json`,
  );
}

/**
 * The kind of a file: the explicit one, else a JSON document's "kind", else the first word of
 * the file name (projects-2024.csv is a projects file).
 */
export async function kindOf(
  file: string,
  explicit: ImportKind | null,
  encoding = DEFAULT_ENCODING,
): Promise<ImportKind> {
  const name = path.basename(file);
  if (formatOf(file) === 'json') {
    const document = await readJsonDocument(file, encoding);
    const stated = Array.isArray(document) ? undefined : document.kind;
    if (stated !== undefined && !isImportKind(stated))
      throw new ImportFileError(
        name,
        `"kind" is ${JSON.stringify(stated)}; expected funders, calls, organisations, projects or links`,
      );
    if (explicit !== null && stated !== undefined && stated !== explicit)
      throw new ImportFileError(name, `says it holds ${stated}, but --kind is ${explicit}`);
    if (stated !== undefined) return stated;
  }
  if (explicit !== null) return explicit;
  const word = /^[a-z]+/i.exec(name)?.[0]?.toLowerCase();
  if (isImportKind(word)) return word;
  throw new ImportFileError(
    name,
    'cannot tell what the file holds; name it after its kind (funders, calls, organisations, projects or links, e.g. projects-2024.csv), give "kind" in a JSON document, or pass --kind',
  );
}

/**
 * Yields the file's rows in order. `onHeader` receives the CSV header (or, for JSON, the
 * union of keys is not known up front, so it is not called) and may throw ImportFileError.
 * `digest` receives the bytes read, for change detection.
 */
export async function* readRows(
  file: string,
  format: ImportFormat,
  options: { onHeader?: (columns: string[]) => void; digest?: Hash; encoding?: string } = {},
): AsyncGenerator<SourceRow> {
  const name = path.basename(file);
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  if (format === 'json') {
    const document = await readJsonDocument(file, encoding, options.digest);
    const records = Array.isArray(document) ? document : document.records;
    if (!Array.isArray(records))
      throw new ImportFileError(name, 'expected a JSON array of records or {"kind": ..., "records": [...]}');
    for (const [index, record] of records.entries())
      yield { row: index + 1, values: asRecord(name, record, `record ${index + 1}`) };
    return;
  }
  const input = fs.createReadStream(file);
  const text = decodeText(digested(input, options.digest), encoding);
  if (format === 'jsonl') {
    try {
      for await (const { line, text: content } of linesOf(text)) {
        if (content.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(content);
        } catch (error) {
          throw new ImportFileError(name, `line ${line} is not JSON (${(error as Error).message})`);
        }
        yield { row: line, values: asRecord(name, value, `line ${line}`) };
      }
    } catch (error) {
      throw error instanceof TextDecodingError ? new ImportFileError(name, error.message) : error;
    } finally {
      input.destroy();
    }
    return;
  }
  const source = Readable.from(text);
  const parser = source.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => {
        const columns = header.map((column) => column.trim());
        const seen = new Set<string>();
        for (const column of columns) {
          if (column === '') throw new ImportFileError(name, 'the header row has an empty column name');
          if (seen.has(column))
            throw new ImportFileError(name, `the header row names column "${column}" twice`);
          seen.add(column);
        }
        options.onHeader?.(columns);
        return columns;
      },
    }),
  );
  // pipe() does not pass errors on: a decoding error must end the parse.
  source.once('error', (error) => parser.destroy(error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { row: info.lines, values: record };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (error instanceof TextDecodingError) throw new ImportFileError(name, error.message);
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ImportFileError) throw cause;
    throw new ImportFileError(name, `is not valid CSV: ${(error as Error).message}`);
  } finally {
    source.destroy();
    input.destroy();
  }
}

/** The raw chunks of `input`, each added to `digest` first. */
async function* digested(input: AsyncIterable<Buffer>, digest: Hash | undefined): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    digest?.update(chunk);
    yield chunk;
  }
}

/** Splits decoded text into lines numbered from 1 (LF or CRLF). */
async function* linesOf(text: AsyncIterable<string>): AsyncGenerator<{ line: number; text: string }> {
  let buffer = '';
  let line = 0;
  for await (const part of text) {
    buffer += part;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      line += 1;
      yield { line, text: buffer.slice(0, newline).replace(/\r$/, '') };
      buffer = buffer.slice(newline + 1);
    }
  }
  if (buffer !== '') yield { line: line + 1, text: buffer.replace(/\r$/, '') };
}

async function readJsonDocument(
  file: string,
  encoding: string,
  digest?: Hash,
): Promise<Record<string, unknown> | unknown[]> {
  const name = path.basename(file);
  const { size } = await fs.promises.stat(file);
  if (size > MAX_JSON_BYTES) {
    throw new ImportFileError(
      name,
      `is ${size} bytes; JSON documents are read whole, so use CSV or JSON Lines above ${MAX_JSON_BYTES} bytes`,
    );
  }
  const bytes = await fs.promises.readFile(file);
  digest?.update(bytes);
  let text: string;
  try {
    text = await decodeDocument(bytes, encoding);
  } catch (error) {
    if (error instanceof TextDecodingError) throw new ImportFileError(name, error.message);
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(name, `is not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(document)) return document;
  if (typeof document === 'object' && document !== null) return document as Record<string, unknown>;
  throw new ImportFileError(name, 'expected a JSON array of records or {"kind": ..., "records": [...]}');
}

function asRecord(file: string, value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ImportFileError(file, `${where} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** A fresh SHA-256 for readRows' `digest`. */
export function newDigest(): Hash {
  return createHash('sha256');
}
