// The parent models of the curation write results (codegen.ts maps FunderWriteResult, ...
// onto them): what one write did, with the record as stored after it.

import type { CallNode, FunderNode, OrganisationNode, ProjectNode } from './models';

/** What one curation write did to a record (the fields every *WriteResult shares). */
export interface WriteResultModel {
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DELETED';
  /** The properties the write changed (empty when nothing changed). */
  changedFields: string[];
  /** The data version after the write (the current one when nothing changed). */
  dataVersion: number;
}

export type FunderWriteResultModel = WriteResultModel & { funder: FunderNode };
export type CallWriteResultModel = WriteResultModel & { call: CallNode };
export type ProjectWriteResultModel = WriteResultModel & { project: ProjectNode };
export type OrganisationWriteResultModel = WriteResultModel & { organisation: OrganisationNode };
