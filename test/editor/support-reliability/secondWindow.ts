// A second window of the same editor: another tab of the same browser profile, which code-server
// gives its own extension host, and so its own consumer (on the next port: CONSUMER_PORT_SPAN).
import type { Page } from 'playwright-core';
import type { Workbench } from '../harness/browser.ts';
import { consumerClient, type Consumer } from '../harness/consumer.ts';
import { pollUntil } from '../harness/net.ts';

export interface Window {
  page: Page;
  consumer: Consumer;
  instance: string;
}

interface PortedHealth {
  instance: string;
  port?: number;
}

async function health(port: number): Promise<PortedHealth | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return res.ok ? ((await res.json()) as PortedHealth) : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the editor in a new tab of `first`'s browser and waits for its extension host's consumer. */
export async function openSecondWindow(first: Workbench, editorUrl: string, port: number, firstInstance: string): Promise<Window> {
  const page = await first.context.newPage();
  await page.goto(editorUrl, { timeout: 120_000 });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 120_000 });
  const found = await pollUntil(
    `a second consumer on port ${port}`,
    async () => {
      const h = await health(port);
      return h && h.instance !== firstInstance && h.port === port ? h : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  return { page, consumer: consumerClient(port), instance: found.instance };
}

/**
 * Reloads a window's tab and waits for its new extension host, which may take either port: the one
 * to trust is an instance no window had before (`known`: every open window's instance).
 */
export async function reloadWindow(w: Window, ports: readonly number[], known: readonly string[]): Promise<Window> {
  await w.page.reload({ timeout: 120_000 });
  await w.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 120_000 });
  const found = await pollUntil(
    'a new consumer after the reload',
    async () => {
      for (const port of ports) {
        const h = await health(port);
        if (h && !known.includes(h.instance) && h.port === port) return { port, instance: h.instance };
      }
      return undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  return { page: w.page, consumer: consumerClient(found.port), instance: found.instance };
}
