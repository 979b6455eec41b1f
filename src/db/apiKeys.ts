// API keys in the graph: ApiKey nodes hold the key id, name, role and the SHA-256 of the
// secret (never the secret). Creation and revocation are write batches (src/db/writeBatch.ts):
// audited, and raising the data version like any other accepted write.

import type { Role, StoredApiKey } from '../model';
import type { Db } from './run';
import { RollBack, writeBatch } from './writeBatch';

/** An API key as listed: everything but the hash. */
export type ApiKeyModel = Omit<StoredApiKey, 'hash'>;

const API_KEY_BY_ID = `MATCH (k:ApiKey {id: $id})
RETURN k.id AS id, k.name AS name, k.role AS role, k.hash AS hash, k.createdAt AS createdAt,
       k.createdBy AS createdBy, k.revokedAt AS revokedAt`;

const CREATE_API_KEY = `CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, createdAt: $at, createdBy: $actor})`;

const LIST_API_KEYS = `MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.role AS role, k.createdAt AS createdAt, k.createdBy AS createdBy,
       k.revokedAt AS revokedAt
ORDER BY k.createdAt, k.id`;

const REVOKE_API_KEY = `MATCH (k:ApiKey {id: $id})
WITH k, k.revokedAt AS previous
SET k.revokedAt = coalesce(k.revokedAt, $at), k.revokedBy = coalesce(k.revokedBy, $actor)
RETURN k.id AS id, k.name AS name, k.role AS role, k.createdAt AS createdAt, k.createdBy AS createdBy,
       k.revokedAt AS revokedAt, previous`;

/** The stored key with this id (hash included, for verification); null when there is none. */
export async function findApiKey(db: Db, id: string): Promise<StoredApiKey | null> {
  const [row] = await db.read<StoredApiKey>(API_KEY_BY_ID, { id });
  return row === undefined ? null : { ...row, revokedAt: row.revokedAt ?? null };
}

/** Every key, oldest first, without hashes. */
export async function listApiKeys(db: Db): Promise<ApiKeyModel[]> {
  const rows = await db.read<ApiKeyModel>(LIST_API_KEYS);
  return rows.map((row) => ({ ...row, revokedAt: row.revokedAt ?? null }));
}

export interface NewApiKey {
  id: string;
  name: string;
  role: Role;
  hash: string;
}

/**
 * Stores a generated key, raises the data version and audits the creation with it, all in
 * one write batch; `actor` is who created it.
 */
export async function insertApiKey(db: Db, key: NewApiKey, actor: string): Promise<ApiKeyModel> {
  const { result: at } = await writeBatch(db, { actor, source: 'keys' }, async ({ tx, at, audit }) => {
    await tx.run(CREATE_API_KEY, { ...key, at, actor });
    await audit([
      {
        action: 'CREATE_KEY',
        entityLabel: 'ApiKey',
        entityId: key.id,
        fields: ['name', 'role'],
        previous: null,
        values: { name: key.name, role: key.role },
      },
    ]);
    return at;
  });
  return { id: key.id, name: key.name, role: key.role, createdAt: at, createdBy: actor, revokedAt: null };
}

/**
 * Revokes a key (idempotent: a revoked key keeps its first revocation time); null when no
 * key has this id. The first revocation raises the data version and is audited once; revoking
 * a revoked key changes nothing, so its batch rolls back: no new version, no event.
 */
export async function revokeApiKey(db: Db, id: string, actor: string): Promise<ApiKeyModel | null> {
  const { result } = await writeBatch(db, { actor, source: 'keys' }, async ({ tx, at, audit }) => {
    const [row] = await tx.run<ApiKeyModel & { previous: string | null }>(REVOKE_API_KEY, { id, at, actor });
    if (row === undefined) throw new RollBack(null);
    const { previous, ...key } = row;
    if (previous !== null) throw new RollBack(key);
    await audit([
      {
        action: 'REVOKE_KEY',
        entityLabel: 'ApiKey',
        entityId: id,
        fields: ['revokedAt'],
        previous: { revokedAt: null },
        values: { revokedAt: at },
      },
    ]);
    return key;
  });
  return result;
}
