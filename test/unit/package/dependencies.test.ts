// A runtime dependency is bundled into dist/ only when src imports it; one that nothing imports is a
// supply-chain risk with no use. (vscode-uri was one: Node's URL does the host, port and userinfo checks.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('every runtime dependency is imported by the extension\'s source', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const text = sources(path.join(ROOT, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');
  const unused = Object.keys(manifest.dependencies ?? {}).filter((dep) => !new RegExp(`from '${dep}(/[^']*)?'`).test(text));
  assert.deepEqual(unused, [], `declared but never imported: ${unused.join(', ')}`);
});
