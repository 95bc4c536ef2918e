// Every text a user reads goes through localisation: vscode.l10n.t in the editor, @vscode/l10n in the core,
// and %key% placeholders (with an entry in package.nls.json) in package.json's contributions.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { scan, scanAssembly, scanAssemblySource, scanSource } from '../../scripts/l10nScan.ts';

const ROOT = path.join(__dirname, '../..');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/** Shown text in package.json: the fields VS Code displays, wherever they are in the tree. */
const SHOWN_FIELDS = new Set(['displayName', 'description', 'markdownDescription', 'label', 'title', 'category', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage']);

function shownValues(value: unknown, at: string, out: Array<{ at: string; text: string }>): void {
  if (Array.isArray(value)) value.forEach((v, i) => shownValues(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (SHOWN_FIELDS.has(key) && typeof v === 'string') out.push({ at: `${at}.${key}`, text: v });
      else if (SHOWN_FIELDS.has(key) && Array.isArray(v)) v.forEach((t, i) => typeof t === 'string' && out.push({ at: `${at}.${key}[${i}]`, text: t }));
      else shownValues(v, `${at}.${key}`, out);
    }
  }
}

describe('localisation', () => {
  test('no text shown by the editor or built by the core is left out of l10n.t', () => {
    const left = scan([path.join(ROOT, 'src')]).map((f) => `${path.relative(ROOT, f.file)}:${f.line} ${f.text}`);
    assert.deepEqual(left, [], 'wrap these in vscode.l10n.t (editor) or l10n.t from @vscode/l10n (core); scripts/l10n-sweep.ts does it');
  });

  test('the scan finds shown text in each place VS Code shows it (so the test above can fail)', () => {
    const source = [
      "import * as vscode from 'vscode';",
      "const RETRY = 'Try Again';",
      'export async function f(store: string, item: vscode.StatusBarItem) {',
      '  void vscode.window.showInformationMessage(`Active store: ${store}.`, RETRY);',
      "  await vscode.window.showQuickPick([{ label: 'Pick me', description: vscode.l10n.t('fine') }], { title: 'Which one?' });",
      "  await vscode.window.showInputBox({ prompt: 'Type it', validateInput: (v) => (v ? undefined : 'Empty') });",
      "  await vscode.window.withProgress({ location: 15, title: 'Working…' }, async () => undefined);",
      "  item.text = '$(account) Signed in';",
      "  throw new ShopifyAuthError('bad-store', 'Not a store.');",
      '}',
      "export function reason(): string { return 'Because.'; }",
    ].join('\n');
    const found = scanSource('src/editor/sample.ts', source).map((f) => f.text);
    assert.deepEqual(found.sort(), [
      "'$(account) Signed in'",
      "'Because.'",
      "'Empty'",
      "'Not a store.'",
      "'Pick me'",
      "'Try Again'",
      "'Type it'",
      "'Which one?'",
      "'Working…'",
      '`Active store: ${store}.`',
    ]);
  });

  test('no localised text is made while a module loads, and no placeholder is filled with English written in the code', () => {
    const left = scanAssembly([path.join(ROOT, 'src')]).map((f) => `${path.relative(ROOT, f.file)}:${f.line} ${f.rule} ${f.text}`);
    assert.deepEqual(
      left,
      [],
      'module-level: call l10n.t when the text is needed (a function, or perLanguage() from src/shopify/common/text.ts); english-argument: write one whole template per case, with placeholders only for data; template-not-literal: write the message in the call',
    );
  });

  test('the assembly scan finds each fault (so the test above can fail)', () => {
    const source = [
      "import * as l10n from '@vscode/l10n';",
      "import * as vscode from 'vscode';",
      "export const TITLE = l10n.t('Admin API');",
      "const BUTTON = vscode.l10n.t('Copy Code');",
      'class Box {',
      "  static readonly label = l10n.t('Box');",
      "  readonly name = l10n.t('fine: runs in the constructor');",
      '}',
      'export function f(n: number, empty: boolean, store: string | undefined, paths: string[], kind: string) {',
      "  const fine = l10n.t('fine: {0} {1}', n, l10n.t('a nested whole phrase'));",
      "  const alsoFine = l10n.t('{0} is {1}', kind === 'string' ? store : '-', paths.join(', '));",
      "  return [l10n.t('Shopify sent {0}.', empty ? 'an empty answer' : 'JSON'), l10n.t('{0} part{1}', n, n === 1 ? '' : 's'),",
      "    vscode.l10n.t('for {0}', store ?? 'this store'), l10n.t('wait{0}', `; it asks to wait ${n} s`), l10n.t('{0}', paths.join(' or '))];",
      '}',
      "export const say = (message: string): string => vscode.l10n.t(message);",
    ].join('\n');
    const found = scanAssemblySource('src/shopify/sample.ts', source).map((f) => `${f.rule} ${f.text}`);
    assert.deepEqual(found.sort(), [
      "english-argument ' or '",
      "english-argument 'JSON'",
      "english-argument 'an empty answer'",
      "english-argument 's'",
      "english-argument 'this store'",
      'english-argument `; it asks to wait ${n} s`',
      "module-level l10n.t('Admin API')",
      "module-level l10n.t('Box')",
      "module-level vscode.l10n.t('Copy Code')",
      'template-not-literal vscode.l10n.t(message)',
    ]);
  });

  test("the core's texts all go through src/shopify/common/text.ts, whose t() the editor configures", () => {
    const direct: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && !file.endsWith(path.join('common', 'text.ts')) && /from '@vscode\/l10n'/.test(readFileSync(file, 'utf8'))) direct.push(file);
      }
    };
    walk(path.join(process.cwd(), 'src', 'shopify'));
    assert.deepEqual(direct, [], "import * as l10n from '../common/text' instead: it is @vscode/l10n's t(), without its cost per message while no translation is configured");
  });

  test("package.json's shown texts are %key% placeholders, each with its English text in package.nls.json", () => {
    const manifest = read('package.json') as Record<string, unknown>;
    const nls = read('package.nls.json') as Record<string, string>;
    const shown: Array<{ at: string; text: string }> = [];
    for (const field of ['displayName', 'description']) shown.push({ at: field, text: String(manifest[field]) });
    shownValues(manifest['contributes'], 'contributes', shown);
    shownValues(manifest['capabilities'], 'capabilities', shown);
    assert.ok(shown.length > 30, `only ${shown.length} texts found: is the walk broken?`);
    const plain = shown.filter((s) => !/^%[\w.-]+%$/.test(s.text)).map((s) => `${s.at}: ${s.text}`);
    assert.deepEqual(plain, [], 'use a %key% placeholder and put the text in package.nls.json');
    const missing = shown.map((s) => s.text.slice(1, -1)).filter((key) => typeof nls[key] !== 'string' || nls[key] === '');
    assert.deepEqual(missing, [], 'these keys have no text in package.nls.json');
    const unused = Object.keys(nls).filter((key) => !shown.some((s) => s.text === `%${key}%`));
    assert.deepEqual(unused, [], 'package.nls.json keys nothing uses');
  });
});
