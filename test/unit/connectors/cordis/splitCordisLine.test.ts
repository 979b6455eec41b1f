// The CORDIS line splitter on each quirk of the export format (docs/connectors.md): quoted
// fields, bare and quoted empties, unescaped quotes and semicolons in text, pre-wrapped values
// with doubled quotes, a byte-order mark, and lines that cannot be split.

import { splitCordisLine, unquote } from '../../../../src/connectors/cordis/splitCordisLine';

function fields(line: string): string[] {
  const split = splitCordisLine(line);
  if ('error' in split) throw new Error(split.error);
  return split.fields;
}

describe('splitCordisLine', () => {
  it('splits quoted fields at ";"', () => {
    expect(fields('"101136464";"ACRONYM";"SIGNED"')).toEqual(['101136464', 'ACRONYM', 'SIGNED']);
  });

  it('reads empty fields given as "" and bare, in the middle and at both ends', () => {
    expect(fields('"a";"";"b"')).toEqual(['a', '', 'b']);
    expect(fields('"a";;"b"')).toEqual(['a', '', 'b']);
    expect(fields('"a";;;"b"')).toEqual(['a', '', '', 'b']);
    expect(fields(';"a";')).toEqual(['', 'a', '']);
    expect(fields('"a";""')).toEqual(['a', '']);
  });

  it('keeps unescaped quotes and semicolons inside text', () => {
    const line = '"1";"The so-called "omics" era; a new "paradigm"";"2023-01-01"';
    expect(fields(line)).toEqual(['1', 'The so-called "omics" era; a new "paradigm"', '2023-01-01']);
  });

  it('keeps a quote followed by a semicolon and a space inside text', () => {
    expect(fields('"1";"they call it "PM"; we do not";"x"')).toEqual([
      '1',
      'they call it "PM"; we do not',
      'x',
    ]);
  });

  it('unwraps a value that arrived already quoted with its inner quotes doubled', () => {
    // The value was escaped once before the export wrapped it again: ""...""
    const line = '"1";""Personalised ""n-of-1"" trials, at last"";"x"';
    expect(fields(line)).toEqual(['1', 'Personalised "n-of-1" trials, at last', 'x']);
  });

  it('drops a byte-order mark before the first field', () => {
    expect(fields('\uFEFF"id";"acronym"')).toEqual(['id', 'acronym']);
  });

  it('reads a decimal comma as part of a quoted value, not as a separator', () => {
    expect(fields('"7567787,5";"68562.5"')).toEqual(['7567787,5', '68562.5']);
  });

  it('refuses a quoted field that is never closed (a truncated line)', () => {
    expect(splitCordisLine('"101";"ACRO";"A title cut sho')).toEqual({
      error: 'a quoted field opened at character 14 is never closed',
    });
  });

  it('refuses a quote inside an unquoted field', () => {
    expect(splitCordisLine('ab"c;"d"')).toMatchObject({ error: expect.stringContaining('holds a quote') });
  });
});

describe('unquote', () => {
  it('undoubles doubled quotes and leaves single ones', () => {
    expect(unquote('a ""b"" c')).toBe('a "b" c');
    expect(unquote('say "hi" now')).toBe('say "hi" now');
    expect(unquote('""')).toBe('');
    expect(unquote('"quoted title" and more')).toBe('"quoted title" and more');
  });
});
