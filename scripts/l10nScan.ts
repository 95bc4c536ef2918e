// Finds user-visible text that does not go through localisation: string and template literals in the places
// VS Code shows them (notifications, quick picks, input boxes, progress titles, the status bar) and in the
// messages the core builds (ShopifyAuthError, session-token checks). Used by the l10n test, and by
// scripts/l10n-sweep.ts to wrap what it finds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Unlocalised {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** The literal's node, for the sweep to rewrite. */
  readonly node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;
}

/** Calls whose every plain argument is shown to the user. */
const SHOWN_ARGS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Properties of quick picks, input boxes, progress, status bar items and their options that are shown. */
const SHOWN_PROPS = new Set(['title', 'prompt', 'placeHolder', 'label', 'description', 'detail', 'tooltip', 'message']);
/** Assignments to these properties (statusBarItem.text = …) are shown. */
const SHOWN_ASSIGNED = new Set(['text', 'tooltip', 'name', 'title']);
/** Core constructors whose message argument (by index) is shown. */
const MESSAGE_ARG: Record<string, number> = { ShopifyAuthError: 1 };
/** Session-token check constructors: (code, message). */
const CHECK_CALLS = new Set(['pass', 'warn', 'fail']);

function isL10nCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText())) || (ts.isIdentifier(callee) && callee.text === 't');
}

/** A shown expression: reports the literals in it that are not wrapped in l10n.t. */
function literalsIn(node: ts.Expression, found: Array<Unlocalised['node']>): void {
  if (isL10nCall(node)) return;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    // Words, not identifiers, separators or codicons alone.
    if (/[A-Za-z]{2,}/.test(node.text.replace(/\$\([a-z-]+\)/g, ''))) found.push(node);
  } else if (ts.isTemplateExpression(node)) {
    found.push(node);
  } else if (ts.isParenthesizedExpression(node)) {
    literalsIn(node.expression, found);
  } else if (ts.isConditionalExpression(node)) {
    literalsIn(node.whenTrue, found);
    literalsIn(node.whenFalse, found);
  } else if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    literalsIn(node.left, found);
    literalsIn(node.right, found);
  } else if (ts.isArrayLiteralExpression(node)) {
    for (const e of node.elements) if (!ts.isSpreadElement(e)) literalsIn(e, found);
  }
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

export function scanSource(file: string, text: string): Unlocalised[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const nodes: Array<Unlocalised['node']> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (name && SHOWN_ARGS.has(name)) for (const arg of node.arguments) literalsIn(arg, nodes);
      const second = node.arguments[1];
      if (name && CHECK_CALLS.has(name) && node.arguments.length === 2 && second) literalsIn(second, nodes);
    } else if (ts.isNewExpression(node)) {
      const index = MESSAGE_ARG[calleeName(node) ?? ''];
      const arg = index === undefined ? undefined : node.arguments?.[index];
      if (arg) literalsIn(arg, nodes);
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && SHOWN_PROPS.has(node.name.text)) {
      literalsIn(node.initializer, nodes);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_ASSIGNED.has(node.left.name.text)) {
      literalsIn(node.right, nodes);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return nodes.map((node) => ({
    file,
    line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    text: node.getText().slice(0, 80),
    node,
  }));
}

function tsFiles(root: string): string[] {
  if (statSync(root).isFile()) return root.endsWith('.ts') ? [root] : [];
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => tsFiles(path.join(root, e.name)));
}

/** Every unlocalised shown text under the given folders or files. */
export function scan(roots: readonly string[]): Unlocalised[] {
  return roots.flatMap(tsFiles).flatMap((file) => scanSource(file, readFileSync(file, 'utf8')));
}
