// The CORDIS line splitter, hand-written because the format is not RFC 4180 (docs/connectors.md,
// "The CORDIS export format"): a record is one physical line; every non-empty field is wrapped in
// double quotes, empty ones are `""` or bare; text holds unescaped `"` and `;`, so a field ends
// only at a quote followed by `;` and the start of another field (a quote, a `;`, or the end).
// Some objectives arrive already wrapped in quotes with their inner quotes doubled.

/** What splitting one line gives: the fields, or why the line cannot be split. */
export type SplitLine = { fields: string[] } | { error: string };

/** True when every `"` of `text` belongs to a doubled pair `""`. */
function onlyDoubledQuotes(text: string): boolean {
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 2)) {
    if (text[at + 1] !== '"') return false;
  }
  return true;
}

/**
 * The value of a quoted field from what stands between its quotes: a value that was already
 * wrapped (`"..."` with only doubled quotes inside) is unwrapped; doubled quotes become one.
 */
export function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && onlyDoubledQuotes(raw.slice(1, -1)))
    return raw.slice(1, -1).replaceAll('""', '"');
  return raw.includes('""') ? raw.replaceAll('""', '"') : raw;
}

/** Where the quoted field opening at `start` (its opening quote) closes, or -1. */
function closingQuote(line: string, start: number): number {
  for (let at = line.indexOf('"', start + 1); at !== -1; at = line.indexOf('"', at + 1)) {
    if (at === line.length - 1) return at;
    if (line[at + 1] !== ';') continue;
    const next = line[at + 2];
    if (next === undefined || next === '"' || next === ';') return at;
  }
  return -1;
}

/**
 * Splits one line (without its line break) into field values. A byte-order mark before the
 * first field is dropped. A bare non-empty value (not in quotes) is accepted up to the next `;`.
 */
export function splitCordisLine(line: string): SplitLine {
  const text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      const close = closingQuote(text, at);
      if (close === -1) return { error: `a quoted field opened at character ${at + 1} is never closed` };
      fields.push(unquote(text.slice(at + 1, close)));
      at = close + 1;
    } else {
      const end = text.indexOf(';', at);
      const value = text.slice(at, end === -1 ? text.length : end);
      if (value.includes('"'))
        return { error: `an unquoted field at character ${at + 1} holds a quote (${preview(value)})` };
      fields.push(value);
      at = end === -1 ? text.length : end;
    }
    if (at >= text.length) return { fields };
    if (text[at] !== ';') return { error: `a field ends at character ${at + 1} without a ";"` };
    at += 1;
    if (at === text.length) {
      fields.push('');
      return { fields };
    }
  }
}

function preview(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}
