// parseConfig: defaults, validation messages naming the variable, and the two Neo4j modes.

import path from 'node:path';
import { ConfigError, DEFAULT_PROTECTION, parseConfig, PROJECT_ROOT } from '../../src/config';

describe('parseConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toBe('neo4j');
    expect(config.defaultPageSize).toBe(20);
    expect(config.maxPageSize).toBe(100);
    expect(config.seedOnStart).toBe(true);
    expect(config.seedsDir).toBe(path.join(PROJECT_ROOT, 'seeds'));
    expect(config.neo4j).toEqual({
      mode: 'embedded',
      dataDir: path.join(PROJECT_ROOT, '.data/neo4j'),
      port: 0,
      javaHome: null,
      pageCacheMiB: 128,
    });
  });

  it('uses the server named by NEO4J_URI with its credentials', () => {
    const config = parseConfig({
      NEO4J_URI: 'bolt://db:7687',
      NEO4J_USER: 'reader',
      NEO4J_PASSWORD: 'secret',
    });
    expect(config.neo4j).toEqual({
      mode: 'server',
      uri: 'bolt://db:7687',
      user: 'reader',
      password: 'secret',
    });
  });

  it('accepts routing URIs of a cluster or Aura (neo4j://, neo4j+s://)', () => {
    for (const uri of ['neo4j://core1:7687', 'neo4j+s://abcd1234.databases.neo4j.io']) {
      expect(parseConfig({ NEO4J_URI: uri }).neo4j).toMatchObject({ mode: 'server', uri });
    }
  });

  it('keeps budgets in memory by default, in Redis when RATE_LIMIT_STORE is a redis:// URL', () => {
    expect(parseConfig({}).budgetStore).toEqual({ kind: 'memory' });
    expect(parseConfig({ RATE_LIMIT_STORE: 'redis://redis:6379/2' }).budgetStore).toEqual({
      kind: 'redis',
      url: 'redis://redis:6379/2',
      leasePercent: 1,
    });
    expect(
      parseConfig({ RATE_LIMIT_STORE: 'redis://redis:6379', RATE_LIMIT_LEASE_PERCENT: '0' }).budgetStore,
    ).toMatchObject({ leasePercent: 0 });
    expect(() => parseConfig({ RATE_LIMIT_LEASE_PERCENT: '11' })).toThrow('RATE_LIMIT_LEASE_PERCENT');
    expect(parseConfig({ RATE_LIMIT_STORE: 'rediss://:pw@cache.example.org:6380' }).budgetStore.kind).toBe(
      'redis',
    );
  });

  it('refuses another RATE_LIMIT_STORE without showing a password', () => {
    expect(() => parseConfig({ RATE_LIMIT_STORE: 'memcached://:hunter22@cache:11211' })).toThrow(
      'RATE_LIMIT_STORE must be memory or a redis:// or rediss:// URL, e.g. redis://redis:6379, got ' +
        '"memcached://:[redacted]@cache:11211"',
    );
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', NEO4J_URI: '  ' }).neo4j.mode).toBe('embedded');
  });

  it('names every invalid variable in one error', () => {
    let error: unknown;
    try {
      parseConfig({
        PORT: 'eighty',
        MAX_PAGE_SIZE: '0',
        SEED_ON_START: 'maybe',
        LOG_LEVEL: 'loud',
        NEO4J_URI: 'http://x',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT must be an integer from 0 to 65535, got "eighty"');
    expect(problems).toContain('MAX_PAGE_SIZE must be an integer from 1 to 10000, got "0"');
    expect(problems).toContain('SEED_ON_START must be true or false, got "maybe"');
    expect(problems).toContain('LOG_LEVEL must be one of debug, info, warn, error, got "loud"');
    expect(problems).toContain('NEO4J_URI must look like bolt://host:7687');
  });

  it('rejects a default page size above the maximum', () => {
    expect(() => parseConfig({ DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '10' })).toThrow(
      'DEFAULT_PAGE_SIZE (50) must not exceed MAX_PAGE_SIZE (10)',
    );
  });

  it('gives each request a 20 s deadline, a 1 MiB body limit and a 10 MiB response cap by default', () => {
    const config = parseConfig({});
    expect([config.requestTimeoutMs, config.maxRequestBodyBytes, config.maxResponseBytes]).toEqual([
      20000, 1048576, 10485760,
    ]);
  });

  it('stretches the default request deadline to a longer QUERY_TIMEOUT_MS', () => {
    expect(parseConfig({ QUERY_TIMEOUT_MS: '45000' }).requestTimeoutMs).toBe(45000);
  });

  it('rejects a request deadline shorter than the query timeout', () => {
    expect(() => parseConfig({ QUERY_TIMEOUT_MS: '15000', REQUEST_TIMEOUT_MS: '5000' })).toThrow(
      'REQUEST_TIMEOUT_MS (5000) must not be less than QUERY_TIMEOUT_MS (15000)',
    );
  });

  it('rejects body and response limits out of range', () => {
    expect(() => parseConfig({ MAX_REQUEST_BODY_BYTES: '10', MAX_RESPONSE_BYTES: 'big' })).toThrow(
      /MAX_REQUEST_BODY_BYTES must be an integer from 1024[\s\S]*MAX_RESPONSE_BYTES must be an integer from 1024/,
    );
  });

  it('uses the default query limits, budgets and analytics pool when nothing is set', () => {
    expect(parseConfig({}).protection).toEqual(DEFAULT_PROTECTION);
    expect(DEFAULT_PROTECTION.limits.maxCost.anonymous).toBe(100_000);
  });

  it('reads the query limits, budgets and pool, and lets a role default to at least the anonymous value', () => {
    const { protection } = parseConfig({
      QUERY_MAX_COST: '300000',
      QUERY_MAX_COST_ADMIN: '900000',
      QUERY_MAX_DEPTH: '8',
      QUERY_MAX_TOKENS: '2000',
      RATE_LIMIT: 'false',
      RATE_LIMIT_WINDOW_S: '10',
      RATE_LIMIT_POINTS: '5000000',
      ANALYTICS_CONCURRENCY: '4',
      ANALYTICS_QUEUE: '0',
    });
    expect(protection.limits.maxCost).toEqual({
      anonymous: 300_000,
      reader: 300_000,
      curator: 300_000,
      admin: 900_000,
    });
    expect(protection.limits).toMatchObject({ maxDepth: 8, maxTokens: 2000 });
    expect(protection.rateLimit).toMatchObject({ enabled: false, windowSeconds: 10 });
    expect(protection.rateLimit.points.anonymous).toBe(5_000_000);
    expect(protection.analytics).toEqual({ concurrency: 4, queue: 0 });
  });

  it('refuses a budget smaller than the largest operation its caller may send, and bad limits', () => {
    let error: unknown;
    try {
      parseConfig({ RATE_LIMIT_POINTS: '1000', QUERY_MAX_DEPTH: '1', ANALYTICS_CONCURRENCY: '0' });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('RATE_LIMIT_POINTS (1000) must be at least QUERY_MAX_COST (100000)');
    expect(problems).toContain('QUERY_MAX_DEPTH must be an integer from 2 to 100, got "1"');
    expect(problems).toContain('ANALYTICS_CONCURRENCY must be an integer from 1 to 1000, got "0"');
  });

  it('takes any budget when budgets are off (RATE_LIMIT=false): the points are never charged', () => {
    const { protection } = parseConfig({
      RATE_LIMIT: 'false',
      RATE_LIMIT_POINTS: '1000',
      QUERY_MAX_COST: '300000',
    });
    expect(protection.rateLimit).toMatchObject({ enabled: false, points: { anonymous: 1000 } });
    expect(protection.limits.maxCost.anonymous).toBe(300_000);
  });

  it('reads PUBLIC_URL as a base without a trailing slash, and null when unset', () => {
    expect(parseConfig({}).publicUrl).toBeNull();
    expect(parseConfig({ PUBLIC_URL: 'https://permed.example.org/' }).publicUrl).toBe(
      'https://permed.example.org',
    );
    expect(parseConfig({ PUBLIC_URL: 'http://proxy:8080/permed/' }).publicUrl).toBe(
      'http://proxy:8080/permed',
    );
  });

  it.each([
    'permed.example.org',
    'ftp://permed.example.org',
    'https://user:pw@permed.example.org',
    'https://permed.example.org/?a=1',
    'https://x/#top',
  ])('rejects PUBLIC_URL %s naming the variable', (value) => {
    expect(() => parseConfig({ PUBLIC_URL: value })).toThrow(
      /PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it('turns the response cache on with a 64 MiB budget by default, off with RESPONSE_CACHE=false', () => {
    expect(parseConfig({}).responseCache).toEqual({ enabled: true, maxBytes: 64 * 1024 * 1024 });
    expect(parseConfig({ RESPONSE_CACHE: 'false', RESPONSE_CACHE_MAX_MIB: '8' }).responseCache).toEqual({
      enabled: false,
      maxBytes: 8 * 1024 * 1024,
    });
    expect(() => parseConfig({ RESPONSE_CACHE: 'sometimes' })).toThrow(
      /RESPONSE_CACHE must be true or false/,
    );
    expect(() => parseConfig({ RESPONSE_CACHE_MAX_MIB: '0' })).toThrow(
      /RESPONSE_CACHE_MAX_MIB must be an integer from 1 to 4096/,
    );
  });

  it('derives every cache budget from MEMORY_LIMIT_MIB (512 by default), the response cache an eighth', () => {
    const mib = 1024 * 1024;
    expect(parseConfig({}).memory).toEqual({
      limitBytes: 512 * mib,
      analyticsBytes: 64 * mib,
      // One analytics result alone may take twice the share (the gap projection of a large graph).
      analyticsLargestBytes: 128 * mib,
      documentsBytes: 32 * mib,
      plansBytes: 16 * mib,
      persistedQueriesBytes: 8 * mib,
    });
    const large = parseConfig({ MEMORY_LIMIT_MIB: '2048' });
    expect([large.responseCache.maxBytes, large.memory.documentsBytes]).toEqual([256 * mib, 128 * mib]);
    expect(
      parseConfig({ MEMORY_LIMIT_MIB: '2048', RESPONSE_CACHE_MAX_MIB: '100' }).responseCache.maxBytes,
    ).toBe(100 * mib);
    expect(() => parseConfig({ MEMORY_LIMIT_MIB: '64' })).toThrow(
      /MEMORY_LIMIT_MIB must be an integer from 128 to 1048576, got "64"/,
    );
  });

  it('refuses a response cache that leaves the process less than half of MEMORY_LIMIT_MIB', () => {
    expect(() => parseConfig({ MEMORY_LIMIT_MIB: '512', RESPONSE_CACHE_MAX_MIB: '200' })).toThrow(
      'RESPONSE_CACHE_MAX_MIB (200) leaves too little of MEMORY_LIMIT_MIB (512): the caches would take 384 MiB, more than half of it',
    );
    // 72 + analytics 128 (one result outgrowing its share) + 32 + 16 + 8 = 256 MiB, half of 512.
    expect(
      parseConfig({ MEMORY_LIMIT_MIB: '512', RESPONSE_CACHE_MAX_MIB: '72' }).responseCache.maxBytes,
    ).toBe(72 * 1024 * 1024);
    expect(() => parseConfig({ MEMORY_LIMIT_MIB: '512', RESPONSE_CACHE_MAX_MIB: '73' })).toThrow(
      'the caches would take 257 MiB, more than half of it',
    );
  });

  it('prewarms the shared analytics every 5 s by default, off with ANALYTICS_PREWARM=false', () => {
    expect(parseConfig({}).analyticsPrewarm).toEqual({ enabled: true, intervalMs: 5000 });
    expect(
      parseConfig({ ANALYTICS_PREWARM: 'false', ANALYTICS_PREWARM_INTERVAL_S: '60' }).analyticsPrewarm,
    ).toEqual({ enabled: false, intervalMs: 60_000 });
    expect(() => parseConfig({ ANALYTICS_PREWARM: 'maybe' })).toThrow(
      /ANALYTICS_PREWARM must be true or false/,
    );
    expect(() => parseConfig({ ANALYTICS_PREWARM_INTERVAL_S: '0' })).toThrow(
      /ANALYTICS_PREWARM_INTERVAL_S must be an integer from 1 to 3600/,
    );
  });

  it('returns a frozen object', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.neo4j)).toBe(true);
  });
});
