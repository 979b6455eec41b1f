// The `bom` query parameter of CSV downloads: bom=1 starts the file with a UTF-8 byte-order
// mark, without which Excel reads UTF-8 as the system code page ("Université" turns to mojibake).

import { BadUserInputError } from '../errors';
import { UTF8_BOM } from '../export/toEntityCsv';

export { UTF8_BOM };

/** The name of the parameter, accepted by every CSV route. */
export const BOM_PARAMETER = 'bom';

/**
 * `bom=1` (or true, yes) asks for the mark; 0, false, no or absent for none.
 * @throws BadUserInputError naming `bom` for any other value, or when it is repeated.
 */
export function wantsBom(query: Record<string, unknown>): boolean {
  const raw = query[BOM_PARAMETER];
  if (raw === undefined) return false;
  if (typeof raw !== 'string') throw new BadUserInputError(BOM_PARAMETER, 'must be given once, as 1 or 0');
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no', ''].includes(value)) return false;
  throw new BadUserInputError(BOM_PARAMETER, `must be 1 or 0, got "${raw}"`);
}
