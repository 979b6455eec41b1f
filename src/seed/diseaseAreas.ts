// The disease-area classification: ICD-10 chapters (seeds/curation/disease-areas.json) and the
// rule that places a project in a chapter when one of the chapter's terms occurs, as whole
// words under the search analyzer (any spelling or number), in the project's disease area.

import { analyseText } from '../search/normaliseText';
import type { DiseaseAreaVocabulary } from './domainTypes';
import type { DiseaseAreaLinkRecord, DiseaseAreaRecord, ProjectRecord } from '../model';

/** The rule id of every disease-area link. */
export const DISEASE_AREA_RULE = 'disease-area-terms';
/** Confidence of a term found in the disease area as the sources state it. */
export const STATED_CONFIDENCE = 0.9;
/** Confidence when the sources say their disease area is itself inferred (e.g. "inferred from acronym"). */
export const INFERRED_AREA_CONFIDENCE = 0.6;

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

/** True when the stems of `term` occur in order and adjacent among `stems`. */
function containsPhrase(stems: readonly string[], term: readonly string[]): boolean {
  if (term.length === 0) return false;
  for (let start = 0; start + term.length <= stems.length; start += 1) {
    if (term.every((stem, offset) => stems[start + offset] === stem)) return true;
  }
  return false;
}

/**
 * The disease areas of each project: one INFERRED link per (project, area) whose terms occur
 * in the project's diseaseArea, with the terms met as evidence. A project without a stated
 * disease area gets none (nothing is guessed from titles). Sorted by project, then area id.
 */
export function classifyDiseaseAreas(
  projects: readonly ProjectRecord[],
  areas: readonly DiseaseAreaRecord[],
): DiseaseAreaLinkRecord[] {
  const terms = areas.map((area) => ({
    area,
    terms: area.terms.map((term) => ({ term, stems: analyseText(term).map((word) => word.stem) })),
  }));
  const links: DiseaseAreaLinkRecord[] = [];
  for (const project of [...projects].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (project.diseaseArea === null) continue;
    const stems = analyseText(project.diseaseArea).map((word) => word.stem);
    const inferred = /\binferred\b/i.test(project.diseaseArea);
    for (const { area, terms: areaTerms } of terms) {
      const met = areaTerms.filter((term) => containsPhrase(stems, term.stems)).map((term) => term.term);
      if (met.length === 0) continue;
      links.push({
        projectId: project.id,
        diseaseAreaId: area.id,
        provenance: 'INFERRED',
        rule: DISEASE_AREA_RULE,
        confidence: inferred ? INFERRED_AREA_CONFIDENCE : STATED_CONFIDENCE,
        evidence:
          `disease_area of ${project.acronym}: "${project.diseaseArea}" names ${met.map((term) => `"${term}"`).join(', ')}` +
          ` (ICD-10 chapter ${area.chapter}, ${area.icd10Range})`,
      });
    }
  }
  return links;
}
