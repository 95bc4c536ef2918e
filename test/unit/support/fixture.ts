import { startIdentityServer } from '../../identity-server/server';
import type { IdentityServer, IdentityServerOptions, TestUserName } from '../../identity-server/types';
import { IdentityClient, type IdentityTokens } from '../../../src/shopify/identity/client';
import { identityScopes } from '../../../src/shopify/identity/apis';
import { SessionManager, type SignInUi, type DeviceCodeView } from '../../../src/shopify/sessions/manager';
import { StateStore, type TextSlot } from '../../../src/shopify/storage/stateStore';

/** Seconds between sign-in polls in the unit tests: fast, so a sign-in costs a tenth of a second, not a second. */
export const FAST_POLL_S = 0.1;

/** A real local identity server for one test file, polling fast. */
export async function identityServer(options: IdentityServerOptions = {}): Promise<IdentityServer> {
  return startIdentityServer({ interval: FAST_POLL_S, ...options });
}

/** Before each test: no sessions, faults or counts left from the last one; polling fast again. */
export async function resetServer(server: IdentityServer): Promise<void> {
  await server.control.reset();
  await server.control.configure({ interval: FAST_POLL_S });
}

export function client(server: IdentityServer, timeoutMs = 5000): IdentityClient {
  return new IdentityClient({ identityUrl: server.url, requestTimeoutMs: timeoutMs });
}

/** The device flow as a user completes it at once: a code asked for, approved on the server, the tokens it gives. */
export async function signedIn(server: IdentityServer, identity: IdentityClient = client(server), scopes: string[] = identityScopes()): Promise<IdentityTokens> {
  const device = await identity.requestDeviceCode(scopes);
  await server.control.approve(device.userCode);
  return identity.waitForApproval(device);
}

/** A sign-in UI that approves the code on the server the moment it is shown, as a user would in the browser. */
export function approvingUi(server: IdentityServer, user: TestUserName = 'alice', signal?: AbortSignal): SignInUi & { shown: DeviceCodeView[] } {
  const shown: DeviceCodeView[] = [];
  return {
    shown,
    ...(signal ? { signal } : {}),
    showCode: (device) => {
      shown.push(device);
      server.control.approve(device.userCode, user).catch(() => undefined);
    },
  };
}

/** A sign-in UI that only records the code: the test decides what happens next. */
export function watchingUi(signal?: AbortSignal): SignInUi & { shown: DeviceCodeView[]; codeShown: Promise<DeviceCodeView> } {
  const shown: DeviceCodeView[] = [];
  let resolve: (d: DeviceCodeView) => void = () => undefined;
  const codeShown = new Promise<DeviceCodeView>((r) => (resolve = r));
  return {
    shown,
    codeShown,
    ...(signal ? { signal } : {}),
    showCode: (device) => {
      shown.push(device);
      resolve(device);
    },
  };
}

/** SecretStorage's stand-in for the pure core: one text value, shared by every "window" built on it. */
export class MemorySlot implements TextSlot {
  value: string | undefined;
  readonly kept: string[] = [];
  writes = 0;
  reads = 0;
  get(): Promise<string | undefined> {
    this.reads++;
    return Promise.resolve(this.value);
  }
  set(value: string): Promise<void> {
    this.writes++;
    this.value = value;
    return Promise.resolve();
  }
  /** As the editor's kept list: the same text is kept once, and false says it was kept already. */
  keepUnreadable(value: string): Promise<boolean> {
    if (this.kept.includes(value)) return Promise.resolve(false);
    this.kept.push(value);
    return Promise.resolve(true);
  }
}

export interface Window {
  manager: SessionManager;
  logs: string[];
}

/** One editor window's session manager over a shared slot. */
export function window(server: IdentityServer, slot: MemorySlot, env: Record<string, string> = {}, now?: () => number): Window {
  const logs: string[] = [];
  const log = { debug: (m: string) => logs.push(`debug ${m}`), info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`) };
  const store = new StateStore(slot, (m) => logs.push(`warn ${m}`));
  const identity = client(server);
  return { manager: new SessionManager({ client: () => identity, store, log, env, ...(now ? { now } : {}) }), logs };
}
