// What every identity endpoint handler gets, and the client check they all share.
import { oauthError, type Answer } from './answers.ts';
import type { FormParams } from './form.ts';
import { CLI_CLIENT_ID } from './shopifyData.ts';
import type { ServerState } from './state.ts';
import type { IdTokenMode } from './types.ts';

export interface GrantContext {
  state: ServerState;
  params: FormParams;
  /** One clock reading per request (epoch ms). */
  now: number;
  /** The configured mode, unless a fault asks for a different id_token. */
  idTokenMode: IdTokenMode;
}

/**
 * A public client authenticates by its client_id alone. Missing or unknown is invalid_client
 * (RFC 6749 §5.2: "no client authentication included" / "unknown client"), answered with 401.
 */
export function clientError(params: FormParams): Answer | undefined {
  const clientId = params.get('client_id');
  if (clientId === undefined) return oauthError('invalid_client', 'missing client_id');
  if (clientId !== CLI_CLIENT_ID) return oauthError('invalid_client', 'unknown client_id');
  return undefined;
}
