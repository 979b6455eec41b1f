// The whole rule book on hand-written project texts, one family at a time: what a project ends
// up with at the gap analytics' default minConfidence. Texts that must match (phrases across
// hyphens, spelling variants the tables list) and texts that must not (whole words and phrases:
// the cases of issue 10, and words inside longer words). The engine reads words, not
// sentences: it handles no negation, and a test says so.

import { DEFAULT_MIN_CONFIDENCE } from '../../../src/analytics/coverageScope';
import { LATER_STAGE_SHOWN_AT, deriveLinks } from '../../../src/derivation/derivationRules';
import type { DerivationInput } from '../../../src/derivation/ruleEngine';
import type { CallRecord, ProjectRecord } from '../../../src/model';
import { makeCall, makeGap, makeProject } from '../../fixtures/seedFixtures';

function input(overrides: Partial<DerivationInput>): DerivationInput {
  return { projects: [], calls: [], gaps: [], curatedProjectLinks: [], ...overrides };
}

/** "TYPE target" of every project link the rule book keeps for `project` at `minConfidence`. */
function placements(
  project: Partial<ProjectRecord>,
  options: { calls?: CallRecord[]; minConfidence?: number; gaps?: DerivationInput['gaps'] } = {},
): string[] {
  const links = deriveLinks(
    input({
      projects: [makeProject({ id: 'project-t', ...project })],
      calls: options.calls ?? [],
      gaps: options.gaps ?? [],
    }),
  );
  return links
    .filter(
      (link) =>
        link.fromId === 'project-t' &&
        (link.type === 'ADDRESSES' || link.type === 'AT_STAGE') &&
        link.confidence >= (options.minConfidence ?? DEFAULT_MIN_CONFIDENCE),
    )
    .map((link) => `${link.type} ${link.toId}`)
    .sort();
}

const text = (description: string): Partial<ProjectRecord> => ({ description });

describe('keyword gap rules (keywords-gap-*) on hand-written texts', () => {
  it.each([
    ['A machine-learning model of relapse.', 'gap-ai-advanced-tech'],
    ['A machine learning model of relapse.', 'gap-ai-advanced-tech'],
    ['An AI-based triage.', 'gap-ai-advanced-tech'],
    ['Multiomics of tumours.', 'gap-multiomics-integration'],
    ['Multi omics of tumours.', 'gap-multiomics-integration'],
    ['Multi-Omics of tumours.', 'gap-multiomics-integration'],
    ['Pharmacogenetic testing before dosing.', 'gap-pharmacogenomics'],
    ['Pharmaco-genomics of statins.', 'gap-pharmacogenomics'],
    ['A PGx panel.', 'gap-pharmacogenomics'],
    ['A cost effectiveness model.', 'gap-health-economics'],
    ['A cost-effective test.', 'gap-health-economics'],
    ['Commercialisation of the assay.', 'gap-innovation-to-market'],
    ['Commercialization of the assay.', 'gap-innovation-to-market'],
    ['Interoperable records across hospitals.', 'gap-data-interoperability'],
    ['Tools co-designed with patients.', 'gap-end-user-participation'],
    ['Risk prediction for relatives.', 'gap-prevention'],
    ['Preventive care for carriers.', 'gap-prevention'],
  ])('"%s" addresses %s', (description, gapId) => {
    expect(placements(text(description))).toContain(`ADDRESSES ${gapId}`);
  });

  it.each([
    // Issue 10: words that pointed to the wrong gap.
    ['Accessible blood markers of dementia.', ['gap-equitable-access', 'gap-targets-companion-biomarkers']],
    ['Pharmacogenomic markers and biomarkers of response.', ['gap-targets-companion-biomarkers']],
    ['Single-cell profiling of leukaemia.', ['gap-multiomics-integration']],
    ['Collects patient-reported outcomes.', ['gap-end-user-participation']],
    ['Builds a longitudinal cohort.', ['gap-clinical-research-methods']],
    ['Uses UK Biobank data.', ['gap-infrastructure']],
    // Whole words: a table word inside a longer word does not count.
    ['Profiles the tumour microenvironment.', ['gap-individual-factors']],
    ['Recruits patients in Essex.', ['gap-individual-factors']],
    ['Genomics and economics of care.', ['gap-multiomics-integration']],
    ['A bioethicist reviews consent forms.', ['gap-elsa']],
    ['The drug targeted the kinase.', ['gap-targets-companion-biomarkers']],
    // Acronyms keep their case: millilitres, the word "said" and AIDS are not AI or ML.
    ['Draws 5 mL of plasma, as said, from AIDS patients.', ['gap-ai-advanced-tech']],
    ['Elsa, the study nurse, hands out leaflets.', ['gap-elsa']],
    // Phrases need their words next to each other.
    ['Decision making, with support from nurses.', ['gap-translation-practice']],
    ['Health of the ageing heart, economics aside.', ['gap-health-economics']],
  ])('"%s" does not address %j', (description, gapIds) => {
    const found = placements(text(description));
    for (const gapId of gapIds) expect(found).not.toContain(`ADDRESSES ${gapId}`);
  });

  it('reads the title, keywords, description and disease area, and nothing else of a project', () => {
    expect(placements({ title: 'Deep learning for ECG' })).toEqual(['ADDRESSES gap-ai-advanced-tech']);
    expect(placements({ keywords: ['deep learning'] })).toEqual(['ADDRESSES gap-ai-advanced-tech']);
    expect(placements({ diseaseArea: 'AI-guided cardiology' })).toEqual(['ADDRESSES gap-ai-advanced-tech']);
    expect(
      placements({ notes: 'deep learning', acronym: 'AI', sources: ['https://example.org/ai'] }),
    ).toEqual([]);
  });

  it('reads words, not sentences: a negated mention still matches (no negation is handled)', () => {
    expect(placements(text('Uses no machine learning at all.'))).toEqual(['ADDRESSES gap-ai-advanced-tech']);
  });
});

describe('keyword stage rules (keywords-stage-*) on hand-written texts', () => {
  it.each([
    ['Drug testing in tumour cultures.', 'vc-translational-research'],
    ['Drug testing in tumor cultures.', 'vc-translational-research'],
    ['Drug testing in pre-clinical models.', 'vc-translational-research'],
    ['Drug testing in preclinical models.', 'vc-translational-research'],
    ['Maps cell signalling in blasts.', 'vc-basic-research'],
    ['Maps cell signaling in blasts.', 'vc-basic-research'],
    ['Builds a prototype dashboard.', 'vc-development'],
    ['Prepares a validation study at three sites.', 'vc-validation'],
    ['Prepares an HTA dossier.', 'vc-hta-reimbursement'],
    ['Supports uptake into clinical practice.', 'vc-uptake-practice'],
  ])('"%s" is at %s', (description, stageId) => {
    expect(placements(text(description))).toContain(`AT_STAGE ${stageId}`);
  });

  it('matches both spellings of a table word, also under the default (clinical research since issue 17)', () => {
    for (const description of ['A randomised trial of dosing.', 'A randomized trial of dosing.']) {
      expect(placements(text(description), { minConfidence: 0 })).toContain('AT_STAGE vc-clinical-research');
      expect(placements(text(description))).not.toContain('AT_STAGE vc-clinical-research');
    }
  });

  it.each([
    ['A prototypical case of relapse.', 'vc-development'],
    ['Uses clinical data only.', 'vc-clinical-research'],
    ['In vivo imaging of the brain.', 'vc-translational-research'],
    ['Counts hospital admissions.', 'vc-implementation'],
    ['Validation of the model on held-out data.', 'vc-validation'],
    ['A decision-support model for clinicians.', 'vc-uptake-practice'],
    ['A hat dossier.', 'vc-hta-reimbursement'],
  ])('"%s" is not at %s', (description, stageId) => {
    expect(placements(text(description))).not.toContain(`AT_STAGE ${stageId}`);
  });
});

describe('call rules (project-inherits-call-targets, call-kind-stage) on hand-written calls', () => {
  const targetsCall = makeCall({
    id: 'jtc2024',
    year: 2024,
    title: 'Identification or Validation of Targets for Personalised Medicine Approaches',
  });
  // Three gaps name the call: the targets gap (its title's topic), ELSA and implementation.
  const gaps = ['gap-targets-companion-biomarkers', 'gap-elsa', 'gap-implementation-evidence'].map((id) =>
    makeGap({ id, namedIn: ['EP PerMed JTC2024'] }),
  );

  it("gives a project of a multi-topic call its title's topic at the default and the others only under it", () => {
    const project = { callId: 'jtc2024', description: 'Studies leukaemia cell metabolism.' };
    expect(placements(project, { calls: [targetsCall], gaps })).toEqual([
      'ADDRESSES gap-targets-companion-biomarkers',
      'AT_STAGE vc-basic-research',
      'AT_STAGE vc-research',
    ]);
    expect(placements(project, { calls: [targetsCall], gaps, minConfidence: 0 })).toEqual([
      'ADDRESSES gap-elsa',
      'ADDRESSES gap-implementation-evidence',
      'ADDRESSES gap-targets-companion-biomarkers',
      'AT_STAGE vc-basic-research',
      'AT_STAGE vc-research',
    ]);
  });

  it('places a project by the kind of its call, and not at all by a support call or an event', () => {
    const call = (kind: CallRecord['kind']) => [makeCall({ id: 'call-x', kind })];
    expect(placements({ callId: 'call-x' }, { calls: call('JOINT_TRANSNATIONAL_CALL') })).toEqual([
      'AT_STAGE vc-research',
    ]);
    expect(placements({ callId: 'call-x' }, { calls: call('INNOVATION_CALL') })).toEqual([
      'AT_STAGE vc-innovation',
    ]);
    expect(placements({ callId: 'call-x' }, { calls: call('SUPPORT_CALL') })).toEqual([]);
    expect(placements({ callId: 'call-x' }, { calls: call('EVENT') })).toEqual([]);
  });

  it('keeps a research-call project at its later stage only when its own text shows one', () => {
    const calls = [makeCall({ id: 'call-x' })];
    expect(placements({ callId: 'call-x', description: 'Builds prototype software.' }, { calls })).toEqual([
      'AT_STAGE vc-development',
    ]);
  });

  it('keeps it at research when its later-stage words sit under the default (implementation since issue 17)', () => {
    const calls = [makeCall({ id: 'call-x' })];
    const project = { callId: 'call-x', description: 'Implementation of the model.' };
    expect(placements(project, { calls })).toEqual(['AT_STAGE vc-research']);
    expect(placements(project, { calls, minConfidence: 0 })).toEqual([
      'ADDRESSES gap-implementation-evidence',
      'AT_STAGE vc-implementation',
      'AT_STAGE vc-research',
    ]);
    expect(LATER_STAGE_SHOWN_AT).toBe(DEFAULT_MIN_CONFIDENCE);
  });

  it('places nothing and addresses nothing for a project with no call and no readable words', () => {
    expect(placements({ title: 'Project X', description: 'Work of a consortium.' })).toEqual([]);
  });
});
