// Who is making a request, as the authenticator established it. Audit records name the
// principal by `actorId`; credentials themselves are never kept here.

import type { Role } from '../model';

/** The caller of one request. Anonymous callers may read but never write. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'apiKey'; keyId: string; name: string; role: Role }
  | { kind: 'jwt'; subject: string; role: Role }
  /** The command line (npm run import, npm run keys), run by whoever can reach the database. */
  | { kind: 'cli'; user: string; role: Role };

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

/** The stable actor id audit records carry: `key:<id>`, `jwt:<subject>` or `cli:<user>`. */
export function actorId(principal: AuthenticatedPrincipal): string {
  switch (principal.kind) {
    case 'apiKey':
      return `key:${principal.keyId}`;
    case 'jwt':
      return `jwt:${principal.subject}`;
    case 'cli':
      return `cli:${principal.user}`;
  }
}

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });
