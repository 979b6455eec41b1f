// The scope rules measured on the judged sample of real CORDIS project pages: the counting on
// hand-made (synthetic) judged projects, the sample file's own promises (real pages, drawn as its
// selection says, every project judged with a reason), and the figures docs/connectors.md
// reports, recomputed here from the sample and the rules as they stand.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { SCOPE_RULE_IDS } from '../../../../src/connectors/cordis/cordisScope';
import {
  formatScopePrecision,
  samplePmTags,
  sampleProjectRow,
  sampleScope,
  scopePrecision,
  type ScopeSampleProject,
} from '../../../../src/connectors/cordis/cordisScopePrecision';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

type Sample = {
  selection: { queries: string[]; pmQueries: number[] };
  judgingGuide: { definition: string };
  projects: ScopeSampleProject[];
};

/** A synthetic judged project: none of these texts is a real project's. */
function judged(
  grantId: string,
  text: { title?: string; objective?: string; topics?: string[]; euroSciVoc?: string[] },
  inScope: boolean,
  borderline = false,
): ScopeSampleProject {
  return {
    grantId,
    acronym: `SYNTH${grantId}`,
    title: text.title ?? 'Synthetic row: soil carbon in alpine meadows',
    objective: text.objective ?? 'Synthetic row. Nothing about medicine.',
    objectiveComplete: true,
    topics: text.topics ?? [],
    euroSciVoc: text.euroSciVoc ?? [],
    sources: ['synthetic'],
    query: 1,
    textNote: 'synthetic',
    judgement: { inScope, borderline, reason: 'synthetic' },
  };
}

describe('scopePrecision on synthetic judged projects', () => {
  const projects = [
    judged('990000001', { title: 'Synthetic: precision medicine for gout' }, true),
    judged('990000002', { objective: 'Synthetic: a personalised therapy, of a sort.' }, false, true),
    judged('990000003', { objective: 'Synthetic: pharmacogenomics of statins.' }, true),
    judged('990000004', { topics: ['SC1-PM-02-2017'] }, true),
    judged(
      '990000005',
      { euroSciVoc: ['/medical and health sciences/health sciences/personalized medicine'] },
      false,
    ),
    judged('990000006', {}, true),
    judged('990000007', {}, false),
  ];
  const report = scopePrecision(projects);

  it('counts precision over the projects taken in and recall over those judged in scope', () => {
    expect(report.overall).toEqual({
      taken: 5,
      correct: 3,
      precision: 3 / 5,
      judgedIn: 4,
      found: 3,
      recall: 3 / 4,
    });
    expect(report.withoutBorderline).toMatchObject({ taken: 4, correct: 3, judgedIn: 4 });
  });

  it('counts each rule on the projects it took in, whether or not a stronger rule took them too', () => {
    expect(report.byRule.get('pm-phrase')).toMatchObject({ taken: 3, correct: 2, found: 2, judgedIn: 4 });
    expect(report.byRule.get('pm-topic')).toMatchObject({ taken: 1, correct: 1 });
    expect(report.byRule.get('euroscivoc-personalised-medicine')).toMatchObject({ taken: 1, correct: 0 });
    expect(report.byRule.get('partnership-grant')).toMatchObject({ taken: 0, precision: null });
    expect([...report.byRule.keys()]).toEqual([...SCOPE_RULE_IDS]);
  });

  it('groups the projects by the confidence the connector stores, the weak euroSciVoc-alone 0.5 included', () => {
    expect([...report.byConfidence.keys()]).toEqual([0.9, 0.8, 0.5]);
    expect(report.byConfidence.get(0.9)).toMatchObject({ taken: 2, correct: 2 });
    expect(report.byConfidence.get(0.8)).toMatchObject({ taken: 2, correct: 1 });
    expect(report.byConfidence.get(0.5)).toMatchObject({ taken: 1, correct: 0 });
  });

  it('names the projects wrongly taken in and those missed, with their rules and borderline flags', () => {
    expect(report.wrong).toEqual([
      '990000002 SYNTH990000002 (pm-phrase, judged borderline)',
      '990000005 SYNTH990000005 (euroscivoc-personalised-medicine)',
    ]);
    expect(report.missed).toEqual(['990000006 SYNTH990000006']);
  });

  it('refuses a sample that judges a grant twice', () => {
    expect(() => scopePrecision([projects[0]!, projects[0]!])).toThrow('grant 990000001 is judged twice');
  });

  it('reads a EuroSciVoc label path under personalised medicine, with or without its leading slash, and nothing beside it', () => {
    const tags = samplePmTags(
      judged(
        '990000008',
        {
          euroSciVoc: [
            'medical and health sciences/health sciences/personalized medicine/pharmacogenomics',
            '/medical and health sciences/health sciences/public health',
            '/medical and health sciences/clinical medicine/cancer',
          ],
        },
        true,
      ),
    );
    expect(tags).toEqual([
      'medical and health sciences/health sciences/personalized medicine/pharmacogenomics',
    ]);
  });

  it("builds the connector's row from what the page shows, an absent title or acronym as empty text", () => {
    const row = sampleProjectRow({ ...judged('990000009', {}, false), title: null, acronym: null });
    expect(row).toEqual({
      id: '990000009',
      acronym: '',
      title: '',
      objective: 'Synthetic row. Nothing about medicine.',
      topics: [],
    });
    expect(sampleScope({ ...judged('990000010', {}, false), acronym: 'EP PerMed' })).toMatchObject({
      rule: 'partnership-acronym',
    });
  });
});

describe('the judged sample of real CORDIS project pages', () => {
  let sample: Sample;
  beforeAll(async () => {
    sample = JSON.parse(
      await readFile(path.join(ROOT, 'seeds', 'curation', 'cordis-scope-sample.json'), 'utf8'),
    ) as Sample;
  });

  it('holds at least 60 projects, each a CORDIS page of its own grant found by one of the listed queries', () => {
    expect(sample.projects.length).toBeGreaterThanOrEqual(60);
    for (const project of sample.projects) {
      const at = `${project.grantId} ${project.acronym ?? ''}`;
      expect([at, project.sources[0]]).toEqual([
        at,
        expect.stringMatching(/^https?:\/\/(www\.)?cordis\.europa\.eu\.?\//),
      ]);
      expect([at, project.sources[0]]).toEqual([at, expect.stringContaining(`/${project.grantId}`)]);
      expect([at, Number(project.grantId) >= 633000]).toEqual([at, true]);
      expect([at, project.query >= 1 && project.query <= sample.selection.queries.length]).toEqual([
        at,
        true,
      ]);
      expect([at, project.objective.trim().length > 0, project.textNote.length > 0]).toEqual([
        at,
        true,
        true,
      ]);
    }
    expect(new Set(sample.projects.map((project) => project.grantId)).size).toBe(sample.projects.length);
  });

  it('judges every project with a reason, and holds projects both in and out of personalised medicine', () => {
    for (const project of sample.projects) {
      expect([
        project.grantId,
        typeof project.judgement.inScope,
        typeof project.judgement.borderline,
      ]).toEqual([project.grantId, 'boolean', 'boolean']);
      expect([project.grantId, project.judgement.reason.length > 20]).toEqual([project.grantId, true]);
    }
    const inScope = sample.projects.filter((project) => project.judgement.inScope).length;
    expect(inScope).toBeGreaterThan(10);
    expect(sample.projects.length - inScope).toBeGreaterThan(10);
    expect(sample.judgingGuide.definition).toContain('characterisation of individuals');
  });

  it('draws most projects from queries that do not name personalised medicine', () => {
    const fromOtherQueries = sample.projects.filter(
      (project) => !sample.selection.pmQueries.includes(project.query),
    );
    expect(fromOtherQueries.length).toBeGreaterThan(sample.projects.length / 2);
  });

  it('is what docs/connectors.md reports for the rules as they stand', async () => {
    const docs = await readFile(path.join(ROOT, 'docs', 'connectors.md'), 'utf8');
    expect(docs).toContain(formatScopePrecision(scopePrecision(sample.projects)));
  });
});
