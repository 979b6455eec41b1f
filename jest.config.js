// Three projects: unit tests (no database), integration tests against one real embedded
// Neo4j that the global setup starts (or NEO4J_URI when set), and the API integration tests
// once more with the query planner off.

/** @type {import('jest').Config['transform']} */
const transform = {
  // Type checking is done once by `npm run typecheck`; tests only transpile, which is faster.
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};

/** @type {import('jest').Config} */
const config = {
  // Two workers for both projects. Integration files share the one test Neo4j safely: a file
  // that commits writes holds it alone (test/helpers/integrationEnvironment.ts).
  maxWorkers: 2,
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
      testMatch: ['<rootDir>/test/integration/**/*.int.test.ts'],
      transform,
      // Holds the one test database for each file: shared by files that read, alone for a file
      // that commits writes (it says so in a docblock; see the environment's header).
      testEnvironment: '<rootDir>/test/helpers/integrationEnvironment.ts',
      globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
    },
    {
      // The API suite again with the query planner off. It has no global setup of its own: it
      // uses the integration project's database and lock (a second setup would make a second
      // lock), so it runs together with that project, as `npm test` runs them.
      displayName: 'api, planner off',
      testMatch: ['<rootDir>/test/integration/api/**/*.int.test.ts'],
      transform,
      testEnvironment: '<rootDir>/test/helpers/integrationEnvironment.ts',
      setupFiles: ['<rootDir>/test/helpers/plannerOff.js'],
    },
  ],
};

module.exports = config;
