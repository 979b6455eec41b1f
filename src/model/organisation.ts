// The Organisation: a partner institution of funded projects, with every spelling of its name
// met in the sources.

import { country, id, identifiers, text, type NodeOf, type RecordOf } from './fields';
import { entityDef } from './entityDef';
import { SOURCES } from './sourced';

export const ORGANISATION_FIELDS = [
  id(
    'id',
    'Stable id; when empty, the row is matched by name within its country, or gets org-<slug of the name>.',
    { present: true },
  ),
  text('name', 'Canonical name.', { required: true }),
  country('countryCode', 'ISO 3166-1 alpha-2 code of its country.', {
    required: true,
    relation: { type: 'LOCATED_IN', other: 'Country', direction: 'out', alsoProperty: true },
  }),
  text('aliases', 'Other spellings of the name met in the sources.', {
    list: true,
    nonEmpty: true,
    unique: true,
  }),
  identifiers(
    'Persistent identifiers as SCHEME:value (ROR, GRID, ISNI, WIKIDATA, FUNDREF, PIC, VAT), e.g. PIC:999991722; given, they replace the stored ones.',
  ),
  SOURCES,
] as const;

export type OrganisationRecord = RecordOf<typeof ORGANISATION_FIELDS>;
/** An Organisation node's own properties. */
export type OrganisationProperties = NodeOf<typeof ORGANISATION_FIELDS>;

export const ORGANISATION = entityDef('organisations', 'Organisation', ORGANISATION_FIELDS);
