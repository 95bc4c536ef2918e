// Makes a fresh clone ready: npm dependencies, then the test editor and browser. Plain Node, no
// dependencies, so it runs before `npm ci`. Each step is skipped when it is already done.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs) {
  console.log('> Installing npm dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (!process.argv.includes('--no-editor')) {
  if (!existsSync('.cache/code-server-4.100.3/.installed')) {
    // The first run's long step: say so, and how long, before it starts.
    console.log('> Installing the test editor into .cache/ (first run only: about a minute, more if apt-get must install Chromium)');
  }
  run('bash', ['scripts/install-test-editor.sh']);
}
