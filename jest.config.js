// Two projects: unit tests (no database) and integration tests against one real embedded
// Neo4j that the global setup starts (or NEO4J_URI when set).

/** @type {import('jest').Config['transform']} */
const transform = {
  // Type checking is done once by `npm run typecheck`; tests only transpile, which is faster.
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};

/** @type {import('jest').Config} */
const config = {
  // Integration test files share one database and some count whole lists; one worker keeps
  // a file's temporary records out of another's counts (2-core CI machines use one anyway).
  maxWorkers: 1,
  // Integration tests share one database; a generous timeout covers the first queries.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.int.test.ts'],
      transform,
      globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
    },
  ],
};

module.exports = config;
