// The files of a CORDIS projects export and their headers, as data with their authority. A file's
// header is recognised by its column names (never by position): it must hold every required
// column and nothing that is not a known CORDIS column of that file. Facts gathered from public
// parsers of these files and their field codebook (docs/connectors.md, "The CORDIS export format").

/** One file of the export: its name, and the columns a known header has. */
export interface CordisFileSpec {
  /** The file's name inside the zip or folder (any folder level). */
  name: string;
  /** Whether an export without it is refused. */
  required: boolean;
  /** Columns every known header has. */
  columns: readonly string[];
  /** Columns some exports add (Horizon 2020's project.csv has keywords, ...). */
  optional: readonly string[];
}

/** The files read, in the order the connector reads them (scope signals first). */
export const CORDIS_FILES = {
  euroSciVoc: {
    name: 'euroSciVoc.csv',
    required: true,
    columns: ['projectID', 'euroSciVocCode', 'euroSciVocPath', 'euroSciVocTitle'],
    optional: ['euroSciVocDescription'],
  },
  topics: {
    name: 'topics.csv',
    required: false,
    columns: ['projectID', 'topic', 'title'],
    optional: ['rcn'],
  },
  project: {
    name: 'project.csv',
    required: true,
    columns: [
      'id',
      'acronym',
      'status',
      'title',
      'startDate',
      'endDate',
      'totalCost',
      'ecMaxContribution',
      'frameworkProgramme',
      'fundingScheme',
      'objective',
    ],
    optional: [
      'legalBasis',
      'topics',
      'ecSignatureDate',
      'masterCall',
      'subCall',
      'nature',
      'contentUpdateDate',
      'rcn',
      'grantDoi',
      'keywords',
      'Human-validated',
    ],
  },
  legalBasis: {
    name: 'legalBasis.csv',
    required: false,
    columns: ['projectID', 'legalBasis', 'title'],
    optional: ['uniqueProgrammePart'],
  },
  organization: {
    name: 'organization.csv',
    required: true,
    columns: ['projectID', 'organisationID', 'name', 'country', 'role'],
    optional: [
      'projectAcronym',
      'vatNumber',
      'shortName',
      'SME',
      'activityType',
      'street',
      'postCode',
      'city',
      'nutsCode',
      'geolocation',
      'organizationURL',
      'contactForm',
      'contentUpdateDate',
      'rcn',
      'order',
      'ecContribution',
      'netEcContribution',
      'totalCost',
      'endOfParticipation',
      'active',
    ],
  },
  projectPublications: {
    name: 'projectPublications.csv',
    required: false,
    columns: ['projectID', 'title', 'doi'],
    optional: [
      'id',
      'isPublishedAs',
      'authors',
      'journalTitle',
      'journalNumber',
      'publishedYear',
      'publishedPages',
      'issn',
      'isbn',
      'projectAcronym',
      'collection',
      'contentUpdateDate',
      'rcn',
    ],
  },
} as const satisfies Record<string, CordisFileSpec>;

export type CordisFileKey = keyof typeof CORDIS_FILES;

/** Files of the export that the connector knows and does not read (reported, never refused). */
export const CORDIS_FILES_NOT_READ = [
  'projectDeliverables.csv',
  'webItem.csv',
  'webLink.csv',
  'policyPriorities.csv',
  'reportSummaries.csv',
] as const;

/** Column name -> position in a recognised header. */
export type HeaderIndex = ReadonlyMap<string, number>;

/**
 * Recognises a header: its column positions by name, or why it is not a known CORDIS header of
 * that file (missing and unknown columns named).
 */
export function recogniseHeader(spec: CordisFileSpec, header: readonly string[]): HeaderIndex | string {
  const known = new Set<string>([...spec.columns, ...spec.optional]);
  const names = header.map((name) => name.trim());
  const missing = spec.columns.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !known.has(name));
  const twice = names.filter((name, at) => names.indexOf(name) !== at);
  const problems = [
    missing.length > 0 ? `missing ${quoted(missing)}` : null,
    unknown.length > 0 ? `unknown ${quoted(unknown)}` : null,
    twice.length > 0 ? `repeated ${quoted(twice)}` : null,
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) return `not a known CORDIS ${spec.name} header: ${problems.join('; ')}`;
  return new Map(names.map((name, at) => [name, at]));
}

function quoted(names: readonly string[]): string {
  return `column${names.length > 1 ? 's' : ''} ${names.map((name) => `"${name}"`).join(', ')}`;
}
