// Putting extensions into a code-server extensions dir: the .vsix the way a user installs
// it, and unpackaged test-only folders the way the editor would have unpacked them.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Manifest {
  publisher: string;
  name: string;
  version: string;
}

/** One entry of `<extensions-dir>/extensions.json`, as VS Code 1.100 writes it. */
interface InstalledEntry {
  identifier: { id: string; uuid?: string };
  version: string;
  location: { $mid: 1; fsPath: string; external: string; path: string; scheme: 'file' };
  relativeLocation: string;
  metadata?: Record<string, unknown>;
}

export function installVsix(entry: string, vsix: string, dirs: { userDataDir: string; extensionsDir: string }): void {
  if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);
  // --force: reinstalling the same version into a reused dir (a simulated restart) is fine.
  const args = [entry, '--install-extension', vsix, '--force'];
  args.push('--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir);
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${path.basename(vsix)} failed (exit ${run.status}):\n${output.trim()}`);
  }
}

function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'package.json');
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const m = raw as Partial<Record<keyof Manifest, unknown>>;
  if (typeof m.publisher !== 'string' || typeof m.name !== 'string' || typeof m.version !== 'string') {
    throw new Error(`${file} needs string publisher, name and version`);
  }
  return { publisher: m.publisher, name: m.name, version: m.version };
}

/**
 * Copies an extension folder in as `<publisher>.<name>-<version>` and lists it in
 * extensions.json: once that file exists (any .vsix install writes it) the editor
 * ignores folders it does not list.
 */
export function addExtensionFolder(extensionsDir: string, sourceDir: string): { id: string; folder: string } {
  const m = readManifest(sourceDir);
  const id = `${m.publisher}.${m.name}`;
  const relativeLocation = `${id}-${m.version}`;
  const target = path.join(extensionsDir, relativeLocation);
  cpSync(sourceDir, target, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });

  const listFile = path.join(extensionsDir, 'extensions.json');
  const list = existsSync(listFile) ? (JSON.parse(readFileSync(listFile, 'utf8')) as InstalledEntry[]) : [];
  const entry: InstalledEntry = {
    identifier: { id },
    version: m.version,
    location: { $mid: 1, fsPath: target, external: pathToFileURL(target).href, path: target, scheme: 'file' },
    relativeLocation,
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  };
  const others = list.filter((e) => e.identifier.id.toLowerCase() !== id.toLowerCase());
  writeFileSync(listFile, JSON.stringify([...others, entry]));
  return { id, folder: target };
}
