// Decodes an import file's bytes to text, refusing what would store garbage: bytes that are
// not valid UTF-8 (a latin-1 file read as UTF-8 stored "Universit� M�nchen", issue 8) and NUL
// bytes, each reported with its row (line) and byte offset. Another encoding can be named.

import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** The encoding files are read in unless `--encoding` names another. */
export const DEFAULT_ENCODING = 'utf-8';

/** A byte the file must not contain, at `row` (its line, from 1) and `offset` (bytes from 0). */
export class TextDecodingError extends Error {
  constructor(
    readonly row: number,
    readonly offset: number | null,
    readonly reason: string,
  ) {
    super(`row ${row}${offset === null ? '' : `, byte offset ${offset}`}: ${reason}`);
    this.name = 'TextDecodingError';
  }
}

/**
 * The WHATWG name of an encoding label (`latin1` -> `windows-1252`, `utf8` -> `utf-8`), as
 * TextDecoder understands it. Throws a RangeError naming the label when it is not one.
 */
export function canonicalEncoding(label: string): string {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new RangeError(
      `unknown encoding "${label}"; use a WHATWG label such as utf-8, latin1, windows-1252 or utf-16le`,
    );
  }
}

/**
 * Yields the text of `chunks` decoded as `encoding` (a leading byte-order mark removed).
 * @throws TextDecodingError at the first invalid UTF-8 sequence or NUL byte.
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  encoding = DEFAULT_ENCODING,
): AsyncGenerator<string> {
  const canonical = canonicalEncoding(encoding);
  const decoder = canonical === 'utf-8' ? new Utf8Checker() : new OtherDecoder(canonical);
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.push(chunk);
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield first ? rest.replace(/^\uFEFF/, '') : rest;
}

/** Decodes a whole document (the .json format). */
export async function decodeDocument(bytes: Buffer, encoding = DEFAULT_ENCODING): Promise<string> {
  let text = '';
  for await (const part of decodeText([bytes] as unknown as AsyncIterable<Buffer>, encoding)) text += part;
  return text;
}

const NEWLINE = 0x0a;

function countNewlines(bytes: Buffer, end: number): number {
  let lines = 0;
  let index = bytes.indexOf(NEWLINE);
  while (index >= 0 && index < end) {
    lines += 1;
    index = bytes.indexOf(NEWLINE, index + 1);
  }
  return lines;
}

/** UTF-8 with exact positions: fast path for valid chunks, a byte scan to find a fault. */
class Utf8Checker {
  /** Bytes of a sequence split across chunks. */
  private pending = Buffer.alloc(0);
  /** Offset in the file of pending[0] (or of the next chunk). */
  private offset = 0;
  private line = 1;

  push(chunk: Buffer): string {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let end = bytes.length;
    if (!(isUtf8(bytes) && !bytes.includes(0))) {
      const scan = scanUtf8(bytes);
      if (scan.fault !== null) {
        const at = scan.fault;
        throw new TextDecodingError(
          this.line + countNewlines(bytes, at),
          this.offset + at,
          describeFault(bytes, at),
        );
      }
      end = scan.complete;
    }
    this.line += countNewlines(bytes, end);
    this.offset += end;
    this.pending = Buffer.from(bytes.subarray(end));
    return bytes.toString('utf8', 0, end);
  }

  end(): string {
    if (this.pending.length > 0) {
      const byte = hex(this.pending[0]!);
      const reason = `not valid UTF-8: the file ends inside a character (byte 0x${byte}); ${ENCODING_HINT}`;
      throw new TextDecodingError(this.line, this.offset, reason);
    }
    return '';
  }
}

const ENCODING_HINT = 'if the file is in another encoding, name it with --encoding (e.g. --encoding latin1)';

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

function describeFault(bytes: Buffer, at: number): string {
  if (bytes[at] === 0) {
    return 'the file contains a NUL byte (0x00); import files are text (UTF-16 needs --encoding utf-16le)';
  }
  return `not valid UTF-8 (byte 0x${hex(bytes[at]!)}); ${ENCODING_HINT}`;
}

/**
 * Finds the first NUL byte or invalid UTF-8 sequence (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). `complete` is where a sequence cut off by the end of
 * the buffer starts (the buffer's length when none is).
 */
export function scanUtf8(bytes: Uint8Array): { fault: number | null; complete: number } {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead === 0) return { fault: index, complete: index };
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return { fault: index, complete: index };
    for (let next = 1; next < length; next += 1) {
      if (index + next >= bytes.length) return { fault: null, complete: index };
      const byte = bytes[index + next]!;
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) return { fault: index, complete: index };
    }
    index += length;
  }
  return { fault: null, complete: bytes.length };
}

/**
 * Any other WHATWG encoding through TextDecoder. NUL is refused: as a byte with its offset in
 * the ASCII-compatible encodings (latin1 and the like), as a decoded character in UTF-16.
 */
class OtherDecoder {
  private readonly decoder: TextDecoder;
  private readonly wide: boolean;
  private line = 1;
  private offset = 0;

  constructor(private readonly encoding: string) {
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    this.wide = encoding.startsWith('utf-16');
  }

  push(chunk: Buffer): string {
    const nul = this.wide ? -1 : chunk.indexOf(0);
    if (nul >= 0) {
      throw new TextDecodingError(
        this.line + countNewlines(chunk, nul),
        this.offset + nul,
        describeFault(chunk, nul),
      );
    }
    this.offset += chunk.length;
    return this.checked(() => this.decoder.decode(chunk, { stream: true }));
  }

  end(): string {
    return this.checked(() => this.decoder.decode());
  }

  private checked(decode: () => string): string {
    let text: string;
    try {
      text = decode();
    } catch {
      throw new TextDecodingError(this.line, null, `not valid ${this.encoding}; check the --encoding`);
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const row = this.line + (text.slice(0, nul).match(/\n/g)?.length ?? 0);
      throw new TextDecodingError(
        row,
        null,
        'the file contains a NUL character (U+0000); import files are text',
      );
    }
    this.line += text.match(/\n/g)?.length ?? 0;
    return text;
  }
}
