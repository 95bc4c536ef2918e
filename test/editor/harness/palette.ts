// The command palette and other quick inputs (showQuickPick, showInputBox). They share one
// widget: .quick-input-widget, its text box .quick-input-box input, rows .monaco-list-row.
import type { Page } from 'playwright-core';
import { describe, matches, waitFor, type TextMatch } from './ui.ts';

const WIDGET = '.quick-input-widget';
const INPUT = `${WIDGET} .quick-input-box input`;
const ROW = `${WIDGET} .monaco-list-row`;

export interface QuickInputState {
  value: string;
  rows: string[];
}

async function waitForWidget(page: Page, timeoutMs: number): Promise<void> {
  await page.locator(INPUT).waitFor({ state: 'visible', timeout: timeoutMs });
}

export function readQuickInput(page: Page): Promise<QuickInputState> {
  return page.evaluate(
    ({ input, row }) => ({
      value: (document.querySelector(input) as HTMLInputElement | null)?.value ?? '',
      rows: Array.from(document.querySelectorAll(row))
        .filter((r) => (r as HTMLElement).getClientRects().length > 0)
        .map((r) => r.querySelector('.label-name')?.textContent?.trim() ?? r.getAttribute('aria-label') ?? ''),
    }),
    { input: INPUT, row: ROW },
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
  await page.locator(INPUT).waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => {
    // A command may open its own quick input at once (the widget is reused): that is fine.
  });
}

/** Picks an item of an open quick pick; types the label to filter when it is not in view. */
export async function quickPickPick(page: Page, label: TextMatch, timeoutMs: number): Promise<void> {
  await waitForWidget(page, timeoutMs);
  const inView = (await readQuickInput(page)).rows.some((r) => matches(r, label));
  if (!inView && typeof label === 'string') await page.locator(INPUT).fill(label);
  await pickRow(page, label, timeoutMs);
}

/** Types into an open input box (or quick pick filter) and, by default, presses Enter. */
export async function quickInputType(page: Page, text: string, timeoutMs: number, submit = true): Promise<void> {
  await waitForWidget(page, timeoutMs);
  await page.locator(INPUT).fill(text);
  if (submit) await page.locator(INPUT).press('Enter');
}
