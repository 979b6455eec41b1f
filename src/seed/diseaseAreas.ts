// The disease-area vocabulary: the ICD-10 chapters of seeds/curation/disease-areas.json as
// DiseaseArea records. The rule that places projects in them is src/derivation/diseaseAreaRule.ts.

import type { DiseaseAreaVocabulary } from './domainTypes';
import type { DiseaseAreaRecord } from '../model';

/** The id of a disease area: "icd10-" and its code in kebab case, e.g. icd10-neoplasms. */
export function diseaseAreaIdOf(code: string): string {
  return `icd10-${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The DiseaseArea records of the vocabulary, by id. */
export function buildDiseaseAreas(vocabulary: DiseaseAreaVocabulary): DiseaseAreaRecord[] {
  if (!Array.isArray(vocabulary?.areas)) {
    throw new TypeError(
      'buildDiseaseAreas expected seeds/curation/disease-areas.json to hold an array "areas"',
    );
  }
  return vocabulary.areas
    .map((area) => ({
      id: diseaseAreaIdOf(area.code),
      code: area.code,
      chapter: area.chapter,
      name: area.name,
      icd10Range: area.icd10Range,
      terms: [...area.terms],
      sources: [...area.sources],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
