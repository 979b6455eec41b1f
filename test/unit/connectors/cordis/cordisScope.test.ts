// The scope rules of `--scope pm` (docs/connectors.md, "What is in scope"): each rule on its own,
// the precedence of the rule a project records, the evidence, and the lower confidence of a
// project taken in by a euroSciVoc tag alone.

import {
  decideScope,
  EUROSCIVOC_PM,
  isUnderPersonalisedMedicine,
  PM_PHRASES,
  type ScopeInput,
} from '../../../../src/connectors/cordis/cordisScope';

function project(overrides: Partial<ScopeInput>): ScopeInput {
  return {
    grantId: '990000099',
    acronym: 'SYNTH',
    title: 'Synthetic row: soil carbon in alpine meadows',
    objective: 'Synthetic row. Soil carbon is measured in alpine meadows.',
    topics: [],
    euroSciVoc: [],
    ...overrides,
  };
}

describe('decideScope', () => {
  it('leaves out a project no rule matches', () => {
    expect(decideScope(project({}))).toEqual({
      inScope: false,
      rule: null,
      rules: [],
      evidence: [],
      confidence: 0,
      weak: false,
    });
  });

  it("takes in the partnerships' own grants by grant id and by acronym, with full confidence", () => {
    expect(decideScope(project({ grantId: '101137129' }))).toMatchObject({
      inScope: true,
      rule: 'partnership-grant',
      confidence: 1,
      evidence: ['grant 101137129 (EP PerMed)'],
    });
    expect(decideScope(project({ acronym: 'ERA-PerMed' }))).toMatchObject({
      rule: 'partnership-acronym',
      confidence: 1,
    });
  });

  it('takes in a project of a listed topic, whatever the case of its code', () => {
    expect(decideScope(project({ topics: ['sc1-bhc-25-2019'] }))).toMatchObject({
      rule: 'pm-topic',
      confidence: 0.9,
      evidence: [
        'topic sc1-bhc-25-2019 (Demonstration pilots for implementation of personalised medicine in healthcare)',
      ],
    });
  });

  it('takes in a phrase in the title above one in the objective, British and American spelling alike', () => {
    expect(decideScope(project({ title: 'Synthetic row: Personalized Medicine for asthma' }))).toMatchObject({
      rule: 'pm-phrase',
      confidence: PM_PHRASES.confidenceTitle,
    });
    const inObjective = decideScope(
      project({ objective: 'Synthetic row. We study pharmacogenomics of statins in older adults.' }),
    );
    expect(inObjective).toMatchObject({ rule: 'pm-phrase', confidence: PM_PHRASES.confidenceObjective });
    expect(inObjective.evidence[0]).toMatch(/^objective: ".*pharmacogenomics of statins/);
  });

  it('does not take in a phrase inside a longer word', () => {
    expect(decideScope(project({ title: 'Synthetic row: unpersonalised medicines' })).inScope).toBe(false);
  });

  it('takes in a euroSciVoc tag alone as a weak signal with a lower confidence that says why', () => {
    const alone = decideScope(project({ euroSciVoc: ['/21/33/5029300 personalized medicine'] }));
    expect(alone).toMatchObject({
      inScope: true,
      rule: 'euroscivoc-personalised-medicine',
      confidence: EUROSCIVOC_PM.confidenceAlone,
      weak: true,
    });
    expect(alone.evidence[0]).toMatch(/one weak signal alone/);
  });

  it('keeps every matched rule, the strongest first, and is not weak when the tag has company', () => {
    const decision = decideScope(
      project({
        grantId: '779282',
        title: 'Synthetic row: precision medicine',
        euroSciVoc: ['/21/33/5029300 personalized medicine'],
      }),
    );
    expect(decision).toMatchObject({
      rule: 'partnership-grant',
      rules: ['partnership-grant', 'pm-phrase', 'euroscivoc-personalised-medicine'],
      confidence: 1,
      weak: false,
    });
    expect(decision.evidence).toHaveLength(3);
  });
});

describe('isUnderPersonalisedMedicine', () => {
  it('is true for the branch /21/33/5029300 and anything below it, false beside it', () => {
    expect(isUnderPersonalisedMedicine(['21', '33', '5029300'])).toBe(true);
    expect(isUnderPersonalisedMedicine(['21', '33', '5029300', '123'])).toBe(true);
    expect(isUnderPersonalisedMedicine(['21', '33'])).toBe(false);
    expect(isUnderPersonalisedMedicine(['21', '30', '213'])).toBe(false);
  });
});
