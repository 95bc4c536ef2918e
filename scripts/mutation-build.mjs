// Stryker's buildCommand (see stryker.config.mjs), run inside its sandbox after the mutants are inserted:
// bundles each unit test file with the code it loads into one plain .mjs file. Starting `node file.mjs`
// costs a fraction of `node --import tsx file.ts`, and a mutation run starts a process per test file and mutant.
import { build } from 'esbuild';
import { BUILD_DIR, sourceTestFiles } from '../stryker.config.mjs';

await build({
  entryPoints: sourceTestFiles,
  outdir: BUILD_DIR,
  outbase: '.',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // A test may call require() (secrets.test.ts patches node:crypto through it); an ES module has none of its own.
  banner: { js: "import { createRequire as __mutationRequire } from 'node:module'; const require = __mutationRequire(import.meta.url);" },
});
