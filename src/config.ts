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
  const defaultPageSize = read.integer('DEFAULT_PAGE_SIZE', 20, 1, 10000);
  const maxPageSize = read.integer('MAX_PAGE_SIZE', 100, 1, 10000);
  if (defaultPageSize > maxPageSize) {
    problems.push(`DEFAULT_PAGE_SIZE (${defaultPageSize}) must not exceed MAX_PAGE_SIZE (${maxPageSize})`);
  }
  const seedOnStart = read.boolean('SEED_ON_START', true);
  const introspection = read.boolean('INTROSPECTION', true);
  const seedsDir = path.resolve(PROJECT_ROOT, read.string('SEEDS_DIR', 'seeds'));
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

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
    defaultPageSize,
    maxPageSize,
    seedOnStart,
    seedsDir,
    introspection,
    logLevel,
  });
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
