// The real packaged extension in the real editor, signing in against the local identity server:
// one call starts the identity server, code-server with dist/shopify-authentication.vsix
// installed beside the test consumer, the workbench in Chromium, and the consumer's client.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startIdentityServer } from '../../identity-server/server.ts';
import type { IdentityServer, IdentityServerOptions } from '../../identity-server/types.ts';
import { openWorkbench, type Workbench } from '../harness/browser.ts';
import { consumerClient, type Consumer } from '../harness/consumer.ts';
import { startEditor, type Editor } from '../harness/editor.ts';
import { freePort } from '../harness/net.ts';
import { CONSUMER_EXTENSION_DIR, REPO_ROOT } from '../harness/paths.ts';

const VSIX = path.join(REPO_ROOT, 'dist/shopify-authentication.vsix');
/** What goes into the .vsix and changes how it behaves (docs and images do not). */
const INPUTS = ['src', 'api', 'media', 'package.json', 'scripts/build.mjs', '.vscodeignore'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), st.mtimeMs);
}

let packaged: string | undefined;

/**
 * The release .vsix, built with `npm run package` only when dist/ has none newer than its
 * sources, so a run that packaged first (npm test does) builds nothing. Returned as a private
 * copy: other runs may rebuild dist/ while this one installs it.
 */
export function realVsix(): string {
  if (packaged) return packaged;
  const newestInput = Math.max(...INPUTS.map((p) => newestMtime(path.join(REPO_ROOT, p))));
  if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < newestInput) {
    const run = spawnSync('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
    if (run.status !== 0) throw new Error(`npm run package failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'real-vsix-')), 'shopify-authentication.vsix');
  copyFileSync(VSIX, copy);
  packaged = copy;
  return copy;
}

export interface RealExtension {
  server: IdentityServer;
  editor: Editor;
  wb: Workbench;
  consumer: Consumer;
  stop(): Promise<void>;
}

export interface RealExtensionOptions {
  /** Options for the local identity server; polling every second unless given. */
  identity?: IdentityServerOptions;
  /** Extra user settings, over the identity URL. */
  settings?: Record<string, unknown>;
  /** Extra environment for the editor's extension host. */
  env?: Record<string, string>;
  /** Folder the editor opens (an empty one by default). */
  workspace?: string;
  /** Deadline for each UI wait: generous, since CI is a busy 2-core machine. */
  uiTimeoutMs?: number;
}

export async function startRealExtension(options: RealExtensionOptions = {}): Promise<RealExtension> {
  const vsix = realVsix();
  const server = await startIdentityServer({ interval: 1, ...options.identity });
  let editor: Editor | undefined;
  let wb: Workbench | undefined;
  const stop = async (): Promise<void> => {
    await wb?.close().catch(() => undefined);
    await editor?.stop();
    await server.close();
  };
  try {
    const consumerPort = await freePort();
    editor = await startEditor({
      vsix,
      extraExtensionDirs: [CONSUMER_EXTENSION_DIR],
      env: { ...options.env, CONSUMER_PORT: String(consumerPort) },
      settings: { 'shopifyAuth.identityUrl': server.url, ...options.settings },
      ...(options.workspace ? { workspace: options.workspace } : {}),
    });
    wb = await openWorkbench(editor, { timeoutMs: options.uiTimeoutMs ?? 30_000, loadTimeoutMs: 120_000 });
    const consumer = consumerClient(consumerPort);
    await consumer.waitUntilReady({ timeoutMs: 90_000 });
    return { server, editor, wb, consumer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
