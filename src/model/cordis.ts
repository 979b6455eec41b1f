// The properties the CORDIS connector writes beside the curated ones (issue 18, "new properties
// declared once"): on Project, Organisation, Call and Programme, and the Subject (EuroSciVoc) and
// Output (publication) nodes. src/connectors/cordis/mapCordis.ts builds its records against these
// types, and the SDL fields of the same names (schema/projects.graphql) read them.

import { amount, boolean, confidence, date, id, integer, oneOf, text, year, type NodeOf } from './fields';
import { SEAT_COORDINATE_FIELDS } from './coordinates';

/** A CORDIS project's own facts (project.csv, topics.csv, legalBasis.csv) and its scope decision. */
export const CORDIS_PROJECT_FIELDS = [
  text('grantId', 'The EU grant agreement number (project.csv id), e.g. 101136464.'),
  text('status', 'CORDIS status: SIGNED, CLOSED or TERMINATED.'),
  amount('totalCost', 'Total cost of the project in euros (project.csv totalCost).'),
  amount('ecMaxContribution', 'Maximum EU contribution in euros (project.csv ecMaxContribution).'),
  text('fundingScheme', 'The type of action, e.g. HORIZON-RIA, RIA, CSA.'),
  text('grantDoi', 'The grant DOI CORDIS gives the project, e.g. 10.3030/101136464.'),
  text('frameworkProgramme', 'The framework programme as the file names it: HORIZON or H2020.'),
  text('legalBasis', 'The programme part it was funded under, e.g. HORIZON.2.1.'),
  text('legalBasisTitle', 'The title of that programme part (legalBasis.csv).'),
  text('masterCall', 'The call it was funded by, e.g. HORIZON-HLTH-2023-DISEASE-03.'),
  text('subCall', 'The sub-call, when the call had several.'),
  text('topics', 'The call topics, e.g. HORIZON-HLTH-2023-DISEASE-03-01.', { list: true }),
  text('topicTitles', 'The titles of those topics (topics.csv), in the same order where known.', {
    list: true,
  }),
  date('ecSignatureDate', 'When the Commission signed the grant, YYYY-MM-DD.'),
  text('sourceUpdatedAt', "CORDIS's last update of the record (contentUpdateDate)."),
  text('scopeRule', 'The strongest personalised-medicine scope rule that took it in (docs/connectors.md).'),
  text('scopeRules', 'Every scope rule that matched it; empty when imported by --scope all alone.', {
    list: true,
  }),
  text('scopeEvidence', 'One line per matched rule: the grant, topic, phrase or euroSciVoc tag.', {
    list: true,
  }),
  confidence(
    'scopeConfidence',
    'How sure the scope decision is: 1, 0.9, 0.8, or 0.5 for one weak signal alone.',
  ),
  boolean('scopeWeak', 'True when a euroSciVoc tag alone took it in.'),
] as const;
/** The CORDIS properties of a Project node. */
export type CordisProjectProperties = NodeOf<typeof CORDIS_PROJECT_FIELDS>;

/**
 * A CORDIS partner's facts (organization.csv). Its PIC and VAT number are identifiers
 * ((Organisation)-[:HAS_IDENTIFIER]->(:Identifier), src/model/identifiers.ts), not properties.
 */
export const CORDIS_ORGANISATION_FIELDS = [
  text('shortName', 'Short name or acronym.'),
  text(
    'activityType',
    'HES (higher education), REC (research), PRC (private company), PUB (public body), OTH.',
  ),
  boolean('sme', 'True for a small or medium-sized enterprise.'),
  text('street', 'Street address.'),
  text('postCode', 'Postal code.'),
  text('city', 'City.'),
  text('nutsCode', 'NUTS region code, e.g. DE300.'),
  ...SEAT_COORDINATE_FIELDS,
  text('website', 'Its web address (organizationURL).'),
] as const;
/** The CORDIS properties of an Organisation node. */
export type CordisOrganisationProperties = NodeOf<typeof CORDIS_ORGANISATION_FIELDS>;

/**
 * What one of our funders takes from a consortium row of ERA PerMed or EP PerMed that names it
 * (organization.csv): its seat, so that maps place it there. Its PIC is an identifier.
 */
export const CORDIS_FUNDER_FIELDS = [
  text('street', 'Street address (CORDIS organization.csv).'),
  text('postCode', 'Postal code.'),
  text('city', 'City.'),
  text('nutsCode', 'NUTS region code, e.g. DEA22.'),
  ...SEAT_COORDINATE_FIELDS,
] as const;
/** The CORDIS properties of a Funder node. */
export type CordisFunderProperties = NodeOf<typeof CORDIS_FUNDER_FIELDS>;

/** A call of a framework programme. */
export const CORDIS_CALL_FIELDS = [text('masterCall', 'The master call a sub-call belongs to.')] as const;
/** The CORDIS properties of a Call node (besides kind, title and shortTitle). */
export type CordisCallProperties = NodeOf<typeof CORDIS_CALL_FIELDS>;

/** A framework programme (Horizon Europe, Horizon 2020), made when the graph lacks it. */
export const CORDIS_PROGRAMME_FIELDS = [
  text('name', 'Full name, e.g. Horizon Europe.', { required: true }),
  text('shortName', 'Short name, e.g. H2020.', { required: true }),
  year('startYear', 'First year of the programme.'),
  text('description', 'What the programme is.'),
] as const;
/** The properties a CORDIS Programme node is created with. */
export type CordisProgrammeProperties = NodeOf<typeof CORDIS_PROGRAMME_FIELDS>;

/** A EuroSciVoc subject: a node of the classification tree, (Subject)-[:BROADER]->(Subject). */
export const SUBJECT_FIELDS = [
  id('id', 'Stable id, euroscivoc-<last code segment>, e.g. euroscivoc-5029300.', { required: true }),
  text('scheme', 'The classification: EuroSciVoc.', { required: true }),
  text('code', 'The code path with a leading slash, e.g. /21/33/5029300.', { required: true }),
  text(
    'path',
    'The label path without a leading slash, e.g. medical and health sciences/health sciences/personalized medicine.',
    {
      required: true,
    },
  ),
  text('label', 'Its own label, e.g. personalized medicine.', { required: true }),
  integer('level', { min: 1 }, 'Depth in the tree: 1 for a field of science.', { required: true }),
] as const;
/** A Subject node's properties. */
export type SubjectProperties = NodeOf<typeof SUBJECT_FIELDS>;

/** An output of a project: a publication (projectPublications.csv), one node per DOI. */
export const OUTPUT_FIELDS = [
  id('id', 'Stable id: doi-<DOI slug>, or cordis-publication-<record id> without a DOI.', { required: true }),
  oneOf('kind', ['PUBLICATION'], 'What it is: PUBLICATION.', { required: true }),
  text('doi', 'The DOI in lower case, e.g. 10.1038/s41586-020-2649-2.'),
  text('title', 'Title.'),
  text('journal', 'Journal or proceedings title.'),
  year('year', 'Year of publication.'),
] as const;
/** An Output node's properties. */
export type OutputProperties = NodeOf<typeof OUTPUT_FIELDS>;
