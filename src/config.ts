// Typed, validated configuration: the only module that reads environment variables.
// Each variable is declared once (a zod schema: its type, range, default and the message when
// it is invalid); parseConfig fails fast with one message naming every bad variable.

import path from 'node:path';
import { z } from 'zod';

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
   * Where `npm run connect -- cordis --download` fetches the CORDIS exports from, without a
   * trailing slash (CORDIS_BASE_URL, default https://cordis.europa.eu/data).
   */
  readonly cordisBaseUrl: string;
  /**
   * Base of the absolute URLs the API writes, e.g. https://permed.example.org (PUBLIC_URL,
   * without a trailing slash); null: taken from each request's checked Host header.
   */
  readonly publicUrl: string | null;
  /** How each operation is priced and bounded, each client budgeted, analytics pooled (docs/operations.md). */
  readonly protection: Readonly<ProtectionConfig>;
  /** The response cache keyed by data version (src/http/responseCache.ts). */
  readonly responseCache: Readonly<ResponseCacheConfig>;
  /** The memory of one API process and the budgets of its caches, derived from it (docs/operations.md). */
  readonly memory: Readonly<MemoryConfig>;
  readonly analyticsPrewarm: Readonly<AnalyticsPrewarmConfig>;
  /**
   * Where client budgets are kept (RATE_LIMIT_STORE): this process's memory (default), or a
   * Redis that every replica shares, so that a client has one budget behind a load balancer.
   */
  readonly budgetStore: Readonly<BudgetStoreConfig>;
}

/**
 * RATE_LIMIT_STORE: `memory`, or the redis:// (rediss://) URL of the store the replicas share,
 * with RATE_LIMIT_LEASE_PERCENT: the slice of a client's burst each replica leases ahead (raised
 * to what eight charges of the size asked need at once or 64 answers spend, never above a tenth
 * of the burst; 0: no slice).
 */
export type BudgetStoreConfig = { kind: 'memory' } | { kind: 'redis'; url: string; leasePercent: number };

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
  /**
   * Largest total size of the cached answers, in bytes as they sit in memory (their JSON, key and
   * hash state) (RESPONSE_CACHE_MAX_MIB; default an eighth of MEMORY_LIMIT_MIB, 64 MiB of 512).
   */
  readonly maxBytes: number;
}

/**
 * What one API process may hold (MEMORY_LIMIT_MIB) and the budget of each cache in bytes, as
 * shares of it: answers 1/8 (ResponseCacheConfig), analytics 1/8 (one result alone up to 1/4),
 * parsed documents 1/16, plans 1/32, persisted query texts 1/64. Together 23/64 of the limit,
 * 31/64 while one analytics result outgrows its share; the rest is the process itself (about
 * 100 MiB: code, schema, driver), the requests in flight and the garbage collector's room.
 */
export interface MemoryConfig {
  /** The memory one API process may use, in bytes (MEMORY_LIMIT_MIB, default 512): set it to the container's limit. */
  readonly limitBytes: number;
  /** Shared analytics of a data version: projections, networks, coverage (src/resolvers/sharedPerVersion.ts). */
  readonly analyticsBytes: number;
  /**
   * The most the analytics may hold when one result alone is larger than analyticsBytes (the gap
   * projection of 100,000 projects is counted at 65.7 MiB, over the 64 MiB share of 512 MiB): that
   * one result is kept, the others within what is left. Twice analyticsBytes. Without it, every
   * request that needs the result reads it again (2.3 s and 9.3M db hits each at 100,000 projects)
   * and holds a copy of its own while it runs (docs/operations.md#memory).
   */
  readonly analyticsLargestBytes: number;
  /** Parsed and validated query documents, by query text (Apollo's document store; src/http/documentStore.ts). */
  readonly documentsBytes: number;
  /** The planner's compiled statements, by root field and variables (src/resolvers/planning/planSelection.ts). */
  readonly plansBytes: number;
  /** Query texts registered by automatic persisted queries (Apollo's cache). */
  readonly persistedQueriesBytes: number;
}

/**
 * Node's heap limit for a process of MEMORY_LIMIT_MIB: 5/8 of it (`node --max-old-space-size`;
 * docker-compose.yml computes it). The rest is for what lives outside V8's old space: the cached
 * answers' buffers (1/8), the young generation (48 MiB), code and Node's own memory.
 */
export const NODE_HEAP_SHARE = 5 / 8;

/** How many times its share the analytics may hold while one result outgrows the share (MemoryConfig.analyticsLargestBytes). */
export const ANALYTICS_LARGEST_RESULT_SHARES = 2;

/** The shares of MEMORY_LIMIT_MIB the caches may hold (MemoryConfig); the response cache's is its default. */
export const CACHE_SHARES = {
  responses: 1 / 8,
  analytics: 1 / 8,
  documents: 1 / 16,
  plans: 1 / 32,
  persistedQueries: 1 / 64,
} as const;

/** The background computation of each data version's shared analytics (src/resolvers/prewarmAnalytics.ts). */
export interface AnalyticsPrewarmConfig {
  /**
   * Compute them, and the graph statistics query prices rest on, after start-up and after every
   * write, before a reader asks (ANALYTICS_PREWARM, default true); off, lists are priced at their caps.
   */
  readonly enabled: boolean;
  /** How often the data version is read to notice writes of other processes (ANALYTICS_PREWARM_INTERVAL_S, default 5), in ms. */
  readonly intervalMs: number;
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

const MIB = 1024 * 1024;

/**
 * The budgets of a process of `limitMiB` (MEMORY_LIMIT_MIB): each cache's share of it, the
 * response cache's `responseCacheMiB` when set (RESPONSE_CACHE_MAX_MIB).
 */
function memoryBudgets(
  limitMiB: number,
  responseCacheMiB?: number,
): { config: MemoryConfig; responsesBytes: number } {
  const limitBytes = limitMiB * MIB;
  const share = (name: keyof typeof CACHE_SHARES) => Math.floor(limitBytes * CACHE_SHARES[name]);
  return {
    config: {
      limitBytes,
      analyticsBytes: share('analytics'),
      analyticsLargestBytes: share('analytics') * ANALYTICS_LARGEST_RESULT_SHARES,
      documentsBytes: share('documents'),
      plansBytes: share('plans'),
      persistedQueriesBytes: share('persistedQueries'),
    },
    responsesBytes: responseCacheMiB === undefined ? share('responses') : responseCacheMiB * MIB,
  };
}

/** The memory budgets of the default MEMORY_LIMIT_MIB (512), for servers built without a configuration (tests). */
export const DEFAULT_MEMORY: MemoryConfig = deepFreeze(memoryBudgets(512).config);

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

// The kinds of variable. A message follows the variable's name: what was expected, then the
// value received (never a secret's).

/** A string that passes `check`. */
const checked = (check: (value: string) => boolean, expected: string) =>
  z.string().refine(check, { error: (issue) => `must ${expected}, got "${String(issue.input)}"` });

/** A whole number from min to max in decimal digits ("1e3" and "0x10" are refused). */
const integer = (min: number, max: number) =>
  checked(
    (raw) => /^-?\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max,
    `be an integer from ${min} to ${max}`,
  ).transform(Number);

/** true, 1, yes or false, 0, no, in any case. */
const flag = () =>
  z.stringbool({
    truthy: ['true', '1', 'yes'],
    falsy: ['false', '0', 'no'],
    case: 'insensitive',
    error: (issue) => `must be true or false, got "${String(issue.input)}"`,
  });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `must be one of ${values.join(', ')}, got "${String(issue.input)}"` });

/** A folder, relative to the repository root unless absolute. */
const folder = (fallback: string) =>
  z
    .string()
    .prefault(fallback)
    .transform((value) => path.resolve(PROJECT_ROOT, value));

/** A role's cost limit or budget; unset: the role's default or the anonymous value, whichever is larger. */
const perRole = (max: number) => integer(1, max).optional();

const { limits: LIMITS, rateLimit: RATE_LIMIT, analytics: ANALYTICS } = DEFAULT_PROTECTION;

/**
 * Every variable read in both Neo4j modes, once each, in the order their problems are
 * reported. Optional ones without a default get one in parseConfig that depends on another
 * variable (REQUEST_TIMEOUT_MS, the per-role limits) or mean "off" (null in Config).
 */
const SETTINGS = {
  PORT: integer(0, 65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  NEO4J_DATABASE: z.string().default('neo4j'),
  QUERY_TIMEOUT_MS: integer(100, 600_000).default(15_000),
  REQUEST_TIMEOUT_MS: integer(100, 600_000).optional(),
  MAX_REQUEST_BODY_BYTES: integer(1024, 104_857_600).default(1_048_576),
  MAX_RESPONSE_BYTES: integer(1024, 1_073_741_824).default(10_485_760),
  DEFAULT_PAGE_SIZE: integer(1, 10_000).default(20),
  MAX_PAGE_SIZE: integer(1, 10_000).default(100),
  SEED_ON_START: flag().default(true),
  INTROSPECTION: flag().default(true),
  QUERY_PLANNER: flag().default(true),
  SEEDS_DIR: folder('seeds'),
  LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
  IMPORT_TIMEOUT_MS: integer(1000, 86_400_000).default(1_800_000),
  CORDIS_BASE_URL: checked(
    isPublicUrl,
    'be an http:// or https:// URL without credentials, query or fragment, e.g. https://cordis.europa.eu/data',
  )
    .transform((value) => value.replace(/\/+$/, ''))
    .default('https://cordis.europa.eu/data'),
  AUTH_JWT_SECRET: z
    .string()
    .min(32, {
      error: (issue) =>
        `must be at least 32 characters long, got ${String(issue.input).length} (value not shown)`,
    })
    .optional(),
  AUTH_JWKS_URL: checked(isJwksUrl, 'be an https:// URL (http:// only for localhost)').optional(),
  AUTH_ROLE_CLAIM: checked(
    (value) => /^[\w:/.-]{1,200}$/.test(value),
    'be a claim name (letters, digits, _ : / . -)',
  ).default('role'),
  AUTH_API_KEYS: flag().default(true),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
  AUTH_CLOCK_TOLERANCE_S: integer(0, 3600).default(30),
  QUERY_MAX_COST: integer(1, 100_000_000).default(LIMITS.maxCost.anonymous),
  QUERY_MAX_COST_READER: perRole(100_000_000),
  QUERY_MAX_COST_CURATOR: perRole(100_000_000),
  QUERY_MAX_COST_ADMIN: perRole(100_000_000),
  QUERY_MAX_DEPTH: integer(2, 100).default(LIMITS.maxDepth),
  QUERY_MAX_ALIASES: integer(0, 10_000).default(LIMITS.maxAliases),
  QUERY_MAX_ROOT_FIELDS: integer(1, 10_000).default(LIMITS.maxRootFields),
  QUERY_MAX_TOKENS: integer(100, 1_000_000).default(LIMITS.maxTokens),
  QUERY_MAX_DIRECTIVES: integer(0, 10_000).default(LIMITS.maxDirectives),
  RATE_LIMIT_POINTS: integer(1, 1_000_000_000).default(RATE_LIMIT.points.anonymous),
  RATE_LIMIT_POINTS_READER: perRole(1_000_000_000),
  RATE_LIMIT_POINTS_CURATOR: perRole(1_000_000_000),
  RATE_LIMIT_POINTS_ADMIN: perRole(1_000_000_000),
  RATE_LIMIT: flag().default(RATE_LIMIT.enabled),
  RATE_LIMIT_WINDOW_S: integer(1, 86_400).default(RATE_LIMIT.windowSeconds),
  ANALYTICS_CONCURRENCY: integer(1, 1000).default(ANALYTICS.concurrency),
  ANALYTICS_QUEUE: integer(0, 100_000).default(ANALYTICS.queue),
  PUBLIC_URL: checked(
    isPublicUrl,
    'be an http:// or https:// URL without credentials, query or fragment, e.g. https://permed.example.org',
  )
    .transform((value) => {
      const url = new URL(value);
      return `${url.origin}${url.pathname.replace(/\/+$/, '')}`; // no trailing slash
    })
    .optional(),
  RESPONSE_CACHE: flag().default(true),
  RESPONSE_CACHE_MAX_MIB: integer(1, 4096).optional(),
  // 128 MiB at least: the process alone takes about 100 MiB (docs/operations.md).
  MEMORY_LIMIT_MIB: integer(128, 1_048_576).default(512),
  ANALYTICS_PREWARM: flag().default(true),
  ANALYTICS_PREWARM_INTERVAL_S: integer(1, 3600).default(5),
  RATE_LIMIT_STORE: z
    .string()
    .refine((value) => value === 'memory' || isRedisUrl(value), {
      // The value is shown without the password a URL may carry.
      error: (issue) =>
        'must be memory or a redis:// or rediss:// URL, e.g. redis://redis:6379, got ' +
        `"${String(issue.input).replace(/(:\/\/[^/@]*?:)[^/@]*@/, '$1[redacted]@')}"`,
    })
    .default('memory'),
  // At most a tenth of the burst (as slices raised to what the charges need): N replicas may let
  // a client spend N slices beyond its bucket.
  RATE_LIMIT_LEASE_PERCENT: integer(0, 10).default(1),
  // Unset: the embedded Neo4j (EMBEDDED_SETTINGS); set: a server (SERVER_SETTINGS).
  NEO4J_URI: checked(
    (value) => /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/.test(value),
    'look like bolt://host:7687 or neo4j://host:7687',
  ).optional(),
};

/** Read only when NEO4J_URI is set. */
const SERVER_SETTINGS = {
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
};

/** Read only when NEO4J_URI is unset: the embedded Neo4j. */
const EMBEDDED_SETTINGS = {
  NEO4J_DATA_DIR: folder('.data/neo4j'),
  NEO4J_EMBEDDED_PORT: integer(0, 65535).default(0), // 0 picks a free port at start-up
  JAVA_HOME: z.string().optional(),
  NEO4J_PAGE_CACHE_MIB: integer(8, 65536).default(128),
};

/** The name of every environment variable the configuration reads (README's table lists them). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(
  [SETTINGS, SERVER_SETTINGS, EMBEDDED_SETTINGS].flatMap((group) => Object.keys(group)),
);

type Env = Readonly<Record<string, string | undefined>>;
/** A message, and the variable it is reported after (its own, or a rule's last). */
type Problem = { variable: string; message: string; rule?: true };
type Settings = z.output<z.ZodObject<typeof SETTINGS>>;

/**
 * Reads and validates the configuration from `env` (pass process.env).
 * Unset or empty variables take their defaults; anything set must be valid.
 * @throws ConfigError naming every invalid variable and what it expects.
 */
export function parseConfig(env: Env): Config {
  const problems: Problem[] = [];
  const v = readVariables(SETTINGS, env, problems);
  const requestTimeoutMs = v.REQUEST_TIMEOUT_MS ?? Math.max(20000, v.QUERY_TIMEOUT_MS);
  const protection = protectionOf(v);
  // Set, even when invalid (its problem is reported above), it selects the server mode.
  const uri = present(env.NEO4J_URI);
  let neo4j: Neo4jTarget;
  if (uri === undefined) {
    const e = readVariables(EMBEDDED_SETTINGS, env, problems);
    neo4j = {
      mode: 'embedded',
      dataDir: e.NEO4J_DATA_DIR,
      port: e.NEO4J_EMBEDDED_PORT,
      javaHome: e.JAVA_HOME ?? null,
      pageCacheMiB: e.NEO4J_PAGE_CACHE_MIB,
    };
  } else {
    const s = readVariables(SERVER_SETTINGS, env, problems);
    neo4j = { mode: 'server', uri, user: s.NEO4J_USER, password: s.NEO4J_PASSWORD };
  }
  const memory = memoryBudgets(v.MEMORY_LIMIT_MIB, v.RESPONSE_CACHE_MAX_MIB);
  problems.push(...crossProblems(v, requestTimeoutMs, protection, memory));
  if (problems.length > 0) {
    // In declaration order; a rule between variables right after the last variable it reads.
    const rank = ({ variable, rule }: Problem) => CONFIG_VARIABLES.indexOf(variable) * 2 + (rule ? 1 : 0);
    throw new ConfigError(problems.sort((a, b) => rank(a) - rank(b)).map((problem) => problem.message));
  }

  return deepFreeze({
    port: v.PORT,
    host: v.HOST,
    neo4j,
    database: v.NEO4J_DATABASE,
    queryTimeoutMs: v.QUERY_TIMEOUT_MS,
    requestTimeoutMs,
    maxRequestBodyBytes: v.MAX_REQUEST_BODY_BYTES,
    maxResponseBytes: v.MAX_RESPONSE_BYTES,
    defaultPageSize: v.DEFAULT_PAGE_SIZE,
    maxPageSize: v.MAX_PAGE_SIZE,
    seedOnStart: v.SEED_ON_START,
    seedsDir: v.SEEDS_DIR,
    introspection: v.INTROSPECTION,
    queryPlanner: v.QUERY_PLANNER,
    logLevel: v.LOG_LEVEL,
    auth: {
      apiKeys: v.AUTH_API_KEYS,
      jwtSecret: v.AUTH_JWT_SECRET ?? null,
      jwksUrl: v.AUTH_JWKS_URL ?? null,
      jwtIssuer: v.AUTH_JWT_ISSUER ?? null,
      jwtAudience: v.AUTH_JWT_AUDIENCE ?? null,
      roleClaim: v.AUTH_ROLE_CLAIM,
      clockToleranceSeconds: v.AUTH_CLOCK_TOLERANCE_S,
    },
    importTimeoutMs: v.IMPORT_TIMEOUT_MS,
    cordisBaseUrl: v.CORDIS_BASE_URL,
    protection,
    publicUrl: v.PUBLIC_URL ?? null,
    responseCache: { enabled: v.RESPONSE_CACHE, maxBytes: memory.responsesBytes },
    memory: memory.config,
    analyticsPrewarm: { enabled: v.ANALYTICS_PREWARM, intervalMs: v.ANALYTICS_PREWARM_INTERVAL_S * 1000 },
    budgetStore:
      v.RATE_LIMIT_STORE === 'memory'
        ? { kind: 'memory' }
        : { kind: 'redis', url: v.RATE_LIMIT_STORE, leasePercent: v.RATE_LIMIT_LEASE_PERCENT },
  });
}

/**
 * Parses the variables of `shape` from `env`, blank ones as unset, and adds one problem per
 * invalid variable. An invalid variable takes its default, so that the rules between
 * variables still run and one report names everything that is wrong.
 */
function readVariables<S extends z.ZodRawShape>(
  shape: S,
  env: Env,
  problems: Problem[],
): z.output<z.ZodObject<S>> {
  const schema = z.object(shape);
  const values: Record<string, string | undefined> = {};
  for (const name of Object.keys(shape)) values[name] = present(env[name]);
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const name = String(issue.path[0]);
    if (values[name] === undefined) continue; // a second issue of the same variable
    problems.push({ variable: name, message: `${name} ${issue.message}` });
    values[name] = undefined;
  }
  return schema.parse(values);
}

/** The trimmed value, or undefined when the variable is unset, empty or blank. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The rules between variables: a deadline, page sizes, budgets that hold the largest operation, caches that leave room. */
function crossProblems(
  v: Settings,
  requestTimeoutMs: number,
  protection: ProtectionConfig,
  memory: ReturnType<typeof memoryBudgets>,
): Problem[] {
  const problems: Problem[] = [];
  const rule = (variable: string, message: string) => problems.push({ variable, message, rule: true });
  const { config } = memory;
  const cachesMiB =
    (memory.responsesBytes +
      config.analyticsLargestBytes +
      config.documentsBytes +
      config.plansBytes +
      config.persistedQueriesBytes) /
    MIB;
  if (cachesMiB > v.MEMORY_LIMIT_MIB / 2) {
    rule(
      'MEMORY_LIMIT_MIB',
      `RESPONSE_CACHE_MAX_MIB (${v.RESPONSE_CACHE_MAX_MIB}) leaves too little of MEMORY_LIMIT_MIB ` +
        `(${v.MEMORY_LIMIT_MIB}): the caches would take ${Math.ceil(cachesMiB)} MiB, more than half of it`,
    );
  }
  if (requestTimeoutMs < v.QUERY_TIMEOUT_MS) {
    rule(
      'REQUEST_TIMEOUT_MS',
      `REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must not be less than QUERY_TIMEOUT_MS (${v.QUERY_TIMEOUT_MS})`,
    );
  }
  if (v.DEFAULT_PAGE_SIZE > v.MAX_PAGE_SIZE) {
    rule(
      'MAX_PAGE_SIZE',
      `DEFAULT_PAGE_SIZE (${v.DEFAULT_PAGE_SIZE}) must not exceed MAX_PAGE_SIZE (${v.MAX_PAGE_SIZE})`,
    );
  }
  const { limits, rateLimit } = protection;
  // Without budgets (RATE_LIMIT=false) the points are never charged, so they bound nothing.
  for (const caller of rateLimit.enabled ? (['anonymous', 'reader', 'curator', 'admin'] as const) : []) {
    if (rateLimit.points[caller] < limits.maxCost[caller]) {
      const suffix = caller === 'anonymous' ? '' : `_${caller.toUpperCase()}`;
      rule(
        'RATE_LIMIT_POINTS_ADMIN',
        `RATE_LIMIT_POINTS${suffix} (${rateLimit.points[caller]}) must be at least ` +
          `QUERY_MAX_COST${suffix} (${limits.maxCost[caller]}), or the largest accepted operation could never run`,
      );
    }
  }
  return problems;
}

/**
 * The QUERY_*, RATE_LIMIT_* and ANALYTICS_* values. A role's cost limit and budget default to
 * the anonymous ones when these are raised above the role defaults, so a credential never
 * gets less than no credential.
 */
function protectionOf(v: Settings): ProtectionConfig {
  const perCaller = (prefix: 'QUERY_MAX_COST' | 'RATE_LIMIT_POINTS', defaults: PerCaller<number>) => {
    const anonymous = v[prefix];
    return {
      anonymous,
      reader: v[`${prefix}_READER`] ?? Math.max(defaults.reader, anonymous),
      curator: v[`${prefix}_CURATOR`] ?? Math.max(defaults.curator, anonymous),
      admin: v[`${prefix}_ADMIN`] ?? Math.max(defaults.admin, anonymous),
    };
  };
  return {
    limits: {
      maxCost: perCaller('QUERY_MAX_COST', LIMITS.maxCost),
      maxDepth: v.QUERY_MAX_DEPTH,
      maxAliases: v.QUERY_MAX_ALIASES,
      maxRootFields: v.QUERY_MAX_ROOT_FIELDS,
      maxTokens: v.QUERY_MAX_TOKENS,
      maxDirectives: v.QUERY_MAX_DIRECTIVES,
    },
    rateLimit: {
      enabled: v.RATE_LIMIT,
      windowSeconds: v.RATE_LIMIT_WINDOW_S,
      points: perCaller('RATE_LIMIT_POINTS', RATE_LIMIT.points),
    },
    analytics: { concurrency: v.ANALYTICS_CONCURRENCY, queue: v.ANALYTICS_QUEUE },
  };
}

/** PUBLIC_URL: an http(s) URL without credentials, query or fragment. */
function isPublicUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const plain = ['http:', 'https:'].includes(url.protocol);
  return plain && !url.username && !url.password && !url.search && !url.hash;
}

/** RATE_LIMIT_STORE: a redis:// or rediss:// URL with a host (a password and /db number may follow). */
function isRedisUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return ['redis:', 'rediss:'].includes(url.protocol) && url.hostname !== '' && !url.search && !url.hash;
}

function isJwksUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
