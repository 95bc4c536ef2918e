// Searches every file under some folders for secret strings, as UTF-8 and as UTF-16LE (Chromium
// keeps some browser storage as UTF-16). Reports counts and where, never the secrets themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LeakScan {
  filesScanned: number;
  files: string[];
  bytesScanned: number;
  secretsSearched: number;
  /** One entry per (file, secret) hit: the file and the secret's kind, never its value. */
  hits: Array<{ file: string; kind: string }>;
}

export interface Secret {
  kind: string;
  value: string;
}

function* filesUnder(dir: string): Generator<string> {
  if (statSync(dir, { throwIfNoEntry: false })?.isFile()) {
    yield dir;
    return;
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a folder removed while we walk (a log rotated) holds nothing to find
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

export function scanForSecrets(roots: readonly string[], secrets: readonly Secret[]): LeakScan {
  const needles = secrets
    .filter((s) => s.value.length >= 8) // shorter strings would match by chance
    .map((s) => ({ kind: s.kind, forms: [Buffer.from(s.value, 'utf8'), Buffer.from(s.value, 'utf16le')] }));
  const scan: LeakScan = { files: [], filesScanned: 0, bytesScanned: 0, secretsSearched: needles.length, hits: [] };
  const seen = new Set<string>();
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      if (seen.has(file)) continue;
      seen.add(file);
      let bytes: Buffer;
      try {
        if (statSync(file).size > 256 * 1024 * 1024) continue;
        bytes = readFileSync(file);
      } catch {
        continue; // a socket or a file that vanished
      }
      scan.filesScanned++;
      scan.files.push(file);
      scan.bytesScanned += bytes.length;
      for (const needle of needles) {
        if (needle.forms.some((form) => bytes.includes(form))) scan.hits.push({ file, kind: needle.kind });
      }
    }
  }
  return scan;
}

/** Secrets found in texts a person read (notifications, dialogs). */
export function textHits(texts: readonly string[], secrets: readonly Secret[]): number {
  return texts.reduce((n, text) => n + secrets.filter((s) => text.includes(s.value)).length, 0);
}
