// The assigned ISO 3166-1 alpha-2 country codes (from the world-countries package), against which
// every country code in the seeds, an import or a mutation is checked.

import worldCountries from 'world-countries';

const KNOWN_COUNTRY_CODES: ReadonlySet<string> = new Set(worldCountries.map((country) => country.cca2));

/** True when `code` is an assigned ISO 3166-1 alpha-2 code (world-countries). */
export function isKnownCountryCode(code: string): boolean {
  return KNOWN_COUNTRY_CODES.has(code);
}
