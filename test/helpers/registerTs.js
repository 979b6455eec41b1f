// Lets a child process run the TypeScript sources directly (`node -r ./test/helpers/registerTs.js
// src/cli/serve.ts`): each .ts file is transpiled to CommonJS on require, without type checks
// (npm run typecheck does those), so tests can start the real CLIs without a build.

const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
