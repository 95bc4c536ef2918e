// VS Code's consent dialog for a getSession call ("The extension '…' wants to sign in using Shopify"):
// a helper that answers it with Allow while some work is pending, for tests about something else.
import type { Page } from 'playwright-core';
import { clickDialogButton, readDialog } from './notifications.ts';
import { sleep } from './net.ts';

export const CONSENT = /wants to sign in using Shopify/;

/** Runs `work`, clicking Allow on every Shopify consent dialog that shows in `page` until it settles. */
export async function allowingConsent<T>(page: Page, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  const answering = (async () => {
    while (!settled) {
      const dialog = await readDialog(page).catch(() => undefined);
      if (dialog && CONSENT.test(`${dialog.message} ${dialog.detail}`)) await clickDialogButton(page, 'Allow', 10_000).catch(() => undefined);
      await sleep(250);
    }
  })();
  try {
    return await done;
  } finally {
    await answering;
  }
}
