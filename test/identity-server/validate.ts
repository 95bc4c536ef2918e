// Checks for JSON that arrives at the control endpoints: untrusted shapes become typed values
// or a ControlError that names the offending field.

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new ControlError(400, `${what} must be a JSON object`);
  return value;
}

export function rejectUnknownKeys(value: JsonObject, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ControlError(400, `${what}: unknown field "${key}"`);
  }
}

export function expectString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new ControlError(400, `${what} must be a non-empty string`);
  return value;
}

export function expectNonNegativeInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ControlError(400, `${what} must be a non-negative integer`);
  }
  return value;
}

export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ControlError(400, `${what} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function expectStringRecord(value: unknown, what: string): Record<string, string> {
  const object = expectObject(value, what);
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(object)) {
    if (typeof entry !== 'string') throw new ControlError(400, `${what}.${key} must be a string`);
    out[key] = entry;
  }
  return out;
}
