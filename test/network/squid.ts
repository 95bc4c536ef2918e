// A real forward proxy for tests: Debian's squid, on a free loopback port, resolving the host
// names it is given from its own hosts file (nobody else can), optionally asking for a password.
// Tunnels are counted from squid's access log, which squid writes when a tunnel closes: read
// `tunnels()` after the client is done, or after `close()`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SQUID = '/usr/sbin/squid';

export interface SquidOptions {
  /** host name → address, known only to this proxy. */
  hosts: Record<string, string>;
  /** Answer 407 unless the client sends these Basic credentials. */
  credentials?: { user: string; password: string };
}

export interface Tunnel {
  method: string;
  /** host:port as asked, e.g. accounts.shopify.test:43121 */
  target: string;
  /** squid's answer to the client: 200, 407, 503… */
  status: number;
}

export interface Squid {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Every request squid has logged so far (a CONNECT is logged when its tunnel closes). */
  tunnels(): Tunnel[];
  /**
   * The first logged request that matches, waiting up to `timeoutMs` for squid to write it: a refused
   * CONNECT is logged only after the client has read the refusal, so on a busy machine it can lag.
   */
  logged(match: (tunnel: Tunnel) => boolean, timeoutMs?: number): Promise<Tunnel | undefined>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export async function startSquid(options: SquidOptions): Promise<Squid> {
  if (!existsSync(SQUID)) throw new Error(`${SQUID} is missing: run scripts/install-test-editor.sh (it installs the squid package)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squid-'));
  // squid drops root for its own user, which must write its log here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  writeFileSync(path.join(dir, 'hosts'), Object.entries(options.hosts).map(([name, address]) => `${address} ${name}\n`).join(''));
  const auth = options.credentials;
  if (auth) {
    // squid's own helper checks passwords from an htpasswd-style file (Apache MD5, made by openssl).
    const hash = execFileSync('openssl', ['passwd', '-apr1', auth.password], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(dir, 'passwords'), `${auth.user}:${hash}\n`);
  }
  const config = [
    `http_port 127.0.0.1:${port}`,
    `pid_filename ${dir}/squid.pid`,
    `cache_log ${dir}/cache.log`,
    'logformat tunnels %rm %ru %>Hs',
    `access_log stdio:${dir}/access.log tunnels`,
    'buffered_logs off',
    `hosts_file ${dir}/hosts`,
    // Only the hosts file: a name it lacks fails at once instead of waiting on real DNS.
    'dns_nameservers 127.0.0.1',
    'dns_timeout 2 seconds',
    'cache deny all',
    'cache_mem 8 MB',
    `coredump_dir ${dir}`,
    'netdb_filename none',
    'shutdown_lifetime 0 seconds',
    'cache_effective_user proxy',
    'acl CONNECT method CONNECT',
    ...(auth
      ? [`auth_param basic program /usr/lib/squid/basic_ncsa_auth ${dir}/passwords`, 'auth_param basic realm test proxy', 'acl signedIn proxy_auth REQUIRED', 'http_access deny !signedIn']
      : []),
    'http_access allow localhost',
    'http_access deny all',
  ].join('\n');
  writeFileSync(path.join(dir, 'squid.conf'), `${config}\n`);
  chmodSync(path.join(dir, 'hosts'), 0o644);

  const child: ChildProcess = spawn(SQUID, ['-N', '-f', path.join(dir, 'squid.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = existsSync(path.join(dir, 'cache.log')) ? readFileSync(path.join(dir, 'cache.log'), 'utf8') : '';
      throw new Error(`squid did not start on port ${port}: ${stderr}\n${log.split('\n').slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const logFile = path.join(dir, 'access.log');
  let closed: Promise<void> | undefined;
  const tunnels = (): Tunnel[] =>
    (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [method = '', target = '', status = '0'] = line.trim().split(/\s+/);
        return { method, target, status: Number(status) };
      })
      // The start-up probe connects and leaves without a request.
      .filter((tunnel) => tunnel.method !== '-');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    logged: async (match, timeoutMs = 10_000) => {
      for (const end = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 25))) {
        const found = tunnels().find(match);
        if (found !== undefined || Date.now() > end) return found;
      }
    },
    close: () =>
      (closed ??= (async () => {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      })()),
  };
}
