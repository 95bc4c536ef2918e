// CLI: `npm run identity-server -- --port 3000 --interval 1`. Runs until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { ANSWER_STYLE_NOTES, ANSWER_STYLES } from './answerStyles.ts';
import { startIdentityServer } from './server.ts';
import type { ConfigPatch, IdentityServerOptions } from './types.ts';
import { DEFAULT_USER, USERS } from './users.ts';

const USAGE = `Usage: npm run identity-server -- [options]
  --port <n>                   port on 127.0.0.1 (default 0: any free port)
  --interval <s>               device polling interval in seconds, 0.5 say (default 5)
  --identity-lifetime <s>      expires_in of identity access tokens (default 7200)
  --app-lifetime <s>           expires_in of exchanged app tokens (default 7200)
  --device-code-lifetime <s>   expires_in of device codes (default 600)
  --token-type <mode>          always | never | not-on-exchange (default)
  --id-token <mode>            valid (default) | bad-signature | no-sub | no-email | absent | malformed
  --answer-style <style>       how answers are phrased (default standard, or $IDENTITY_ANSWER_STYLE):
${ANSWER_STYLES.map((s) => `                                 ${s}: ${ANSWER_STYLE_NOTES[s]}`).join('\n')}
  --no-rotate                  keep refresh tokens across refreshes
  --automation-token <t>       a valid automation token (repeatable; replaces the default)
  --clock-skew <s>             seconds added to every answer's Date header (may be negative)
  --quiet                      do not log requests
  --help`;

const NUMERIC_FLAGS = {
  port: 'port',
  interval: 'interval',
  'identity-lifetime': 'identityLifetime',
  'app-lifetime': 'appLifetime',
  'device-code-lifetime': 'deviceCodeLifetime',
} as const;

function parseCli(argv: string[]): { options: IdentityServerOptions; patch: ConfigPatch; quiet: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      interval: { type: 'string' },
      'identity-lifetime': { type: 'string' },
      'app-lifetime': { type: 'string' },
      'device-code-lifetime': { type: 'string' },
      'token-type': { type: 'string' },
      'id-token': { type: 'string' },
      'answer-style': { type: 'string' },
      'no-rotate': { type: 'boolean' },
      'automation-token': { type: 'string', multiple: true },
      'clock-skew': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const options: IdentityServerOptions = {};
  for (const [flag, key] of Object.entries(NUMERIC_FLAGS)) {
    const text = values[flag as keyof typeof NUMERIC_FLAGS];
    if (text === undefined) continue;
    const value = Number(text);
    // The poll interval may be a fraction of a second, as the unit tests use it; the rest are whole numbers.
    if (flag === 'interval') {
      if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) throw new Error('--interval must be a non-negative number of seconds');
    } else if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new Error(`--${flag} must be a non-negative integer`);
    options[key] = value;
  }
  // Checked by the server's own validation when applied.
  const patch: Record<string, unknown> = {};
  if (values['token-type'] !== undefined) patch.tokenType = values['token-type'];
  if (values['id-token'] !== undefined) patch.idToken = values['id-token'];
  const answerStyle = values['answer-style'] ?? process.env['IDENTITY_ANSWER_STYLE'];
  if (answerStyle !== undefined && answerStyle !== '') patch.answerStyle = answerStyle;
  if (values['no-rotate']) patch.rotateRefreshTokens = false;
  if (values['automation-token']) patch.automationTokens = values['automation-token'];
  if (values['clock-skew'] !== undefined) patch.clockSkewSeconds = Number(values['clock-skew']);
  return { options, patch: patch as ConfigPatch, quiet: values.quiet === true };
}

async function main(): Promise<void> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error: unknown) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const log = cli.quiet ? undefined : (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const server = await startIdentityServer({ ...cli.options, ...(log ? { log } : {}) });
  try {
    await server.control.configure(cli.patch);
  } catch (error: unknown) {
    await server.close();
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const users = Object.values(USERS).map((u) => `${u.name} <${u.email}>: ${u.stores.join(', ')}`);
  console.log(`Shopify identity server listening on ${server.url}
  Point the extension's identity URL at ${server.url}.
  Answer style: ${(await server.control.config()).answerStyle}.
  To approve a sign-in, open ${server.url}/activate (or the link VS Code shows),
  choose a user and press Approve; or POST {"userCode": "XXXX-XXXX"} to ${server.url}/__control/approve.
  Default user: ${DEFAULT_USER.name}. Test users and the stores they staff:
    ${users.join('\n    ')}
  Control endpoints: ${server.url}/__control/{counts,pending,issued,config,configure,faults,reset,...}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`identity server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
