// The leak scanner the editor tests rely on must be able to find a leak, or its zero means nothing.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { scanForSecrets, textHits } from '../../editor/support-reliability/leakScan';

describe('leak scanner', () => {
  test('finds a secret written as UTF-8 or UTF-16, deep in folders or given as a file, and names only its kind', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'leak-scan-'));
    mkdirSync(path.join(root, 'a/b'), { recursive: true });
    writeFileSync(path.join(root, 'a/b/log.txt'), 'prefix atkn_canary_1234567890 suffix');
    writeFileSync(path.join(root, 'a/store.ldb'), Buffer.from('\u0000rt_canary_0987654321\u0000', 'utf16le'));
    writeFileSync(path.join(root, 'clean.json'), '{"nothing":"here"}');
    const secrets = [
      { kind: 'access', value: 'atkn_canary_1234567890' },
      { kind: 'refresh', value: 'rt_canary_0987654321' },
      { kind: 'absent', value: 'shpss_never_written_anywhere' },
    ];
    const scan = scanForSecrets([root, path.join(root, 'a/b/log.txt')], secrets);
    assert.equal(scan.filesScanned, 3, 'a file given twice is read once');
    assert.equal(scan.secretsSearched, 3);
    assert.deepEqual(scan.hits.map((h) => h.kind).sort(), ['access', 'refresh']);
    assert.ok(scan.hits.every((h) => !h.file.includes('canary') && !JSON.stringify(h).includes('canary_')));
    assert.equal(textHits(['Copied atkn_canary_1234567890', 'fine'], secrets), 1);
  });
});
