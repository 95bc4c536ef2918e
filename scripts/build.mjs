// Bundles the extension into one CommonJS file, the way VS Code's built-in extensions ship.
// `--metafile <path>` also writes esbuild's account of which input put how many bytes in the bundle
// (the bench reads it to show what is inside, e.g. openid-client and jose).
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const metafileAt = process.argv.indexOf('--metafile');
const metafilePath = metafileAt >= 0 ? process.argv[metafileAt + 1] : undefined;

const result = await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: metafilePath !== undefined,
});
if (metafilePath !== undefined) await writeFile(metafilePath, JSON.stringify(result.metafile));
