// POST /oauth/token: one endpoint, three grants told apart by grant_type.
import { oauthError, type Answer } from './answers.ts';
import type { GrantContext } from './context.ts';
import { pollDeviceCode } from './deviceFlow.ts';
import { tokenExchange } from './exchange.ts';
import type { FormParams } from './form.ts';
import { refreshGrant } from './refresh.ts';
import { GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE } from './shopifyData.ts';
import type { RequestKind } from './types.ts';

const GRANTS: Readonly<Record<string, RequestKind>> = {
  [GRANT_DEVICE_CODE]: 'device_poll',
  [GRANT_REFRESH_TOKEN]: 'refresh',
  [GRANT_TOKEN_EXCHANGE]: 'exchange',
};

/** The request kind of a token-endpoint call, for counting and faults; undefined for an unknown grant. */
export function grantKind(params: FormParams): RequestKind | undefined {
  const grantType = params.get('grant_type');
  return grantType !== undefined && Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
}

export async function tokenEndpoint(ctx: GrantContext): Promise<Answer> {
  const grantType = ctx.params.get('grant_type');
  if (grantType === undefined) return oauthError('invalid_request', 'missing required parameter: grant_type');
  switch (grantKind(ctx.params)) {
    case 'device_poll':
      return pollDeviceCode(ctx);
    case 'refresh':
      return refreshGrant(ctx);
    case 'exchange':
      return tokenExchange(ctx);
    default:
      return oauthError('unsupported_grant_type', `unsupported grant_type: ${grantType}`);
  }
}
