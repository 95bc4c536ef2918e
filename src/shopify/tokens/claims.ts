import { CHECK_CODES as C, fail, pass, warn, type CheckCode } from './checks';
import { FAMILY_RULES, type FamilyRules } from './families';
import type { Check, FamilyGuess, JsonObject, TimeView, TokenSubject, TokenTimes } from './report';
import { readDest, readIss, isShopHost } from './shop';
import { kindOf, show } from './show';
import { formatDuration, formatUtc } from './times';

export interface ClaimContext {
  /** The moment the claims are judged at, in seconds since the epoch. */
  readonly asOf: number;
  readonly asOfIsNow: boolean;
  readonly leeway: number;
  /** The app's client id; undefined for a decode, where aud is shown but not compared. */
  readonly clientId?: string;
  readonly family: FamilyGuess;
  readonly familyHinted: boolean;
  /** The report's views of exp, nbf and iat, whose UTC text the messages quote instead of formatting it again. */
  readonly times?: TokenTimes;
}

export interface ClaimVerdict {
  readonly shop?: string;
  readonly subject?: TokenSubject;
}

/** Seconds since 1970 pass 1e11 only in the year 5138; such a value is almost surely milliseconds. */
const MILLISECONDS_THRESHOLD = 1e11;

// Passing checks whose text never varies are made once and shared by every report, frozen so no report can change another's.
const PASS_AUD = Object.freeze(pass(C.aud, "aud matches the app's client id."));
const PASS_SID = Object.freeze(pass(C.sid, 'sid (the admin session id) is present.'));
const PASS_JTI = Object.freeze(pass(C.jti, "jti (the token's unique id, for refusing replays) is present."));

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;
const USER_ID = /^\d+$/;

/** Every claim rule, in the order the checklist reads, appended to `checks` (the report's own list). */
export function checkClaims(checks: Check[], claims: JsonObject, ctx: ClaimContext): ClaimVerdict {
  const rules = ctx.family.family === 'unknown' ? undefined : FAMILY_RULES[ctx.family.family];

  checkFamily(ctx, checks);
  checkTimes(claims, ctx, rules, checks);
  checkAud(claims['aud'], ctx.clientId, checks);
  const shop = checkDestAndIss(claims, rules, checks);
  const subject = checkSubject(claims['sub'], rules, checks);
  checkIdentifiers(claims, rules, checks);

  return { shop, subject };
}

function checkFamily(ctx: ClaimContext, checks: Check[]): void {
  const guess = ctx.family;
  if (guess.family === 'unknown') {
    checks.push(
      warn(C.family, `Not recognisably a Shopify session token (${guess.reason.replace(/\.$/, '')}): check where it came from.`),
    );
  } else if (guess.family === 'pos' && !ctx.familyHinted) {
    checks.push(
      warn(
        C.family,
        'Read as a POS token because it has no sid. If it came from App Bridge (shopify.idToken()), it lacks the sid admin tokens carry: choose the family to check it as that kind.',
      ),
    );
  } else {
    let check = RECOGNISED.get(guess);
    if (check === undefined) {
      check = Object.freeze(pass(C.family, `Recognised as: ${guess.label}. ${guess.reason}`));
      RECOGNISED.set(guess, check);
    }
    checks.push(check);
  }
}

/** The passing family check of each guess (guesses are shared constants, so these are made once each). */
const RECOGNISED = new WeakMap<FamilyGuess, Check>();

// ---- exp, nbf, iat ----

interface TimeCodes {
  readonly missing: CheckCode;
  readonly type: CheckCode;
  readonly notFinite: CheckCode;
}

const TIME_CODES = {
  exp: { missing: C.expMissing, type: C.expType, notFinite: C.expNotFinite },
  nbf: { missing: C.nbfMissing, type: C.nbfType, notFinite: C.nbfNotFinite },
  iat: { missing: C.iatMissing, type: C.iatType, notFinite: C.iatNotFinite },
} as const satisfies Record<string, TimeCodes>;

/** A NumericDate claim, or the check that says why it is not one. */
function readTime(claims: JsonObject, name: keyof typeof TIME_CODES, checks: Check[]): number | undefined {
  const codes = TIME_CODES[name];
  const value = claims[name];
  if (value === undefined) {
    if (name === 'iat') {
      checks.push(warn(codes.missing, 'There is no iat, so the lifetime cannot be checked: Shopify puts the issue time in every session token.'));
    } else {
      checks.push(
        fail(
          codes.missing,
          name === 'exp'
            ? 'There is no exp, so the token would never expire: refuse it; every Shopify session token has one.'
            : 'There is no nbf: every Shopify session token has one; this one was not made by Shopify.',
        ),
      );
    }
    return undefined;
  }
  if (typeof value !== 'number') {
    checks.push(
      fail(
        codes.type,
        `${name} is ${kindOf(value)} (${show(value)}), not a number of seconds: libraries read such values differently; Shopify always writes a number.`,
      ),
    );
    return undefined;
  }
  if (!Number.isFinite(value)) {
    checks.push(
      fail(
        codes.notFinite,
        `${name} is a number too large to represent (like 1e309, read as ${value}): it would make the token valid forever; refuse it.`,
      ),
    );
    return undefined;
  }
  return value;
}

// Module functions rather than closures made for every token: checkTimes runs once per verification.
function ago(delta: number, ctx: ClaimContext): string {
  return ctx.asOfIsNow ? `${formatDuration(delta)} ago` : `${formatDuration(delta)} before the as-of time`;
}

function ahead(delta: number, ctx: ClaimContext): string {
  return ctx.asOfIsNow ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} after the as-of time`;
}

// The relative text of a report's time view is the one these sentences need whenever the time is not the as-of time
// itself (there the view says "now", the sentences "0 s ago"): it is taken from the view instead of formatted again.
function agoText(t: number, view: TimeView | undefined, ctx: ClaimContext): string {
  return view !== undefined && t < ctx.asOf ? view.relative : ago(ctx.asOf - t, ctx);
}

function aheadText(t: number, view: TimeView | undefined, ctx: ClaimContext): string {
  return view !== undefined && t > ctx.asOf ? view.relative : ahead(t - ctx.asOf, ctx);
}

/** A time as messages quote it. A view exists for every finite time Date can hold, and holds exactly formatUtc of it. */
function at(t: number, view: TimeView | undefined): string {
  return Math.abs(t) < 8.64e12 ? (view?.utc ?? formatUtc(new Date(t * 1000))) : String(t);
}

const isMilliseconds = (v: number | undefined): boolean => v !== undefined && Math.abs(v) > MILLISECONDS_THRESHOLD;

function checkTimes(claims: JsonObject, ctx: ClaimContext, rules: FamilyRules | undefined, checks: Check[]): void {
  const exp = readTime(claims, 'exp', checks);
  const nbf = readTime(claims, 'nbf', checks);
  const iat = readTime(claims, 'iat', checks);
  const { asOf, leeway } = ctx;
  const times = ctx.times ?? {};
  // Only the messages about a problem name the leeway or the advice: made when one is written.
  const leewayNote = (): string => `${leeway} s leeway`;
  const fresh = (): string => (rules ? `fetch a fresh token with ${rules.freshTokenCall} for each request` : 'fetch a fresh token for each request');

  const inMilliseconds = isMilliseconds(exp) || isMilliseconds(nbf) || isMilliseconds(iat) ? (['exp', 'nbf', 'iat'] as const).filter((_, i) => isMilliseconds([exp, nbf, iat][i])) : [];
  if (inMilliseconds.length > 0) {
    checks.push(
      warn(
        C.msTimestamp,
        `${inMilliseconds.join(', ')} look${inMilliseconds.length === 1 ? 's' : ''} like milliseconds, not seconds: whatever made this token used Date.now() without dividing by 1000; Shopify's tokens use seconds.`,
      ),
    );
  }

  if (exp !== undefined) {
    // Same rule as jose's clockTolerance: refused once exp <= asOf - leeway.
    if (exp <= asOf - leeway) {
      checks.push(fail(C.expExpired, `Expired ${agoText(exp, times.exp, ctx)} (exp ${at(exp, times.exp)}, ${leewayNote()}): ${fresh()}.`));
    } else if (exp <= asOf) {
      checks.push(
        warn(
          C.expExpired,
          `Expired ${agoText(exp, times.exp, ctx)} (exp ${at(exp, times.exp)}) but still inside the ${leewayNote()}; a backend with less leeway refuses it: ${fresh()}.`,
        ),
      );
    } else {
      checks.push(pass(C.exp, `Expires ${aheadText(exp, times.exp, ctx)} (exp ${at(exp, times.exp)}).`));
    }
  }

  const millis = (name: 'nbf' | 'iat', value: number): string =>
    `${name} is ${value}, a time in milliseconds (${at(value, times[name])} read as seconds): it must be seconds; the token was not made by Shopify.`;

  if (nbf !== undefined) {
    // jose's rule: refused while nbf > asOf + leeway.
    if (nbf > asOf + leeway && nbf > MILLISECONDS_THRESHOLD) {
      checks.push(fail(C.nbfFuture, millis('nbf', nbf)));
    } else if (nbf > asOf + leeway) {
      checks.push(
        fail(
          C.nbfFuture,
          `Not valid for ${formatDuration(nbf - asOf)} more (nbf ${at(nbf, times.nbf)}, ${leewayNote()}): the clocks differ; sync this machine's and the server's clocks (NTP).`,
        ),
      );
    } else if (nbf > asOf) {
      checks.push(
        warn(
          C.nbfFuture,
          `Not valid for ${formatDuration(nbf - asOf)} more (nbf ${at(nbf, times.nbf)}), accepted only thanks to the ${leewayNote()}: the clocks differ slightly; sync them (NTP).`,
        ),
      );
    } else {
      checks.push(pass(C.nbf, `Valid since ${agoText(nbf, times.nbf, ctx)} (nbf ${at(nbf, times.nbf)}).`));
    }
  }

  if (iat !== undefined) {
    if (iat > asOf + leeway && iat > MILLISECONDS_THRESHOLD) {
      checks.push(fail(C.iatFuture, millis('iat', iat)));
    } else if (iat > asOf + leeway) {
      checks.push(
        fail(
          C.iatFuture,
          `Issued ${formatDuration(iat - asOf)} in the future (iat ${at(iat, times.iat)}, ${leewayNote()}): the clocks differ; sync this machine's and the server's clocks (NTP).`,
        ),
      );
    } else {
      checks.push(pass(C.iat, iat > asOf ? `Issued ${aheadText(iat, times.iat, ctx)}, inside the ${leewayNote()}.` : `Issued ${agoText(iat, times.iat, ctx)} (iat ${at(iat, times.iat)}).`));
    }
  }

  if (exp !== undefined && ((nbf !== undefined && exp <= nbf) || (iat !== undefined && exp <= iat))) {
    const other = nbf !== undefined && exp <= nbf ? 'nbf' : 'iat';
    checks.push(fail(C.window, `exp is not after ${other}, so the token is never valid: it was not made by Shopify.`));
  }

  const start = iat ?? nbf;
  // A lifetime computed from mixed or millisecond values means nothing; the milliseconds warning covers it.
  if (rules && exp !== undefined && start !== undefined && exp > start && inMilliseconds.length === 0) {
    checks.push(lifetimeCheck(exp - start, iat !== undefined ? 'iat' : 'nbf', rules));
  }
}

function lifetimeText(lifetime: number, from: 'iat' | 'nbf', rules: FamilyRules): Check {
  if (lifetime > rules.lifetimeSeconds) {
    return warn(
      C.lifetime,
      `Lives ${formatDuration(lifetime)} (exp - ${from}); Shopify issues ${rules.short} tokens for ${formatDuration(rules.lifetimeSeconds)}: it was made by something else, or is not the kind it looks like.`,
    );
  }
  return pass(C.lifetime, `Lives ${formatDuration(lifetime)}, within the ${formatDuration(rules.lifetimeSeconds)} Shopify gives ${rules.short} tokens.`);
}

// An issuer gives all its tokens one lifetime (Shopify: 60 s for admin tokens), so the lifetime check of each family,
// lifetime and starting claim is made once, frozen and shared, like the other passing checks.
const LIFETIMES = new Map<FamilyRules, { iat: Map<number, Check>; nbf: Map<number, Check> }>();
const MAX_LIFETIMES = 32;

function lifetimeCheck(lifetime: number, from: 'iat' | 'nbf', rules: FamilyRules): Check {
  let byStart = LIFETIMES.get(rules);
  if (byStart === undefined) {
    byStart = { iat: new Map(), nbf: new Map() };
    LIFETIMES.set(rules, byStart);
  }
  const known = byStart[from];
  let check = known.get(lifetime);
  if (check === undefined) {
    if (known.size >= MAX_LIFETIMES) known.clear();
    check = Object.freeze(lifetimeText(lifetime, from, rules));
    known.set(lifetime, check);
  }
  return check;
}

// ---- aud ----

function checkAud(aud: unknown, clientId: string | undefined, checks: Check[]): void {
  if (aud === undefined) {
    checks.push(fail(C.audMissing, "There is no aud: Shopify puts the app's client id there; without it the token could be meant for any app."));
    return;
  }
  if (Array.isArray(aud)) {
    checks.push(
      fail(
        C.audArray,
        `aud is a list of ${aud.length} value${aud.length === 1 ? '' : 's'}: Shopify names one app as a single string; libraries that accept any member would take a token meant for several apps.`,
      ),
    );
    return;
  }
  if (typeof aud !== 'string' || aud === '') {
    checks.push(fail(C.audType, `aud is ${typeof aud === 'string' ? 'empty' : kindOf(aud)}: it must be your app's client id as a string.`));
    return;
  }
  if (clientId === undefined || clientId === '') {
    checks.push(pass(C.aud, `aud names client id ${show(aud)}; verify to compare it with your app's.`));
  } else if (aud === clientId) {
    checks.push(PASS_AUD);
  } else {
    const near = aud.trim().toLowerCase() === clientId.trim().toLowerCase() ? ' (they differ only in case or spaces: compare exactly)' : '';
    checks.push(
      fail(
        C.aud,
        `aud is ${show(aud)} but the client id is ${show(clientId)}${near}: the token was issued to another app; verify with that app's client id and secret, or get the token from this app.`,
      ),
    );
  }
}

// ---- dest and iss ----

function checkDestAndIss(claims: JsonObject, rules: FamilyRules | undefined, checks: Check[]): string | undefined {
  const dest = claims['dest'];
  let shop: string | undefined;
  if (dest === undefined || dest === '') {
    checks.push(fail(C.destMissing, 'There is no dest: Shopify always names the shop there, and without it the token cannot be tied to a shop.'));
  } else if (typeof dest !== 'string') {
    checks.push(fail(C.destType, `dest is ${kindOf(dest)}: it must name the shop, like "my-store.myshopify.com".`));
  } else {
    const reading = readDest(dest);
    if (!reading.ok) {
      checks.push(fail(reading.rule === 'host' ? C.destHost : C.destFormat, `dest ${show(dest)} ${reading.why}: a Shopify token names the shop's *.myshopify.com host.`));
    } else {
      shop = reading.host;
      if (rules && reading.form !== rules.destForm) {
        const expected = rules.destForm === 'origin' ? `"https://${reading.host}"` : `"${reading.host}"`;
        checks.push(
          fail(C.destForm, `dest is ${show(dest)}; ${rules.short} tokens write it as ${expected}: this token is of another kind; choose its family.`),
        );
      } else {
        checks.push(pass(C.dest, `dest names the shop ${reading.host}.`));
      }
    }
  }

  const iss = claims['iss'];
  if (iss === undefined) {
    if (rules?.issRequired) {
      checks.push(fail(C.issMissing, `There is no iss: ${rules.short} tokens carry "https://<shop>${rules.issPaths?.[0] ?? ''}"; this one was not made by Shopify.`));
    } else if (rules) {
      checks.push(pass(C.iss, `No iss (optional for ${rules.short} tokens).`));
    }
    return shop;
  }
  if (typeof iss !== 'string') {
    checks.push(fail(C.issFormat, `iss is ${kindOf(iss)}: it must be the shop's https address.`));
    return shop;
  }
  const reading = readIss(iss);
  if (!reading.ok) {
    checks.push(fail(C.issFormat, `iss ${show(iss)} ${reading.why}: Shopify writes "https://<shop>/<surface>".`));
    return shop;
  }
  let ok = true;
  if (shop !== undefined && reading.host !== shop) {
    ok = false;
    checks.push(fail(C.issHost, `iss is on ${show(reading.host)} but dest names ${shop}: the token mixes two shops; refuse it.`));
  } else if (shop === undefined && !isShopHost(reading.host)) {
    ok = false;
    checks.push(fail(C.issHost, `iss is on ${show(reading.host)}, not a *.myshopify.com shop host: this token was not made by Shopify.`));
  }
  if (rules?.issPaths && !rules.issPaths.includes(reading.path)) {
    ok = false;
    checks.push(
      fail(
        C.issPath,
        `iss path ${show(reading.path || '/')} is not ${rules.issPaths.join(' or ')}, where ${rules.short} tokens come from: the token is of another kind; choose its family.`,
      ),
    );
  }
  if (ok) checks.push(pass(C.iss, `iss ${show(iss)} is on the same shop${rules?.issPaths ? ' and names the right surface' : ''}.`));
  return shop;
}

// ---- sub ----

export function readSubject(sub: string): TokenSubject {
  const customer = CUSTOMER_GID.exec(sub);
  if (customer?.[1] !== undefined) return { value: sub, kind: 'customer', customerId: customer[1] };
  if (USER_ID.test(sub)) return { value: sub, kind: 'user', userId: sub };
  return { value: sub, kind: 'other' };
}

function checkSubject(sub: unknown, rules: FamilyRules | undefined, checks: Check[]): TokenSubject | undefined {
  if (sub === undefined) {
    if (rules?.subRequired) {
      checks.push(fail(C.subMissing, `There is no sub: ${rules.short} tokens name the staff user there; this one was not made by Shopify.`));
    } else if (rules?.subKind === 'customer') {
      checks.push(pass(C.sub, 'No sub: no customer is signed in, or the app lacks access to protected customer data.'));
    }
    return undefined;
  }
  if (typeof sub !== 'string' || sub === '') {
    checks.push(fail(C.subFormat, `sub is ${typeof sub === 'string' ? 'empty' : kindOf(sub)}: Shopify writes it as a non-empty string.`));
    return undefined;
  }
  const subject = readSubject(sub);
  if (rules && subject.kind !== rules.subKind) {
    const expected = rules.subKind === 'user' ? 'a numeric staff user id' : 'a customer, "gid://shopify/Customer/<id>"';
    checks.push(warn(C.subFormat, `sub is ${show(sub)}; ${rules.short} tokens carry ${expected}: check the token's family.`));
  } else if (subject.kind === 'customer') {
    checks.push(pass(C.sub, `sub is customer ${subject.customerId ?? ''}.`));
  } else if (subject.kind === 'user') {
    checks.push(pass(C.sub, `sub is staff user ${subject.userId ?? ''}.`));
  } else {
    checks.push(pass(C.sub, `sub is ${show(sub)}.`));
  }
  return subject;
}

// ---- sid, jti ----

function checkIdentifiers(claims: JsonObject, rules: FamilyRules | undefined, checks: Check[]): void {
  const sid = claims['sid'];
  const sidOk = typeof sid === 'string' && sid !== '';
  if (sidOk) checks.push(PASS_SID);
  else if (sid !== undefined || rules?.sidRequired) {
    checks.push(
      fail(
        C.sidMissing,
        sid === undefined
          ? 'There is no sid: App Bridge ID tokens always carry the admin session id, and strict backends (Shopify\'s Python library) refuse tokens without it.'
          : `sid is ${typeof sid === 'string' ? 'empty' : kindOf(sid)}: it must be the admin session id as a string.`,
      ),
    );
  }

  const jti = claims['jti'];
  if (typeof jti === 'string' && jti !== '') {
    checks.push(PASS_JTI);
  } else {
    checks.push(
      fail(
        C.jtiMissing,
        jti === undefined
          ? 'There is no jti: Shopify gives every session token a unique id so a backend can refuse replays; this one was not made by Shopify.'
          : `jti is ${typeof jti === 'string' ? 'empty' : kindOf(jti)}: it must be a unique id string.`,
      ),
    );
  }
}
