// linkPrecision on a hand-made sample, then on the real seeds: every derived project link is
// judged (by the sample or a curated link), precision at the default minConfidence is at least
// 0.8 overall and per rule, and docs/seeds.md quotes the tables this test recomputes.

import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import worldCountries from 'world-countries';
import { DEFAULT_MIN_CONFIDENCE } from '../../../src/analytics/coverageScope';
import { buildSeeds, gapFacts } from '../../../src/seed/buildSeeds';
import { deriveLinksWithCandidates } from '../../../src/derivation/derivationRules';
import {
  formatPrecisionReport,
  linkPrecision,
  type LinkJudgement,
  type PrecisionReport,
} from '../../../src/derivation/linkPrecision';
import { readSeedInputs } from '../../../src/seed/readSeedInputs';
import type { DerivedLinkRecord } from '../../../src/model';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function projectLink(
  toId: string,
  rule: string,
  confidence: number,
  fromId = 'project-a',
): DerivedLinkRecord {
  return {
    fromLabel: 'Project',
    fromId,
    type: 'ADDRESSES',
    toLabel: 'KnowledgeGap',
    toId,
    provenance: 'INFERRED',
    rule,
    confidence,
    evidence: 'x',
  };
}

function judged(toId: string, judgement: LinkJudgement['judgement'], projectId = 'project-a'): LinkJudgement {
  return { projectId, type: 'ADDRESSES', toId, judgement, reason: 'r' };
}

describe('linkPrecision', () => {
  const links = [
    projectLink('gap-a', 'rule-1', 0.5),
    projectLink('gap-b', 'rule-1', 0.5),
    projectLink('gap-c', 'rule-2', 0.2),
    projectLink('gap-d', 'rule-2', 0.5),
  ];

  it('counts judged and correct links overall, per rule and per target, above the threshold only', () => {
    const report = linkPrecision(
      links,
      links,
      [judged('gap-a', 'correct'), judged('gap-b', 'incorrect'), judged('gap-c', 'incorrect')],
      [],
      0.4,
    );
    expect(report.overall).toEqual({ links: 3, judged: 2, correct: 1, precision: 0.5 });
    expect(report.byRule.get('rule-1')).toEqual({ links: 2, judged: 2, correct: 1, precision: 0.5 });
    expect(report.byRule.get('rule-2')).toEqual({ links: 1, judged: 0, correct: 0, precision: null });
    expect(report.unjudged.map((link) => link.toId)).toEqual(['gap-d']);
  });

  it('takes a curated link as a correct judgement and reports how many curated links the rules find', () => {
    const curated = [
      {
        projectId: 'project-a',
        type: 'ADDRESSES' as const,
        toId: 'gap-d',
        field: 'title' as const,
        quote: 'q',
      },
    ];
    const report = linkPrecision(links, links, [], curated, 0.4);
    expect(report.byTarget.get('gap-d')).toEqual({ links: 1, judged: 1, correct: 1, precision: 1 });
    expect(report.curatedFoundByRules).toEqual({ found: 1, total: 1 });
  });

  it('refuses a sample that judges a link twice or contradicts a curated link', () => {
    expect(() =>
      linkPrecision(links, links, [judged('gap-a', 'correct'), judged('gap-a', 'incorrect')], [], 0.4),
    ).toThrow('judged twice');
    const curated = [
      {
        projectId: 'project-a',
        type: 'ADDRESSES' as const,
        toId: 'gap-a',
        field: 'title' as const,
        quote: 'q',
      },
    ];
    expect(() => linkPrecision(links, links, [judged('gap-a', 'incorrect')], curated, 0.4)).toThrow(
      'judged incorrect but curated',
    );
  });
});

describe('the derivation rules on the judged sample', () => {
  let atDefault: PrecisionReport;
  let atZero: PrecisionReport;

  beforeAll(async () => {
    const { domain, curation, places } = await readSeedInputs(path.join(ROOT, 'seeds'));
    const dataset = buildSeeds(domain, curation, worldCountries, places);
    const { candidates } = deriveLinksWithCandidates({
      projects: dataset.projects,
      calls: dataset.calls,
      gaps: gapFacts(domain),
      curatedProjectLinks: curation.projectLinks,
    });
    const sample = JSON.parse(
      await readFile(path.join(ROOT, 'seeds', 'curation', 'judged-links.json'), 'utf8'),
    ) as { links: LinkJudgement[] };
    atDefault = linkPrecision(
      dataset.links,
      candidates,
      sample.links,
      curation.projectLinks,
      DEFAULT_MIN_CONFIDENCE,
    );
    atZero = linkPrecision(dataset.links, candidates, sample.links, curation.projectLinks, 0);
  });

  it('judges every inferred project link the rules derive, at any confidence', () => {
    expect(atZero.unjudged.map((link) => `${link.fromId} ${link.type} ${link.toId}`)).toEqual([]);
    for (const count of atZero.byRule.values()) expect(count.judged).toBe(count.links);
  });

  it('is at least 0.8 precise on the kept links at the default minConfidence', () => {
    expect(atDefault.overall.judged).toBeGreaterThan(50);
    expect(atDefault.overall.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('has no rule below 0.8 precision at or above the default minConfidence', () => {
    for (const [rule, count] of atDefault.byRule) {
      expect({ rule, belowTarget: count.precision !== null && count.precision < 0.8 }).toEqual({
        rule,
        belowTarget: false,
      });
    }
  });

  it('is what docs/seeds.md reports, at the default minConfidence and at 0', async () => {
    const docs = await readFile(path.join(ROOT, 'docs', 'seeds.md'), 'utf8');
    expect(docs).toContain(formatPrecisionReport(atDefault));
    expect(docs).toContain(formatPrecisionReport(atZero));
  });
});
