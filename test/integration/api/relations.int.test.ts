// Every relationship field of every type against the seeded graph: the records at the
// other end and their order (as the schema states it), the counts, the derivations of
// derived links, both ends of every link type, the same pairs read from either side, the
// counts against the filtered lists, and the `first`, provenance and minConfidence arguments.

import { DEFAULT_MIN_CONFIDENCE } from '../../../src/analytics/coverageScope';
import type { CallRecord, DerivedLinkRecord, ProjectRecord, SeedDataset } from '../../../src/model';
import { expectBadUserInput } from '../../helpers/graphqlErrors';
import { alphabetical, compareValues, orderBy, seedData } from '../../helpers/seedExpectations';
import { useTestApi } from '../../helpers/useTestApi';

const api = useTestApi();
let seeds: SeedDataset;
let graph: Graph;
beforeAll(async () => {
  seeds = await seedData();
  graph = await readGraph();
});

type Ref = { id: string } | null;
type Refs = Array<{ id: string }>;
interface Derivation {
  provenance: string;
  rule: string;
  confidence: number;
  evidence: string;
}
type Link<A extends string, B extends string> = { [K in A | B]: { id: string } } & { derivation: Derivation };
interface PartnershipView {
  role: string;
  asNamed: string[];
  organisation: { id: string };
  project: { id: string };
}

/** Every type with every relationship field, as the API answers them. */
interface Graph {
  programmes: Array<{
    id: string;
    calls: Refs;
    callCount: number;
    funders: Refs;
    funderCount: number;
    projects: Refs;
    projectCount: number;
  }>;
  funders: Array<{
    id: string;
    country: Ref;
    region: Ref;
    programmes: Refs;
    calls: Refs;
    callCount: number;
    secretariatOf: Refs;
    projects: Refs;
    projectCount: number;
  }>;
  calls: Array<{
    id: string;
    programme: Ref;
    secretariat: Ref;
    funders: Refs;
    funderCount: number;
    participatingCountries: Refs;
    participatingRegions: Refs;
    projects: Refs;
    projectCount: number;
    gaps: Array<Link<'call', 'gap'>>;
  }>;
  projects: Array<{
    id: string;
    programme: Ref;
    call: Ref;
    funders: Refs;
    funderCount: number;
    partners: PartnershipView[];
    partnerCount: number;
    countries: Refs;
    countryCount: number;
    objectives: Array<Link<'project', 'objective'>>;
    stages: Array<Link<'project', 'stage'>>;
    gaps: Array<Link<'project', 'gap'>>;
  }>;
  organisations: Array<{
    id: string;
    country: Ref;
    projects: Refs;
    partnerships: PartnershipView[];
    projectCount: number;
  }>;
  countries: Array<{
    id: string;
    funders: Refs;
    funderCount: number;
    regions: Refs;
    organisations: Refs;
    organisationCount: number;
    projects: Refs;
    projectCount: number;
    calls: Refs;
    callCount: number;
  }>;
  regions: Array<{ id: string; country: Ref; funders: Refs; calls: Refs }>;
  objectives: Array<{
    id: string;
    projects: Array<Link<'project', 'objective'>>;
    projectCount: number;
    gaps: Array<Link<'gap', 'objective'>>;
  }>;
  valueChainStages: Array<{
    id: string;
    parent: Ref;
    children: Refs;
    areas: Refs;
    projects: Array<Link<'project', 'stage'>>;
    projectCount: number;
    gaps: Array<Link<'gap', 'stage'>>;
  }>;
  sriaAreas: Array<{ id: string; stages: Refs; gaps: Array<Link<'gap', 'area'>> }>;
  knowledgeGaps: Array<{
    id: string;
    areas: Array<Link<'gap', 'area'>>;
    stages: Array<Link<'gap', 'stage'>>;
    objectives: Array<Link<'gap', 'objective'>>;
    calls: Array<Link<'call', 'gap'>>;
    projects: Array<Link<'project', 'gap'>>;
    projectCount: number;
  }>;
}

const D = 'derivation { provenance rule confidence evidence }';
const ALL = 'first: 100';
/** Each list with every relationship field of its records. */
const GRAPH_SELECTIONS: { [K in keyof Graph]: string } = {
  programmes: `id calls(${ALL}) { id } callCount funders(${ALL}) { id } funderCount projects(${ALL}) { id } projectCount`,
  funders: `id country { id } region { id } programmes { id } calls(${ALL}) { id } callCount secretariatOf { id }
    projects(${ALL}) { id } projectCount`,
  calls: `id programme { id } secretariat { id } funders(${ALL}) { id } funderCount participatingCountries { id }
    participatingRegions { id } projects(${ALL}) { id } projectCount gaps { call { id } gap { id } ${D} }`,
  projects: `id programme { id } call { id } funders { id } funderCount
    partners { role asNamed organisation { id } project { id } } partnerCount countries { id } countryCount
    objectives { project { id } objective { id } ${D} }
    stages { project { id } stage { id } ${D} }
    gaps { project { id } gap { id } ${D} }`,
  organisations: `id country { id } projects(${ALL}) { id } partnerships { role asNamed organisation { id } project { id } } projectCount`,
  countries: `id funders(${ALL}) { id } funderCount regions { id } organisations(${ALL}) { id } organisationCount
    projects(${ALL}) { id } projectCount calls(${ALL}) { id } callCount`,
  regions: 'id country { id } funders { id } calls { id }',
  objectives: `id projects { project { id } objective { id } ${D} } projectCount gaps { gap { id } objective { id } ${D} }`,
  valueChainStages: `id parent { id } children { id } areas { id } projects { project { id } stage { id } ${D} } projectCount
    gaps { gap { id } stage { id } ${D} }`,
  sriaAreas: `id stages { id } gaps { gap { id } area { id } ${D} }`,
  knowledgeGaps: `id areas { gap { id } area { id } ${D} } stages { gap { id } stage { id } ${D} }
    objectives { gap { id } objective { id } ${D} } calls { call { id } gap { id } ${D} }
    projects { project { id } gap { id } ${D} } projectCount`,
};

/**
 * Reads every list with all its relationship fields, one list per operation: a single
 * operation over all eleven would run some ninety statements at once, more than the
 * driver's connection pool (50) serves on a busy machine.
 */
async function readGraph(): Promise<Graph> {
  const graph: Partial<Record<keyof Graph, unknown>> = {};
  for (const [list, selection] of Object.entries(GRAPH_SELECTIONS)) {
    const data = await api.data<{ list: { nodes: unknown[] } }>(
      `query Graph { list: ${list}(first: 100) { nodes { ${selection} } } }`,
    );
    graph[list as keyof Graph] = data.list.nodes;
  }
  return graph as Graph;
}

// ---- Expectations from the seeds ------------------------------------------------------

const refs = (ids: readonly string[]): Refs => ids.map((id) => ({ id }));
const ref = (id: string | null | undefined): Ref => (id ? { id } : null);

/** "Newest first" of calls: year descending, calls without a year last, then id. */
const newestCallsFirst = (calls: readonly CallRecord[]) =>
  refs(orderBy(calls, [[(c) => c.year, 'DESC']]).map((c) => c.id));
/** "Newest first" of projects: year descending, projects without a year last, then acronym, then id. */
const newestProjectsFirst = (projects: readonly ProjectRecord[]) =>
  refs(
    orderBy(projects, [
      [(p) => p.year, 'DESC'],
      [(p) => alphabetical(p.acronym), 'ASC'],
    ]).map((p) => p.id),
  );
/** "By name": alphabetical, then id. */
const byName = <T extends { id: string; name: string }>(records: readonly T[]) =>
  refs(orderBy(records, [[(r) => alphabetical(r.name), 'ASC']]).map((r) => r.id));
/** "In order": by `order`, records without one last, then id. */
const inOrder = <T extends { id: string; order: number | null }>(records: readonly T[]) =>
  refs(orderBy(records, [[(r) => r.order, 'ASC']]).map((r) => r.id));

function derivationOf(link: DerivedLinkRecord): Derivation {
  return {
    provenance: link.provenance,
    rule: link.rule,
    confidence: link.confidence,
    evidence: link.evidence,
  };
}

/** Seed links of `type` from `fromLabel`, optionally only those from or to one id. */
function seedLinks(
  fromLabel: DerivedLinkRecord['fromLabel'],
  type: DerivedLinkRecord['type'],
  where: { fromId?: string; toId?: string; toLabel?: DerivedLinkRecord['toLabel'] } = {},
): DerivedLinkRecord[] {
  return seeds.links.filter(
    (link) =>
      link.fromLabel === fromLabel &&
      link.type === type &&
      (where.fromId === undefined || link.fromId === where.fromId) &&
      (where.toId === undefined || link.toId === where.toId) &&
      (where.toLabel === undefined || link.toLabel === where.toLabel),
  );
}

/**
 * Derived links as a field lists them: most confident first, then by the id of the other
 * end; each with both ends (named `fromName` and `toName`) and its derivation.
 */
function expectedLinks(
  links: readonly DerivedLinkRecord[],
  fromName: string,
  toName: string,
  otherEnd: 'from' | 'to',
): Array<Record<string, unknown>> {
  return [...links]
    .sort(
      (a, b) =>
        b.confidence - a.confidence ||
        compareValues(otherEnd === 'to' ? a.toId : a.fromId, otherEnd === 'to' ? b.toId : b.fromId),
    )
    .map((link) => ({
      [fromName]: { id: link.fromId },
      [toName]: { id: link.toId },
      derivation: derivationOf(link),
    }));
}

function seedRecord<T extends { id: string }>(records: readonly T[], id: string): T {
  const record = records.find((candidate) => candidate.id === id);
  if (!record) throw new Error(`No seed record ${id}`);
  return record;
}

/** Checks that the API answered every seed record of a type, then each against `expected`. */
function expectEach<T extends { id: string }>(
  answered: readonly T[],
  seedIds: readonly string[],
  expected: (id: string) => unknown,
): void {
  expect(answered.map((record) => record.id).sort(compareValues)).toEqual([...seedIds].sort(compareValues));
  for (const record of answered) expect(record).toEqual(expected(record.id));
}

// ---- Each type against the seeds ------------------------------------------------------

describe('relationship fields against the seeds', () => {
  it('when programmes are read, then calls, funders and projects are those of the seeds, newest and by name, with their counts', () => {
    expectEach(
      graph.programmes,
      seeds.programmes.map((p) => p.id),
      (id) => {
        const calls = seeds.calls.filter((c) => c.programmeId === id);
        const funders = seeds.funders.filter((f) => f.programmeIds.includes(id));
        const projects = seeds.projects.filter((p) => p.programmeId === id);
        return {
          id,
          calls: newestCallsFirst(calls),
          callCount: calls.length,
          funders: byName(funders),
          funderCount: funders.length,
          projects: newestProjectsFirst(projects),
          projectCount: projects.length,
        };
      },
    );
  });

  it('when funders are read, then country, region, programmes, calls, secretariats and projects are those of the seeds', () => {
    expectEach(
      graph.funders,
      seeds.funders.map((f) => f.id),
      (id) => {
        const funder = seedRecord(seeds.funders, id);
        const calls = seeds.calls.filter((c) => funder.callIds.includes(c.id));
        const projects = seeds.projects.filter((p) => p.funderIds.includes(id));
        return {
          id,
          country: ref(funder.countryCode),
          region: ref(funder.regionId),
          programmes: refs(
            orderBy(
              seeds.programmes.filter((p) => funder.programmeIds.includes(p.id)),
              [[(p) => p.startYear, 'ASC']],
            ).map((p) => p.id),
          ),
          calls: newestCallsFirst(calls),
          callCount: calls.length,
          secretariatOf: newestCallsFirst(seeds.calls.filter((c) => c.secretariatFunderId === id)),
          projects: newestProjectsFirst(projects),
          projectCount: projects.length,
        };
      },
    );
  });

  it('when calls are read, then programme, secretariat, funders, participants, projects and targeted gaps are those of the seeds', () => {
    expectEach(
      graph.calls,
      seeds.calls.map((c) => c.id),
      (id) => {
        const call = seedRecord(seeds.calls, id);
        const funders = seeds.funders.filter((f) => f.callIds.includes(id));
        const projects = seeds.projects.filter((p) => p.callId === id);
        return {
          id,
          programme: ref(call.programmeId),
          secretariat: ref(call.secretariatFunderId),
          funders: byName(funders),
          funderCount: funders.length,
          participatingCountries: byName(
            seeds.countries.filter((c) => call.participatingCountryCodes.includes(c.code)),
          ),
          participatingRegions: byName(
            seeds.regions.filter((r) => call.participatingRegionIds.includes(r.id)),
          ),
          projects: newestProjectsFirst(projects),
          projectCount: projects.length,
          gaps: expectedLinks(seedLinks('Call', 'TARGETS', { fromId: id }), 'call', 'gap', 'to'),
        };
      },
    );
  });

  it('when projects are read, then programme, call, funders, partners (coordinator first), countries and derived links are those of the seeds', () => {
    expectEach(
      graph.projects,
      seeds.projects.map((p) => p.id),
      (id) => {
        const project = seedRecord(seeds.projects, id);
        const partners = orderBy(
          project.partners.map((partner) => ({
            ...partner,
            id: partner.organisationId,
            name: seedRecord(seeds.organisations, partner.organisationId).name,
          })),
          [
            [(partner) => partner.role, 'ASC'],
            [(partner) => alphabetical(partner.name), 'ASC'],
          ],
        );
        return {
          id,
          programme: ref(project.programmeId),
          call: ref(project.callId),
          funders: byName(seeds.funders.filter((f) => project.funderIds.includes(f.id))),
          funderCount: project.funderIds.length,
          partners: partners.map((partner) => ({
            role: partner.role,
            asNamed: partner.asNamed,
            organisation: { id: partner.organisationId },
            project: { id },
          })),
          partnerCount: project.partners.length,
          countries: byName(seeds.countries.filter((c) => project.partnerCountryCodes.includes(c.code))),
          countryCount: project.partnerCountryCodes.length,
          objectives: expectedLinks(
            seedLinks('Project', 'ADVANCES', { fromId: id }),
            'project',
            'objective',
            'to',
          ),
          stages: expectedLinks(seedLinks('Project', 'AT_STAGE', { fromId: id }), 'project', 'stage', 'to'),
          gaps: expectedLinks(seedLinks('Project', 'ADDRESSES', { fromId: id }), 'project', 'gap', 'to'),
        };
      },
    );
  });

  it('when projects are read, then the coordinator, where there is one, is the first partner', () => {
    const coordinated = graph.projects.filter((p) =>
      p.partners.some((partner) => partner.role === 'COORDINATOR'),
    );
    expect(coordinated.length).toBeGreaterThan(0);
    for (const project of coordinated) expect(project.partners[0]!.role).toBe('COORDINATOR');
  });

  it('when organisations are read, then country, projects and partnerships (with role and names) are those of the seeds', () => {
    expectEach(
      graph.organisations,
      seeds.organisations.map((o) => o.id),
      (id) => {
        const organisation = seedRecord(seeds.organisations, id);
        const projects = seeds.projects.filter((p) =>
          p.partners.some((partner) => partner.organisationId === id),
        );
        return {
          id,
          country: ref(organisation.countryCode),
          projects: newestProjectsFirst(projects),
          partnerships: newestProjectsFirst(projects).map(({ id: projectId }) => {
            const partner = seedRecord(seeds.projects, projectId).partners.find(
              (candidate) => candidate.organisationId === id,
            )!;
            return {
              role: partner.role,
              asNamed: partner.asNamed,
              organisation: { id },
              project: { id: projectId },
            };
          }),
          projectCount: projects.length,
        };
      },
    );
  });

  it('when countries are read, then funders, regions, organisations, projects and calls are those of the seeds, with counts', () => {
    expectEach(
      graph.countries,
      seeds.countries.map((c) => c.id),
      (id) => {
        const funders = seeds.funders.filter((f) => f.countryCode === id);
        const organisations = seeds.organisations.filter((o) => o.countryCode === id);
        const projects = seeds.projects.filter((p) => p.partnerCountryCodes.includes(id));
        const calls = seeds.calls.filter((c) => c.participatingCountryCodes.includes(id));
        return {
          id,
          funders: byName(funders),
          funderCount: funders.length,
          regions: byName(seeds.regions.filter((r) => r.countryCode === id)),
          organisations: byName(organisations),
          organisationCount: organisations.length,
          projects: newestProjectsFirst(projects),
          projectCount: projects.length,
          calls: newestCallsFirst(calls),
          callCount: calls.length,
        };
      },
    );
  });

  it('when regions are read, then country, funders and calls are those of the seeds', () => {
    expectEach(
      graph.regions,
      seeds.regions.map((r) => r.id),
      (id) => ({
        id,
        country: ref(seedRecord(seeds.regions, id).countryCode),
        funders: byName(seeds.funders.filter((f) => f.regionId === id)),
        calls: newestCallsFirst(seeds.calls.filter((c) => c.participatingRegionIds.includes(id))),
      }),
    );
  });

  it('when objectives are read, then the projects advancing them and the gaps serving them are those of the seeds', () => {
    expectEach(
      graph.objectives,
      seeds.objectives.map((o) => o.id),
      (id) => {
        const projects = seedLinks('Project', 'ADVANCES', { toId: id });
        return {
          id,
          projects: expectedLinks(projects, 'project', 'objective', 'from'),
          // Counts apply the coverage matrix's default minConfidence; the lists show every link.
          projectCount: projects.filter((link) => link.confidence >= DEFAULT_MIN_CONFIDENCE).length,
          gaps: expectedLinks(seedLinks('KnowledgeGap', 'SERVES', { toId: id }), 'gap', 'objective', 'from'),
        };
      },
    );
  });

  it('when value-chain stages are read, then parent, children, areas, projects and gaps are those of the seeds', () => {
    expectEach(
      graph.valueChainStages,
      seeds.valueChainStages.map((s) => s.id),
      (id) => {
        const projects = seedLinks('Project', 'AT_STAGE', { toId: id });
        return {
          id,
          parent: ref(seedRecord(seeds.valueChainStages, id).parentId),
          children: inOrder(seeds.valueChainStages.filter((s) => s.parentId === id)),
          areas: inOrder(seeds.sriaAreas.filter((a) => a.stageIds.includes(id))),
          projects: expectedLinks(projects, 'project', 'stage', 'from'),
          // Counts apply the coverage matrix's default minConfidence; the lists show every link.
          projectCount: projects.filter((link) => link.confidence >= DEFAULT_MIN_CONFIDENCE).length,
          gaps: expectedLinks(seedLinks('KnowledgeGap', 'AT_STAGE', { toId: id }), 'gap', 'stage', 'from'),
        };
      },
    );
  });

  it('when SRIA areas are read, then their stages (in order) and gaps are those of the seeds', () => {
    expectEach(
      graph.sriaAreas,
      seeds.sriaAreas.map((a) => a.id),
      (id) => ({
        id,
        stages: inOrder(
          seeds.valueChainStages.filter((s) => seedRecord(seeds.sriaAreas, id).stageIds.includes(s.id)),
        ),
        gaps: expectedLinks(seedLinks('KnowledgeGap', 'IN_AREA', { toId: id }), 'gap', 'area', 'from'),
      }),
    );
  });

  it('when knowledge gaps are read, then areas, stages, objectives, calls and projects are those of the seeds', () => {
    expectEach(
      graph.knowledgeGaps,
      seeds.knowledgeGaps.map((g) => g.id),
      (id) => {
        const projects = seedLinks('Project', 'ADDRESSES', { toId: id });
        return {
          id,
          areas: expectedLinks(seedLinks('KnowledgeGap', 'IN_AREA', { fromId: id }), 'gap', 'area', 'to'),
          stages: expectedLinks(seedLinks('KnowledgeGap', 'AT_STAGE', { fromId: id }), 'gap', 'stage', 'to'),
          objectives: expectedLinks(
            seedLinks('KnowledgeGap', 'SERVES', { fromId: id }),
            'gap',
            'objective',
            'to',
          ),
          calls: expectedLinks(seedLinks('Call', 'TARGETS', { toId: id }), 'call', 'gap', 'from'),
          projects: expectedLinks(projects, 'project', 'gap', 'from'),
          // Counts apply the coverage matrix's default minConfidence; the lists show every link.
          projectCount: projects.filter((link) => link.confidence >= DEFAULT_MIN_CONFIDENCE).length,
        };
      },
    );
  });
});

// ---- The same pairs from both sides ---------------------------------------------------

/** Pairs "a -> b" (with a payload that must agree on both sides, e.g. a derivation). */
type Pairs = string[];

function pairs<T extends { id: string }>(
  records: readonly T[],
  others: (record: T) => Array<{ id: string; payload?: unknown }>,
): Pairs {
  return records
    .flatMap((record) =>
      others(record).map(
        (other) =>
          `${record.id} -> ${other.id}${other.payload === undefined ? '' : ` ${JSON.stringify(other.payload)}`}`,
      ),
    )
    .sort(compareValues);
}
function reversed<T extends { id: string }>(
  records: readonly T[],
  others: (record: T) => Array<{ id: string; payload?: unknown }>,
): Pairs {
  return records
    .flatMap((record) =>
      others(record).map(
        (other) =>
          `${other.id} -> ${record.id}${other.payload === undefined ? '' : ` ${JSON.stringify(other.payload)}`}`,
      ),
    )
    .sort(compareValues);
}
const one = (value: Ref) => (value ? [value] : []);
const linkEnd =
  <K extends string>(end: K) =>
  (link: { derivation: Derivation } & Record<K, { id: string }>) => ({
    id: link[end].id,
    payload: link.derivation,
  });
const partnerEnd = (end: 'organisation' | 'project') => (p: PartnershipView) => ({
  id: p[end].id,
  payload: { role: p.role, asNamed: p.asNamed },
});

describe('both directions of every relationship', () => {
  const CASES: Array<[string, () => Pairs, () => Pairs]> = [
    [
      'Programme.calls / Call.programme',
      () => pairs(graph.programmes, (p) => p.calls),
      () => reversed(graph.calls, (c) => one(c.programme)),
    ],
    [
      'Programme.funders / Funder.programmes',
      () => pairs(graph.programmes, (p) => p.funders),
      () => reversed(graph.funders, (f) => f.programmes),
    ],
    [
      'Programme.projects / Project.programme',
      () => pairs(graph.programmes, (p) => p.projects),
      () => reversed(graph.projects, (p) => one(p.programme)),
    ],
    [
      'Funder.country / Country.funders',
      () => pairs(graph.funders, (f) => one(f.country)),
      () => reversed(graph.countries, (c) => c.funders),
    ],
    [
      'Funder.region / Region.funders',
      () => pairs(graph.funders, (f) => one(f.region)),
      () => reversed(graph.regions, (r) => r.funders),
    ],
    [
      'Funder.calls / Call.funders',
      () => pairs(graph.funders, (f) => f.calls),
      () => reversed(graph.calls, (c) => c.funders),
    ],
    [
      'Funder.secretariatOf / Call.secretariat',
      () => pairs(graph.funders, (f) => f.secretariatOf),
      () => reversed(graph.calls, (c) => one(c.secretariat)),
    ],
    [
      'Funder.projects / Project.funders',
      () => pairs(graph.funders, (f) => f.projects),
      () => reversed(graph.projects, (p) => p.funders),
    ],
    [
      'Call.participatingCountries / Country.calls',
      () => pairs(graph.calls, (c) => c.participatingCountries),
      () => reversed(graph.countries, (c) => c.calls),
    ],
    [
      'Call.participatingRegions / Region.calls',
      () => pairs(graph.calls, (c) => c.participatingRegions),
      () => reversed(graph.regions, (r) => r.calls),
    ],
    [
      'Call.projects / Project.call',
      () => pairs(graph.calls, (c) => c.projects),
      () => reversed(graph.projects, (p) => one(p.call)),
    ],
    [
      'Call.gaps / KnowledgeGap.calls',
      () => pairs(graph.calls, (c) => c.gaps.map(linkEnd('gap'))),
      () => reversed(graph.knowledgeGaps, (g) => g.calls.map(linkEnd('call'))),
    ],
    [
      'Project.partners / Organisation.partnerships',
      () => pairs(graph.projects, (p) => p.partners.map(partnerEnd('organisation'))),
      () => reversed(graph.organisations, (o) => o.partnerships.map(partnerEnd('project'))),
    ],
    [
      'Project.partners / Organisation.projects',
      () => pairs(graph.projects, (p) => p.partners.map((partner) => partner.organisation)),
      () => reversed(graph.organisations, (o) => o.projects),
    ],
    [
      'Project.countries / Country.projects',
      () => pairs(graph.projects, (p) => p.countries),
      () => reversed(graph.countries, (c) => c.projects),
    ],
    [
      'Project.objectives / Objective.projects',
      () => pairs(graph.projects, (p) => p.objectives.map(linkEnd('objective'))),
      () => reversed(graph.objectives, (o) => o.projects.map(linkEnd('project'))),
    ],
    [
      'Project.stages / ValueChainStage.projects',
      () => pairs(graph.projects, (p) => p.stages.map(linkEnd('stage'))),
      () => reversed(graph.valueChainStages, (s) => s.projects.map(linkEnd('project'))),
    ],
    [
      'Project.gaps / KnowledgeGap.projects',
      () => pairs(graph.projects, (p) => p.gaps.map(linkEnd('gap'))),
      () => reversed(graph.knowledgeGaps, (g) => g.projects.map(linkEnd('project'))),
    ],
    [
      'Organisation.country / Country.organisations',
      () => pairs(graph.organisations, (o) => one(o.country)),
      () => reversed(graph.countries, (c) => c.organisations),
    ],
    [
      'Region.country / Country.regions',
      () => pairs(graph.regions, (r) => one(r.country)),
      () => reversed(graph.countries, (c) => c.regions),
    ],
    [
      'KnowledgeGap.objectives / Objective.gaps',
      () => pairs(graph.knowledgeGaps, (g) => g.objectives.map(linkEnd('objective'))),
      () => reversed(graph.objectives, (o) => o.gaps.map(linkEnd('gap'))),
    ],
    [
      'ValueChainStage.parent / ValueChainStage.children',
      () => pairs(graph.valueChainStages, (s) => one(s.parent)),
      () => reversed(graph.valueChainStages, (s) => s.children),
    ],
    [
      'SriaArea.stages / ValueChainStage.areas',
      () => pairs(graph.sriaAreas, (a) => a.stages),
      () => reversed(graph.valueChainStages, (s) => s.areas),
    ],
    [
      'KnowledgeGap.stages / ValueChainStage.gaps',
      () => pairs(graph.knowledgeGaps, (g) => g.stages.map(linkEnd('stage'))),
      () => reversed(graph.valueChainStages, (s) => s.gaps.map(linkEnd('gap'))),
    ],
    [
      'KnowledgeGap.areas / SriaArea.gaps',
      () => pairs(graph.knowledgeGaps, (g) => g.areas.map(linkEnd('area'))),
      () => reversed(graph.sriaAreas, (a) => a.gaps.map(linkEnd('gap'))),
    ],
  ];

  it.each(CASES)(
    'when %s are read from either side, then they name the same pairs',
    (_, forward, backward) => {
      const there = forward();
      expect(there.length).toBeGreaterThan(0);
      expect(backward()).toEqual(there);
    },
  );

  it('when a link is read from its parent, then the parent is at its own end of every link type', () => {
    const ends: Array<[string, Array<{ parent: string; end: string }>]> = [
      ['Call.gaps', graph.calls.flatMap((c) => c.gaps.map((l) => ({ parent: c.id, end: l.call.id })))],
      [
        'KnowledgeGap.calls',
        graph.knowledgeGaps.flatMap((g) => g.calls.map((l) => ({ parent: g.id, end: l.gap.id }))),
      ],
      [
        'Project.objectives',
        graph.projects.flatMap((p) => p.objectives.map((l) => ({ parent: p.id, end: l.project.id }))),
      ],
      [
        'Objective.projects',
        graph.objectives.flatMap((o) => o.projects.map((l) => ({ parent: o.id, end: l.objective.id }))),
      ],
      [
        'Project.stages',
        graph.projects.flatMap((p) => p.stages.map((l) => ({ parent: p.id, end: l.project.id }))),
      ],
      [
        'ValueChainStage.projects',
        graph.valueChainStages.flatMap((s) => s.projects.map((l) => ({ parent: s.id, end: l.stage.id }))),
      ],
      [
        'Project.gaps',
        graph.projects.flatMap((p) => p.gaps.map((l) => ({ parent: p.id, end: l.project.id }))),
      ],
      [
        'KnowledgeGap.projects',
        graph.knowledgeGaps.flatMap((g) => g.projects.map((l) => ({ parent: g.id, end: l.gap.id }))),
      ],
      [
        'KnowledgeGap.areas',
        graph.knowledgeGaps.flatMap((g) => g.areas.map((l) => ({ parent: g.id, end: l.gap.id }))),
      ],
      [
        'SriaArea.gaps',
        graph.sriaAreas.flatMap((a) => a.gaps.map((l) => ({ parent: a.id, end: l.area.id }))),
      ],
      [
        'KnowledgeGap.stages',
        graph.knowledgeGaps.flatMap((g) => g.stages.map((l) => ({ parent: g.id, end: l.gap.id }))),
      ],
      [
        'ValueChainStage.gaps',
        graph.valueChainStages.flatMap((s) => s.gaps.map((l) => ({ parent: s.id, end: l.stage.id }))),
      ],
      [
        'KnowledgeGap.objectives',
        graph.knowledgeGaps.flatMap((g) => g.objectives.map((l) => ({ parent: g.id, end: l.gap.id }))),
      ],
      [
        'Objective.gaps',
        graph.objectives.flatMap((o) => o.gaps.map((l) => ({ parent: o.id, end: l.objective.id }))),
      ],
      [
        'Project.partners',
        graph.projects.flatMap((p) => p.partners.map((l) => ({ parent: p.id, end: l.project.id }))),
      ],
      [
        'Organisation.partnerships',
        graph.organisations.flatMap((o) =>
          o.partnerships.map((l) => ({ parent: o.id, end: l.organisation.id })),
        ),
      ],
    ];
    for (const [field, rows] of ends) {
      expect([field, rows.length > 0]).toEqual([field, true]);
      expect([field, rows.filter((row) => row.parent !== row.end)]).toEqual([field, []]);
    }
  });

  it('when every link is read, then the derived-link fields together hold every seed link once', () => {
    const read =
      graph.calls.reduce((n, c) => n + c.gaps.length, 0) +
      graph.projects.reduce((n, p) => n + p.objectives.length + p.stages.length + p.gaps.length, 0) +
      graph.knowledgeGaps.reduce((n, g) => n + g.areas.length + g.stages.length + g.objectives.length, 0);
    expect(read).toBe(seeds.links.length);
  });
});

// ---- Counts against the filtered lists ------------------------------------------------

/**
 * totalCount of `list` filtered by `filterFor(id)` for every id, in one operation with
 * one alias per id.
 */
async function listCounts(
  list: string,
  filterType: string,
  ids: readonly string[],
  filterFor: (id: string) => Record<string, unknown>,
): Promise<Map<string, number>> {
  const declarations = ids.map((_, index) => `$f${index}: ${filterType}`).join(', ');
  const fields = ids
    .map((_, index) => `c${index}: ${list}(filter: $f${index}, first: 0) { totalCount }`)
    .join('\n');
  const variables = Object.fromEntries(ids.map((id, index) => [`f${index}`, filterFor(id)]));
  const data = await api.data<Record<string, { totalCount: number }>>(
    `query Counts(${declarations}) {\n${fields}\n}`,
    variables,
  );
  return new Map(ids.map((id, index) => [id, data[`c${index}`]!.totalCount]));
}

describe('relationship counts against the filtered lists', () => {
  const CASES: Array<
    [
      string,
      () => Array<{ id: string; count: number }>,
      string,
      string,
      (id: string) => Record<string, unknown>,
    ]
  > = [
    [
      'Programme.callCount',
      () => graph.programmes.map((p) => ({ id: p.id, count: p.callCount })),
      'calls',
      'CallFilter',
      (id) => ({ programmes: [id] }),
    ],
    [
      'Programme.funderCount',
      () => graph.programmes.map((p) => ({ id: p.id, count: p.funderCount })),
      'funders',
      'FunderFilter',
      (id) => ({ programmes: [id] }),
    ],
    [
      'Programme.projectCount',
      () => graph.programmes.map((p) => ({ id: p.id, count: p.projectCount })),
      'projects',
      'ProjectFilter',
      (id) => ({ programmes: [id] }),
    ],
    [
      'Funder.callCount',
      () => graph.funders.map((f) => ({ id: f.id, count: f.callCount })),
      'calls',
      'CallFilter',
      (id) => ({ funders: [id] }),
    ],
    [
      'Funder.projectCount',
      () => graph.funders.map((f) => ({ id: f.id, count: f.projectCount })),
      'projects',
      'ProjectFilter',
      (id) => ({ funders: [id] }),
    ],
    [
      'Call.funderCount',
      () => graph.calls.map((c) => ({ id: c.id, count: c.funderCount })),
      'funders',
      'FunderFilter',
      (id) => ({ calls: [id] }),
    ],
    [
      'Call.projectCount',
      () => graph.calls.map((c) => ({ id: c.id, count: c.projectCount })),
      'projects',
      'ProjectFilter',
      (id) => ({ calls: [id] }),
    ],
    [
      'Call.participatingCountries',
      () => graph.calls.map((c) => ({ id: c.id, count: c.participatingCountries.length })),
      'countries',
      'CountryFilter',
      (id) => ({ calls: [id] }),
    ],
    [
      'Call.gaps',
      () => graph.calls.map((c) => ({ id: c.id, count: c.gaps.length })),
      'knowledgeGaps',
      'KnowledgeGapFilter',
      (id) => ({ calls: [id] }),
    ],
    [
      'Organisation.projectCount',
      () => graph.organisations.map((o) => ({ id: o.id, count: o.projectCount })),
      'projects',
      'ProjectFilter',
      (id) => ({ organisations: [id] }),
    ],
    [
      'Country.funderCount',
      () => graph.countries.map((c) => ({ id: c.id, count: c.funderCount })),
      'funders',
      'FunderFilter',
      (id) => ({ countries: [id] }),
    ],
    [
      'Country.organisationCount',
      () => graph.countries.map((c) => ({ id: c.id, count: c.organisationCount })),
      'organisations',
      'OrganisationFilter',
      (id) => ({ countries: [id] }),
    ],
    [
      'Country.projectCount',
      () => graph.countries.map((c) => ({ id: c.id, count: c.projectCount })),
      'projects',
      'ProjectFilter',
      (id) => ({ countries: [id] }),
    ],
    [
      'Country.callCount',
      () => graph.countries.map((c) => ({ id: c.id, count: c.callCount })),
      'calls',
      'CallFilter',
      (id) => ({ countries: [id] }),
    ],
    [
      'Country.regions',
      () => graph.countries.map((c) => ({ id: c.id, count: c.regions.length })),
      'regions',
      'RegionFilter',
      (id) => ({ countries: [id] }),
    ],
    [
      'Objective.projectCount',
      () => graph.objectives.map((o) => ({ id: o.id, count: o.projectCount })),
      'projects',
      'ProjectFilter',
      // The count applies the coverage matrix's default minConfidence; the filter is given it.
      (id) => ({ objectives: [id], minConfidence: DEFAULT_MIN_CONFIDENCE }),
    ],
    [
      'Objective.gaps',
      () => graph.objectives.map((o) => ({ id: o.id, count: o.gaps.length })),
      'knowledgeGaps',
      'KnowledgeGapFilter',
      (id) => ({ objectives: [id] }),
    ],
    [
      'KnowledgeGap.projectCount',
      () => graph.knowledgeGaps.map((g) => ({ id: g.id, count: g.projectCount })),
      'projects',
      'ProjectFilter',
      (id) => ({ gaps: [id], minConfidence: DEFAULT_MIN_CONFIDENCE }),
    ],
    [
      'KnowledgeGap.calls',
      () => graph.knowledgeGaps.map((g) => ({ id: g.id, count: g.calls.length })),
      'calls',
      'CallFilter',
      (id) => ({ gaps: [id] }),
    ],
    [
      'SriaArea.gaps',
      () => graph.sriaAreas.map((a) => ({ id: a.id, count: a.gaps.length })),
      'knowledgeGaps',
      'KnowledgeGapFilter',
      (id) => ({ areas: [id] }),
    ],
    [
      'SriaArea.stages',
      () => graph.sriaAreas.map((a) => ({ id: a.id, count: a.stages.length })),
      'valueChainStages',
      'ValueChainStageFilter',
      (id) => ({ areas: [id] }),
    ],
    [
      'ValueChainStage.children',
      () => graph.valueChainStages.map((s) => ({ id: s.id, count: s.children.length })),
      'valueChainStages',
      'ValueChainStageFilter',
      (id) => ({ parents: [id] }),
    ],
    [
      'ValueChainStage.gaps',
      () => graph.valueChainStages.map((s) => ({ id: s.id, count: s.gaps.length })),
      'knowledgeGaps',
      'KnowledgeGapFilter',
      (id) => ({ stages: [id] }),
    ],
  ];

  it.each(CASES)(
    'when %s is compared with the list filtered the same way, then every record gives the same number',
    async (_, counts, list, filterType, filterFor) => {
      const answered = counts();
      const listed = await listCounts(
        list,
        filterType,
        answered.map((row) => row.id),
        filterFor,
      );
      expect(answered).toEqual(answered.map((row) => ({ id: row.id, count: listed.get(row.id) })));
      expect(answered.some((row) => row.count > 0)).toBe(true);
    },
  );

  it('when ValueChainStage.projectCount is compared with the stage filter, then they agree for stages without sub-stages and the filter adds sub-stage projects to macro stages', async () => {
    const answered = graph.valueChainStages;
    const listed = await listCounts(
      'projects',
      'ProjectFilter',
      answered.map((s) => s.id),
      (id) => ({ stages: [id], minConfidence: DEFAULT_MIN_CONFIDENCE }),
    );
    for (const stage of answered) {
      // The list filter includes sub-stages ("or any of their sub-stages"); the field counts the stage's own links.
      if (stage.children.length === 0)
        expect([stage.id, stage.projectCount]).toEqual([stage.id, listed.get(stage.id)]);
      else expect(stage.projectCount).toBeLessThanOrEqual(listed.get(stage.id)!);
    }
  });
});

// ---- Arguments of relationship fields -------------------------------------------------

describe('the first argument of relationship fields', () => {
  const FIELDS: Array<[string, string, (g: Graph) => Array<{ id: string; items: Refs }>]> = [
    ['programmes', 'calls', (g) => g.programmes.map((p) => ({ id: p.id, items: p.calls }))],
    ['programmes', 'funders', (g) => g.programmes.map((p) => ({ id: p.id, items: p.funders }))],
    ['programmes', 'projects', (g) => g.programmes.map((p) => ({ id: p.id, items: p.projects }))],
    ['funders', 'calls', (g) => g.funders.map((f) => ({ id: f.id, items: f.calls }))],
    ['funders', 'projects', (g) => g.funders.map((f) => ({ id: f.id, items: f.projects }))],
    ['calls', 'funders', (g) => g.calls.map((c) => ({ id: c.id, items: c.funders }))],
    ['calls', 'projects', (g) => g.calls.map((c) => ({ id: c.id, items: c.projects }))],
    ['organisations', 'projects', (g) => g.organisations.map((o) => ({ id: o.id, items: o.projects }))],
    ['countries', 'funders', (g) => g.countries.map((c) => ({ id: c.id, items: c.funders }))],
    ['countries', 'organisations', (g) => g.countries.map((c) => ({ id: c.id, items: c.organisations }))],
    ['countries', 'projects', (g) => g.countries.map((c) => ({ id: c.id, items: c.projects }))],
    ['countries', 'calls', (g) => g.countries.map((c) => ({ id: c.id, items: c.calls }))],
  ];

  it.each(FIELDS)(
    'when %s.%s is limited to 1 for every parent at once, then each parent gets the first of its full list',
    async (list, field, full) => {
      const data = await api.data<{ list: { nodes: Array<{ id: string; items: Refs }> } }>(
        `query { list: ${list}(first: 100) { nodes { id items: ${field}(first: 1) { id } } } }`,
      );
      const expected = full(graph).map((row) => ({ id: row.id, items: row.items.slice(0, 1) }));
      // The limit applies per parent inside one batched query: some parent must have more to cut.
      expect(full(graph).some((row) => row.items.length > 1)).toBe(true);
      expect(data.list.nodes).toEqual(expected);
    },
  );

  it('when first is left out, then the relationship comes whole (the default limit, 100, is above every seed relation)', async () => {
    const data = await api.data<{ country: { projects: Refs; projectCount: number } }>(
      '{ country(code: "DE") { projects { id } projectCount } }',
    );
    expect(data.country.projects).toHaveLength(data.country.projectCount);
  });

  it('when first is 0, then the relationship is empty while its count is not', async () => {
    const data = await api.data<{ country: { projects: Refs; projectCount: number } }>(
      '{ country(code: "DE") { projects(first: 0) { id } projectCount } }',
    );
    expect(data.country.projects).toEqual([]);
    expect(data.country.projectCount).toBe(
      seeds.projects.filter((p) => p.partnerCountryCodes.includes('DE')).length,
    );
  });

  it.each([
    ['Programme.calls', '{ programme(id: "eppermed-programme") { calls(first: $first) { id } } }'],
    ['Funder.projects', '{ funder(id: "bmbf-de") { projects(first: $first) { id } } }'],
    ['Call.funders', '{ call(id: "jtc2018") { funders(first: $first) { id } } }'],
    ['Country.organisations', '{ country(code: "DE") { organisations(first: $first) { id } } }'],
    [
      'Organisation.projects',
      '{ organisation(id: "org-lund-university") { projects(first: $first) { id } } }',
    ],
  ])(
    'when %s is asked for more than 100 (what the cost model prices) or fewer than 0, then BAD_USER_INPUT names "first"',
    async (_, selection) => {
      const query = `query Limit($first: Int) ${selection}`;
      for (const first of [101, -1]) {
        const error = expectBadUserInput(await api.execute(query, { first }), 'first');
        expect(error.message).toContain(String(first));
      }
      expect((await api.execute(query, { first: 100 })).errors).toBeUndefined();
    },
  );
});

describe('the provenance and minConfidence arguments of derived links', () => {
  function passing(
    links: readonly DerivedLinkRecord[],
    provenance: string | null,
    minConfidence: number | null,
  ) {
    return links.filter(
      (l) =>
        (provenance === null || l.provenance === provenance) &&
        (minConfidence === null || l.confidence >= minConfidence),
    );
  }

  it.each([
    ['CURATED', null],
    ['INFERRED', null],
    [null, 0.5],
    ['INFERRED', 0.45],
  ] as const)(
    'when Project.objectives/stages/gaps are read with provenance %p and minConfidence %p, then only the passing links come back',
    async (provenance, minConfidence) => {
      const data = await api.data<{
        projects: { nodes: Array<{ id: string; objectives: unknown[]; stages: unknown[]; gaps: unknown[] }> };
      }>(
        `query Links($provenance: Provenance, $minConfidence: Float) {
        projects(first: 100) { nodes { id
          objectives(provenance: $provenance, minConfidence: $minConfidence) { project { id } objective { id } ${D} }
          stages(provenance: $provenance, minConfidence: $minConfidence) { project { id } stage { id } ${D} }
          gaps(provenance: $provenance, minConfidence: $minConfidence) { project { id } gap { id } ${D} }
        } }
      }`,
        { provenance, minConfidence },
      );
      let kept = 0;
      for (const project of data.projects.nodes) {
        const expected = {
          id: project.id,
          objectives: expectedLinks(
            passing(seedLinks('Project', 'ADVANCES', { fromId: project.id }), provenance, minConfidence),
            'project',
            'objective',
            'to',
          ),
          stages: expectedLinks(
            passing(seedLinks('Project', 'AT_STAGE', { fromId: project.id }), provenance, minConfidence),
            'project',
            'stage',
            'to',
          ),
          gaps: expectedLinks(
            passing(seedLinks('Project', 'ADDRESSES', { fromId: project.id }), provenance, minConfidence),
            'project',
            'gap',
            'to',
          ),
        };
        kept += expected.objectives.length + expected.stages.length + expected.gaps.length;
        expect(project).toEqual(expected);
      }
      const all = seeds.links.filter((l) => l.fromLabel === 'Project').length;
      // The arguments must keep some links and drop others for the test to mean anything.
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(all);
    },
  );

  it.each([
    ['objectives', 'ADVANCES', 'objectives', 'objective'],
    ['valueChainStages', 'AT_STAGE', 'valueChainStages', 'stage'],
    ['knowledgeGaps', 'ADDRESSES', 'knowledgeGaps', 'gap'],
  ] as const)(
    'when %s list their projects with thresholds, then projects and projectCount honour them alike',
    async (list, type, _, end) => {
      const data = await api.data<{
        list: {
          nodes: Array<{
            id: string;
            curated: unknown[];
            curatedCount: number;
            confident: unknown[];
            confidentCount: number;
          }>;
        };
      }>(
        `query { list: ${list}(first: 100) { nodes { id
        curated: projects(provenance: CURATED) { project { id } ${end} { id } ${D} }
        curatedCount: projectCount(provenance: CURATED)
        confident: projects(minConfidence: 0.5) { project { id } ${end} { id } ${D} }
        confidentCount: projectCount(minConfidence: 0.5)
      } } }`,
      );
      for (const node of data.list.nodes) {
        const links = seedLinks('Project', type, { toId: node.id });
        const curated = expectedLinks(passing(links, 'CURATED', null), 'project', end, 'from');
        const confident = expectedLinks(passing(links, null, 0.5), 'project', end, 'from');
        expect(node).toEqual({
          id: node.id,
          curated,
          curatedCount: curated.length,
          confident,
          confidentCount: confident.length,
        });
      }
    },
  );

  it('when Call.gaps and KnowledgeGap.projects take thresholds that drop every link, then they are empty', async () => {
    const data = await api.data<{
      call: { gaps: unknown[] };
      knowledgeGap: { projects: unknown[]; projectCount: number };
    }>(
      `{ call(id: "jtc2024") { gaps(provenance: CURATED) { gap { id } } }
         knowledgeGap(id: "gap-elsa") { projects(minConfidence: 1) { project { id } } projectCount(minConfidence: 1) } }`,
    );
    expect(seedLinks('Call', 'TARGETS', { fromId: 'jtc2024' }).length).toBeGreaterThan(0);
    expect(data).toEqual({ call: { gaps: [] }, knowledgeGap: { projects: [], projectCount: 0 } });
  });

  it.each([
    ['Project.gaps', '{ project(id: "project-hope") { gaps(minConfidence: $c) { gap { id } } } }'],
    ['Objective.projectCount', '{ objective(id: "obj-02") { projectCount(minConfidence: $c) } }'],
    ['Call.gaps', '{ call(id: "jtc2024") { gaps(minConfidence: $c) { gap { id } } } }'],
  ])(
    'when %s gets a minConfidence outside 0..1, then BAD_USER_INPUT names "minConfidence"',
    async (_, selection) => {
      for (const c of [1.01, -0.5]) {
        expectBadUserInput(
          await api.execute(`query Threshold($c: Float) ${selection}`, { c }),
          'minConfidence',
        );
      }
    },
  );
});
