// The identifier schemes' canonical forms and the SCHEME:value text of import cells and inputs.

import {
  canonicalIdentifier,
  coerceField,
  identifierKey,
  IDENTIFIER_SCHEME_SPECS,
  IDENTIFIER_SCHEMES,
  ORGANISATION,
  parseIdentifier,
  sortIdentifiers,
} from '../../../src/model';

const column = ORGANISATION.fields.find((field) => field.name === 'identifiers')!;

describe('canonicalIdentifier', () => {
  it('writes a ROR id as its URL, from the bare id or the URL in any case', () => {
    expect(canonicalIdentifier('ROR', '05f950310')).toBe('https://ror.org/05f950310');
    expect(canonicalIdentifier('ROR', 'HTTPS://ROR.ORG/05F950310')).toBe('https://ror.org/05f950310');
    expect(canonicalIdentifier('ROR', ' https://ror.org/00pjdza24 ')).toBe('https://ror.org/00pjdza24');
  });

  it('refuses a ROR id with a letter Crockford base32 leaves out, or of the wrong length', () => {
    expect(canonicalIdentifier('ROR', '05f95031u')).toBeNull();
    expect(canonicalIdentifier('ROR', '0lf950310')).toBeNull();
    expect(canonicalIdentifier('ROR', '05f95031')).toBeNull();
  });

  it('drops the spaces of an ISNI as ROR writes it and keeps a final X', () => {
    expect(canonicalIdentifier('ISNI', '0000 0001 2348 0690')).toBe('0000000123480690');
    expect(canonicalIdentifier('ISNI', '0000 0004 0427 816x')).toBe('000000040427816X');
    expect(canonicalIdentifier('ISNI', '0000 0001 2348 069')).toBeNull();
  });

  it('reads a Crossref Funder ID bare, as a DOI or as a doi.org URL', () => {
    expect(canonicalIdentifier('FUNDREF', '100005595')).toBe('100005595');
    expect(canonicalIdentifier('FUNDREF', '10.13039/501100004587')).toBe('501100004587');
    expect(canonicalIdentifier('FUNDREF', 'https://doi.org/10.13039/501100004587')).toBe('501100004587');
    expect(canonicalIdentifier('FUNDREF', 'ISCIII')).toBeNull();
  });

  it('reads Wikidata items and URLs, GRID ids, 9-digit PICs and VAT numbers without punctuation', () => {
    expect(canonicalIdentifier('WIKIDATA', 'https://www.wikidata.org/wiki/q1431486')).toBe('Q1431486');
    expect(canonicalIdentifier('GRID', 'GRID.30389.31')).toBe('grid.30389.31');
    expect(canonicalIdentifier('PIC', '999991722')).toBe('999991722');
    expect(canonicalIdentifier('PIC', '99999172')).toBeNull();
    expect(canonicalIdentifier('VAT', 'es q-2827015-e')).toBe('ESQ2827015E');
    expect(canonicalIdentifier('VAT', '12345')).toBeNull();
  });

  it('keeps each scheme example in its own canonical form', () => {
    for (const scheme of IDENTIFIER_SCHEMES) {
      const { example } = IDENTIFIER_SCHEME_SPECS[scheme];
      expect(canonicalIdentifier(scheme, example)).toBe(example);
    }
  });
});

describe('parseIdentifier', () => {
  it('reads SCHEME:value with the scheme in any case and a URL value', () => {
    expect(parseIdentifier('ror:https://ror.org/05f950310')).toEqual({
      ok: true,
      identifier: { scheme: 'ROR', value: 'https://ror.org/05f950310' },
    });
    expect(parseIdentifier('PIC: 999991722')).toEqual({
      ok: true,
      identifier: { scheme: 'PIC', value: '999991722' },
    });
  });

  it('names the schemes when the scheme is unknown or missing', () => {
    expect(parseIdentifier('DUNS:123')).toEqual({
      ok: false,
      reason:
        'expected SCHEME:value with a scheme of ROR, GRID, ISNI, WIKIDATA, FUNDREF, PIC, VAT (e.g. PIC:999991722)',
    });
    expect(parseIdentifier('999991722')).toMatchObject({ ok: false });
  });

  it("names the scheme's form when the value is not of the scheme", () => {
    expect(parseIdentifier('PIC:12')).toEqual({ ok: false, reason: 'expected a PIC value like 999991722' });
  });
});

describe('coerceField of the identifiers column', () => {
  it('reads a ;-separated cell into canonical identifiers', () => {
    expect(coerceField(column, 'PIC:999991722; ror:05f950310')).toEqual({
      ok: true,
      value: [
        { scheme: 'PIC', value: '999991722' },
        { scheme: 'ROR', value: 'https://ror.org/05f950310' },
      ],
    });
  });

  it('reads JSON objects with scheme and value', () => {
    expect(coerceField(column, [{ scheme: 'FUNDREF', value: '10.13039/501100004587' }])).toEqual({
      ok: true,
      value: [{ scheme: 'FUNDREF', value: '501100004587' }],
    });
  });

  it('names the item and what it received when one is wrong, and refuses one listed twice', () => {
    expect(coerceField(column, 'PIC:999991722;ROR:nope')).toEqual({
      ok: false,
      reason: 'item 2: expected a ROR value like https://ror.org/05f950310, received "ROR:nope"',
    });
    expect(coerceField(column, 'ROR:05f950310;ROR:https://ror.org/05f950310')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('item 2:') as unknown,
    });
  });
});

describe('identifierKey and sortIdentifiers', () => {
  it('key an identifier as SCHEME:value and order by scheme, then value', () => {
    const sorted = sortIdentifiers([
      { scheme: 'PIC', value: '999991722' },
      { scheme: 'ISNI', value: '0000000123480690' },
      { scheme: 'ROR', value: 'https://ror.org/05f950310' },
    ]);
    expect(sorted.map(identifierKey)).toEqual([
      'ROR:https://ror.org/05f950310',
      'ISNI:0000000123480690',
      'PIC:999991722',
    ]);
  });
});
