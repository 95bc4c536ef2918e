// The consumer extension uses packages/session the way another extension would: bundled into its own
// folder. esbuild turns the library's TypeScript into the `session.js` the consumer requires.
import { buildSync } from 'esbuild';
import path from 'node:path';
import { CONSUMER_EXTENSION_DIR, REPO_ROOT } from './paths.ts';

export const SESSION_LIBRARY_ENTRY = path.join(REPO_ROOT, 'packages/session/src/index.ts');

/** Writes `session.js` into an installed copy of test/consumer-extension. */
export function bundleSessionLibraryInto(extensionFolder: string): void {
  buildSync({
    entryPoints: [SESSION_LIBRARY_ENTRY],
    bundle: true,
    outfile: path.join(extensionFolder, 'session.js'),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

export function isConsumerExtension(dir: string): boolean {
  return path.resolve(dir) === CONSUMER_EXTENSION_DIR;
}
