// Numbers and years as people read them; no DOM here, so the unit tests import it.

/** Formats a count or amount for people: integers grouped ("1,500"), others to three significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value.toPrecision(3);
}

/**
 * A year as people write it ("2023", never "2,023"): a year is a name, not a quantity, so it
 * is not grouped as formatNumber groups counts and amounts. Null for a missing year.
 */
export function yearText(value: unknown): string | null {
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : null;
}
