// The Accounts menu: the activity-bar entry `li.action-item[aria-label^="Accounts"]` opens a
// context menu (.monaco-menu-container); an account is a submenu item ("label (Provider)")
// whose submenu (.monaco-submenu) holds "Manage Trusted Extensions" and "Sign Out".
// VS Code renders no menu at all while there is no account and no extension has asked
// for a session, so an empty menu is reported as such rather than as a timeout.
import type { Locator, Page } from 'playwright-core';
import { sleep } from './net.ts';
import { describe, matches, waitFor, type TextMatch } from './ui.ts';

const ENTRY = 'li.action-item[aria-label^="Accounts"]';
const MENU = '.monaco-menu-container:not(.monaco-submenu)';
const SUBMENU = '.monaco-submenu';

/** Labels of one menu level: the items directly in its first `ul[role=menu]`. */
function readLevel(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const menus = Array.from(document.querySelectorAll(sel)).filter((m) => (m as HTMLElement).getClientRects().length > 0);
    const list = menus.at(-1)?.querySelector('ul[role="menu"]');
    if (!list) return [];
    return Array.from(list.querySelectorAll(':scope > li > a .action-label')).map(
      (a) => a.getAttribute('aria-label') ?? a.textContent?.trim() ?? '',
    );
  }, selector);
}

export function accountsMenuItems(page: Page): Promise<string[]> {
  return readLevel(page, MENU);
}

export async function openAccountsMenu(page: Page, timeoutMs: number): Promise<string[]> {
  if ((await accountsMenuItems(page)).length > 0) return accountsMenuItems(page);
  await page.keyboard.press('Escape');
  await page.locator(ENTRY).first().click({ timeout: timeoutMs });
  try {
    return await waitFor('the Accounts menu', () => accountsMenuItems(page), (items) => (items.length ? items : undefined), timeoutMs);
  } catch {
    throw new Error(
      'the Accounts menu opened no items: VS Code shows it only once an account exists ' +
        'or an extension has asked for a session (getSession without createIfNone)',
    );
  }
}

/**
 * Clicks through the menu: every label but the last opens a submenu by hovering it,
 * e.g. clickAccountsMenuItem(page, ['me@example.com (Shopify)', 'Sign Out']). A string
 * matches exactly or as a prefix (the sign-in entries end in a changing count).
 */
export async function clickAccountsMenuItem(page: Page, path: TextMatch[], timeoutMs: number): Promise<void> {
  await openAccountsMenu(page, timeoutMs);
  for (const [depth, want] of path.entries()) {
    const level = depth === 0 ? MENU : SUBMENU;
    const labels = await waitFor(
      `Accounts menu item ${describe(want)}`,
      () => readLevel(page, level),
      (items) => (items.some((i) => labelMatches(i, want)) ? items : undefined),
      timeoutMs,
    );
    const label = labels.find((i) => labelMatches(i, want)) ?? '';
    const menus = page.locator(level).filter({ visible: true });
    const item = menus.last().locator('ul[role="menu"] > li > a', { has: page.locator(`.action-label[aria-label="${cssEscape(label)}"]`) }).first();
    if (depth < path.length - 1) {
      await item.hover({ timeout: timeoutMs });
      await page.locator(SUBMENU).filter({ visible: true }).first().waitFor({ timeout: timeoutMs });
      // The submenu is (re)built on a short hover delay; a click landing on the old one is lost.
      await sleep(SUBMENU_SETTLE_MS);
    } else {
      await clickUntilClosed(page, item, timeoutMs);
    }
  }
}

const SUBMENU_SETTLE_MS = 400;

/** Clicks a menu item until the menu closes: a click during a menu re-render is dropped. */
async function clickUntilClosed(page: Page, item: Locator, timeoutMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await item.click({ timeout: timeoutMs });
    const closed = await page
      .locator(MENU)
      .filter({ visible: true })
      .first()
      .waitFor({ state: 'hidden', timeout: 2000 })
      .then(() => true, () => false);
    if (closed) return;
    if (attempt === 3) throw new Error('the menu stayed open after 3 clicks on the item');
  }
}

function labelMatches(label: string, want: TextMatch): boolean {
  return matches(label, want) || (typeof want === 'string' && label.startsWith(want));
}

function cssEscape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
