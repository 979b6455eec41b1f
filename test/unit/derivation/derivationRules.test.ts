// Each derivation rule on small hand-made inputs: one input that must match and a near-miss
// that must not, plus deduplication and the rule book's own invariants.

import {
  CALL_KIND_STAGE_RULE,
  CALL_TARGETS_RULE,
  CALL_TITLE_TARGETS_RULE,
  CURATED_PROJECT_LINKS_RULE,
  DERIVATION_RULES,
  DERIVATION_RULES_BY_ID,
  GAP_MAPPING_RULE,
  PROGRAMME_CALLS_STAGE_RULE,
  PROJECT_ADVANCES_OBJECTIVE_RULE,
  PROJECT_INHERITS_CALL_TARGETS_RULE,
  callsNamedIn,
  deriveLinks,
  stageOfCallKind,
} from '../../../src/derivation/derivationRules';
import {
  GAP_KEYWORD_RULES,
  STAGE_KEYWORD_RULES,
  keywordMatches,
  phraseRegExp,
  projectFields,
} from '../../../src/derivation/keywordRules';
import {
  CALL_KIND_STAGES,
  CALL_SERIES,
  GAP_KEYWORDS,
  STAGE_KEYWORDS,
  STAGES_BEYOND_RESEARCH,
} from '../../../src/derivation/derivationKeywords';
import { dedupeLinks, type DerivationInput } from '../../../src/derivation/ruleEngine';
import { CALL_KINDS, type DerivedLinkRecord } from '../../../src/model';
import { makeCall, makeGap, makeProject } from '../../fixtures/seedFixtures';

function input(overrides: Partial<DerivationInput>): DerivationInput {
  return { projects: [], calls: [], gaps: [], curatedProjectLinks: [], ...overrides };
}

function inferred(overrides: Partial<DerivedLinkRecord>): DerivedLinkRecord {
  return {
    fromLabel: 'Project',
    fromId: 'project-a',
    type: 'ADDRESSES',
    toLabel: 'KnowledgeGap',
    toId: 'gap-a',
    provenance: 'INFERRED',
    rule: 'keywords-gap-prevention',
    confidence: 0.45,
    evidence: 'matched "prevention" in title',
    ...overrides,
  };
}

const CALLS = [
  makeCall({ id: 'jtc2024', year: 2024, shortTitle: 'PMTargets' }),
  makeCall({ id: 'jtc2025', year: 2025, shortTitle: 'PGxPM2025' }),
  makeCall({ id: 'jtc2026', year: 2026, shortTitle: 'CARMEN2026' }),
  makeCall({
    id: 'fast-track-2025',
    kind: 'INNOVATION_CALL',
    year: 2025,
    title: 'Fast Track Validation Programme (1st Fast Track Call)',
  }),
  makeCall({
    id: 'fast-track-2026',
    kind: 'INNOVATION_CALL',
    year: 2026,
    title: 'Fast Track Validation Programme 2026',
  }),
  makeCall({
    id: 'education-call-2025',
    kind: 'SUPPORT_CALL',
    year: 2025,
    title: 'Education Call 2025: a guide',
  }),
  makeCall({
    id: 'venture-creation-programme-1',
    kind: 'INNOVATION_ACTION',
    year: null,
    title: 'Venture Creation Programme for Personalised Medicine (1st)',
  }),
  makeCall({
    id: 'event-jtc2024-symposium',
    kind: 'EVENT',
    year: 2024,
    title: 'JTC2024 symposium',
    shortTitle: 'JTC2024',
  }),
];

describe('GAP_MAPPING_RULE', () => {
  it('links a gap to each related area, stage and objective with the lower confidence for a compiler mapping', () => {
    const links = GAP_MAPPING_RULE.derive(
      input({
        gaps: [
          makeGap({
            id: 'gap-a',
            areaIds: ['area-research'],
            stageIds: ['vc-research'],
            objectiveIds: ['obj-02'],
            mappingInferred: true,
          }),
        ],
      }),
      [],
    );
    expect(links.map((l) => [l.type, l.toLabel, l.toId, l.provenance, l.confidence])).toEqual([
      ['IN_AREA', 'SriaArea', 'area-research', 'CURATED', 0.8],
      ['AT_STAGE', 'ValueChainStage', 'vc-research', 'CURATED', 0.8],
      ['SERVES', 'Objective', 'obj-02', 'CURATED', 0.8],
    ]);
    expect(links[0]?.evidence).toBe(
      "knowledge-gaps.json: gap-a lists area-research in related_area_ids (compiler's mapping)",
    );
  });

  it('gives full confidence to a mapping the sources state', () => {
    const links = GAP_MAPPING_RULE.derive(
      input({ gaps: [makeGap({ id: 'gap-a', areaIds: ['area-research'], mappingInferred: false })] }),
      [],
    );
    expect(links.map((l) => l.confidence)).toEqual([1]);
  });

  it('derives nothing for a gap without related ids', () => {
    expect(GAP_MAPPING_RULE.derive(input({ gaps: [makeGap({ id: 'gap-a' })] }), [])).toEqual([]);
  });
});

describe('callsNamedIn', () => {
  it.each([
    ['EP PerMed JTC2025 topic (PGxPM2025)', ['jtc2025']],
    ['EP PerMed JTC2024/JTC2026', ['jtc2024', 'jtc2026']],
    ['EP PerMed JTC2024 topic (PMTargets)', ['jtc2024']],
    ['CARMEN2026 call text', ['jtc2026']],
    ['EP PerMed Education Call 2025', ['education-call-2025']],
    ['EP PerMed Fast Track Call', ['fast-track-2025', 'fast-track-2026']],
    ['EP PerMed Venture Creation Programme / innovation round tables', ['venture-creation-programme-1']],
  ])('finds the calls named in "%s"', (text, expected) => {
    expect(callsNamedIn(text, CALLS)).toEqual(expected);
  });

  it.each([
    ['EP PerMed objective 5'],
    ['PerMed SRIA 2015 challenge 4'],
    ['ERA PerMed JTC2023'],
    ['EP PerMed Education Call 2024'],
    ['PMTargetsX workshop'],
  ])('finds no call in the near-miss "%s"', (text) => {
    expect(callsNamedIn(text, CALLS)).toEqual([]);
  });

  it('never returns an event, even when its short title is named', () => {
    expect(
      callsNamedIn('JTC2024', [
        makeCall({ id: 'event-x', kind: 'EVENT', year: 2024, shortTitle: 'JTC2024' }),
      ]),
    ).toEqual([]);
  });
});

describe('CALL_TARGETS_RULE', () => {
  it('links each named call to the gap with the matched text as evidence', () => {
    const links = CALL_TARGETS_RULE.derive(
      input({
        calls: CALLS,
        gaps: [makeGap({ id: 'gap-pgx', inferred: true, namedIn: ['EP PerMed JTC2025 topic (PGxPM2025)'] })],
      }),
      [],
    );
    expect(links).toEqual([
      {
        fromLabel: 'Call',
        fromId: 'jtc2025',
        type: 'TARGETS',
        toLabel: 'KnowledgeGap',
        toId: 'gap-pgx',
        provenance: 'INFERRED',
        rule: 'call-targets-gap-named-in',
        confidence: 0.9,
        evidence:
          'knowledge-gaps.json: gap-pgx is named in "EP PerMed JTC2025 topic (PGxPM2025)", which names jtc2025',
      },
    ]);
  });

  it('uses the lower confidence for a gap stated outside call texts', () => {
    const links = CALL_TARGETS_RULE.derive(
      input({
        calls: CALLS,
        gaps: [makeGap({ id: 'gap-a', inferred: false, namedIn: ['EP PerMed JTC2024/JTC2026'] })],
      }),
      [],
    );
    expect(links.map((l) => [l.fromId, l.confidence])).toEqual([
      ['jtc2024', 0.8],
      ['jtc2026', 0.8],
    ]);
  });

  it('derives nothing when no named_in text names a call', () => {
    expect(
      CALL_TARGETS_RULE.derive(
        input({ calls: CALLS, gaps: [makeGap({ id: 'gap-a', namedIn: ['ICPerMed WG2 paper'] })] }),
        [],
      ),
    ).toEqual([]);
  });
});

describe('CURATED_PROJECT_LINKS_RULE', () => {
  const project = makeProject({
    id: 'project-permanens',
    acronym: 'PERMANENS',
    diseaseArea: 'mental health / suicide and self-harm prevention',
  });

  it('turns a quoted entry into a CURATED link whose evidence is the quote', () => {
    const links = CURATED_PROJECT_LINKS_RULE.derive(
      input({
        projects: [project],
        curatedProjectLinks: [
          {
            projectId: 'project-permanens',
            type: 'ADDRESSES',
            toId: 'gap-prevention',
            field: 'disease_area',
            quote: 'suicide and self-harm prevention',
          },
        ],
      }),
      [],
    );
    expect(links).toEqual([
      {
        fromLabel: 'Project',
        fromId: 'project-permanens',
        type: 'ADDRESSES',
        toLabel: 'KnowledgeGap',
        toId: 'gap-prevention',
        provenance: 'CURATED',
        rule: 'curated-project-links',
        confidence: 0.9,
        evidence: 'disease_area of PERMANENS: "suicide and self-harm prevention"',
      },
    ]);
  });

  it('refuses an entry whose quote is not in the named field', () => {
    const derive = (): DerivedLinkRecord[] =>
      CURATED_PROJECT_LINKS_RULE.derive(
        input({
          projects: [project],
          curatedProjectLinks: [
            {
              projectId: 'project-permanens',
              type: 'ADDRESSES',
              toId: 'gap-prevention',
              field: 'title',
              quote: 'suicide',
            },
          ],
        }),
        [],
      );
    expect(derive).toThrow(
      'seeds/curation/project-links.json[0]: the title of project-permanens does not contain the quote "suicide"',
    );
  });

  it('refuses an entry naming an unknown project', () => {
    const derive = (): DerivedLinkRecord[] =>
      CURATED_PROJECT_LINKS_RULE.derive(
        input({
          curatedProjectLinks: [
            { projectId: 'project-x', type: 'AT_STAGE', toId: 'vc-research', field: 'title', quote: 'x' },
          ],
        }),
        [],
      );
    expect(derive).toThrow(
      'seeds/curation/project-links.json[0]: project "project-x" is not in projects.json',
    );
  });
});

describe('PROJECT_INHERITS_CALL_TARGETS_RULE', () => {
  const targets = inferred({
    fromLabel: 'Call',
    fromId: 'jtc2025',
    type: 'TARGETS',
    toId: 'gap-pgx',
    rule: 'call-targets-gap-named-in',
    confidence: 0.9,
    evidence: 'named',
  });

  it("gives a project its call's only target at 0.6 x the TARGETS confidence", () => {
    const links = PROJECT_INHERITS_CALL_TARGETS_RULE.derive(
      input({ projects: [makeProject({ id: 'project-hope', callId: 'jtc2025' })] }),
      [targets],
    );
    expect(links.map((l) => [l.fromId, l.type, l.toId, l.confidence])).toEqual([
      ['project-hope', 'ADDRESSES', 'gap-pgx', 0.54],
    ]);
    expect(links[0]?.evidence).toBe('funded by jtc2025, which targets gap-pgx as its main topic (named)');
  });

  it("gives the main topic of a multi-topic call in full and only a share of the call's other targets", () => {
    // The call's title names the targets gap; it also targets ELSA and implementation (three targets).
    const calls = [
      makeCall({
        id: 'jtc2024',
        title: 'Identification or Validation of Targets for Personalised Medicine Approaches',
      }),
    ];
    const topic = (toId: string, confidence: number): DerivedLinkRecord => ({
      ...targets,
      fromId: 'jtc2024',
      toId,
      confidence,
    });
    const links = PROJECT_INHERITS_CALL_TARGETS_RULE.derive(
      input({ calls, projects: [makeProject({ id: 'project-m', callId: 'jtc2024' })] }),
      [
        topic('gap-targets-companion-biomarkers', 0.9),
        topic('gap-elsa', 0.8),
        topic('gap-implementation-evidence', 0.8),
      ],
    );
    expect(links.map((l) => [l.toId, l.confidence])).toEqual([
      ['gap-targets-companion-biomarkers', 0.54],
      ['gap-elsa', 0.16],
      ['gap-implementation-evidence', 0.16],
    ]);
    expect(links[1]?.evidence).toMatch(/^funded by jtc2024, which targets gap-elsa as one of its 3 targets/);
  });

  it('gives nothing to a project of another call or of no call', () => {
    const projects = [
      makeProject({ id: 'project-b', callId: 'jtc2024' }),
      makeProject({ id: 'project-c', callId: null }),
    ];
    expect(PROJECT_INHERITS_CALL_TARGETS_RULE.derive(input({ projects }), [targets])).toEqual([]);
  });
});

describe('keywordMatches', () => {
  it('reports each passage once, dropping a match inside a longer one', () => {
    const [rule] = GAP_KEYWORD_RULES.filter((r) => r.id === 'keywords-gap-multiomics-integration');
    const project = makeProject({
      id: 'project-a',
      keywords: ['multi-omics'],
      description: 'Omics of blood and omics of tumours.',
    });
    if (!rule) throw new Error('no multi-omics rule');
    expect(keywordMatches(rule.table, projectFields(project))).toEqual([
      { field: 'keywords', text: 'multi-omics' },
      { field: 'description', text: 'Omics' },
    ]);
  });
});

/** [rule id, text that matches, near-miss that must not]; the text goes into the description. */
const KEYWORD_CASES: ReadonlyArray<readonly [string, string, string]> = [
  [
    'keywords-gap-pharmacogenomics',
    'Finds pharmacogenomic markers of response.',
    'Studies the pharmacology of lithium.',
  ],
  ['keywords-gap-ai-advanced-tech', 'An AI-aided prediction of risk.', 'Said to maintain AIDS care.'],
  [
    'keywords-gap-multiomics-integration',
    'Multiomics profiling of tumours.',
    'Single-cell profiling of tumours.',
  ],
  [
    'keywords-gap-translation-practice',
    'Clinical decision support for emergency care.',
    'Decision making in boards.',
  ],
  ['keywords-gap-prevention', 'Preventive strategies for dementia.', 'Prevalence of dementia.'],
  [
    'keywords-gap-end-user-participation',
    'With public involvement in design.',
    'Collects patient-reported outcomes.',
  ],
  ['keywords-gap-citizen-literacy', 'Studies risk communication to patients.', 'Studies risk factors.'],
  [
    'keywords-gap-targets-companion-biomarkers',
    'Finds treatment targets.',
    'Finds pharmacogenomic markers and biomarkers.',
  ],
  ['keywords-gap-data-interoperability', 'Uses OMOP registry data.', 'Uses a register of omophagia.'],
  ['keywords-gap-data-privacy', 'Generates synthetic data.', 'Synthetic lethality screen.'],
  ['keywords-gap-elsa', 'With ELSA work.', 'Elsa the cow.'],
  ['keywords-gap-individual-factors', 'Accounts for gender bias.', 'Tumour microenvironment profiling.'],
  [
    'keywords-gap-clinical-research-methods',
    'Patient stratification in a cohort.',
    'Builds a longitudinal cohort.',
  ],
  ['keywords-gap-health-economics', 'A cost-effectiveness model.', 'An effective cost driver.'],
  ['keywords-gap-payment-reimbursement', 'New reimbursement schemes.', 'New payment terminal.'],
  ['keywords-gap-hcp-education', 'Training modules for nurses.', 'Training data for the model.'],
  [
    'keywords-gap-implementation-evidence',
    'Deploys models across hospitals.',
    'Implements nothing (no noun).',
  ],
  ['keywords-gap-validation-bottleneck', 'Raises the TRL of the device.', 'Control group tRL.'],
  ['keywords-gap-innovation-to-market', 'Creates a start-up.', 'Start of the upswing.'],
  ['keywords-gap-equitable-access', 'Reaches rural patients.', 'Accessible blood tests.'],
  ['keywords-gap-infrastructure', 'Builds a research infrastructure.', 'Uses UK Biobank data.'],
  ['keywords-gap-regulatory-frameworks', 'Regulatory approval pathway.', 'Regulatory T cells.'],
  ['keywords-gap-interdisciplinary-collaboration', 'A multidisciplinary team.', 'A disciplinary hearing.'],
  ['keywords-gap-workforce', 'Addresses staff shortages.', 'Addresses staff meetings.'],
  ['keywords-stage-basic-research', 'Tracks clonal evolution.', 'Tracks clinical evolution.'],
  ['keywords-stage-translational-research', 'Ex vivo drug response.', 'In vivo imaging.'],
  ['keywords-stage-clinical-research', 'A linked clinical trial NCT05871320.', 'Clinical data only.'],
  ['keywords-stage-development', 'A prototype dashboard.', 'A typed protocol.'],
  ['keywords-stage-validation', 'Validation studies at partner sites.', 'Validation of the model.'],
  ['keywords-stage-innovation', 'With an SME partner.', 'Smells of success.'],
  ['keywords-stage-market-access', 'Prepares market access.', 'A market research survey.'],
  ['keywords-stage-implementation', 'Deployed across hospital networks.', 'Hospital admissions.'],
  ['keywords-stage-hta-reimbursement', 'An HTA dossier.', 'A hat dossier.'],
  [
    'keywords-stage-uptake-practice',
    'Uptake into clinical practice.',
    'A decision-support model for clinicians.',
  ],
];

describe('keyword rules', () => {
  const rules = new Map([...GAP_KEYWORD_RULES, ...STAGE_KEYWORD_RULES].map((rule) => [rule.id, rule]));

  it('has a match and a near-miss case for every keyword rule', () => {
    expect(KEYWORD_CASES.map(([id]) => id).sort()).toEqual([...rules.keys()].sort());
  });

  it.each(KEYWORD_CASES)('%s matches "%s"', (id, text) => {
    const rule = rules.get(id);
    const links =
      rule?.derive(input({ projects: [makeProject({ id: 'project-a', description: text })] }), []) ?? [];
    expect(links.map((l) => [l.fromId, l.type, l.toId, l.provenance, l.rule])).toEqual([
      ['project-a', rule?.table.type, rule?.table.toId, 'INFERRED', id],
    ]);
    expect(links[0]?.confidence).toBe(rule?.table.confidence);
    expect(links[0]?.evidence).toMatch(/^matched ".+" in description$/);
  });

  it.each(KEYWORD_CASES)('%s does not match the near-miss "%s" / "%s"', (id, _match, nearMiss) => {
    const rule = rules.get(id);
    expect(
      rule?.derive(input({ projects: [makeProject({ id: 'project-a', description: nearMiss })] }), []),
    ).toEqual([]);
  });

  it('names the field and words of every match in the evidence', () => {
    const rule = rules.get('keywords-gap-ai-advanced-tech');
    const project = makeProject({
      id: 'project-a',
      title: 'Machine learning for ECG',
      keywords: ['deep learning'],
      diseaseArea: 'AI-ready cardiology',
    });
    expect(rule?.derive(input({ projects: [project] }), [])[0]?.evidence).toBe(
      'matched "Machine learning" in title, "deep learning" in keywords, "AI" in disease area',
    );
  });
});

describe('phraseRegExp', () => {
  it.each([
    ['machine learning', 'a machine-learning model', true],
    ['multi-omics', 'multiomics and multi omics', true],
    ['pharmaco-genom*', 'pharmacogenomic markers', true],
    ['markers', 'blood biomarkers', false],
    ['environment', 'tumour microenvironment', false],
    ['targets', 'it targeted', false],
  ])('"%s" in "%s" is %s', (phrase, text, matches) => {
    expect(phraseRegExp(phrase).test(text)).toBe(matches);
  });

  it('matches acronyms with their case only', () => {
    expect(phraseRegExp('AI', true).test('an AI model')).toBe(true);
    expect(phraseRegExp('AI', true).test('AI-aided')).toBe(true);
    expect(phraseRegExp('AI', true).test('said ai')).toBe(false);
  });
});

describe('CALL_TITLE_TARGETS_RULE', () => {
  it('links JTC2022 "Prevention in Personalised Medicine" to the prevention gap from its title', () => {
    const calls = [
      makeCall({ id: 'jtc2022', title: 'Prevention in Personalised Medicine', description: null }),
    ];
    const links = CALL_TITLE_TARGETS_RULE.derive(input({ calls }), []);
    expect(links.map((l) => [l.fromId, l.type, l.toId, l.confidence, l.evidence])).toEqual([
      ['jtc2022', 'TARGETS', 'gap-prevention', 0.8, 'jtc2022: "Prevention" in its title'],
    ]);
  });

  it('reads the scope at a lower confidence and never links an event', () => {
    const calls = [
      makeCall({
        id: 'edu',
        kind: 'SUPPORT_CALL',
        title: 'Education Call 2025',
        description: 'Funds online PM training modules for healthcare professionals.',
      }),
      makeCall({ id: 'event-x', kind: 'EVENT', title: 'Prevention day', description: null }),
    ];
    expect(
      CALL_TITLE_TARGETS_RULE.derive(input({ calls }), []).map((l) => [l.fromId, l.toId, l.confidence]),
    ).toEqual([['edu', 'gap-hcp-education', 0.7]]);
  });
});

describe('stageOfCallKind', () => {
  it('maps research calls to research, innovation calls and actions to innovation, and the rest to no stage', () => {
    expect(Object.fromEntries(CALL_KINDS.map((kind) => [kind, stageOfCallKind(kind)]))).toEqual({
      JOINT_TRANSNATIONAL_CALL: 'vc-research',
      INNOVATION_CALL: 'vc-innovation',
      INNOVATION_ACTION: 'vc-innovation',
      SUPPORT_CALL: null,
      EVENT: null,
    });
  });
});

describe('CALL_KIND_STAGE_RULE', () => {
  it('places a project funded by a joint transnational call at the research stage', () => {
    const links = CALL_KIND_STAGE_RULE.derive(
      input({
        calls: [makeCall({ id: 'jtc2018', shortTitle: 'JTC2018' })],
        projects: [makeProject({ id: 'project-a', callId: 'jtc2018' })],
      }),
      [],
    );
    expect(links.map((l) => [l.fromId, l.type, l.toId, l.confidence, l.evidence])).toEqual([
      [
        'project-a',
        'AT_STAGE',
        'vc-research',
        0.6,
        'funded by jtc2018 (JTC2018), a joint transnational call',
      ],
    ]);
  });

  it("steps back to 0.3 when the project's text places it beyond research", () => {
    const development = inferred({
      type: 'AT_STAGE',
      toLabel: 'ValueChainStage',
      toId: 'vc-development',
      rule: 'keywords-stage-development',
      confidence: 0.4,
    });
    const links = CALL_KIND_STAGE_RULE.derive(
      input({
        calls: [makeCall({ id: 'jtc2018', shortTitle: 'JTC2018' })],
        projects: [makeProject({ id: 'project-a', callId: 'jtc2018' })],
      }),
      [development],
    );
    expect(links.map((l) => [l.toId, l.confidence, l.evidence])).toEqual([
      [
        'vc-research',
        0.3,
        'funded by jtc2018 (JTC2018), a joint transnational call; its text places it at vc-development',
      ],
    ]);
  });

  it('places nothing for a support call or an unknown call', () => {
    const links = CALL_KIND_STAGE_RULE.derive(
      input({
        calls: [makeCall({ id: 'nsc2025', kind: 'SUPPORT_CALL' })],
        projects: [
          makeProject({ id: 'project-a', callId: 'nsc2025' }),
          makeProject({ id: 'project-b', callId: 'jtc2099' }),
        ],
      }),
      [],
    );
    expect(links).toEqual([]);
  });
});

describe('PROGRAMME_CALLS_STAGE_RULE', () => {
  const eraCalls = [
    makeCall({ id: 'jtc2018', programmeId: 'era' }),
    makeCall({ id: 'event-x', kind: 'EVENT', programmeId: 'era' }),
  ];

  it('places a project without a call at research when its programme ran only research calls', () => {
    const links = PROGRAMME_CALLS_STAGE_RULE.derive(
      input({ calls: eraCalls, projects: [makeProject({ id: 'project-a', programmeId: 'era' })] }),
      [],
    );
    expect(links.map((l) => [l.fromId, l.toId, l.confidence, l.evidence])).toEqual([
      [
        'project-a',
        'vc-research',
        0.5,
        'call unknown; every funding call of era in calls.json (jtc2018) is a joint transnational research call',
      ],
    ]);
  });

  it('places nothing when the programme also ran an innovation call, or when the call is known', () => {
    const calls = [
      ...eraCalls,
      makeCall({ id: 'ritc', kind: 'INNOVATION_CALL', programmeId: 'ep' }),
      makeCall({ id: 'jtc2024', programmeId: 'ep' }),
    ];
    const projects = [
      makeProject({ id: 'project-a', programmeId: 'ep' }),
      makeProject({ id: 'project-b', programmeId: 'era', callId: 'jtc2018' }),
    ];
    expect(PROGRAMME_CALLS_STAGE_RULE.derive(input({ calls, projects }), [])).toEqual([]);
  });
});

describe('PROJECT_ADVANCES_OBJECTIVE_RULE', () => {
  const serves = inferred({
    fromLabel: 'KnowledgeGap',
    fromId: 'gap-a',
    type: 'SERVES',
    toLabel: 'Objective',
    toId: 'obj-02',
    provenance: 'CURATED',
    rule: 'gap-mapping-from-domain',
    confidence: 0.8,
  });

  it('links a project to the objectives its gaps serve with the product of both confidences', () => {
    const links = PROJECT_ADVANCES_OBJECTIVE_RULE.derive(input({}), [inferred({ confidence: 0.45 }), serves]);
    expect(links.map((l) => [l.fromId, l.type, l.toId, l.confidence, l.evidence])).toEqual([
      [
        'project-a',
        'ADVANCES',
        'obj-02',
        0.36,
        'addresses gap-a (keywords-gap-prevention, 0.45), which serves obj-02 (gap-mapping-from-domain, 0.8)',
      ],
    ]);
  });

  it('derives nothing when the addressed gap serves no objective', () => {
    expect(PROJECT_ADVANCES_OBJECTIVE_RULE.derive(input({}), [inferred({ toId: 'gap-b' }), serves])).toEqual(
      [],
    );
  });
});

describe('dedupeLinks', () => {
  it('keeps a CURATED link over a more confident INFERRED one', () => {
    const curated = inferred({ provenance: 'CURATED', rule: 'curated-project-links', confidence: 0.5 });
    expect(dedupeLinks([inferred({ confidence: 0.9 }), curated])).toEqual([curated]);
  });

  it('keeps the most confident of INFERRED links, and the first rule id on a tie', () => {
    const weak = inferred({ confidence: 0.3, rule: 'a-rule' });
    const strong = inferred({ confidence: 0.6, rule: 'z-rule' });
    expect(dedupeLinks([weak, strong])).toEqual([strong]);
    expect(dedupeLinks([inferred({ rule: 'z-rule' }), inferred({ rule: 'a-rule' })])[0]?.rule).toBe('a-rule');
  });

  it('keeps links that differ in type or target', () => {
    expect(
      dedupeLinks([
        inferred({}),
        inferred({ toId: 'gap-b' }),
        inferred({ type: 'AT_STAGE', toLabel: 'ValueChainStage', toId: 'gap-a' }),
      ]),
    ).toHaveLength(3);
  });
});

describe('deriveLinks', () => {
  it('chains rules: a project inherits its call target and advances the objective the gap serves', () => {
    const links = deriveLinks(
      input({
        calls: [makeCall({ id: 'jtc2025', year: 2025 })],
        projects: [makeProject({ id: 'project-hope', callId: 'jtc2025' })],
        gaps: [
          makeGap({
            id: 'gap-pgx',
            inferred: true,
            namedIn: ['EP PerMed JTC2025 topic'],
            objectiveIds: ['obj-02'],
          }),
        ],
      }),
    );
    expect(links.map((l) => `${l.fromId} ${l.type} ${l.toId} ${l.confidence}`)).toEqual([
      'jtc2025 TARGETS gap-pgx 0.9',
      'gap-pgx SERVES obj-02 0.8',
      'project-hope ADDRESSES gap-pgx 0.54',
      'project-hope ADVANCES obj-02 0.432',
      'project-hope AT_STAGE vc-research 0.6',
    ]);
  });
});

describe('DERIVATION_RULES', () => {
  it('has unique ids, each with a description and a confidence note', () => {
    expect(DERIVATION_RULES_BY_ID.size).toBe(DERIVATION_RULES.length);
    for (const rule of DERIVATION_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.confidenceNote.length).toBeGreaterThan(5);
    }
  });

  it('marks only the gap mappings and the curated project links as CURATED', () => {
    expect(DERIVATION_RULES.filter((rule) => rule.provenance === 'CURATED').map((rule) => rule.id)).toEqual([
      'gap-mapping-from-domain',
      'curated-project-links',
    ]);
  });
});

describe('the derivation tables', () => {
  const tables = { GAP_KEYWORDS, STAGE_KEYWORDS, CALL_SERIES, CALL_KIND_STAGES, STAGES_BEYOND_RESEARCH };

  it.each(Object.entries(tables))(
    '%s names rules of the book that read it, why and on what authority',
    (_, table) => {
      for (const id of table.usedBy) expect(DERIVATION_RULES_BY_ID.has(id)).toBe(true);
      expect(table.why.length).toBeGreaterThan(20);
      expect(table.authority).toMatch(/seeds\/domain\//);
    },
  );

  it('makes every keyword table the INFERRED rule of its own id, at its own confidence', () => {
    for (const table of [...GAP_KEYWORDS.rows, ...STAGE_KEYWORDS.rows]) {
      const rule = DERIVATION_RULES_BY_ID.get(table.id);
      expect(rule?.provenance).toBe('INFERRED');
      expect(rule?.confidenceNote).toMatch(new RegExp(`^${table.confidence} `));
    }
  });
});
