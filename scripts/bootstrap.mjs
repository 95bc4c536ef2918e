// Makes a fresh clone ready: npm dependencies, then the test editor and browser. Plain Node, no
// dependencies, so it runs before `npm ci`. Each step is skipped when it is already done.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const installed = 'node_modules/.package-lock.json';
// A worktree whose node_modules links to another checkout's shares it: `npm ci` there would empty the other
// checkout's folder (it did, 30 Nov), so it is left alone; install in the checkout that owns it.
const linked = (() => {
  try {
    return lstatSync('node_modules').isSymbolicLink();
  } catch {
    return false;
  }
})();
if (linked) {
  if (!existsSync(installed)) console.log('> node_modules is a link to another checkout and has no install: run npm ci there');
} else if (!existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs) {
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
