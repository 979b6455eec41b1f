// The roles a credential can carry and what each may do: reader reads (as anyone may),
// curator also writes, admin also manages API keys; and the API key record that carries one.

/** Roles from least to most powerful; each role may do everything the ones before it may. */
export const ROLES = ['reader', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The role named by `value`, or null when it names none (case-sensitive, as issued). */
export function parseRole(value: unknown): Role | null {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? (value as Role) : null;
}

/**
 * The strongest role in a JWT role claim, which may be one string or a list of strings
 * (as identity providers send groups). Unknown role names are ignored; null when none is known.
 */
export function strongestRole(claim: unknown): Role | null {
  const values = Array.isArray(claim) ? claim : [claim];
  let best: Role | null = null;
  for (const value of values) {
    const role = parseRole(value);
    if (role !== null && (best === null || roleAtLeast(role, best))) best = role;
  }
  return best;
}

/** An API key as stored (an ApiKey node): the hash of its secret, never the secret. */
export interface StoredApiKey {
  id: string;
  name: string;
  role: Role;
  hash: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}
