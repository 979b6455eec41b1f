// The curation workflow behind the GraphQL mutations: validate the input naming the field at
// fault, check references, plan against the current state, and write with its audit events in
// one write batch (src/db/writeBatch.ts) that raises the data version only when the graph changes.

export { deleteRecord } from './deleteRecord';
export { clearPossibleDuplicate } from './identityReview';
export { linkPartner, unlinkPartner } from './partnerships';
export { linkProject, unlinkProject, type ProjectLinkRequest } from './projectLinks';
export { upsertRecord } from './upsertRecord';
export type { CurationResult } from './curationBatch';
