// A ControlClient that drives a server in another process over /__control (the sandbox, or
// an editor test that started `npm run identity-server`).
import type { ControlClient, ServerConfig } from './types.ts';
import { ControlError } from './validate.ts';

export function connectControl(serverUrl: string): ControlClient {
  const base = `${serverUrl.replace(/\/+$/, '')}/__control`;
  async function call<T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> {
    const response = await fetch(base + route, {
      method,
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const value: unknown = await response.json();
    if (!response.ok) {
      const message = typeof value === 'object' && value !== null && 'error' in value ? String(value.error) : response.statusText;
      throw new ControlError(response.status, message);
    }
    // The server is ours and answers the shapes in types.ts.
    return value as T;
  }
  return {
    configure: (patch) => call<ServerConfig>('POST', '/configure', patch),
    config: () => call('GET', '/config'),
    addFaults: async (faults) => {
      await call('POST', '/faults', { faults });
    },
    clearFaults: async () => {
      await call('DELETE', '/faults');
    },
    faults: async () => (await call<{ faults: Awaited<ReturnType<ControlClient['faults']>> }>('GET', '/faults')).faults,
    counts: () => call('GET', '/counts'),
    reset: async () => {
      await call('POST', '/reset', {});
    },
    pending: () => call('GET', '/pending'),
    approve: (userCode, user) => call('POST', '/approve', user === undefined ? { userCode } : { userCode, user }),
    deny: (userCode) => call('POST', '/deny', { userCode }),
    issued: () => call('GET', '/issued'),
    expire: (kind) => call('POST', '/expire', { kind }),
    revoke: (sub) => call('POST', '/revoke', { sub }),
    mintSessionToken: (request) => call('POST', '/session-token', request),
  };
}

export { ControlError };
