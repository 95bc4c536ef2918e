/** Where the proxy settings come from, in the order VS Code's proxy support reads them. */
export interface ProxySources {
  /** The setting http.proxy. */
  readonly setting?: string;
  /** The setting http.noProxy. */
  readonly settingNoProxy?: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ProxyRoute {
  /** The proxy's address with any user name and password masked. */
  readonly proxy: string;
  /** "http.proxy" or the variable's name. */
  readonly source: string;
  /** The address carried a user name or password (masked in `proxy`). */
  readonly credentials: boolean;
}

const ENV_PROXY = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A proxy address fit for messages and reports: the user name and password become "***". */
export function maskProxy(raw: string): { text: string; credentials: boolean } {
  const value = raw.trim();
  // The user info runs to the last "@". A password typed as is may hold "@", "#" or "?", where a URL parser ends
  // the user info early and reads the rest of the password as host, path or fragment ("http://me:P@ss#1@proxy").
  const at = value.lastIndexOf('@');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0];
  const address = at >= 0 ? value.slice(at + 1) : value.slice(scheme?.length ?? 0);
  try {
    const text = new URL(`${scheme ?? 'http://'}${address}`).href.replace(/\/$/, '');
    if (at < 0) return { text, credentials: false };
    const userInfo = value.slice(scheme?.length ?? 0, at);
    return { text: text.replace('//', userInfo.includes(':') ? '//***:***@' : '//***@'), credentials: true };
  } catch {
    // Unreadable: keep only what cannot be a password.
    return { text: at >= 0 ? `***@${address}` : value, credentials: at >= 0 };
  }
}

/** NO_PROXY rules as curl and VS Code read them: "*", a host, ".domain" or "*.domain", each with an optional ":port". */
export function bypassesProxy(target: URL, rules: readonly string[]): boolean {
  const host = target.hostname.toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return rules.some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (rule === '') return false;
    if (rule === '*') return true;
    const [name = '', rulePort] = rule.replace(/^\*/, '').split(/:(?=\d+$)/);
    if (rulePort !== undefined && rulePort !== port) return false;
    const domain = name.replace(/^\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/**
 * The proxy VS Code's proxy support sends a request to `url` through, read from the same places in the same order:
 * loopback never; a host that http.noProxy names (or, when that setting is empty, NO_PROXY) goes direct; then the
 * setting http.proxy; then the HTTPS_PROXY family. A proxy the operating system configures is applied by VS Code
 * too, but is not visible here.
 */
export function proxyRoute(url: string, sources: ProxySources): ProxyRoute | undefined {
  const target = new URL(url);
  if (LOOPBACK.has(target.hostname)) return undefined;
  const settingRules = (sources.settingNoProxy ?? []).filter((rule) => rule.trim() !== '');
  const rules = settingRules.length > 0 ? settingRules : (sources.env['no_proxy'] ?? sources.env['NO_PROXY'] ?? '').split(',');
  if (bypassesProxy(target, rules)) return undefined;
  const setting = sources.setting?.trim();
  if (setting) return route(setting, 'http.proxy');
  const name = ENV_PROXY.find((key) => sources.env[key]?.trim());
  return name ? route(sources.env[name] ?? '', name) : undefined;
}

function route(value: string, source: string): ProxyRoute {
  const { text, credentials } = maskProxy(value.trim());
  return { proxy: text, source, credentials };
}
