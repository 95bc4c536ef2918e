// Where the test editor lives and where runs leave their files. Everything a run writes
// goes under test-results/ (git-ignored) so CI can keep it as an artifact.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');
export const CONSUMER_EXTENSION_DIR = path.join(REPO_ROOT, 'test/consumer-extension');
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CODE_SERVER_DIR = path.join(REPO_ROOT, `.cache/code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'package/out/node/entry.js');

/** The code-server entry point, or a clear error saying how to install it. */
export function codeServerEntry(): string {
  if (!existsSync(path.join(CODE_SERVER_DIR, '.installed')) || !existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${path.relative(REPO_ROOT, CODE_SERVER_DIR)}: ` +
        'run scripts/install-test-editor.sh first',
    );
  }
  return CODE_SERVER_ENTRY;
}

/** A new folder name under test-results/ that sorts by time and never collides. */
export function runDirName(prefix: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(RESULTS_DIR, `${prefix}-${stamp}-${Math.random().toString(36).slice(2, 6)}`);
}
