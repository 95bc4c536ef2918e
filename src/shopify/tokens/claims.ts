import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import { CHECK_CODES as C, fail, pass, warn, type CheckCode } from './checks';
import { FAMILY_RULES, type FamilyRules } from './families';
import type { Check, FamilyGuess, JsonObject, TimeView, TokenSubject, TokenTimes } from './report';
import { readDest, readIss, isShopHost, type DestProblem } from './shop';
import { kindOf, kindOrEmpty, orList, show } from './show';
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

// Passing checks whose text never varies are made once, on first use in each language (perLanguage), and shared by every report, frozen so no report can change another's.
const PASS_AUD = perLanguage(() => Object.freeze(pass(C.aud, l10n.t('aud matches the app\'s client id.'))));
const PASS_SID = perLanguage(() => Object.freeze(pass(C.sid, l10n.t('sid (the admin session id) is present.'))));
const PASS_JTI = perLanguage(() => Object.freeze(pass(C.jti, l10n.t('jti (the token\'s unique id, for refusing replays) is present.'))));

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
      warn(C.family, l10n.t('Not recognisably a Shopify session token ({0}): check where it came from.', guess.reason.replace(/\.$/, ''))),
    );
  } else if (guess.family === 'pos' && !ctx.familyHinted) {
    checks.push(
      warn(
        C.family,
        l10n.t('Read as a POS token because it has no sid. If it came from App Bridge (shopify.idToken()), it lacks the sid admin tokens carry: choose the family to check it as that kind.'),
      ),
    );
  } else {
    let check = RECOGNISED.get(guess);
    if (check === undefined) {
      check = Object.freeze(pass(C.family, l10n.t('Recognised as: {0}. {1}', guess.label, guess.reason)));
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
      checks.push(warn(codes.missing, l10n.t('There is no iat, so the lifetime cannot be checked: Shopify puts the issue time in every session token.')));
    } else {
      checks.push(
        fail(
          codes.missing,
          name === 'exp'
            ? l10n.t('There is no exp, so the token would never expire: refuse it; every Shopify session token has one.')
            : l10n.t('There is no nbf: every Shopify session token has one; this one was not made by Shopify.'),
        ),
      );
    }
    return undefined;
  }
  if (typeof value !== 'number') {
    checks.push(
      fail(
        codes.type,
        l10n.t('{0} is {1} ({2}), not a number of seconds: libraries read such values differently; Shopify always writes a number.', name, kindOf(value), show(value)),
      ),
    );
    return undefined;
  }
  if (!Number.isFinite(value)) {
    checks.push(
      fail(
        codes.notFinite,
        l10n.t('{0} is a number too large to represent (like 1e309, read as {1}): it would make the token valid forever; refuse it.', name, value),
      ),
    );
    return undefined;
  }
  return value;
}

// Module functions rather than closures made for every token: checkTimes runs once per verification.
function ago(delta: number, ctx: ClaimContext): string {
  return ctx.asOfIsNow ? l10n.t('{0} ago', formatDuration(delta)) : l10n.t('{0} before the as-of time', formatDuration(delta));
}

function ahead(delta: number, ctx: ClaimContext): string {
  return ctx.asOfIsNow ? l10n.t('in {0}', formatDuration(delta)) : l10n.t('{0} after the as-of time', formatDuration(delta));
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

  const inMilliseconds = isMilliseconds(exp) || isMilliseconds(nbf) || isMilliseconds(iat) ? (['exp', 'nbf', 'iat'] as const).filter((_, i) => isMilliseconds([exp, nbf, iat][i])) : [];
  if (inMilliseconds.length > 0) {
    checks.push(
      warn(
        C.msTimestamp,
        inMilliseconds.length === 1
          ? l10n.t('{0} looks like milliseconds, not seconds: whatever made this token used Date.now() without dividing by 1000; Shopify\'s tokens use seconds.', inMilliseconds.join(', '))
          : l10n.t('{0} look like milliseconds, not seconds: whatever made this token used Date.now() without dividing by 1000; Shopify\'s tokens use seconds.', inMilliseconds.join(', ')),
      ),
    );
  }

  if (exp !== undefined) {
    // Same rule as jose's clockTolerance: refused once exp <= asOf - leeway.
    if (exp <= asOf - leeway) {
      checks.push(
        fail(
          C.expExpired,
          rules
            ? l10n.t('Expired {0} (exp {1}, {2} s leeway): fetch a fresh token with {3} for each request.', agoText(exp, times.exp, ctx), at(exp, times.exp), leeway, rules.freshTokenCall)
            : l10n.t('Expired {0} (exp {1}, {2} s leeway): fetch a fresh token for each request.', agoText(exp, times.exp, ctx), at(exp, times.exp), leeway),
        ),
      );
    } else if (exp <= asOf) {
      checks.push(
        warn(
          C.expExpired,
          rules
            ? l10n.t('Expired {0} (exp {1}) but still inside the {2} s leeway; a backend with less leeway refuses it: fetch a fresh token with {3} for each request.', agoText(exp, times.exp, ctx), at(exp, times.exp), leeway, rules.freshTokenCall)
            : l10n.t('Expired {0} (exp {1}) but still inside the {2} s leeway; a backend with less leeway refuses it: fetch a fresh token for each request.', agoText(exp, times.exp, ctx), at(exp, times.exp), leeway),
        ),
      );
    } else {
      checks.push(pass(C.exp, l10n.t('Expires {0} (exp {1}).', aheadText(exp, times.exp, ctx), at(exp, times.exp))));
    }
  }

  const millis = (name: 'nbf' | 'iat', value: number): string =>
    l10n.t('{0} is {1}, a time in milliseconds ({2} read as seconds): it must be seconds; the token was not made by Shopify.', name, value, at(value, times[name]));

  if (nbf !== undefined) {
    // jose's rule: refused while nbf > asOf + leeway.
    if (nbf > asOf + leeway && nbf > MILLISECONDS_THRESHOLD) {
      checks.push(fail(C.nbfFuture, millis('nbf', nbf)));
    } else if (nbf > asOf + leeway) {
      checks.push(
        fail(
          C.nbfFuture,
          l10n.t('Not valid for {0} more (nbf {1}, {2} s leeway): the clocks differ; sync this machine\'s and the server\'s clocks (NTP).', formatDuration(nbf - asOf), at(nbf, times.nbf), leeway),
        ),
      );
    } else if (nbf > asOf) {
      checks.push(
        warn(
          C.nbfFuture,
          l10n.t('Not valid for {0} more (nbf {1}), accepted only thanks to the {2} s leeway: the clocks differ slightly; sync them (NTP).', formatDuration(nbf - asOf), at(nbf, times.nbf), leeway),
        ),
      );
    } else {
      checks.push(pass(C.nbf, l10n.t('Valid since {0} (nbf {1}).', agoText(nbf, times.nbf, ctx), at(nbf, times.nbf))));
    }
  }

  if (iat !== undefined) {
    if (iat > asOf + leeway && iat > MILLISECONDS_THRESHOLD) {
      checks.push(fail(C.iatFuture, millis('iat', iat)));
    } else if (iat > asOf + leeway) {
      checks.push(
        fail(
          C.iatFuture,
          l10n.t('Issued {0} in the future (iat {1}, {2} s leeway): the clocks differ; sync this machine\'s and the server\'s clocks (NTP).', formatDuration(iat - asOf), at(iat, times.iat), leeway),
        ),
      );
    } else {
      checks.push(pass(C.iat, iat > asOf ? l10n.t('Issued {0}, inside the {1} s leeway.', aheadText(iat, times.iat, ctx), leeway) : l10n.t('Issued {0} (iat {1}).', agoText(iat, times.iat, ctx), at(iat, times.iat))));
    }
  }

  if (exp !== undefined && ((nbf !== undefined && exp <= nbf) || (iat !== undefined && exp <= iat))) {
    checks.push(
      fail(
        C.window,
        nbf !== undefined && exp <= nbf
          ? l10n.t('exp is not after nbf, so the token is never valid: it was not made by Shopify.')
          : l10n.t('exp is not after iat, so the token is never valid: it was not made by Shopify.'),
      ),
    );
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
      l10n.t('Lives {0} (exp - {1}); Shopify issues {2} tokens for {3}: it was made by something else, or is not the kind it looks like.', formatDuration(lifetime), from, rules.short, formatDuration(rules.lifetimeSeconds)),
    );
  }
  return pass(C.lifetime, l10n.t('Lives {0}, within the {1} Shopify gives {2} tokens.', formatDuration(lifetime), formatDuration(rules.lifetimeSeconds), rules.short));
}

// An issuer gives all its tokens one lifetime (Shopify: 60 s for admin tokens), so the lifetime check of each family,
// lifetime and starting claim is made once, frozen and shared, like the other passing checks.
const LIFETIMES = l10n.perLanguage(() => new Map<FamilyRules, { iat: Map<number, Check>; nbf: Map<number, Check> }>());
const MAX_LIFETIMES = 32;

function lifetimeCheck(lifetime: number, from: 'iat' | 'nbf', rules: FamilyRules): Check {
  const lifetimes = LIFETIMES();
  let byStart = lifetimes.get(rules);
  if (byStart === undefined) {
    byStart = { iat: new Map(), nbf: new Map() };
    lifetimes.set(rules, byStart);
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
    checks.push(fail(C.audMissing, l10n.t('There is no aud: Shopify puts the app\'s client id there; without it the token could be meant for any app.')));
    return;
  }
  if (Array.isArray(aud)) {
    checks.push(
      fail(
        C.audArray,
        aud.length === 1
          ? l10n.t('aud is a list of 1 value: Shopify names one app as a single string; libraries that accept any member would take a token meant for several apps.')
          : l10n.t('aud is a list of {0} values: Shopify names one app as a single string; libraries that accept any member would take a token meant for several apps.', aud.length),
      ),
    );
    return;
  }
  if (typeof aud !== 'string' || aud === '') {
    checks.push(fail(C.audType, l10n.t('aud is {0}: it must be your app\'s client id as a string.', kindOrEmpty(aud))));
    return;
  }
  if (clientId === undefined || clientId === '') {
    checks.push(pass(C.aud, l10n.t('aud names client id {0}; verify to compare it with your app\'s.', show(aud))));
  } else if (aud === clientId) {
    checks.push(PASS_AUD());
  } else {
    checks.push(
      fail(
        C.aud,
        aud.trim().toLowerCase() === clientId.trim().toLowerCase()
          ? l10n.t('aud is {0} but the client id is {1} (they differ only in case or spaces: compare exactly): the token was issued to another app; verify with that app\'s client id and secret, or get the token from this app.', show(aud), show(clientId))
          : l10n.t('aud is {0} but the client id is {1}: the token was issued to another app; verify with that app\'s client id and secret, or get the token from this app.', show(aud), show(clientId)),
      ),
    );
  }
}

// ---- dest and iss ----

function checkDestAndIss(claims: JsonObject, rules: FamilyRules | undefined, checks: Check[]): string | undefined {
  const dest = claims['dest'];
  let shop: string | undefined;
  if (dest === undefined || dest === '') {
    checks.push(fail(C.destMissing, l10n.t('There is no dest: Shopify always names the shop there, and without it the token cannot be tied to a shop.')));
  } else if (typeof dest !== 'string') {
    checks.push(fail(C.destType, l10n.t('dest is {0}: it must name the shop, like "my-store.myshopify.com".', kindOf(dest))));
  } else {
    const reading = readDest(dest);
    if (!reading.ok) {
      checks.push(fail(reading.rule === 'host' ? C.destHost : C.destFormat, destProblem(reading.problem, show(dest))));
    } else {
      shop = reading.host;
      if (rules && reading.form !== rules.destForm) {
        const expected = rules.destForm === 'origin' ? `"https://${reading.host}"` : `"${reading.host}"`;
        checks.push(
          fail(C.destForm, l10n.t('dest is {0}; {1} tokens write it as {2}: this token is of another kind; choose its family.', show(dest), rules.short, expected)),
        );
      } else {
        checks.push(pass(C.dest, l10n.t('dest names the shop {0}.', reading.host)));
      }
    }
  }

  const iss = claims['iss'];
  if (iss === undefined) {
    if (rules?.issRequired) {
      checks.push(fail(C.issMissing, l10n.t('There is no iss: {0} tokens carry "https://<shop>{1}"; this one was not made by Shopify.', rules.short, rules.issPaths?.[0] ?? '')));
    } else if (rules) {
      checks.push(pass(C.iss, l10n.t('No iss (optional for {0} tokens).', rules.short)));
    }
    return shop;
  }
  if (typeof iss !== 'string') {
    checks.push(fail(C.issFormat, l10n.t('iss is {0}: it must be the shop\'s https address.', kindOf(iss))));
    return shop;
  }
  const reading = readIss(iss);
  if (!reading.ok) {
    checks.push(
      fail(
        C.issFormat,
        reading.problem === 'http'
          ? l10n.t('iss {0} uses http, not https: Shopify writes "https://<shop>/<surface>".', show(iss))
          : l10n.t('iss {0} is not an https address without query or fragment: Shopify writes "https://<shop>/<surface>".', show(iss)),
      ),
    );
    return shop;
  }
  let ok = true;
  if (shop !== undefined && reading.host !== shop) {
    ok = false;
    checks.push(fail(C.issHost, l10n.t('iss is on {0} but dest names {1}: the token mixes two shops; refuse it.', show(reading.host), shop)));
  } else if (shop === undefined && !isShopHost(reading.host)) {
    ok = false;
    checks.push(fail(C.issHost, l10n.t('iss is on {0}, not a *.myshopify.com shop host: this token was not made by Shopify.', show(reading.host))));
  }
  if (rules?.issPaths && !rules.issPaths.includes(reading.path)) {
    ok = false;
    checks.push(
      fail(
        C.issPath,
        l10n.t('iss path {0} is not {1}, where {2} tokens come from: the token is of another kind; choose its family.', show(reading.path || '/'), orList(rules.issPaths), rules.short),
      ),
    );
  }
  if (ok) checks.push(pass(C.iss, rules?.issPaths ? l10n.t('iss {0} is on the same shop and names the right surface.', show(iss)) : l10n.t('iss {0} is on the same shop.', show(iss))));
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
      checks.push(fail(C.subMissing, l10n.t('There is no sub: {0} tokens name the staff user there; this one was not made by Shopify.', rules.short)));
    } else if (rules?.subKind === 'customer') {
      checks.push(pass(C.sub, l10n.t('No sub: no customer is signed in, or the app lacks access to protected customer data.')));
    }
    return undefined;
  }
  if (typeof sub !== 'string' || sub === '') {
    checks.push(fail(C.subFormat, l10n.t('sub is {0}: Shopify writes it as a non-empty string.', kindOrEmpty(sub))));
    return undefined;
  }
  const subject = readSubject(sub);
  if (rules && subject.kind !== rules.subKind) {
    checks.push(
      warn(
        C.subFormat,
        rules.subKind === 'user'
          ? l10n.t('sub is {0}; {1} tokens carry a numeric staff user id: check the token\'s family.', show(sub), rules.short)
          : l10n.t('sub is {0}; {1} tokens carry a customer, "gid://shopify/Customer/<id>": check the token\'s family.', show(sub), rules.short),
      ),
    );
  } else if (subject.kind === 'customer') {
    checks.push(pass(C.sub, l10n.t('sub is customer {0}.', subject.customerId ?? '')));
  } else if (subject.kind === 'user') {
    checks.push(pass(C.sub, l10n.t('sub is staff user {0}.', subject.userId ?? '')));
  } else {
    checks.push(pass(C.sub, l10n.t('sub is {0}.', show(sub))));
  }
  return subject;
}

// ---- sid, jti ----

function checkIdentifiers(claims: JsonObject, rules: FamilyRules | undefined, checks: Check[]): void {
  const sid = claims['sid'];
  const sidOk = typeof sid === 'string' && sid !== '';
  if (sidOk) checks.push(PASS_SID());
  else if (sid !== undefined || rules?.sidRequired) {
    checks.push(
      fail(
        C.sidMissing,
        sid === undefined
          ? l10n.t('There is no sid: App Bridge ID tokens always carry the admin session id, and strict backends (Shopify\'s Python library) refuse tokens without it.')
          : l10n.t('sid is {0}: it must be the admin session id as a string.', kindOrEmpty(sid)),
      ),
    );
  }

  const jti = claims['jti'];
  if (typeof jti === 'string' && jti !== '') {
    checks.push(PASS_JTI());
  } else {
    checks.push(
      fail(
        C.jtiMissing,
        jti === undefined
          ? l10n.t('There is no jti: Shopify gives every session token a unique id so a backend can refuse replays; this one was not made by Shopify.')
          : l10n.t('jti is {0}: it must be a unique id string.', kindOrEmpty(jti)),
      ),
    );
  }
}

function destProblem(problem: DestProblem, dest: string): string {
  switch (problem) {
    case 'http':
      return l10n.t('dest {0} uses http, not https: a Shopify token names the shop\'s *.myshopify.com host.', dest);
    case 'not-a-shop-address':
      return l10n.t('dest {0} is an address with a path, query or unexpected scheme, not a shop: a Shopify token names the shop\'s *.myshopify.com host.', dest);
    case 'path':
      return l10n.t('dest {0} has a path or query; it should name only the shop: a Shopify token names the shop\'s *.myshopify.com host.', dest);
    case 'capitals':
      return l10n.t('dest {0} has capital letters; Shopify writes shop hosts in lower case: a Shopify token names the shop\'s *.myshopify.com host.', dest);
    case 'not-a-shop-host':
      return l10n.t('dest {0} is not a *.myshopify.com shop host: a Shopify token names the shop\'s *.myshopify.com host.', dest);
  }
}
