// The layering of docs/architecture.md, checked by `npm run lint:layers` (dependency-cruiser).
// Type-only imports count (tsPreCompilationDeps): a cycle through types is still a cycle for a reader.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'model-is-the-ground-floor',
      severity: 'error',
      comment: 'src/model imports nothing of ours but errors.ts.',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: ['^src/model/', '^src/errors\\.ts$'] },
    },
    {
      name: 'errors-import-nothing-of-ours',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'db-stays-below',
      severity: 'error',
      comment:
        'src/db declares its own input shapes; it never reaches up to the layers that call it. It may use the ' +
        'pure helpers it feeds (analytics input shapes, the search analyzer).',
      from: { path: '^src/db/' },
      to: {
        path: '^src/(import|curation|seed|auth|resolvers|http|cli|generated|export)/|^src/(context|loaders|main|schema)\\.ts$',
      },
    },
    {
      name: 'analytics-and-export-are-pure',
      severity: 'error',
      comment: 'Analytics and exporters take data and return data: no db, http, resolvers or graphql.',
      from: { path: '^src/(analytics|export)/' },
      to: {
        path: '^src/(db|http|resolvers|cli|import|curation|seed|generated)/|^src/(context|loaders|main)\\.ts$|^node_modules/(graphql|neo4j-driver)/',
      },
    },
    {
      name: 'nothing-imports-http-or-cli',
      severity: 'error',
      comment: 'http and cli are entry points; only main.ts and cli/ compose the server.',
      from: { path: '^src/', pathNot: ['^src/http/', '^src/cli/', '^src/main\\.ts$'] },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'http-not-from-cli-helpers',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'resolvers-read-through-db',
      severity: 'error',
      comment: 'Resolvers call loaders and db; they never reach the write-side file or seed modules.',
      from: { path: '^src/resolvers/' },
      to: { path: '^src/(import|seed|cli|http)/' },
    },
    {
      name: 'generated-maps-only-lower-layers',
      severity: 'error',
      comment: 'codegen mappers point at model, db and analytics, never at resolvers (that made a cycle).',
      from: { path: '^src/generated/' },
      to: { path: '^src/(resolvers|http|cli|import|curation|seed)/' },
    },
    {
      name: 'pure-helpers-stay-pure',
      severity: 'error',
      comment: 'The search analyzer and the cache are plain functions and data structures.',
      from: { path: '^src/(search|cache)/' },
      to: {
        path: '^src/(db|http|resolvers|cli|import|curation|seed|generated)/|^node_modules/neo4j-driver/',
      },
    },
    {
      name: 'not-to-dev-dependencies',
      severity: 'error',
      comment: 'Production code must not import a devDependency.',
      from: { path: '^src/', pathNot: '^src/generated/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|node_modules)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
