// A test certificate authority and server certificates made at test time with the openssl CLI:
// the good chain a user's machine trusts, and the bad ones a network can put in front of it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Certificate {
  /** PEM: the certificate, then any chain the server sends with it. */
  cert: string;
  key: string;
}

export interface TestCertificates {
  /** Where the files are, e.g. for NODE_EXTRA_CA_CERTS=<dir>/ca.crt. */
  dir: string;
  /** The trusted test authority (PEM); caFile is the same on disk. */
  ca: string;
  caFile: string;
  /** Signed by the trusted authority, for `host` and 127.0.0.1. */
  good: Certificate;
  /** The same, expired yesterday. */
  expired: Certificate;
  /** Signed by an authority nobody trusts; the server sends the leaf alone (unknown authority). */
  unknownAuthority: Certificate;
  /** A TLS-inspecting firewall: its own untrusted root sent along with the leaf (self-signed chain). */
  firewallChain: Certificate;
  /** A self-signed server certificate. */
  selfSigned: Certificate;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function authority(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name} test authority`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

function leaf(dir: string, name: string, host: string, ca: string, days: number): Certificate {
  writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=DNS:${host},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n`);
  openssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${host}`]);
  // A negative day count gives a certificate whose validity ended before now: expired.
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-set_serial', String(Date.now()),
    '-days', String(days), '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
  return { cert: read(dir, `${name}.crt`), key: read(dir, `${name}.key`) };
}

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

export function makeTestCertificates(host: string): TestCertificates {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'test-ca-'));
  authority(dir, 'trusted');
  authority(dir, 'stranger');
  authority(dir, 'firewall');
  const firewallLeaf = leaf(dir, 'firewall-leaf', host, 'firewall', 1);
  openssl(dir, ['req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.crt', '-days', '1', '-subj', `/CN=${host}`,
    '-addext', `subjectAltName=DNS:${host},IP:127.0.0.1`]);
  return {
    dir,
    ca: read(dir, 'trusted.crt'),
    caFile: path.join(dir, 'trusted.crt'),
    good: leaf(dir, 'good', host, 'trusted', 1),
    expired: leaf(dir, 'expired', host, 'trusted', -1),
    unknownAuthority: leaf(dir, 'unknown', host, 'stranger', 1),
    firewallChain: { cert: firewallLeaf.cert + read(dir, 'firewall.crt'), key: firewallLeaf.key },
    selfSigned: { cert: read(dir, 'self.crt'), key: read(dir, 'self.key') },
  };
}
