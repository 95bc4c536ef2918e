// A pasted token's values reach notifications (the report's name and summary): none of them may become a link there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeSessionToken, verifySessionToken } from '../../../src/shopify/tokens';
import { CLIENT_ID, claimsFor, joseToken, NOW, SECRET } from './helpers';

// VS Code's pattern for links in notification messages (linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const LINK = '[Re-verify](command:workbench.action.terminal.new)';

describe('token values in notifications', () => {
  test('a jti, an iss or a dest written as a link is shown as text, never as a link', async () => {
    const token = await joseToken(claimsFor('admin', { jti: LINK, iss: `https://my-store.myshopify.com/${LINK}`, dest: LINK }));
    const verified = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW });
    const decoded = decodeSessionToken(token, { now: NOW });
    for (const report of [verified, decoded]) {
      assert.ok(report.name.includes('[Re-verify]'), report.name);
      for (const text of [report.name, report.summary, ...report.checks.map((c) => c.message)]) assert.doesNotMatch(text, VSCODE_LINK);
    }
  });
});
