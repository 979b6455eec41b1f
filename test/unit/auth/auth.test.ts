// Roles, API key tokens, JWT verification (HS256 secret and a JWKS) and the authenticator:
// who gets in, with which role, and that no message repeats the credential.

import { exportJWK, generateKeyPair, SignJWT, createLocalJWKSet } from 'jose';
import { createAuthenticator, fixedAuth, requireRole, requestAuth } from '../../../src/auth/authenticate';
import {
  generateApiKey,
  hashApiKeySecret,
  parseApiKeyToken,
  secretMatchesHash,
} from '../../../src/auth/apiKeyToken';
import { createJwtVerifier, JwtRejectedError } from '../../../src/auth/jwt';
import { actorId } from '../../../src/auth/principal';
import { parseRole, roleAtLeast, strongestRole, type StoredApiKey } from '../../../src/model';
import { parseConfig, ConfigError } from '../../../src/config';
import { ForbiddenError, UnauthenticatedError } from '../../../src/errors';

const SECRET = 'a-test-secret-that-is-long-enough-32+';
const jwtConfig = {
  jwtSecret: SECRET,
  jwksUrl: null,
  jwtIssuer: 'https://issuer.example',
  jwtAudience: 'permed-graph',
  roleClaim: 'role',
  clockToleranceSeconds: 0,
};

function hs256(
  claims: Record<string, unknown>,
  options: { subject?: string; expires?: string | number; issuer?: string; audience?: string } = {},
) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.subject !== undefined) jwt = jwt.setSubject(options.subject);
  jwt = jwt
    .setExpirationTime(options.expires ?? '5m')
    .setIssuer(options.issuer ?? 'https://issuer.example')
    .setAudience(options.audience ?? 'permed-graph');
  return jwt.sign(new TextEncoder().encode(SECRET));
}

describe('roles', () => {
  it('orders reader < curator < admin', () => {
    expect(roleAtLeast('admin', 'curator')).toBe(true);
    expect(roleAtLeast('curator', 'curator')).toBe(true);
    expect(roleAtLeast('reader', 'curator')).toBe(false);
  });

  it('parses only the three role names', () => {
    expect(parseRole('curator')).toBe('curator');
    expect(parseRole('Curator')).toBeNull();
    expect(parseRole(3)).toBeNull();
  });

  it('takes the strongest known role of a list claim', () => {
    expect(strongestRole(['reader', 'admin', 'other'])).toBe('admin');
    expect(strongestRole('curator')).toBe('curator');
    expect(strongestRole(['other'])).toBeNull();
  });
});

describe('API key tokens', () => {
  it('round-trips a generated token and stores only a hash of the secret', () => {
    const key = generateApiKey();
    const parsed = parseApiKeyToken(key.token);
    expect(parsed?.id).toBe(key.id);
    expect(key.hash).toBe(hashApiKeySecret(parsed!.secret));
    expect(key.hash).not.toContain(parsed!.secret);
    expect(secretMatchesHash(parsed!.secret, key.hash)).toBe(true);
    expect(secretMatchesHash(`${parsed!.secret.slice(1)}x`, key.hash)).toBe(false);
  });

  it('makes a different key every time', () => {
    expect(generateApiKey().token).not.toBe(generateApiKey().token);
  });

  it('rejects malformed tokens', () => {
    expect(parseApiKeyToken('pmg_short_secret')).toBeNull();
    expect(parseApiKeyToken('eyJhbGciOi.x.y')).toBeNull();
  });

  it('throws a TypeError for an empty secret', () => {
    expect(() => hashApiKeySecret('')).toThrow(TypeError);
  });
});

describe('createJwtVerifier', () => {
  const verify = createJwtVerifier(jwtConfig)!;

  it('accepts an HS256 token with subject, role, issuer and audience', async () => {
    await expect(verify(await hs256({ role: 'curator' }, { subject: 'alice' }))).resolves.toEqual({
      subject: 'alice',
      role: 'curator',
    });
  });

  it.each([
    [
      'an expired token',
      () => hs256({ role: 'curator' }, { subject: 'alice', expires: Math.floor(Date.now() / 1000) - 10 }),
      /expired/,
    ],
    [
      'another issuer',
      () => hs256({ role: 'curator' }, { subject: 'alice', issuer: 'https://evil.example' }),
      /"iss" claim/,
    ],
    [
      'another audience',
      () => hs256({ role: 'curator' }, { subject: 'alice', audience: 'other' }),
      /"aud" claim/,
    ],
    ['no role', () => hs256({}, { subject: 'alice' }), /names no role/],
    ['no subject', () => hs256({ role: 'curator' }), /"sub" claim/],
  ])('rejects %s with a reason', async (_label, make, reason) => {
    await expect(verify(await make())).rejects.toThrow(reason);
  });

  it('rejects a token that is not a JWT', async () => {
    await expect(verify('not-a-token')).rejects.toThrow(JwtRejectedError);
  });

  it('verifies RS256 tokens against a JWKS and refuses HS256 when no secret is set', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const verifier = createJwtVerifier(
      { ...jwtConfig, jwtSecret: null, jwksUrl: 'https://issuer.example/jwks' },
      createLocalJWKSet({ keys: [jwk] }),
    )!;
    const token = await new SignJWT({ role: ['reader', 'admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('carol')
      .setIssuer('https://issuer.example')
      .setAudience('permed-graph')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier(token)).resolves.toEqual({ subject: 'carol', role: 'admin' });
    await expect(verifier(await hs256({ role: 'curator' }, { subject: 'alice' }))).rejects.toThrow(
      /HS256 tokens are not accepted/,
    );
  });

  it('is null when neither a secret nor a JWKS is configured', () => {
    expect(createJwtVerifier({ ...jwtConfig, jwtSecret: null })).toBeNull();
  });
});

describe('createAuthenticator', () => {
  const key = generateApiKey();
  const stored: StoredApiKey = {
    id: key.id,
    name: 'k',
    role: 'curator',
    hash: key.hash,
    createdAt: 'x',
    createdBy: 'cli:t',
    revokedAt: null,
  };
  const lookups: string[] = [];
  const authenticate = createAuthenticator({
    apiKeys: true,
    findApiKey: async (id) => {
      lookups.push(id);
      return id === key.id ? stored : null;
    },
    verifyJwt: createJwtVerifier(jwtConfig),
  });

  it('treats a missing header as an anonymous reader', async () => {
    await expect(authenticate(undefined)).resolves.toEqual({ kind: 'anonymous' });
    await expect(authenticate('')).resolves.toEqual({ kind: 'anonymous' });
  });

  it('accepts a valid API key and names it by id', async () => {
    const principal = await authenticate(`Bearer ${key.token}`);
    expect(principal).toEqual({ kind: 'apiKey', keyId: key.id, name: 'k', role: 'curator' });
    expect(actorId(principal as never)).toBe(`key:${key.id}`);
  });

  it('accepts a valid JWT and names it by subject', async () => {
    const principal = await authenticate(`Bearer ${await hs256({ role: 'admin' }, { subject: 'dora' })}`);
    expect(principal).toEqual({ kind: 'jwt', subject: 'dora', role: 'admin' });
  });

  it.each([
    ['a Basic header', 'Basic dXNlcjpwYXNz', /Bearer/],
    ['an unknown key', `Bearer ${generateApiKey().token}`, /not valid/],
    ['a wrong secret', `Bearer pmg_${key.id}_${'B'.repeat(43)}`, /not valid/],
    ['garbage', 'Bearer abc.def', /neither an API key nor a well-formed JWT/],
  ])('refuses %s without repeating it', async (_label, header, reason) => {
    const error = await authenticate(header).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain(header.split(' ')[1]);
  });

  it('refuses a revoked key', async () => {
    const revoked = createAuthenticator({
      apiKeys: true,
      findApiKey: async () => ({ ...stored, revokedAt: 'now' }),
      verifyJwt: null,
    });
    await expect(revoked(`Bearer ${key.token}`)).rejects.toThrow(/revoked/);
  });

  it('refuses API keys when they are switched off, and JWTs when none are configured', async () => {
    const none = createAuthenticator({ apiKeys: false, findApiKey: async () => stored, verifyJwt: null });
    await expect(none(`Bearer ${key.token}`)).rejects.toThrow(/AUTH_API_KEYS/);
    await expect(none('Bearer a.b.c')).rejects.toThrow(/AUTH_JWT_SECRET/);
  });

  it('resolves the credential once per request, and only when asked', async () => {
    lookups.length = 0;
    const auth = requestAuth(authenticate, `Bearer ${key.token}`);
    expect(lookups).toEqual([]);
    await auth.principal();
    await auth.principal();
    expect(lookups).toEqual([key.id]);
  });
});

describe('requireRole', () => {
  it('is UNAUTHENTICATED for anonymous callers and FORBIDDEN for weaker roles', async () => {
    await expect(
      requireRole(fixedAuth({ kind: 'anonymous' }), 'curator', 'write to the graph'),
    ).rejects.toThrow(UnauthenticatedError);
    await expect(
      requireRole(fixedAuth({ kind: 'jwt', subject: 's', role: 'reader' }), 'curator', 'write to the graph'),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      requireRole(fixedAuth({ kind: 'jwt', subject: 's', role: 'admin' }), 'curator', 'write'),
    ).resolves.toMatchObject({ subject: 's' });
  });
});

describe('parseConfig (auth)', () => {
  it('defaults to API keys only', () => {
    expect(parseConfig({}).auth).toEqual({
      apiKeys: true,
      jwtSecret: null,
      jwksUrl: null,
      jwtIssuer: null,
      jwtAudience: null,
      roleClaim: 'role',
      clockToleranceSeconds: 30,
    });
  });

  it('names a short secret without showing it, and a JWKS URL that is not https', () => {
    const attempt = () =>
      parseConfig({ AUTH_JWT_SECRET: 'short-secret-value', AUTH_JWKS_URL: 'http://idp.example/jwks' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems.some((problem) => problem.startsWith('AUTH_JWT_SECRET'))).toBe(true);
      expect(problems.some((problem) => problem.startsWith('AUTH_JWKS_URL'))).toBe(true);
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });

  it('accepts http JWKS URLs on localhost', () => {
    expect(parseConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:9999/jwks' }).auth.jwksUrl).toBe(
      'http://127.0.0.1:9999/jwks',
    );
  });
});
