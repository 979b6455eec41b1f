// Values of the CORDIS export as the files write them, read into the graph's forms: money with a
// decimal comma or point, dates and timestamps in one column, EL/UK country codes, euroSciVoc codes
// and paths with or without a leading slash, "lat,lon" geolocations, true/false. Each reader
// returns the value, null for an empty field, or throws CordisValueError naming what it expected.

import { isKnownCountryCode } from '../../model';

/** A field that does not hold what its column should; the row is skipped and reported. */
export class CordisValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CordisValueError';
  }
}

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

/** Euros: `7567787,5` (project.csv) and `68562.5` (organization.csv) alike; empty is null. */
export function cordisAmount(value: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(text))
    throw new CordisValueError(`expected an amount such as 7567787,5 or 68562.5, received ${shown(text)}`);
  return Number(text.replace(',', '.'));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?$/;

function checkedDate(text: string): RegExpExecArray {
  const match = DATE.exec(text);
  const [, year, month, day] = match ?? [];
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (
    match === null ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== `${year}-${month}-${day}`
  )
    throw new CordisValueError(
      `expected a date YYYY-MM-DD or a timestamp YYYY-MM-DD HH:MM:SS, received ${shown(text)}`,
    );
  return match;
}

/** A calendar date YYYY-MM-DD; a timestamp in a date column gives its day. Empty is null. */
export function cordisDate(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  return checkedDate(text)[0].slice(0, 10);
}

/** A timestamp as ISO 8601 (`2024-01-15T10:00:00Z`); a bare date is its midnight. Empty is null. */
export function cordisTimestamp(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = checkedDate(text);
  return `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
}

/** The codes the Commission uses where ISO 3166-1 has others (EL Greece, UK United Kingdom). */
const EU_COUNTRY_CODES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

/** An ISO 3166-1 alpha-2 code from the export's country code; empty is null. */
export function cordisCountry(value: string): string | null {
  const text = value.trim().toUpperCase();
  if (text === '') return null;
  const code = EU_COUNTRY_CODES[text] ?? text;
  if (!isKnownCountryCode(code))
    throw new CordisValueError(
      `expected an ISO 3166-1 alpha-2 country code (EL and UK read as GR and GB), received ${shown(text)}`,
    );
  return code;
}

/** A whole number (a grant id, an order); empty is null. */
export function cordisInteger(value: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  if (!/^\d{1,15}$/.test(text))
    throw new CordisValueError(`expected a whole number, received ${shown(text)}`);
  return Number(text);
}

/** true/false as the files write them (also 1/0); empty is null. */
export function cordisBoolean(value: string): boolean | null {
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new CordisValueError(`expected true or false, received ${shown(value.trim())}`);
}

/** Text with its surrounding spaces trimmed; empty is null. */
export function cordisText(value: string): string | null {
  const text = value.trim();
  return text === '' ? null : text;
}

/** `"lat,lon"` in WGS84 degrees; empty is null. */
export function cordisGeolocation(value: string): { latitude: number; longitude: number } | null {
  const text = value.trim();
  if (text === '') return null;
  const match = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  const latitude = Number(match?.[1]);
  const longitude = Number(match?.[2]);
  if (match === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    throw new CordisValueError(
      `expected a geolocation "latitude,longitude" in degrees, received ${shown(text)}`,
    );
  return { latitude, longitude };
}

/** The segments of a euroSciVoc code or path, the leading `/` some exports write dropped. */
export function euroSciVocSegments(value: string): string[] {
  const segments = value.trim().replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  return segments.length === 1 && segments[0] === '' ? [] : segments.map((segment) => segment.trim());
}
