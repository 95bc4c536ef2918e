// Bundles the extension into one CommonJS file, the way VS Code's built-in extensions ship.
import { build } from 'esbuild';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

await build({
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
  metafile: false,
});
