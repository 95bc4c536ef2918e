// The fetch an extension gets inside VS Code 1.100: Node's fetch patched by VS Code's own proxy
// support (@vscode/proxy-agent, loaded from the installed test editor, with its undici). It sends
// requests through the proxy VS Code resolved, and trusts Node's roots plus the certificates VS Code
// reads from the system store, as `http.systemCertificates` (on by default) does.
import { createRequire } from 'node:module';
import path from 'node:path';
import { codeServerEntry } from '../editor/harness/paths.ts';
import type { Fetch } from '../../src/shopify/identity/fetchAdapter.ts';

interface ProxyAgentModule {
  createFetchPatch(params: Record<string, unknown>, original: typeof fetch, resolveProxyURL: (url: string) => Promise<string | undefined>): typeof fetch;
  resetCaches(): void;
}

function proxyAgent(): ProxyAgentModule {
  const vscodeDir = path.join(path.dirname(codeServerEntry()), '../../lib/vscode');
  return createRequire(path.join(vscodeDir, 'package.json'))('@vscode/proxy-agent') as ProxyAgentModule;
}

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export interface VsCodeFetchOptions {
  /** What VS Code resolved for the request's URL (http.proxy, HTTPS_PROXY…); direct when absent. */
  proxy?: string;
  /** PEM certificates in "the system store". */
  systemCertificates?: string[];
}

export function vscodeFetch(options: VsCodeFetchOptions = {}): Fetch {
  const module = proxyAgent();
  // VS Code loads the system certificates once per extension host; each test here is a new host.
  module.resetCaches();
  const patched = module.createFetchPatch(
    {
      isAdditionalFetchSupportEnabled: () => true,
      getProxySupport: () => 'override',
      addCertificatesV1: () => true,
      addCertificatesV2: () => false,
      loadAdditionalCertificates: async () => options.systemCertificates ?? [],
      lookupProxyAuthorization: async () => undefined,
      log: quiet,
    },
    globalThis.fetch,
    async () => options.proxy,
  );
  return (url, init) => patched(url, init);
}
