// Command-line options of the benches: integers within bounds, refused with the option's name.

/** `raw` as an integer from `min` to `max`; a TypeError naming `--name` otherwise. */
export function integerOption(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`--${name} expects an integer from ${min} to ${max}, received "${raw}"`);
  }
  return value;
}

/** A comma-separated list of such integers (e.g. `--connections 1,4`). */
export function integerListOption(name: string, raw: string, min: number, max: number): number[] {
  return raw.split(',').map((item) => integerOption(name, item.trim(), min, max));
}
