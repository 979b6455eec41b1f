// Turns a request's Authorization header into a Principal, lazily: reads never pay for it,
// and a mutation asks for it through requireRole. Error messages never contain the credential.

import { ForbiddenError, UnauthenticatedError } from '../errors';
import { looksLikeApiKey, parseApiKeyToken, secretMatchesHash } from './apiKeyToken';
import { JwtRejectedError, type JwtVerifier } from './jwt';
import { ANONYMOUS, type AuthenticatedPrincipal, type Principal } from './principal';
import { roleAtLeast, type Role, type StoredApiKey } from '../model';

export interface AuthenticatorOptions {
  /** Whether API keys are accepted (AUTH_API_KEYS). */
  apiKeys: boolean;
  /** Looks an API key up by id (src/db/apiKeys.ts); null when there is none. */
  findApiKey: (id: string) => Promise<StoredApiKey | null>;
  /** Verifies JWTs; null when no JWT settings are configured. */
  verifyJwt: JwtVerifier | null;
}

/** Resolves an Authorization header value (or its absence) to the caller. */
export type Authenticator = (authorization: string | undefined | null) => Promise<Principal>;

/**
 * The authenticator of a process. An absent or empty header is anonymous; anything else
 * must be `Bearer <token>` with a valid API key (`pmg_...`) or JWT, else UnauthenticatedError.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  return async (authorization) => {
    if (authorization === undefined || authorization === null || authorization.trim() === '')
      return ANONYMOUS;
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match)
      throw new UnauthenticatedError('the Authorization header must read "Bearer <API key or JWT>"');
    const token = match[1]!;
    if (looksLikeApiKey(token)) return apiKeyPrincipal(options, token);
    if (options.verifyJwt === null) {
      throw new UnauthenticatedError(
        'JWTs are not accepted here (neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is configured)',
      );
    }
    try {
      const { subject, role } = await options.verifyJwt(token);
      return { kind: 'jwt', subject, role };
    } catch (error) {
      if (error instanceof JwtRejectedError) throw new UnauthenticatedError(error.reason);
      throw error;
    }
  };
}

async function apiKeyPrincipal(options: AuthenticatorOptions, token: string): Promise<Principal> {
  if (!options.apiKeys)
    throw new UnauthenticatedError('API keys are not accepted here (AUTH_API_KEYS is false)');
  const parsed = parseApiKeyToken(token);
  if (parsed === null) throw new UnauthenticatedError('the API key is malformed');
  const stored = await options.findApiKey(parsed.id);
  // Unknown id and wrong secret get the same answer, so ids cannot be probed.
  if (stored === null || !secretMatchesHash(parsed.secret, stored.hash))
    throw new UnauthenticatedError('the API key is not valid');
  if (stored.revokedAt !== null) throw new UnauthenticatedError('the API key has been revoked');
  return { kind: 'apiKey', keyId: stored.id, name: stored.name, role: stored.role };
}

/** The per-request view of authentication: the principal is resolved once, on first use. */
export interface RequestAuth {
  principal(): Promise<Principal>;
}

/** Wraps an authenticator and one request's header into a memoised RequestAuth. */
export function requestAuth(
  authenticate: Authenticator,
  authorization: string | undefined | null,
): RequestAuth {
  let resolved: Promise<Principal> | null = null;
  return {
    principal: () => (resolved ??= authenticate(authorization)),
  };
}

/** A RequestAuth for callers that are already trusted (the command line, tests). */
export function fixedAuth(principal: Principal): RequestAuth {
  return { principal: () => Promise.resolve(principal) };
}

/**
 * The caller when its role is at least `needed`; UnauthenticatedError when there is no
 * credential, ForbiddenError when its role is too weak. `action` completes "may not ...", e.g.
 * "write to the graph".
 */
export async function requireRole(
  auth: RequestAuth,
  needed: Role,
  action: string,
): Promise<AuthenticatedPrincipal> {
  const principal = await auth.principal();
  if (principal.kind === 'anonymous') {
    throw new UnauthenticatedError(
      `to ${action}, send "Authorization: Bearer <API key or JWT>" (see docs/auth.md)`,
    );
  }
  if (!roleAtLeast(principal.role, needed)) throw new ForbiddenError(principal.role, needed, action);
  return principal;
}
