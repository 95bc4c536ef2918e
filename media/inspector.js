// Token inspector webview. Every value from the token is placed with textContent: nothing is parsed as HTML.
// Nothing is stored with setState: the decoded claims live only as long as this page.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  let timer = undefined;
  let current = undefined;

  // The page's words come localised from the extension with each report (message.text); {0} is filled in here.
  let TEXT = {};
  function t(key) {
    const args = Array.prototype.slice.call(arguments, 1);
    const text = TEXT[key] === undefined ? key : TEXT[key];
    return text.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
  }
  const FAMILIES = [
    ['', 'familyAuto'],
    ['admin', 'familyAdmin'],
    ['checkout', 'familyCheckout'],
    ['customer-account', 'familyCustomerAccount'],
    ['pos', 'familyPos'],
  ];
  const ICON = { pass: '✓', fail: '✗', warn: '!' };
  const SIGNATURE = { verified: 'sigVerified', mismatch: 'sigMismatch', 'not-checked': 'sigNotChecked', unsupported: 'sigUnsupported' };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function section(title) {
    const s = el('section');
    s.appendChild(el('h2', '', title));
    return s;
  }

  function row(table, label, value) {
    const tr = el('tr');
    tr.appendChild(el('th', '', label));
    const td = el('td');
    if (value instanceof Node) td.appendChild(value);
    else td.textContent = value === undefined || value === null ? '—' : String(value);
    tr.appendChild(td);
    table.appendChild(tr);
    return td;
  }

  function duration(seconds) {
    const s = Math.abs(seconds);
    if (s < 120) return t('seconds', Math.round(s));
    if (s < 7200) return t('minutes', Math.round(s / 60));
    if (s < 172800) return t('hours', Math.round(s / 3600));
    return t('days', Math.round(s / 86400));
  }

  function localInputValue(epochSeconds) {
    const d = new Date(epochSeconds * 1000);
    const p = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
  }

  /** The live line under the verdict: how long until (or since) expiry, by this machine's clock. */
  function countdownText(report) {
    const exp = report.times && report.times.exp;
    if (!exp) return t('noExp');
    const left = exp.epochSeconds - Date.now() / 1000;
    const nbf = report.times.nbf;
    if (nbf && nbf.epochSeconds > Date.now() / 1000) return t('notYet', duration(nbf.epochSeconds - Date.now() / 1000), duration(left));
    const leeway = report.leewaySeconds || 0;
    const text = left > 0
      ? t('expiresIn', duration(left))
      : left > -leeway
        ? t('expiredLeeway', duration(left), duration(leeway + left))
        : t('expiredAgo', duration(left));
    return report.asOf.isNow ? text : t('byThisClock', text.charAt(0).toLowerCase() + text.slice(1));
  }

  /** "in 40 s" / "2 min ago", from this machine's clock now. */
  function relativeNow(epochSeconds) {
    const delta = epochSeconds - Date.now() / 1000;
    if (Math.abs(delta) < 1) return t('relNow');
    return delta > 0 ? t('relIn', duration(delta)) : t('relAgo', duration(delta));
  }

  /**
   * The verdict badge, re-judged as time passes when the report was made for "now": a valid token whose
   * exp (plus the leeway the checks allowed) has passed reads Expired, never Valid beside "Expired … ago".
   * A report made "as of" another time keeps that time's verdict and says so.
   */
  function verdict(report) {
    const exp = report.times && report.times.exp;
    const expiredNow = report.asOf.isNow && exp && Date.now() / 1000 > exp.epochSeconds + (report.leewaySeconds || 0);
    if (report.mode === 'decode') return { text: t(expiredNow ? 'badgeDecodedExpired' : 'badgeDecoded'), cls: 'decoded' };
    if (report.valid && expiredNow) return { text: t('badgeExpired'), cls: 'invalid' };
    return { text: t(report.valid ? 'badgeValid' : 'badgeInvalid'), cls: report.valid ? 'valid' : 'invalid' };
  }

  function render(message) {
    const report = message.report;
    TEXT = message.text || {};
    current = message;
    if (timer !== undefined) clearInterval(timer);
    app.replaceChildren();

    // Verdict
    const first = verdict(report);
    const head = el('header', 'verdict ' + first.cls);
    const badge = el('span', 'badge', first.text);
    head.appendChild(badge);
    if (!report.asOf.isNow) head.appendChild(el('span', 'as-of', t('asOfBadge', report.asOf.utc)));
    head.appendChild(el('h1', '', report.familyInfo.label));
    head.appendChild(el('p', 'muted', report.name));
    const countdown = el('p', 'countdown', countdownText(report));
    head.appendChild(countdown);
    app.appendChild(head);

    app.appendChild(el('p', 'summary', report.summary));
    // The checks are a judgement made once; say when, so they never read as live beside the countdown.
    const judged = el('p', 'judged muted', t(report.asOf.isNow ? 'judgedLive' : 'judged', report.asOf.utc));
    app.appendChild(judged);

    // Controls
    const controls = el('form', 'controls');
    controls.addEventListener('submit', (e) => e.preventDefault());
    const asOfLabel = el('label', '', t('asOfLabel'));
    const asOf = el('input');
    asOf.type = 'datetime-local';
    asOf.step = '1';
    if (message.at !== null) asOf.value = localInputValue(message.at);
    asOfLabel.appendChild(asOf);
    const nowButton = el('button', 'secondary', t('now'));
    nowButton.type = 'button';
    nowButton.addEventListener('click', () => {
      asOf.value = '';
    });
    asOfLabel.appendChild(nowButton);
    controls.appendChild(asOfLabel);

    const familyLabel = el('label', '', t('familyLabel'));
    const family = el('select');
    for (const [value, text] of FAMILIES) {
      const option = el('option', '', t(text));
      option.value = value;
      if ((message.family || '') === value) option.selected = true;
      family.appendChild(option);
    }
    familyLabel.appendChild(family);
    controls.appendChild(familyLabel);

    const verify = el('button', 'primary', t(message.busy ? 'verifying' : report.mode === 'verify' ? 'reverify' : 'verifyWithSecret'));
    verify.type = 'submit';
    verify.disabled = message.busy === true;
    verify.addEventListener('click', () => {
      const at = asOf.value === '' ? null : new Date(asOf.value).getTime() / 1000;
      vscode.postMessage({ type: 'verify', at: at === null || Number.isFinite(at) ? at : null, family: family.value === '' ? null : family.value });
    });
    controls.appendChild(verify);
    const secrets = el('button', 'secondary', t('manageSecrets'));
    secrets.type = 'button';
    secrets.addEventListener('click', () => vscode.postMessage({ type: 'manageSecrets' }));
    controls.appendChild(secrets);
    if (message.clientId !== null) {
      controls.appendChild(el('p', 'muted', t(message.hasSecret ? 'clientIdStored' : 'clientIdNoSecret', message.clientId)));
    }
    app.appendChild(controls);

    // Signature, apart from the checks
    const sig = section(t('signature'));
    const sigLine = el('p', 'signature ' + report.signature.status);
    const sigLabel = SIGNATURE[report.signature.status] ? t(SIGNATURE[report.signature.status]) : report.signature.status;
    sigLine.appendChild(el('strong', '', report.signature.matched ? t('matchedSecret', sigLabel, report.signature.matched) : t('unmatched', sigLabel)));
    // Messages of an unchecked signature open with the verdict the label already gives; say it once.
    const detail = report.signature.status === 'verified' || report.signature.status === 'mismatch'
      ? report.signature.message
      : report.signature.message.replace(/^Signature not (verified|checked): /, '');
    sigLine.appendChild(document.createTextNode(detail));
    sig.appendChild(sigLine);
    app.appendChild(sig);

    // Checks
    const checks = section(t('checks'));
    const counts = { pass: 0, fail: 0, warn: 0 };
    for (const c of report.checks) counts[c.status] = (counts[c.status] || 0) + 1;
    checks.appendChild(el('p', 'muted', t('counts', counts.fail, counts.warn, counts.pass, report.leewaySeconds)));
    const list = el('ul', 'checks');
    const order = { fail: 0, warn: 1, pass: 2 };
    const sorted = report.checks.slice().sort((a, b) => order[a.status] - order[b.status]);
    for (const c of sorted) {
      const li = el('li', 'check ' + c.status);
      li.appendChild(el('span', 'icon', ICON[c.status] || '?'));
      li.appendChild(el('code', 'code', c.code));
      li.appendChild(el('span', 'message', c.message));
      list.appendChild(li);
    }
    checks.appendChild(list);
    app.appendChild(checks);

    // Token facts
    const facts = section(t('token'));
    const table = el('table');
    row(table, t('rowFamily'), report.familyInfo.candidates.length > 1 ? t('couldAlsoBe', report.familyInfo.label, report.familyInfo.candidates.slice(1).join(', ')) : report.familyInfo.label);
    row(table, t('rowWhy'), report.familyInfo.reason);
    row(table, t('rowShop'), report.shop);
    const subject = report.subject;
    row(table, t('rowSubject'), subject ? (subject.customerId ? t('customer', subject.customerId, subject.value) : subject.userId ? t('staffUser', subject.userId) : subject.value) : t('none'));
    row(table, t('rowAsOf'), report.asOf.isNow ? t('asOfNow', report.asOf.utc) : report.asOf.utc + ' · ' + report.asOf.local);
    facts.appendChild(table);
    app.appendChild(facts);

    // Times
    const times = section(t('times'));
    const tt = el('table');
    const head2 = el('tr');
    for (const h of ['', t('utc'), t('local'), report.asOf.isNow ? t('relativeLive') : t('relativeTo', report.asOf.utc)]) head2.appendChild(el('th', '', h));
    tt.appendChild(head2);
    const liveCells = [];
    for (const name of ['exp', 'nbf', 'iat']) {
      const t = report.times[name];
      const tr = el('tr');
      tr.appendChild(el('th', '', name));
      tr.appendChild(el('td', '', t ? t.utc : '—'));
      tr.appendChild(el('td', '', t ? t.local : '—'));
      const cell = el('td', '', t ? (report.asOf.isNow ? relativeNow(t.epochSeconds) : t.relative) : '—');
      if (t && report.asOf.isNow) liveCells.push([cell, t.epochSeconds]);
      tr.appendChild(cell);
      tt.appendChild(tr);
    }
    times.appendChild(tt);
    app.appendChild(times);

    timer = setInterval(() => {
      countdown.textContent = countdownText(report);
      const now = verdict(report);
      if (badge.textContent !== now.text) {
        badge.textContent = now.text;
        head.className = 'verdict ' + now.cls;
      }
      for (const [cell, epochSeconds] of liveCells) cell.textContent = relativeNow(epochSeconds);
    }, 1000);

    if (report.inputChanges.length > 0) {
      const changes = section(t('inputCleanUp'));
      const ul = el('ul');
      for (const c of report.inputChanges) ul.appendChild(el('li', '', c));
      changes.appendChild(ul);
      app.appendChild(changes);
    }

    for (const [title, value] of [[t('header'), report.header], [t('claims'), report.claims]]) {
      const s = section(title);
      s.appendChild(el('pre', 'json', value === undefined ? t('unreadable') : JSON.stringify(value, null, 2)));
      app.appendChild(s);
    }
    app.appendChild(el('p', 'muted', t('readOnly')));
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'report' && message.report) render(message);
  });
  vscode.postMessage({ type: 'ready' });
})();
