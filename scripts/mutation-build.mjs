// Stryker's buildCommand (see stryker.config.mjs), run inside its sandbox after the mutants are inserted:
// bundles each unit test file with the code it loads into one plain .mjs file. Starting `node file.mjs`
// costs a fraction of `node --import tsx file.ts`, and a mutation run starts a process per test file and mutant.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { BUILD_DIR, sourceTestFiles } from '../stryker.config.mjs';

// The sandbox is <project>/.stryker-tmp/<sandbox>; the network tests need the project's code-server from .cache.
// Only there: run by hand from the project, two folders up would be somewhere else entirely.
const inSandbox = path.basename(path.dirname(process.cwd())) === '.stryker-tmp';
const projectCache = path.resolve('../../.cache');
if (inSandbox && !existsSync('.cache') && existsSync(projectCache)) symlinkSync(projectCache, '.cache');

/**
 * An ES module has no __dirname, and a bundle would have one for all its files: each test file's own folder
 * is written into it where it uses __dirname (paths.ts and the package tests find the repository from it).
 */
const ownDirname = {
  name: 'own-dirname',
  setup(b) {
    b.onLoad({ filter: /[\\/]test[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('__dirname')) return undefined;
      return { contents: text.replaceAll(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: 'ts' };
    });
  },
};

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
  plugins: [ownDirname],
  // A test may call require() (secrets.test.ts patches node:crypto through it); an ES module has none of its own.
  banner: { js: "import { createRequire as __mutationRequire } from 'node:module'; const require = __mutationRequire(import.meta.url);" },
});
