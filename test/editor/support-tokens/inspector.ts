// The token inspector webview as the user sees it. VS Code web puts a webview two iframes deep
// (iframe.webview > iframe#active-frame); the inspector's document is the inner one, found by
// its #app element. Code passed to evaluate declares no named functions (tsx keepNames).
import type { Frame, Page } from 'playwright-core';
import { waitFor } from '../harness/ui.ts';

export interface InspectorCheck {
  status: string;
  code: string;
  message: string;
}

export interface InspectorView {
  badge: string;
  heading: string;
  name: string;
  countdown: string;
  summary: string;
  signatureClass: string;
  signature: string;
  /** The line above the check list: counts and leeway. */
  checksSummary: string;
  checks: InspectorCheck[];
  /** The "Token" table: Family, Why, Shop, Subject, As of. */
  facts: Record<string, string>;
  /** The "Times" table by claim: [UTC, local, relative]. */
  times: Record<string, string[]>;
  inputChanges: string[];
  sections: string[];
  claimsJson: string;
  buttons: string[];
  csp: string;
}

/** Reads the inspector, or undefined when `frame` is not (or no longer) the inspector with a report. */
function readFrame(frame: Frame): Promise<InspectorView | undefined> {
  return frame
    .evaluate(() => {
      const app = document.getElementById('app');
      if (!app || !app.querySelector('header.verdict')) return undefined;
      const sections = Array.from(app.querySelectorAll('section'));
      const byTitle: Record<string, Element> = {};
      for (const s of sections) byTitle[s.querySelector('h2')?.textContent ?? ''] = s;
      const facts: Record<string, string> = {};
      for (const tr of Array.from(byTitle['Token']?.querySelectorAll('tr') ?? [])) {
        facts[tr.querySelector('th')?.textContent ?? ''] = tr.querySelector('td')?.textContent ?? '';
      }
      const times: Record<string, string[]> = {};
      for (const tr of Array.from(byTitle['Times']?.querySelectorAll('tr') ?? []).slice(1)) {
        times[tr.querySelector('th')?.textContent ?? ''] = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '');
      }
      return {
        badge: app.querySelector('.verdict .badge')?.textContent ?? '',
        heading: app.querySelector('.verdict h1')?.textContent ?? '',
        name: app.querySelector('.verdict p.muted')?.textContent ?? '',
        countdown: app.querySelector('.countdown')?.textContent ?? '',
        summary: app.querySelector('p.summary')?.textContent ?? '',
        signatureClass: app.querySelector('p.signature')?.className ?? '',
        signature: app.querySelector('p.signature')?.textContent ?? '',
        checksSummary: byTitle['Checks']?.querySelector('p.muted')?.textContent ?? '',
        checks: Array.from(app.querySelectorAll('li.check')).map((li) => ({
          status: li.className.replace('check', '').trim(),
          code: li.querySelector('.code')?.textContent ?? '',
          message: li.querySelector('.message')?.textContent ?? '',
        })),
        facts,
        times,
        inputChanges: Array.from(byTitle['Input clean-up']?.querySelectorAll('li') ?? []).map((li) => li.textContent ?? ''),
        sections: sections.map((s) => s.querySelector('h2')?.textContent ?? ''),
        claimsJson: byTitle['Claims']?.querySelector('pre')?.textContent ?? '',
        buttons: Array.from(app.querySelectorAll('button')).map((b) => b.textContent ?? ''),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      };
    })
    .catch(() => undefined);
}

/** The inspector's frame and what it shows, once `accept` likes what it shows. */
export async function waitForInspector(
  page: Page,
  what: string,
  accept: (view: InspectorView) => boolean,
  timeoutMs: number,
): Promise<{ frame: Frame; view: InspectorView }> {
  return waitFor(
    `the token inspector to show ${what}`,
    async () => {
      const found: Array<{ frame: Frame; view: InspectorView }> = [];
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const view = await readFrame(frame);
        if (view) found.push({ frame, view });
      }
      return found;
    },
    (found) => found.find((f) => accept(f.view)),
    timeoutMs,
  );
}

/** Clicks a button of the inspector by its text. */
export async function clickInspectorButton(frame: Frame, label: string, timeoutMs: number): Promise<void> {
  await frame.locator('#app button', { hasText: label }).first().click({ timeout: timeoutMs });
}

/** Sets the "As of" field to a moment, written in the page's own local time as datetime-local wants. */
export async function setAsOf(frame: Frame, epochSeconds: number, timeoutMs: number): Promise<void> {
  const value = await frame.evaluate((s) => {
    const d = new Date(s * 1000);
    const parts = [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0'));
    return `${d.getFullYear()}-${parts[0]}-${parts[1]}T${parts[2]}:${parts[3]}:${parts[4]}`;
  }, epochSeconds);
  await frame.locator('#app input[type="datetime-local"]').fill(value, { timeout: timeoutMs });
}

/**
 * Tries to run an inline script and an injected handler in the inspector: a strict CSP blocks both and
 * reports each as a violation. Returns what ran and how many violations the page saw.
 */
export function probeCsp(frame: Frame): Promise<{ inlineRan: boolean; handlerRan: boolean; violations: number }> {
  return frame.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    let violations = 0;
    document.addEventListener('securitypolicyviolation', () => {
      violations += 1;
    });
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handlerRan = true;');
    img.src = 'data:image/png;base64,not-an-image';
    document.body.appendChild(img);
    await new Promise((r) => setTimeout(r, 1000));
    script.remove();
    img.remove();
    return { inlineRan: w['__inlineRan'] === true, handlerRan: w['__handlerRan'] === true, violations };
  });
}
