import { normalizeStore } from './storeName';

/** A store named by a Shopify CLI project file, and where in it. */
export interface ProjectStore {
  readonly store: string;
  /** e.g. `[build] dev_store_url` or `[environments.production] store`. */
  readonly where: string;
}

export interface ProjectStores {
  readonly stores: readonly ProjectStore[];
  /** Entries that named something that is not a store (never offered). */
  readonly refused: readonly string[];
}

// A header is read in two steps: one pattern with spaces allowed at the edges and inside the name could split the
// same run of spaces three ways, and a line of a few thousand spaces in a workspace file took seconds to minutes.
// A quoted part may hold "]" (`[environments."eu [west]"]`); each alternative starts with its own character.
const TABLE = /^\[((?:[^\]"']|"[^"\\]*"|'[^']*')*)\]\s*(#.*)?$/;
// One part of a dotted name as TOML writes it: bare, "basic" (escapes are not read) or 'literal', with spaces or
// tabs around it. The two runs of white space around a "." cannot trade characters, so reading stays linear.
const NAME_PART = /[ \t]*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')[ \t]*/y;
const ARRAY_TABLE = /^\[\[[^\]]*\]\]\s*(#.*)?$/;
const STRING_KEY = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(#.*)?$/;

/**
 * The store names in a shopify.app[.<name>].toml (`[build] dev_store_url`) or shopify.theme.toml
 * (`store` in each `[environments.<name>]`). Only those two keys are looked at: a theme file's password
 * and anything else in the file is never read into a value. Each name goes through normalizeStore, so
 * the file can name a store and nothing more (no port, path or other host). `normalize` is the session
 * manager's, which knows the store domains of the configured identity server.
 */
export function projectStores(fileName: string, text: string, normalize: (input: string) => string = normalizeStore): ProjectStores {
  const theme = /(^|[\\/])shopify\.theme\.toml$/.test(fileName);
  const stores: ProjectStore[] = [];
  const refused: string[] = [];
  let table: readonly string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const name = TABLE.exec(line)?.[1];
    if (name !== undefined || ARRAY_TABLE.test(line)) {
      // Any header ends the table before it: a key under [[webhooks.subscriptions]] or a header we cannot read is
      // not [build]'s.
      table = name === undefined ? undefined : dottedName(name);
      continue;
    }
    // Keys before the first header, or under one we cannot read, belong to no table we look at.
    if (table === undefined) continue;
    const entry = STRING_KEY.exec(line);
    if (!entry) continue;
    const key = entry[1];
    // [environments.<name>] itself, not a table inside it or a key that only holds a dot (["environments.x"]).
    const wanted = theme
      ? key === 'store' && table.length === 2 && table[0] === 'environments'
      : key === 'dev_store_url' && table.length === 1 && table[0] === 'build';
    if (!wanted) continue;
    const value = entry[2] ?? entry[3] ?? '';
    if (value.trim() === '') continue;
    const where = `[${table.join('.')}] ${key}`;
    try {
      const store = normalize(value);
      if (!stores.some((s) => s.store === store)) stores.push({ store, where });
    } catch {
      refused.push(where);
    }
  }
  return { stores, refused };
}

/** A table name's parts (quoted ones unquoted: they name the same table as bare ones), or undefined when TOML would not read it. */
function dottedName(text: string): string[] | undefined {
  const parts: string[] = [];
  NAME_PART.lastIndex = 0;
  for (;;) {
    const part = NAME_PART.exec(text);
    if (!part) return undefined;
    parts.push(part[1] ?? part[2] ?? part[3] ?? '');
    if (NAME_PART.lastIndex === text.length) return parts;
    if (text[NAME_PART.lastIndex] !== '.') return undefined;
    NAME_PART.lastIndex += 1;
  }
}
