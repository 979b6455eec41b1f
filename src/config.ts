// Typed, validated configuration: the only module that reads environment variables.
// parseConfig fails fast with one message naming every bad variable.

import path from 'node:path';

/** Where the graph lives: a Neo4j server given by URI, or the embedded one we start. */
export type Neo4jTarget =
  | { mode: 'server'; uri: string; user: string; password: string }
  | { mode: 'embedded'; dataDir: string; port: number; javaHome: string | null; pageCacheMiB: number };

export interface Config {
  /** HTTP port of the API (PORT, default 4000). */
  readonly port: number;
  /** Interface the HTTP server binds (HOST, default 127.0.0.1; 0.0.0.0 in containers). */
  readonly host: string;
  readonly neo4j: Readonly<Neo4jTarget>;
  /** Neo4j database name (NEO4J_DATABASE, default neo4j). */
  readonly database: string;
  /** Transaction timeout for every query in milliseconds (QUERY_TIMEOUT_MS, default 15000). */
  readonly queryTimeoutMs: number;
  /**
   * Time budget of one HTTP request in milliseconds (REQUEST_TIMEOUT_MS, default 20000): at
   * the deadline its open transactions are closed and its resolvers stop with REQUEST_TIMEOUT.
   * At least QUERY_TIMEOUT_MS, so that one query's own timeout is reached first.
   */
  readonly requestTimeoutMs: number;
  /** Largest request body in bytes, after decompression (MAX_REQUEST_BODY_BYTES, default 1048576). */
  readonly maxRequestBodyBytes: number;
  /** Largest response body in bytes; larger answers are refused (MAX_RESPONSE_BYTES, default 10485760). */
  readonly maxResponseBytes: number;
  /** Page size when a list query omits `first` (DEFAULT_PAGE_SIZE, default 20). */
  readonly defaultPageSize: number;
  /** Largest `first` a list query accepts (MAX_PAGE_SIZE, default 100). */
  readonly maxPageSize: number;
  /** Load seeds/ at start-up when the graph holds no dataset yet (SEED_ON_START, default true). */
  readonly seedOnStart: boolean;
  /** Absolute path of the seeds/ folder (SEEDS_DIR, default <repo>/seeds). */
  readonly seedsDir: string;
  /** GraphQL introspection and the playground (INTROSPECTION, default true). */
  readonly introspection: boolean;
  /** Minimum level written to the log (LOG_LEVEL: debug, info, warn, error; default info). */
  readonly logLevel: LogLevel;
  /** How mutations are authenticated (API keys, JWTs); see docs/auth.md. */
  readonly auth: Readonly<AuthConfig>;
  /**
   * Plan each root field's whole selection into one Cypher statement, the root fields of an
   * operation in one read transaction (QUERY_PLANNER, default true); false resolves every
   * field through the per-request loaders, as before the planner (docs/architecture.md).
   */
  readonly queryPlanner: boolean;
  /** Transaction timeout of npm run import and bench:import in milliseconds (IMPORT_TIMEOUT_MS, default 1800000). */
  readonly importTimeoutMs: number;
  /**
   * Base of the absolute URLs the API writes, e.g. https://permed.example.org (PUBLIC_URL,
   * without a trailing slash); null: taken from each request's checked Host header.
   */
  readonly publicUrl: string | null;
  /** How each operation is priced and bounded, each client budgeted, analytics pooled (docs/operations.md). */
  readonly protection: Readonly<ProtectionConfig>;
  /** The response cache keyed by data version (src/http/responseCache.ts). */
  readonly responseCache: Readonly<ResponseCacheConfig>;
}

/** The caller classes limits are given for: anonymous, or the role of a valid credential. */
export interface PerCaller<T> {
  readonly anonymous: T;
  readonly reader: T;
  readonly curator: T;
  readonly admin: T;
}

/** Limits checked on every GraphQL operation before it runs; see docs/operations.md. */
export interface QueryLimitsConfig {
  /** Largest priced cost (objects an answer may hold) per caller (QUERY_MAX_COST[_READER|_CURATOR|_ADMIN]). */
  readonly maxCost: PerCaller<number>;
  /** Deepest field nesting (QUERY_MAX_DEPTH, default 12). */
  readonly maxDepth: number;
  /** Most aliased fields (QUERY_MAX_ALIASES, default 150). */
  readonly maxAliases: number;
  /** Most fields at the root of the operation (QUERY_MAX_ROOT_FIELDS, default 150). */
  readonly maxRootFields: number;
  /** Most lexical tokens in the document (QUERY_MAX_TOKENS, default 5000). */
  readonly maxTokens: number;
  /** Most directives in the document (QUERY_MAX_DIRECTIVES, default 30). */
  readonly maxDirectives: number;
}

/** Per-client budgets in cost points, refilled evenly over a window (a token bucket). */
export interface RateLimitConfig {
  /** Off when false (RATE_LIMIT, default true). */
  readonly enabled: boolean;
  /** Seconds in which a client's whole budget refills (RATE_LIMIT_WINDOW_S, default 60). */
  readonly windowSeconds: number;
  /** Points per window per caller (RATE_LIMIT_POINTS[_READER|_CURATOR|_ADMIN]); anonymous callers by IP. */
  readonly points: PerCaller<number>;
}

/** The bounded pool that runs the expensive analytics (networks, coverage, gaps, recommendations). */
export interface AnalyticsPoolConfig {
  /** Operations with analytics run at once (ANALYTICS_CONCURRENCY, default 2). */
  readonly concurrency: number;
  /** Operations that may wait for a place; more are refused (ANALYTICS_QUEUE, default 16). */
  readonly queue: number;
}

export interface ProtectionConfig {
  readonly limits: QueryLimitsConfig;
  readonly rateLimit: RateLimitConfig;
  readonly analytics: AnalyticsPoolConfig;
}

/** Whole GraphQL answers kept per operation, variables, role and data version. */
export interface ResponseCacheConfig {
  /** Serve repeated queries from memory until the next accepted write (RESPONSE_CACHE, default true). */
  readonly enabled: boolean;
  /** Largest total size of the cached answers, in bytes of their JSON (RESPONSE_CACHE_MAX_MIB, default 64). */
  readonly maxBytes: number;
}

/** Credentials accepted for mutations. Reading never needs one. */
export interface AuthConfig {
  /** Accept API keys created with `npm run keys` (AUTH_API_KEYS, default true). */
  readonly apiKeys: boolean;
  /** Shared secret for HS256 JWTs (AUTH_JWT_SECRET, at least 32 characters); null disables HS256. */
  readonly jwtSecret: string | null;
  /** URL of a JSON Web Key Set for RS256/ES256/EdDSA JWTs (AUTH_JWKS_URL); null disables it. */
  readonly jwksUrl: string | null;
  /** Required `iss` claim of JWTs (AUTH_JWT_ISSUER); null accepts any issuer. */
  readonly jwtIssuer: string | null;
  /** Required `aud` claim of JWTs (AUTH_JWT_AUDIENCE); null accepts any audience. */
  readonly jwtAudience: string | null;
  /** Claim holding the role (reader, curator or admin) in JWTs (AUTH_ROLE_CLAIM, default role). */
  readonly roleClaim: string;
  /** Clock skew tolerated when checking exp and nbf, in seconds (AUTH_CLOCK_TOLERANCE_S, default 30). */
  readonly clockToleranceSeconds: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when one or more variables are invalid; `problems` names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The repository root, found from this file's location in src/ or dist/src/. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

function findProjectRoot(from: string): string {
  // src/config.ts -> <root>/src; dist/src/config.js -> <root>/dist/src
  const parent = path.resolve(from, '..');
  return path.basename(parent) === 'dist' ? path.resolve(parent, '..') : parent;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the configuration from `env` (pass process.env).
 * Unset or empty variables take their defaults; anything set must be valid.
 * @throws ConfigError naming every invalid variable and what it expects.
 */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const port = read.integer('PORT', 4000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const database = read.string('NEO4J_DATABASE', 'neo4j');
  const queryTimeoutMs = read.integer('QUERY_TIMEOUT_MS', 15000, 100, 600000);
  const requestTimeoutMs = read.integer('REQUEST_TIMEOUT_MS', Math.max(20000, queryTimeoutMs), 100, 600000);
  if (requestTimeoutMs < queryTimeoutMs) {
    problems.push(
      `REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must not be less than QUERY_TIMEOUT_MS (${queryTimeoutMs})`,
    );
  }
  const maxRequestBodyBytes = read.integer('MAX_REQUEST_BODY_BYTES', 1_048_576, 1024, 104_857_600);
  const maxResponseBytes = read.integer('MAX_RESPONSE_BYTES', 10_485_760, 1024, 1_073_741_824);
  const defaultPageSize = read.integer('DEFAULT_PAGE_SIZE', 20, 1, 10000);
  const maxPageSize = read.integer('MAX_PAGE_SIZE', 100, 1, 10000);
  if (defaultPageSize > maxPageSize) {
    problems.push(`DEFAULT_PAGE_SIZE (${defaultPageSize}) must not exceed MAX_PAGE_SIZE (${maxPageSize})`);
  }
  const seedOnStart = read.boolean('SEED_ON_START', true);
  const introspection = read.boolean('INTROSPECTION', true);
  const queryPlanner = read.boolean('QUERY_PLANNER', true);
  const seedsDir = path.resolve(PROJECT_ROOT, read.string('SEEDS_DIR', 'seeds'));
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const importTimeoutMs = read.integer('IMPORT_TIMEOUT_MS', 1_800_000, 1000, 86_400_000);
  const auth = readAuth(read, problems);
  const protection = readProtection(read, problems);
  const publicUrl = readPublicUrl(read.optional('PUBLIC_URL'), problems);
  const responseCache = {
    enabled: read.boolean('RESPONSE_CACHE', true),
    maxBytes: read.integer('RESPONSE_CACHE_MAX_MIB', 64, 1, 4096) * 1024 * 1024,
  };

  let neo4j: Neo4jTarget;
  const uri = read.optional('NEO4J_URI');
  if (uri !== undefined) {
    if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/.test(uri)) {
      problems.push(`NEO4J_URI must look like bolt://host:7687 or neo4j://host:7687, got "${uri}"`);
    }
    neo4j = {
      mode: 'server',
      uri,
      user: read.string('NEO4J_USER', 'neo4j'),
      password: read.string('NEO4J_PASSWORD', ''),
    };
  } else {
    neo4j = {
      mode: 'embedded',
      dataDir: path.resolve(PROJECT_ROOT, read.string('NEO4J_DATA_DIR', '.data/neo4j')),
      // 0 picks a free port at start-up.
      port: read.integer('NEO4J_EMBEDDED_PORT', 0, 0, 65535),
      javaHome: read.optional('JAVA_HOME') ?? null,
      pageCacheMiB: read.integer('NEO4J_PAGE_CACHE_MIB', 128, 8, 65536),
    };
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze({
    port,
    host,
    neo4j,
    database,
    queryTimeoutMs,
    requestTimeoutMs,
    maxRequestBodyBytes,
    maxResponseBytes,
    defaultPageSize,
    maxPageSize,
    seedOnStart,
    seedsDir,
    introspection,
    queryPlanner,
    logLevel,
    auth,
    importTimeoutMs,
    protection,
    publicUrl,
    responseCache,
  });
}

/** The defaults of the QUERY_*, RATE_LIMIT_* and ANALYTICS_* variables (README, docs/operations.md). */
export const DEFAULT_PROTECTION: ProtectionConfig = deepFreeze({
  limits: {
    maxCost: { anonymous: 100_000, reader: 200_000, curator: 200_000, admin: 500_000 },
    maxDepth: 12,
    maxAliases: 150,
    maxRootFields: 150,
    maxTokens: 5000,
    maxDirectives: 30,
  },
  rateLimit: {
    enabled: true,
    windowSeconds: 60,
    points: { anonymous: 1_000_000, reader: 4_000_000, curator: 4_000_000, admin: 10_000_000 },
  },
  analytics: { concurrency: 2, queue: 16 },
});

/**
 * Reads the QUERY_*, RATE_LIMIT_* and ANALYTICS_* variables. A role's cost limit and
 * budget default to the anonymous ones when these are raised above the role defaults, so
 * a credential never gets less than no credential; a window budget must hold the
 * largest operation its caller may send.
 */
function readProtection(read: EnvReader, problems: string[]): ProtectionConfig {
  const d = DEFAULT_PROTECTION;
  const perCaller = (prefix: string, defaults: PerCaller<number>, max: number): PerCaller<number> => {
    const anonymous = read.integer(prefix, defaults.anonymous, 1, max);
    const role = (suffix: string, fallback: number) =>
      read.integer(`${prefix}_${suffix}`, Math.max(fallback, anonymous), 1, max);
    return {
      anonymous,
      reader: role('READER', defaults.reader),
      curator: role('CURATOR', defaults.curator),
      admin: role('ADMIN', defaults.admin),
    };
  };
  const maxCost = perCaller('QUERY_MAX_COST', d.limits.maxCost, 100_000_000);
  const limits: QueryLimitsConfig = {
    maxCost,
    maxDepth: read.integer('QUERY_MAX_DEPTH', d.limits.maxDepth, 2, 100),
    maxAliases: read.integer('QUERY_MAX_ALIASES', d.limits.maxAliases, 0, 10_000),
    maxRootFields: read.integer('QUERY_MAX_ROOT_FIELDS', d.limits.maxRootFields, 1, 10_000),
    maxTokens: read.integer('QUERY_MAX_TOKENS', d.limits.maxTokens, 100, 1_000_000),
    maxDirectives: read.integer('QUERY_MAX_DIRECTIVES', d.limits.maxDirectives, 0, 10_000),
  };
  const points = perCaller('RATE_LIMIT_POINTS', d.rateLimit.points, 1_000_000_000);
  for (const caller of ['anonymous', 'reader', 'curator', 'admin'] as const) {
    if (points[caller] < maxCost[caller]) {
      const suffix = caller === 'anonymous' ? '' : `_${caller.toUpperCase()}`;
      problems.push(
        `RATE_LIMIT_POINTS${suffix} (${points[caller]}) must be at least QUERY_MAX_COST${suffix} (${maxCost[caller]}), ` +
          'or the largest accepted operation could never run',
      );
    }
  }
  return {
    limits,
    rateLimit: {
      enabled: read.boolean('RATE_LIMIT', d.rateLimit.enabled),
      windowSeconds: read.integer('RATE_LIMIT_WINDOW_S', d.rateLimit.windowSeconds, 1, 86_400),
      points,
    },
    analytics: {
      concurrency: read.integer('ANALYTICS_CONCURRENCY', d.analytics.concurrency, 1, 1000),
      queue: read.integer('ANALYTICS_QUEUE', d.analytics.queue, 0, 100_000),
    },
  };
}

/** PUBLIC_URL: an http(s) URL without credentials, query or fragment; the trailing slash dropped. */
function readPublicUrl(value: string | undefined, problems: string[]): string | null {
  if (value === undefined) return null;
  let url: URL | null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const plain = url !== null && ['http:', 'https:'].includes(url.protocol);
  if (url === null || !plain || url.username || url.password || url.search || url.hash) {
    problems.push(
      'PUBLIC_URL must be an http:// or https:// URL without credentials, query or fragment, ' +
        `e.g. https://permed.example.org, got "${value}"`,
    );
    return null;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Reads the AUTH_* variables; a secret is never echoed in a problem message. */
function readAuth(read: EnvReader, problems: string[]): AuthConfig {
  const jwtSecret = read.optional('AUTH_JWT_SECRET') ?? null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push(
      `AUTH_JWT_SECRET must be at least 32 characters long, got ${jwtSecret.length} (value not shown)`,
    );
  }
  const jwksUrl = read.optional('AUTH_JWKS_URL') ?? null;
  if (jwksUrl !== null && !isJwksUrl(jwksUrl)) {
    problems.push(`AUTH_JWKS_URL must be an https:// URL (http:// only for localhost), got "${jwksUrl}"`);
  }
  const roleClaim = read.string('AUTH_ROLE_CLAIM', 'role');
  if (!/^[\w:/.-]{1,200}$/.test(roleClaim)) {
    problems.push(`AUTH_ROLE_CLAIM must be a claim name (letters, digits, _ : / . -), got "${roleClaim}"`);
  }
  return {
    apiKeys: read.boolean('AUTH_API_KEYS', true),
    jwtSecret,
    jwksUrl,
    jwtIssuer: read.optional('AUTH_JWT_ISSUER') ?? null,
    jwtAudience: read.optional('AUTH_JWT_AUDIENCE') ?? null,
    roleClaim,
    clockToleranceSeconds: read.integer('AUTH_CLOCK_TOLERANCE_S', 30, 0, 3600),
  };
}

function isJwksUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes'].includes(lower)) return true;
    if (['false', '0', 'no'].includes(lower)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
