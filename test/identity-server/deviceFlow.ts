// RFC 8628 device authorization: issuing codes and answering the polls.
import { jsonAnswer, oauthError, type Answer } from './answers.ts';
import { clientError, type GrantContext } from './context.ts';
import { statusOf } from './deviceCodes.ts';
import { required, splitScopes } from './form.ts';
import { identityTokenAnswer } from './identityAnswer.ts';
import { isWellFormedScope } from './shopifyData.ts';

/** Polls this much early still count as on time (timers and the network jitter): at most half the interval, so a
 * client that does not wait at all is still told slow_down when the tests poll every 0.1 s. */
const POLL_TOLERANCE_MS = 250;
const toleranceMs = (intervalS: number): number => Math.min(POLL_TOLERANCE_MS, intervalS * 500);
/** RFC 8628 §3.5: each slow_down adds 5 seconds, for this and every later poll. */
const SLOW_DOWN_STEP = 5;

export function deviceAuthorization({ state, params, now }: GrantContext): Answer {
  const invalid = params.repeatedError() ?? clientError(params);
  if (invalid) return invalid;
  const scope = required(params, 'scope');
  if (typeof scope !== 'string') return scope;
  const scopes = splitScopes(scope);
  if (!scopes.includes('openid')) return oauthError('invalid_scope', 'scope must include openid');
  const bad = scopes.find((s) => s !== 'openid' && !isWellFormedScope(s));
  if (bad !== undefined) return oauthError('invalid_scope', `malformed scope: ${bad}`);

  const { deviceCodeLifetime, interval } = state.config;
  const code = state.deviceCodes.create(scopes, deviceCodeLifetime, interval, now);
  return jsonAnswer({
    device_code: code.deviceCode,
    user_code: code.userCode,
    verification_uri: `${state.url}/activate`,
    verification_uri_complete: `${state.url}/activate-with-code?device_code%5Buser_code%5D=${code.userCode}`,
    expires_in: deviceCodeLifetime,
    interval,
  });
}

export async function pollDeviceCode(ctx: GrantContext): Promise<Answer> {
  const { state, params, now } = ctx;
  const invalid = params.repeatedError() ?? clientError(params);
  if (invalid) return invalid;
  const deviceCode = required(params, 'device_code');
  if (typeof deviceCode !== 'string') return deviceCode;
  const code = state.deviceCodes.byDevice(deviceCode);
  if (!code) return oauthError('invalid_grant', 'unknown device_code');

  switch (statusOf(code, now)) {
    case 'used':
      return oauthError('invalid_grant', 'device_code was already used');
    case 'expired':
      return oauthError('expired_token', 'device_code has expired: start the sign-in again');
    case 'denied':
      return oauthError('access_denied', 'the user denied the sign-in');
    case 'pending': {
      // slow_down is a kind of "still pending" (RFC 8628 §3.5), so a decided code answers at once.
      const tooSoon = code.lastPollAt !== undefined && now - code.lastPollAt < code.interval * 1000 - toleranceMs(code.interval);
      code.lastPollAt = now;
      if (tooSoon) {
        code.interval += SLOW_DOWN_STEP;
        return oauthError('slow_down', `polling too fast: wait ${code.interval} s between polls`);
      }
      return oauthError('authorization_pending', 'the user has not approved the sign-in yet');
    }
    case 'approved':
      break;
  }
  const decision = code.decision;
  if (!decision) return oauthError('invalid_grant', 'device_code has no decision'); // unreachable: approved implies one
  code.used = true;
  const granted = code.scopes.filter((s) => !state.config.withheldScopes.includes(s));
  const { session, accessToken } = state.tokens.startSession(decision.user, granted, decision.at, state.config.identityLifetime, now);
  return identityTokenAnswer(state, session, accessToken, now, ctx.idTokenMode);
}
