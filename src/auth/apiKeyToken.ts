// API key tokens: `pmg_<id>_<secret>`. The id is public (it names the key in lists and
// audit records); the secret is 32 random bytes, shown once and stored only as a hash.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every API key token starts with this, so a token is told apart from a JWT at a glance. */
export const API_KEY_PREFIX = 'pmg_';

const TOKEN_PATTERN = /^pmg_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

/** A newly generated key: `token` is given to its holder once; `hash` is what is stored. */
export interface GeneratedApiKey {
  id: string;
  token: string;
  hash: string;
}

/** Generates a key id and secret with the operating system's CSPRNG. */
export function generateApiKey(): GeneratedApiKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${API_KEY_PREFIX}${id}_${secret}`, hash: hashApiKeySecret(secret) };
}

/** True when `token` has the shape of an API key (not whether it is valid). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** Splits a token into its id and secret; null when it is not well-formed. */
export function parseApiKeyToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/**
 * SHA-256 of the secret, hex. The secret has 256 bits of entropy, so a fast hash is as
 * safe as a slow one here (no dictionary to try) and keeps each request cheap.
 */
export function hashApiKeySecret(secret: string): string {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError(
      `hashApiKeySecret expects a non-empty string, received ${secret === '' ? 'an empty string' : typeof secret}`,
    );
  }
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
