// Builds the process's authenticator from the AUTH_* configuration: API keys looked up in
// the graph, JWTs verified with the configured secret or JWKS.

import type { AuthConfig } from '../config';
import { findApiKey } from '../db/apiKeys';
import type { Db } from '../db/run';
import { createAuthenticator, type Authenticator } from './authenticate';
import { createJwtVerifier } from './jwt';

/** The authenticator the HTTP server uses, as configured. */
export function authenticatorFromConfig(config: AuthConfig, db: Db): Authenticator {
  return createAuthenticator({
    apiKeys: config.apiKeys,
    findApiKey: (id) => findApiKey(db, id),
    verifyJwt: createJwtVerifier(config),
  });
}
