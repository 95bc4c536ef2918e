// `npm start`: the whole product on this machine, no Shopify account needed. Packages the extension,
// starts the local Shopify identity server and a browser-based VS Code (code-server) with the .vsix
// installed and shopifyAuth.identityUrl pointed at the local server. Ctrl+C stops both.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ANSWER_STYLES } from '../test/identity-server/answerStyles';
import type { AnswerStyle } from '../test/identity-server/types';
import { startIdentityServer } from '../test/identity-server/server';
import { startEditor } from '../test/editor/harness/editor';
import { runDirName } from '../test/editor/harness/paths';
import { UNSTAFFED_STORE, USERS } from '../test/identity-server/users';

const VSIX = 'dist/shopify-authentication.vsix';

/** `npm start -- --answer-style rails` (or IDENTITY_ANSWER_STYLE=rails): the local server phrases its answers that way. */
function answerStyle(): AnswerStyle {
  const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { 'answer-style': { type: 'string' } } });
  const style = values['answer-style'] ?? process.env['IDENTITY_ANSWER_STYLE'] ?? 'standard';
  if (!(ANSWER_STYLES as readonly string[]).includes(style)) throw new Error(`--answer-style must be one of ${ANSWER_STYLES.join(', ')}`);
  return style as AnswerStyle;
}

async function main(): Promise<void> {
  const style = answerStyle();
  console.log('> Building and packaging the extension');
  const built = spawnSync('npm', ['run', 'package', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('npm run package failed; see the output above.');

  const port = Number(process.env['IDENTITY_PORT'] ?? 0);
  const identity = await startIdentityServer({ port, interval: 2, log: (line) => console.log(`  [identity] ${line}`) });
  await identity.control.configure({ answerStyle: style });
  // A theme project, as `shopify theme init` leaves one: its store is offered for the workspace.
  const workspace = path.join(runDirName('sandbox'), 'my-theme');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'shopify.theme.toml'), '[environments.development]\nstore = "shop-one"\n');
  const editor = await startEditor({
    vsix: VSIX,
    workspace,
    settings: { 'shopifyAuth.identityUrl': identity.url },
    ...(process.env['EDITOR_PORT'] ? { port: Number(process.env['EDITOR_PORT']) } : {}),
  });

  const users = Object.entries(USERS)
    .map(([name, u]) => `      ${name.padEnd(6)} ${u.email.padEnd(18)} staff of ${u.stores.join(', ')}`)
    .join('\n');
  console.log(`
Shopify Authentication sandbox is running.

  VS Code (in your browser):   ${editor.url}
  Local Shopify identity:      ${identity.url}  (answers in the ${style} style)

  Sign in: "Sign in to Shopify" in the status bar, the Accounts menu (bottom left), or Command
  Palette > "Shopify: Sign In". Click "Open Sign-in Page" in the notification, pick a user and
  click Approve. The folder's shopify.theme.toml names shop-one: accept it for the workspace, then
  try "Shopify: Copy Admin API Token", a new terminal (echo $SHOPIFY_FLAG_STORE), or
  "Shopify: Get Started" for the walkthrough.

  Test users:
${users}
  ${UNSTAFFED_STORE} is a store nobody staffs (to see the invalid_target message).

  Press Ctrl+C to stop both.`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await Promise.allSettled([editor.stop(), identity.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
