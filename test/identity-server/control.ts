// The control surface: an in-process ControlClient over the server state, and the
// /__control HTTP routes that expose the same methods as JSON.
import type { IncomingMessage } from 'node:http';
import { textAnswer, type Answer } from './answers.ts';
import { applyConfigPatch } from './config.ts';
import { copyCounts } from './counts.ts';
import { parseFaults } from './faults.ts';
import { isJson, readBody } from './httpIo.ts';
import { mintSessionToken, parseSessionTokenRequest } from './sessionTokens.ts';
import type { ServerState } from './state.ts';
import type { ControlClient, ExpireKind, ServerConfig } from './types.ts';
import { DEFAULT_USER, isTestUserName, USERS } from './users.ts';
import { ControlError, expectObject, expectOneOf, expectString, rejectUnknownKeys } from './validate.ts';

const EXPIRE_KINDS: readonly ExpireKind[] = ['identity', 'app', 'all'];

export function inProcessControl(state: ServerState): ControlClient {
  const copyConfig = (): ServerConfig => ({ ...state.config, automationTokens: [...state.config.automationTokens] });
  return {
    async configure(patch) {
      state.config = applyConfigPatch(state.config, patch);
      return copyConfig();
    },
    async config() {
      return copyConfig();
    },
    async addFaults(faults) {
      state.faults.add(faults);
    },
    async clearFaults() {
      state.faults.clear();
    },
    async faults() {
      return state.faults.list();
    },
    async counts() {
      return copyCounts(state.counts);
    },
    async reset() {
      state.reset();
    },
    async pending() {
      return state.deviceCodes.list(Date.now());
    },
    async approve(userCode, user = DEFAULT_USER.name) {
      if (!isTestUserName(user)) throw new ControlError(400, `unknown user ${JSON.stringify(user)}`);
      return state.decide(userCode, true, USERS[user], Date.now());
    },
    async deny(userCode) {
      return state.decide(userCode, false, DEFAULT_USER, Date.now());
    },
    async issued() {
      return state.tokens.issued();
    },
    async expire(kind) {
      return { expired: state.tokens.expire(expectOneOf(kind, EXPIRE_KINDS, 'kind'), Date.now()) };
    },
    async revoke(sub) {
      return { revoked: state.tokens.revoke(expectString(sub, 'sub')) };
    },
    async mintSessionToken(request) {
      return { token: await mintSessionToken(parseSessionTokenRequest(request)) };
    },
  };
}

type Route = (control: ControlClient, body: unknown) => Promise<unknown>;

/** Route table, keyed "METHOD /name" under /__control. Bodies are checked before use. */
const ROUTES: Readonly<Record<string, Route>> = {
  'GET /config': (c) => c.config(),
  'POST /configure': (c, body) => c.configure(expectObject(body, 'configure body')),
  'GET /faults': async (c) => ({ faults: await c.faults() }),
  'POST /faults': async (c, body) => {
    await c.addFaults(parseFaults(body));
    return { faults: await c.faults() };
  },
  'DELETE /faults': async (c) => {
    await c.clearFaults();
    return { faults: [] };
  },
  'GET /counts': (c) => c.counts(),
  'POST /reset': async (c) => {
    await c.reset();
    return { ok: true };
  },
  'GET /pending': (c) => c.pending(),
  'POST /approve': (c, body) => {
    const input = fields(body, 'approve', ['userCode', 'user']);
    if (input.user !== undefined && !isTestUserName(input.user)) throw new ControlError(400, 'user must be one of alice, bob');
    return c.approve(expectString(input.userCode, 'userCode'), input.user);
  },
  'POST /deny': (c, body) => c.deny(expectString(fields(body, 'deny', ['userCode']).userCode, 'userCode')),
  'GET /issued': (c) => c.issued(),
  'POST /expire': (c, body) => c.expire(expectOneOf(fields(body, 'expire', ['kind']).kind, EXPIRE_KINDS, 'kind')),
  'POST /revoke': (c, body) => c.revoke(expectString(fields(body, 'revoke', ['sub']).sub, 'sub')),
  'POST /session-token': (c, body) => c.mintSessionToken(parseSessionTokenRequest(body)),
};

export async function handleControlRequest(control: ControlClient, method: string, route: string, req: IncomingMessage): Promise<Answer> {
  const handler = ROUTES[`${method} ${route}`];
  if (!handler) {
    const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${route}`));
    return jsonText(known ? 405 : 404, { error: known ? `${method} not allowed on /__control${route}` : `no control endpoint /__control${route}` });
  }
  try {
    const text = await readBody(req);
    if (text !== '' && !isJson(req)) throw new ControlError(415, 'control bodies must be application/json');
    let body: unknown = {};
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new ControlError(400, 'the body is not valid JSON');
      }
    }
    return jsonText(200, await handler(control, body));
  } catch (error: unknown) {
    if (error instanceof ControlError) return jsonText(error.status, { error: error.message });
    throw error;
  }
}

function fields(body: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
  const input = expectObject(body, `${what} body`);
  rejectUnknownKeys(input, allowed, what);
  return input;
}

function jsonText(status: number, value: unknown): Answer {
  return textAnswer(status, 'application/json', JSON.stringify(value));
}
