// Figure 1: bytes of our production bundle against the sign-in extensions VS Code itself ships, from the same
// code-server install the editor tests use. esbuild's metafile says which packages are inside and how much each adds.
// dist/extension.js is what activation loads; dist/tokens.js (the session-token features) loads on first use, so
// the whole of dist/ is shown too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../test/editor/harness/paths';
import type { FigureResult } from './figure';

const BUILTIN = path.join(REPO_ROOT, '.cache/code-server-4.100.3/package/lib/vscode/extensions');
const LIMIT_BYTES = 120 * 1024;
const MAX_RATIO = 0.55;

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** node_modules/<pkg>/... → pkg; our sources by folder (src/shopify, src/editor). */
function owner(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return pkg?.[1] ?? input.split('/').slice(0, 2).join('/');
}

function sum(byOwner: Record<string, number>, pick: (owner: string) => boolean): number {
  return Object.entries(byOwner).reduce((total, [owner, bytes]) => total + (pick(owner) ? bytes : 0), 0);
}

export async function measureBundle(): Promise<FigureResult> {
  const metafilePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-bundle-')), 'meta.json');
  execFileSync(process.execPath, ['scripts/build.mjs', '--production', '--metafile', metafilePath], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (!existsSync(BUILTIN)) throw new Error(`${path.relative(REPO_ROOT, BUILTIN)} is missing: run scripts/install-test-editor.sh (or npm test once) first`);
  const ours = statSync(path.join(REPO_ROOT, 'dist/extension.js')).size;
  const lazy = statSync(path.join(REPO_ROOT, 'dist/tokens.js')).size;
  const total = ours + lazy;
  const github = statSync(path.join(BUILTIN, 'github-authentication/dist/extension.js')).size;
  const microsoft = statSync(path.join(BUILTIN, 'microsoft-authentication/dist/extension.js')).size;

  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  /** Bytes per owner in one output file (dist/extension.js or dist/tokens.js). */
  const ownersOf = (file: string): Record<string, number> => {
    const byOwner: Record<string, number> = {};
    for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[file]?.inputs ?? {})) byOwner[owner(input)] = (byOwner[owner(input)] ?? 0) + bytesInOutput;
    return byOwner;
  };
  const main = ownersOf('dist/extension.js');
  const tokens = ownersOf('dist/tokens.js');
  const byOwner: Record<string, number> = {};
  for (const part of [main, tokens]) for (const [o, bytes] of Object.entries(part)) byOwner[o] = (byOwner[o] ?? 0) + bytes;
  const inside = (pkg: string) => (main[pkg] ?? 0) > 0;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const dependenciesInside = inside('openid-client') && inside('jose');
  const contents = (part: Record<string, number>) =>
    `src ${kb(sum(part, (o) => o.startsWith('src')))}, openid-client + oauth4webapi ${kb(sum(part, (o) => o === 'openid-client' || o === 'oauth4webapi'))}, jose ${kb(part['jose'] ?? 0)}`;
  const sizeMet = ours <= LIMIT_BYTES && ours / github < MAX_RATIO;

  return {
    id: 'bundle',
    rows: [
      {
        figure: 'Bundle',
        measure: 'dist/extension.js (loaded at activation) vs github-authentication',
        ours: kb(ours),
        reference: kb(github),
        ratio: ours / github,
        target: `≤ ${kb(LIMIT_BYTES)} and < ${MAX_RATIO}`,
        met: sizeMet,
      },
      {
        figure: 'Bundle',
        measure: 'all of dist/ (extension.js + tokens.js, loaded on first session-token use) vs github-authentication',
        ours: kb(total),
        reference: kb(github),
        ratio: total / github,
        target: '—',
      },
      { figure: 'Bundle', measure: 'dist/extension.js vs microsoft-authentication', ours: kb(ours), reference: kb(microsoft), ratio: ours / microsoft, target: '—' },
      {
        figure: 'Bundle',
        measure: 'what is inside dist/extension.js',
        ours: contents(main),
        reference: '—',
        target: 'openid-client + jose inside',
        met: dependenciesInside,
      },
      { figure: 'Bundle', measure: 'what is inside dist/tokens.js', ours: contents(tokens), reference: '—', target: '—' },
    ],
    raw: {
      bytes: { ours, tokens: lazy, total, githubAuthentication: github, microsoftAuthentication: microsoft },
      bytesByOwner: { extension: main, tokens },       openidClientInside: inside('openid-client'),
      joseInside: inside('jose'),
    },
  };
}
