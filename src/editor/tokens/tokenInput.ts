import * as vscode from 'vscode';
import { cleanTokenInput, findJwtAt, findJwts, MAX_INPUT_LENGTH } from '../../shopify/tokens';

export interface TokenInput {
  /** The text as found; the core cleans it and reports each change. */
  readonly text: string;
  readonly source: 'argument' | 'selection' | 'cursor' | 'clipboard' | 'input';
}

/** A location in a document, passed by the hover's command link so the token itself never travels in a URI. */
export interface TokenLocation {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

export function isTokenLocation(value: unknown): value is TokenLocation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['uri'] === 'string' && typeof v['line'] === 'number' && typeof v['character'] === 'number';
}

/** Reads the JWT-shaped text at a location, if it is still there. */
export async function tokenAt(location: TokenLocation): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  if (location.line < 0 || location.line >= document.lineCount) return undefined;
  return findJwtAt(document.lineAt(location.line).text, location.character)?.token;
}

/** Clipboard text counts only when, once cleaned, it is a whole JWT: a stray clipboard is not decoded by surprise. */
function tokenLike(text: string): boolean {
  if (text.length > MAX_INPUT_LENGTH * 2) return false;
  const cleaned = cleanTokenInput(text).token;
  const found = findJwts(cleaned);
  return found.length === 1 && found[0]?.token === cleaned;
}

/** How long to wait for the clipboard before asking instead. */
const CLIPBOARD_WAIT_MS = 1500;

/**
 * The clipboard's text, or '' when it does not come quickly: in a browser that refuses clipboard access,
 * VS Code shows its own notification and the read waits until the user closes it. The input box is the
 * way forward then, not a wait.
 */
async function readClipboardQuickly(): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS)));
  const read = Promise.resolve(vscode.env.clipboard.readText()).then(undefined, () => '');
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Where a command's token comes from: an argument, else the selection, else a token under the cursor, else a
 * token-shaped clipboard, else an input box.
 */
export async function readTokenInput(argument: unknown, title: string): Promise<TokenInput | undefined> {
  if (typeof argument === 'string' && argument.trim() !== '') return { text: argument, source: 'argument' };
  if (isTokenLocation(argument)) {
    const token = await tokenAt(argument);
    if (token) return { text: token, source: 'argument' };
  }

  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const selected = editor.document.getText(editor.selection);
    if (selected.trim() !== '') return { text: selected, source: 'selection' };
    const position = editor.selection.active;
    const under = findJwtAt(editor.document.lineAt(position.line).text, position.character);
    if (under) return { text: under.token, source: 'cursor' };
  }

  const clipboard = await readClipboardQuickly();
  if (tokenLike(clipboard)) return { text: clipboard, source: 'clipboard' };

  const typed = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Paste a session token, "Bearer <token>", or a URL or query string with id_token=.'),
    placeHolder: vscode.l10n.t('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Paste a token.') : undefined),
  });
  return typed === undefined ? undefined : { text: typed, source: 'input' };
}

export function describeSource(source: TokenInput['source']): string {
  switch (source) {
    case 'argument':
      return vscode.l10n.t('the given token');
    case 'selection':
      return vscode.l10n.t('the selection');
    case 'cursor':
      return vscode.l10n.t('the token under the cursor');
    case 'clipboard':
      return vscode.l10n.t('the clipboard');
    case 'input':
      return vscode.l10n.t('the pasted token');
  }
}
