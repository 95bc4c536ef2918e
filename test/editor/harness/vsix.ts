// Packages an extension folder into a .vsix with the project's own vsce, the way a
// release would, so the test editor installs exactly what a user would install.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** Copies `sourceDir` to a temp dir (vsce writes nothing into the source) and packages it. */
export function packageExtension(sourceDir: string): string {
  const vsce = path.join(REPO_ROOT, 'node_modules/.bin/vsce');
  if (!existsSync(vsce)) throw new Error('node_modules/.bin/vsce is missing: run npm ci');
  const work = mkdtempSync(path.join(os.tmpdir(), 'vsix-'));
  cpSync(sourceDir, work, { recursive: true });
  const out = path.join(work, 'extension.vsix');
  try {
    execFileSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`vsce package of ${sourceDir} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  return out;
}
