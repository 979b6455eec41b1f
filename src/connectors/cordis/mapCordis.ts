// CORDIS rows onto the graph's model (docs/connectors.md, "What maps where"), pure: the programme
// and its calls, the European Commission as funder, projects with their scope, euroSciVoc subjects
// (a tree), organisations and their partnerships, publications as outputs. Every record keeps its
// sources: a project its CORDIS page, the rest the dataset's page.

import { canonicalIdentifier, identifierKey, type DatasetId } from '../../model';
import type {
  CordisCallProperties,
  CordisFunderProperties,
  CordisOrganisationProperties,
  CordisProgrammeProperties,
  CordisProjectProperties,
  OutputProperties,
  ProjectProperties,
  SeatCoordinateProperties,
  SubjectProperties,
} from '../../model';
import { slugify } from '../../model/slugify';
import type { ConnectorRecord, LinkRecord, NodeRecord } from '../source';
import type { CordisRole, EuroSciVocRow, OrganizationRow, ProjectRow, PublicationRow } from './cordisRows';
import type { ScopeDecision } from './cordisScope';

/** The framework programmes the connector reads, as the graph and the files name them. */
export const CORDIS_PROGRAMMES = {
  horizon: {
    id: 'horizon-europe',
    frameworkProgramme: 'HORIZON',
    name: 'Horizon Europe',
    shortName: 'Horizon Europe',
    startYear: 2021,
    description: "The EU's framework programme for research and innovation 2021-2027.",
  },
  h2020: {
    id: 'horizon-2020',
    frameworkProgramme: 'H2020',
    name: 'Horizon 2020',
    shortName: 'H2020',
    startYear: 2014,
    description: "The EU's framework programme for research and innovation 2014-2020.",
  },
} as const;
export type CordisProgrammeKey = keyof typeof CORDIS_PROGRAMMES;
export type CordisProgramme = (typeof CORDIS_PROGRAMMES)[CordisProgrammeKey];

/** The seeded European Commission funder, the funder of every CORDIS project. */
export const EUROPEAN_COMMISSION_ID = 'european-commission';

/** The public page of a CORDIS project. */
export function cordisProjectUrl(grantId: string): string {
  return `https://cordis.europa.eu/project/id/${grantId}`;
}

/** The graph's id of a CORDIS project, e.g. cordis-101136464. */
export function cordisProjectId(grantId: string): string {
  return `cordis-${grantId}`;
}

/** The id a CORDIS organisation gets when it matches no organisation of the graph: org-pic-<PIC>. */
export function cordisOrganisationId(pic: string): string {
  return `org-pic-${pic}`;
}

function link(
  type: LinkRecord['shape']['type'],
  from: LinkRecord['shape']['from'],
  to: LinkRecord['shape']['to'],
  ids: { from: string; to: string },
  properties: Record<string, unknown> = {},
): LinkRecord {
  return { kind: 'link', shape: { type, from, to } as LinkRecord['shape'], ...ids, properties };
}

/** The programme node and the European Commission (made only when the graph lacks them). */
export function programmeRecords(programme: CordisProgramme, datasetUrl: string): NodeRecord[] {
  return [
    {
      kind: 'node',
      label: 'Programme',
      id: programme.id,
      properties: {},
      onCreate: {
        name: programme.name,
        shortName: programme.shortName,
        startYear: programme.startYear,
        description: programme.description,
        uncertain: false,
      } satisfies CordisProgrammeProperties & { uncertain: boolean },
      union: { sources: [datasetUrl] },
    },
    {
      kind: 'node',
      label: 'Funder',
      id: EUROPEAN_COMMISSION_ID,
      properties: {},
      onCreate: { name: 'European Commission', acronym: 'EC', kind: 'EU_BODY', roles: [], uncertain: false },
      union: { sources: [datasetUrl] },
    },
  ];
}

/** The call a project came through: its sub-call, else its master call; null when it has neither. */
export function callOf(project: ProjectRow): string | null {
  return project.subCall ?? project.masterCall;
}

export function callId(call: string): string {
  return `cordis-call-${slugify(call)}`;
}

/** A call of the programme (once per run; the source keeps track). */
export function callRecords(
  call: string,
  masterCall: string | null,
  programme: CordisProgramme,
  datasetUrl: string,
) {
  const id = callId(call);
  return [
    {
      kind: 'node',
      label: 'Call',
      id,
      properties: {
        kind: 'FRAMEWORK_PROGRAMME_CALL',
        title: call,
        shortTitle: call,
        masterCall,
        uncertain: false,
      } satisfies CordisCallProperties &
        Record<'kind' | 'title' | 'shortTitle', string> & { uncertain: boolean },
      union: { sources: [datasetUrl] },
    },
    link('PART_OF', 'Call', 'Programme', { from: id, to: programme.id }),
  ] satisfies ConnectorRecord[];
}

/** Extra facts of a project from the other files. */
export interface ProjectContext {
  scope: ScopeDecision;
  /** Topic titles by code (topics.csv). */
  topicTitles: readonly string[];
  /** The title of the project's main legal basis (legalBasis.csv). */
  legalBasisTitle: string | null;
}

/** A project, its programme, call and funder. */
export function projectRecords(
  project: ProjectRow,
  context: ProjectContext,
  programme: CordisProgramme,
): ConnectorRecord[] {
  const id = cordisProjectId(project.id);
  const startYear = project.startDate === null ? null : Number(project.startDate.slice(0, 4));
  const { scope } = context;
  const call = callOf(project);
  const records: ConnectorRecord[] = [
    {
      kind: 'node',
      label: 'Project',
      id,
      properties: {
        grantId: project.id,
        acronym: project.acronym,
        title: project.title,
        description: project.objective,
        startDate: project.startDate,
        endDate: project.endDate,
        startYear,
        year: startYear,
        yearBasis: startYear === null ? null : 'START_DATE',
        status: project.status,
        totalCost: project.totalCost,
        ecMaxContribution: project.ecMaxContribution,
        fundingEur: project.ecMaxContribution,
        fundingNote: project.ecMaxContribution === null ? null : 'EU contribution (CORDIS ecMaxContribution)',
        fundingScheme: project.fundingScheme,
        grantDoi: project.grantDoi,
        frameworkProgramme: project.frameworkProgramme,
        legalBasis: project.legalBasis,
        legalBasisTitle: context.legalBasisTitle,
        masterCall: project.masterCall,
        subCall: project.subCall,
        topics: project.topics,
        topicTitles: [...context.topicTitles],
        ecSignatureDate: project.ecSignatureDate,
        sourceUpdatedAt: project.contentUpdateDate,
        keywords: project.keywords,
        scopeRule: scope.rule,
        scopeRules: scope.rules,
        scopeEvidence: scope.evidence,
        scopeConfidence: scope.inScope ? scope.confidence : null,
        scopeWeak: scope.weak,
        uncertain: false,
      } satisfies CordisProjectProperties & Partial<ProjectProperties>,
      onCreate: { unnamedPartners: [] },
      union: { sources: [cordisProjectUrl(project.id)] },
    },
    link('PART_OF', 'Project', 'Programme', { from: id, to: programme.id }),
    link('FUNDS', 'Funder', 'Project', { from: EUROPEAN_COMMISSION_ID, to: id }),
  ];
  if (call !== null) records.push(link('FUNDED', 'Call', 'Project', { from: callId(call), to: id }));
  return records;
}

/** The id of the euroSciVoc subject with this code (its last segment: codes are unique). */
export function subjectId(code: readonly string[]): string {
  return `euroscivoc-${code[code.length - 1]}`;
}

/**
 * A euroSciVoc tag of a project: the subject and every broader one above it (labels from the
 * path), each linked to its parent, and the project to the tagged subject. `known` holds the
 * subjects already emitted in this run.
 */
export function subjectRecords(
  row: EuroSciVocRow,
  known: Set<string>,
  datasetUrl: string,
): ConnectorRecord[] {
  const records: ConnectorRecord[] = [];
  // Broader subjects take their labels from the path: only when code and path have as many levels.
  const first = row.path.length === row.code.length ? 1 : row.code.length;
  for (let level = first; level <= row.code.length; level += 1) {
    const code = row.code.slice(0, level);
    const id = subjectId(code);
    if (known.has(id)) continue;
    known.add(id);
    records.push({
      kind: 'node',
      label: 'Subject',
      id,
      properties: {
        scheme: 'EuroSciVoc',
        code: `/${code.join('/')}`,
        path: (level === row.code.length ? row.path : row.path.slice(0, level)).join('/'),
        // Below the tagged level, path and code have as many levels (`first` above), so the
        // segment is there; the title stands in only to satisfy the index type.
        label: level === row.code.length ? row.title : (row.path[level - 1] ?? row.title),
        level,
      } satisfies Omit<SubjectProperties, 'id'>,
      union: { sources: [datasetUrl] },
    });
    if (level > first)
      records.push(link('BROADER', 'Subject', 'Subject', { from: id, to: subjectId(code.slice(0, -1)) }));
  }
  records.push(
    link('HAS_SUBJECT', 'Project', 'Subject', {
      from: cordisProjectId(row.projectId),
      to: subjectId(row.code),
    }),
  );
  return records;
}

/** How organization.csv's roles read in the graph: the participation, and the partner role of PARTNER_IN. */
const PARTICIPATIONS: Readonly<Record<CordisRole, string>> = {
  coordinator: 'COORDINATOR',
  participant: 'PARTICIPANT',
  thirdParty: 'THIRD_PARTY',
  associatedPartner: 'ASSOCIATED_PARTNER',
  partner: 'PARTNER',
  internationalPartner: 'INTERNATIONAL_PARTNER',
};

/**
 * The grants whose consortium rows are our funders (the ministries and agencies of ERA PerMed and
 * EP PerMed): their partners are matched against our funders as well as our organisations.
 */
export const FUNDER_CONSORTIUM_GRANTS: readonly string[] = ['779282', '101137129'];

/** The identifier keys of a row: its PIC (the register's key) and its VAT number, each when valid. */
export function organisationIdentifiers(row: Pick<OrganizationRow, 'pic' | 'vatNumber'>): {
  pic: string | null;
  vat: string | null;
} {
  const pic = canonicalIdentifier('PIC', row.pic);
  const vat = row.vatNumber === null ? null : canonicalIdentifier('VAT', row.vatNumber);
  return {
    pic: pic === null ? null : identifierKey({ scheme: 'PIC', value: pic }),
    vat: vat === null ? null : identifierKey({ scheme: 'VAT', value: vat }),
  };
}

/**
 * The organisation of a row, for the identity resolver (resolveIdentities.ts): matched by PIC,
 * then by name within its country; its PIC and VAT as identifiers; its country. Once per PIC and
 * run (the source keeps track); `asFunder` when the PIC is a partner of a FUNDER_CONSORTIUM_GRANTS
 * project, so that it may be put onto one of our funders, which then takes its seat.
 */
export function organisationRecords(
  row: OrganizationRow,
  dataset: DatasetId,
  datasetUrl: string,
  asFunder = false,
): ConnectorRecord[] {
  const { pic, vat } = organisationIdentifiers(row);
  const seat = {
    street: row.street,
    postCode: row.postCode,
    city: row.city,
    nutsCode: row.nutsCode,
  };
  // The geolocation is the address's point: precise, and CORDIS's (src/model/coordinates.ts).
  const coordinates = {
    latitude: row.geolocation?.latitude ?? null,
    longitude: row.geolocation?.longitude ?? null,
    coordinatesPrecision: row.geolocation === null ? null : 'PRECISE',
    coordinatesSource: row.geolocation === null ? null : dataset,
  } satisfies SeatCoordinateProperties;
  const organisation: NodeRecord = {
    kind: 'node',
    label: 'Organisation',
    id: cordisOrganisationId(row.pic),
    properties: {
      shortName: row.shortName,
      activityType: row.activityType,
      sme: row.sme,
      ...seat,
      ...coordinates,
      website: row.url,
    } satisfies CordisOrganisationProperties,
    onCreate: { name: row.name, countryCode: row.countryCode, aliases: [] },
    union: { sources: [datasetUrl] },
    match: {
      labels: asFunder ? ['Organisation', 'Funder'] : ['Organisation'],
      names: [
        { value: row.name, kind: 'name' },
        ...(row.shortName === null ? [] : [{ value: row.shortName, kind: 'acronym' as const }]),
      ],
      countryCode: row.countryCode,
      // VAT is written, not matched on: the PIC is the register's key, and a VAT number alone
      // would join PICs that the register keeps apart.
      identifiers: pic === null ? [] : [pic],
    },
    // What a funder takes: only the facts the row has (a row without coordinates leaves a seat
    // a curator or another dataset gave), its coordinates as the seat maps place it at.
    propertiesAs: {
      Funder: Object.fromEntries(
        Object.entries({ ...seat, ...coordinates } satisfies CordisFunderProperties).filter(
          ([, value]) => value !== null,
        ),
      ),
    },
  };
  const identifier = (to: string) =>
    link(
      'HAS_IDENTIFIER',
      'Organisation',
      'Identifier',
      { from: organisation.id, to },
      {
        source: dataset,
        confidence: 1,
      },
    );
  return [
    organisation,
    ...[pic, vat].flatMap((key) => (key === null ? [] : [identifier(key)])),
    link('LOCATED_IN', 'Organisation', 'Country', { from: organisation.id, to: row.countryCode }),
  ];
}

/**
 * A row's partnership, and the organisation's country as a partner country of the project unless
 * `countries` (project|country pairs emitted in this run) already has it.
 */
export function partnershipRecords(row: OrganizationRow, countries: Set<string>): LinkRecord[] {
  const ids = { from: cordisOrganisationId(row.pic), to: cordisProjectId(row.projectId) };
  const records = [
    link('PARTNER_IN', 'Organisation', 'Project', ids, {
      role: row.role === 'coordinator' ? 'COORDINATOR' : 'PARTNER',
      participation: PARTICIPATIONS[row.role],
      asNamed: [row.name],
      ecContribution: row.ecContribution,
      netEcContribution: row.netEcContribution,
      order: row.order,
      endOfParticipation: row.endOfParticipation,
    }),
  ];
  const pair = `${row.projectId}|${row.countryCode}`;
  if (!countries.has(pair)) {
    countries.add(pair);
    records.push(link('HAS_PARTNER_IN', 'Project', 'Country', { from: ids.to, to: row.countryCode }));
  }
  return records;
}

/** The id of a publication: by DOI (one node for a paper of several projects), else CORDIS's record id. */
export function outputId(row: PublicationRow): string | null {
  if (row.doi !== null) return `doi-${row.doi.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;
  return row.id === null ? null : `cordis-publication-${slugify(row.id)}`;
}

/** A publication and the project's link to it; none when it has neither DOI nor record id. */
export function publicationRecords(
  row: PublicationRow,
  known: Set<string>,
  datasetUrl: string,
): ConnectorRecord[] {
  const id = outputId(row);
  if (id === null) return [];
  const records: ConnectorRecord[] = [];
  if (!known.has(id)) {
    known.add(id);
    records.push({
      kind: 'node',
      label: 'Output',
      id,
      properties: {
        kind: 'PUBLICATION',
        doi: row.doi,
        title: row.title,
        journal: row.journal,
        year: row.year,
      } satisfies Omit<OutputProperties, 'id'>,
      union: { sources: [row.doi === null ? datasetUrl : `https://doi.org/${row.doi}`] },
    });
  }
  records.push(link('HAS_OUTPUT', 'Project', 'Output', { from: cordisProjectId(row.projectId), to: id }));
  return records;
}
