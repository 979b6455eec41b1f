// Resolvers of the curation mutations, the audit history and API key management. Thin:
// each checks the caller's role, then hands the arguments to src/curation or src/db.

import { requireRole } from '../auth/authenticate';
import { generateApiKey } from '../auth/apiKeyToken';
import { actorId } from '../auth/principal';
import { entityHistory, type AuditEventModel } from '../db/audit';
import { insertApiKey, listApiKeys, revokeApiKey } from '../db/apiKeys';
import type { WriteResultModel } from '../db/writeResults';
import { KIND_LABELS } from '../db/search';
import { BadUserInputError, NotFoundError } from '../errors';
import type { AuditEventResolvers, MutationResolvers, QueryResolvers } from '../generated/graphql';
import {
  clearPossibleDuplicate,
  deleteRecord,
  linkPartner,
  linkProject,
  unlinkPartner,
  unlinkProject,
  upsertRecord,
  type CurationResult,
} from '../curation';
import type { RequestContext } from '../context';

/** The record kinds the upsert and delete mutations write. */
type EntityKind = Parameters<typeof upsertRecord>[1];

const WRITE = 'write to the graph';
const MANAGE_KEYS = 'manage API keys';
const HISTORY_LIMIT = 500;

async function writer(context: RequestContext): Promise<string> {
  return actorId(await requireRole(context.auth, 'curator', WRITE));
}

/** Runs an upsert and reads the record back through the request's loader. */
async function upsert<N>(
  context: RequestContext,
  kind: EntityKind,
  input: Record<string, unknown>,
  load: (id: string) => Promise<N | null>,
): Promise<WriteResultModel & { node: N }> {
  const actor = await writer(context);
  const { previous: _previous, ...result } = await upsertRecord(context.db, kind, input, actor);
  const node = await load(String(input.id));
  if (node === null) throw new NotFoundError(kind, String(input.id));
  return { ...result, node };
}

function deleteResult(result: CurationResult, id: string) {
  return { outcome: result.outcome, id, dataVersion: result.dataVersion };
}

function linkResult(result: CurationResult) {
  return { outcome: result.outcome, previous: result.previous, dataVersion: result.dataVersion };
}

export const curationMutations: MutationResolvers = {
  upsertFunder: async (_, { input }, context) => {
    const { node, ...result } = await upsert(context, 'funders', input, (id) =>
      context.loaders.byId('Funder').clear(id).load(id),
    );
    return { ...result, funder: node };
  },
  upsertCall: async (_, { input }, context) => {
    const { node, ...result } = await upsert(context, 'calls', input, (id) =>
      context.loaders.byId('Call').clear(id).load(id),
    );
    return { ...result, call: node };
  },
  upsertProject: async (_, { input }, context) => {
    const { node, ...result } = await upsert(context, 'projects', input, (id) =>
      context.loaders.byId('Project').clear(id).load(id),
    );
    return { ...result, project: node };
  },
  upsertOrganisation: async (_, { input }, context) => {
    const { node, ...result } = await upsert(context, 'organisations', input, (id) =>
      context.loaders.byId('Organisation').clear(id).load(id),
    );
    return { ...result, organisation: node };
  },
  clearPossibleDuplicate: async (_, { organisationId, of }, context) => {
    const { previous: _previous, ...result } = await clearPossibleDuplicate(
      context.db,
      organisationId,
      of ?? null,
      await writer(context),
    );
    const organisation = await context.loaders
      .byId('Organisation')
      .clear(organisationId)
      .load(organisationId);
    if (organisation === null) throw new NotFoundError('organisations', organisationId);
    return { ...result, organisation };
  },
  deleteFunder: async (_, { id }, context) =>
    deleteResult(await deleteRecord(context.db, 'funders', id, await writer(context)), id),
  deleteCall: async (_, { id }, context) =>
    deleteResult(await deleteRecord(context.db, 'calls', id, await writer(context)), id),
  deleteProject: async (_, { id }, context) =>
    deleteResult(await deleteRecord(context.db, 'projects', id, await writer(context)), id),
  deleteOrganisation: async (_, { id }, context) =>
    deleteResult(await deleteRecord(context.db, 'organisations', id, await writer(context)), id),
  linkProject: async (_, { input }, context) =>
    linkResult(await linkProject(context.db, input, await writer(context))),
  unlinkProject: async (_, { projectId, type, targetId }, context) =>
    linkResult(await unlinkProject(context.db, projectId, type, targetId, await writer(context))),
  linkPartner: async (_, { projectId, organisationId, role }, context) =>
    linkResult(await linkPartner(context.db, projectId, organisationId, role, await writer(context))),
  unlinkPartner: async (_, { projectId, organisationId }, context) =>
    linkResult(await unlinkPartner(context.db, projectId, organisationId, await writer(context))),
  createApiKey: async (_, { name, role }, context) => {
    const actor = actorId(await requireRole(context.auth, 'admin', MANAGE_KEYS));
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200)
      throw new BadUserInputError('name', 'expected 1 to 200 characters');
    const generated = generateApiKey();
    const key = await insertApiKey(
      context.db,
      { id: generated.id, name: trimmed, role, hash: generated.hash },
      actor,
    );
    return { key, token: generated.token };
  },
  revokeApiKey: async (_, { id }, context) => {
    const actor = actorId(await requireRole(context.auth, 'admin', MANAGE_KEYS));
    const key = await revokeApiKey(context.db, id, actor);
    if (key === null) throw new NotFoundError('ApiKey', id);
    return key;
  },
};

export const curationQueries: Pick<QueryResolvers, 'history' | 'apiKeys'> = {
  history: (_, { kind, id, first }, { db }) => {
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_LIMIT) {
      throw new BadUserInputError(
        'first',
        `expected an integer from 1 to ${HISTORY_LIMIT}, received ${limit}`,
      );
    }
    return entityHistory(db, KIND_LABELS[kind], id, limit);
  },
  apiKeys: async (_, __, context) => {
    await requireRole(context.auth, 'admin', MANAGE_KEYS);
    return listApiKeys(context.db);
  },
};

export const AuditEvent: AuditEventResolvers = {
  entityType: (event: AuditEventModel) => event.entityLabel,
  relatedType: (event: AuditEventModel) => event.relatedLabel,
};
