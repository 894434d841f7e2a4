// The pilot's HTTPS: `langnghe tls self-signed` issues a certificate for the server's LAN address that a phone can
// trust through ca.crt, and `serve` with TLS_CERT/TLS_KEY answers over HTTPS with that certificate.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newDatabaseEnv } from '../helpers/database-env.js';
import { tlsCommand } from '../../src/cli/tls-commands.js';
import { startServer } from '../helpers/cli-server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'langnghe-tls-'));
  dirs.push(dir);
  return dir;
}

function captured() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

/** GET over HTTPS trusting only `ca` (no system roots), resolving with status and headers. */
function httpsGet(url: string, ca: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    }).on('error', reject);
  });
}

describe('langnghe tls self-signed', () => {
  it('writes a server certificate for the LAN address and name, signed by a one-off authority for the phones', async () => {
    const out = join(tempDir(), 'tls');
    const { out: printed, io } = captured();
    expect(await tlsCommand(['self-signed', '--host', '192.168.1.10', '--host', 'pilot.lan', '--out', out], io)).toBe(
      0,
    );
    const [server, authority] = readFileSync(join(out, 'cert.pem'), 'utf8')
      .split(/(?<=-----END CERTIFICATE-----\n)/)
      .map((pem) => new X509Certificate(pem));
    const ca = new X509Certificate(readFileSync(join(out, 'ca.crt')));
    expect(server?.checkIP('192.168.1.10')).toBe('192.168.1.10');
    expect(server?.checkHost('pilot.lan')).toBe('pilot.lan');
    expect(server?.checkIP('192.168.1.11')).toBeUndefined();
    expect(server?.ca).toBe(false);
    expect(server?.verify(ca.publicKey)).toBe(true);
    expect(server?.checkPrivateKey(createPrivateKey(readFileSync(join(out, 'key.pem'))))).toBe(true);
    expect(ca.ca).toBe(true);
    expect(authority?.fingerprint256).toBe(ca.fingerprint256);
    expect(printed.stdout).toContain(ca.fingerprint256);
    // The authority's key is not kept: the certificate phones trust can vouch for nothing else.
    expect(readFileSync(join(out, 'ca.crt'), 'utf8')).not.toContain('PRIVATE KEY');
    expect(spawnSync('ls', ['-A', out], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort()).toEqual([
      'ca.crt',
      'cert.pem',
      'key.pem',
    ]);
  });

  it('refuses a bad host, a folder that already holds a certificate, and says what to do without openssl', async () => {
    const dir = tempDir();
    const bad = captured();
    expect(await tlsCommand(['self-signed', '--host', 'not a host!', '--out', dir], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('"not a host!" is neither an IP address nor a host name');

    writeFileSync(join(dir, 'cert.pem'), 'old');
    const taken = captured();
    expect(await tlsCommand(['self-signed', '--host', '10.0.0.2', '--out', dir], taken.io)).toBe(2);
    expect(taken.out.stderr).toContain('already holds cert.pem');
    expect(readFileSync(join(dir, 'cert.pem'), 'utf8')).toBe('old');

    const missing = captured();
    const code = await tlsCommand(['self-signed', '--host', '10.0.0.2', '--out', join(dir, 'new')], missing.io, {
      openssl: '/nonexistent/openssl',
    });
    expect(code).toBe(2);
    expect(missing.out.stderr).toContain('openssl was not found: install it');
  });
});

describe('serve with TLS_CERT and TLS_KEY', () => {
  it('answers over HTTPS with the certificate, HSTS and the upgrade of insecure requests', async () => {
    const dir = tempDir();
    const tls = join(dir, 'tls');
    expect(await tlsCommand(['self-signed', '--host', '127.0.0.1', '--out', tls], captured().io)).toBe(0);
    const database = await newDatabaseEnv(dir);
    const server = await startServer({
      ...process.env,
      ...database.env,
      SURVEYS_DIR: 'surveys',
      SCRYPT_COST: '1024',
      DEMO: '0',
      LOG_LEVEL: 'info',
      TLS_CERT: join(tls, 'cert.pem'),
      TLS_KEY: join(tls, 'key.pem'),
    });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await httpsGet(`${server.url}/login`, readFileSync(join(tls, 'ca.crt'), 'utf8'));
      expect(res.status).toBe(200);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      expect(String(res.headers['strict-transport-security'])).toContain('max-age=');
    } finally {
      server.stop();
    }
    await server.exited;
    await database.drop();
  });

  it('refuses to start with only one of the two files', () => {
    const res = spawnSync(process.execPath, ['bin/langnghe.js', 'serve'], {
      env: { ...process.env, DATABASE_PATH: join(tempDir(), 'db.sqlite'), TLS_CERT: 'cert.pem', PORT: '0' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('TLS_CERT, TLS_KEY: set both (PEM files) or neither');
  });
});
