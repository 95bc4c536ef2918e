// The page a person (or a test's browser) opens to approve a sign-in. Plain HTML, no
// scripts or external assets; every value shown is escaped.
import type { IncomingMessage } from 'node:http';
import { textAnswer, type Answer } from './answers.ts';
import { statusOf } from './deviceCodes.ts';
import { FormParams } from './form.ts';
import { isFormEncoded, readBody } from './httpIo.ts';
import type { ServerState } from './state.ts';
import { DEFAULT_USER, isTestUserName, USERS } from './users.ts';
import { ControlError } from './validate.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GET /activate: type the code shown in VS Code. */
export function activatePage(): Answer {
  return page(200, 'Activate Shopify CLI', `
    <h1>Activate Shopify CLI</h1>
    <form method="post" action="activate">
      <label for="user-code">Code shown in VS Code</label>
      <input id="user-code" name="user_code" autocomplete="off" autocapitalize="characters" placeholder="XXXX-XXXX" required>
      ${userChoice()}
      ${buttons()}
    </form>`);
}

/** GET /activate-with-code?device_code[user_code]=XXXX-XXXX: the code comes prefilled. */
export function activateWithCodePage(state: ServerState, query: URLSearchParams): Answer {
  const input = query.get('device_code[user_code]') ?? '';
  const code = state.deviceCodes.byUser(input);
  if (!code) return problem(404, 'Unknown code', `The code ${input ? `“${input}”` : 'in this link'} is not one we issued.`);
  const status = statusOf(code, Date.now());
  if (status === 'expired') return problem(410, 'Code expired', `The code ${code.userCode} has expired. Start the sign-in again in VS Code.`);
  if (status !== 'pending') return problem(409, 'Code already used', `The code ${code.userCode} was already ${status}.`);
  return page(200, 'Activate Shopify CLI', `
    <h1>Activate Shopify CLI</h1>
    <p>Check that this code matches the one shown in VS Code:</p>
    <p class="code" id="user-code">${escapeHtml(code.userCode)}</p>
    <form method="post" action="activate">
      <input type="hidden" name="user_code" value="${escapeHtml(code.userCode)}">
      ${userChoice()}
      ${buttons()}
    </form>`);
}

/** POST /activate: the Approve or Deny button. */
export async function decideFromPage(state: ServerState, req: IncomingMessage): Promise<Answer> {
  const body = await readBody(req);
  const params = new FormParams(isFormEncoded(req) ? body : '');
  const userCode = params.get('user_code') ?? '';
  const action = params.get('action');
  const userName = params.get('user') ?? DEFAULT_USER.name;
  if (action !== 'approve' && action !== 'deny') return problem(400, 'Choose Approve or Deny', 'The form was sent without a choice.');
  if (!isTestUserName(userName)) return problem(400, 'Unknown user', `There is no test user “${userName}”.`);
  try {
    const decided = state.decide(userCode, action === 'approve', USERS[userName], Date.now());
    const title = action === 'approve' ? 'Approved' : 'Denied';
    const who = action === 'approve' ? ` as ${USERS[userName].email}` : '';
    return page(200, title, `
      <h1>${title}</h1>
      <p>Code ${escapeHtml(decided.userCode)} ${title.toLowerCase()}${escapeHtml(who)}.</p>
      <p>You can close this tab and return to VS Code.</p>`);
  } catch (error: unknown) {
    if (!(error instanceof ControlError)) throw error;
    const title = error.status === 404 ? 'Unknown code' : error.status === 410 ? 'Code expired' : 'Code already used';
    return problem(error.status, title, error.message);
  }
}

function userChoice(): string {
  const options = Object.values(USERS)
    .map((u) => `<option value="${escapeHtml(u.name)}"${u === DEFAULT_USER ? ' selected' : ''}>${escapeHtml(u.name)} (${escapeHtml(u.email)})</option>`)
    .join('');
  return `<label for="user">Sign in as</label><select id="user" name="user">${options}</select>`;
}

function buttons(): string {
  return `<div class="buttons">
        <button type="submit" name="action" value="approve">Approve</button>
        <button type="submit" name="action" value="deny">Deny</button>
      </div>`;
}

function problem(status: number, title: string, message: string): Answer {
  return page(status, title, `
    <h1>${escapeHtml(title)}</h1>
    <p>${escapeHtml(message)}</p>
    <p><a href="activate">Enter a code</a></p>`);
}

function page(status: number, title: string, main: string): Answer {
  return textAnswer(status, 'text/html; charset=utf-8', `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; }
    label, input, select { display: block; margin: 0.5rem 0; font-size: 1rem; }
    .code { font-family: monospace; font-size: 2rem; letter-spacing: 0.2rem; }
    .buttons { display: flex; gap: 1rem; margin-top: 1rem; }
    button { font-size: 1rem; padding: 0.5rem 1.5rem; }
  </style>
</head>
<body><main>${main}
</main></body>
</html>
`, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
}
