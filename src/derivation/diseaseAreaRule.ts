// The disease-area rule: a project is placed in an ICD-10 chapter (the DiseaseArea records built
// from seeds/curation/disease-areas.json by src/seed/diseaseAreas.ts) when one of the chapter's
// terms occurs, as whole words under the search analyzer (any spelling or number), in the
// project's disease area.

import { analyseText } from '../search/normaliseText';
import type { DiseaseAreaLinkRecord, DiseaseAreaRecord } from '../model';
import type { RuleProject } from './ruleEngine';

/** A disease area as the rule reads it: its id, terms, and the chapter and range its evidence names. */
export type RuleDiseaseArea = Pick<DiseaseAreaRecord, 'id' | 'terms' | 'chapter' | 'icd10Range'>;

/** The rule id of every disease-area link. */
export const DISEASE_AREA_RULE = 'disease-area-terms';
/** Confidence of a term found in the disease area as the sources state it. */
export const STATED_CONFIDENCE = 0.9;
/** Confidence when the sources say their disease area is itself inferred (e.g. "inferred from acronym"). */
export const INFERRED_AREA_CONFIDENCE = 0.6;

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
  projects: readonly Pick<RuleProject, 'id' | 'acronym' | 'diseaseArea'>[],
  areas: readonly RuleDiseaseArea[],
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
