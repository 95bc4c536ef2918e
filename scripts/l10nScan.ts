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
const SHOWN_ASSIGNED = new Set(['text', 'tooltip', 'name', 'title', 'description']);
/** Our own helpers whose argument (by index) ends up on screen. */
const SHOWN_CALL_ARGS: Record<string, number> = { timeLimit: 2, withSignInProgress: 1, pickStore: 3, askSecret: 1, appendText: 0, appendMarkdown: 0, redact: 0, createWebviewPanel: 1 };
/** Core constructors whose message argument (by index) is shown. */
const MESSAGE_ARG: Record<string, number> = { ShopifyAuthError: 1 };
/** Session-token check constructors: (code, message). */
const CHECK_CALLS = new Set(['pass', 'warn', 'fail']);

function isL10nCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText())) || (ts.isIdentifier(callee) && callee.text === 't');
}

/** A shown expression: reports the literals in it (or in the file's constants it names) not wrapped in l10n.t. */
function literalsIn(node: ts.Expression, found: Array<Unlocalised['node']>, constants: ReadonlyMap<string, ts.Expression> = new Map()): void {
  if (isL10nCall(node)) return;
  const named = ts.isIdentifier(node) ? constants.get(node.text) : undefined;
  if (named) return literalsIn(named, found);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    // Words, not identifiers, separators or codicons alone.
    if (/[A-Za-z]{2,}/.test(node.text.replace(/\$\([a-z-]+\)/g, ''))) found.push(node);
  } else if (ts.isTemplateExpression(node)) {
    const words = node.head.text + node.templateSpans.map((span) => span.literal.text).join(' ');
    if (/[A-Za-z]{2,}/.test(words)) found.push(node);
  } else if (ts.isParenthesizedExpression(node)) {
    literalsIn(node.expression, found, constants);
  } else if (ts.isConditionalExpression(node)) {
    literalsIn(node.whenTrue, found, constants);
    literalsIn(node.whenFalse, found, constants);
  } else if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    literalsIn(node.left, found, constants);
    literalsIn(node.right, found, constants);
  } else if (ts.isArrayLiteralExpression(node)) {
    for (const e of node.elements) if (!ts.isSpreadElement(e)) literalsIn(e, found, constants);
  } else if (ts.isSpreadElement(node)) {
    literalsIn(node.expression, found, constants);
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
  // `const NAME = '…'` (or a template, or an array of them): a button label kept in a constant is as shown as
  // one written in place.
  const constants = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const d of node.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init) || ts.isTemplateExpression(init) || ts.isArrayLiteralExpression(init) || ts.isConditionalExpression(init) || isL10nCall(init))) {
          constants.set(d.name.text, init);
        }
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const shown = (e: ts.Expression) => literalsIn(e, nodes, constants);
  /** What a function gives back: its expression body, or each `return`'s value (not those of nested functions). */
  const returned = (fn: ts.FunctionLikeDeclaration): void => {
    if (!fn.body) return;
    if (!ts.isBlock(fn.body)) return shown(fn.body);
    const walk = (n: ts.Node): void => {
      if (ts.isReturnStatement(n) && n.expression) shown(n.expression);
      if (!ts.isFunctionLike(n)) ts.forEachChild(n, walk);
    };
    ts.forEachChild(fn.body, walk);
  };
  // In the editor, a function declared to return a string returns a sentence for the screen.
  const editor = /[\\/]editor[\\/]|extension\.ts$/.test(file);
  const visit = (node: ts.Node): void => {
    // l10n.t({ message, comment }): localised already.
    if (isL10nCall(node)) return;
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (name && SHOWN_ARGS.has(name)) for (const arg of node.arguments) shown(arg);
      const index = name === undefined ? undefined : SHOWN_CALL_ARGS[name];
      const helperArg = index === undefined ? undefined : node.arguments[index];
      if (helperArg) shown(helperArg);
      const second = node.arguments[1];
      if (name && CHECK_CALLS.has(name) && node.arguments.length === 2 && second) shown(second);
    } else if (ts.isNewExpression(node)) {
      const index = MESSAGE_ARG[calleeName(node) ?? ''];
      const arg = index === undefined ? undefined : node.arguments?.[index];
      if (arg) shown(arg);
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && SHOWN_PROPS.has(node.name.text)) {
      shown(node.initializer);
    } else if (ts.isShorthandPropertyAssignment(node) && SHOWN_PROPS.has(node.name.text)) {
      shown(node.name);
    } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'validateInput' && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
      returned(node.initializer);
    } else if (editor && ts.isFunctionDeclaration(node) && node.type && /\bstring\b/.test(node.type.getText())) {
      returned(node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_ASSIGNED.has(node.left.name.text)) {
      shown(node.right);
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

/** A localised message whose translation cannot come out right: see the rules in `scanAssembly`. */
export interface Misassembled {
  readonly file: string;
  readonly line: number;
  readonly rule: 'module-level' | 'english-argument' | 'template-not-literal';
  readonly text: string;
}

/** Whether the call runs only when some function is called (not while the module loads). */
function runsAtCallTime(node: ts.Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (ts.isFunctionLike(cur)) return true;
    // An instance field's initialiser runs in the constructor; a static one at load.
    if (ts.isPropertyDeclaration(cur) && !cur.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return true;
  }
  return false;
}

/** Words: a letter, and either a space or nothing but letters ("an empty answer", "s", "empty"), not "content-type". */
const WORDS = (text: string): boolean => /[A-Za-z]/.test(text) && (/\s/.test(text) || /^[A-Za-z]+$/.test(text));

/**
 * Literals that are code, not text: compared with, looked up by, passed to a function (other than a list join), or
 * listed `as const` (claim names).
 */
function isCodeLiteral(literal: ts.Node): boolean {
  const parent = literal.parent;
  if (ts.isCallExpression(parent) && parent.arguments.some((a) => a === literal)) {
    if (isL10nCall(parent)) return false;
    const callee = parent.expression;
    return !(ts.isPropertyAccessExpression(callee) && ['join', 'concat'].includes(callee.name.text));
  }
  for (let cur: ts.Node = parent; ts.isArrayLiteralExpression(cur) || ts.isParenthesizedExpression(cur); cur = cur.parent) {
    if (ts.isAsExpression(cur.parent) && cur.parent.type.getText() === 'const') return true;
  }
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal) return true;
  if (ts.isCaseClause(parent)) return true;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword].includes(op);
  }
  return false;
}

/** The initialiser of the variable `name` declared in a block (or the file) around `at`, nearest first. */
function localInitializer(name: string, at: ts.Node): ts.Expression | undefined {
  for (let cur: ts.Node | undefined = at.parent; cur; cur = cur.parent) {
    if (!ts.isBlock(cur) && !ts.isSourceFile(cur)) continue;
    for (const statement of cur.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
  }
  return undefined;
}

/**
 * Literals with a letter in them anywhere inside a placeholder value, except inside a nested l10n.t call. A variable
 * is followed to its initialiser (`const what = empty ? 'an empty answer' : …` then `t('… {0}', what)`), once.
 */
function englishIn(node: ts.Node, found: ts.Node[], follow = true): void {
  if (isL10nCall(node)) return;
  if (follow && ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
    const init = localInitializer(node.text, node);
    if (init) englishIn(init, found, false);
    return;
  }
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && WORDS(node.text) && !isCodeLiteral(node)) {
    found.push(node);
    return;
  }
  if (ts.isTemplateExpression(node) && WORDS(node.head.text + node.templateSpans.map((s) => `0${s.literal.text}`).join('')) && !isCodeLiteral(node)) {
    found.push(node);
    return;
  }
  ts.forEachChild(node, (child) => englishIn(child, found, follow));
}

/**
 * Localised messages whose translation cannot come out right, whatever the translator does:
 * - module-level: l10n.t runs while the module loads, before the editor has handed the core its translations
 *   (src/editor/l10n.ts), so the text stays English. Call it when the text is needed.
 * - english-argument: a placeholder's value holds English words written in the code (a fragment, a unit, a
 *   plural "s", an " or " join): the translator sees `{1}` and cannot translate or reorder it. Write one
 *   whole template per case instead; values are data only (names, numbers, ids, server text), or a nested
 *   l10n.t(…) of a complete phrase.
 * - template-not-literal: the message is not written in the call (`l10n.t(message)` in a helper), so the tools that
 *   list the texts to translate (@vscode/l10n-dev export) never see it and it is never translated.
 */
export function scanAssemblySource(file: string, text: string): Misassembled[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Misassembled[] = [];
  const reported = new Set<ts.Node>();
  const report = (node: ts.Node, rule: Misassembled['rule']): void => {
    // A literal reached through several placeholders (or variables) is one fault.
    if (reported.has(node)) return;
    reported.add(node);
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, rule, text: node.getText().replace(/\s+/g, ' ').slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isL10nCall(node)) {
      if (!runsAtCallTime(node)) report(node, 'module-level');
      const template = node.arguments[0];
      if (template && !ts.isStringLiteral(template) && !ts.isNoSubstitutionTemplateLiteral(template) && !ts.isObjectLiteralExpression(template)) report(node, 'template-not-literal');
      const english: ts.Node[] = [];
      for (const arg of node.arguments.slice(1)) englishIn(arg, english);
      for (const literal of english) report(literal, 'english-argument');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every misassembled localised message under the given folders or files. */
/** The core's t() itself (src/shopify/common/text.ts) passes its caller's message on: the one place that may. */
const TEXT_MODULE = /[\\/]shopify[\\/]common[\\/]text\.ts$/;

export function scanAssembly(roots: readonly string[]): Misassembled[] {
  return roots
    .flatMap(tsFiles)
    .filter((file) => !TEXT_MODULE.test(file))
    .flatMap((file) => scanAssemblySource(file, readFileSync(file, 'utf8')));
}
