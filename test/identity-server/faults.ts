// Injected faults: a queue of rules, each used up by the first matching identity request(s),
// and the ways a fault bends the answer.
import { jsonAnswer, oauthError, textAnswer, type Answer } from './answers.ts';
import { API_NAMES } from './shopifyData.ts';
import type { ApiName, Fault, FaultBody, RequestKind } from './types.ts';
import {
  ControlError,
  expectNonNegativeInteger,
  expectObject,
  expectOneOf,
  expectString,
  expectStringRecord,
  rejectUnknownKeys,
} from './validate.ts';

const FAULT_ON: readonly Fault['on'][] = ['device_authorization', 'device_poll', 'refresh', 'exchange', 'any'];
const FAULT_BODIES: readonly FaultBody[] = ['html', 'empty', 'malformed-json', 'no-access-token', 'no-token-type', 'no-scope', 'no-refresh-token', 'no-id-token-sub'];
const FAULT_KEYS = ['on', 'api', 'times', 'latencyMs', 'status', 'error', 'errorDescription', 'headers', 'body', 'raw', 'drop', 'hang'];

export function parseFault(value: unknown, what = 'fault'): Fault {
  const input = expectObject(value, what);
  rejectUnknownKeys(input, FAULT_KEYS, what);
  const fault: Fault = { on: expectOneOf(input.on, FAULT_ON, `${what}.on`) };
  if (input.api !== undefined) fault.api = expectOneOf<ApiName>(input.api, API_NAMES, `${what}.api`);
  if (input.times !== undefined) {
    if (input.times !== -1) expectNonNegativeInteger(input.times, `${what}.times`);
    if (input.times === 0) throw new ControlError(400, `${what}.times must be at least 1, or -1 for forever`);
    fault.times = input.times as number;
  }
  if (input.latencyMs !== undefined) fault.latencyMs = expectNonNegativeInteger(input.latencyMs, `${what}.latencyMs`);
  if (input.status !== undefined) {
    const status = expectNonNegativeInteger(input.status, `${what}.status`);
    if (status < 200 || status > 599) throw new ControlError(400, `${what}.status must be an HTTP status (200-599)`);
    fault.status = status;
  }
  if (input.error !== undefined) fault.error = expectString(input.error, `${what}.error`);
  if (input.errorDescription !== undefined) fault.errorDescription = expectString(input.errorDescription, `${what}.errorDescription`);
  if (input.headers !== undefined) fault.headers = expectStringRecord(input.headers, `${what}.headers`);
  if (input.body !== undefined) fault.body = expectOneOf(input.body, FAULT_BODIES, `${what}.body`);
  if (input.raw !== undefined) {
    if (fault.body !== undefined) throw new ControlError(400, `${what}: body and raw cannot go together`);
    const raw = expectObject(input.raw, `${what}.raw`);
    rejectUnknownKeys(raw, ['text', 'contentType'], `${what}.raw`);
    fault.raw = { text: expectString(raw.text, `${what}.raw.text`) };
    if (raw.contentType !== undefined) fault.raw.contentType = expectString(raw.contentType, `${what}.raw.contentType`);
  }
  if (input.drop !== undefined) fault.drop = expectOneOf(input.drop, ['before', 'after'] as const, `${what}.drop`);
  if (input.hang !== undefined) {
    if (typeof input.hang !== 'boolean') throw new ControlError(400, `${what}.hang must be a boolean`);
    fault.hang = input.hang;
  }
  return fault;
}

export function parseFaults(value: unknown): Fault[] {
  const input = expectObject(value, 'faults body');
  rejectUnknownKeys(input, ['faults'], 'faults body');
  if (!Array.isArray(input.faults)) throw new ControlError(400, 'faults must be an array');
  return input.faults.map((fault: unknown, i) => parseFault(fault, `faults[${i}]`));
}

export class FaultQueue {
  private queue: Fault[] = [];

  add(faults: readonly Fault[]): void {
    // Validated copies, so a caller mutating its object later changes nothing here.
    for (const fault of faults) this.queue.push(parseFault(fault));
  }

  clear(): void {
    this.queue = [];
  }

  list(): Fault[] {
    return this.queue.map((fault) => ({ ...fault, times: fault.times ?? 1 }));
  }

  /** The first fault matching this request, with one use of it consumed. */
  take(kind: RequestKind | undefined, api: ApiName | undefined): Fault | undefined {
    const index = this.queue.findIndex((fault) => matches(fault, kind, api));
    const fault = this.queue[index];
    if (!fault) return undefined;
    const times = fault.times ?? 1;
    if (times !== -1) {
      if (times <= 1) this.queue.splice(index, 1);
      else fault.times = times - 1;
    }
    return fault;
  }
}

function matches(fault: Fault, kind: RequestKind | undefined, api: ApiName | undefined): boolean {
  if (fault.on !== 'any' && fault.on !== kind) return false;
  return fault.api === undefined || (kind === 'exchange' && fault.api === api);
}

/** A fault that answers an error instead of doing the work (as opposed to one that bends a real answer). */
export function isErrorFault(fault: Fault): boolean {
  return fault.error !== undefined || (fault.status !== undefined && fault.status >= 400 && fault.body === undefined && fault.raw === undefined);
}

export function faultErrorAnswer(fault: Fault): Answer {
  const status = fault.status ?? 400;
  const error = fault.error ?? defaultErrorFor(status);
  const answer = oauthError(error, fault.errorDescription ?? `injected fault: ${error}`, status);
  return withHeaders(answer, fault.headers);
}

function defaultErrorFor(status: number): string {
  if (status === 401) return 'invalid_client';
  if (status === 503) return 'temporarily_unavailable';
  return status >= 500 ? 'server_error' : 'invalid_request';
}

/** Bends a real answer the way the fault's body variant says (and adds its status and headers). */
export function alterAnswer(answer: Answer, fault: Fault): Answer {
  const status = fault.status ?? answer.status;
  if (fault.raw) return withHeaders(rawAnswer(status, fault.raw), fault.headers);
  let altered: Answer;
  switch (fault.body) {
    case 'html':
      altered = textAnswer(status, 'text/html; charset=utf-8', HTML_ERROR_PAGE);
      break;
    case 'empty':
      altered = textAnswer(status, 'application/json', '');
      break;
    case 'malformed-json': {
      const json = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      altered = textAnswer(status, 'application/json', json.slice(0, Math.max(1, Math.floor(json.length / 2))));
      break;
    }
    case 'no-access-token':
      altered = withoutField(answer, 'access_token', status);
      break;
    case 'no-token-type':
      altered = withoutField(answer, 'token_type', status);
      break;
    case 'no-scope': // allowed by OAuth: the scope granted is then the one asked for (or, on refresh, the original)
      altered = withoutField(answer, 'scope', status);
      break;
    case 'no-refresh-token': // legal on a refresh (the client keeps its own); on a sign-in the session cannot be kept
      altered = withoutField(answer, 'refresh_token', status);
      break;
    case 'no-id-token-sub': // done while minting (see idTokenOverride); only the status may change here
    case undefined:
      altered = { ...answer, status };
      break;
  }
  return withHeaders(altered, fault.headers);
}

/** Exactly the text given, and no Content-Type unless one is given. */
function rawAnswer(status: number, raw: NonNullable<Fault['raw']>): Answer {
  const answer = textAnswer(status, raw.contentType ?? '', raw.text);
  if (raw.contentType === undefined) delete answer.headers['Content-Type'];
  return answer;
}

/** 'no-id-token-sub' needs a differently signed id_token, so it changes how the token is minted. */
export function idTokenOverride(fault: Fault | undefined): 'no-sub' | undefined {
  return fault?.body === 'no-id-token-sub' ? 'no-sub' : undefined;
}

function withoutField(answer: Answer, field: string, status: number): Answer {
  if (typeof answer.body === 'string') return { ...answer, status };
  const { [field]: _dropped, ...rest } = answer.body;
  return { ...jsonAnswer(rest, status), headers: answer.headers };
}

function withHeaders(answer: Answer, headers: Record<string, string> | undefined): Answer {
  return headers ? { ...answer, headers: { ...answer.headers, ...headers } } : answer;
}

// What a proxy or load balancer in front of the identity service sends when it fails.
const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>Something went wrong</title></head>' +
  '<body><h1>Something went wrong</h1><p>There was a problem loading this page.</p></body></html>';
