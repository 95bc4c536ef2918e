import * as l10n from './text';

/** "a", "a and b", "a and b and c": names (APIs, stores) listed inside a sentence, joined as the language joins them. */
export function andList(items: readonly string[]): string {
  return items.length === 0 ? '' : items.reduce((list, item) => l10n.t('{0} and {1}', list, item));
}
