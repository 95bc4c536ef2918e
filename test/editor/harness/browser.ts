// Debian's Chromium driven by playwright-core, showing the code-server workbench, with
// one helper per thing a person does in the editor. Every helper waits with a deadline
// and, on failure, saves a screenshot and names the step that failed.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { clickAccountsMenuItem, accountsMenuItems, openAccountsMenu } from './accounts.ts';
import {
  clickDialogButton, clickToastButton, readDialog, readNotificationHistory,
  readToasts, waitForDialog, waitForToast,
  type DialogInfo, type Toast,
} from './notifications.ts';
import { quickInputType, quickPickPick, runCommand } from './palette.ts';
import { CHROMIUM_PATH, runDirName } from './paths.ts';
import { guard, screenshotTo, waitFor, type TextMatch } from './ui.ts';

// The closed network refuses Chromium's own background traffic; these keep it quiet.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export interface WorkbenchOptions {
  /** Browser profile to reuse (VS Code web keeps some state in the browser); fresh by default. */
  profileDir?: string;
  /** Deadline for each UI wait (default 15 s). */
  timeoutMs?: number;
  /** Deadline for the workbench to load (default 60 s). */
  loadTimeoutMs?: number;
  headless?: boolean;
}

export interface Workbench {
  page: Page;
  context: BrowserContext;
  profileDir: string;
  /** Browser console output, for post-mortems. */
  consoleLog: string;
  runCommand(title: string): Promise<void>;
  /** The toasts on screen now. */
  notifications(): Promise<string[]>;
  /** Every notification since the last clear, including those VS Code filed in its centre without a toast. */
  notificationHistory(): Promise<string[]>;
  toasts(): Promise<Toast[]>;
  waitForNotification(text: TextMatch, opts?: { timeoutMs?: number }): Promise<string>;
  clickNotificationButton(label: string, opts?: { notification?: TextMatch; timeoutMs?: number }): Promise<void>;
  dialog(): Promise<DialogInfo | undefined>;
  waitForDialog(text?: TextMatch, opts?: { timeoutMs?: number }): Promise<DialogInfo>;
  clickDialogButton(label: 'Allow' | 'Cancel' | (string & {}), opts?: { timeoutMs?: number }): Promise<void>;
  openAccountsMenu(): Promise<string[]>;
  accountsMenuItems(): Promise<string[]>;
  clickAccountsMenuItem(...path: TextMatch[]): Promise<void>;
  quickPickPick(label: TextMatch): Promise<void>;
  quickInputType(text: string, opts?: { submit?: boolean; prompt?: TextMatch }): Promise<void>;
  readClipboard(): Promise<string>;
  /**
   * Runs `action` (which stores a secret) and waits until the workbench has written its
   * secrets to browser storage. SecretStorage.store resolves before that write in VS Code
   * web, so a reload right after a store can lose the secret.
   */
  persistingSecrets<T>(action: () => Promise<T>, opts?: { timeoutMs?: number }): Promise<T>;
  /** The next tab the workbench opens (e.g. by openExternal) that no earlier call returned. */
  waitForPopup(opts?: { timeoutMs?: number }): Promise<Page>;
  reload(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(editor: { url: string }, options: WorkbenchOptions = {}): Promise<Workbench> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const loadTimeoutMs = options.loadTimeoutMs ?? 60_000;
  const runDir = options.profileDir ? path.dirname(options.profileDir) : runDirName('browser');
  const profileDir = options.profileDir ?? path.join(runDir, 'profile');
  const consoleLog = path.join(runDir, 'browser-console.log');
  mkdirSync(profileDir, { recursive: true });

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const origin = new URL(editor.url).origin;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));

  // Tabs the workbench opens, queued so a popup is not lost when it opens before the wait.
  const popups: Page[] = [];
  const popupWaiters: Array<(p: Page) => void> = [];
  context.on('page', (p) => (popupWaiters.length ? popupWaiters.shift()?.(p) : popups.push(p)));

  const waitForWorkbench = (): Promise<void> =>
    guard(page, 'load-workbench', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: loadTimeoutMs });
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: loadTimeoutMs });
    });
  try {
    await page.goto(editor.url, { timeout: loadTimeoutMs });
    await waitForWorkbench();
  } catch (err) {
    await context.close();
    throw err;
  }

  const t = (opts?: { timeoutMs?: number }): number => opts?.timeoutMs ?? timeoutMs;
  const wb: Workbench = {
    page,
    context,
    profileDir,
    consoleLog,
    runCommand: (title) => guard(page, `runCommand-${title}`, () => runCommand(page, title, timeoutMs)),
    notifications: async () => (await readToasts(page)).map((n) => n.message),
    toasts: () => readToasts(page),
    notificationHistory: () => readNotificationHistory(page),
    waitForNotification: (text, opts) =>
      guard(page, 'waitForNotification', async () => (await waitForToast(page, text, t(opts))).message),
    clickNotificationButton: (label, opts) =>
      guard(page, `clickNotificationButton-${label}`, () => clickToastButton(page, label, t(opts), opts?.notification)),
    dialog: () => readDialog(page),
    waitForDialog: (text, opts) => guard(page, 'waitForDialog', () => waitForDialog(page, text, t(opts))),
    clickDialogButton: (label, opts) =>
      guard(page, `clickDialogButton-${label}`, () => clickDialogButton(page, label, t(opts))),
    openAccountsMenu: () => guard(page, 'openAccountsMenu', () => openAccountsMenu(page, timeoutMs)),
    accountsMenuItems: () => accountsMenuItems(page),
    clickAccountsMenuItem: (...labels) =>
      guard(page, 'clickAccountsMenuItem', () => clickAccountsMenuItem(page, labels, timeoutMs)),
    quickPickPick: (label) => guard(page, 'quickPickPick', () => quickPickPick(page, label, timeoutMs)),
    quickInputType: (text, opts) =>
      guard(page, 'quickInputType', () => quickInputType(page, text, timeoutMs, opts)),
    readClipboard: () =>
      guard(page, 'readClipboard', async () => {
        await page.bringToFront(); // the async clipboard needs a focused document
        return page.evaluate(() => navigator.clipboard.readText());
      }),
    persistingSecrets: (action, opts) =>
      guard(page, 'persistingSecrets', async () => {
        const read = (): Promise<string | null> => page.evaluate(() => localStorage.getItem('secrets.provider'));
        const before = await read();
        const result = await action();
        // Each save re-encrypts with a fresh IV, so any save changes the stored text.
        await waitFor('the secrets to be saved in browser storage', read, (now) => (now !== before ? true : undefined), t(opts));
        return result;
      }),
    waitForPopup: (opts) =>
      guard(page, 'waitForPopup', async () => {
        const ready = popups.shift();
        const popup =
          ready ??
          (await new Promise<Page>((resolve, reject) => {
            const timer = setTimeout(() => {
              popupWaiters.splice(popupWaiters.indexOf(got), 1);
              reject(new Error(`no new tab opened within ${t(opts)} ms`));
            }, t(opts));
            const got = (p: Page): void => {
              clearTimeout(timer);
              resolve(p);
            };
            popupWaiters.push(got);
          }));
        await popup.waitForLoadState('domcontentloaded', { timeout: t(opts) });
        return popup;
      }),
    reload: async () => {
      await guard(page, 'reload', () => page.reload({ timeout: loadTimeoutMs }).then(() => undefined));
      await waitForWorkbench();
    },
    screenshot: (name) => screenshotTo(page, name),
    close: () => context.close(),
  };
  return wb;
}
