// Code passed to page.evaluate declares no named functions: tsx compiles with keepNames,
// which wraps them in a __name() helper that does not exist inside the page.
// Notification toasts and modal dialogs as VS Code 1.100 renders them in the browser:
//   toast:  .notifications-toasts .notification-toast  (message .notification-list-item-message,
//           buttons .notification-list-item-buttons-container .monaco-button)
//   dialog: .monaco-dialog-box  (.dialog-message-text, .dialog-message-detail, .dialog-buttons .monaco-button)
import type { Page } from 'playwright-core';
import { contains, describe, exactText, matches, waitFor, type TextMatch } from './ui.ts';

export interface Toast {
  message: string;
  buttons: string[];
  /** A progress notification (e.g. from withProgress) shows a running progress bar. */
  busy: boolean;
}

export interface DialogInfo {
  message: string;
  detail: string;
  buttons: string[];
}

const TOAST = '.notifications-toasts .notification-toast';
const DIALOG = '.monaco-dialog-box';

export function readToasts(page: Page): Promise<Toast[]> {
  return page.evaluate((sel) =>
    Array.from(document.querySelectorAll(sel))
      // Only toasts done fading in: their buttons are laid out and clickable. VS Code marks that on the
      // fade's transitionend, which sometimes never fires (a toast added as another closes): then full
      // opacity says the same.
      .filter(
        (e) =>
          (e as HTMLElement).getClientRects().length > 0 &&
          (e.classList.contains('notification-fade-in-done') || (e.classList.contains('notification-fade-in') && getComputedStyle(e).opacity === '1')),
      )
      .map((t) => ({
        message: t.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '',
        buttons: Array.from(t.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map(
          (b) => b.textContent?.trim() ?? '',
        ),
        busy: Array.from(t.querySelectorAll('.monaco-progress-container')).some((p) => !p.classList.contains('done')),
      })),
  TOAST);
}

const CENTRE_ITEM = '.notifications-center.visible .notification-list-item';
const BELL = '[id="status.notifications"]';

/** The notifications listed in VS Code's notification centre, when it is open. */
function readCentre(page: Page): Promise<Toast[]> {
  return page.evaluate((sel) =>
    Array.from(document.querySelectorAll(sel)).map((t) => ({
      message: t.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '',
      buttons: Array.from(t.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map((b) => b.textContent?.trim() ?? ''),
      busy: false,
    })),
  CENTRE_ITEM);
}

async function centreOpen(page: Page): Promise<boolean> {
  return (await page.locator('.notifications-center.visible').count()) > 0;
}

/**
 * Every notification VS Code holds since the last clear, whether it showed as a toast or went straight to the
 * centre: the centre is opened to read them and closed again (VS Code shows no toasts while it is open).
 */
export async function readNotificationHistory(page: Page): Promise<string[]> {
  const wasOpen = await centreOpen(page);
  if (!wasOpen) {
    await page.locator(BELL).first().click({ timeout: 5000 });
    await page.locator('.notifications-center.visible').waitFor({ timeout: 5000 });
  }
  try {
    return (await readCentre(page)).map((n) => n.message);
  } finally {
    if (!wasOpen && (await centreOpen(page))) await page.locator(BELL).first().click({ timeout: 2000 }).catch(() => undefined);
  }
}

/**
 * A notification whose message contains `want` (string) or matches it (regex): a toast, or, when VS Code filed it in
 * its notification centre without a toast (seen under load, most often right after other notifications), an entry
 * there. The centre is opened only after a third of the wait without a toast, and closed again before returning, since
 * VS Code shows no toasts while it is open.
 */
export async function waitForToast(page: Page, want: TextMatch, timeoutMs: number): Promise<Toast> {
  const started = Date.now();
  let opened = false;
  try {
    return await waitFor(
      `a notification ${describe(want)}`,
      async () => {
        const toasts = await readToasts(page);
        if (toasts.some((t) => contains(t.message, want))) return toasts;
        if (!opened && Date.now() - started > Math.min(8000, timeoutMs / 3)) {
          await page.locator(BELL).first().click({ timeout: 2000 }).catch(() => undefined);
          opened = await centreOpen(page);
        }
        return opened ? [...toasts, ...(await readCentre(page))] : toasts;
      },
      (ts) => ts.find((t) => contains(t.message, want)),
      timeoutMs,
    );
  } finally {
    if (opened && (await centreOpen(page))) await page.locator(BELL).first().click({ timeout: 2000 }).catch(() => undefined);
  }
}

export async function clickToastButton(page: Page, label: string, timeoutMs: number, toast?: TextMatch): Promise<void> {
  const owner = toast ?? /[\s\S]*/;
  await waitFor(
    `a notification${toast ? ` ${describe(toast)}` : ''} with button ${describe(label)}`,
    () => readToasts(page),
    (ts) => ts.find((t) => contains(t.message, owner) && t.buttons.some((b) => matches(b, label))),
    timeoutMs,
  );
  const toasts = page.locator(TOAST).filter({ has: page.locator('.notification-list-item-message') });
  const candidates = toast
    ? toasts.filter({ has: page.locator('.notification-list-item-message', { hasText: toast }) })
    : toasts;
  const button = candidates
    .locator('.notification-list-item-buttons-container .monaco-button', { hasText: exactText(label) })
    .first();
  // A collapsed toast hides its buttons until it is expanded; clicking its message expands it.
  if (!(await button.isVisible())) await candidates.first().locator('.notification-list-item-message').click();
  await button.click({ timeout: timeoutMs });
}

export async function readDialog(page: Page): Promise<DialogInfo | undefined> {
  return page.evaluate((sel) => {
    const box = document.querySelector(sel);
    if (!box || (box as HTMLElement).getClientRects().length === 0) return undefined;
    return {
      message: box.querySelector('.dialog-message-text')?.textContent?.trim() ?? '',
      detail: box.querySelector('.dialog-message-detail')?.textContent?.trim() ?? '',
      buttons: Array.from(box.querySelectorAll('.dialog-buttons .monaco-button')).map((b) => b.textContent?.trim() ?? ''),
    };
  }, DIALOG);
}

/** Waits for a dialog whose message or detail contains `want` (any dialog when omitted). */
export function waitForDialog(page: Page, want: TextMatch | undefined, timeoutMs: number): Promise<DialogInfo> {
  return waitFor(
    `a dialog${want ? ` ${describe(want)}` : ''}`,
    () => readDialog(page),
    (d) => (d && (!want || contains(`${d.message} ${d.detail}`, want)) ? d : undefined),
    timeoutMs,
  );
}

export async function clickDialogButton(page: Page, label: string, timeoutMs: number): Promise<void> {
  const before = await waitFor(
    `a dialog with button ${describe(label)}`,
    () => readDialog(page),
    (d) => (d?.buttons.some((b) => matches(b, label)) ? d : undefined),
    timeoutMs,
  );
  await page.locator(`${DIALOG} .dialog-buttons .monaco-button`, { hasText: exactText(label) }).first().click({ timeout: timeoutMs });
  // Pressed once that dialog is gone; another may follow at once, so compare contents.
  const same = JSON.stringify(before);
  await waitFor(`the dialog to close after ${describe(label)}`, () => readDialog(page), (d) => (!d || JSON.stringify(d) !== same ? true : undefined), timeoutMs);
}
