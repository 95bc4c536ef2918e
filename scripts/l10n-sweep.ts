// Wraps the shown text that scripts/l10nScan.ts finds in l10n.t(…): `Hi ${name}.` becomes l10n.t('Hi {0}.', name).
// In src/editor through vscode.l10n; in the core (no vscode import allowed) through @vscode/l10n, which the
// extension configures with VS Code's bundle at activation. Review the diff: arguments that are not strings,
// numbers or booleans need a String(…) that tsc will point at.
// Usage: node --import tsx scripts/l10n-sweep.ts src
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { scan, type Unlocalised } from './l10nScan.ts';

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function wrapped(node: Unlocalised['node'], fn: string): string {
  if (!ts.isTemplateExpression(node)) return `${fn}(${quote(node.text)})`;
  let message = node.head.text;
  const args: string[] = [];
  node.templateSpans.forEach((span, i) => {
    message += `{${i}}${span.literal.text}`;
    args.push(span.expression.getText());
  });
  return `${fn}(${quote(message)}, ${args.join(', ')})`;
}

const byFile = new Map<string, Unlocalised[]>();
for (const found of scan(process.argv.slice(2))) byFile.set(found.file, [...(byFile.get(found.file) ?? []), found]);

for (const [file, found] of byFile) {
  let text = readFileSync(file, 'utf8');
  const core = !/from 'vscode'/.test(text);
  const fn = core ? 'l10n.t' : 'vscode.l10n.t';
  const nodes = [...new Map(found.map((f) => [f.node.getStart(), f.node])).values()].sort((a, b) => b.getStart() - a.getStart());
  for (const node of nodes) text = text.slice(0, node.getStart()) + wrapped(node, fn) + text.slice(node.getEnd());
  if (core && !text.includes("from '@vscode/l10n'")) {
    // After the leading comment block, before the first import (or at the top).
    const at = text.search(/^import /m);
    const line = "import * as l10n from '@vscode/l10n';\n";
    text = at >= 0 ? text.slice(0, at) + line + text.slice(at) : line + text;
  }
  writeFileSync(file, text);
  console.log(`${file}: ${nodes.length} wrapped`);
}
