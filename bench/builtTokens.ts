// The session-token checker as the editor runs it: dist/tokens.js, built by scripts/build.mjs (esbuild, minified),
// not the TypeScript sources through tsx. That file also holds the editor features, which require 'vscode' when the
// file loads; outside the editor that one require gets an empty stand-in (the checker never touches it).
import { execFileSync } from 'node:child_process';
import Module from 'node:module';
import path from 'node:path';
import type { decodeSessionToken, mintSessionToken, verifySessionToken } from '../src/shopify/tokens';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const BUILT_TOKENS = path.join(REPO_ROOT, 'dist/tokens.js');

export interface BuiltTokens {
  readonly verifySessionToken: typeof verifySessionToken;
  readonly decodeSessionToken: typeof decodeSessionToken;
  readonly mintSessionToken: typeof mintSessionToken;
}

/** Module._load is how Node resolves every require; not in @types/node. */
interface Loader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** Builds dist/ as `npm run build` does (production: minified, no source map). */
export function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export function loadBuiltTokens(): BuiltTokens {
  const loader = Module as unknown as Loader;
  const original = loader._load;
  loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
    return request === 'vscode' ? {} : original.call(this, request, parent, isMain);
  };
  try {
    const loaded = require(BUILT_TOKENS) as Partial<BuiltTokens>;
    const { verifySessionToken: verify, decodeSessionToken: decode, mintSessionToken: mint } = loaded;
    if (typeof verify !== 'function' || typeof decode !== 'function' || typeof mint !== 'function') {
      throw new Error(`${path.relative(REPO_ROOT, BUILT_TOKENS)} does not export the checker: rebuild it (node scripts/build.mjs)`);
    }
    return { verifySessionToken: verify, decodeSessionToken: decode, mintSessionToken: mint };
  } finally {
    loader._load = original;
  }
}
