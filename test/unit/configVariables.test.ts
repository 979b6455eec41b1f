// parseConfig's declared variables: one message per kind of variable (naming it, echoing the
// value unless it is a secret), every problem in one report in a fixed order, and README's
// configuration table listing exactly the declared variables.

import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, parseConfig, PROJECT_ROOT } from '../../src/config';

/** The problems parseConfig reports for `env`, in order. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('parseConfig messages', () => {
  it.each([
    ['PORT', '1e3', 'PORT must be an integer from 0 to 65535, got "1e3"'],
    ['PORT', '0x10', 'PORT must be an integer from 0 to 65535, got "0x10"'],
    ['NEO4J_PAGE_CACHE_MIB', '7', 'NEO4J_PAGE_CACHE_MIB must be an integer from 8 to 65536, got "7"'],
    ['INTROSPECTION', 'MAYBE', 'INTROSPECTION must be true or false, got "MAYBE"'],
    ['LOG_LEVEL', 'DEBUG', 'LOG_LEVEL must be one of debug, info, warn, error, got "DEBUG"'],
    [
      'AUTH_JWKS_URL',
      'http://idp.example/jwks',
      'AUTH_JWKS_URL must be an https:// URL (http:// only for localhost), got "http://idp.example/jwks"',
    ],
    [
      'AUTH_ROLE_CLAIM',
      'two words',
      'AUTH_ROLE_CLAIM must be a claim name (letters, digits, _ : / . -), got "two words"',
    ],
    [
      'PUBLIC_URL',
      'ftp://permed.example.org',
      'PUBLIC_URL must be an http:// or https:// URL without credentials, query or fragment, ' +
        'e.g. https://permed.example.org, got "ftp://permed.example.org"',
    ],
    [
      'NEO4J_URI',
      'http://db:7687',
      'NEO4J_URI must look like bolt://host:7687 or neo4j://host:7687, got "http://db:7687"',
    ],
  ])(
    'when %s is %j, then the one problem names it, what it expects and the value',
    (name, value, expected) => {
      expect(problemsOf({ [name]: value })).toEqual([expected]);
    },
  );

  it('when AUTH_JWT_SECRET is too short, then the problem gives its length and never the secret', () => {
    const problems = problemsOf({ AUTH_JWT_SECRET: '  too-short-secret  ' });
    expect(problems).toEqual([
      'AUTH_JWT_SECRET must be at least 32 characters long, got 16 (value not shown)',
    ]);
  });

  it('when values are accepted, then they are trimmed and read in any case', () => {
    const config = parseConfig({
      PORT: ' 8080 ',
      INTROSPECTION: 'No',
      SEED_ON_START: 'YES',
      QUERY_PLANNER: '0',
    });
    expect([config.port, config.introspection, config.seedOnStart, config.queryPlanner]).toEqual([
      8080,
      false,
      true,
      false,
    ]);
  });

  it('when PUBLIC_URL is set, then it is normalised by the URL parser without a trailing slash', () => {
    expect(parseConfig({ PUBLIC_URL: 'HTTPS://Permed.Example.org:443/api//' }).publicUrl).toBe(
      'https://permed.example.org/api',
    );
  });

  it('when several variables and a rule between them are wrong, then all are reported in declaration order', () => {
    expect(
      problemsOf({
        NEO4J_EMBEDDED_PORT: 'x',
        ANALYTICS_CONCURRENCY: '0',
        RATE_LIMIT_POINTS: '1000',
        QUERY_MAX_DEPTH: '1',
        QUERY_TIMEOUT_MS: 'slow',
        REQUEST_TIMEOUT_MS: '5000',
        PORT: 'eighty',
      }),
    ).toEqual([
      'PORT must be an integer from 0 to 65535, got "eighty"',
      'QUERY_TIMEOUT_MS must be an integer from 100 to 600000, got "slow"',
      // The invalid QUERY_TIMEOUT_MS takes its default (15000) for the rule, as before.
      'REQUEST_TIMEOUT_MS (5000) must not be less than QUERY_TIMEOUT_MS (15000)',
      'QUERY_MAX_DEPTH must be an integer from 2 to 100, got "1"',
      'RATE_LIMIT_POINTS (1000) must be at least QUERY_MAX_COST (100000), ' +
        'or the largest accepted operation could never run',
      'ANALYTICS_CONCURRENCY must be an integer from 1 to 1000, got "0"',
      'NEO4J_EMBEDDED_PORT must be an integer from 0 to 65535, got "x"',
    ]);
  });

  it('when NEO4J_URI is set, even to a bad value, then the embedded variables are not read', () => {
    expect(problemsOf({ NEO4J_URI: 'db', NEO4J_PAGE_CACHE_MIB: 'x' })).toEqual([
      'NEO4J_URI must look like bolt://host:7687 or neo4j://host:7687, got "db"',
    ]);
    expect(parseConfig({ NEO4J_URI: 'neo4j+s://db', NEO4J_PAGE_CACHE_MIB: 'x' }).neo4j.mode).toBe('server');
  });

  it('when a role limit is unset, then it is the larger of its default and the anonymous value', () => {
    const { maxCost } = parseConfig({ QUERY_MAX_COST: '300000', RATE_LIMIT_POINTS: '5000000' }).protection
      .limits;
    expect(maxCost).toEqual({ anonymous: 300_000, reader: 300_000, curator: 300_000, admin: 500_000 });
  });
});

describe('README configuration table', () => {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  const namesOf = (cell: string) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!);

  it('lists every declared variable (a role suffix such as _READER in the row of its base)', () => {
    const missing = CONFIG_VARIABLES.filter(
      (name) =>
        !rows.some((row) => {
          const [, first = ''] = row.split('|');
          if (namesOf(first).includes(name)) return true;
          const role = /^(.*)(_READER|_CURATOR|_ADMIN)$/.exec(name);
          return role !== null && namesOf(first).includes(role[1]!) && row.includes(`\`${role[2]!}\``);
        }),
    );
    expect(missing).toEqual([]);
  });

  it('lists no variable that is not declared', () => {
    const listed = rows.flatMap((row) => namesOf(row.split('|')[1] ?? ''));
    expect(listed.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
  });
});
