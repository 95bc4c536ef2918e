// Every test, in the order that fails fastest: types, unit tests, the package, then the real editor.
import { spawnSync } from 'node:child_process';

const steps = [
  ['Type check', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['Unit tests (node:test, local identity server over HTTP)', 'node', ['scripts/run-tests.mjs', 'test/unit']],
  ['Bundle and package the .vsix', 'npm', ['run', 'package', '--silent']],
  ['End-to-end tests in code-server, driven by Chromium', 'node', ['scripts/run-tests.mjs', '--test-concurrency=1', 'test/editor']],
];
const only = process.argv.slice(2);
const started = Date.now();
for (const [title, command, args] of steps) {
  if (only.length > 0 && !only.some((o) => title.toLowerCase().includes(o))) continue;
  console.log(`\n=== ${title}`);
  const t = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n=== FAILED: ${title} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${title}: ok in ${Math.round((Date.now() - t) / 1000)} s`);
}
console.log(`\nAll tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
