// The layering of docs/architecture.md, checked by `npm run lint:layers` (dependency-cruiser).
// LAYERS is the one statement of which folder may import which; docs/architecture.md draws it as a
// Mermaid diagram and test/unit/docs/architecture.test.ts checks that the two agree.
// Type-only imports count (tsPreCompilationDeps): a cycle through types is still a cycle for a reader.

/** Every layer under src/ (a folder, or a file at src/'s top) and the layers it may import. */
const LAYERS = {
  errors: [],
  model: ['errors'],
  config: ['model', 'errors'],
  logger: ['config'],
  search: ['model', 'errors'],
  cache: [],
  analytics: ['model', 'errors'],
  export: ['analytics', 'model', 'errors'],
  db: ['analytics', 'derivation', 'search', 'model', 'errors', 'config', 'logger'],
  loaders: ['db', 'model', 'errors'],
  auth: ['db', 'model', 'errors', 'config'],
  derivation: ['search', 'model', 'errors'],
  seed: ['derivation', 'search', 'model', 'errors'],
  import: ['db', 'derivation', 'model', 'errors', 'logger'],
  curation: ['db', 'derivation', 'model', 'errors', 'logger'],
  connectors: ['import', 'db', 'derivation', 'model', 'errors', 'config', 'logger'],
  context: ['auth', 'cache', 'db', 'loaders', 'model', 'errors', 'config', 'logger'],
  generated: ['context', 'db', 'analytics', 'model'],
  resolvers: [
    'generated',
    'context',
    'loaders',
    'curation',
    'db',
    'analytics',
    'export',
    'search',
    'auth',
    'model',
    'errors',
    'config',
    'logger',
  ],
  schema: ['config'],
  http: [
    'resolvers',
    'schema',
    'context',
    'auth',
    'cache',
    'db',
    'analytics',
    'export',
    'search',
    'model',
    'errors',
    'config',
    'logger',
  ],
  main: ['http', 'auth', 'import', 'seed', 'db', 'model', 'errors', 'config', 'logger'],
  cli: ['main', 'connectors', 'import', 'seed', 'auth', 'db', 'model', 'errors', 'config', 'logger'],
};

/** `src/<layer>/...` or `src/<layer>.ts`. */
const layerPath = (layer) => `^src/${layer}(/|\\.ts$)`;
const anyOf = (layers) => layers.map(layerPath).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  allowedSeverity: 'error',
  allowed: [
    // Within a layer, and out to packages and Node's own modules (the forbidden rules below narrow those).
    ...Object.entries(LAYERS).map(([layer, targets]) => ({
      from: { path: layerPath(layer) },
      to: { path: anyOf([layer, ...targets]) },
    })),
    { from: { path: '^src/' }, to: { pathNot: '^src/' } },
    // Ambient declarations for untyped packages.
    { from: { path: '^src/' }, to: { path: '^src/types/' } },
  ],
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'pure-layers-stay-pure',
      severity: 'error',
      comment:
        'Analytics, exporters, the rule book, the search analyzer and the cache never touch Neo4j or GraphQL.',
      from: { path: anyOf(['analytics', 'export', 'derivation', 'search', 'cache', 'model']) },
      to: { path: '^node_modules/(graphql|neo4j-driver|@apollo|express)/' },
    },
    {
      name: 'not-to-dev-dependencies',
      severity: 'error',
      comment: 'Production code must not import a devDependency.',
      from: { path: '^src/', pathNot: '^src/generated/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-orphan-layer',
      severity: 'error',
      comment: 'A new folder under src/ needs its place in LAYERS (and in docs/architecture.md).',
      from: { path: '^src/', pathNot: `${anyOf(Object.keys(LAYERS))}|^src/types/` },
      to: {},
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

// For the architecture test; not enumerable, as dependency-cruiser refuses unknown configuration keys.
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
