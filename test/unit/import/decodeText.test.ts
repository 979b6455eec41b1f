// Decoding import files: invalid UTF-8 and NUL bytes are refused with their row and byte
// offset, wherever the chunks split the file; another encoding can be named.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalEncoding, decodeText, scanUtf8, TextDecodingError } from '../../../src/import/decodeText';
import { formatOf, ImportFileError, readRows } from '../../../src/import/readRows';

async function decode(chunks: Buffer[], encoding?: string): Promise<string> {
  async function* source() {
    yield* chunks;
  }
  let text = '';
  for await (const part of decodeText(source(), encoding)) text += part;
  return text;
}

async function failure(chunks: Buffer[], encoding?: string): Promise<TextDecodingError> {
  try {
    await decode(chunks, encoding);
  } catch (error) {
    if (error instanceof TextDecodingError) return error;
    throw error;
  }
  throw new Error('expected a TextDecodingError');
}

const latin1Row = Buffer.from('id,name\nf-1,Universit\xe4t M\xfcnchen\n', 'latin1');

describe('scanUtf8', () => {
  it('accepts valid sequences and finds where a cut-off one starts', () => {
    expect(scanUtf8(Buffer.from('aé€😀'))).toEqual({ fault: null, complete: 10 });
    expect(scanUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toEqual({ fault: null, complete: 1 });
  });

  it('refuses overlong forms, surrogates, bytes above U+10FFFF and stray continuation bytes', () => {
    expect(scanUtf8(Buffer.from([0x61, 0xc0, 0xaf])).fault).toBe(1);
    expect(scanUtf8(Buffer.from([0xe0, 0x80, 0xaf])).fault).toBe(0);
    expect(scanUtf8(Buffer.from([0xed, 0xa0, 0x80])).fault).toBe(0);
    expect(scanUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])).fault).toBe(0);
    expect(scanUtf8(Buffer.from([0x61, 0x62, 0x80])).fault).toBe(2);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 split inside a character across chunks and drops a byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFFid,name\nf-1,Universität München\n');
    const at = bytes.indexOf(0xc3);
    const text = await decode([bytes.subarray(0, at + 1), bytes.subarray(at + 1)]);
    expect(text).toBe('id,name\nf-1,Universität München\n');
  });

  it('refuses latin-1 bytes with the row and byte offset of the first one', async () => {
    const error = await failure([latin1Row]);
    expect(error.row).toBe(2);
    expect(error.offset).toBe(latin1Row.indexOf(0xe4));
    expect(error.message).toMatch(
      /^row 2, byte offset 21: not valid UTF-8 \(byte 0xe4\); .*--encoding latin1/,
    );
  });

  it('counts rows and offsets across chunks', async () => {
    const error = await failure([Buffer.from('a\nb\n'), Buffer.from('c\nd\xff', 'latin1')]);
    expect([error.row, error.offset]).toEqual([4, 7]);
  });

  it('refuses a file that ends inside a character', async () => {
    const error = await failure([Buffer.from([0x61, 0x0a, 0xe2, 0x82])]);
    expect([error.row, error.offset]).toEqual([2, 2]);
  });

  it('refuses NUL bytes with row and offset, in UTF-8 and in latin1', async () => {
    const bytes = Buffer.from('id,name\nf-1,a\u0000b\n');
    expect((await failure([bytes])).message).toMatch(/^row 2, byte offset 13: the file contains a NUL byte/);
    expect((await failure([bytes], 'latin1')).message).toMatch(
      /^row 2, byte offset 13: the file contains a NUL byte/,
    );
  });

  it('decodes a named encoding: latin1 as the WHATWG windows-1252', async () => {
    expect(await decode([latin1Row], 'latin1')).toBe('id,name\nf-1,Universität München\n');
    expect(canonicalEncoding('latin1')).toBe('windows-1252');
    expect(() => canonicalEncoding('klingon')).toThrow(/unknown encoding "klingon"/);
  });
});

describe('readRows with a latin-1 file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permed-decode-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['funders-latin1.csv', 'funders-latin1.jsonl'])(
    'refuses %s naming file, row and offset',
    async (name) => {
      const file = path.join(dir, name);
      const content = name.endsWith('.csv')
        ? latin1Row
        : Buffer.from('{"id":"f-1"}\n{"name":"M\xfcnchen"}\n', 'latin1');
      fs.writeFileSync(file, content);
      const rows = async () => {
        for await (const row of readRows(file, formatOf(file))) void row;
      };
      await expect(rows()).rejects.toThrow(ImportFileError);
      await expect(rows()).rejects.toThrow(new RegExp(`^${name}: row 2, byte offset \\d+: not valid UTF-8`));
    },
  );

  it('reads it with encoding latin1', async () => {
    const file = path.join(dir, 'funders-named.csv');
    fs.writeFileSync(file, latin1Row);
    const rows = [];
    for await (const row of readRows(file, 'csv', { encoding: 'latin1' })) rows.push(row);
    expect(rows).toEqual([{ row: 2, values: { id: 'f-1', name: 'Universität München' } }]);
  });
});
