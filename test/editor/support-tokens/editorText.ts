// Text documents in the workbench, the way a person handles them: a file written into the
// workspace folder the editor opened, opened with Go to File, a line selected with the keyboard,
// and a hover brought up by moving the mouse over text.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readQuickInput } from '../harness/palette.ts';
import { waitFor } from '../harness/ui.ts';

/** The folder code-server opened (startEditor's default: "workspace" beside the user-data-dir). */
export function workspaceDir(editor: { userDataDir: string }): string {
  return path.join(path.dirname(editor.userDataDir), 'workspace');
}

/** Writes `name` into the workspace and opens it with Go to File (Ctrl+P); resolves once its text shows. */
export async function openWorkspaceFile(page: Page, dir: string, name: string, text: string, timeoutMs: number): Promise<void> {
  writeFileSync(path.join(dir, name), text);
  const firstLine = text.split('\n')[0]?.slice(0, 20) ?? '';
  await page.keyboard.press('Escape');
  await waitFor(
    `Go to File to list ${name}`,
    async () => {
      const state = await readQuickInput(page);
      if (!state.open) {
        await page.keyboard.press('Control+P');
        return undefined;
      }
      if (state.value !== name) await page.locator('.quick-input-widget .quick-input-box input').fill(name);
      return state.rows;
    },
    (rows) => (rows?.some((r) => r === name) ? true : undefined),
    timeoutMs,
  );
  await page.locator('.quick-input-widget .quick-input-box input').press('Enter');
  await waitFor(
    `${name} to show in an editor`,
    () => page.evaluate(() => Array.from(document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')).map((l) => l.textContent ?? '')),
    (lines) => (lines.some((l) => l.replace(/\u00a0/g, ' ').startsWith(firstLine)) ? true : undefined),
    timeoutMs,
  );
}

/** Puts the cursor at the start of the document and selects line `n` (1-based) to its end. */
export async function selectLine(page: Page, n: number, timeoutMs: number): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.locator('.editor-group-container.active .monaco-editor .selected-text').first().waitFor({ state: 'attached', timeout: timeoutMs });
}

/**
 * Moves the mouse over the line that starts with `linePrefix`, `offsetPx` from its left edge, until
 * the editor's hover shows something matching `want`; returns the hover's text.
 */
export async function hoverText(page: Page, linePrefix: string, offsetPx: number, want: RegExp, timeoutMs: number): Promise<string> {
  const line = page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: linePrefix }).first();
  let wiggle = 0;
  return waitFor(
    `a hover matching ${want}`,
    async () => {
      const shown = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.monaco-hover'))
          .filter((h) => (h as HTMLElement).getClientRects().length > 0 && !h.classList.contains('hidden'))
          .map((h) => (h.textContent ?? '').replace(/\u00a0/g, ' '))
          .join('\n'),
      );
      if (!want.test(shown)) {
        // A hover starts on mouse movement: nudge the pointer a little each time round.
        const box = await line.boundingBox();
        if (box) await page.mouse.move(box.x + offsetPx + (wiggle++ % 3) * 4, box.y + box.height / 2, { steps: 2 });
      }
      return shown;
    },
    (shown) => (want.test(shown) ? shown : undefined),
    timeoutMs,
  );
}

/** Clicks a link in the visible hover. */
export async function clickHoverLink(page: Page, label: string, timeoutMs: number): Promise<void> {
  await page.locator('.monaco-hover a', { hasText: label }).first().click({ timeout: timeoutMs });
}

/**
 * Runs a palette command without first pressing Escape (as the harness's runCommand does): in an editor,
 * Escape clears the selection the command is meant to read.
 */
export async function runCommandOnSelection(page: Page, title: string, timeoutMs: number): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  await waitFor(`the palette to list ${title}`, () => readQuickInput(page), (s) => (s.rows[0] === title ? true : undefined), timeoutMs);
  await input.press('Enter');
  await waitFor('the command palette to close', () => readQuickInput(page), (s) => (!s.open || s.value !== `>${title}` ? true : undefined), timeoutMs);
}
