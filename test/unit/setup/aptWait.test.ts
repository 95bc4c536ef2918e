// The set-up's apt step waits for another install's lock instead of failing at once, and gives up,
// saying why, when the lock outlives the bound. A real lock (flock on a file of our own, which
// lslocks lists like apt's) and the real apt-get (`--version` takes no lock and changes nothing).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

const SCRIPT = path.join(__dirname, '../../../scripts/apt-wait.sh');
const usable = ['flock', 'lslocks', 'apt-get'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

/** Holds an flock on `file` for `seconds`; resolves once the lock is taken, with a way to let go early. */
async function holdLock(file: string, seconds: number): Promise<{ release(): void }> {
  // exec: the sleep itself holds the lock, so killing it frees the lock.
  const holder = spawn('flock', [file, '-c', `echo held; exec sleep ${seconds}`], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  return { release: () => holder.kill() };
}

function aptGet(lockFile: string, waitSeconds: number): { status: number | null; stderr: string; stdout: string; ms: number } {
  const started = Date.now();
  const run = spawnSync('bash', ['-c', `source "${SCRIPT}"; apt_get --version`], {
    env: { ...process.env, APT_LOCKS: `^${lockFile.replace(/[.]/g, '\\.')}$`, APT_WAIT_SECONDS: String(waitSeconds) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, ms: Date.now() - started };
}

describe('the set-up waits for another apt/dpkg install', { skip: usable ? false : 'needs flock, lslocks and apt-get (Debian)' }, () => {
  test('while the lock is held it says it is waiting, then runs apt-get once the lock is free', async () => {
    const lock = path.join(mkdtempSync(path.join(os.tmpdir(), 'apt-lock-')), 'lock-frontend');
    writeFileSync(lock, '');
    await holdLock(lock, 4);
    const run = aptGet(lock, 30);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /waiting for another apt\/dpkg install to finish… \(up to \d+ s more\)/);
    assert.match(run.stdout, /^apt /m, 'apt-get ran');
    assert.ok(run.ms >= 2500, `it did not wait (${run.ms} ms)`);
  });

  test('a lock held past the bound ends in a message that says what to do, not a wait forever', async () => {
    const lock = path.join(mkdtempSync(path.join(os.tmpdir(), 'apt-lock-')), 'lock-frontend');
    writeFileSync(lock, '');
    const held = await holdLock(lock, 20);
    const run = aptGet(lock, 3);
    held.release();
    assert.equal(run.status, 1);
    assert.match(run.stderr, /still holds its lock after 3 s; let it finish .*then run this again/);
    assert.doesNotMatch(run.stdout, /^apt /m, 'apt-get must not run while the lock is held');
    assert.ok(run.ms < 15_000, `it waited ${run.ms} ms`);
  });
});
