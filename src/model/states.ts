// Records between the steps of a write (import or mutation): validated values, entity states as
// read from the graph for comparison, partnerships, and organisations by name.

import type { PartnerRole } from './kinds';

/** The given columns of a record with typed values; a column not given is absent, a cleared one null. */
export type ValidRecord = Record<string, unknown>;

/** An entity as read from the graph: properties and relation fields by column name. */
export type EntityState = Record<string, unknown>;

/** A project partnership as planned and stored. */
export interface PartnerState {
  organisationId: string;
  role: PartnerRole;
  /** The name the import gave, when the partner was named rather than given by id. */
  asNamed?: string[];
}

/**
 * A partner organisation as an import names it: by id (`org-lund-university`) or by name
 * and country (`Lund University [SE]`), which organisation matching resolves.
 */
export type OrganisationReference = { id: string } | { name: string; countryCode: string };

/** An organisation as matching knows it: its names within its country. */
export interface OrganisationCandidate {
  id: string;
  name: string;
  countryCode: string;
  aliases?: readonly string[] | null;
}
