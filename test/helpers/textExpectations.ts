// What a list's `text` filter should return for a seed record, computed with the analyzer the
// API uses (src/search/): every word of the text is a stem of the record's text or starts one
// of its words. The record side is the seed file; the database side is what the test checks.

import { searchPropertiesOf } from '../../src/search/searchProperties';
import { textFilterTerms } from '../../src/search/searchQuery';
import type { SeedDataset } from '../../src/model';

/** The extra text of a project: the names and terms of its disease areas in the seeds. */
export function diseaseAreaText(seeds: SeedDataset, projectId: string): string[] {
  const areas = new Map(seeds.diseaseAreas.map((area) => [area.id, area]));
  return seeds.diseaseAreaLinks
    .filter((link) => link.projectId === projectId)
    .flatMap((link) => {
      const area = areas.get(link.diseaseAreaId);
      return area ? [area.name, ...area.terms] : [];
    });
}

/** True when a record of `label` holds every word of `text` under the search analyzer. */
export function matchesText(
  label: string,
  record: object,
  text: string,
  extraText: readonly string[] = [],
): boolean {
  const props = searchPropertiesOf(label, record as Record<string, unknown>, extraText);
  const stems = new Set(props.searchText.split(' '));
  const words = props.searchWords.split(' ');
  return textFilterTerms(text).every(
    (term) => stems.has(term.stem) || words.some((word) => word.startsWith(term.word)),
  );
}
