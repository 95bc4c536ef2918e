// Accounts menu > an account > Manage Trusted Extensions: VS Code's multi-select quick pick of the
// extensions allowed to use that account. Checked rows are allowed; accepting saves the checks.
import type { Page } from 'playwright-core';
import { clickAccountsMenuItem } from './accounts.ts';
import { waitFor } from './ui.ts';

const ROW = '.quick-input-widget .quick-input-list .monaco-list-row';

export interface TrustedRow {
  label: string;
  checked: boolean;
}

export function readTrustedRows(page: Page): Promise<TrustedRow[]> {
  return page.evaluate((row) => {
    return Array.from(document.querySelectorAll(row))
      .filter((r) => (r as HTMLElement).getClientRects().length > 0)
      .map((r) => {
        const box = r.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
        const toggle = r.querySelector('.monaco-custom-toggle, [role="checkbox"]');
        const checked = box?.checked ?? (toggle?.getAttribute('aria-checked') ?? r.getAttribute('aria-checked')) === 'true';
        return { label: r.querySelector('.label-name')?.textContent?.trim() ?? r.getAttribute('aria-label') ?? '', checked };
      });
  }, ROW);
}

/** Opens Manage Trusted Extensions for `account` (as the menu shows it) and returns its rows. */
export async function openTrustedExtensions(page: Page, account: string, timeoutMs: number): Promise<TrustedRow[]> {
  await clickAccountsMenuItem(page, [account, 'Manage Trusted Extensions'], timeoutMs);
  return waitFor('the Manage Trusted Extensions list', () => readTrustedRows(page), (rows) => (rows.length > 0 ? rows : undefined), timeoutMs);
}

/** Unchecks `label` in the open list and accepts it (OK). */
export async function untrust(page: Page, label: string, timeoutMs: number): Promise<void> {
  const rows = await readTrustedRows(page);
  const index = rows.findIndex((r) => r.label === label);
  if (index < 0) throw new Error(`no row ${label} in ${JSON.stringify(rows)}`);
  if (rows[index]?.checked) {
    await page.locator(ROW).filter({ visible: true }).nth(index).click({ timeout: timeoutMs });
    await waitFor(`${label} to be unchecked`, () => readTrustedRows(page), (now) => (now[index]?.checked === false ? true : undefined), timeoutMs);
  }
  await page.locator('.quick-input-widget .quick-input-box input').press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs });
}
