// Everything the server remembers, in one place, so that reset() is one call.
import { defaultConfig } from './config.ts';
import { emptyCounts } from './counts.ts';
import { DeviceCodes, describe } from './deviceCodes.ts';
import { FaultQueue } from './faults.ts';
import type { SigningKey } from './idToken.ts';
import { TokenStore } from './tokenStore.ts';
import type { Counts, IdentityServerOptions, PendingCode, ServerConfig } from './types.ts';
import type { TestUser } from './users.ts';

export class ServerState {
  config: ServerConfig;
  counts: Counts = emptyCounts();
  readonly faults = new FaultQueue();
  deviceCodes = new DeviceCodes();
  tokens = new TokenStore();

  constructor(
    /** The server's own URL: the id_token issuer and the base of the verification URIs. */
    readonly url: string,
    readonly key: SigningKey,
    private readonly options: IdentityServerOptions,
  ) {
    this.config = defaultConfig(options);
  }

  /** Approves or denies a user code (counted); throws ControlError if it cannot be decided. */
  decide(userCode: string, approved: boolean, user: TestUser, now: number): PendingCode {
    const code = this.deviceCodes.decide(userCode, approved, user, now);
    if (approved) this.counts.approvals++;
    else this.counts.denials++;
    return describe(code, now);
  }

  /** Counts, faults, codes, sessions, tokens and config back to the start. The signing key stays. */
  reset(): void {
    this.config = defaultConfig(this.options);
    this.counts = emptyCounts();
    this.faults.clear();
    this.deviceCodes = new DeviceCodes();
    this.tokens = new TokenStore();
  }
}
