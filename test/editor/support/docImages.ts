// The README's pictures come from the end-to-end tests, so they show what the extension really
// does: with UPDATE_DOC_IMAGES=1 a test saves the part of the workbench it is looking at to
// docs/images/<name>.png. Small crops, not whole windows, to keep the package light.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths.ts';

const DOC_IMAGES_DIR = path.join(REPO_ROOT, 'docs/images');
const MARGIN = 24;

export function updatingDocImages(): boolean {
  return process.env['UPDATE_DOC_IMAGES'] === '1';
}

/** Saves the smallest rectangle around `parts` (plus a margin) as docs/images/<name>.png, when asked to. */
export async function docImage(page: Page, name: string, ...parts: Locator[]): Promise<void> {
  if (!updatingDocImages()) return;
  const boxes = [];
  for (const part of parts) {
    const box = await part.first().boundingBox();
    if (!box) throw new Error(`doc image ${name}: a part is not on screen`);
    boxes.push(box);
  }
  const view = page.viewportSize() ?? { width: 1400, height: 900 };
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - MARGIN);
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - MARGIN);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN);
  mkdirSync(DOC_IMAGES_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(DOC_IMAGES_DIR, `${name}.png`),
    clip: { x: left, y: top, width: right - left, height: bottom - top },
    animations: 'disabled',
  });
}
