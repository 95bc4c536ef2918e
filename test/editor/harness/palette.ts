// The command palette and other quick inputs (showQuickPick, showInputBox). They share one
// widget: .quick-input-widget, its text box .quick-input-box input, rows .monaco-list-row.
import type { Page } from 'playwright-core';
import { contains, describe, matches, waitFor, type TextMatch } from './ui.ts';

const WIDGET = '.quick-input-widget';
const INPUT = `${WIDGET} .quick-input-box input`;
const ROW = `${WIDGET} .monaco-list-row`;
const MESSAGE = `${WIDGET} .quick-input-message`;

export interface QuickInputState {
  open: boolean;
  value: string;
  /** The prompt or validation message under the box (showInputBox's `prompt`). */
  message: string;
  rows: string[];
}

async function waitForWidget(page: Page, timeoutMs: number): Promise<void> {
  await page.locator(INPUT).waitFor({ state: 'visible', timeout: timeoutMs });
}

export function readQuickInput(page: Page): Promise<QuickInputState> {
  return page.evaluate(
    ({ input, row, message }) => ({
      open: (document.querySelector(input)?.getClientRects().length ?? 0) > 0,
      value: (document.querySelector(input) as HTMLInputElement | null)?.value ?? '',
      message: document.querySelector(message)?.textContent?.trim() ?? '',
      rows: Array.from(document.querySelectorAll(row))
        .filter((r) => (r as HTMLElement).getClientRects().length > 0)
        .map((r) => r.querySelector('.label-name')?.textContent?.trim() ?? r.getAttribute('aria-label') ?? ''),
    }),
    { input: INPUT, row: ROW, message: MESSAGE },
  );
}

/** Waits for a visible row labelled `label`, then clicks it. */
async function pickRow(page: Page, label: TextMatch, timeoutMs: number): Promise<void> {
  const index = await waitFor(
    `a quick-input row ${describe(label)}`,
    () => readQuickInput(page),
    (s) => {
      const i = s.rows.findIndex((r) => matches(r, label));
      return i >= 0 ? i : undefined;
    },
    timeoutMs,
  );
  const rows = page.locator(ROW).filter({ visible: true });
  await rows.nth(index).click({ timeout: timeoutMs });
}

/** Ctrl+Shift+P, type the command's title, run the row with exactly that title. */
export async function runCommand(page: Page, title: string, timeoutMs: number): Promise<void> {
  await page.keyboard.press('Escape'); // close whatever quick input is already open
  await page.keyboard.press('Control+Shift+P');
  await waitForWidget(page, timeoutMs);
  await page.locator(INPUT).fill(`>${title}`);
  await pickRow(page, title, timeoutMs);
  // Done when the palette has gone, or its widget now serves the command's own quick input.
  const typed = `>${title}`;
  await waitFor('the command palette to close', () => readQuickInput(page), (s) => (!s.open || s.value !== typed ? true : undefined), timeoutMs);
}

/** Picks an item of an open quick pick; types the label to filter when it is not in view. */
export async function quickPickPick(page: Page, label: TextMatch, timeoutMs: number): Promise<void> {
  await waitForWidget(page, timeoutMs);
  const inView = (await readQuickInput(page)).rows.some((r) => matches(r, label));
  if (!inView && typeof label === 'string') await page.locator(INPUT).fill(label);
  await pickRow(page, label, timeoutMs);
}

/**
 * Types into an open input box (or quick pick filter) and, by default, presses Enter.
 * `prompt` waits for that input box's prompt first: right after a quick pick the widget
 * is reused, and typing too early would go into the pick's filter.
 */
export async function quickInputType(
  page: Page,
  text: string,
  timeoutMs: number,
  opts: { submit?: boolean; prompt?: TextMatch } = {},
): Promise<void> {
  await waitForWidget(page, timeoutMs);
  const prompt = opts.prompt;
  if (prompt !== undefined) {
    await waitFor(`an input box with prompt ${describe(prompt)}`, () => readQuickInput(page), (s) => (contains(s.message, prompt) ? true : undefined), timeoutMs);
  }
  await page.locator(INPUT).fill(text);
  if (opts.submit ?? true) await page.locator(INPUT).press('Enter');
}
