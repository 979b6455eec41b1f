// The disease-area vocabulary's ids: an ICD-10 chapter code as a DiseaseArea id.

import { diseaseAreaIdOf } from '../../../src/seed/diseaseAreas';

describe('diseaseAreaIdOf', () => {
  it('prefixes the kebab-case code with icd10-', () => {
    expect(diseaseAreaIdOf('MENTAL_BEHAVIOURAL')).toBe('icd10-mental-behavioural');
  });
});
