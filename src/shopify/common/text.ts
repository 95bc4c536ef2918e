import * as l10n from '@vscode/l10n';

/**
 * The core's translatable text. Without a translation bundle (English, or a language with no translation yet),
 * @vscode/l10n's t() still copies its arguments, lists the keys and runs a regular expression over the template
 * for every message; the session-token checklist writes a dozen sentences per token, which made that a fifth of
 * a verification. So until a bundle is configured the template's pieces are split once and joined on each call,
 * which gives exactly what l10n.t gives (test/unit/common/text.test.ts compares the two); with a bundle, l10n.t
 * does the work.
 */

export type TextValue = string | number | boolean;

let translating = false;
let generation = 0;

/** Hands VS Code's translation bundle to the core; called by the editor before any core text is made. */
export function useTranslations(contents: string | l10n.l10nJsonFormat): void {
  l10n.config({ contents });
  translating = true;
  generation++;
}

/** A template split at its `{name}` holes: literal, name, literal, name, …, literal. */
const splitTemplates = new Map<string, readonly string[]>();
const HOLE = /{([^}]+)}/g;

function pieces(template: string): readonly string[] {
  const known = splitTemplates.get(template);
  if (known !== undefined) return known;
  const split: string[] = [];
  let last = 0;
  for (const match of template.matchAll(HOLE)) {
    split.push(template.slice(last, match.index), match[1] ?? '');
    last = match.index + match[0].length;
  }
  split.push(template.slice(last));
  splitTemplates.set(template, split);
  return split;
}

/** A message with a note for translators (a short word whose sense the text alone does not give). */
export interface CommentedText {
  readonly message: string;
  readonly comment: string | string[];
  readonly args?: TextValue[] | Record<string, TextValue>;
}

/** `message` in the user's language, its `{0}`, `{1}`, … replaced by `args`; a hole with no value stays as written. */
export function t(message: string | CommentedText, ...args: TextValue[]): string {
  if (typeof message !== 'string') {
    if (translating) return l10n.t(message);
    // As l10n.t: no values at all ([] or {} included) leave the template as written.
    return message.args === undefined || message.args === null || Object.keys(message.args).length === 0 ? message.message : fill(message.message, message.args);
  }
  if (translating) return l10n.t(message, ...args);
  if (args.length === 0) return message;
  return fill(message, args);
}

function fill(message: string, args: TextValue[] | Record<string, TextValue>): string {
  const split = pieces(message);
  let out = split[0] ?? '';
  for (let i = 1; i < split.length; i += 2) {
    const name = split[i] ?? '';
    // Looked up as l10n.t looks it up: the hole's name as a property of the argument list.
    const value: unknown = (args as unknown as Record<string, unknown>)[name];
    out += (value === undefined || value === null ? `{${name}}` : String(value)) + (split[i + 1] ?? '');
  }
  return out;
}

/**
 * A value made once per language: text the core keeps (shared checks, labels) must not be made at module load,
 * before the editor has configured the language, nor again on every call on a hot path.
 */
export function perLanguage<T>(make: () => T): () => T {
  let made: T | undefined;
  let madeFor = -1;
  return () => {
    if (madeFor !== generation || made === undefined) {
      made = make();
      madeFor = generation;
    }
    return made;
  };
}
