// Shared plumbing for the workbench helpers: text matching, bounded polling in the page,
// and turning any failure into a message plus a screenshot of what the browser showed.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sleep } from './net.ts';
import { SCREENSHOTS_DIR } from './paths.ts';

export type TextMatch = string | RegExp;

/** Exact text, or a regex. Text is compared with whitespace collapsed. */
export function matches(text: string, want: TextMatch): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return typeof want === 'string' ? t === want.replace(/\s+/g, ' ').trim() : want.test(t);
}

/** Like `matches`, but a string may also be a substring: for long messages. */
export function contains(text: string, want: TextMatch): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  return typeof want === 'string' ? t.includes(want.replace(/\s+/g, ' ').trim()) : want.test(t);
}

/** A regex for a locator's `hasText` that matches `label` exactly, not as a substring. */
export function exactText(label: string): RegExp {
  return new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

export function describe(want: TextMatch): string {
  return typeof want === 'string' ? JSON.stringify(want) : String(want);
}

export async function screenshotTo(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  // Animations finished, so a toast is not caught half faded in.
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/** Runs a UI step; on failure saves a screenshot and says which step failed and where to look. */
export async function guard<T>(page: Page, step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    let shot = '';
    try {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      shot = ` (screenshot: ${await screenshotTo(page, `FAILED-${step}-${stamp}`)})`;
    } catch {
      shot = ' (no screenshot: the page is gone)';
    }
    throw new Error(`${step} failed: ${message}${shot}`, { cause: err });
  }
}

/**
 * Polls `read` until `accept` returns a value. On timeout the error shows the last thing
 * read, which is usually what explains the failure (e.g. the toasts that were visible).
 */
export async function waitFor<R, T>(
  what: string,
  read: () => Promise<R>,
  accept: (r: R) => T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: R;
  for (;;) {
    last = await read();
    const hit = accept(last);
    if (hit !== undefined) return hit;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    }
    await sleep(150);
  }
}
