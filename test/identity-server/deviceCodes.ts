// Device codes waiting for, or past, a person's decision. Status is computed on read, so
// expiry needs no timer.
import { normalizeUserCode, randomToken, randomUserCode } from './random.ts';
import type { TestUser } from './users.ts';
import type { DeviceCodeStatus, PendingCode } from './types.ts';
import { ControlError } from './validate.ts';

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  /** Seconds; grows by 5 on each slow_down (RFC 8628 §3.5). */
  interval: number;
  lastPollAt?: number;
  decision?: { approved: boolean; user: TestUser; at: number };
  used: boolean;
}

export class DeviceCodes {
  private readonly byDeviceCode = new Map<string, DeviceCode>();
  private readonly byUserCode = new Map<string, DeviceCode>();

  create(scopes: string[], lifetime: number, interval: number, now: number): DeviceCode {
    let userCode = randomUserCode();
    while (this.byUserCode.has(userCode)) userCode = randomUserCode();
    const code: DeviceCode = {
      deviceCode: randomToken('', 32),
      userCode,
      scopes,
      createdAt: now,
      expiresAt: now + lifetime * 1000,
      interval,
      used: false,
    };
    this.byDeviceCode.set(code.deviceCode, code);
    this.byUserCode.set(userCode, code);
    return code;
  }

  byDevice(deviceCode: string): DeviceCode | undefined {
    return this.byDeviceCode.get(deviceCode);
  }

  /** Looks up what a person typed, in any case and with or without the dash. */
  byUser(input: string): DeviceCode | undefined {
    const userCode = normalizeUserCode(input);
    return userCode === undefined ? undefined : this.byUserCode.get(userCode);
  }

  /** Records the decision; throws ControlError when the code is unknown, expired or already decided. */
  decide(input: string, approved: boolean, user: TestUser, now: number): DeviceCode {
    const code = this.byUser(input);
    if (!code) throw new ControlError(404, `unknown user code ${JSON.stringify(input)}`);
    const status = statusOf(code, now);
    if (status === 'expired') throw new ControlError(410, `user code ${code.userCode} has expired`);
    if (status !== 'pending') throw new ControlError(409, `user code ${code.userCode} is already ${status}`);
    code.decision = { approved, user, at: now };
    return code;
  }

  list(now: number): PendingCode[] {
    return [...this.byDeviceCode.values()].map((code) => describe(code, now));
  }
}

export function statusOf(code: DeviceCode, now: number): DeviceCodeStatus {
  if (code.used) return 'used';
  if (now >= code.expiresAt) return 'expired';
  if (code.decision) return code.decision.approved ? 'approved' : 'denied';
  return 'pending';
}

export function describe(code: DeviceCode, now: number): PendingCode {
  const out: PendingCode = {
    userCode: code.userCode,
    createdAt: code.createdAt,
    expiresAt: code.expiresAt,
    status: statusOf(code, now),
    interval: code.interval,
  };
  if (code.decision?.approved) out.user = code.decision.user.name;
  return out;
}
