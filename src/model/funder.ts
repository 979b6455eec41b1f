// The Funder: a funding organisation (agency, ministry, foundation, EU body), as the seeds hold it,
// an import row or a mutation gives it, and the graph stores it.

import { country, id, identifiers, number, oneOf, text, type NodeOf, type RecordOf } from './fields';
import { entityDef } from './entityDef';
import { FUNDER_KINDS } from './kinds';
import { NOTES, SOURCES, UNCERTAIN } from './sourced';

export const FUNDER_FIELDS = [
  id('id', 'Stable id, e.g. isciii-es.', { required: true }),
  text('name', 'Full name.', { required: true }),
  text('acronym', 'Usual acronym.'),
  oneOf('kind', FUNDER_KINDS, `One of ${FUNDER_KINDS.join(', ')}.`, { required: true }),
  country('countryCode', 'ISO 3166-1 alpha-2 code of its country; needed unless kind is EU_BODY.', {
    relation: { type: 'BASED_IN', other: 'Country', direction: 'out', alsoProperty: true },
  }),
  id('regionId', 'Id of the region it acts for (an existing Region), e.g. es-navarre.', {
    ref: 'Region',
    relation: { type: 'BASED_IN', other: 'Region', direction: 'out' },
  }),
  id('programmeIds', 'Programmes it is a member of (existing Programme ids).', {
    list: true,
    unique: true,
    ref: 'Programme',
    relation: { type: 'MEMBER_OF', other: 'Programme', direction: 'out' },
  }),
  id('callIds', 'Calls it took part in (existing Call ids).', {
    list: true,
    unique: true,
    ref: 'Call',
    relation: { type: 'PARTICIPATES_IN', other: 'Call', direction: 'out' },
  }),
  text('roles', 'Roles in the programmes, e.g. ERA PerMed coordinator.', { list: true }),
  NOTES,
  UNCERTAIN,
  identifiers(
    'Persistent identifiers as SCHEME:value (ROR, FUNDREF, PIC, ISNI, WIKIDATA, GRID, VAT), e.g. FUNDREF:501100004587; given, they replace the stored ones.',
  ),
  SOURCES,
  number(
    'headquartersLatitude',
    { min: -90, max: 90 },
    'Headquarters latitude in WGS84 degrees, for a funder without a country (the European Commission).',
    { only: 'seed' },
  ),
  number('headquartersLongitude', { min: -180, max: 180 }, 'Headquarters longitude in WGS84 degrees.', {
    only: 'seed',
  }),
] as const;

/** A funder in seeds/funders.json; programmeIds and callIds are the union of both sides' lists. */
export type FunderRecord = RecordOf<typeof FUNDER_FIELDS>;
/** A Funder node's own properties (relationships left out). */
export type FunderProperties = NodeOf<typeof FUNDER_FIELDS>;

export const FUNDER = entityDef('funders', 'Funder', FUNDER_FIELDS);
