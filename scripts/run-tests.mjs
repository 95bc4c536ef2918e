// Runs node's test runner on every *.test.ts under the given folders (Node 20's --test takes no globs).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const roots = args.filter((a) => !a.startsWith('--'));

function collect(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? collect(join(path, entry.name)) : entry.name.endsWith('.test.ts') ? [join(path, entry.name)] : []))
    .sort();
}

const files = roots.flatMap(collect);
if (files.length === 0) {
  console.error(`No *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...flags, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
