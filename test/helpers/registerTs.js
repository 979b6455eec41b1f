// Lets a child process run the TypeScript sources directly (`node -r ./test/helpers/registerTs.js
// src/cli/serve.ts`): each .ts file is transpiled to CommonJS on require, without type checks
// (npm run typecheck does those), so tests can start the real CLIs without a build. Output is
// cached by content hash in node_modules/.cache: loading TypeScript and transpiling the ~100
// modules of a CLI took about 9 s per process on a busy 2-core machine.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const cacheDir = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'permed-registerTs');
let ts = null;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written under a unique name, then renamed: parallel processes never read half a file.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, cached);
  }
  module._compile(output, filename);
};
