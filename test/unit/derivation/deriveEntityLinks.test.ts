// The rule book run over part of the graph gives what the whole book gives at the seed build:
// every seed project derived from the facts the graph holds around it (its call, the call's
// targets, the gaps' objectives, its curated links) gets exactly its links of seeds/*.json, one
// project at a time or all at once; calls get their TARGETS. Then the cases a write meets.

import path from 'node:path';
import {
  CALL_RULES,
  deriveCallTargets,
  deriveProjectLinks,
  PROJECT_RULES,
  type ProjectRuleFacts,
} from '../../../src/derivation/deriveEntityLinks';
import { DERIVATION_RULES } from '../../../src/derivation/derivationRules';
import type { GapFacts, RuleCall, RuleProject } from '../../../src/derivation/ruleEngine';
import type { DerivedLinkRecord, InferredLink, SeedDataset } from '../../../src/model';
import { readSeedDataset } from '../../../src/seed/readSeedDataset';

const SEEDS = path.resolve(__dirname, '..', '..', '..', 'seeds');

let dataset: SeedDataset;

beforeAll(async () => {
  dataset = await readSeedDataset(SEEDS);
});

function ruleProject(project: SeedDataset['projects'][number]): RuleProject {
  const { id, acronym, title, description, keywords, diseaseArea, callId, programmeId } = project;
  return { id, acronym, title, description, keywords, diseaseArea, callId, programmeId };
}

function ruleCall(call: SeedDataset['calls'][number]): RuleCall {
  const { id, kind, title, shortTitle, year, programmeId, description } = call;
  return { id, kind, title, shortTitle, year, programmeId, description };
}

/** The facts a write batch reads from a seeded graph around `projects`. */
function factsOf(projects: ReadonlyArray<SeedDataset['projects'][number]>): ProjectRuleFacts {
  const ids = new Set(projects.map((project) => project.id));
  const given = dataset.links.filter(
    (link) =>
      link.type === 'TARGETS' ||
      link.type === 'SERVES' ||
      (link.fromLabel === 'Project' && ids.has(link.fromId) && link.provenance === 'CURATED'),
  );
  return {
    projects: projects.map(ruleProject),
    calls: dataset.calls.map(ruleCall),
    given,
    diseaseAreas: dataset.diseaseAreas,
  };
}

function key(link: InferredLink): string {
  return `${link.fromId} ${link.type} ${link.toId} ${link.rule} ${link.confidence} ${link.evidence}`;
}

/** The seeds' INFERRED project links (and disease-area links) of `ids`, as InferredLinks. */
function seededLinks(ids: ReadonlySet<string>): string[] {
  const links: InferredLink[] = dataset.links
    .filter((link) => link.fromLabel === 'Project' && ids.has(link.fromId) && link.provenance === 'INFERRED')
    .map((link) => ({ ...pick(link), type: link.type as InferredLink['type'] }));
  for (const area of dataset.diseaseAreaLinks) {
    if (!ids.has(area.projectId)) continue;
    links.push({
      type: 'IN_DISEASE_AREA',
      fromId: area.projectId,
      toId: area.diseaseAreaId,
      rule: area.rule,
      confidence: area.confidence,
      evidence: area.evidence,
    });
  }
  return links.map(key).sort();
}

function pick(link: DerivedLinkRecord): Omit<InferredLink, 'type'> {
  return {
    fromId: link.fromId,
    toId: link.toId,
    rule: link.rule,
    confidence: link.confidence,
    evidence: link.evidence,
  };
}

describe('PROJECT_RULES and CALL_RULES', () => {
  it('are the rules of the book that a write runs, in book order, leaving out the seed-only ones', () => {
    expect(PROJECT_RULES.map((rule) => rule.id)).toEqual(
      DERIVATION_RULES.map((rule) => rule.id).filter(
        (id) =>
          !['gap-mapping-from-domain', 'curated-project-links'].includes(id) &&
          !CALL_RULES.some((rule) => rule.id === id),
      ),
    );
  });
});

describe('deriveProjectLinks', () => {
  it('gives every seed project, one at a time, exactly its inferred links of seeds/', () => {
    const mismatches: string[] = [];
    for (const project of dataset.projects) {
      const derived = deriveProjectLinks(factsOf([project]))
        .links.map(key)
        .sort();
      const expected = seededLinks(new Set([project.id]));
      if (JSON.stringify(derived) !== JSON.stringify(expected)) mismatches.push(project.id);
    }
    expect(mismatches).toEqual([]);
    expect(dataset.projects.length).toBeGreaterThanOrEqual(30);
  });

  it('gives all seed projects at once the same links as one at a time', () => {
    const all = deriveProjectLinks(factsOf(dataset.projects)).links.map(key).sort();
    expect(all).toEqual(seededLinks(new Set(dataset.projects.map((project) => project.id))));
    expect(all.length).toBeGreaterThan(100);
  });

  const bare: RuleProject = {
    id: 'project-bare',
    acronym: 'BARE',
    title: null,
    description: null,
    keywords: [],
    diseaseArea: null,
    callId: null,
    programmeId: null,
  };

  it('places a project with no text and no call nowhere, and says why', () => {
    const derivation = deriveProjectLinks({ projects: [bare], calls: [], given: [], diseaseAreas: [] });
    expect(derivation.links).toEqual([]);
    expect(derivation.unplaced).toEqual([
      {
        projectId: 'project-bare',
        reason:
          'no inferred link: it has no title, keywords, description or disease area for a rule to read, and it names no call',
      },
    ]);
  });

  it('says that the text matched nothing when there is text', () => {
    const derivation = deriveProjectLinks({
      projects: [{ ...bare, title: 'A study of things' }],
      calls: [],
      given: [],
      diseaseAreas: [],
    });
    expect(derivation.unplaced[0]?.reason).toContain(
      'nothing in its title, keywords, description or disease area',
    );
  });

  const pgx: RuleProject = { ...bare, id: 'project-pgx', title: 'Pharmacogenomic dosing in primary care' };
  const serves: DerivedLinkRecord = {
    fromLabel: 'KnowledgeGap',
    fromId: 'gap-pharmacogenomics',
    type: 'SERVES',
    toLabel: 'Objective',
    toId: 'objective-x',
    provenance: 'CURATED',
    rule: 'gap-mapping-from-domain',
    confidence: 0.8,
    evidence: 'mapping',
  };

  it('derives the objective a derived gap serves', () => {
    const links = deriveProjectLinks({ projects: [pgx], calls: [], given: [serves], diseaseAreas: [] }).links;
    expect(links.map((link) => `${link.type} ${link.toId} ${link.rule} ${link.confidence}`)).toEqual([
      'ADDRESSES gap-pharmacogenomics keywords-gap-pharmacogenomics 0.5',
      'ADVANCES objective-x project-advances-objective-via-gap 0.4',
    ]);
  });

  it('leaves a pair a curated link holds to the curated link, even a weaker one, and chains from it', () => {
    const curated: DerivedLinkRecord = {
      fromLabel: 'Project',
      fromId: 'project-pgx',
      type: 'ADDRESSES',
      toLabel: 'KnowledgeGap',
      toId: 'gap-pharmacogenomics',
      provenance: 'CURATED',
      rule: 'curated-api',
      confidence: 0.3,
      evidence: 'a curator',
    };
    const links = deriveProjectLinks({
      projects: [pgx],
      calls: [],
      given: [serves, curated],
      diseaseAreas: [],
    }).links;
    expect(links.map((link) => `${link.type} ${link.toId} ${link.confidence}`)).toEqual([
      'ADVANCES objective-x 0.24',
    ]);
  });
});

describe('deriveCallTargets', () => {
  it("gives every seed call exactly its inferred TARGETS of seeds/, from the gaps' texts in the graph", () => {
    const gaps: GapFacts[] = dataset.knowledgeGaps.map((gap) => ({
      id: gap.id,
      namedIn: gap.namedIn,
      inferred: gap.inferred,
      areaIds: [],
      stageIds: [],
      objectiveIds: [],
      mappingInferred: false,
    }));
    const expected = dataset.links
      .filter((link) => link.type === 'TARGETS' && link.provenance === 'INFERRED')
      .map((link) => key({ ...pick(link), type: 'TARGETS' }))
      .sort();
    const oneByOne = dataset.calls.flatMap((call) => deriveCallTargets([ruleCall(call)], gaps)).map(key);
    expect(oneByOne.sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });
});
