// Persistent identifiers of organisations and funders (ROR, GRID, ISNI, Wikidata, Crossref
// Funder ID, PIC, VAT): the schemes as data with the canonical form of each, the record an
// identifier is stored as (scheme, value, the dataset that gave it, confidence) and its text form.

import { id, type NodeOf } from './fields';
import type { DatasetId } from './sourceDatasets';

/** The identifier schemes (GraphQL IdentifierScheme), in the order records list them. */
export const IDENTIFIER_SCHEMES = ['ROR', 'GRID', 'ISNI', 'WIKIDATA', 'FUNDREF', 'PIC', 'VAT'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** How a scheme's values are written and checked. */
export interface IdentifierSchemeSpec {
  /** What the scheme is, for the SDL and docs. */
  name: string;
  /** Where the scheme is defined (its authority). */
  authority: string;
  /** The canonical value of a given text, or null when the text is no value of the scheme. */
  canonical(text: string): string | null;
  /** A canonical value as expected in messages. */
  example: string;
  /** The public record of a canonical value, or null when the scheme has none. */
  url(value: string): string | null;
}

/**
 * ROR ids: "0", six characters of Crockford base32 (no i, l, o, u) and a two-digit checksum
 * (https://ror.readme.io/docs/identifier); stored as the full URL, the form ROR's records use.
 */
function ror(text: string): string | null {
  const match = /^(?:https?:\/\/(?:www\.)?ror\.org\/)?(0[0-9a-hjkmnp-tv-z]{6}[0-9]{2})$/i.exec(text);
  return match ? `https://ror.org/${match[1]!.toLowerCase()}` : null;
}

/** ISNI: 16 characters, digits with a check character 0-9 or X (ISO 27729); spaces dropped. */
function isni(text: string): string | null {
  const compact = text
    .replace(/^https?:\/\/isni\.org\/isni\//i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
  return /^\d{15}[\dX]$/.test(compact) ? compact : null;
}

/** Crossref Funder ID: the digits after the 10.13039 DOI prefix (ROR's external_ids hold them bare). */
function fundref(text: string): string | null {
  const compact = text.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.13039\//i, '');
  return /^\d{5,15}$/.test(compact) ? compact : null;
}

/** Every scheme with its canonical form. */
export const IDENTIFIER_SCHEME_SPECS: Readonly<Record<IdentifierScheme, IdentifierSchemeSpec>> = {
  ROR: {
    name: 'Research Organization Registry id',
    authority: 'https://ror.readme.io/docs/identifier',
    canonical: ror,
    example: 'https://ror.org/05f950310',
    url: (value) => value,
  },
  GRID: {
    name: 'Global Research Identifier Database id (frozen in 2021; carried by ROR records)',
    authority: 'https://www.grid.ac/',
    canonical: (text) => (/^grid\.\d+\.[0-9a-f]{1,2}$/i.test(text) ? text.toLowerCase() : null),
    example: 'grid.4714.6',
    // grid.ac stopped serving records when GRID was retired.
    url: () => null,
  },
  ISNI: {
    name: 'International Standard Name Identifier (ISO 27729), 16 characters without spaces',
    authority: 'https://isni.org/',
    canonical: isni,
    example: '0000000419367988',
    url: (value) => `https://isni.org/isni/${value}`,
  },
  WIKIDATA: {
    name: 'Wikidata item',
    authority: 'https://www.wikidata.org/',
    canonical: (text) => {
      const match = /^(?:https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\/)?(Q[1-9]\d*)$/i.exec(text);
      return match ? match[1]!.toUpperCase() : null;
    },
    example: 'Q1431486',
    url: (value) => `https://www.wikidata.org/wiki/${value}`,
  },
  FUNDREF: {
    name: 'Crossref Funder ID (Open Funder Registry), the digits after 10.13039/',
    authority: 'https://www.crossref.org/services/funder-registry/',
    canonical: fundref,
    example: '501100004587',
    url: (value) => `https://doi.org/10.13039/${value}`,
  },
  PIC: {
    name: "Participant Identification Code of the EU's Funding & Tenders Portal (9 digits; CORDIS organisationID)",
    authority:
      'https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/how-to-participate/participant-register',
    canonical: (text) => (/^\d{9}$/.test(text) ? text : null),
    example: '999991722',
    url: () => null,
  },
  VAT: {
    name: 'VAT number as CORDIS gives it: country prefix and number, without spaces or punctuation',
    authority: 'https://ec.europa.eu/taxation_customs/vies/',
    canonical: (text) => {
      const compact = text.replace(/[\s.\-/]/g, '').toUpperCase();
      return /^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(compact) ? compact : null;
    },
    example: 'ESQ2827015E',
    url: () => null,
  },
};

/** True when `value` names a scheme. */
export function isIdentifierScheme(value: unknown): value is IdentifierScheme {
  return typeof value === 'string' && (IDENTIFIER_SCHEMES as readonly string[]).includes(value);
}

/** An identifier of a record as stored: on the relationship HAS_IDENTIFIER to its Identifier node. */
export interface IdentifierRecord {
  scheme: IdentifierScheme;
  /** The canonical value (IDENTIFIER_SCHEME_SPECS[scheme].canonical). */
  value: string;
  /** The dataset that gave it, e.g. ROR or CORDIS_HORIZON_EUROPE. */
  source: DatasetId;
  /** How sure the assignment is, 0 < c <= 1: 1 when the source states it of this very record. */
  confidence: number;
}

/** An identifier as an import cell or mutation input gives it; source and confidence come from the write. */
export type GivenIdentifier = Pick<IdentifierRecord, 'scheme' | 'value'> &
  Partial<Pick<IdentifierRecord, 'source' | 'confidence'>>;

/** The key of an identifier, `SCHEME:value`, e.g. `PIC:999991722`; also the Identifier node's id. */
export function identifierKey(identifier: Pick<IdentifierRecord, 'scheme' | 'value'>): string {
  return `${identifier.scheme}:${identifier.value}`;
}

/**
 * The identifier `SCHEME:value` stands for, with its value made canonical; or the reason it
 * is none (for import and input messages).
 */
export function parseIdentifier(
  text: string,
): { ok: true; identifier: Pick<IdentifierRecord, 'scheme' | 'value'> } | { ok: false; reason: string } {
  const colon = text.indexOf(':');
  const scheme = colon < 0 ? '' : text.slice(0, colon).trim().toUpperCase();
  if (!isIdentifierScheme(scheme))
    return {
      ok: false,
      reason: `expected SCHEME:value with a scheme of ${IDENTIFIER_SCHEMES.join(', ')} (e.g. PIC:999991722)`,
    };
  const value = canonicalIdentifier(scheme, text.slice(colon + 1).trim());
  if (value === null)
    return {
      ok: false,
      reason: `expected a ${scheme} value like ${IDENTIFIER_SCHEME_SPECS[scheme].example}`,
    };
  return { ok: true, identifier: { scheme, value } };
}

/** The canonical form of a value of `scheme`, or null when it is none. */
export function canonicalIdentifier(scheme: IdentifierScheme, text: string): string | null {
  if (typeof text !== 'string')
    throw new TypeError(`canonicalIdentifier expects text, received ${typeof text}`);
  return IDENTIFIER_SCHEME_SPECS[scheme].canonical(text.trim());
}

/** Identifiers in the order records list them: by scheme (IDENTIFIER_SCHEMES), then value. */
export function sortIdentifiers<T extends Pick<IdentifierRecord, 'scheme' | 'value'>>(
  identifiers: readonly T[],
): T[] {
  const rank = (scheme: IdentifierScheme) => IDENTIFIER_SCHEMES.indexOf(scheme);
  return [...identifiers].sort(
    (a, b) => rank(a.scheme) - rank(b.scheme) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

/**
 * What the connectors' identity resolver (src/connectors/resolveIdentities.ts) writes on an
 * organisation it created from a row it could not match for sure: the records it may be the same
 * as, listed in the review file too; a curator merges them or leaves them apart (docs/connectors.md).
 */
export const IDENTITY_REVIEW_FIELDS = [
  id(
    'possibleDuplicateOf',
    'Ids of the Organisation or Funder records this one may duplicate (a name match below the threshold, or a name taken by a record holding another PIC or ROR id).',
    { list: true },
  ),
] as const;
/** The identity-review properties of an Organisation node; absent when nothing was doubted. */
export type IdentityReviewProperties = NodeOf<typeof IDENTITY_REVIEW_FIELDS>;
