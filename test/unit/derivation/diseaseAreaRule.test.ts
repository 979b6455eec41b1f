// classifyDiseaseAreas: projects placed in ICD-10 chapters by whole-word terms of their
// stated disease area, under any spelling or number, with provenance.

import { classifyDiseaseAreas, DISEASE_AREA_RULE } from '../../../src/derivation/diseaseAreaRule';
import { buildDiseaseAreas } from '../../../src/seed/diseaseAreas';
import type { ProjectRecord } from '../../../src/model';

const AREAS = buildDiseaseAreas({
  description: 'test',
  areas: [
    {
      code: 'NEOPLASMS',
      chapter: 'II',
      name: 'Neoplasms',
      icd10Range: 'C00-D48',
      terms: ['cancer', 'leukaemia', 'oncology'],
      sources: ['https://icd.who.int/'],
    },
    {
      code: 'CIRCULATORY',
      chapter: 'IX',
      name: 'Circulatory',
      icd10Range: 'I00-I99',
      terms: ['heart disease', 'cardio'],
      sources: ['https://icd.who.int/'],
    },
  ],
});

function project(id: string, diseaseArea: string | null): ProjectRecord {
  return { id, acronym: id.toUpperCase(), diseaseArea } as ProjectRecord;
}

describe('classifyDiseaseAreas', () => {
  it('places a project by a term of its disease area, in any spelling or number', () => {
    const links = classifyDiseaseAreas(
      [project('a', 'Acute myeloid leukemias'), project('b', 'lung cancers')],
      AREAS,
    );
    expect(links.map((link) => [link.projectId, link.diseaseAreaId])).toEqual([
      ['a', 'icd10-neoplasms'],
      ['b', 'icd10-neoplasms'],
    ]);
  });

  it('states provenance, rule, confidence and the words that matched', () => {
    const [link] = classifyDiseaseAreas([project('a', 'gastric cancer')], AREAS);
    expect(link).toEqual({
      projectId: 'a',
      diseaseAreaId: 'icd10-neoplasms',
      provenance: 'INFERRED',
      rule: DISEASE_AREA_RULE,
      confidence: 0.9,
      evidence: 'disease_area of A: "gastric cancer" names "cancer" (ICD-10 chapter II, C00-D48)',
    });
  });

  it('matches whole words and phrases only', () => {
    expect(classifyDiseaseAreas([project('a', 'cardiovascular risk'), project('b', 'heart')], AREAS)).toEqual(
      [],
    );
    expect(
      classifyDiseaseAreas([project('c', 'ischaemic heart disease')], AREAS).map((l) => l.diseaseAreaId),
    ).toEqual(['icd10-circulatory']);
  });

  it('places a project in every chapter its disease area names', () => {
    const links = classifyDiseaseAreas([project('a', 'cardio-oncology / imaging')], AREAS);
    expect(links.map((link) => link.diseaseAreaId)).toEqual(['icd10-circulatory', 'icd10-neoplasms']);
  });

  it('lowers the confidence when the sources call their disease area inferred', () => {
    const [link] = classifyDiseaseAreas([project('a', 'renal cancer (inferred from acronym)')], AREAS);
    expect(link?.confidence).toBe(0.6);
  });

  it('guesses nothing for a project without a stated disease area', () => {
    expect(classifyDiseaseAreas([project('a', null)], AREAS)).toEqual([]);
  });
});
