// Bundles the extension into CommonJS files, the way VS Code's built-in extensions ship: dist/extension.js, loaded at
// activation, and dist/tokens.js, the session-token features, which extension.js requires on their first use.
// `--metafile <path>` also writes esbuild's account of which input put how many bytes in the bundle
// (the bench reads it to show what is inside, e.g. openid-client and jose).
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const metafileAt = process.argv.indexOf('--metafile');
const metafilePath = metafileAt >= 0 ? process.argv[metafileAt + 1] : undefined;

const result = await build({
  entryPoints: { extension: 'src/extension.ts', tokens: 'src/tokens.ts' },
  bundle: true,
  outdir: 'dist',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // './tokens.js' stays a runtime require in extension.js; bundling it there would defeat the split.
  external: ['vscode', './tokens.js'],
  minify: true,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: metafilePath !== undefined,
});
if (metafilePath !== undefined) await writeFile(metafilePath, JSON.stringify(result.metafile));
