// The refresh grant, with Shopify's extra access_token parameter and refresh-token rotation.
import { oauthError, type Answer } from './answers.ts';
import { clientError, type GrantContext } from './context.ts';
import { required } from './form.ts';
import { identityTokenAnswer } from './identityAnswer.ts';
import { keepsRefreshToken } from './answerStyles.ts';

export async function refreshGrant(ctx: GrantContext): Promise<Answer> {
  const { state, params, now } = ctx;
  const invalid = params.repeatedError() ?? clientError(params);
  if (invalid) return invalid;
  const refreshToken = required(params, 'refresh_token');
  if (typeof refreshToken !== 'string') return refreshToken;
  // Non-standard, but Shopify wants the current access token next to the refresh token.
  const accessToken = required(params, 'access_token');
  if (typeof accessToken !== 'string') return accessToken;

  const session = state.tokens.refreshSession(refreshToken, now);
  if (!session) return oauthError('invalid_grant', 'refresh_token is unknown, revoked or already used');
  if (!state.tokens.belongsTo(accessToken, session)) {
    return oauthError('invalid_request', 'access_token does not belong to this refresh_token');
  }
  // Rotation first, as the real service does: the old refresh token is dead even if this answer is lost.
  // An answer without a refresh token means the old one stays (RFC 6749 §6), so styles that leave it out do not rotate.
  const { rotateRefreshTokens, omitUnrotatedRefreshToken } = state.config;
  const rotates = rotateRefreshTokens && !keepsRefreshToken(state.config.answerStyle);
  if (rotates) state.tokens.rotateRefresh(session, now);
  const newAccessToken = state.tokens.issueIdentity(session, state.config.identityLifetime, now);
  // An unchanged refresh token may be left out of the answer (RFC 6749 §6); a rotated one never is.
  const withRefreshToken = rotates || !omitUnrotatedRefreshToken;
  return identityTokenAnswer(state, session, newAccessToken, now, ctx.idTokenMode, withRefreshToken);
}
