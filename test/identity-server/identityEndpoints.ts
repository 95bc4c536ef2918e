// The path every identity request takes: classify, count, apply any fault, do the work, answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { oauthError, type Answer } from './answers.ts';
import { styleAnswer } from './answerStyles.ts';
import type { GrantContext } from './context.ts';
import { deviceAuthorization } from './deviceFlow.ts';
import { classifyExchange } from './exchange.ts';
import { alterAnswer, faultErrorAnswer, idTokenOverride, isErrorFault } from './faults.ts';
import { FormParams } from './form.ts';
import { BodyTooLarge, isFormEncoded, readBody, sleep, writeAnswer } from './httpIo.ts';
import type { ServerState } from './state.ts';
import { grantKind, tokenEndpoint } from './tokenEndpoint.ts';
import { countRequest } from './counts.ts';
import type { ApiName, Fault, RequestKind } from './types.ts';

export const IDENTITY_PATHS = ['/oauth/device_authorization', '/oauth/token'] as const;
export type IdentityPath = (typeof IDENTITY_PATHS)[number];

export interface Pipeline {
  state: ServerState;
  /** Fires when the server closes: ends injected latency early. */
  closing: AbortSignal;
  log: ((line: string) => void) | undefined;
}

export async function handleIdentityRequest(pipeline: Pipeline, path: IdentityPath, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = pipeline;
  let body: string;
  try {
    body = await readBody(req);
  } catch (error: unknown) {
    if (error instanceof BodyTooLarge) writeAnswer(res, oauthError('invalid_request', 'request body too large', 413));
    return;
  }
  const formEncoded = isFormEncoded(req);
  const params = new FormParams(formEncoded ? body : '');
  const kind: RequestKind | undefined = path === '/oauth/device_authorization' ? 'device_authorization' : grantKind(params);
  const api: ApiName | undefined = kind === 'exchange' ? classifyExchange(params) : undefined;
  if (kind) countRequest(state.counts, kind, api);
  const label = api ? `${kind} (${api})` : (kind ?? path);

  const fault = state.faults.take(kind, api);
  if (fault?.latencyMs) await sleep(fault.latencyMs, pipeline.closing);
  if (fault?.drop === 'before') {
    pipeline.log?.(`${label}: dropped before processing (fault)`);
    req.socket.destroy();
    return;
  }
  if (fault?.hang) {
    // Never answered: the client's timeout or close() ends it.
    pipeline.log?.(`${label}: hanging (fault)`);
    return;
  }
  if (fault && isErrorFault(fault)) {
    const answer = faultErrorAnswer(fault);
    pipeline.log?.(`${label}: ${answer.status} ${answer.oauthError} (fault)`);
    writeAnswer(res, answer);
    return;
  }

  let answer: Answer;
  if (!formEncoded) {
    answer = oauthError('invalid_request', 'the body must be application/x-www-form-urlencoded');
  } else {
    const ctx: GrantContext = { state, params, now: Date.now(), idTokenMode: idTokenOverride(fault) ?? state.config.idToken };
    answer = path === '/oauth/device_authorization' ? deviceAuthorization(ctx) : await tokenEndpoint(ctx);
  }
  answer = styleAnswer(answer, state.config.answerStyle, kind, Date.now());
  // authorization_pending is the normal answer while a person reads the page, not a refusal.
  if (answer.oauthError !== undefined && answer.oauthError !== 'authorization_pending') state.counts.rejected++;

  if (fault?.drop === 'after') {
    pipeline.log?.(`${label}: ${outcome(answer)}, then dropped (fault)`);
    req.socket.destroy();
    return;
  }
  if (fault) answer = alterAnswer(answer, fault);
  pipeline.log?.(`${label}: ${outcome(answer)}${faultNote(fault)}`);
  writeAnswer(res, answer);
}

/** 405 for anything but POST on an identity path, as an OAuth server does. */
export function methodNotAllowed(state: ServerState): Answer {
  state.counts.rejected++;
  const answer = oauthError('invalid_request', 'use POST', 405);
  return { ...answer, headers: { ...answer.headers, Allow: 'POST' } };
}

function outcome(answer: Answer): string {
  return answer.oauthError ? `${answer.status} ${answer.oauthError}` : String(answer.status);
}

function faultNote(fault: Fault | undefined): string {
  return fault ? ` (fault${fault.body ? `: ${fault.body}` : ''})` : '';
}
