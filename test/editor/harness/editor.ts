// Starts a real VS Code (code-server 4.100.3) with the packaged extension installed, on a
// free loopback port, in folders of its own under test-results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addExtensionFolder, installVsix } from './extensions.ts';
import { freePort, pollUntil, probe, sleep } from './net.ts';
import { codeServerEntry, runDirName } from './paths.ts';
import { bundleSessionLibraryInto, isConsumerExtension } from './sessionLibrary.ts';

export interface EditorOptions {
  /** The packaged extension, installed with --install-extension as a user would. */
  vsix: string;
  /** Unpackaged extension folders (e.g. test/consumer-extension) to load beside it. */
  extraExtensionDirs?: string[];
  /** Added to the server's environment; the extension host inherits it. */
  env?: Record<string, string>;
  /** Merged into User/settings.json over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Reuse a previous editor's user-data-dir (and its sibling extensions dir) to simulate a restart. */
  userDataDir?: string;
  /**
   * Port to listen on; a free one by default. A simulated restart passes the previous
   * editor's port: VS Code web keeps secrets in the browser's storage, which is per origin.
   */
  port?: number;
  /** Folder to open; defaults to an empty folder in the run dir. */
  workspace?: string;
  /** How long to wait for the server to answer (default 60 s). */
  startTimeoutMs?: number;
}

export interface Editor {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own logs: one dated folder per start, with exthost logs inside. */
  logsDir: string;
  /** stdout and stderr of the code-server process. */
  outputFile: string;
  stop(): Promise<void>;
}

const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  // Run dirs live inside this repo: without this, git asks about the parent repository.
  'git.openRepositoryInParentFolders': 'never',
};

export async function startEditor(options: EditorOptions): Promise<Editor> {
  const entry = codeServerEntry();
  // A reused user-data-dir keeps its run folder, so the extensions dir comes along too.
  const runDir = options.userDataDir ? path.dirname(options.userDataDir) : runDirName('editor');
  const userDataDir = options.userDataDir ?? path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const workspace = options.workspace ?? path.join(runDir, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace]) mkdirSync(dir, { recursive: true });

  writeSettings(path.join(userDataDir, 'User/settings.json'), options.settings ?? {});
  installVsix(entry, options.vsix, { userDataDir, extensionsDir });
  for (const dir of options.extraExtensionDirs ?? []) {
    const { folder } = addExtensionFolder(extensionsDir, dir);
    if (isConsumerExtension(dir)) bundleSessionLibraryInto(folder);
  }

  // Its own config file, or code-server writes a default one into ~/.config.
  const configFile = path.join(runDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const port = options.port ?? (await freePort());
  const outputFile = path.join(runDir, `code-server-${port}.log`);
  const out = openSync(outputFile, 'a');
  const args = [entry, '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`];
  args.push('--disable-telemetry', '--disable-update-check');
  args.push('--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace);
  // detached: its own process group, so stop() ends the extension host and pty host too.
  const child = spawn(process.execPath, args, {
    cwd: runDir,
    env: { ...inheritedEnv(), ...options.env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);

  const url = `http://127.0.0.1:${port}/`;
  const stop = (): Promise<void> => stopGroup(child);
  try {
    await pollUntil(`code-server on ${url}`, async () => ((await probe(`${url}healthz`)) === 200 ? true : undefined), {
      timeoutMs: options.startTimeoutMs ?? 60_000,
      abort: () => (child.exitCode !== null || child.signalCode ? `exited early (${exitText(child)})` : undefined),
    });
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- ${outputFile} ---\n${tail(outputFile)}`);
  }
  return { url, port, userDataDir, extensionsDir, logsDir: path.join(userDataDir, 'logs'), outputFile, stop };
}

function writeSettings(file: string, settings: Record<string, unknown>): void {
  // On a restart keep what the previous run (or the user) saved, then apply ours on top.
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...previous, ...BASE_SETTINGS, ...settings }, null, 2));
}

/** The test's environment minus VS Code's own variables, which would confuse a nested server. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  }
  return env;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode) resolve();
    else child.once('exit', () => resolve());
  });
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      // the group is already gone
    }
  };
  const groupAlive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  signalGroup('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  // Give the extension host a moment to finish deactivating, then sweep what is left.
  for (let i = 0; i < 20 && groupAlive(); i++) await sleep(100);
  signalGroup('SIGKILL');
  await exited;
}

function exitText(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`;
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}
