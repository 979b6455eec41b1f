// Typed rows of the CORDIS files: each reader takes a row by its column names and returns its
// values in the graph's forms, or throws CordisValueError naming the column and what it expected
// (the row is then skipped and reported). Pure.

import {
  cordisAmount,
  cordisBoolean,
  cordisCountry,
  cordisDate,
  cordisGeolocation,
  cordisInteger,
  cordisText,
  cordisTimestamp,
  CordisValueError,
  euroSciVocSegments,
} from './cordisValues';
import type { CordisRow } from './readCordisFile';

/** Reads `column` of `row` with `reader`, naming the column when its value is refused. */
function read<T>(row: CordisRow, column: string, reader: (value: string) => T): T {
  try {
    return reader(row.field(column));
  } catch (error) {
    if (error instanceof CordisValueError) throw new CordisValueError(`column "${column}": ${error.message}`);
    throw error;
  }
}

function required<T>(row: CordisRow, column: string, reader: (value: string) => T | null): T {
  const value = read(row, column, reader);
  if (value === null) throw new CordisValueError(`column "${column}" is empty; every row needs it`);
  return value;
}

/** A grant id: digits, kept as text (ids are compared and written as text). */
function grantId(value: string): string | null {
  const number = cordisInteger(value);
  return number === null ? null : String(number);
}

export interface EuroSciVocRow {
  projectId: string;
  /**
   * Code and path segments, leading `/` dropped, e.g. ['21', '33', '5029300'] and ['medical and
   * health sciences', 'health sciences', 'personalized medicine']. They usually have as many levels;
   * a row where they do not still names its subject (mapCordis.ts then makes no broader ones).
   */
  code: string[];
  path: string[];
  title: string;
}

export function euroSciVocRow(row: CordisRow): EuroSciVocRow {
  const code = euroSciVocSegments(row.field('euroSciVocCode'));
  const path = euroSciVocSegments(row.field('euroSciVocPath'));
  if (code.length === 0 || code.some((segment) => !/^\d+$/.test(segment)))
    throw new CordisValueError(
      `column "euroSciVocCode": expected a code such as /21/33/5029300, received "${row.field('euroSciVocCode')}"`,
    );
  if (path.length === 0) throw new CordisValueError('column "euroSciVocPath" is empty; every row needs it');
  return {
    projectId: required(row, 'projectID', grantId),
    code,
    path,
    title: required(row, 'euroSciVocTitle', cordisText),
  };
}

export interface TopicRow {
  projectId: string;
  topic: string;
  title: string | null;
}

export function topicRow(row: CordisRow): TopicRow {
  return {
    projectId: required(row, 'projectID', grantId),
    topic: required(row, 'topic', cordisText),
    title: read(row, 'title', cordisText),
  };
}

export interface LegalBasisRow {
  projectId: string;
  legalBasis: string;
  title: string | null;
  main: boolean;
}

export function legalBasisRow(row: CordisRow): LegalBasisRow {
  return {
    projectId: required(row, 'projectID', grantId),
    legalBasis: required(row, 'legalBasis', cordisText),
    title: read(row, 'title', cordisText),
    main: read(row, 'uniqueProgrammePart', cordisBoolean) === true,
  };
}

export interface ProjectRow {
  id: string;
  acronym: string;
  status: string | null;
  title: string;
  startDate: string | null;
  endDate: string | null;
  totalCost: number | null;
  ecMaxContribution: number | null;
  legalBasis: string | null;
  topics: string[];
  ecSignatureDate: string | null;
  frameworkProgramme: string;
  masterCall: string | null;
  subCall: string | null;
  fundingScheme: string | null;
  nature: string | null;
  objective: string | null;
  contentUpdateDate: string | null;
  grantDoi: string | null;
  keywords: string[];
}

/** Lists the files write inside one field: `a,b` (topics) or `a, b` (keywords). */
function list(value: string | null): string[] {
  return value === null
    ? []
    : [
        ...new Set(
          value
            .split(/[,;]/)
            .map((item) => item.trim())
            .filter(Boolean),
        ),
      ];
}

export function projectRow(row: CordisRow): ProjectRow {
  const startDate = read(row, 'startDate', cordisDate);
  const endDate = read(row, 'endDate', cordisDate);
  if (startDate !== null && endDate !== null && endDate < startDate)
    throw new CordisValueError(`column "endDate": ${endDate} is before startDate ${startDate}`);
  return {
    id: required(row, 'id', grantId),
    acronym: required(row, 'acronym', cordisText),
    status: read(row, 'status', cordisText),
    title: required(row, 'title', cordisText),
    startDate,
    endDate,
    totalCost: read(row, 'totalCost', cordisAmount),
    ecMaxContribution: read(row, 'ecMaxContribution', cordisAmount),
    legalBasis: read(row, 'legalBasis', cordisText),
    topics: list(read(row, 'topics', cordisText)),
    ecSignatureDate: read(row, 'ecSignatureDate', cordisDate),
    frameworkProgramme: required(row, 'frameworkProgramme', cordisText),
    masterCall: read(row, 'masterCall', cordisText),
    subCall: read(row, 'subCall', cordisText),
    fundingScheme: read(row, 'fundingScheme', cordisText),
    nature: read(row, 'nature', cordisText),
    objective: read(row, 'objective', cordisText),
    contentUpdateDate: read(row, 'contentUpdateDate', cordisTimestamp),
    grantDoi: read(row, 'grantDoi', cordisText),
    keywords: list(read(row, 'keywords', cordisText)),
  };
}

/** Roles of organization.csv, as the files write them. */
export const CORDIS_ROLES = [
  'coordinator',
  'participant',
  'thirdParty',
  'associatedPartner',
  'partner',
  'internationalPartner',
] as const;
export type CordisRole = (typeof CORDIS_ROLES)[number];

function role(value: string): CordisRole | null {
  const text = value.trim();
  if (text === '') return null;
  const known = CORDIS_ROLES.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
  if (known === undefined)
    throw new CordisValueError(`expected one of ${CORDIS_ROLES.join(', ')}, received "${text}"`);
  return known;
}

export interface OrganizationRow {
  projectId: string;
  /** The Participant Identification Code. */
  pic: string;
  vatNumber: string | null;
  name: string;
  shortName: string | null;
  sme: boolean | null;
  activityType: string | null;
  street: string | null;
  postCode: string | null;
  city: string | null;
  countryCode: string;
  nutsCode: string | null;
  geolocation: { latitude: number; longitude: number } | null;
  url: string | null;
  order: number | null;
  role: CordisRole;
  ecContribution: number | null;
  netEcContribution: number | null;
  totalCost: number | null;
  endOfParticipation: boolean | null;
}

export function organizationRow(row: CordisRow): OrganizationRow {
  return {
    projectId: required(row, 'projectID', grantId),
    pic: required(row, 'organisationID', grantId),
    vatNumber: read(row, 'vatNumber', cordisText),
    name: required(row, 'name', cordisText),
    shortName: read(row, 'shortName', cordisText),
    sme: read(row, 'SME', cordisBoolean),
    activityType: read(row, 'activityType', cordisText),
    street: read(row, 'street', cordisText),
    postCode: read(row, 'postCode', cordisText),
    city: read(row, 'city', cordisText),
    countryCode: required(row, 'country', cordisCountry),
    nutsCode: read(row, 'nutsCode', cordisText),
    geolocation: read(row, 'geolocation', cordisGeolocation),
    url: read(row, 'organizationURL', cordisText),
    order: read(row, 'order', cordisInteger),
    role: required(row, 'role', role),
    ecContribution: read(row, 'ecContribution', cordisAmount),
    netEcContribution: read(row, 'netEcContribution', cordisAmount),
    totalCost: read(row, 'totalCost', cordisAmount),
    endOfParticipation: read(row, 'endOfParticipation', cordisBoolean),
  };
}

export interface PublicationRow {
  projectId: string;
  /** CORDIS's id of the publication record, when the file has one. */
  id: string | null;
  title: string;
  doi: string | null;
  journal: string | null;
  year: number | null;
}

/** A DOI without its resolver prefix, lower-cased (DOIs are case-insensitive). */
function doi(value: string): string | null {
  const text = value
    .trim()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  if (text === '') return null;
  if (!/^10\.\d{4,9}\/\S+$/.test(text))
    throw new CordisValueError(`expected a DOI such as 10.1038/xyz, received "${value.trim()}"`);
  return text.toLowerCase();
}

function year(value: string): number | null {
  const number = cordisInteger(value);
  if (number !== null && (number < 1900 || number > 2100))
    throw new CordisValueError(`expected a year from 1900 to 2100, received ${number}`);
  return number;
}

export function publicationRow(row: CordisRow): PublicationRow {
  return {
    projectId: required(row, 'projectID', grantId),
    id: read(row, 'id', cordisText),
    title: required(row, 'title', cordisText),
    doi: read(row, 'doi', doi),
    journal: read(row, 'journalTitle', cordisText),
    year: read(row, 'publishedYear', year),
  };
}
