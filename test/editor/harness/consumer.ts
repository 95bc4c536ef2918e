// Typed client for test/consumer-extension, the test-only extension that plays "another
// extension" inside the editor. Plain node:http with no timeout of its own: a call that
// waits on UI (consent, sign-in) stays open until the test clicks, or until `signal` aborts.
import http from 'node:http';
import { pollUntil } from './net.ts';

export interface SessionAccount {
  id: string;
  label: string;
}

export interface Session {
  id: string;
  accessToken: string;
  account: SessionAccount;
  scopes: string[];
  idToken?: string;
}

/** vscode.AuthenticationGetSessionOptions, as far as it survives JSON. */
export interface GetSessionOptions {
  createIfNone?: boolean | { detail?: string };
  forceNewSession?: boolean | { detail?: string };
  silent?: boolean;
  clearSessionPreference?: boolean;
  account?: SessionAccount;
}

export interface SessionsEvent {
  /** 1-based position among all events the consumer has seen. */
  n: number;
  at: number;
  provider: { id: string; label: string };
}

/** A VS Code call that rejected: the consumer answers with its message instead of a value. */
export class ConsumerCallError extends Error {
  constructor(
    readonly call: string,
    message: string,
    /** The library's ShopifySessionError code, when the call went through packages/session. */
    readonly code?: string,
  ) {
    super(`${call} rejected: ${message}`);
  }
}

export interface Consumer {
  readonly port: number;
  health(): Promise<Health>;
  /**
   * Resolves once the extension host has activated the consumer and it answers. After a
   * reload or restart pass the previous `instance`: the old host may still answer briefly.
   */
  waitUntilReady(opts?: { timeoutMs?: number; replacing?: string }): Promise<Health>;
  /** `undefined` when VS Code returns no session (e.g. silent with none). */
  getSession(scopes: string[], options?: GetSessionOptions, signal?: AbortSignal): Promise<Session | undefined>;
  getAccounts(): Promise<SessionAccount[]>;
  events(): Promise<{ count: number; events: SessionsEvent[] }>;
  /** Calls `exports[method](...args)` of shopify-auth-dev.shopify-authentication. */
  api<T = unknown>(method: string, args?: unknown[], signal?: AbortSignal): Promise<T>;
  /** Calls `createSession(vscode, options)[method](...args)` of the session library (packages/session). */
  session<T = unknown>(method: string, args?: unknown[], options?: { silent?: boolean }, signal?: AbortSignal): Promise<T>;
  command<T = unknown>(id: string, args?: unknown[], signal?: AbortSignal): Promise<T>;
  /** Changes a user (global) setting through the configuration API. */
  setSetting(key: string, value: unknown): Promise<void>;
}

export interface Health {
  ok: boolean;
  vscodeVersion: string;
  /** Changes whenever a new extension host activates the consumer. */
  instance: string;
  /** vscode.workspace.isTrusted: false in Restricted Mode. */
  trusted: boolean;
}

type Reply = Record<string, unknown> & { error?: string; code?: string };

function call(port: number, method: 'GET' | 'POST', route: string, body?: unknown, signal?: AbortSignal): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: route, signal, headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed = JSON.parse(text) as unknown;
            if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text}`);
            resolve(parsed as Reply);
          } catch (err) {
            reject(new Error(`consumer ${method} ${route}: ${(err as Error).message}`));
          }
        });
      },
    );
    req.on('error', (err) => reject(new Error(`consumer ${method} ${route}: ${err.message}`)));
    req.end(payload);
  });
}

/** Throws the VS Code rejection carried in `error`, else returns the reply. */
function unwrap(what: string, reply: Reply): Reply {
  if (typeof reply.error === 'string') throw new ConsumerCallError(what, reply.error, reply.code);
  return reply;
}

export function consumerClient(port: number): Consumer {
  const health = async (): Promise<Health> => {
    const r = await call(port, 'GET', '/health');
    return { ok: r.ok === true, vscodeVersion: String(r.vscodeVersion), instance: String(r.instance), trusted: r.trusted === true };
  };
  return {
    port,
    health,
    waitUntilReady: ({ timeoutMs = 30_000, replacing }: { timeoutMs?: number; replacing?: string } = {}) =>
      pollUntil(
        `the consumer extension on 127.0.0.1:${port}${replacing ? ` (a host other than ${replacing})` : ''} ` +
          '(is the workbench open? the extension host starts with it)',
        () => health().then((h) => (h.ok && h.instance !== replacing ? h : undefined), () => undefined),
        { timeoutMs, intervalMs: 250 },
      ),
    getSession: async (scopes, options = {}, signal) => {
      const r = unwrap(`getSession(${JSON.stringify(scopes)})`, await call(port, 'POST', '/getSession', { scopes, options }, signal));
      return (r.session ?? undefined) as Session | undefined;
    },
    getAccounts: async () => unwrap('getAccounts', await call(port, 'POST', '/getAccounts', {})).accounts as SessionAccount[],
    events: async () => {
      const r = await call(port, 'GET', '/events');
      return { count: Number(r.count), events: r.events as SessionsEvent[] };
    },
    api: async <T>(method: string, args: unknown[] = [], signal?: AbortSignal) =>
      unwrap(`api.${method}`, await call(port, 'POST', '/api', { method, args }, signal)).result as T,
    session: async <T>(method: string, args: unknown[] = [], options: { silent?: boolean } = {}, signal?: AbortSignal) =>
      unwrap(`session.${method}`, await call(port, 'POST', '/session', { method, args, options }, signal)).result as T,
    command: async <T>(id: string, args: unknown[] = [], signal?: AbortSignal) =>
      unwrap(`command ${id}`, await call(port, 'POST', '/command', { id, args }, signal)).result as T,
    setSetting: async (key: string, value: unknown) => {
      unwrap(`setting ${key}`, await call(port, 'POST', '/setting', { key, value }));
    },
  };
}
