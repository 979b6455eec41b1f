// Turns a human name into the lower-case, URL-safe slug that seed ids are made of.

/**
 * Lower-cases `text`, strips diacritics ("Fédération" -> "federation"), drops apostrophes
 * ("Children's" -> "childrens") and joins the remaining letter/digit runs with hyphens.
 * Throws a TypeError when `text` is not a string or leaves an empty slug, because an empty
 * id would silently merge unrelated records.
 */
export function slugify(text: string): string {
  if (typeof text !== 'string') {
    throw new TypeError(`slugify expected a string, received ${text === null ? 'null' : typeof text}`);
  }
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') {
    throw new TypeError(
      `slugify expected text with at least one letter or digit, received ${JSON.stringify(text)}`,
    );
  }
  return slug;
}
