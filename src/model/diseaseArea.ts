// Disease areas: the ICD-10 chapters projects are classified into (seeds/curation/disease-areas.json),
// id "icd10-<code>".

import { code, id, text, type RecordOf } from './fields';
import { SOURCES } from './sourced';

export const DISEASE_AREA_FIELDS = [
  id('id', 'icd10-<code>.', { required: true }),
  code('code', /^[A-Z][A-Z_]*$/, 'an UPPER_SNAKE code', 'The GraphQL DiseaseAreaCode, e.g. NEOPLASMS.', {
    required: true,
  }),
  text('chapter', 'ICD-10 chapter number in Roman numerals, e.g. "II".', { required: true }),
  text('name', "WHO's chapter name.", { required: true }),
  text('icd10Range', 'The chapter\'s code range, e.g. "C00-D48".', { required: true }),
  text('terms', 'The terms that place a project in the area (src/derivation/diseaseAreaRule.ts).', {
    list: true,
    nonEmpty: true,
    unique: true,
  }),
  SOURCES,
] as const;
export type DiseaseAreaRecord = RecordOf<typeof DISEASE_AREA_FIELDS>;
