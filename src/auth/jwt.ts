// Verifies signed JWTs with jose: HS256 with the configured secret, or RS256/ES256/EdDSA
// with keys from the configured JWKS URL. Returns the subject and role, or says why not.

import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import { strongestRole, type Role } from '../model';

/** Why a JWT was refused, in words safe to show (never the token or its claims' values). */
export class JwtRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'JwtRejectedError';
  }
}

export interface VerifiedJwt {
  subject: string;
  role: Role;
}

export type JwtVerifier = (token: string) => Promise<VerifiedJwt>;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/**
 * A verifier for the JWT settings of `config`, or null when neither a secret nor a JWKS URL
 * is configured (JWTs are then refused). The JWKS is fetched on first use and cached by jose.
 * `getKey` replaces the remote JWKS (tests pass a local one).
 */
export function createJwtVerifier(
  config: Pick<
    AuthConfig,
    'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'roleClaim' | 'clockToleranceSeconds'
  >,
  getKey?: JWTVerifyGetKey,
): JwtVerifier | null {
  const secret = config.jwtSecret === null ? null : new TextEncoder().encode(config.jwtSecret);
  const jwks = getKey ?? (config.jwksUrl === null ? null : createRemoteJWKSet(new URL(config.jwksUrl)));
  if (secret === null && jwks === null) return null;
  const options = {
    ...(config.jwtIssuer === null ? {} : { issuer: config.jwtIssuer }),
    ...(config.jwtAudience === null ? {} : { audience: config.jwtAudience }),
    clockTolerance: config.clockToleranceSeconds,
    requiredClaims: ['sub', 'exp'],
  };

  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new JwtRejectedError('the bearer token is neither an API key nor a well-formed JWT');
    }
    try {
      const { payload } =
        alg === 'HS256'
          ? secret === null
            ? reject('HS256 tokens are not accepted here (no AUTH_JWT_SECRET is configured)')
            : await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })
          : jwks === null
            ? reject(
                `tokens signed with ${String(alg)} are not accepted here (no AUTH_JWKS_URL is configured)`,
              )
            : await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC_ALGORITHMS });
      const role = strongestRole(payload[config.roleClaim]);
      if (role === null)
        throw new JwtRejectedError(
          `the token's "${config.roleClaim}" claim names no role (reader, curator or admin)`,
        );
      if (typeof payload.sub !== 'string' || payload.sub === '')
        throw new JwtRejectedError('the token has no subject ("sub")');
      return { subject: payload.sub, role };
    } catch (error) {
      throw new JwtRejectedError(explain(error));
    }
  };
}

function reject(reason: string): never {
  throw new JwtRejectedError(reason);
}

/** Turns jose's errors into a reason; claim values are not repeated. */
function explain(error: unknown): string {
  if (error instanceof JwtRejectedError) return error.reason;
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's "${error.claim}" claim is not acceptable (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the configured JWKS matches the token';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError)
    return `the token could not be verified (${error.code})`;
  return 'the token could not be verified';
}
